import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/schema.js';
import { codeLabel, HEAD_OF_FAMILY, HOLDS_NIK } from '../codes.js';
import { IMPORT_FIELDS, type ImportField } from './opensid.js';
import * as repo from './transfer.repository.js';
import type { FieldValue, ParsedFile, ParsedRow, Problem } from './validate.js';

/**
 * What an import would do to the village, worked out against its data: which areas and
 * families to create, who is new, who is already here (same NIK) and what changes for
 * them. The preview shows it; the import works it out again inside its transaction.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** An area that exists (`id`) or that the import creates (`index` into `newAreas`). */
export type AreaRef = { id: number } | { index: number };
/** A family that exists (`id`) or that the import creates (`index` into `newFamilies`). */
export type FamilyRef = { id: number } | { index: number };

export interface NewArea {
  level: 'dusun' | 'rw' | 'rt';
  name: string;
  parent: AreaRef | null;
}

export interface PlannedFamily {
  kk: string;
  address: string | null;
  area: AreaRef;
}

export interface PlannedInsert {
  row: ParsedRow;
  family: FamilyRef;
  area: AreaRef;
}

export interface PlannedUpdate {
  row: ParsedRow;
  existing: repo.ExistingResident;
  family: FamilyRef;
  area: AreaRef;
}

export interface PlanCounts {
  rows: number;
  newResidents: number;
  updatedResidents: number;
  unchangedResidents: number;
  newFamilies: number;
  existingFamilies: number;
  newDusun: number;
  newRw: number;
  newRt: number;
  errors: number;
  warnings: number;
}

export interface Plan {
  problems: Problem[];
  newAreas: NewArea[];
  newFamilies: PlannedFamily[];
  familyUpdates: { id: number; address: string | null; area: AreaRef }[];
  inserts: PlannedInsert[];
  updates: PlannedUpdate[];
  counts: PlanCounts;
}

