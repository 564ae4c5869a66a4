import { rebuildFarmRollups } from '../farmers/rollup.js';
import { rebuildMarketRollup } from '../market/rollup.js';
import { rebuildAttendanceRollup } from '../attendance/rollup.js';
import { rebuildMailRollup } from '../correspondence/rollup.js';
import { rebuildSurveyRollup } from '../surveys/rollup.js';
import { recountCivilRegistry } from '../civil-registry/rollup.js';
import { rebuildProfileRollup } from '../profile/rollup.js';
import { recountOffice } from './office-rollup.js';
import { recountTemporaryResidents } from '../temporary-residents/rollup.js';
import { recountElection } from '../elections/rollup.js';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/connect.js';
import * as idmRepo from './idm.repository.js';
import { MODELS, modelDefinition, statusOf } from './index-models.js';
import * as repo from './rollups.repository.js';
import { fold as foldPending } from './monitoring.repository.js';
import { refreshAidRollups } from '../assistance/index.js';
import { refreshComplaintRollup } from '../complaints/index.js';
import { refreshInstitutionRollup } from '../institutions/index.js';
import { refreshHouseholdRollup } from '../households/index.js';

/**
 * `balai rebuild-rollups [--village KODE | --region KODE]`: recomputes every rollup of the
 * villages from their source rows (residents, families, events, letters, the audit log),
 * one village per transaction, and derives the index statuses again from the scores with
 * the configured cut-offs. For repair, after a restore, or after changing the Indeks Desa
 * cut-offs; the rollups are otherwise kept current in each change's own transaction.
 */

export const REBUILD_ROLLUPS_HELP = `  balai rebuild-rollups [--village KODE | --region KODE]
                                     hitung ulang ringkasan per desa (dasbor pantau) dari data sumber`;

export interface RebuildOptions {
  /** A village, or a region whose villages are rebuilt; '' (default) is everything. */
  code?: string;
  log?: (line: string) => void;
  progressEvery?: number;
}

const DEADLOCK = '40P01';

async function time(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return (performance.now() - t0) / 1000;
}

/**
 * Adds the pending deltas into the region rows every few seconds (one server at a time:
 * monitoring_fold takes an advisory lock). Dashboards are exact without it; it keeps the
 * pending tables short so they stay fast. Returns a function that stops it.
 */
export function startRollupFolding(db: Db, everyMs = 5000): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = foldRollups(db)
      .catch((err) => console.error('[balai] folding the region rollups failed:', err instanceof Error ? err.message : err))
      .finally(() => (running = null));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export const foldRollups = (db: Db) => foldPending(db.kysely);

export async function rebuildRollups(db: Db, o: RebuildOptions = {}): Promise<{ villages: number; seconds: number; statusesChanged: number }> {
  const log = o.log ?? (() => {});
  const code = o.code ?? '';
  const every = o.progressEvery ?? 100;
  const started = performance.now();
  const villages = await repo.villagesToRebuild(db.kysely, code);
  log(`Menghitung ulang ringkasan ${villages.length.toLocaleString('id-ID')} desa${code ? ` di ${code}` : ''} (${db.kind}).`);
  let done = 0;
  for (const village of villages) {
    for (let attempt = 1; ; attempt++) {
      try {
        await db.kysely.transaction().execute(async (trx) => {
          await repo.lockSources(trx);
          await repo.rebuildPopulation(trx, village);
          await repo.rebuildLetters(trx, village);
          await repo.rebuildActivity(trx, village);
          await refreshHouseholdRollup(trx, village);
          await refreshAidRollups(trx, village);
          await refreshComplaintRollup(trx, village);
          await refreshInstitutionRollup(trx, village);
          await rebuildFarmRollups(trx, village);
          await rebuildMarketRollup(trx, village);
          await rebuildAttendanceRollup(trx, village);
          await rebuildMailRollup(trx, village);
          await rebuildSurveyRollup(trx, village);
          await recountCivilRegistry(trx, village);
          await rebuildProfileRollup(trx, village);
          await recountOffice(trx, village);
          await recountTemporaryResidents(trx, village);
          await recountElection(trx, village);
        });
        // The villages' row is a reference table on Citus: written after the shard's transaction.
        await repo.refreshLastActiveDays(db.kysely, village);
        break;
      } catch (err) {
        // A writer that held one source table and wanted another: take our turn again.
        if ((err as { code?: string }).code !== DEADLOCK || attempt >= 3) throw err;
      }
    }
    done++;
    if (done % every === 0 || done === villages.length) {
      const s = (performance.now() - started) / 1000;
      const left = (s / done) * (villages.length - done);
      log(`  ${done.toLocaleString('id-ID')}/${villages.length.toLocaleString('id-ID')} desa · ${s.toFixed(1)} d · sisa ± ${left.toFixed(0)} d`);
    }
  }
  // Then the region rows of the whole country from the village rows (the regions above a
  // rebuilt village hold every other village too).
  const regions = await time(() => db.kysely.transaction().execute((trx) => repo.rebuildRegions(trx)));
  log(`  wilayah di atas desa: ${regions.toFixed(1)} d`);
  // Statuses follow the scores and the configured cut-offs (Indeks Desa's may change).
  let statusesChanged = 0;
  for (const model of MODELS) {
    const def = modelDefinition(model);
    const rows = (await idmRepo.scoresOf(db.kysely, model)).filter((r) => !code || r.village_code === code || r.village_code.startsWith(`${code}.`));
    const changed = rows.map((r) => ({ ...r, next: statusOf(def, Number(r.score)) })).filter((r) => r.next !== r.status);
    await idmRepo.setStatuses(db.kysely, model, changed.map((r) => ({ village_code: r.village_code, year: r.year, status: r.next })));
    statusesChanged += changed.length;
  }
  if (db.kind === 'pglite') await sql`analyze monitoring_population, monitoring_families, monitoring_events, monitoring_letter_ready, village_activity_daily, letter_daily`.execute(db.kysely);
  const seconds = (performance.now() - started) / 1000;
  log(`Selesai: ${villages.length.toLocaleString('id-ID')} desa dalam ${seconds.toFixed(1)} detik${statusesChanged ? `; status indeks diperbarui: ${statusesChanged}` : ''}.`);
  return { villages: villages.length, seconds, statusesChanged };
}

/** Region code with or without dots, any level. */
function codeArg(input: string, option: string): string {
  const plain = input.trim().replace(/\./g, '');
  if (!/^\d{2}(\d{2}(\d{2}(\d{4})?)?)?$/.test(plain)) throw new Error(`--${option} harus kode wilayah, misalnya 18.09.10.2004 atau 18 (bukan "${input}").`);
  const parts = [plain.slice(0, 2), plain.slice(2, 4), plain.slice(4, 6), plain.slice(6)].filter(Boolean);
  return parts.join('.');
}

export async function rebuildRollupsCommand(args: string[], open: () => Promise<Db>): Promise<void> {
  const { values } = parseArgs({ args, options: { village: { type: 'string' }, region: { type: 'string' } } });
  if (values.village && values.region) throw new Error('Pilih salah satu: --village atau --region.');
  const code = values.village ? codeArg(values.village, 'village') : values.region ? codeArg(values.region, 'region') : '';
  if (values.village && code.split('.').length !== 4) throw new Error(`--village harus kode desa, misalnya 18.09.10.2004 (bukan "${values.village}").`);
  const db = await open();
  try {
    await rebuildRollups(db, { code, log: console.log });
  } finally {
    await db.close();
  }
}
