import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { AppError, badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { webPhoto } from '../../platform/images/web-photo.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { budgetReference, FUNDS, parseRupiah, type Fund } from '../budget/index.js';
import { activeVillage, villageInScope, villageScope } from '../villages/index.js';
import * as repo from './project.repository.js';

/**
 * Development projects: an activity of the adopted RKPDes carried out on the ground. The
 * secretary (or the operator, for the activity team) opens the project with its place, budget
 * by fund, implementer and schedule, and reports progress with photos; a report is never
 * edited — the next one supersedes it in the figures, and every one stays on the project page.
 * The projects, their progress and their photos are public (no personal data: the officer is
 * told not to photograph faces up close).
 */

/** Photos one report may carry, and the size of each as it arrives from the phone. */
export const MAX_PHOTOS = 3;
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** A project this many points behind its schedule (or past its end, unfinished) is late. */
export const LATE_POINTS = 10;

/** A coordinate with at most six decimals ("-5.4291", "105.2611"), within its range. */
export function coordinate(v: string | undefined, field: string, limit: number): string | null {
  const s = (v ?? '').trim().replace(',', '.');
  if (s === '') return null;
  if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(s) || Math.abs(Number(s)) > limit) throw badRequest('projects.coordinate', field, { limit });
  return s;
}

/**
 * How far along a project should be on a day, from its schedule (straight from 0 % on the
 * first day to 100 % on the last), and whether it is late: unfinished after its end, or more
 * than LATE_POINTS behind.
 */
export function scheduleOn(project: { starts_on: string; ends_on: string }, progress: number, today: string) {
  const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
  const span = Math.max(1, (ms(project.ends_on) - ms(project.starts_on)) / 86_400_000);
  const elapsed = (ms(today) - ms(project.starts_on)) / 86_400_000;
  const expected = Math.min(100, Math.max(0, Math.round((elapsed / span) * 100)));
  const late = progress < 100 && (today > project.ends_on || progress + LATE_POINTS < expected);
  return { expected, late };
}

export async function listVillageProjects(ctx: UseCaseContext, villageInput: string, yearInput: string | undefined, today: string) {
  const village = await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const year = yearInput === undefined || yearInput === '' ? Number(today.slice(0, 4)) : Number(yearInput);
  if (!/^\d{4}$/.test(String(year))) throw badRequest('budget.year', 'tahun');
  const [projects, candidates] = await Promise.all([repo.listProjects(ctx.db.kysely, code, year), repo.activitiesWithoutProject(ctx.db.kysely, code, year)]);
  return {
    village, year, candidates, canWrite: can(ctx.actor, 'planning.write', code),
    projects: projects.map((p) => ({ ...p, ...scheduleOn(p, Number(p.progress), today) })),
  };
}

export interface ProjectInput {
  plan_item_id?: string;
  name?: string;
  location?: string;
  latitude?: string;
  longitude?: string;
  volume?: string;
  implementer?: string;
  starts_on?: string;
  ends_on?: string;
  /** The budget by fund: `dana_DDS`, `dana_ADD` … in whole rupiah; empty for a fund that pays nothing. */
  [fund: `dana_${string}`]: string | undefined;
}

/** Opens a project for an activity of the adopted RKPDes (one project an activity). */
export async function startProject(ctx: UseCaseContext, villageInput: string, input: ProjectInput) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const itemId = Number(clean(input.plan_item_id));
  if (!Number.isSafeInteger(itemId) || itemId <= 0) throw badRequest('validation.required', 'plan_item_id');
  const item = await repo.planItem(ctx.db.kysely, village, itemId);
  if (!item || item.kind !== 'rkpdes' || item.status !== 'adopted') throw badRequest('projects.not_rkpdes', 'plan_item_id');
  const latitude = coordinate(input.latitude, 'latitude', 90);
  const longitude = coordinate(input.longitude, 'longitude', 180);
  if ((latitude === null) !== (longitude === null)) throw badRequest('projects.point', latitude === null ? 'latitude' : 'longitude');
  const startsOn = dateOf(input.starts_on, 'starts_on');
  const endsOn = dateOf(input.ends_on, 'ends_on');
  if (endsOn < startsOn) throw badRequest('projects.ends_before', 'ends_on');
  const funds = (Object.keys(FUNDS) as Fund[]).flatMap((f) => {
    const raw = input[`dana_${f}`];
    if (raw === undefined || raw.trim() === '') return [];
    const amount = parseRupiah(raw, `dana_${f}`);
    return amount > 0n ? [{ fund: f, amount }] : [];
  });
  if (funds.length === 0) throw badRequest('projects.no_budget', 'dana_DDS');
  const row = {
    village_code: village, plan_item_id: item.id, year: item.first_year, activity_code: item.activity_code,
    name: text(input.name || item.description, 'name', 3, 200), location: text(input.location || item.location, 'location', 2, 120),
    latitude, longitude, volume: text(input.volume || item.volume, 'volume', 1, 40), implementer: text(input.implementer, 'implementer', 2, 120),
    starts_on: startsOn, ends_on: endsOn, created_by: userIdOf(ctx.actor)!,
  };
  const budget = funds.reduce((s, f) => s + f.amount, 0n);
  try {
    return await writeWithAudit(ctx, async (trx, audit) => {
      const { id } = await repo.insertProject(trx, row);
      await repo.insertFunds(trx, funds.map((f) => ({ village_code: village, project_id: id, fund: f.fund, amount: f.amount.toString() })));
      await repo.insertRollup(trx, { village_code: village, project_id: id, year: row.year, starts_on: startsOn, ends_on: endsOn, budget: budget.toString(), progress: '0', reported_on: null });
      await audit({ action: 'projects.start', villageCode: village, subject: `project:${id}`, detail: { plan_item: item.id, budget: budget.toString() } });
      return { id };
    });
  } catch (err) {
    if (violatedUniqueIndex(err) === 'projects_village_code_plan_item_id_key') throw conflict('projects.exists', 'plan_item_id');
    throw err;
  }
}