export async function planImport(db: Q, village: string, file: ParsedFile): Promise<Plan> {
  const problems: Problem[] = [...file.problems];
  const rows = file.rows;
  const niks = rows.map((r) => r.nik);
  const kks = [...new Set(rows.map((r) => r.kk))];
  const [existingRows, elsewhere, families, areaRows] = await Promise.all([
    repo.residentsByNik(db, village, niks),
    repo.activeNiksElsewhere(db, village, niks),
    repo.activeFamiliesByKk(db, village, kks),
    repo.listAreas(db, village),
  ]);
  // Several records can share a NIK (someone who left and came back): the one holding it, else the newest.
  const existing = new Map<string, repo.ExistingResident>();
  for (const r of existingRows) {
    const have = existing.get(r.nik);
    if (!have || (!HOLDS_NIK.includes(have.life_status) && HOLDS_NIK.includes(r.life_status))) existing.set(r.nik, r);
  }
  const activeElsewhere = new Map(elsewhere.map((a) => [a.nik, a]));
  const familyByKk = new Map(families.map((f) => [f.kk_number, f]));
  const members = await repo.membersOfFamilies(db, village, families.map((f) => f.id));

  const areas = new AreaPlanner(areaRows);
  // Rows found wrong here are set aside in this plan only: the parsed file is planned again at import time.
  const invalid = new Set(rows.filter((r) => r.invalid));
  const err = (row: ParsedRow, column: string, key: Problem['key'], params: Problem['params'] = {}) => {
    problems.push({ line: row.line, column, key, params, level: 'error' });
    invalid.add(row);
  };
  const warn = (row: ParsedRow, column: string, key: Problem['key'], params: Problem['params'] = {}) => {
    problems.push({ line: row.line, column, key, params, level: 'warning' });
  };

  // Per row: its area, whether it is new, and whether its NIK is free.
  const areaOf = new Map<ParsedRow, AreaRef>();
  const statusOf = (row: ParsedRow) => (row.values.life_status as number | null | undefined) ?? existing.get(row.nik)?.life_status ?? 1;
  for (const row of rows) {
    const placed = areas.place(row);
    if ('problem' in placed) err(row, placed.column, 'import.area_level', { name: placed.name, level: placed.level });
    else areaOf.set(row, placed.ref);

    const before = existing.get(row.nik);
    const newStatus = row.values.life_status;
    if (before && newStatus !== undefined && newStatus !== null && newStatus !== before.life_status) {
      err(row, 'status_dasar', 'import.status_change', { from: codeLabel('lifeStatus', before.life_status), to: codeLabel('lifeStatus', newStatus as number) });
    }
    const holder = activeElsewhere.get(row.nik);
    if (holder && HOLDS_NIK.includes(statusOf(row))) {
      // Never which village (a look-up of where anyone lives): previewImport counts and audits these.
      err(row, 'nik', 'population.nik_active_elsewhere');
    }
  }

  // Per family: exactly one head among the members still here, counting those already recorded.
  const byKk = new Map<string, ParsedRow[]>();
  for (const row of rows) {
    const group = byKk.get(row.kk);
    if (group) group.push(row);
    else byKk.set(row.kk, [row]);
  }
  const fileNiks = new Set(niks);
  const newFamilies: PlannedFamily[] = [];
  const familyRef = new Map<string, FamilyRef>();
  const familyUpdates: Plan['familyUpdates'] = [];
  for (const [kk, group] of byKk) {
    const family = familyByKk.get(kk);
    const relationOf = (row: ParsedRow) => (row.values.family_relation as number | null | undefined) ?? existing.get(row.nik)?.family_relation ?? null;
    const holds = (r: ParsedRow) => HOLDS_NIK.includes(statusOf(r));
    const fileHeads = group.filter((r) => relationOf(r) === HEAD_OF_FAMILY);
    const livingHeads = fileHeads.filter(holds);
    const stayers = family ? members.filter((m) => m.family_id === family.id && !fileNiks.has(m.nik)) : [];
    const livingStayers = stayers.filter((m) => HOLDS_NIK.includes(m.life_status));
    const stayerHeads = livingStayers.filter((m) => m.family_relation === HEAD_OF_FAMILY);
    if (group.some(holds) || livingStayers.length > 0) {
      if (livingHeads.length + stayerHeads.length === 0) {
        // A head who died or left is still the head on paper until the family names a new one.
        const formerHead = fileHeads.length > 0 || stayers.some((m) => m.family_relation === HEAD_OF_FAMILY);
        if (formerHead) warn(group[0]!, 'kk_level', 'import.head_gone', { kk });
        else err(group[0]!, 'kk_level', 'import.no_head', { kk });
      }
      for (const extra of stayerHeads.length ? livingHeads : livingHeads.slice(1)) {
        if (stayerHeads.length) err(extra, 'kk_level', 'import.head_exists', { kk, name: stayerHeads[0]!.name });
        else err(extra, 'kk_level', 'import.many_heads', { kk });
      }
    }
    const head = livingHeads[0] ?? fileHeads[0] ?? group[0]!;
    const headArea = areaOf.get(head);
    if (family) {
      familyRef.set(kk, { id: family.id });
      // The family card's address and area follow its head's row, as for a new family.
      const address = (head.values.address as string | null | undefined) ?? family.address;
      if (relationOf(head) === HEAD_OF_FAMILY && headArea && (address !== family.address || !sameArea(headArea, family.area_id))) {
        familyUpdates.push({ id: family.id, address, area: headArea });
      }
    } else if (headArea) {
      familyRef.set(kk, { index: newFamilies.length });
      newFamilies.push({ kk, address: (head.values.address as string | null | undefined) ?? null, area: headArea });
    }
  }

  const inserts: PlannedInsert[] = [];
  const updates: PlannedUpdate[] = [];
  let unchanged = 0;
  for (const row of rows) {
    const area = areaOf.get(row);
    const family = familyRef.get(row.kk);
    if (invalid.has(row) || !area || !family) continue;
    const before = existing.get(row.nik);
    if (!before) {
      inserts.push({ row, family, area });
      continue;
    }
    const diff = residentChanges(before, row, refId(area), refId(family));
    if (Object.keys(diff).length) updates.push({ row, existing: before, family, area });
    else unchanged++;
  }

  problems.sort((a, b) => a.line - b.line || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  const errors = problems.filter((p) => p.level === 'error').length;
  return {
    problems,
    newAreas: areas.created,
    newFamilies,
    familyUpdates,
    inserts,
    updates,
    counts: {
      rows: file.dataRows,
      newResidents: inserts.length,
      updatedResidents: updates.length,
      unchangedResidents: unchanged,
      newFamilies: newFamilies.length,
      existingFamilies: familyRef.size - newFamilies.length,
      newDusun: areas.created.filter((a) => a.level === 'dusun').length,
      newRw: areas.created.filter((a) => a.level === 'rw').length,
      newRt: areas.created.filter((a) => a.level === 'rt').length,
      errors,
      warnings: problems.length - errors,
    },
  };
}

/** The id of an existing area or family; NaN for one still to be created (so it differs from every id). */
const refId = (ref: AreaRef | FamilyRef) => ('id' in ref ? ref.id : NaN);
const sameArea = (ref: AreaRef, id: number | null) => 'id' in ref && ref.id === id;

/**
 * What the row changes in a resident who is already here. An empty cell keeps what is
 * recorded: files exported by OpenSID leave some columns empty that Balai may know.
 */
export function residentChanges(before: repo.ExistingResident, row: ParsedRow, areaId: number, familyId: number): Record<string, { from: unknown; to: unknown }> {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of IMPORT_FIELDS) {
    if (field === 'life_status') continue;
    const to = row.values[field];
    if (to === undefined || to === null) continue;
    const from = before[field] ?? null;
    if (!sameValue(field, from, to)) diff[field] = { from, to };
  }
  if (before.area_id !== areaId) diff.area_id = { from: before.area_id, to: Number.isNaN(areaId) ? null : areaId };
  if (before.family_id !== familyId) diff.family_id = { from: before.family_id, to: Number.isNaN(familyId) ? null : familyId };
  return diff;
}

