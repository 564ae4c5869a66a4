import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createApp } from '../src/app.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Working offline (issue 15) in a village of 10,000 residents: the copy an officer's phone
 * keeps (bytes as sent, compressed; time on a 400 kbit/s link; the server's time to make it),
 * and a day's work kept on the phone — 200 letter requests — sent to the server as the outbox
 * sends them (one form post after another, each with its idempotency key), then sent again,
 * which must change nothing. Target: the 200 in ≤ 5 s.
 */
const RESIDENTS = Number(process.env.BENCH_OFFLINE_RESIDENTS ?? 10_000);
const CHANGES = 200;
const LINK_BITS_PER_SECOND = 400_000;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  await populateVillage(db.kysely, HANURA, { residents: RESIDENTS, seed: 7, asOf: todayInWib(), userId: user.id, actorLabel: 'bench', ip: 'bench' });
  const app = createApp({ db, secureCookies: false });
  const cookie = await signIn(app, 'hanura');
  const headers = { cookie };

  // The copy, five times: the server's time and the bytes.
  let body = '';
  const { seconds: copySeconds } = await time(async () => {
    for (let i = 0; i < 5; i++) body = await (await app.request(`/api/v1/villages/${HANURA}/offline-copy`, { headers })).text();
  });
  const gz = gzipSync(body).length;
  const residents = (JSON.parse(body) as { data: { residents: { rows: unknown[] } } }).data.residents.rows.length;
  const linkSeconds = (gz * 8) / LINK_BITS_PER_SECOND;
  log(`${db.kind}: copy of ${residents} residents: ${body.length} bytes, ${gz} gzipped (${linkSeconds.toFixed(1)} s at 400 kbit/s), made in ${((copySeconds / 5) * 1000).toFixed(0)} ms`);

  // A day's work kept offline: the forms as the outbox replays them (the session's token added).
  const csrf = (await (await app.request('/api/v1/auth/device-key', { headers })).json()).data.csrf as string;
  const people = await db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('life_status', '=', 1).orderBy('id').limit(CHANGES).execute();
  const forms = people.map((p, i) => ({
    url: `/desa/${HANURA}/surat/baru?jenis=domisili&penduduk=${p.id}`,
    body: new URLSearchParams({ _csrf: csrf, idempotency_key: randomUUID(), resident_id: String(p.id), 'isian.keperluan': `Keperluan nomor ${i + 1}` }).toString(),
  }));
  const send = async () => {
    for (const f of forms) {
      const r = await app.request(f.url, { method: 'POST', body: f.body, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
      if (r.status !== 303) throw new Error(`${f.url}: ${r.status} ${await r.text()}`);
    }
  };
  const count = async () => Number((await db.kysely.selectFrom('letters').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', HANURA).executeTakeFirstOrThrow()).n);
  const before = await count();
  const { seconds: replaySeconds } = await time(send);
  const afterFirst = await count();
  const { seconds: againSeconds } = await time(send);
  const afterAgain = await count();
  if (afterFirst - before !== CHANGES || afterAgain !== afterFirst) throw new Error(`replay applied ${afterFirst - before}, again ${afterAgain - afterFirst}`);
  log(`${db.kind}: ${CHANGES} kept letter requests sent in ${replaySeconds.toFixed(2)} s (target ≤ 5 s); sent again in ${againSeconds.toFixed(2)} s, nothing added`);
  return [
    { what: `offline copy of ${residents.toLocaleString('en-US')} residents, gzipped bytes`, database: db.kind, rows: gz, seconds: linkSeconds, note: `${body.length} bytes before compression; seconds = transfer at 400 kbit/s; the server makes it in ${((copySeconds / 5) * 1000).toFixed(0)} ms` },
    { what: `a day's work kept offline (${CHANGES} letter requests) sent as the outbox sends it`, database: db.kind, rows: CHANGES, seconds: replaySeconds, note: 'target ≤ 5 s' },
    { what: `the same ${CHANGES} sent again (idempotency keys): nothing added`, database: db.kind, rows: CHANGES, seconds: againSeconds },
  ];
}

export const benchmark: Benchmark = {
  name: 'offline',
  description: `working offline in a village of ${RESIDENTS.toLocaleString('en-US')} residents: the device's copy, and a day's ${CHANGES} changes sent and sent again`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'pglite,postgresql').split(',');
    const a = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    const b = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    return [...a, ...b];
  },
};
