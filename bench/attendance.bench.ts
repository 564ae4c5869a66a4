import { sql } from 'kysely';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { monthlyRecap } from '../src/modules/attendance/recap.service.js';
import { searchGuests } from '../src/modules/attendance/guestbook.service.js';
import { latency, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Staff attendance (issue 18, item 3): a village of 25 officials with a year of entries (in and
 * out on every workday, some late, some early, a correction now and then) and a year of guests
 * (about 10 a workday), made in bulk SQL. Measured through the real services:
 *  - the monthly recap of every official, worked out from the month's entries on request: ≤ 50 ms p95;
 *  - a search of the guest book (a word, a date range, a page) with its audit entry: ≤ 50 ms p95.
 *
 *   BENCH_ENGINES  postgresql,pglite (default both)
 */
const VILLAGE = '18.09.10.2004';
const OFFICIALS = 25;
const TARGET_MS = 50;
const ROUNDS = 40;

async function generate(db: Db) {
  const k = db.kysely;
  await sql`insert into villages (village_code, activation_kind) values (${VILLAGE}, 'initiative') on conflict do nothing`.execute(k);
  await sql`insert into users (username, password_hash, full_name, role, region_code)
    select 'bench.hadir.' || g, 'x', 'Perangkat ' || g, case when g = 1 then 'village_head' when g = 2 then 'village_secretary' else 'village_operator' end, ${VILLAGE}
    from generate_series(1, ${OFFICIALS}) g`.execute(k);
  const today = todayInWib();
  // Every workday of the year before today: in around 07:30–08:30 WIB, out around 15:30–16:30; one in twenty missing.
  await sql`insert into attendance_entries (village_code, user_id, day, kind, at, source, recorded_by)
    select ${VILLAGE}, u.id, d::date, k.kind,
      d + case when k.kind = 'in' then interval '30 minutes' * (1 + (u.id + extract(doy from d)::int) % 3) else interval '8 hours 30 minutes' + interval '30 minutes' * ((u.id * 7 + extract(doy from d)::int) % 3) end,
      'kiosk', u.id
    from users u cross join generate_series(${today}::date - 365, ${today}::date - 1, interval '1 day') d cross join (values ('in'), ('out')) k(kind)
    where u.username like 'bench.hadir.%' and extract(isodow from d) between 1 and 5 and (u.id + extract(doy from d)::int) % 20 <> 0`.execute(k);
  await sql`insert into attendance_entries (village_code, user_id, day, kind, at, source, reason, recorded_by)
    select village_code, user_id, day, kind, at - interval '10 minutes', 'correction', 'Koreksi jam anjungan', user_id from attendance_entries
    where village_code = ${VILLAGE} and kind = 'in' and id % 50 = 0`.execute(k);
  await sql`insert into guest_visits (village_code, name, comes_from, purpose, met_name, visited_at, day, source)
    select ${VILLAGE}, 'Tamu ' || g, (array['Dinas PMD', 'Puskesmas', 'Kecamatan Teluk Pandan', 'Dusun II'])[1 + g % 4], (array['Koordinasi', 'Monitoring Dana Desa', 'Urus surat', 'Imunisasi'])[1 + g % 4],
      'Sekretaris Desa', d + interval '2 hours', d::date, 'office'
    from generate_series(${today}::date - 365, ${today}::date - 1, interval '1 day') d cross join generate_series(1, 10) g where extract(isodow from d) between 1 and 5`.execute(k);
  await sql`analyze attendance_entries, guest_visits`.execute(k);
  const count = Number((await sql<{ n: string }>`select count(*)::text as n from attendance_entries where village_code = ${VILLAGE}`.execute(k)).rows[0]!.n);
  const secretary = (await sql<{ id: number }>`select id from users where username = 'bench.hadir.2'`.execute(k)).rows[0]!.id;
  return { count, secretary: Number(secretary) };
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  const started = performance.now();
  const { count, secretary } = await generate(db);
  const out: Measurement[] = [{ what: `a year of attendance of ${OFFICIALS} officials and ~2,600 guests (bulk SQL)`, database: db.kind, rows: count, seconds: (performance.now() - started) / 1000, note: 'every workday in and out, a correction in fifty' }];
  const ctx: UseCaseContext = { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: secretary, username: 'bench.hadir.2', fullName: 'Perangkat 2', role: 'village_secretary', regionCode: VILLAGE, language: 'id' } };
  const last = new Date(`${todayInWib()}T00:00:00Z`);
  last.setUTCDate(0);
  for (const month of [last.toISOString().slice(0, 7), todayInWib().slice(0, 7)]) {
    for (let i = 0; i < 3; i++) await monthlyRecap(ctx, VILLAGE, month);
    const recap = await monthlyRecap(ctx, VILLAGE, month);
    out.push(latency(db.kind, `monthly recap ${month}: ${recap.rows.length} officials, ${recap.workdays} workdays`, await timed(ROUNDS, () => monthlyRecap(ctx, VILLAGE, month)), TARGET_MS, log));
  }
  const query = { q: 'dana desa', dari: `${todayInWib().slice(0, 4)}-01-01`, page: '2' };
  for (let i = 0; i < 3; i++) await searchGuests(ctx, VILLAGE, query);
  out.push(latency(db.kind, 'guest book: a word within dates, page 2 (with its audit entry)', await timed(ROUNDS, () => searchGuests(ctx, VILLAGE, query)), TARGET_MS, log));
  return out;
}

export const benchmark: Benchmark = {
  name: 'attendance',
  description: `staff attendance: the monthly recap of ${OFFICIALS} officials with a year of entries and a guest book search (≤ ${TARGET_MS} ms p95)`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
