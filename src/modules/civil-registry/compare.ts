import type { CivilRegistryDifferenceKind } from '../../platform/db/schema.js';
import { HEAD_OF_FAMILY, HOLDS_NIK, codeLabel } from '../population/index.js';
import type { DifferenceRow, RegisterRow } from './civil-registry.repository.js';
import { areaNames, type Area } from './report-rows.js';
import { oneLine, type RegistryPerson, type RegistryValue } from './registry-file.js';
import type { RegistryField } from './siak.js';

/**
 * Balai's register against the civil registry's list, person by person (by NIK): who is only
 * in Balai, who only in the civil registry's list, who is listed there though Balai recorded
 * them dead or moved, and for everyone else the fields that differ. A field the file leaves
 * empty is not compared. Names and places are compared without case or extra spaces.
 *
 * A difference says what each side holds, and, when Balai can take the civil registry's value
 * as a correction, the value to write and the value Balai held (`base`): a correction is
 * applied only while the resident still holds it.
 *
 * The family card is judged on the whole file: a KK number is taken when the card was reissued
 * (every member of the family in the file shows the same number no family of the village holds:
 * one correction for the family, on one member's row) or when the person is on another card the
 * village has (a move onto it). A relation is taken unless it makes or unmakes a Kepala Keluarga.
 * Anything else waits for the family's page (Ganti kepala keluarga, Pecah KK).
 */

export interface DiffField {
  field: CompareField;
  balai: string;
  dukcapil: string;
  correctable: boolean;
  /** What Balai held when compared (the raw column value). */
  base?: string | number | null;
  /** What a correction writes. */
  value?: string | number | null;
  applied?: boolean;
  /** The family page that goes with a KK or relation difference: the resident's card, or the card the file puts them on. */
  family_id?: number | null;
  /** Why a KK or relation difference is not taken here, or with which correction it goes. */
  note?: DiffNote;
  /** A KK correction: how it applies and what it checks still holds. */
  kk?: KkCorrection;
  /** For note `with_family`: whose row carries the family's KK correction. */
  with_name?: string;
}

/**
 * head: a Kepala Keluarga is made or unmade (Ganti kepala keluarga); split: a number Balai does not
 * know while the family's others keep theirs (Pecah KK); family: anything else of the family
 * page; with_kk: the relation comes with the KK move; with_family: the family's new number is
 * accepted on another member's row.
 */
export type DiffNote = 'head' | 'split' | 'family' | 'with_kk' | 'with_family';

/**
 * reissue: the family's card gets the new number (`members`: its present members when compared);
 * move: the resident goes onto another card of the village, as the relation given.
 */
export type KkCorrection =
  | { kind: 'reissue'; family_id: number; members: number[] }
  | { kind: 'move'; from_family: number | null; from_relation: number | null; to_family: number; relation: number };

/** The resident fields compared, and the family's card number and the area, which are not resident columns. */
export type CompareField =
  | 'name' | 'sex' | 'birth_place' | 'birth_date' | 'religion' | 'marital_status' | 'education_kk' | 'occupation' | 'blood_type'
  | 'father_name' | 'mother_name' | 'family_relation' | 'kk' | 'area_id' | 'life_status';

type Kind = 'text' | 'code' | 'date';
/** Field → how it is compared, its code list, and whether a correction may change it here. */
const COMPARED: { field: CompareField & RegistryField; kind: Kind; list?: Parameters<typeof codeLabel>[0]; correctable: boolean }[] = [
  { field: 'name', kind: 'text', correctable: true },
  { field: 'sex', kind: 'code', list: 'sex', correctable: true },
  { field: 'birth_place', kind: 'text', correctable: true },
  { field: 'birth_date', kind: 'date', correctable: true },
  { field: 'religion', kind: 'code', list: 'religion', correctable: true },
  { field: 'marital_status', kind: 'code', list: 'maritalStatus', correctable: true },
  { field: 'education_kk', kind: 'code', list: 'educationOnFamilyCard', correctable: true },
  { field: 'occupation', kind: 'code', list: 'occupation', correctable: true },
  { field: 'blood_type', kind: 'code', list: 'bloodType', correctable: true },
  { field: 'father_name', kind: 'text', correctable: true },
  { field: 'mother_name', kind: 'text', correctable: true },
  // Unless a Kepala Keluarga is made or unmade: that is done on the family's page (familyDifferences).
  { field: 'family_relation', kind: 'code', list: 'familyRelation', correctable: true },
];

