import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, signIn, time, timed, withCitus, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The change feed (docs/change-feed.md) over a province's worth of history: the demo with
 * Hanura's 2,500 residents (their registrations), every Lampung village activated, and
 * BENCH_FEED_EVENTS cash-book movements (default 100,000) spread over the villages, written
 * 1,000 per transaction through the real triggers. Measured as server time through
 * /api/v1/feed (session, access, the feed's two statements, the source rows, the JSON):
 *  - a page of 500 from the beginning, from the middle, and the caught-up call (nothing new),
 *    as the village (Hanura), its district (a few villages, read one by one), its regency and
 *    the province (a range of villages); target ≤ 100 ms p95 for a page of 500;
 *  - the province reading the whole feed, page after page.
 *
 *   BENCH_FEED_EVENTS   movements to write (default 100000; run small: 5000)
 *   BENCH_ENGINES       postgresql,pglite[,citus] (default postgresql,pglite)
 */
const EVENTS = Number(process.env.BENCH_FEED_EVENTS ?? 100_000);
const CHUNK = 1000;
const PAGE = 500;
const ROUNDS = 20;
const TARGET_MS = 100;

async function generate(db: Db) {
  const k = db.kysely;
  await seedDemo(db, { population: true, citizen: true });
  await sql`insert into villages (village_code, activation_kind)
    select code, 'target' from regions where code like '18.%' and level = 4 on conflict (village_code) do nothing`.execute(k);
  // Hanura first: one of the busy villages.
  const villages = [HANURA, ...(await k.selectFrom('villages').select('village_code').where('village_code', '<>', HANURA).orderBy('village_code').execute()).map((v) => v.village_code)];
  const by = Number((await k.selectFrom('users').select('id').where('username', '=', 'bendahara.hanura').executeTakeFirstOrThrow()).id);
  const year = Number(todayInWib().slice(0, 4));
  for (let from = 0; from < EVENTS; from += CHUNK) {
    const n = Math.min(CHUNK, EVENTS - from);
    // One village in ten gets most of the movements, like the villages that use Balai daily.
    await sql`insert into treasury_entries (village_code, year, entry_date, kind, amount, description, posted_by)
      select (${villages}::text[])[1 + (case when g % 3 = 0 then g else (g % 10) * 10 end) % ${villages.length}::int], ${year}, ${`${year}-01-01`}::date + g % 300,
        'withdrawal', 1000 + g, 'Ambil tunai ' || g, ${by}
      from generate_series(${from}::int, ${from + n - 1}::int) g`.execute(k);
  }
  await sql`analyze change_feed`.execute(k);
  await sql`analyze treasury_entries`.execute(k);
  return villages.length;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  process.env.BALAI_FEED_LAG_MS = '0';
  const { value: villages, seconds } = await time(() => generate(db));
  const total = Number((await sql<{ n: string }>`select count(*) as n from change_feed`.execute(db.kysely)).rows[0]!.n);
  log(`${db.kind}: ${total} feed entries over ${villages} villages in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `${EVENTS} cash-book movements over ${villages} villages through the feed's triggers (${total} entries)`, database: db.kind, rows: EVENTS, seconds }];

  const app = createApp({ db, secureCookies: false });
  const get = async (cookie: string, query: string) => {
    const res = await app.request(`/api/v1/feed?${query}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`feed ${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { entries: unknown[]; next: string; more: boolean };
  };

  // The province reads everything once, page after page: its cursors mark the beginning, the middle and the end.
  const province = await signIn(app, 'provinsi');
  const cursors: string[] = [];
  let next = '';
  const walk = await time(async () => {
    for (;;) {
      const page = await get(province, `limit=${PAGE}&since=${next}`);
      next = page.next;
      cursors.push(next);
      if (!page.more) break;
    }
  });
  out.push({ what: `the province reads the whole feed, ${PAGE} a page (${cursors.length} pages)`, database: db.kind, rows: total, seconds: walk.seconds });
  log(`${db.kind} · whole feed as the province: ${cursors.length} pages in ${walk.seconds.toFixed(1)} s`);
  const middle = cursors[Math.floor(cursors.length / 2)]!;
  const end = cursors.at(-1)!;

  const readers: [who: string, username: string][] = [
    [`the village (${HANURA})`, 'hanura'],
    ['its district (18.09.10)', 'telukpandan'],
    ['its regency (18.09)', 'pesawaran'],
    ['the province (18)', 'provinsi'],
  ];
  for (const [who, username] of readers) {
    const cookie = await signIn(app, username);
    for (const [where, since] of [['from the beginning', ''], ['from the middle', middle], ['caught up', end]] as const) {
      const first = await get(cookie, `limit=${PAGE}&since=${since}`);
      const ms = await timed(ROUNDS, () => get(cookie, `limit=${PAGE}&since=${since}`));
      out.push(latency(db.kind, `feed page as ${who}, ${where} (${first.entries.length} entries)`, ms, TARGET_MS, log));
    }
  }
  return out;
}

export const benchmark: Benchmark = {
  name: 'feed',
  description: `the change feed over ${EVENTS.toLocaleString('en-US')} changes: a page of ${PAGE} ≤ ${TARGET_MS} ms p95 for a village, district, regency and the province`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const c = engines.includes('citus') ? ((await withCitus((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b, ...c];
  },
};
