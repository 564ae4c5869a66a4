import { createHash } from 'node:crypto';
import { recordAudit, writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { CivilRegistryDifferenceKind } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { safeFileName } from '../../platform/http/file-name.js';
import { parseId } from '../../platform/http/id-param.js';
import { checkKkOrFail, HEAD_OF_FAMILY, HOLDS_NIK, nikPresenterFor, nikWarnings, updateFamily } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './civil-registry.repository.js';
import { compareWithRegister, CORRECTABLE, type DiffField } from './compare.js';
import type { RegistryFile } from './registry-file.js';
import { readRegistryUpload } from './registry-job.js';
import { FAMILY_CARD_TITLE, FIELD_TITLE } from './words.js';

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
  const [register, areas, families] = await Promise.all([repo.registerRows(db, code), repo.areasOf(db, code), repo.activeFamilies(db, code)]);
  const { differences, counts } = compareWithRegister(file.persons, register, areas, families);
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
    // A KK number is shown as a NIK is: whole only to those who may see it so (what a correction writes is not shown at all).
    rows: rows.map((r) => ({
      ...r, nik: show(r.nik)!,
      fields: (r.fields as DiffField[]).map((f) => (f.field === 'kk' ? { ...f, balai: f.balai && show(f.balai)!, dukcapil: f.dukcapil && show(f.dukcapil)!, base: undefined, value: undefined } : f)),
    })),
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
 * one transaction: each resident's fields with a correction event naming the file; a family
 * card's new number (written once, a family change in each member's history) or a move onto
 * another card of the village (a family change, as population records a move); the differences
 * marked applied, and one audit entry. Anything changed since the comparison (a field, the
 * resident's card or relation, the card's number or members, a death or move) stops it all:
 * nothing is applied.
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

    const reason = `Pemadanan dengan data Dukcapil (berkas ${imp.file_name})`;
    const source = { source: 'civil_registry', import_id: id };
    const events: Parameters<typeof repo.insertEvents>[2] = [];
    const perField: Record<string, number> = {};
    const renumbered: number[] = [];
    const moved: number[] = [];
    const at = new Date();
    let corrections = 0;
    for (const { row, fields, wanted } of plan) {
      const r = residents.get(row.resident_id!);
      const stale = (f: DiffField) => conflict('civil_registry.changed_meanwhile', 'pick', { name: row.name, element: f.field === 'kk' ? FAMILY_CARD_TITLE[ctx.lang] : FIELD_TITLE[ctx.lang][f.field] });
      const set: Record<string, unknown> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      let kk: DiffField | undefined;
      for (const f of fields) {
        if (!wanted.has(f.field)) continue;
        if (!r || !HOLDS_NIK.includes(r.life_status)) throw stale(f);
        f.applied = true;
        perField[f.field] = (perField[f.field] ?? 0) + 1;
        corrections++;
        if (f.field === 'kk') {
          kk = f;
          continue;
        }
        const now = currentOf(r, f.field);
        if (String(now ?? '') !== String(f.base ?? '')) throw stale(f);
        // A relation is taken on the card it was compared on, and never makes or unmakes a head.
        if (f.field === 'family_relation' && (r.family_id !== (f.family_id ?? null) || Number(now) === HEAD_OF_FAMILY || Number(f.value) === HEAD_OF_FAMILY)) throw stale(f);
        set[f.field] = f.value ?? null;
        changes[f.field] = { from: now ?? null, to: f.value ?? null };
      }
      if (Object.keys(set).length) {
        const after = { ...r!, ...set } as { nik: string; birth_date: string | null; sex: number };
        await repo.updateResident(trx, code, r!.id, { ...set, warnings: JSON.stringify(nikWarnings(after.nik, after.birth_date, after.sex)) });
        events.push({ kind: 'correction', resident_id: r!.id, family_id: r!.family_id, details: { changes, reason, ...source } });
      }
      if (kk?.kk?.kind === 'reissue') {
        // The card was reissued: its number changes once, for every member.
        const k = kk.kk;
        const family = await repo.lockFamily(trx, code, k.family_id);
        if (!family || family.status !== 'active' || family.kk_number !== kk.base) throw stale(kk);
        const members = await repo.presentMembers(trx, code, family.id, HOLDS_NIK);
        if (members.map((m) => m.id).join() !== k.members.join()) throw stale(kk);
        const to = String(kk.value);
        await checkKkOrFail(trx, to, 'pick');
        if (await repo.kkHeldElsewhere(trx, code, to, family.id)) throw stale(kk);
        await updateFamily(trx, code, family.id, { kk_number: to });
        for (const m of members) events.push({ kind: 'family_change', resident_id: m.id, family_id: family.id, details: { change: 'kk_reissued', kk_number: { from: family.kk_number, to }, reason, ...source } });
        renumbered.push(family.id);
      } else if (kk?.kk?.kind === 'move') {
        // Onto another card of the village, as population moves a member: a head leaves only a card with no one else on it.
        const k = kk.kk;
        const me = r!;
        if (me.family_id !== k.from_family || (me.family_relation ?? null) !== k.from_relation) throw stale(kk);
        const target = await repo.lockFamily(trx, code, k.to_family);
        if (!target || target.status !== 'active' || target.kk_number !== String(kk.value)) throw stale(kk);
        if (me.family_id !== null && me.family_relation === HEAD_OF_FAMILY) {
          if ((await repo.presentMembers(trx, code, me.family_id, HOLDS_NIK)).some((m) => m.id !== me.id)) throw stale(kk);
          await updateFamily(trx, code, me.family_id, { status: 'dissolved' });
        }
        if (k.relation === HEAD_OF_FAMILY && (await repo.presentMembers(trx, code, target.id, HOLDS_NIK)).some((m) => m.family_relation === HEAD_OF_FAMILY)) throw stale(kk);
        await repo.updateResident(trx, code, me.id, { family_id: target.id, family_relation: k.relation });
        events.push({
          kind: 'family_change', resident_id: me.id, family_id: target.id,
          details: { change: 'moved', from_family: me.family_id, to_family: target.id, relation: { from: me.family_relation, to: k.relation }, reason, ...source },
        });
        moved.push(me.id);
      } else if (kk) {
        throw badRequest('civil_registry.pick_invalid', 'pick');
      }
      await repo.markApplied(trx, code, id, row.seq, fields, by, at);
    }
    await repo.insertEvents(trx, code, events, today, by);
    await repo.addApplied(trx, code, id, corrections);
    await audit({
      action: 'civil_registry.apply',
      villageCode: code,
      subject: `civil_registry_import:${id}`,
      detail: { residents: plan.length, corrections, fields: perField, resident_ids: plan.map((p) => p.row.resident_id), families_renumbered: renumbered, moved },
    });
    await hooks.beforeCommit?.();
    return { residents: plan.length, corrections };
  });
}