/** The fields a correction may write (what a form's pick may name). */
export const CORRECTABLE = new Set<string>([...COMPARED.filter((c) => c.correctable).map((c) => c.field), 'area_id', 'kk']);

const sameText = (a: string, b: string) => oneLine(a).toUpperCase() === oneLine(b).toUpperCase();

/** An RT or RW as a number when it is one ("004" and "4" alike), else its words in upper case. */
function areaKey(s: string): string {
  const t = oneLine(s).toUpperCase();
  let digits = t.length > 0;
  for (const ch of t) if (ch < '0' || ch > '9') digits = false;
  return digits ? String(Number(t)) : t;
}
/** A dusun's name without the word "Dusun" ("Dusun I", "DUSUN I" and "I" alike). */
function dusunKey(s: string): string {
  const t = oneLine(s).toUpperCase();
  for (const word of ['DUSUN ', 'LINGKUNGAN ', 'DUKUH ']) if (t.startsWith(word)) return t.slice(word.length).trim();
  return t;
}
const areaText = (a: { dusun: string; rw: string; rt: string }) => [a.dusun && `Dusun ${dusunKey(a.dusun)}`, a.rw && `RW ${a.rw}`, a.rt && `RT ${a.rt}`].filter(Boolean).join(', ');

/** The village's area the file names (dusun, then the RW and RT it gives under it), or null. */
function findArea(areas: readonly Area[], dusun: string, rw: string, rt: string): number | null {
  const under = (parent: number | null, level: string, name: string) =>
    areas.find((a) => a.level === level && (a.parent_id === null ? null : Number(a.parent_id)) === parent && (level === 'dusun' ? dusunKey(a.name) === dusunKey(name) : areaKey(a.name) === areaKey(name)));
  const d = dusun ? under(null, 'dusun', dusun) : undefined;
  if (!d) return null;
  let at = d;
  if (rw) {
    const w = under(Number(d.id), 'rw', rw);
    if (!w) return null;
    at = w;
  }
  if (rt) {
    const t = under(Number(at.id), 'rt', rt);
    if (!t) return null;
    at = t;
  }
  return Number(at.id);
}

/** The village's family cards as the file sees them (readCards), for the KK and relation differences. */
interface Cards {
  /** Active family by its number, and each active family's number. */
  byKk: Map<string, number>;
  kkOf: Map<number, string>;
  /** Present members of each family. */
  present: Map<number, RegisterRow[]>;
  /** Families whose card the file renumbers: the new number, and the member whose row carries it. */
  reissued: Map<number, { kk: string; carrier: RegisterRow }>;
  /** Residents the file puts on another card of the village, and why that cannot be taken here (null: it can). */
  moves: Map<number, { to: number; relation: number | null; blocked: { note: DiffNote; family_id: number | null } | null }>;
}

const present = (r: RegisterRow) => HOLDS_NIK.includes(r.life_status);

