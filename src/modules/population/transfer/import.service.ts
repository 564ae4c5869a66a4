import type { Kysely, Transaction } from 'kysely';
import { can } from '../../../platform/access/access.js';
import { writeWithAudit } from '../../../platform/audit/audit.js';
import type { UseCaseContext } from '../../../platform/context.js';
import type { Database } from '../../../platform/db/schema.js';
import { AppError, badRequest, conflict, notFound, tooManyRequests } from '../../../platform/http/errors.js';
import { errorForLog } from '../../../platform/redact.js';
import { parseRegionCodeOrFail } from '../../regions/index.js';
import { findVillage } from '../../villages/index.js';
import { currentActor } from '../../identity/index.js';
import { analyzePopulation, bulkInsertPopulation, type NewFamily, type NewResident } from '../bulk-insert.js';
import { HOLDS_NIK } from '../codes.js';
import { nikWarnings } from '../nik.js';
import { refuseNiksElsewhere } from '../nik-elsewhere.js';
import { todayInWib, villageScope } from '../population.common.js';
import type { Db } from '../../../platform/db/connect.js';
import * as jobs from '../../../platform/jobs/jobs.js';
import { jobRunner } from '../../../platform/jobs/runner.js';
import { jobSnapshot, type ImportError, type ImportInput, type ImportResult, type JobStep } from './jobs.js';
import { changedMeanwhile, nikTakenMeanwhile } from './nik-race.js';
import { IMPORT_FIELDS } from './opensid.js';
import { planImport, residentChanges, type AreaRef, type FamilyRef, type Plan } from './plan.js';
import * as repo from './transfer.repository.js';
import { readPopulationFile, type ParsedFile, type ParsedRow } from './validate.js';
import { safeFileName } from '../../../platform/http/file-name.js';

/** Residents per bulk insert call: big enough to be fast, small enough to report progress. */
const STEP_ROWS = 5000;

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

/** The import page: who may upload, who may only download. */
export async function transferPage(ctx: UseCaseContext, villageInput: string) {
  const code = parseRegionCodeOrFail(villageInput);
  // The head exports but does not import: the page opens with either permission.
  const canImport = can(ctx.actor, 'population.import', code);
  const village = await villageScope(ctx, code, canImport ? 'population.import' : 'population.export');
  const row = await findVillage(ctx.db.kysely, village);
  return { code: village, name: row!.name, kind: row!.kind, canImport };
}

/** Jobs waiting or running on the whole server beyond which a new preview is refused. */
const MAX_BUSY_JOBS = 100;

/**
 * Reads the file and shows what importing it would do. Changes nothing in the village;
 * when the file has no errors, its rows wait in the database (job_rows) for the confirmation.
 */
export async function previewImport(ctx: UseCaseContext, villageInput: string, upload: UploadedFile | null) {
  const village = await villageScope(ctx, villageInput, 'population.import');
  if (!upload) throw badRequest('import.file_missing', 'file');
  const file = await readPopulationFile(upload.bytes, safeFileName(upload.name), todayInWib());
  const plan = await planImport(ctx.db.kysely, village, file);
  // NIKs living in another village are counted per account and audited hashed; past the limit, no answer at all.
  const nikOfLine = new Map(file.rows.map((r) => [r.line, r.nik]));
  const elsewhere = plan.problems.filter((p) => p.key === 'population.nik_active_elsewhere').map((p) => nikOfLine.get(p.line)!);
  if (elsewhere.length) {
    const refusal = await refuseNiksElsewhere(ctx, village, elsewhere, 'import');
    if (refusal.status === 429) throw refusal;
  }
  let jobId: string | null = null;
  if (plan.counts.errors === 0) jobId = await stageImport(ctx, village, safeFileName(upload.name), file, plan);
  return { village, fileName: safeFileName(upload.name), format: file.format, sheetName: file.sheetName, unknownColumns: file.unknownColumns, codeColumns: file.codeColumns, counts: plan.counts, problems: plan.problems, jobId };
}
export type ImportPreview = Awaited<ReturnType<typeof previewImport>>;

