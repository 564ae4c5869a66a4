import type { CivilRegistryDifferenceKind } from '../../platform/db/schema.js';
import { HOLDS_NIK, codeLabel } from '../population/index.js';
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
}

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
  // The place in the family is changed on the family's page, with its head and members in view.
  { field: 'family_relation', kind: 'code', list: 'familyRelation', correctable: false },
];

/** The fields a correction may write (what a form's pick may name). */
export const CORRECTABLE = new Set<string>([...COMPARED.filter((c) => c.correctable).map((c) => c.field), 'area_id']);

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

function fieldDifferences(p: RegistryPerson, r: RegisterRow, areas: readonly Area[]): DiffField[] {
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
  if (v.kk && v.kk !== r.kk_number) out.push({ field: 'kk', balai: r.kk_number ?? '', dukcapil: v.kk as string, correctable: false });
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

export function compareWithRegister(persons: readonly RegistryPerson[], register: readonly RegisterRow[], areas: readonly Area[]): Comparison {
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
    const fields = fieldDifferences(p, r, areas);
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
