import { createHash } from 'node:crypto';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { CivilRegistryDifferenceKind } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { safeFileName } from '../../platform/http/file-name.js';
import { parseId } from '../../platform/http/id-param.js';
import { HOLDS_NIK, nikPresenterFor, nikWarnings } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './civil-registry.repository.js';
import { compareWithRegister, CORRECTABLE, type DiffField } from './compare.js';
import type { RegistryFile } from './registry-file.js';
import { readRegistryUpload } from './registry-job.js';
import { FIELD_TITLE } from './words.js';

/**
 * The civil registry's list of the village's residents, compared with the register. The file
 * is parsed and checked in a worker thread (registry-job.ts); its differences wait, per person,
 * for the officer. Nothing in the register changes until the officer accepts chosen corrections,
 * and those are applied all together or not at all: each as a correction event in the resident's
 * history, against the value Balai held when compared (changed since: nothing is applied).
 */

const PAGE = 50;
export const DIFFERENCE_KINDS: readonly CivilRegistryDifferenceKind[] = ['differs', 'status', 'only_dukcapil', 'only_balai'];
/** The kinds as the address names them. */
export const KIND_PATH: Record<CivilRegistryDifferenceKind, string> = { differs: 'beda', status: 'status', only_dukcapil: 'hanya-dukcapil', only_balai: 'hanya-balai' };

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

function officerId(ctx: UseCaseContext): number {
  if (ctx.actor?.kind !== 'user') throw forbidden();
  return ctx.actor.id;
}

/**
 * Reads the file and compares it. A file with bad rows is refused with each row's problem (the
 * officer fixes it and uploads again); otherwise the comparison is kept, superseding an earlier
 * one not finished, and its id returned.
 */
export async function compareFile(ctx: UseCaseContext, villageInput: string, upload: UploadedFile | null): Promise<{ id: number } | { refused: RegistryFile; fileName: string }> {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const by = officerId(ctx);
  if (!upload) throw badRequest('import.file_missing', 'file');
  const fileName = safeFileName(upload.name);
  const today = todayInWib();
  const file = await readRegistryUpload(upload.bytes, fileName, today);
  if (file.problems.length) return { refused: file, fileName };
  const db = ctx.db.kysely;
  const [register, areas] = await Promise.all([repo.registerRows(db, code), repo.areasOf(db, code)]);
  const { differences, counts } = compareWithRegister(file.persons, register, areas);
  const sha = createHash('sha256').update(upload.bytes).digest('hex');
  const id = await writeWithAudit(ctx, async (trx, audit) => {
    await repo.supersedeOpen(trx, code);
    const id = await repo.insertImport(trx, { village_code: code, file_name: fileName, file_sha256: sha, format: file.format, rows: file.persons.length, counts, uploaded_by: by });
    await repo.insertDifferences(trx, code, id, differences);
    await repo.countImport(trx, code, today);
    await audit({ action: 'civil_registry.compare', villageCode: code, subject: `civil_registry_import:${id}`, detail: { file: fileName, rows: file.persons.length, ...counts } });
    return id;
  });
  return { id };
}

/** One kind of difference of a comparison, a page at a time; NIKs masked for whoever may not see them. Each read is logged. */
export async function differences(ctx: UseCaseContext, villageInput: string, idInput: string | undefined, query: { jenis?: string; page?: string; ok?: string } = {}) {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const id = parseId(idInput);
  const found = id === null ? undefined : await repo.findImport(db, code, id);
  if (!found) throw notFound('civil_registry.import_not_found');
  const counts = found.counts as Record<string, number>;
  const asked = DIFFERENCE_KINDS.find((k) => KIND_PATH[k] === query.jenis);
  const kind = asked ?? DIFFERENCE_KINDS.find((k) => (counts[k] ?? 0) > 0) ?? 'differs';
  const page = pageOf(query.page);
  const rows = await repo.differencesPage(db, code, found.id, kind, PAGE, (page - 1) * PAGE);
  const show = nikPresenterFor(ctx, code);
  await recordAudit(db, ctx, { action: 'civil_registry.differences_read', villageCode: code, subject: `civil_registry_import:${found.id}`, detail: { kind, page, persons: rows.length } });
  return {
    village: code, name: village.name, import: { ...found, id: Number(found.id), counts }, kind, page, pages: Math.max(1, Math.ceil((counts[kind] ?? 0) / PAGE)),
    remaining: Math.max(0, (counts.correctable ?? 0) - found.applied),
    // A KK number is shown as a NIK is: whole only to those who may see it so.
    rows: rows.map((r) => ({ ...r, nik: show(r.nik)!, fields: (r.fields as DiffField[]).map((f) => (f.field === 'kk' ? { ...f, balai: f.balai && show(f.balai)!, dukcapil: f.dukcapil && show(f.dukcapil)! } : f)) })),
  };
}
export type DifferencesView = Awaited<ReturnType<typeof differences>>;

/** A moment in the apply a test can stop at: everything written, nothing committed. */
export interface ApplyHooks {
  beforeCommit?: () => Promise<void>;
}