function readCards(persons: readonly RegistryPerson[], byNik: Map<string, RegisterRow>, register: readonly RegisterRow[], families: readonly FamilyRow[]): Cards {
  const byKk = new Map(families.map((f) => [f.kk_number, f.id]));
  const kkOf = new Map(families.map((f) => [f.id, f.kk_number]));
  const members = new Map<number, RegisterRow[]>();
  for (const r of register) if (r.family_id !== null && present(r)) members.set(r.family_id, [...(members.get(r.family_id) ?? []), r]);
  // Who of each family is in the file (in the file's order), and the number the file gives them.
  const listed: { p: RegistryPerson; r: RegisterRow; kk: string }[] = [];
  const listedOf = new Map<number, RegisterRow[]>();
  const fileKk = new Map<number, string>();
  for (const p of persons) {
    const r = byNik.get(p.nik);
    if (!r || !present(r) || !p.values.kk) continue;
    const kk = String(p.values.kk);
    listed.push({ p, r, kk });
    fileKk.set(r.id, kk);
    if (r.family_id !== null) listedOf.set(r.family_id, [...(listedOf.get(r.family_id) ?? []), r]);
  }
  const reissued: Cards['reissued'] = new Map();
  /** Families whose members in the file all show the family's own number (a card a move may go onto). */
  const steady = new Set<number>();
  for (const [id, on] of listedOf) {
    const numbers = new Set(on.map((m) => fileKk.get(m.id)!));
    const own = kkOf.get(id);
    if (own === undefined || numbers.size !== 1) continue;
    const [kk] = [...numbers] as [string];
    if (kk === own) steady.add(id);
    // Renumbered only when the file shows everyone on the card (those with a temporary NIK are not in it): one person alone may have left for a card of their own.
    else if (!byKk.has(kk) && (members.get(id) ?? []).every((m) => m.nik_temporary || fileKk.has(m.id))) {
      reissued.set(id, { kk, carrier: on.find((m) => m.family_relation === HEAD_OF_FAMILY) ?? on[0]! });
    }
  }
  const moves: Cards['moves'] = new Map();
  const headClaims = new Map<number, number>();
  for (const { p, r, kk } of listed) {
    const to = byKk.get(kk);
    if (to === undefined || to === r.family_id) continue;
    const given = p.values.family_relation;
    const relation = given === null || given === undefined || given === '' ? r.family_relation : Number(given);
    const headOf = (id: number) => (members.get(id) ?? []).find((m) => m.family_relation === HEAD_OF_FAMILY);
    let blocked: { note: DiffNote; family_id: number | null } | null = null;
    if (listedOf.has(to) && !steady.has(to)) blocked = { note: 'family', family_id: to };
    else if (relation === null) blocked = { note: 'family', family_id: to };
    // A head leaves a card only when no one else is left on it (population's move of a member).
    else if (r.family_id !== null && r.family_relation === HEAD_OF_FAMILY && (members.get(r.family_id) ?? []).some((m) => m.id !== r.id)) blocked = { note: 'head', family_id: r.family_id };
    else if (relation === HEAD_OF_FAMILY && headOf(to)) blocked = { note: 'head', family_id: to };
    if (!blocked && relation === HEAD_OF_FAMILY) headClaims.set(to, (headClaims.get(to) ?? 0) + 1);
    moves.set(r.id, { to, relation, blocked });
  }
  // Two people the file makes head of one card that has none: the family page decides.
  for (const m of moves.values()) if (!m.blocked && m.relation === HEAD_OF_FAMILY && headClaims.get(m.to)! > 1) m.blocked = { note: 'head', family_id: m.to };
  return { byKk, kkOf, present: members, reissued, moves };
}

/** The KK number and the relation in the family, judged with the whole file (see the top of this file). */
function familyDifferences(p: RegistryPerson, r: RegisterRow, cards: Cards, relation: DiffField | undefined): DiffField[] {
  const out: DiffField[] = [];
  const kk = p.values.kk ? String(p.values.kk) : '';
  let kkField: DiffField | undefined;
  if (kk && kk !== r.kk_number) {
    const shown = { field: 'kk' as const, balai: r.kk_number ?? '', dukcapil: kk };
    const reissue = r.family_id === null ? undefined : cards.reissued.get(r.family_id);
    const move = cards.moves.get(r.id);
    if (reissue && reissue.kk === kk) {
      const family = r.family_id!;
      kkField = reissue.carrier.id === r.id
        ? { ...shown, correctable: true, base: r.kk_number, value: kk, family_id: family, kk: { kind: 'reissue', family_id: family, members: (cards.present.get(family) ?? []).map((m) => m.id).sort((a, b) => a - b) } }
        : { ...shown, correctable: false, family_id: family, note: 'with_family', with_name: reissue.carrier.name };
    } else if (move && !move.blocked) {
      kkField = { ...shown, correctable: true, base: r.kk_number, value: kk, family_id: move.to, kk: { kind: 'move', from_family: r.family_id, from_relation: r.family_relation, to_family: move.to, relation: move.relation! } };
    } else if (move) {
      kkField = { ...shown, correctable: false, ...move.blocked };
    } else {
      kkField = { ...shown, correctable: false, family_id: r.family_id, note: r.family_id === null ? 'family' : 'split' };
    }
  }
  if (relation) {
    const base = relation.base === null || relation.base === undefined ? null : Number(relation.base);
    if (kkField?.correctable && kkField.kk?.kind === 'move') out.push({ ...relation, correctable: false, family_id: kkField.family_id, note: 'with_kk' });
    else if (base === HEAD_OF_FAMILY || Number(relation.value) === HEAD_OF_FAMILY) out.push({ ...relation, correctable: false, family_id: r.family_id, note: 'head' });
    else if (r.family_id === null) out.push({ ...relation, correctable: false, note: 'family' });
    // The relation holds within the card it was compared on (the apply checks it still is).
    else out.push({ ...relation, family_id: r.family_id });
  }
  if (kkField) out.push(kkField);
  return out;
}

