import { parseArgs } from 'node:util';
import type { Db } from '../../platform/db/connect.js';
import { deriveSeed, mulberry32, populateVillage } from './generator.js';
import { analyzePopulation } from './bulk-insert.js';

/**
 * `balai generate-population`: made-up residents for a demo or a benchmark, in one village
 * or in every village of a region (Lampung: 2,651 villages). Villages that already have
 * residents are skipped, so an interrupted run can simply be started again.
 */

export const GENERATE_POPULATION_HELP = `  balai generate-population --village KODE --residents N [--seed S] [--date YYYY-MM-DD]
  balai generate-population --province KODE (--residents-per-village N | --total N) [--seed S] [--limit K] [--progress-every K] [--concurrency C]
                                     isi desa dengan penduduk rekaan (demo, uji beban); desa yang belum aktif diaktifkan`;

const USAGE = `Pemakaian:\n${GENERATE_POPULATION_HELP}`;

const fmt = (n: number) => Math.round(n).toLocaleString('id-ID');
const seconds = (ms: number) => (ms / 1000).toLocaleString('id-ID', { maximumFractionDigits: 1 });

function positiveInt(value: string | undefined, option: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`Wajib: --${option}.\n\n${USAGE}`);
  }
  const n = Number(value.replace(/[._]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${option} harus bilangan bulat positif (bukan "${value}").`);
  return n;
}

/** Region code of level 1–3 with or without dots: "18", "18.09", "1809", "180910". */
function regionScope(input: string): string {
  const plain = input.trim().replace(/\./g, '');
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(plain)) throw new Error(`--province harus kode provinsi (atau kabupaten/kecamatan), misalnya 18 (bukan "${input}").`);
  return plain.match(/\d{2}/g)!.join('.');
}

export async function generatePopulationCommand(args: string[], open: () => Promise<Db>): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      village: { type: 'string' },
      province: { type: 'string' },
      residents: { type: 'string' },
      'residents-per-village': { type: 'string' },
      total: { type: 'string' },
      seed: { type: 'string', default: '1' },
      date: { type: 'string' },
      limit: { type: 'string' },
      'progress-every': { type: 'string' },
      concurrency: { type: 'string' },
    },
  });
  if (Boolean(values.village) === Boolean(values.province)) throw new Error(`Pilih salah satu: --village atau --province.\n\n${USAGE}`);
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed harus bilangan bulat (bukan "${values.seed}").`);
  const asOf = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new Error(`--date harus YYYY-MM-DD (bukan "${asOf}").`);

  if (values.village) {
    const residents = positiveInt(values.residents, 'residents');
    const db = await open();
    try {
      const started = performance.now();
      const r = await populateVillage(db.kysely, values.village, { residents, seed, asOf, actorLabel: 'generate-population' });
      const ms = performance.now() - started;
      if (r.activated) console.log(`Desa ${r.name} (${r.villageCode}) diaktifkan (inisiatif).`);
      if (r.areasCreated) console.log(`Dibuat ${fmt(r.areasCreated)} wilayah dusun/RW/RT.`);
      console.log(`${r.name} (${r.villageCode}): ${fmt(r.residents)} penduduk dalam ${fmt(r.families)} KK, ${seconds(ms)} detik (${fmt(r.residents / (ms / 1000))} penduduk/detik).`);
    } finally {
      await db.close();
    }
    return;
  }

  const scope = regionScope(values.province!);
  const perVillage = values['residents-per-village'] ? positiveInt(values['residents-per-village'], 'residents-per-village') : undefined;
  const total = values.total ? positiveInt(values.total, 'total') : undefined;
  if (Boolean(perVillage) === Boolean(total)) throw new Error(`Pilih salah satu: --residents-per-village atau --total.\n\n${USAGE}`);
  const limit = values.limit ? positiveInt(values.limit, 'limit') : Infinity;
  const every = positiveInt(values['progress-every'], 'progress-every', 50);

  const db = await open();
  try {
    const concurrency = db.kind === 'pglite' ? 1 : positiveInt(values.concurrency, 'concurrency', 2);
    const result = await fillRegion(db, { scope, perVillage, total, seed, asOf, limit, concurrency, progressEvery: every, log: console.log });
    if (result.failure) throw result.failure;
  } finally {
    await db.close();
  }
}

export interface FillRegionOptions {
  /** Province, regency or district code with dots. */
  scope: string;
  perVillage?: number;
  total?: number;
  seed: number;
  asOf: string;
  /** At most this many villages (to measure on a small scale). */
  limit?: number;
  /** Villages filled at once; PGlite always 1 (it has one connection: more would only queue). */
  concurrency?: number;
  progressEvery?: number;
  log?: (line: string) => void;
}

