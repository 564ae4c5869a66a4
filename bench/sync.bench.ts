import { gzipSync } from 'node:zlib';
import { createApp } from '../src/app.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import { migrate } from '../src/platform/db/migrate.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { ensureRegionsLoaded } from '../src/modules/regions/index.js';
import { createSyncKey } from '../src/modules/sync/sync-keys.js';
import { cloneVillage, syncOnce, type SyncServer } from '../src/modules/sync/copy-sync.js';
import { comparedTables } from '../src/modules/sync/sync-tables.js';
import { BENCH_PROVINCES, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * A village's own copy (embedded database) in step with the province server (issue 15), in a
 * village of 10,000 residents: making the copy, then a day's work on the copy — 100 letter
 * requests and 100 corrections of residents, 200 use cases — synced up and checked down, then a
 * round with nothing to do. The server is PostgreSQL (or, with BENCH_ENGINES=pglite, PGlite),
 * called in process: the bytes each way are counted and turned into time on a 400 kbit/s link.
 * Target: the day's 200 changes in ≤ 5 s.
 */
const RESIDENTS = Number(process.env.BENCH_SYNC_RESIDENTS ?? 10_000);
const LINK_BITS_PER_SECOND = 400_000;

async function measure(server: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(server, { population: false, citizen: false });
  const admin = await server.kysely.selectFrom('users').select(['id']).where('username', '=', 'provinsi').executeTakeFirstOrThrow();
  const operator = await server.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  await populateVillage(server.kysely, HANURA, { residents: RESIDENTS, seed: 11, asOf: todayInWib(), userId: operator.id, actorLabel: 'bench', ip: 'bench' });
  const ctx = { db: server, actor: { kind: 'user' as const, id: admin.id, username: 'provinsi', fullName: 'Admin', role: 'province_admin' as const, regionCode: '18', language: 'id' as const }, ip: 'bench', lang: 'id' as const };
  const { key } = await createSyncKey(ctx, HANURA, 'Bench');
  const serverApp = createApp({ db: server, secureCookies: false });
  // Bytes as they would cross the link: what the copy sends (a push gzipped), the server's answers gzipped
  // (the server compresses for any client that accepts it, as fetch does).
  let bytes = 0;
  const link: SyncServer = {
    url: 'http://server.test',
    key,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      bytes += typeof init?.body === 'string' ? Buffer.byteLength(init.body) : init?.body instanceof Uint8Array ? init.body.byteLength : 0;
      const res = await serverApp.request(String(input), init);
      const body = await res.arrayBuffer();
      bytes += gzipSync(Buffer.from(body)).length;
      return new Response(body, { status: res.status, headers: res.headers });
    }) as typeof fetch,
  };

  const copy = await connect({});
  try {
    await migrate(copy);
    await ensureRegionsLoaded(copy.kysely, BENCH_PROVINCES);
    const { value: cloned, seconds: cloneSeconds } = await time(() => cloneVillage(copy, link));
    const cloneBytes = bytes;
    log(`${server.kind} server: copy made with ${cloned.rows} rows in ${cloneSeconds.toFixed(1)} s, ${(cloneBytes / 1e6).toFixed(1)} MB`);

    // A day's work at the village hall: 100 letter requests and 100 corrections.
    const app = createApp({ db: copy, secureCookies: false });
    const cookie = await signIn(app, 'hanura');
    const people = await copy.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('life_status', '=', 1).orderBy('id').limit(100).execute();
    for (const [i, p] of people.entries()) {
      const a = await app.request(`/api/v1/villages/${HANURA}/letters`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'domisili', resident_id: p.id, fields: { keperluan: `Keperluan ${i + 1}` } }) });
      if (a.status !== 201) throw new Error(`letter: ${a.status} ${await a.text()}`);
      const b = await app.request(`/api/v1/villages/${HANURA}/residents/${p.id}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ phone: `0812${String(10_000_000 + i)}`, reason: 'Nomor HP baru' }) });
      if (b.status !== 200) throw new Error(`correction: ${b.status} ${await b.text()}`);
    }
    bytes = 0;
    const { value: round, seconds } = await time(() => syncOnce(copy, link.fetch));
    const dayBytes = bytes;
    if (round.pushed.conflicts || round.pushed.refused || !round.pulled.done) throw new Error(`unexpected: ${JSON.stringify(round)}`);
    log(`${server.kind} server: a day's 200 use cases (${round.pushed.sent} rows) synced in ${seconds.toFixed(2)} s (target ≤ 5 s), ${(dayBytes / 1e3).toFixed(0)} KB both ways (answers gzipped), ${round.pulled.rows} rows down`);
    bytes = 0;
    const { value: idle, seconds: idleSeconds } = await time(() => syncOnce(copy, link.fetch));
    const idleBytes = bytes;
    log(`${server.kind} server: a round with nothing to do: ${idleSeconds.toFixed(2)} s, ${(bytes / 1e3).toFixed(0)} KB, ${idle.pushed.sent} sent, ${idle.pulled.rows} down`);
    return [
      { what: `making a village copy of ${RESIDENTS.toLocaleString('en-US')} residents (rows fetched)`, database: server.kind, rows: cloned.rows, seconds: cloneSeconds, note: `${(cloneBytes / 1e6).toFixed(1)} MB over the wire (≈ ${Math.round((cloneBytes * 8) / LINK_BITS_PER_SECOND)} s at 400 kbit/s)` },
      { what: "a day's work on the copy (100 letter requests, 100 corrections) synced up and checked down", database: server.kind, rows: round.pushed.sent, seconds, note: `target ≤ 5 s; ${(dayBytes / 1e3).toFixed(0)} KB (≈ ${((dayBytes * 8) / LINK_BITS_PER_SECOND).toFixed(1)} s at 400 kbit/s)` },
      { what: 'a sync round with nothing to do (rows = tables compared by hash)', database: server.kind, rows: (await comparedTables(copy)).length, seconds: idleSeconds, note: `${(idleBytes / 1e3).toFixed(0)} KB` },
    ];
  } finally {
    await copy.close();
  }
}

export const benchmark: Benchmark = {
  name: 'sync',
  description: `a village's own copy in step with the province server (${RESIDENTS.toLocaleString('en-US')} residents): making it, a day's 200 changes, an idle round`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
