import type { UseCaseContext } from '../../platform/context.js';
import { recordDeparture, recordStay } from '../temporary-residents/index.js';

/**
 * Two newcomers in the demo village, recorded by the operator as at the office: a worker from
 * Bandar Lampung staying with the demo citizen (or in the first RT when the demo has no citizen),
 * still there; and a researcher from abroad who stayed at the BUMDes homestay and left ten days
 * ago — so the list, the book and the dashboards have something to show.
 */
export async function seedDemoTemporaryResidents(office: UseCaseContext, village: string, today: string, hostNik: string | null, area: number | null) {
  const day = (shift: number) => new Date(Date.parse(`${today}T00:00:00Z`) + shift * 86_400_000).toISOString().slice(0, 10);
  const host = hostNik ? { host_nik: hostNik } : { stay_area: String(area ?? '') };
  await recordStay(office, village, {
    name: 'Agus Pratama', sex: '1', citizenship: '1', nik: '1871011203950004', birth_place: 'Bandar Lampung', birth_date: '1995-03-12', occupation: '15',
    origin_address: 'Jl. Laksamana Malahayati No. 21, Teluk Betung Selatan, Kota Bandar Lampung', stay_purpose: 'Bekerja pada pembangunan dermaga wisata Pantai Hanura',
    ...host, arrived_on: day(-40), planned_departure_on: day(60),
  }, today);
  const researcher = await recordStay(office, village, {
    name: 'Emma Lindqvist', sex: '2', citizenship: '2', passport_number: 'AA8123457', nationality: 'Swedia', birth_place: 'Uppsala', birth_date: '1991-05-20', occupation: '80',
    origin_address: 'Kungsgatan 12, Uppsala, Swedia', stay_purpose: 'Penelitian terumbu karang bersama Universitas Lampung',
    stay_area: String(area ?? ''), host_name: 'Homestay BUMDes Hanura', host_address: 'Jl. Pantai Hanura', arrived_on: day(-100), planned_departure_on: day(-10),
  }, today);
  await recordDeparture(office, village, String(researcher.id), { departed_on: day(-10), departure_note: 'Kembali ke Swedia' }, today);
}