/** The previewed rows into the database, a few hundred per statement; the officer's older unconfirmed preview of this village goes. */
async function stageImport(ctx: UseCaseContext, village: string, fileName: string, file: ParsedFile, plan: Plan): Promise<string> {
  const db = ctx.db.kysely;
  const owner = ctx.actor!.id;
  if ((await jobs.busyJobs(db)) >= MAX_BUSY_JOBS) throw tooManyRequests('import.busy');
  for (const old of await repo.readyImports(db, village, owner)) {
    if (await jobs.moveJob(db, village, old, 'ready', 'expired', { input: {} })) await jobs.dropRows(db, village, old);
  }
  const { rows, ...header } = file;
  const id = jobs.newJobId();
  const input: ImportInput = { counts: plan.counts, file: header };
  await jobs.createJob(db, { village_code: village, id, kind: 'population.import', owner_id: owner, file_name: fileName, total: plan.counts.newResidents + plan.counts.updatedResidents, input: input as never });
  await jobs.stageRows(db, village, id, rows);
  await jobs.moveJob(db, village, id, 'staging', 'ready');
  return id;
}

/** The actor's own import of this village, once its preview is complete and while it has not expired. */
async function ownImport(ctx: UseCaseContext, village: string, jobId: string) {
  const job = await jobs.findJob<ImportInput>(ctx.db.kysely, village, jobId, ctx.actor!.id);
  if (!job || job.status === 'expired' || job.status === 'staging') throw notFound('import.job_not_found');
  return job;
}

/** Queues the confirmed import; a second confirmation of the same job does nothing. */
export async function startImport(ctx: UseCaseContext, villageInput: string, jobId: string) {
  const village = await villageScope(ctx, villageInput, 'population.import');
  const job = await ownImport(ctx, village, jobId);
  if (job.status === 'ready') {
    // The confirming request's actor and address go with the job, for its audit entry.
    const input: ImportInput = { ...job.input, actor: ctx.actor!, ip: ctx.ip, lang: ctx.lang };
    if (await jobs.moveJob(ctx.db.kysely, village, jobId, 'ready', 'queued', { input })) importJobs(ctx.db).kick();
  }
  return jobSnapshot((await jobs.findJob<ImportInput>(ctx.db.kysely, village, jobId, ctx.actor!.id))!);
}

export async function getImportJob(ctx: UseCaseContext, villageInput: string, jobId: string) {
  const village = await villageScope(ctx, villageInput, 'population.import');
  const job = await ownImport(ctx, village, jobId);
  return { ...jobSnapshot(job), villageCode: village };
}

/** The job runner of this database (the server starts it at boot, so a restart resumes confirmed imports). */
export const importJobs = (db: Db, pollMs?: number) => jobRunner(db, { 'population.import': importHandler }, pollMs);

/** A moment in the import a test can stop at: everything staged, nothing published yet. */
export interface ImportHooks {
  beforePublish?: () => Promise<void>;
}

/** Runs a claimed import to its end: the outcome goes on the job. */
export const importHandler = importHandlerWith({});

export function importHandlerWith(hooks: ImportHooks) {
  const handler = (db: Db, run: jobs.JobRun) => runImport(db, run, hooks);
  return Object.assign(handler, { discard: (db: Db, job: jobs.JobRow) => repo.discardStaged(db.kysely, job.village_code, job.id) });
}

