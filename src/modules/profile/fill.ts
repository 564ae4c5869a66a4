import { formatDate } from '../../platform/format/format.js';
import { KIND_LABEL } from '../regions/index.js';
import type { StatRow } from '../population/statistics/index.js';
import type { Permission } from '../../platform/access/permissions.js';
import { SECTIONS, type Figure, type Indicator, type Section } from './catalog.js';
import type { ProfileSources } from './sources.js';

/**
 * The catalogue filled for one village and year: every item with its value and where the value
 * comes from. Pure: the figures were read by `gatherSources`, the typed values by the repository.
 * A value is exact decimal text ("2500", "1024000000", "12.75") or the words of a choice/text.
 */

export type CellMask = 'small' | 'derived';
export interface Cell { value: string | null; mask?: CellMask }

/**
 * 'balai': from Balai's data; 'manual': typed by the village; 'missing': Balai has no data for it
 * yet (no APBDes adopted for the year, households only for today …); 'todo': still to be typed.
 */
export type RowState = 'balai' | 'manual' | 'missing' | 'todo';

export interface Source {
  id: string;
  en: string;
  href?: string;
  /** Who may open `href` (the link is shown only to them). */
  needs?: Permission;
}

export interface FilledRow {
  indicator: string;
  code: string;
  /** A table's heading ("Agama dan aliran kepercayaan") when the row is one of its lines. */
  group?: string;
  label: string;
  unit: string;
  male?: Cell;
  female?: Cell;
  value: Cell;
  /** The value is words (a choice, a text, the village's status), not a number. */
  words?: boolean;
  state: RowState;
  source: Source;
  /** The typed value's key (catalog.ts `manual.key`). */
  manualKey?: string;
}

export interface FilledSection { section: Section; rows: FilledRow[] }

export interface TypedValue { value_number: string | null; value_text: string | null; revision: number; entered_at: Date | string; entered_by_name: string }

export interface FillInput {
  code: string;
  year: number;
  asOf: string;
  today: string;
  sources: ProfileSources;
  typed: Map<string, TypedValue>;
}

const n = (x: number | bigint | string) => ({ value: String(x) });
const none: Cell = { value: null };