/** A project with its budget, reports and photos; the 0 %, 50 % and 100 % photos picked out to show side by side. */
export async function getProject(ctx: UseCaseContext, villageInput: string, id: number, today: string, asPublic = false) {
  const village = asPublic ? await activeVillage(ctx, villageInput) : await villageInScope(ctx, villageInput, 'planning.read');
  const code = village.village_code;
  const [project, funds, reports, reference] = await Promise.all([
    repo.findProject(ctx.db.kysely, code, id), repo.fundsOf(ctx.db.kysely, code, id), repo.reportsOf(ctx.db.kysely, code, id), budgetReference(ctx.db.kysely),
  ]);
  if (!project) throw notFound('projects.not_found');
  const photos = await repo.photosOf(ctx.db.kysely, code, reports.map((r) => r.id));
  const withPhotos = reports.map((r) => ({ ...r, photos: photos.filter((p) => p.report_id === r.id) }));
  // The latest by report date (the list is in date order).
  const progress = reports.length ? Number(reports.at(-1)!.progress) : 0;
  // For each stage the first photo of the report nearest to it (within 15 points).
  const stages = [0, 50, 100].map((target) => {
    const candidates = withPhotos.filter((r) => r.photos.length > 0 && Math.abs(Number(r.progress) - target) <= 15);
    const best = candidates.sort((a, b) => Math.abs(Number(a.progress) - target) - Math.abs(Number(b.progress) - target))[0];
    return { target, report: best ? { id: best.id, progress: best.progress, reported_on: best.reported_on, photo: best.photos[0]!.id } : null };
  });
  return {
    village, project, reference, stages,
    funds: funds.map((f) => ({ fund: f.fund as Fund, amount: BigInt(f.amount) })),
    budget: funds.reduce((s, f) => s + BigInt(f.amount), 0n),
    reports: withPhotos,
    progress,
    schedule: scheduleOn(project, progress, today),
    canReport: !asPublic && can(ctx.actor, 'planning.write', code),
  };
}


export interface ReportInput { reported_on?: string; progress?: string; note?: string; keep_location?: string }

/**
 * A progress report with up to three photos. The photos are resized and stripped of their
 * location before the transaction (the work is done by the image library's own threads);
 * the report, its photos and the rollup are written together.
 */
export async function reportProgress(ctx: UseCaseContext, villageInput: string, id: number, input: ReportInput, files: Uint8Array[], today: string) {
  const village = await villageScope(ctx, villageInput, 'planning.write');
  const reportedOn = dateOf(input.reported_on, 'reported_on');
  if (reportedOn > today) throw badRequest('budget.regulation_in_future', 'reported_on');
  const raw = clean(input.progress).replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw) || Number(raw) > 100) throw badRequest('projects.progress', 'progress');
  const note = text(input.note, 'note', 2, 2000);
  if (files.length > MAX_PHOTOS) throw badRequest('projects.too_many_photos', 'photos', { max: MAX_PHOTOS });
  const keep = input.keep_location === '1';
  const photos: { bytes: Uint8Array; width: number; height: number }[] = [];
  for (const file of files) {
    if (file.length > PHOTO_MAX_BYTES) throw new AppError(413, 'file_too_large', 'projects.photo_size', { limit: '8 MB' }, 'photos');
    const out = await webPhoto(file, keep);
    if (out === 'not_a_photo') throw new AppError(415, 'unsupported_file', 'projects.photo_type', {}, 'photos');
    if (out === 'too_large') throw new AppError(413, 'file_too_large', 'projects.photo_pixels', {}, 'photos');
    photos.push(out);
  }
  return writeWithAudit(ctx, async (trx, audit) => {
    const project = await repo.lockProject(trx, village, id);
    if (!project) throw notFound('projects.not_found');
    if (reportedOn < project.starts_on) throw badRequest('projects.before_start', 'reported_on');
    const { id: reportId } = await repo.insertReport(trx, { village_code: village, project_id: id, reported_on: reportedOn, progress: raw, note, created_by: userIdOf(ctx.actor)! });
    await repo.insertPhotos(trx, photos.map((p) => ({ village_code: village, report_id: reportId, bytes: p.bytes, type: 'image/jpeg', width: p.width, height: p.height, kept_location: keep })));
    // The rollup row was written when the project opened; a report moves only its progress.
    const latest = (await repo.latestReport(trx, village, id))!;
    await repo.setRollupProgress(trx, village, id, latest.progress, latest.reported_on);
    await audit({ action: 'projects.report', villageCode: village, subject: `project:${id}`, detail: { report: reportId, progress: raw, photos: photos.length, kept_location: keep } });
    return { id: reportId };
  });
}

/** A project photo: public, as the project is; only within its village. */
export async function projectPhoto(ctx: UseCaseContext, villageInput: string, id: number) {
  const village = await activeVillage(ctx, villageInput);
  const row = await repo.photo(ctx.db.kysely, village.village_code, id);
  if (!row) throw notFound();
  return { bytes: row.bytes, type: row.type };
}

/** The village's projects of a year for the public budget page: name, place, budget, progress, latest photo. */
export async function publicProjects(ctx: UseCaseContext, village: string, year: number, today: string) {
  const rows = await repo.listProjects(ctx.db.kysely, village, year);
  return rows.map((p) => ({ ...p, ...scheduleOn(p, Number(p.progress), today) }));
}