async function runImport(db: Db, run: jobs.JobRun, hooks: ImportHooks): Promise<{ result: ImportResult } | { error: ImportError }> {
  const started = Date.now();
  const job = run.job as unknown as jobs.JobRow<ImportInput>;
  // Started again after its process died, once its rows were already published: that was the end of it.
  if (job.result) return { result: job.result as unknown as ImportResult };
  const { actor: confirmedBy, ip, lang } = job.input;
  // The confirming officer may have lost the right to import since (role, region, deactivated):
  // checked again against the account as it is now, not the copy saved with the job.
  const actor = confirmedBy ? await currentActor(db, confirmedBy.id) : null;
  if (!actor || !can(actor, 'population.import', job.village_code)) {
    await repo.discardStaged(db.kysely, job.village_code, job.id);
    return { error: { key: 'error.forbidden', params: {} } };
  }
  const ctx: UseCaseContext = { db, actor, ip: ip ?? 'job', lang: lang ?? 'id' };
  try {
    run.progress('checking', 0, job.total);
    const rows = await jobs.readRows<ParsedRow>(db.kysely, job.village_code, job.id);
    const file: ParsedFile = { ...job.input.file, rows };
    const result = await importFile(ctx, job.village_code, job.id, job.file_name, file, run, hooks);
    return { result: { ...result, ms: Date.now() - started } };
  } catch (err) {
    // Nothing of a failed import stays: what it staged goes (nobody saw it).
    await repo.discardStaged(db.kysely, job.village_code, job.id).catch((e) => console.error(`[balai] import ${job.id}: discarding its staged rows failed: ${errorForLog(e)}`));
    if (err instanceof ImportRejected) return { error: { key: 'import.rejected', params: {}, problems: err.plan.problems, counts: err.plan.counts } };
    if (err instanceof AppError) return { error: { key: err.key, params: err.params } };
    if (nikTakenMeanwhile(err)) return { error: { key: 'import.nik_taken_meanwhile', params: {} } };
    if (changedMeanwhile(err)) return { error: { key: 'import.changed_meanwhile', params: {} } };
    console.error(`[balai] import ${job.id} into ${job.village_code} failed: ${errorForLog(err)}`);
    return { error: { key: 'error.internal', params: {} } };
  }
}

class ImportRejected extends Error {
  constructor(readonly plan: Plan) {
    super('import rejected');
  }
}

/** New residents per staging transaction: each holds the embedded database's one connection for about 0.1 s. */
const STAGE_ROWS = 100;

/**
 * The import itself, all or nothing, without holding the database: the rows are written
 * in short transactions as a staged import that no read sees (migration 0018), then one
 * short transaction publishes them together with the corrections of the residents already
 * here and one audit entry. Anything earlier starts of this job left is thrown away first;
 * a failure throws away what this start staged.
 */
