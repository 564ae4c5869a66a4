import { createApp } from '../src/app.js';
import { seedDemo } from '../src/modules/demo/seed-demo.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, signIn, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * What an API token costs a request: the same JSON reads with the session cookie and with a
 * token (one UPDATE of the token's row — find, count, note the use — and the maker's account),
 * one after the other; then many requests of one token at once, which queue on its row.
 *
 *   BENCH_ENGINES        postgresql,pglite (default both)
 *   BENCH_TOKEN_ROUNDS   requests per path and credential (default 300)
 *   BENCH_TOKEN_BURST    requests of one token at once (default 50, under the 300-a-minute limit)
 */
const ROUNDS = Number(process.env.BENCH_TOKEN_ROUNDS ?? 300);
const BURST = Number(process.env.BENCH_TOKEN_BURST ?? 50);
/** A token's own cost on top of the session's, p95. */
const TARGET_EXTRA_MS = 5;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const app = createApp({ db, secureCookies: false });
  const cookie = await signIn(app, 'pesawaran');
  const page = await app.request('/akun/token', { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const expires = new Date(Date.parse(`${todayInWib()}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
  const body = new URLSearchParams({ _csrf: csrf, token_name: 'Bench', region_code: '18.09', expires_on: expires });
  for (const p of ['region.browse', 'monitoring.read']) body.append('permissions', p);
  const made = await app.request('/akun/token', { method: 'POST', body, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  const secret = /value="(balai_api_[A-Za-z0-9_-]{43})"/.exec(await made.text())![1]!;
  // The per-minute limit would stop the rounds: the bench measures the cost, not the limit.
  const resetWindow = () => db.kysely.updateTable('api_tokens').set({ window_count: 0 }).where('name', '=', 'Bench').execute();

  const out: Measurement[] = [];
  for (const [what, path] of [['region (small JSON)', '/api/v1/regions/18.09'], ['regency adoption', '/api/v1/monitoring/regions/18.09/adoption']] as const) {
    const get = (headers: Record<string, string>) => async () => {
      const res = await app.request(path, { headers });
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    await get({ cookie })();
    const session = await timed(ROUNDS, get({ cookie }));
    const token: number[] = [];
    for (let done = 0; done < ROUNDS; done += 250) {
      await resetWindow();
      token.push(...(await timed(Math.min(250, ROUNDS - done), get({ authorization: `Bearer ${secret}` }))));
    }
    out.push(latency(db.kind, `${what} with the session cookie`, session, null, log));
    out.push(latency(db.kind, `${what} with an API token`, token, percentile(session, 95) + TARGET_EXTRA_MS, log));
  }
  await resetWindow();
  const t0 = performance.now();
  const burst = await Promise.all(Array.from({ length: BURST }, () => app.request('/api/v1/regions/18.09', { headers: { authorization: `Bearer ${secret}` } })));
  const seconds = (performance.now() - t0) / 1000;
  if (burst.some((r) => r.status !== 200)) throw new Error(`burst: ${burst.map((r) => r.status).join(',')}`);
  const row = await db.kysely.selectFrom('api_tokens').select('window_count').where('name', '=', 'Bench').executeTakeFirstOrThrow();
  log(`${db.kind} · ${BURST} requests of one token at once: ${seconds.toFixed(2)} s, counted ${row.window_count}`);
  out.push({ what: `${BURST} requests of one token at once (each counted: ${row.window_count})`, database: db.kind, rows: BURST, seconds });
  return out;
}

export const benchmark: Benchmark = {
  name: 'api-tokens',
  description: `a JSON read with an API token against the same read with a session: the token's cost ≤ ${TARGET_EXTRA_MS} ms p95; a burst of one token`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