/** "12:name" → seq 12, field name; anything else is no pick. */
function parsePick(pick: string): { seq: number; field: string } | null {
  const at = pick.indexOf(':');
  const seq = parseId(pick.slice(0, at));
  const field = pick.slice(at + 1);
  return at > 0 && seq !== null && CORRECTABLE.has(field) ? { seq, field } : null;
}

/** What the resident holds now, as the comparison saw it. */
const currentOf = (r: Record<string, unknown>, field: string) => (r[field] === undefined ? null : (r[field] as string | number | null));

/**
 * Applies the corrections chosen (`pick`: "seq:field"), or every one still open (`semua`), in
 * one transaction: each resident's fields, a correction event per resident naming the file,
 * the differences marked applied, and one audit entry. A resident whose field changed since the
 * comparison (or who died or moved) stops it all: nothing is applied.
 */
export async function applyCorrections(ctx: UseCaseContext, villageInput: string, idInput: string | undefined, input: { pick?: string[]; semua?: string }, hooks: ApplyHooks = {}) {
  const village = await villageInScope(ctx, villageInput, 'civil_registry.manage');
  const code = village.village_code;
  const by = officerId(ctx);
  const id = parseId(idInput);
  if (id === null) throw notFound('civil_registry.import_not_found');
  const all = input.semua === '1';
  const picks = (input.pick ?? []).map(parsePick);
  if (picks.some((p) => p === null)) throw badRequest('civil_registry.pick_invalid', 'pick');
  if (!all && picks.length === 0) throw badRequest('civil_registry.nothing_picked', 'pick');
  const chosen = new Map<number, Set<string>>();
  for (const p of picks) chosen.set(p!.seq, (chosen.get(p!.seq) ?? new Set()).add(p!.field));
  const today = todayInWib();

  return writeWithAudit(ctx, async (trx, audit) => {
    const imp = await repo.lockImport(trx, code, id);
    if (!imp) throw notFound('civil_registry.import_not_found');
    if (imp.status !== 'open') throw conflict('civil_registry.import_superseded');
    const rows = await repo.differencesToApply(trx, code, id, all ? null : [...chosen.keys()]);
    if (!all && rows.length !== chosen.size) throw badRequest('civil_registry.pick_invalid', 'pick');
    const plan = rows.flatMap((row) => {
      const fields = row.fields as DiffField[];
      const wanted = all ? fields.filter((f) => f.correctable && !f.applied).map((f) => f.field as string) : [...chosen.get(row.seq)!];
      for (const w of wanted) {
        const f = fields.find((x) => x.field === w);
        if (!f || !f.correctable || f.applied) throw badRequest('civil_registry.pick_invalid', 'pick');
      }
      return wanted.length ? [{ row, fields, wanted: new Set(wanted) }] : [];
    });
    if (plan.length === 0) throw badRequest('civil_registry.nothing_picked', 'pick');
    const residents = new Map((await repo.lockResidents(trx, code, plan.map((p) => p.row.resident_id!))).map((r) => [r.id, r]));

    const events: { resident_id: number; family_id: number | null; details: unknown }[] = [];
    const perField: Record<string, number> = {};
    const at = new Date();
    let corrections = 0;
    for (const { row, fields, wanted } of plan) {
      const r = residents.get(row.resident_id!);
      const set: Record<string, unknown> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const f of fields) {
        if (!wanted.has(f.field)) continue;
        const now = r ? currentOf(r, f.field) : undefined;
        if (!r || !HOLDS_NIK.includes(r.life_status) || String(now ?? '') !== String(f.base ?? '')) {
          throw conflict('civil_registry.changed_meanwhile', 'pick', { name: row.name, element: FIELD_TITLE[ctx.lang][f.field] });
        }
        set[f.field] = f.value ?? null;
        changes[f.field] = { from: now ?? null, to: f.value ?? null };
        f.applied = true;
        perField[f.field] = (perField[f.field] ?? 0) + 1;
        corrections++;
      }
      const after = { ...r!, ...set } as { nik: string; birth_date: string | null; sex: number };
      await repo.updateResident(trx, code, r!.id, { ...set, warnings: JSON.stringify(nikWarnings(after.nik, after.birth_date, after.sex)) });
      events.push({ resident_id: r!.id, family_id: r!.family_id, details: { changes, reason: `Pemadanan dengan data Dukcapil (berkas ${imp.file_name})`, source: 'civil_registry', import_id: id } });
      await repo.markApplied(trx, code, id, row.seq, fields, by, at);
    }
    await repo.insertCorrections(trx, code, events, today, by);
    await repo.addApplied(trx, code, id, corrections);
    await audit({
      action: 'civil_registry.apply',
      villageCode: code,
      subject: `civil_registry_import:${id}`,
      detail: { residents: events.length, corrections, fields: perField, resident_ids: events.map((e) => e.resident_id) },
    });
    await hooks.beforeCommit?.();
    return { residents: events.length, corrections };
  });
}
