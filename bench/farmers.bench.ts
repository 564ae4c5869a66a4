import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { seasonOf } from '../src/modules/farmers/catalog.js';
import { farmerDashboard } from '../src/modules/farmers/figures.service.js';
import { lookupCard, redeem } from '../src/modules/farmers/kiosks.service.js';
import { mulberry32 } from '../src/modules/population/generator.js';
import { generateRegency, type Kiosk } from './farmers-regency.js';
import { latency, pageMeasurements, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The farmer card at regency scale (issue 16, "Done when"): a generated regency of 300 villages,
 * 100,000 farmers and 10,000 RDKK lines (bench/farmers-regency.ts). Measured through the real
 * services: a kiosk looking a card up and recording a redemption (targets ≤ 10 ms p95), a
 * redemption refused beyond the allocation, and the regency's farmer dashboard (≤ 300 ms on
 * PostgreSQL); the pages behind them as server time too.
 *
 * PGlite gets a tenth of the regency (30 villages, 10,000 farmers, 1,000 lines): filling 300
 * villages' residents there runs at under 300 residents a second and slows as it fills (100
 * villages took 3 minutes, the whole would take about 25), and an embedded database serves one
 * village's copy, not a regency. The look-up and the redemption read by key, so their times
 * hardly depend on the scale.
 *
 *   BENCH_ENGINES             postgresql,pglite (default both)
 *   BENCH_FARMERS_VILLAGES    villages on PostgreSQL (default 300); farmers and RDKK lines follow (333⅓ and 33⅓ a village)
 *   BENCH_FARMERS_PGLITE_VILLAGES  villages on PGlite (default 30)
 */
const REGENCY = '18.02'; // Lampung Tengah: 311 villages, the first 300 by code
const VILLAGES = Number(process.env.BENCH_FARMERS_VILLAGES ?? 300);
const PGLITE_VILLAGES = Number(process.env.BENCH_FARMERS_PGLITE_VILLAGES ?? 30);
interface Scale { villages: number; farmers: number; lines: number }
const scaleOf = (villages: number): Scale => ({ villages, farmers: Math.round((villages * 1000) / 3), lines: Math.round((villages * 100) / 3) });
const OPERATIONS = 500;
const REFUSALS = 100;
const ROUNDS = 20;
const KIOSK_TARGET_MS = 10;
const DASHBOARD_TARGET_MS = 300;

const kioskCtx = (db: Db, k: Kiosk): UseCaseContext => ({ db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: k.userId, username: k.username, fullName: k.username, role: 'fertiliser_kiosk', regionCode: k.district, language: 'id' } });