function sameValue(field: ImportField, a: FieldValue, b: FieldValue): boolean {
  if (a === null || b === null) return a === b;
  if (field === 'lat' || field === 'lng') return Number(a) === Number(b);
  return String(a) === String(b);
}

/** Finds each row's dusun → RW → RT among the village's areas, planning the ones missing. */
class AreaPlanner {
  readonly created: NewArea[] = [];
  private readonly known = new Map<string, { ref: AreaRef; level: NewArea['level'] }>();

  constructor(rows: { id: number; parent_id: number | null; level: NewArea['level']; name: string }[]) {
    for (const a of rows) this.known.set(this.key({ id: a.parent_id ?? 0 }, a.level, a.name), { ref: { id: a.id }, level: a.level });
  }

  // Names are unique per parent and level regardless of case (the database's rule too: RW 002 may
  // sit beside RT 002 in a dusun); as typed otherwise: '004' is not '4'.
  private key(parent: AreaRef | null, level: NewArea['level'], name: string) {
    const p = parent === null ? 'i0' : 'id' in parent ? `i${parent.id}` : `n${parent.index}`;
    return `${p}|${level}|${name.toLowerCase()}`;
  }

  place(row: ParsedRow): { ref: AreaRef } | { problem: true; column: string; name: string; level: string } {
    const path: [NewArea['level'], string | null][] = [['dusun', row.dusun], ['rw', row.rw], ['rt', row.rt]];
    let parent: AreaRef | null = null;
    let ref: AreaRef | null = null;
    for (const [level, name] of path) {
      if (!name) continue;
      const key = this.key(parent ?? { id: 0 }, level, name);
      const found = this.known.get(key);
      if (found) {
        if (found.level !== level) return { problem: true, column: level, name, level: found.level === 'dusun' ? 'dusun' : found.level.toUpperCase() };
        ref = found.ref;
      } else {
        ref = { index: this.created.length };
        this.created.push({ level, name, parent });
        this.known.set(key, { ref, level });
      }
      parent = ref;
    }
    return { ref: ref! };
  }
}