async function importFile(ctx: UseCaseContext, village: string, job: string, fileName: string, file: ParsedFile, run: jobs.JobRun, hooks: ImportHooks): Promise<ImportResult> {
  const db = ctx.db.kysely;
  let total = run.job.total;
  let done = 0;
  const progress = (step: JobStep, n?: number) => {
    if (n !== undefined) done = n;
    run.progress(step, done, total);
  };
  const today = todayInWib();
  const userId = ctx.actor?.id ?? null;

  await repo.discardStaged(db, village, job);
  // The village may have changed since the preview: planned again, and refused when the file no longer fits.
  const plan = await planImport(db, village, file);
  if (plan.counts.errors > 0) throw new ImportRejected(plan);
  total = plan.inserts.length + plan.updates.length;
  await repo.beginStaging(db, village, job);

  progress('areas');
  const areaIds = await db.transaction().execute((trx) =>
    repo.insertAreas(
      trx,
      village,
      plan.newAreas.map((a) => ({ level: a.level, name: a.name, parentIndex: a.parent && 'index' in a.parent ? a.parent.index : null, parentId: a.parent && 'id' in a.parent ? a.parent.id : null })),
      job,
    ),
  );
  const areaId = (ref: AreaRef) => ('id' in ref ? ref.id : areaIds[ref.index]!);

  progress('residents', 0);
  const familyIds = await insertResidents(db, village, plan, areaId, { registrationDate: today, userId, importJob: job }, (n) => progress('residents', n));
  const familyId = (ref: FamilyRef) => ('id' in ref ? ref.id : familyIds[ref.index]!);
  // New families none of whose members is still here (all dead or moved) are recorded as dissolved.
  const stillHere = new Set([
    ...plan.inserts.flatMap((p) => ('index' in p.family && HOLDS_NIK.includes((p.row.values.life_status as number | null | undefined) ?? 1) ? [p.family.index] : [])),
    ...plan.updates.flatMap((u) => ('index' in u.family && HOLDS_NIK.includes(u.existing.life_status) ? [u.family.index] : [])),
  ]);
  const dissolved = familyIds.filter((_, i) => !stillHere.has(i));
  if (dissolved.length) await db.transaction().execute((trx) => repo.dissolveFamilies(trx, village, dissolved));

  await hooks.beforePublish?.();
  progress('corrections');
  const result = await writeWithAudit(ctx, async (trx, audit) => {
    await repo.lockVillageImport(trx, village);
    // The families and residents this import changes must still be as the plan saw them.
    const joined = plan.inserts.flatMap((p) => ('id' in p.family ? [p.family.id] : []));
    const ok =
      (await repo.familiesStillActive(trx, village, [...plan.familyUpdates.map((f) => f.id), ...joined, ...plan.updates.flatMap((u) => ('id' in u.family ? [u.family.id] : []))])) &&
      (await repo.residentsUnchanged(trx, village, plan.updates.map((u) => u.existing)));
    if (!ok) throw conflict('import.changed_meanwhile');
    await repo.updateFamilies(trx, village, plan.familyUpdates.map((f) => ({ id: f.id, address: f.address, area_id: areaId(f.area) })));
    await applyCorrections(trx, village, plan, areaId, familyId, `Impor berkas ${fileName}`, today, userId, (n) => progress('corrections', plan.inserts.length + n));

    progress('finishing');
    await repo.publishStaged(trx, village, job);
    const result: ImportResult = {
      inserted: plan.inserts.length,
      updated: plan.updates.length,
      unchanged: plan.counts.unchangedResidents,
      familiesCreated: plan.newFamilies.length,
      familiesUpdated: plan.familyUpdates.length,
      areasCreated: plan.newAreas.length,
      ms: 0,
    };
    // Kept with the publication: a start after a crash from here on finds the import done.
    await jobs.recordResult(trx, village, job, result);
    await audit({
      action: 'population.import',
      villageCode: village,
      subject: `village:${village}`,
      detail: { file: fileName, rows: plan.counts.rows, inserted: result.inserted, updated: result.updated, unchanged: result.unchanged, families_created: result.familiesCreated, families_updated: result.familiesUpdated, areas_created: result.areasCreated },
    });
    return result;
  });
  if (plan.inserts.length >= 100) await analyzePopulation(db, { vacuum: true });
  return result;
}

/** The residents already here that the file corrects: their new state and a `correction` event each, STEP_ROWS at a time. */
async function applyCorrections(
  trx: Transaction<Database>,
  village: string,
  plan: Plan,
  areaId: (ref: AreaRef) => number,
  familyId: (ref: FamilyRef) => number,
  reason: string,
  today: string,
  userId: number | null,
  progress: (done: number) => void,
) {
  for (let start = 0; start < plan.updates.length; start += STEP_ROWS) {
    const part = plan.updates.slice(start, start + STEP_ROWS);
    const rows: repo.ResidentUpdate[] = [];
    const events: { resident_id: number; family_id: number | null; details: string }[] = [];
    for (const u of part) {
      const aId = areaId(u.area);
      const fId = familyId(u.family);
      const changes = residentChanges(u.existing, u.row, aId, fId);
      const after = { ...u.existing, warnings: '[]' } as repo.ResidentUpdate;
      for (const f of IMPORT_FIELDS) {
        const v = u.row.values[f];
        if (v !== undefined && v !== null) (after as Record<string, unknown>)[f] = v;
      }
      after.area_id = aId;
      after.family_id = fId;
      after.warnings = JSON.stringify(nikWarnings(u.existing.nik, after.birth_date as string | null, after.sex as number));
      rows.push(after);
      events.push({ resident_id: u.existing.id, family_id: fId, details: JSON.stringify({ changes, reason, source: 'import' }) });
    }
    await repo.updateResidents(trx, village, rows);
    await repo.insertCorrections(trx, village, events, today, userId);
    progress(start + part.length);
  }
}