export interface FillRegionResult {
  villages: number;
  skipped: number;
  residents: number;
  activated: number;
  seconds: number;
  failure?: Error;
}

const ANALYZE_EVERY = 500;

/** Fills every empty village below `scope`, village by village (each in its own transaction), printing progress. */
export async function fillRegion(db: Db, o: FillRegionOptions): Promise<FillRegionResult> {
  const log = o.log ?? (() => {});
  const every = o.progressEvery ?? 50;
  const concurrency = db.kind === 'pglite' ? 1 : Math.max(1, o.concurrency ?? 2);
  const { scope, seed, asOf } = o;
  const k = db.kysely;
  const all = await k
    .selectFrom('regions')
    .select(['code'])
    .where('level', '=', 4)
    .where('code', '>', `${scope}.`)
    .where('code', '<', `${scope}/`)
    .orderBy('code')
    .execute();
  if (!all.length) throw new Error(`Tidak ada desa/kelurahan di wilayah ${scope}. Sudahkah data wilayah dimuat (balai load-regions)?`);
  const filled = new Set(
    (
      // From the village rollup rows, which the writes keep: on Citus villages is a reference
      // table, and a correlated look into the residents of each is refused.
      await k
        .selectFrom('monitoring_population')
        .select('village_code')
        .distinct()
        .where('village_code', '>', `${scope}.`)
        .where('village_code', '<', `${scope}/`)
        .where('residents', '>', 0)
        .execute()
    ).map((r) => r.village_code),
  );
  const counts = residentsPerVillage(all.map((r) => r.code), seed, o.perVillage, o.total);
  const todo = all.filter((r) => !filled.has(r.code)).slice(0, o.limit ?? Infinity);
  const planned = todo.reduce((sum, r) => sum + counts.get(r.code)!, 0);
  log(
    `${fmt(all.length)} desa/kelurahan di ${scope}; ${fmt(filled.size)} sudah berpenduduk (dilewati). ` +
      `Mengisi ${fmt(todo.length)} desa dengan ${fmt(planned)} penduduk (${db.kind}, ${concurrency} jalur, seed ${seed}, per ${asOf}).`,
  );

  const started = performance.now();
  let done = 0;
  let people = 0;
  let activated = 0;
  let next = 0;
  let failure: Error | undefined;
  const progress = () => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = people / elapsed;
    const left = rate > 0 ? (planned - people) / rate : 0;
    log(`  ${fmt(done)}/${fmt(todo.length)} desa · ${fmt(people)} penduduk · ${fmt(rate)} penduduk/detik · berjalan ${seconds(elapsed * 1000)} d · sisa ± ${seconds(left * 1000)} d`);
  };
  const worker = async () => {
    while (failure === undefined && next < todo.length) {
      const code = todo[next++]!.code;
      try {
        // Statistics every few hundred villages, not after each: analysing the whole register
        // per village was most of the fill's time at province scale (and all of it on Citus).
        const r = await populateVillage(k, code, { residents: counts.get(code)!, seed, asOf, actorLabel: 'generate-population', analyze: false });
        done++;
        if (done % ANALYZE_EVERY === 0 || done === 1) await analyzePopulation(k);
        people += r.residents;
        if (r.activated) activated++;
        if (done % every === 0) progress();
      } catch (err) {
        failure ??= new Error(`Gagal di desa ${code}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (done > 0) await analyzePopulation(k, { vacuum: true });
  if (done % every !== 0) progress();
  const ms = performance.now() - started;
  log(`Selesai: ${fmt(done)} desa (${fmt(activated)} baru diaktifkan), ${fmt(people)} penduduk dalam ${seconds(ms)} detik (${fmt(people / (ms / 1000))} penduduk/detik).`);
  return { villages: done, skipped: filled.size, residents: people, activated, seconds: ms / 1000, failure };
}

/**
 * Residents for each village: the same number everywhere, or a total shared out unevenly
 * (villages differ; kelurahan are larger) but reproducibly, summing exactly to the total.
 */
export function residentsPerVillage(codes: string[], seed: number, perVillage?: number, total?: number): Map<string, number> {
  if (perVillage) return new Map(codes.map((c) => [c, perVillage]));
  if (total! < codes.length) throw new Error(`--total ${total} kurang dari jumlah desa (${codes.length}).`);
  const rng = mulberry32(deriveSeed(seed, 'village-sizes'));
  const weights = codes.map((c) => (0.5 + rng()) * (c[9] === '1' ? 1.6 : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((total! * w) / sum)));
  // Hand out what rounding left over, one each, so the sum is exact.
  let rest = total! - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i]!++;
  return new Map(codes.map((c, i) => [c, counts[i]!]));
}
