import type { AssistancePeriodKind, AssistanceTarget } from '../../platform/db/schema.js';
import type { Rules } from './rules.js';

/**
 * The kinds of aid a village keeps a list for, with what each usually is: the unit it goes
 * to, how often it is paid, the fund and the rules a new programme starts from (the officer
 * may change them). BLT Dana Desa: Rp300.000 a month per household, desil 1 first, then
 * desil 2–4, then the village's own criteria; not for households already on PKH.
 */
type Label = { id: string; en: string };
const L = (id: string, en: string): Label => ({ id, en });

export interface Kind {
  kind: string;
  label: Label;
  target: AssistanceTarget;
  period_kind: AssistancePeriodKind;
  periods: number;
  amount: number;
  fund: string;
  rules: Rules;
  /** National and regional programmes are counted once across villages by kind (and, for regional aid, by name). */
  across: 'kind' | 'name' | 'village';
}

const villageCriteria: Rules['criteria'] = [{ key: 'disabled_member' }, { key: 'chronic_illness' }, { key: 'single_elderly', age: 60 }, { key: 'no_worker' }];

export const KINDS: Kind[] = [
  { kind: 'BLT-DD', label: L('BLT Dana Desa', 'BLT Dana Desa (village fund cash aid)'), target: 'household', period_kind: 'month', periods: 12, amount: 300_000, fund: 'DDS', across: 'kind',
    rules: { criteria: [{ key: 'desil', max: 4 }, ...villageCriteria], exclusions: [{ key: 'receives', kind: 'PKH' }, { key: 'official' }] } },
  { kind: 'PKH', label: L('PKH (Program Keluarga Harapan)', 'PKH (conditional cash transfer)'), target: 'family', period_kind: 'quarter', periods: 4, amount: 750_000, fund: 'APBN', across: 'kind',
    rules: { criteria: [{ key: 'desil', max: 4 }], exclusions: [{ key: 'official' }] } },
  { kind: 'BPNT', label: L('BPNT / Sembako', 'BPNT / food aid'), target: 'family', period_kind: 'month', periods: 12, amount: 200_000, fund: 'APBN', across: 'kind',
    rules: { criteria: [{ key: 'desil', max: 4 }], exclusions: [{ key: 'official' }] } },
  { kind: 'PBI-JK', label: L('PBI-JK (iuran BPJS Kesehatan dibayar negara)', 'PBI-JK (state-paid health insurance)'), target: 'person', period_kind: 'year', periods: 1, amount: 0, fund: 'APBN', across: 'kind',
    rules: { criteria: [{ key: 'desil', max: 5 }], exclusions: [{ key: 'official' }] } },
  { kind: 'PROV', label: L('Bantuan provinsi', 'Province aid'), target: 'household', period_kind: 'year', periods: 1, amount: 0, fund: 'APBD-PROV', across: 'name',
    rules: { criteria: [{ key: 'desil', max: 4 }], exclusions: [{ key: 'official' }] } },
  { kind: 'KAB', label: L('Bantuan kabupaten/kota', 'Regency aid'), target: 'household', period_kind: 'year', periods: 1, amount: 0, fund: 'APBD-KAB', across: 'name',
    rules: { criteria: [{ key: 'desil', max: 4 }], exclusions: [{ key: 'official' }] } },
  { kind: 'DESA', label: L('Bantuan desa (dana desa sendiri)', 'The village\'s own aid'), target: 'household', period_kind: 'year', periods: 1, amount: 0, fund: 'PAD', across: 'village',
    rules: { criteria: villageCriteria, exclusions: [{ key: 'official' }] } },
];
export const kindOf = (kind: string) => KINDS.find((k) => k.kind === kind);

export const TARGETS: Record<AssistanceTarget, Label> = {
  household: L('Rumah tangga', 'Household'),
  family: L('Keluarga (KK)', 'Family (KK)'),
  person: L('Perorangan', 'Person'),
};
export const PERIOD_KINDS: Record<AssistancePeriodKind, { label: Label; max: number; name: (n: number) => Label }> = {
  month: { label: L('Bulanan', 'Monthly'), max: 12, name: (n) => L(`Bulan ke-${n}`, `Month ${n}`) },
  quarter: { label: L('Triwulan', 'Quarterly'), max: 4, name: (n) => L(`Triwulan ${n}`, `Quarter ${n}`) },
  year: { label: L('Tahunan', 'Yearly'), max: 1, name: () => L('Tahunan', 'Yearly') },
};
export const FUNDS: [string, Label][] = [
  ['DDS', L('Dana Desa (DDS)', 'Village Fund (DDS)')], ['ADD', L('Alokasi Dana Desa (ADD)', 'Village Fund Allocation (ADD)')], ['PAD', L('Pendapatan asli desa', 'Village own income')],
  ['APBN', L('APBN (pemerintah pusat)', 'National budget')], ['APBD-PROV', L('APBD provinsi', 'Province budget')], ['APBD-KAB', L('APBD kabupaten/kota', 'Regency budget')], ['LAIN', L('Lainnya', 'Other')],
];

/**
 * The key a benefit is counted once under, across villages: the kind for national aid, the
 * kind and name for a province's or regency's aid (two of their programmes are told apart by
 * name), the village and the name for a village's own aid (no other village pays it).
 */
export function claimKeyOf(kind: Kind, name: string, village: string): string {
  const named = name.toLowerCase().replace(/\s+/g, ' ').trim();
  if (kind.across === 'kind') return kind.kind;
  if (kind.across === 'name') return `${kind.kind}:${named}`;
  return `${kind.kind}:${village}:${named}`;
}
