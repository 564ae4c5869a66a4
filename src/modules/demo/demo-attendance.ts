import type { UseCaseContext } from '../../platform/context.js';
import { addGuest, rebuildAttendanceRollup } from '../attendance/index.js';
import { wibMoment } from '../attendance/clock.js';

const at = wibMoment;

/**
 * A week of the demo village's attendance before today (one official late once, one leaving
 * early, the treasurer away a day, one check-in the secretary corrected with its reason) and two
 * guests today, so the recap, the day view, the guest book and the dashboards have something to
 * show. Today is left open for checking in.
 */
export async function seedDemoAttendance(office: UseCaseContext, village: string, today: string, officials: { head: number; secretary: number; treasurer: number; operator: number }) {
  const days: string[] = [];
  for (let d = new Date(`${today}T00:00:00Z`); days.length < 5; ) {
    d = new Date(d.getTime() - 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  const rows: { user_id: number; day: string; kind: 'in' | 'out'; at: Date; source: 'phone' | 'kiosk' | 'correction'; reason?: string; recorded_by: number }[] = [];
  const both = (user: number, day: string, inTime: string, outTime: string, source: 'phone' | 'kiosk' = 'kiosk') => {
    rows.push({ user_id: user, day, kind: 'in', at: at(day, inTime), source, recorded_by: user });
    rows.push({ user_id: user, day, kind: 'out', at: at(day, outTime), source, recorded_by: user });
  };
  for (const [i, day] of days.entries()) {
    both(officials.head, day, '07:50', '16:05');
    both(officials.secretary, day, i === 1 ? '08:20' : '07:40', '16:10', 'phone');
    if (i !== 2) both(officials.treasurer, day, '07:55', '16:00');
    both(officials.operator, day, '07:45', i === 0 ? '15:10' : '16:15');
  }
  // The operator forgot to check out on the last day before; the secretary put it right.
  const last = days[0]!;
  rows.splice(rows.findIndex((r) => r.user_id === officials.operator && r.day === last && r.kind === 'out'), 1);
  rows.push({ user_id: officials.operator, day: last, kind: 'out', at: at(last, '16:00'), source: 'correction', reason: 'Lupa absen pulang; hadir rapat sampai sore', recorded_by: officials.secretary });
  await office.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('attendance_entries').values(rows.map((r) => ({ village_code: village, ...r, reason: r.reason ?? null }))).execute();
    await rebuildAttendanceRollup(trx, village);
  });
  await addGuest(office, village, { name: 'Rudi Hartono', comes_from: 'Dinas PMD Kabupaten Pesawaran', purpose: 'Monitoring penggunaan Dana Desa', met_user_id: String(officials.head) });
  await addGuest(office, village, { name: 'Nur Aini', comes_from: 'Dusun II, Hanura', purpose: 'Menanyakan jadwal Posyandu', met_name: 'Bidan desa', phone: '0812 7940 1122' });
}