function fieldDifferences(p: RegistryPerson, r: RegisterRow, areas: readonly Area[], cards: Cards): DiffField[] {
  const out: DiffField[] = [];
  const v = p.values;
  for (const c of COMPARED) {
    const theirs = v[c.field];
    if (theirs === null || theirs === undefined || theirs === '') continue;
    const ours = r[c.field as keyof RegisterRow] as string | number | null;
    const same = c.kind === 'text' ? ours !== null && sameText(String(ours), String(theirs)) : String(ours ?? '') === String(theirs);
    if (same) continue;
    const show = (x: RegistryValue) => (x === null || x === undefined ? '' : c.kind === 'code' ? codeLabel(c.list!, Number(x)) : String(x));
    out.push({ field: c.field, balai: show(ours), dukcapil: show(theirs), correctable: c.correctable, base: ours, value: c.kind === 'text' ? oneLine(String(theirs)) : theirs });
  }
  const relation = out.findIndex((f) => f.field === 'family_relation');
  out.splice(relation < 0 ? out.length : relation, relation < 0 ? 0 : 1, ...familyDifferences(p, r, cards, relation < 0 ? undefined : out[relation]));
  const given = { dusun: String(v.dusun ?? ''), rw: String(v.rw ?? ''), rt: String(v.rt ?? '') };
  if (given.dusun || given.rw || given.rt) {
    const here = areaNames(areas, r.area_id ?? r.family_area_id);
    const differs =
      (given.dusun !== '' && dusunKey(given.dusun) !== dusunKey(here.dusun)) ||
      (given.rw !== '' && areaKey(given.rw) !== areaKey(here.rw)) ||
      (given.rt !== '' && areaKey(given.rt) !== areaKey(here.rt));
    if (differs) {
      // The file's place, when the village has it: the missing level is taken as the same as Balai's.
      const target = findArea(areas, given.dusun || here.dusun, given.rw || (given.dusun ? '' : here.rw), given.rt);
      out.push({ field: 'area_id', balai: areaText(here), dukcapil: areaText({ dusun: given.dusun || here.dusun, rw: given.rw, rt: given.rt }), correctable: target !== null, base: r.area_id, value: target });
    }
  }
  return out;
}

export interface Comparison {
  differences: DifferenceRow[];
  counts: Record<'same' | CivilRegistryDifferenceKind | 'correctable', number>;
}

/** An active family card of the village. */
export interface FamilyRow {
  id: number;
  kk_number: string;
}

export function compareWithRegister(persons: readonly RegistryPerson[], register: readonly RegisterRow[], areas: readonly Area[], families: readonly FamilyRow[]): Comparison {
  // One resident per NIK: the one who holds it here now, else the latest record.
  const byNik = new Map<string, RegisterRow>();
  for (const r of register) {
    const had = byNik.get(r.nik);
    if (!had || (!HOLDS_NIK.includes(had.life_status) && (HOLDS_NIK.includes(r.life_status) || r.id > had.id))) byNik.set(r.nik, r);
  }
  const counts: Comparison['counts'] = { same: 0, differs: 0, only_balai: 0, only_dukcapil: 0, status: 0, correctable: 0 };
  const differences: DifferenceRow[] = [];
  const add = (kind: CivilRegistryDifferenceKind, d: Omit<DifferenceRow, 'seq' | 'kind'>) => {
    counts[kind]++;
    differences.push({ seq: differences.length + 1, kind, ...d });
  };
  const cards = readCards(persons, byNik, register, families);
  const listed = new Set<string>();
  for (const p of persons) {
    listed.add(p.nik);
    const r = byNik.get(p.nik);
    const name = String(p.values.name ?? '');
    if (!r) {
      add('only_dukcapil', { resident_id: null, nik: p.nik, name, line: p.line, fields: [] });
      continue;
    }
    if (!HOLDS_NIK.includes(r.life_status)) {
      add('status', { resident_id: r.id, nik: r.nik, name: r.name, line: p.line, fields: [{ field: 'life_status', balai: codeLabel('lifeStatus', r.life_status), dukcapil: 'HIDUP', correctable: false }] });
      continue;
    }
    const fields = fieldDifferences(p, r, areas, cards);
    if (!fields.length) {
      counts.same++;
      continue;
    }
    counts.correctable += fields.filter((f) => f.correctable).length;
    add('differs', { resident_id: r.id, nik: r.nik, name: r.name, line: p.line, fields });
  }
  for (const r of register) {
    if (!HOLDS_NIK.includes(r.life_status) || listed.has(r.nik) || byNik.get(r.nik) !== r) continue;
    add('only_balai', { resident_id: r.id, nik: r.nik, name: r.name, line: null, fields: [] });
  }
  return { differences, counts };
}
