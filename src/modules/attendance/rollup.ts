import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * monitoring_attendance: per village and day, the officials who checked in (a correction
 * counts as their entry) and the guests written in — counts only, for the dashboards above.
 * Each write recounts its own day in its transaction, after taking the village's lock
 * (settings.service.ts lockVillage), so the row always equals a recount; `balai rebuild-rollups`
 * recounts every day of a village the same way.
 */

const present = (village: string) => sql`
  select day, count(distinct user_id)::int as n from attendance_entries
  where village_code = ${village} and kind = 'in'`;
const guests = (village: string) => sql`
  select day, count(*)::int as n from guest_visits where village_code = ${village}`;

async function write(trx: Transaction<Database>, village: string, rows: { day: string; present: number; guests: number }[]) {
  if (rows.length === 0) return;
  await trx.insertInto('monitoring_attendance').values(rows.map((r) => ({ village_code: village, ...r })))
    .onConflict((oc) => oc.columns(['village_code', 'day']).doUpdateSet((eb) => ({ present: eb.ref('excluded.present'), guests: eb.ref('excluded.guests') })))
    .execute();
}

/** The day's row counted again (after an entry or a guest of that day). */
export async function recountDay(trx: Transaction<Database>, village: string, day: string) {
  const [p, g] = await Promise.all([
    sql<{ n: number }>`${present(village)} and day = ${day}::date group by day`.execute(trx),
    sql<{ n: number }>`${guests(village)} and day = ${day}::date group by day`.execute(trx),
  ]);
  const counts = { day, present: p.rows[0]?.n ?? 0, guests: g.rows[0]?.n ?? 0 };
  // No zero rows: a recount of the whole village makes none either.
  if (counts.present === 0 && counts.guests === 0) await trx.deleteFrom('monitoring_attendance').where('village_code', '=', village).where('day', '=', day).execute();
  else await write(trx, village, [counts]);
}

/** Every day of a village counted again from its entries and guests (`balai rebuild-rollups`). */
export async function rebuildAttendanceRollup(trx: Transaction<Database>, village: string) {
  await trx.deleteFrom('monitoring_attendance').where('village_code', '=', village).execute();
  const p = await sql<{ day: string; n: number }>`${present(village)} group by day`.execute(trx);
  const g = await sql<{ day: string; n: number }>`${guests(village)} group by day`.execute(trx);
  const days = new Map<string, { day: string; present: number; guests: number }>();
  const row = (day: string) => days.get(day) ?? days.set(day, { day, present: 0, guests: 0 }).get(day)!;
  for (const r of p.rows) row(r.day).present = r.n;
  for (const r of g.rows) row(r.day).guests = r.n;
  await write(trx, village, [...days.values()]);
}