async function login(app: ReturnType<typeof createApp>, username: string, password: string): Promise<string> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function measure(db: Db, size: Scale, log: (l: string) => void): Promise<Measurement[]> {
  const { farmers, lines } = size;
  const today = todayInWib();
  const started = performance.now();
  const regency = await generateRegency(db, { regency: REGENCY, villages: size.villages, farmers, rdkkLines: lines, residentsPerVillage: 550, villagesPerKiosk: 10, today }, log);
  const generated = (performance.now() - started) / 1000;
  const scale = `${regency.villages.length} villages, ${farmers.toLocaleString('en-US')} farmers, ${lines.toLocaleString('en-US')} RDKK lines`;
  const k = db.kysely;
  const year = Number(today.slice(0, 4));
  const season = seasonOf(today);
  const rng = mulberry32(16);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)]!;

  // Cards per village, and the farmers with this season's urea and NPK still to redeem (each redeemed once below: no waiting on each other).
  const cards = new Map<string, string[]>();
  for (const f of await k.selectFrom('farmers').select(['village_code', 'card_code']).orderBy('village_code').orderBy('id').execute()) cards.set(f.village_code, [...(cards.get(f.village_code) ?? []), f.card_code]);
  const holders = (await sql<{ card_code: string; village_code: string }>`
    select f.card_code, f.village_code from farm_allocations a join farmers f on f.village_code = a.village_code and f.id = a.farmer_id
    where a.year = ${year} and a.season = ${season} and a.fertiliser = 'urea' and a.allocated - a.redeemed >= 20
    order by f.village_code, f.id`.execute(k)).rows;
  for (let i = holders.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [holders[i], holders[j]] = [holders[j]!, holders[i]!];
  }
  // Every card redeemed once (a small smoke run has fewer allocations than that).
  const operations = Math.min(OPERATIONS, holders.length - REFUSALS);
  if (operations < 10) throw new Error(`only ${holders.length} allocations to redeem`);
  const kioskOfVillage = new Map(regency.kiosks.flatMap((kk) => kk.villages.map((v) => [v, kk] as const)));
  const ctxs = new Map(regency.kiosks.map((kk) => [kk.id, kioskCtx(db, kk)]));

  // A random kiosk, a random card of one of the villages it serves.
  const randomLookup = () => {
    const kiosk = pick(regency.kiosks);
    return lookupCard(ctxs.get(kiosk.id)!, pick(cards.get(pick(kiosk.villages))!), today);
  };
  await timed(20, randomLookup); // warm-up: connections, plans
  const lookups = await timed(OPERATIONS, randomLookup);
  const redemptions = await timed(operations, (i) => {
    const h = holders[i]!;
    return redeem(ctxs.get(kioskOfVillage.get(h.village_code)!.id)!, h.card_code, { urea: '10', npk: '5' }, today);
  });
  const refusals = await timed(REFUSALS, async (i) => {
    const h = holders[operations + i]!;
    await redeem(ctxs.get(kioskOfVillage.get(h.village_code)!.id)!, h.card_code, { urea: '100000' }, today).then(
      () => { throw new Error('a redemption beyond the allocation was accepted'); },
      (err: { status?: number }) => { if (err.status !== 409) throw err; },
    );
  });

  // The rollup the dashboard reads agrees with the allocations after the redemptions.
  const check = (await sql<{ rollup: string; rows: string }>`
    select (select sum(redeemed) from monitoring_fertiliser where year = ${year})::text as rollup, (select sum(redeemed) from farm_allocations where year = ${year})::text as rows`.execute(k)).rows[0]!;
  if (check.rollup !== check.rows) throw new Error(`monitoring_fertiliser says ${check.rollup} kg redeemed, the allocations ${check.rows}`);

  const dashboard = async (ctx: UseCaseContext, code: string) => {
    for (let i = 0; i < 2; i++) await farmerDashboard(ctx, code, undefined);
    return timed(ROUNDS, () => farmerDashboard(ctx, code, undefined));
  };
  const regencyMs = await dashboard(regency.officer.ctx, REGENCY);
  const provinceMs = await dashboard(regency.province, REGENCY.slice(0, 2));

  const out: Measurement[] = [
    { what: `a regency generated: ${scale}, ${regency.residents.toLocaleString('en-US')} residents, ${regency.kiosks.length} kiosks (rows = farmers)`, database: db.kind, rows: farmers, seconds: generated,
      note: `residents by the population generator, farmers to allocations in bulk SQL, kiosks by the service; steps: ${regency.steps.map(([, s]) => `${s.toFixed(0)} s`).join(' + ')}` },
    latency(db.kind, `kiosk card look-up, random cards of the kiosk's villages (${scale})`, lookups, KIOSK_TARGET_MS, log),
    latency(db.kind, `kiosk redemption (urea and NPK, the look-up included), ${operations} farmers (${scale})`, redemptions, KIOSK_TARGET_MS, log),
    latency(db.kind, 'redemption beyond the allocation, refused with what is left', refusals, null, log),
    latency(db.kind, `regency farmer dashboard, service (${REGENCY}, ${scale})`, regencyMs, DASHBOARD_TARGET_MS, log),
    latency(db.kind, 'province farmer dashboard, service (18)', provinceMs, null, log),
  ];

  const app = createApp({ db, secureCookies: false });
  const officer = await login(app, regency.officer.username, regency.officer.password);
  const kiosk = regency.kiosks[0]!;
  const kioskCookie = await login(app, kiosk.username, regency.kioskPassword);
  out.push(...(await pageMeasurements(app, db.kind, [
    ['regency farmer dashboard page (/pantau/18.02/petani)', `/pantau/${REGENCY}/petani`, officer],
    ['kiosk card page (look-up)', `/kios/kartu/${cards.get(kiosk.villages[0]!)![7]}`, kioskCookie],
  ], ROUNDS, log)));
  return out;
}

export const benchmark: Benchmark = {
  name: 'farmers',
  description: `the farmer card in a generated regency (${VILLAGES} villages, ${scaleOf(VILLAGES).farmers.toLocaleString('en-US')} farmers, ${scaleOf(VILLAGES).lines.toLocaleString('en-US')} RDKK lines; PGlite ${PGLITE_VILLAGES} villages): kiosk look-up and redemption (≤ ${KIOSK_TARGET_MS} ms p95), the regency dashboard (≤ ${DASHBOARD_TARGET_MS} ms)`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, scaleOf(VILLAGES), log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, scaleOf(PGLITE_VILLAGES), log)) : [];
    return [...a, ...b];
  },
};
