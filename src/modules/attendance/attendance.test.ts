import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';
import { rebuildRollups } from '../monitoring/index.js';
import { addDays, daysOf, isWorkday, wibMoment } from './clock.js';
import { monthlyRecap } from './recap.service.js';

const V = '18.09.10.2004';
let t: TestApp;
let operator: Client;
let secretary: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;
let district: Client;
const ids: Record<string, number> = {};

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const entries = (user: number) => db().selectFrom('attendance_entries').selectAll().where('village_code', '=', V).where('user_id', '=', user).where('day', '=', todayInWib()).orderBy('id').execute();
const rollup = () => db().selectFrom('monitoring_attendance').select(['day', 'present', 'guests']).where('village_code', '=', V).orderBy('day').execute();
const today = () => todayInWib();

beforeAll(async () => {
  t = await createTestApp();
  [operator, secretary, head, treasurer, otherVillage, district] = await Promise.all(['hanura', 'sekdes.hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan', 'telukpandan'].map((u) => t.login(u)));
  for (const u of ['hanura', 'sekdes.hanura', 'kades.hanura', 'bendahara.hanura']) ids[u] = (await db().selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

describe('checking in and out', () => {
  it('once a day each way, at the server\'s time whatever the phone says', async () => {
    const before = Date.now();
    const res = await operator.form(`/desa/${V}/kehadiran/masuk`, { at: '2001-01-01T07:00:00+07:00', time: '07:00' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/desa/${V}/kehadiran?ok=masuk`);
    const [entry] = await entries(ids.hanura!);
    expect(entry).toMatchObject({ kind: 'in', source: 'phone', day: today(), latitude: null });
    expect(new Date(entry!.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(entry!.at).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await text(await operator.get(`/desa/${V}/kehadiran?ok=masuk`))).toContain('Absen masuk tercatat pukul');

    const again = await operator.form(`/desa/${V}/kehadiran/masuk`, {});
    expect(again.status).toBe(409);
    expect(await text(again)).toContain('Anda sudah absen masuk hari ini pukul');
    expect((await operator.form(`/desa/${V}/kehadiran/pulang`, {})).status).toBe(303);
    expect((await operator.form(`/desa/${V}/kehadiran/pulang`, {})).status).toBe(409);
    expect((await entries(ids.hanura!)).map((e) => e.kind)).toEqual(['in', 'out']);
    // Checking out first is refused.
    const early = await head.form(`/desa/${V}/kehadiran/pulang`, {});
    expect(early.status).toBe(409);
    expect(await text(early)).toContain('Absen masuk dulu');
    expect((await rollup()).find((r) => r.day === today())?.present).toBe(1);
  });

  it('refuses a phone check-in when the village takes attendance at the kiosk only; the kiosk still takes it', async () => {
    // The operator may not change the rules; the secretary may.
    expect((await operator.form(`/desa/${V}/kehadiran/pengaturan`, { start_time: '08:00', end_time: '16:00' })).status).toBe(403);
    const bad = await secretary.form(`/desa/${V}/kehadiran/pengaturan`, { start_time: '16.00', end_time: '08.00', record_place: '1' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Kolom Jam pulang');
    expect((await secretary.form(`/desa/${V}/kehadiran/pengaturan`, { start_time: '07.30', end_time: '16.00' })).status).toBe(303);
    const refused = await treasurer.form(`/desa/${V}/kehadiran/masuk`, {});
    expect(refused.status).toBe(403);
    expect(await text(refused)).toContain('tidak menerima absen dari HP');
    expect(await entries(ids['bendahara.hanura']!)).toEqual([]);

    // The secretary registers the office's computer as the kiosk: its cookie carries the key.
    const registered = await secretary.form(`/desa/${V}/kehadiran/anjungan`, {});
    expect(registered.status).toBe(303);
    const cookie = registered.headers.get('set-cookie')!;
    expect(cookie).toContain(`Path=/anjungan/${V}`);
    expect(cookie).toContain('HttpOnly');
    const kiosk = new Client(t.app, cookie.split(';')[0]!);
    // Anywhere else the kiosk page refuses.
    const elsewhere = await t.anonymous.form(`/anjungan/${V}/hadir`, { username: 'bendahara.hanura', password: 'balai-demo', kind: 'in' }, false);
    expect(elsewhere.status).toBe(409);
    expect(await entries(ids['bendahara.hanura']!)).toEqual([]);
    // A wrong password is a failed guess, counted like a login's; another village's official is refused.
    expect((await kiosk.form(`/anjungan/${V}/hadir`, { username: 'bendahara.hanura', password: 'salah', kind: 'in' }, false)).status).toBe(401);
    expect((await db().selectFrom('attempt_counters').selectAll().where('account', '=', 'u:bendahara.hanura').execute()).length).toBeGreaterThan(0);
    expect((await kiosk.form(`/anjungan/${V}/hadir`, { username: 'batumenyan', password: 'balai-demo', kind: 'in' }, false)).status).toBe(403);
    const ok = await kiosk.form(`/anjungan/${V}/hadir`, { username: 'bendahara.hanura', password: 'balai-demo', kind: 'in' }, false);
    expect(ok.status).toBe(200);
    expect(await text(ok)).toContain('Dewi Lestari: Absen masuk tercatat pukul');
    expect(await entries(ids['bendahara.hanura']!)).toMatchObject([{ kind: 'in', source: 'kiosk' }]);
    // Nothing stays logged in at the kiosk.
    expect(ok.headers.get('set-cookie')).toBeNull();

    expect((await secretary.form(`/desa/${V}/kehadiran/pengaturan`, { phone_allowed: '1', record_place: '1', start_time: '08:00', end_time: '16:00' })).status).toBe(303);
    const placed = await head.form(`/desa/${V}/kehadiran/masuk`, { latitude: '-5.5123', longitude: '105.2401' });
    expect(placed.status).toBe(303);
    expect(await entries(ids['kades.hanura']!)).toMatchObject([{ kind: 'in', source: 'phone', latitude: '-5.512300', longitude: '105.240100' }]);
  });

  it('a correction by the secretary is a new entry with its reason; the first one stays', async () => {
    const user = ids.hanura!;
    // Midnight has always passed today (07.30 has not, in the small hours of WIB: the time would be refused first).
    const noReason = await secretary.form(`/desa/${V}/kehadiran/koreksi`, { user_id: String(user), day: today(), kind: 'in', time: '00.00', reason: '' });
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('Kolom Alasan');
    expect((await secretary.form(`/desa/${V}/kehadiran/koreksi`, { user_id: String(user), day: addDays(today(), 1), kind: 'in', time: '07.30', reason: 'Salah tanggal' })).status).toBe(400);
    expect((await operator.form(`/desa/${V}/kehadiran/koreksi`, { user_id: String(user), day: today(), kind: 'in', time: '07.30', reason: 'Saya sendiri' })).status).toBe(403);
    // The last workday before today, which the demo filled in from the kiosk.
    let yesterday = addDays(today(), -1);
    while (!isWorkday(yesterday)) yesterday = addDays(yesterday, -1);
    const res = await secretary.form(`/desa/${V}/kehadiran/koreksi`, { user_id: String(user), day: yesterday, kind: 'in', time: '07.30', reason: 'Anjungan mati listrik pagi itu' });
    expect(res.status).toBe(303);
    const all = await db().selectFrom('attendance_entries').selectAll().where('village_code', '=', V).where('user_id', '=', user).where('day', '=', yesterday).where('kind', '=', 'in').orderBy('id').execute();
    expect(all.map((e) => e.source)).toEqual(['kiosk', 'correction']); // the demo's entry of that day is kept beside it
    const correction = all.at(-1)!;
    expect(correction).toMatchObject({ source: 'correction', reason: 'Anjungan mati listrik pagi itu', recorded_by: ids['sekdes.hanura'] });
    expect(new Date(correction.at).toISOString()).toBe(wibMoment(yesterday, '07:30').toISOString());
    const page = await text(await secretary.get(`/desa/${V}/kehadiran/harian?tanggal=${yesterday}`));
    expect(page).toContain('07.30 (koreksi)');
    expect(page).toContain('Anjungan mati listrik pagi itu');
    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'attendance.correct').where('village_code', '=', V).execute();
    expect(audit.length).toBe(1);
  });
});

describe('the monthly recap', () => {
  it('counts present, late, early, without check-out and absent from the entries of a seeded month', async () => {
    const m = new Date(`${today()}T00:00:00Z`);
    m.setUTCDate(1);
    m.setUTCMonth(m.getUTCMonth() - 3);
    const month = m.toISOString().slice(0, 7);
    const workdays = daysOf(month).filter(isWorkday);
    const row = (user: number, day: string, kind: 'in' | 'out', time: string, source: 'phone' | 'kiosk' | 'correction' = 'kiosk', reason: string | null = null) =>
      ({ village_code: V, user_id: user, day, kind, at: wibMoment(day, time), source, reason, recorded_by: user });
    const rows = [
      ...workdays.flatMap((d) => [row(ids['kades.hanura']!, d, 'in', '07:50'), row(ids['kades.hanura']!, d, 'out', '16:05')]),
      ...workdays.flatMap((d, i) => [row(ids['sekdes.hanura']!, d, 'in', i < 3 ? '08:15' : '08:00'), row(ids['sekdes.hanura']!, d, 'out', i < 2 ? '15:00' : '16:00')]),
      ...workdays.slice(0, 10).flatMap((d, i) => [row(ids['bendahara.hanura']!, d, 'in', '07:55'), ...(i === 0 ? [] : [row(ids['bendahara.hanura']!, d, 'out', '16:30')])]),
      // The operator: one day late by phone, put right by the secretary; one day only by a correction.
      row(ids.hanura!, workdays[0]!, 'in', '09:00', 'phone'), row(ids.hanura!, workdays[0]!, 'in', '07:58', 'correction', 'Jam HP salah, hadir apel pagi'),
      row(ids.hanura!, workdays[1]!, 'in', '07:55', 'correction', 'Lupa absen, hadir sejak pagi'),
    ];
    await db().insertInto('attendance_entries').values(rows).execute();
    await rebuildRollups(t.db, { code: V }); // written past the services: counted again, as after a restore
    const ctx = { db: t.db, actor: null, ip: 'test', lang: 'id' as const };
    const recap = await monthlyRecap({ ...ctx, actor: { kind: 'user', id: ids['sekdes.hanura']!, username: 'sekdes.hanura', fullName: 'Siti', role: 'village_secretary', regionCode: V, language: 'id' } }, V, month);
    const of = (u: string) => recap.rows.find((r) => r.official.id === ids[u])!;
    const n = workdays.length;
    expect(recap.workdays).toBe(n);
    expect(of('kades.hanura')).toMatchObject({ present: n, late: 0, early: 0, noOut: 0, absent: 0 });
    expect(of('sekdes.hanura')).toMatchObject({ present: n, late: 3, early: 2, noOut: 0, absent: 0 });
    expect(of('bendahara.hanura')).toMatchObject({ present: 10, late: 0, early: 0, noOut: 1, absent: n - 10 });
    expect(of('hanura')).toMatchObject({ present: 2, late: 0, early: 0, noOut: 2, absent: n - 2 });
    expect(of('kades.hanura').official.position).toBe('Kepala Desa'); // from the officials' list

    const page = await secretary.get(`/desa/${V}/kehadiran/rekap?bulan=${month}`);
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain('Siti Rahmawati');
    expect(html).toContain(`Hari kerja yang sudah lewat: ${n}`);
    const file = await secretary.get(`/desa/${V}/kehadiran/rekap.xlsx?bulan=${month}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    expect((await secretary.get(`/desa/${V}/kehadiran/rekap?bulan=2026-13`)).status).toBe(400);
    // The treasurer sees her own days, not everyone's recap.
    expect((await treasurer.get(`/desa/${V}/kehadiran/rekap`)).status).toBe(403);
    expect((await treasurer.get(`/desa/${V}/kehadiran`)).status).toBe(200);
  });
});

describe('the guest book', () => {
  it('writes guests in, finds them by name, origin or purpose within dates, a page at a time', async () => {
    const res = await operator.form(`/desa/${V}/buku-tamu`, { name: 'Yusuf Maulana', comes_from: 'Puskesmas Hanura', purpose: 'Koordinasi imunisasi anak', met_user_id: String(ids['kades.hanura']), phone: '0813-1234-5678' });
    expect(res.status).toBe(303);
    const stored = await db().selectFrom('guest_visits').selectAll().where('village_code', '=', V).where('name', '=', 'Yusuf Maulana').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ phone: '081312345678', source: 'office', day: today(), met_user_id: ids['kades.hanura'] });
    const bad = await operator.form(`/desa/${V}/buku-tamu`, { name: 'Y', comes_from: 'Puskesmas', purpose: 'Koordinasi' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Kolom Nama');
    for (let i = 1; i <= 30; i++) await operator.form(`/desa/${V}/buku-tamu`, { name: `Peserta Pelatihan ${i}`, comes_from: 'Desa Batu Menyan', purpose: 'Pelatihan kader digital' });

    const found = await text(await operator.get(`/desa/${V}/buku-tamu?q=${encodeURIComponent('puskesmas')}`));
    expect(found).toContain('Yusuf Maulana');
    expect(found).toContain('1 tamu');
    expect(await text(await operator.get(`/desa/${V}/buku-tamu?q=imunisasi&dari=${today()}&sampai=${today()}`))).toContain('Yusuf Maulana');
    expect(await text(await operator.get(`/desa/${V}/buku-tamu?q=imunisasi&sampai=${addDays(today(), -1)}`))).toContain('0 tamu');
    expect(await text(await operator.get(`/desa/${V}/buku-tamu?q=50%25`))).toContain('0 tamu'); // % is a letter, not a wildcard
    const first = await text(await operator.get(`/desa/${V}/buku-tamu?q=pelatihan`));
    expect(first).toContain('30 tamu');
    expect(first).toContain('Halaman 1 / 2');
    const second = await text(await operator.get(`/desa/${V}/buku-tamu?q=pelatihan&page=2`));
    expect(second.match(/Peserta Pelatihan \d+/g)).toHaveLength(5);
    expect((await operator.get(`/desa/${V}/buku-tamu?page=0`)).status).toBe(400);
  });

  it('masks a guest\'s phone for the operator, shows it whole to the secretary, and logs every reading', async () => {
    const reads = async () => (await db().selectFrom('audit_log').select('detail').where('action', '=', 'guestbook.read').where('village_code', '=', V).execute()).length;
    const before = await reads();
    const masked = await text(await operator.get(`/desa/${V}/buku-tamu?q=yusuf`));
    expect(masked).toContain('0813*****678');
    expect(masked).not.toContain('081312345678');
    expect(masked).toContain('disamarkan');
    expect(await text(await secretary.get(`/desa/${V}/buku-tamu?q=yusuf`))).toContain('081312345678');
    expect(await reads()).toBe(before + 2);
    expect((await operator.get(`/desa/${V}/buku-tamu.xlsx`)).status).toBe(403);
    const file = await secretary.get(`/desa/${V}/buku-tamu.xlsx?q=yusuf`);
    expect(file.status).toBe(200);
    expect((await db().selectFrom('audit_log').select('id').where('action', '=', 'guestbook.export').execute()).length).toBe(1);
    // The treasurer keeps the money, not the guest book.
    expect((await treasurer.get(`/desa/${V}/buku-tamu`)).status).toBe(403);
  });

  it('takes a guest at the registered kiosk only', async () => {
    const registered = await secretary.form(`/desa/${V}/kehadiran/anjungan`, {});
    const kiosk = new Client(t.app, registered.headers.get('set-cookie')!.split(';')[0]!);
    const guest = { name: 'Wayan Sudarma', comes_from: 'BPS Kabupaten Pesawaran', purpose: 'Pendataan potensi desa', met_name: 'Kasi Pemerintahan' };
    expect((await t.anonymous.form(`/anjungan/${V}/tamu`, guest, false)).status).toBe(409);
    const res = await kiosk.form(`/anjungan/${V}/tamu`, guest, false);
    expect(res.status).toBe(200);
    expect(await text(res)).toContain('kunjungan Anda tercatat');
    expect(await db().selectFrom('guest_visits').select(['source', 'met_name']).where('village_code', '=', V).where('name', '=', 'Wayan Sudarma').execute()).toEqual([{ source: 'kiosk', met_name: 'Kasi Pemerintahan' }]);
    expect(await text(await kiosk.get(`/anjungan/${V}/tamu`))).toContain('Bertemu dengan');
  });
});

describe('scope and the levels above', () => {
  it('keeps another village\'s officers and the region\'s officers out of the village\'s pages', async () => {
    for (const path of ['kehadiran', 'kehadiran/rekap', 'kehadiran/harian', 'kehadiran/pengaturan', 'buku-tamu']) {
      expect((await otherVillage.get(`/desa/${V}/${path}`)).status, path).toBe(403);
      expect((await district.get(`/desa/${V}/${path}`)).status, path).toBe(403);
    }
    expect((await otherVillage.form(`/desa/${V}/kehadiran/masuk`, {})).status).toBe(403);
    expect((await otherVillage.form(`/desa/${V}/buku-tamu`, { name: 'Orang Lain', comes_from: 'Batu Menyan', purpose: 'Mencoba' })).status).toBe(403);
  });

  it('the district sees counts per village, no names; the rollup equals a recount', async () => {
    const page = await district.get('/pantau/18.09.10/kehadiran');
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain('Hanura');
    expect(html).not.toContain('Yusuf Maulana');
    expect(html).not.toContain('Siti Rahmawati');
    const hanura = await district.get(`/pantau/${V}/kehadiran`);
    expect(hanura.status).toBe(200);
    expect((await district.get('/pantau/18.09.10/kehadiran.xlsx')).status).toBe(200);

    const todayRow = (await rollup()).find((r) => r.day === today())!;
    expect(todayRow.present).toBe(3); // the operator, the treasurer at the kiosk, the head
    expect(todayRow.guests).toBeGreaterThanOrEqual(33);
    const kept = await rollup();
    await rebuildRollups(t.db, { code: V });
    expect(await rollup()).toEqual(kept);
  });
});