/** "12.7500" → "12.75", "3.0000" → "3": the database's numeric as the number it is. */
export function decimalText(s: string): string {
  if (!s.includes('.')) return s;
  const trimmed = s.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

function cellOf(row: StatRow, column: 'male' | 'female' | 'total'): Cell {
  const mask = row.mask?.[column];
  return mask ? { value: null, mask } : { value: String(row[column]) };
}

export function fillProfile(input: FillInput): FilledSection[] {
  return SECTIONS.map((section) => ({ section, rows: section.indicators.flatMap((indicator) => fillIndicator(input, indicator)) }));
}

function fillIndicator(input: FillInput, indicator: Indicator): FilledRow[] {
  const base = { indicator: indicator.id, code: indicator.code, label: indicator.label, unit: indicator.unit };
  if (indicator.manual) {
    const typed = input.typed.get(indicator.manual.key);
    const words = indicator.manual.kind !== 'number';
    const source: Source = typed
      ? { id: `Diisi desa (${typed.entered_by_name})`, en: `Typed by the village (${typed.entered_by_name})` }
      : { id: 'Perlu diisi manual', en: 'To be typed by hand' };
    const value = typed ? (typed.value_text ?? decimalText(typed.value_number ?? '')) : null;
    return [{ ...base, value: { value }, words, state: typed ? 'manual' : 'todo', source, manualKey: indicator.manual.key }];
  }
  return fillFigure(input, indicator, indicator.figure!);
}

function statisticsSource(input: FillInput): Source {
  const today = input.asOf === input.today;
  return {
    id: today ? 'Statistik penduduk' : `Statistik penduduk per ${formatDate(input.asOf, 'id')}`,
    en: today ? 'Population statistics' : `Population statistics as of ${formatDate(input.asOf, 'en')}`,
    href: `/desa/${input.code}/statistik${today ? '' : `?tanggal=${input.asOf}`}`,
    needs: 'population.statistics',
  };
}

function fillFigure(input: FillInput, indicator: Indicator, figure: Figure): FilledRow[] {
  const { sources: s, code, year } = input;
  const base = { indicator: indicator.id, code: indicator.code, label: indicator.label, unit: indicator.unit };
  const stats = s.stats;
  const one = (value: Cell, source: Source, state: RowState = value.value === null && !value.mask ? 'missing' : 'balai', more: Partial<FilledRow> = {}): FilledRow[] =>
    [{ ...base, value, state, source, ...more }];
  switch (figure.from) {
    case 'population':
      return one(n(figure.pick === 'families' ? stats.totals.families : stats.totals[figure.pick]), statisticsSource(input));
    case 'table': {
      const source = statisticsSource(input);
      const rows: StatRow[] = figure.field === 'age'
        ? [...stats.ageGroups, ...(stats.noBirthDate.total > 0 ? [stats.noBirthDate] : [])]
        : stats.breakdowns.find((b) => b.key === figure.field)?.rows ?? [];
      return rows.map((r) => ({
        ...base,
        code: `${indicator.code}.${r.code ?? 'x'}`,
        group: indicator.label,
        label: figure.field === 'age' && r.code !== null ? `${r.label} tahun` : r.label,
        male: cellOf(r, 'male'), female: cellOf(r, 'female'), value: cellOf(r, 'total'),
        state: 'balai' as const, source,
      }));
    }
    case 'insured': {
      const b = stats.breakdowns.find((x) => x.key === 'insurance_type');
      // Above the village small counts are hidden: a sum built on hidden cells would be wrong, so none is shown.
      if (!b || b.footer) return one({ value: null, mask: 'derived' }, statisticsSource(input), 'balai');
      const bpjs = b.rows.filter((r) => r.code === 2 || r.code === 3 || r.code === 4);
      const sum = (k: 'male' | 'female' | 'total') => n(bpjs.reduce((t, r) => t + r[k], 0));
      return one(sum('total'), statisticsSource(input), 'balai', { male: sum('male'), female: sum('female') });
    }
    case 'households': {
      const source: Source = { id: 'Rumah tangga (Statistik penduduk)', en: 'Households (population statistics)', href: `/desa/${code}/statistik#rumah-tangga`, needs: 'population.statistics' };
      if (!stats.households) return one(none, { ...source, id: 'Data rumah tangga hanya untuk tahun berjalan', en: 'Household figures exist for the current year only' });
      return one(n(stats.households[figure.pick]), source);
    }
    case 'areas':
      return one(n(stats.areas.filter((a) => a.level === figure.level).length), { id: 'Wilayah desa (dusun, RW, RT)', en: 'Village areas (dusun, RW, RT)', href: `/desa/${code}`, needs: 'village.profile.read' });
    case 'village_kind': {
      const kind = stats.village.kind as keyof typeof KIND_LABEL;
      return one({ value: KIND_LABEL[kind]?.id ?? stats.village.kind }, { id: 'Kode wilayah Kemendagri', en: 'Kemendagri region code' }, 'balai', { words: true });
    }
    case 'institutions': {
      const mine = s.institutions.filter((i) => i.kind === figure.kind);
      const value = figure.pick === 'count' ? mine.length : mine.reduce((t, i) => t + i.memberCount, 0);
      return one(n(value), { id: 'Kelembagaan', en: 'Institutions', href: `/desa/${code}/kelembagaan`, needs: 'institutions.read' });
    }
    case 'income':
    case 'spending': {
      const b = s.budget;
      const source: Source = { id: `APBDes ${year}`, en: `Village budget ${year}`, href: `/publik/desa/${code}/apbdes?tahun=${year}` };
      if (!b.budget || !b.totals) return one(none, { ...source, id: `Belum ada APBDes ${year} yang ditetapkan`, en: `No budget adopted for ${year}` });
      if (figure.from === 'income') {
        const amount = figure.fund === 'total' ? b.totals.income : (b.incomeByFund.find((f) => f.fund === figure.fund)?.amount ?? 0n);
        return one(n(amount), source);
      }
      const amount = figure.field === 'total' ? b.totals.spending : (b.spendingByField.find((f) => f.code === figure.field)?.amount ?? 0n);
      return one(n(amount), source);
    }
    case 'farmers': {
      const row = s.farmers.rows[0];
      const value = !row ? 0 : figure.pick === 'hectares' ? decimalText(row.hectares) : row[figure.pick];
      return one(n(value), { id: `Kartu Petani ${year}`, en: `Farmer card ${year}`, href: `/pantau/${code}/petani?tahun=${year}`, needs: 'monitoring.read' });
    }
    case 'crops': {
      const source: Source = { id: `Kartu Petani ${year}`, en: `Farmer card ${year}`, href: `/pantau/${code}/petani?tahun=${year}`, needs: 'monitoring.read' };
      if (s.farmers.commodities.length === 0) return one(none, { ...source, id: `Belum ada tanaman tercatat tahun ${year}`, en: `No crops recorded for ${year}` });
      return s.farmers.commodities.map((c) => ({
        ...base, code: `${indicator.code}.${c.code}`, group: indicator.label, label: c.name, value: n(decimalText(c.hectares)), state: 'balai' as const, source,
      }));
    }
    case 'density': {
      const area = input.typed.get('luas_wilayah')?.value_number;
      const source: Source = { id: 'Dihitung: jumlah penduduk ÷ luas wilayah', en: 'Worked out: residents ÷ area' };
      if (!area || Number(area) <= 0) return one(none, { ...source, id: 'Isi luas wilayah (B.1.a.1) lebih dulu', en: 'Type the area (B.1.a.1) first' });
      // ha → km² is ÷ 100; two decimals, as the ministry's screen takes them.
      return one(n(((stats.totals.total * 100) / Number(area)).toFixed(2)), source);
    }
  }
}