/**
 * New residents through `bulkInsertPopulation` as part of the staged import, a family at a
 * time up to STAGE_ROWS residents per transaction. Returns the ids of the new families in plan order.
 */
async function insertResidents(
  db: Kysely<Database>,
  village: string,
  plan: Plan,
  areaId: (ref: AreaRef) => number,
  opts: { registrationDate: string; userId: number | null; importJob: string },
  progress: (done: number) => void,
): Promise<number[]> {
  const toResident = (p: Plan['inserts'][number], familyIndex: number | null): NewResident => {
    const v = p.row.values;
    const r: Record<string, unknown> = { nik: p.row.nik, nik_temporary: p.row.nikTemporary, area_id: areaId(p.area), familyIndex };
    for (const f of IMPORT_FIELDS) if (v[f] !== undefined) r[f] = v[f];
    return r as unknown as NewResident;
  };
  const bulk = { registrationDate: opts.registrationDate, userId: opts.userId, source: 'import', importJob: opts.importJob, analyze: false };

  // Residents of new families go with their family; the rest join families already here.
  const byFamily = new Map<number, Plan['inserts']>();
  const joining: Plan['inserts'] = [];
  for (const p of plan.inserts) {
    if ('id' in p.family) joining.push(p);
    else {
      const members = byFamily.get(p.family.index);
      if (members) members.push(p);
      else byFamily.set(p.family.index, [p]);
    }
  }
  const familyIds: number[] = new Array(plan.newFamilies.length);
  let done = 0;
  let families: number[] = [];
  let batch: NewResident[] = [];
  const flush = async () => {
    if (!families.length) return;
    const newFamilies: NewFamily[] = families.map((i) => ({ kk_number: plan.newFamilies[i]!.kk, address: plan.newFamilies[i]!.address, area_id: areaId(plan.newFamilies[i]!.area) }));
    const r = await db.transaction().execute((trx) => bulkInsertPopulation(trx, village, newFamilies, batch, bulk));
    families.forEach((i, k) => (familyIds[i] = r.familyIds[k]!));
    done += batch.length;
    progress(done);
    families = [];
    batch = [];
    await refreshStatistics();
  };
  // The planner's statistics, refreshed each time the staged rows double: planned on an empty
  // village's statistics, the foreign-key checks of later chunks would scan what came before.
  let analyzedAt = 0;
  const refreshStatistics = async () => {
    if (done < Math.max(2 * analyzedAt, STAGE_ROWS * 4)) return;
    analyzedAt = done;
    await analyzePopulation(db);
  };
  for (let i = 0; i < plan.newFamilies.length; i++) {
    const members = byFamily.get(i) ?? [];
    const index = families.length;
    families.push(i);
    for (const m of members) batch.push(toResident(m, index));
    if (batch.length >= STAGE_ROWS) await flush();
  }
  await flush();

  for (let start = 0; start < joining.length; start += STAGE_ROWS) {
    const part = joining.slice(start, start + STAGE_ROWS);
    await db.transaction().execute(async (trx) => {
      const r = await bulkInsertPopulation(trx, village, [], part.map((p) => toResident(p, null)), bulk);
      await repo.attachToFamilies(trx, village, r.residentIds, part.map((p) => ('id' in p.family ? p.family.id : 0)));
    });
    done += part.length;
    progress(done);
    await refreshStatistics();
  }
  return familyIds;
}
