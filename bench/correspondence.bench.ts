import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { agendaWorkbook } from '../src/modules/correspondence/agenda.service.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { latency, percentile, serverTimes, signIn, time, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village office's incoming mail (issue 18, items 1–2) for a busy village: 10,000 residents,
 * a year of 3,000 incoming letters each routed once (two thirds done), and 4,000 letters signed
 * for residents in the same year, made in bulk SQL. Measured as server time through the real
 * pages (routing, session, access check, queries, the audit row each read writes, rendering):
 *  - the register of incoming letters (first page, a word, the open ones, page 30);
 *  - the secretary's queue of open routings;
 *  - the agenda book (letters in and out merged by day: page 1, page 70, one month): ≤ 50 ms p95,
 *    the register books' target;
 *  - the agenda book's Excel file for the whole year (7,000 rows), written in a worker thread.
 *
 *   BENCH_ENGINES   postgresql,pglite (default both)
 */
const RESIDENTS = 10_000;
const INCOMING = 3_000;
const OUTGOING = 4_000;
const TARGET_MS = 50;
const ROUNDS = 30;

async function generate(db: Db, year: number) {
  const k = db.kysely;
  await seedDemo(db, { population: false, citizen: false });
  await populateVillage(k, HANURA, { residents: RESIDENTS, seed: 11, asOf: `${year}-01-01`, actorLabel: 'bench' });
  const users = await k.selectFrom('users').select(['id', 'username']).where('username', 'in', ['hanura', 'sekdes.hanura', 'kades.hanura']).execute();
  const id = (u: string) => Number(users.find((x) => x.username === u)!.id);
  // Letters in: a day of the year each, spread over twelve months; senders and subjects from short lists.
  await sql`insert into incoming_letters (village_code, year, agenda_no, received_on, sender, letter_no, letter_date, subject, nature, summary, registered_by)
    select ${HANURA}, ${year}, g, ${`${year}-01-01`}::date + ((g * 347 / ${INCOMING}) % 347)::int,
      (array['Camat Teluk Pandan','Dinas PMD Kabupaten Pesawaran','Puskesmas Hanura','Polsek Padang Cermin','BPD Hanura','Dinas Sosial'])[1 + g % 6],
      lpad(g::text, 3, '0') || '/TP/' || ${year}, ${`${year}-01-01`}::date + ((g * 347 / ${INCOMING}) % 347)::int,
      (array['Undangan rapat koordinasi','Permintaan data penduduk','Pemberitahuan jadwal posyandu','Surat panggilan','Laporan kegiatan','Verifikasi penerima bantuan'])[1 + (g * 7) % 6] || ' ' || g,
      (array['biasa','penting','segera','biasa'])[1 + g % 4], '', ${id('hanura')}
    from generate_series(1, ${INCOMING}) g`.execute(k);
  await sql`insert into letter_counters (village_code, scope_key, last_number) values (${HANURA}, ${`surat-masuk:${year}`}, ${INCOMING})`.execute(k);
  await sql`insert into incoming_letter_routes (village_code, letter_id, to_user, instruction, due_on, routed_by, routed_at, done_at, done_note)
    select l.village_code, l.id, ${id('sekdes.hanura')}, 'Mohon ditindaklanjuti', l.received_on + 7, ${id('kades.hanura')}, l.received_on + interval '1 day',
      case when l.agenda_no % 3 <> 0 then l.received_on + interval '3 days' end, case when l.agenda_no % 3 <> 0 then 'Sudah ditindaklanjuti' end
    from incoming_letters l where l.village_code = ${HANURA}`.execute(k);
  // Letters out: signed for residents through the year, numbered as the letter desk numbers them.
  await sql`insert into letters (village_code, type_code, type_title, resident_id, status, channel, requested_at, signed_at, signed_by, sign_mode, number, number_scope_key, running_number, ready_at, collected_at)
    select ${HANURA}, 'sktm', 'Surat Keterangan Tidak Mampu', r.id, 'collected', 'counter', s.at - interval '1 hour', s.at, ${id('kades.hanura')}, 'self',
      '474.1/' || lpad(r.n::text, 4, '0') || '/1809102004/' || ${year}, ${String(year)}, r.n, s.at, s.at
    from (select id, row_number() over (order by id) as n from residents where village_code = ${HANURA} limit ${OUTGOING}) r
    cross join lateral (select ${`${year}-01-02T09:00:00+07:00`}::timestamptz + make_interval(days => ((r.n * 347) / ${OUTGOING})::int) as at) s`.execute(k);
  for (const t of ['incoming_letters', 'incoming_letter_routes', 'letters']) await sql`analyze ${sql.table(t)}`.execute(k);
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  // The year before this one: a whole year of letters, none of them in the future.
  const year = Number(todayInWib().slice(0, 4)) - 1;
  const { seconds } = await time(() => generate(db, year));
  log(`${db.kind}: ${RESIDENTS.toLocaleString('en-US')} residents, ${INCOMING.toLocaleString('en-US')} letters in and ${OUTGOING.toLocaleString('en-US')} out in ${seconds.toFixed(1)} s`);
  const out: Measurement[] = [{ what: `a village of ${RESIDENTS.toLocaleString('en-US')} residents with a year of ${INCOMING.toLocaleString('en-US')} incoming letters (routed) and ${OUTGOING.toLocaleString('en-US')} signed letters (bulk SQL)`, database: db.kind, rows: INCOMING + OUTGOING, seconds, note: 'demo accounts; population generator' }];
  const app = createApp({ db, secureCookies: false });
  const [operator, secretary] = [await signIn(app, 'hanura'), await signIn(app, 'sekdes.hanura')];
  const pages: [string, string, string][] = [
    ['incoming letters, first page (50)', `/desa/${HANURA}/surat-masuk?tahun=${year}`, operator],
    ['incoming letters, a word ("posyandu")', `/desa/${HANURA}/surat-masuk?tahun=${year}&q=posyandu`, operator],
    ['incoming letters, the open ones', `/desa/${HANURA}/surat-masuk?tahun=${year}&status=terbuka`, operator],
    ['incoming letters, page 30', `/desa/${HANURA}/surat-masuk?tahun=${year}&page=30`, operator],
    ['the secretary\'s queue (1,000 open routings, 100 shown)', `/desa/${HANURA}/disposisi`, secretary],
    ['agenda book, page 1 of 70', `/desa/${HANURA}/buku-agenda?tahun=${year}`, operator],
    ['agenda book, page 70', `/desa/${HANURA}/buku-agenda?tahun=${year}&page=70`, operator],
    ['agenda book, one month (June)', `/desa/${HANURA}/buku-agenda?tahun=${year}&bulan=6`, operator],
  ];
  for (const [what, path, cookie] of pages) {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    out.push(latency(db.kind, `${what}, server time`, await serverTimes(app, path, { cookie }, ROUNDS), TARGET_MS, log));
  }
  const user = await db.kysely.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(user.id), username: 'hanura', fullName: 'Operator', role: 'village_operator', regionCode: HANURA, language: 'id' } };
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    bytes = (await agendaWorkbook(ctx, HANURA, { tahun: String(year) })).buffer.length;
    ms.push(performance.now() - t0);
  }
  log(`${db.kind} · agenda book Excel, ${INCOMING + OUTGOING} rows: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
  out.push({ what: `agenda book as Excel for the whole year (${(INCOMING + OUTGOING).toLocaleString('en-US')} rows), in a worker thread`, database: db.kind, rows: INCOMING + OUTGOING, seconds: percentile(ms, 50) / 1000, note: `median of 3: ${percentile(ms, 50).toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB` });
  return out;
}

export const benchmark: Benchmark = {
  name: 'correspondence',
  description: `incoming letters and the agenda book at ${RESIDENTS.toLocaleString('en-US')} residents and a year of ${(INCOMING + OUTGOING).toLocaleString('en-US')} letters: pages ≤ ${TARGET_MS} ms p95, the year's Excel`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
