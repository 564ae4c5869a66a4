import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { createApp } from '../../app.js';
import { connect } from '../../platform/db/connect.js';
import { todayInWib } from '../../platform/format/format.js';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../demo/seed-demo.js';

const V = '18.09.10.2004'; // Hanura
const BASE = `/desa/${V}/penduduk-sementara`;
const BOOK = `/desa/${V}/buku/penduduk-sementara`;
let t: TestApp;
let operator: Client;
let secretary: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;
let district: Client;
const today = todayInWib();
const year = Number(today.slice(0, 4));
const ids = { worker: 0, corrected: 0, student: 0 };

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const idOf = (res: Response) => Number(res.headers.get('location')!.split('/').pop()!.split('?')[0]);
const rows = () => db().selectFrom('temporary_residents').selectAll().where('village_code', '=', V).orderBy('id').execute();
const staying = async () => (await db().selectFrom('monitoring_temporary_residents').select(['staying', 'foreigners']).where('village_code', '=', V).executeTakeFirst()) ?? { staying: 0, foreigners: 0 };
const shift = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A worker from Kota Metro staying with the demo citizen. */
const worker = {
  name: 'Rahmat Hidayat', sex: '1', citizenship: '1', nik: '1872021507900003', birth_place: 'Metro', birth_date: '1990-07-15', occupation: '15',
  origin_address: 'Jl. Ahmad Yani No. 5, Metro Pusat, Kota Metro', stay_purpose: 'Bekerja di tambak udang', host_nik: DEMO_CITIZEN.nik,
  stay_area: '', host_name: '', host_address: '', arrived_on: shift(-3), planned_departure_on: shift(90), note: '',
};

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [operator, secretary, head, treasurer, otherVillage, district] = await Promise.all(['hanura', 'sekdes.hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

describe('the register of temporary residents', () => {
  it('records a newcomer staying with a resident; the count for the levels above follows; the write is audited', async () => {
    const before = await staying();
    const res = await operator.form(BASE, worker);
    expect(res.status, await res.clone().text()).toBe(303);
    ids.worker = idOf(res);
    const page = await text(await operator.get(`${BASE}/${ids.worker}`));
    expect(page).toContain('Rahmat Hidayat');
    expect(page).toContain(worker.nik); // the operator sees NIKs whole
    expect(page).toContain(DEMO_CITIZEN.name); // whom he stays with, from the register
    expect(await staying()).toEqual({ staying: before.staying + 1, foreigners: before.foreigners });
    const audited = await db().selectFrom('audit_log').select(['action', 'detail']).where('subject', '=', `temporary_resident:${ids.worker}`).orderBy('id').execute();
    expect(audited.map((a) => a.action)).toEqual(['temporary_resident.record', 'temporary_resident.read']);
    expect(JSON.stringify(audited)).not.toContain(worker.nik);
  });

  it('refuses bad input naming the field in Bahasa Indonesia, and saves nothing', async () => {
    const before = (await rows()).length;
    const refusals: [Record<string, string>, number, string][] = [
      [{ ...worker, nik: '1872021507900004', name: '' }, 400, 'Kolom Nama wajib diisi'],
      [{ ...worker, nik: '187202150790' }, 400, 'NIK harus 16 digit'],
      [{ ...worker, nik: '1872021507900004', arrived_on: '2026-02-30' }, 400, 'Kolom Tanggal datang harus tanggal yang ada'],
      [{ ...worker, nik: '1872021507900004', arrived_on: shift(2) }, 400, 'Kolom Tanggal datang: tanggal tidak boleh sesudah hari ini'],
      [{ ...worker, nik: '1872021507900004', planned_departure_on: shift(-30) }, 400, 'Kolom Rencana tanggal pergi: tanggal tidak boleh sebelum tanggal datang'],
      [{ ...worker, nik: '1872021507900004', host_nik: '' }, 400, 'Kolom NIK penduduk yang didatangi: isi NIK penduduk yang didatangi, atau pilih RT/dusun'],
      [{ ...worker, nik: '1872021507900004', host_nik: '1809100101019999' }, 400, 'Kolom NIK penduduk yang didatangi: NIK ini bukan penduduk desa ini'],
      [{ ...worker, nik: '1872021507900004', occupation: '999' }, 400, 'Pilihan pada kolom Pekerjaan tidak dikenal'],
      [{ ...worker, nik: '', citizenship: '2', passport_number: 'X1', nationality: 'Malaysia' }, 400, 'Kolom Nomor paspor'],
      [{ ...worker, nik: '', citizenship: '2', passport_number: 'A1234567', nationality: '' }, 400, 'Kolom Kebangsaan (negara asal) wajib diisi'],
      [{ ...worker, nik: '' }, 400, 'Kolom NIK wajib diisi'],
      // Someone of this village's own register is no temporary resident of it; one staying is not recorded twice.
      [{ ...worker, nik: DEMO_CITIZEN.nik }, 409, 'milik penduduk tetap desa ini (Budi Santoso)'],
      [worker, 409, 'sudah tercatat sedang tinggal sejak'],
    ];
    for (const [fields, status, words] of refusals) {
      const r = await operator.form(BASE, fields);
      expect(r.status, words).toBe(status);
      const html = await r.text();
      expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '), words).toContain(words);
      // What was typed stays in the form.
      expect(html).toContain(`value="${fields.origin_address}"`);
    }
    expect((await rows()).length).toBe(before);
  });

  it('records the departure later: not before the arrival, once; the newcomer moves from "staying" to "left"', async () => {
    const before = await staying();
    const early = await operator.form(`${BASE}/${ids.worker}/pergi`, { departed_on: shift(-10) });
    expect(early.status).toBe(400);
    expect(await text(early)).toContain('Kolom Tanggal pergi: tanggal tidak boleh sebelum tanggal datang');
    const res = await operator.form(`${BASE}/${ids.worker}/pergi`, { departed_on: today, departure_note: 'Proyek selesai' });
    expect(res.status).toBe(303);
    const again = await operator.form(`${BASE}/${ids.worker}/pergi`, { departed_on: today });
    expect(again.status).toBe(409);
    expect(await staying()).toEqual({ staying: before.staying - 1, foreigners: before.foreigners });
    expect(await text(await operator.get(`${BASE}?status=pergi`))).toContain('Rahmat Hidayat');
    expect(await text(await operator.get(BASE))).not.toContain('Rahmat Hidayat');
  });

  it('corrects a record by a new version: the old one is kept with the reason, the list and the book show the new one', async () => {
    const fields = { ...worker, origin_address: 'Jl. Ahmad Yani No. 15, Metro Pusat, Kota Metro', departed_on: today, departure_note: 'Proyek selesai' };
    const none = await operator.form(`${BASE}/${ids.worker}/koreksi`, { ...worker, departed_on: today, departure_note: 'Proyek selesai', correction_reason: 'Tidak ada' });
    expect(none.status).toBe(400);
    expect(await text(none)).toContain('tidak ada isian yang berubah');
    const noReason = await operator.form(`${BASE}/${ids.worker}/koreksi`, fields);
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('Kolom Alasan koreksi wajib diisi');
    const res = await operator.form(`${BASE}/${ids.worker}/koreksi`, { ...fields, correction_reason: 'Nomor rumah salah ketik' });
    expect(res.status).toBe(303);
    ids.corrected = idOf(res);
    expect(ids.corrected).not.toBe(ids.worker);
    const all = await rows();
    const old = all.find((r) => Number(r.id) === ids.worker)!;
    const now = all.find((r) => Number(r.id) === ids.corrected)!;
    expect(old.origin_address).toBe(worker.origin_address);
    expect(old.correction_reason).toBe('Nomor rumah salah ketik');
    expect(old.corrected_at).not.toBeNull();
    expect(now).toMatchObject({ origin_address: fields.origin_address, corrects_id: ids.worker, stay_id: ids.worker, departed_on: today, departure_note: 'Proyek selesai', corrected_at: null });
    const oldPage = await text(await operator.get(`${BASE}/${ids.worker}`));
    expect(oldPage).toContain('sudah dikoreksi');
    expect(oldPage).toContain('Nomor rumah salah ketik');
    expect((await operator.form(`${BASE}/${ids.worker}/koreksi`, { ...fields, correction_reason: 'Sekali lagi' })).status).toBe(409);
    const left = await text(await operator.get(`${BASE}?status=semua`));
    expect(left.split('Rahmat Hidayat').length - 1).toBe(1);
    expect(await text(await operator.get(`${BASE}/${ids.corrected}`))).toContain('Jl. Ahmad Yani No. 15');
  });

  it('a correction keeps the host the stay was with, though the host has died since', async () => {
    const dimas = '1809100506129903'; // of the demo family
    const nephew = { ...worker, name: 'Fajar Nugroho', nik: '1872021001000002', birth_date: '2000-01-10', host_nik: dimas };
    const made = await operator.form(BASE, nephew);
    expect(made.status).toBe(303);
    const host = await db().selectFrom('residents').select('id').where('village_code', '=', V).where('nik', '=', dimas).executeTakeFirstOrThrow();
    const died = await operator.post(`/api/v1/villages/${V}/residents/${host.id}/death`, { date: today, place: 'Rumah', cause: 'Sakit' });
    expect(died.status, await died.clone().text()).toBe(201);
    // A new stay with him is refused; the old one is corrected with him kept.
    expect((await operator.form(BASE, { ...nephew, name: 'Orang Lain', nik: '1872021001000003' })).status).toBe(400);
    const fixed = await operator.form(`${BASE}/${idOf(made)}/koreksi`, { ...nephew, stay_purpose: 'Menjenguk keluarga', correction_reason: 'Maksud kedatangan salah ketik' });
    expect(fixed.status, await fixed.clone().text()).toBe(303);
    const row = await db().selectFrom('temporary_residents').select(['host_resident_id', 'purpose']).where('village_code', '=', V).where('id', '=', idOf(fixed)).executeTakeFirstOrThrow();
    expect(row).toEqual({ host_resident_id: Number(host.id), purpose: 'Menjenguk keluarga' });
    expect((await operator.form(`${BASE}/${idOf(fixed)}/pergi`, { departed_on: today })).status).toBe(303);
  });

  it('the book holds exactly the register for the period: who came in it, and who came before and had not left', async () => {
    // A student who came last year and still stays; another who came and left last year.
    const student = { ...worker, name: 'Nurul Aini', sex: '2', nik: '1803056108020002', birth_place: 'Kalianda', birth_date: '2002-08-21', occupation: '3', host_nik: '', stay_area: '', host_name: 'Kos Bu Sri', host_address: 'Jl. Pantai Hanura No. 9', arrived_on: `${year - 1}-09-01`, planned_departure_on: '' };
    const areas = await db().selectFrom('village_areas').select('id').where('village_code', '=', V).orderBy('id').execute();
    const a = await operator.form(BASE, { ...student, stay_area: String(areas[0]!.id) });
    expect(a.status, await a.clone().text()).toBe(303);
    ids.student = idOf(a);
    const gone = await operator.form(BASE, { ...student, name: 'Yusuf Maulana', sex: '1', nik: '1803051203010001', birth_date: '2001-03-12', stay_area: String(areas[0]!.id), arrived_on: `${year - 1}-02-01` });
    expect(gone.status).toBe(303);
    expect((await operator.form(`${BASE}/${idOf(gone)}/pergi`, { departed_on: `${year - 1}-06-30` })).status).toBe(303);

    const listed = await operator.get(`${BASE}?status=semua&tahun=${year}`);
    const names = [...(await listed.text()).matchAll(/penduduk-sementara\/\d+">([^<]+)</g)].map((m) => m[1]!).sort();
    expect(names).toContain('Nurul Aini');
    expect(names).not.toContain('Yusuf Maulana');
    const book = await operator.get(`${BOOK}?tahun=${year}`);
    expect(book.status).toBe(200);
    const sheet = new ExcelJS.Workbook();
    const file = await operator.get(`${BOOK}.xlsx?tahun=${year}`);
    expect(file.status).toBe(200);
    await sheet.xlsx.load(await file.arrayBuffer());
    const cells: string[][] = [];
    sheet.worksheets[0]!.eachRow((r) => cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const numbered = cells.filter((r) => /^\d+$/.test(r[0] ?? ''));
    expect(numbered.map((r) => r[1]).sort()).toEqual(names);
    // The row of the student, column by column as printed.
    const nurul = numbered.find((r) => r[1] === 'Nurul Aini')!;
    expect(nurul.slice(2, 8)).toEqual(['P', '1803056108020002', `Kalianda, 21 Agustus 2002 (${year - 1 - 2002} th)`, 'PELAJAR/MAHASISWA', 'WNI', worker.origin_address]);
    expect(nurul[9]).toContain('Kos Bu Sri, Jl. Pantai Hanura No. 9, Dusun I');
    expect(nurul[10]).toBe(`1 September ${year - 1}`);
    expect(nurul[11]).toBe('');
    // Last year's book has both students and not the worker, who came this year.
    const last = await text(await operator.get(`${BOOK}?tahun=${year - 1}`));
    expect(last).toContain('Yusuf Maulana');
    expect(last).toContain('Nurul Aini');
    expect(last).not.toContain('Rahmat Hidayat');
    const pdf = await operator.get(`${BOOK}.pdf?tahun=${year}&kertas=a4`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const shelf = await text(await operator.get(`/desa/${V}/buku`));
    expect(shelf).toContain('Buku Penduduk Sementara');
    expect(shelf).not.toContain('Belum tersedia');
  });

  it('the head reads with NIKs and passports masked and may not write; every read is in the record\'s access log', async () => {
    const list = await text(await head.get(`${BASE}?status=semua`));
    expect(list).toContain('Nurul Aini');
    expect(list).not.toContain('1803056108020002');
    expect(list).toContain('1803********0002');
    expect(list).toContain('Paspor AA*****57'); // the demo's researcher
    const page = await text(await head.get(`${BASE}/${ids.student}`));
    expect(page).toContain('1803********0002');
    expect(page).not.toContain('Koreksi catatan ini');
    expect((await head.form(`${BASE}/${ids.student}/pergi`, { departed_on: today })).status).toBe(403);
    expect((await head.form(BASE, worker)).status).toBe(403);
    const book = await text(await head.get(`${BOOK}?tahun=${year}`));
    expect(book).toContain('1803********0002');
    expect(book).not.toContain('1803056108020002');
    // The secretary writes too, and sees who opened the record.
    const log = await text(await secretary.get(`${BASE}/${ids.student}`));
    expect(log).toContain('Log akses');
    expect(log).toContain('kades.hanura · membuka catatan');
    const reads = await db().selectFrom('audit_log').select('action').where('village_code', '=', V).where('action', 'in', ['temporary_resident.list', 'temporary_resident.read']).where('actor_label', '=', 'kades.hanura').execute();
    expect(reads.length).toBe(2);
  });

  it('another village, the treasurer and the levels above do not see the register; the district sees the count', async () => {
    for (const path of [BASE, `${BASE}/${ids.student}`, BOOK]) {
      expect((await otherVillage.get(path)).status, path).toBe(403);
      expect((await treasurer.get(path)).status, path).toBe(403);
      expect((await district.get(path)).status, path).toBe(403);
    }
    expect((await otherVillage.form(BASE, worker)).status).toBe(403);
    expect((await otherVillage.form(`${BASE}/${ids.student}/pergi`, { departed_on: today })).status).toBe(403);
    // Batu Menyan's own page does not show Hanura's newcomer either.
    const own = await text(await otherVillage.get('/desa/18.09.10.2001/penduduk-sementara?status=semua'));
    expect(own).not.toContain('Nurul Aini');
    expect((await otherVillage.get(`/desa/18.09.10.2001/penduduk-sementara/${ids.student}`)).status).toBe(404);
    // The district's population dashboard: Hanura's worker from the demo and the student staying; counts only.
    const { staying: n } = await staying();
    const pantau = await text(await district.get('/pantau/18.09.10/penduduk'));
    expect(pantau).toContain('Penduduk sementara (pendatang)');
    expect(n).toBe(2);
    expect(pantau).toContain('Sedang tinggal 2 Di antaranya WNA 0');
    expect(pantau).not.toContain('Nurul Aini');
  });
});

describe.runIf(testDatabaseKind() === 'citus')('on a Citus cluster', () => {
  it('records, lists, opens, departs and corrects with no statement touching a second shard', async () => {
    // The app on a connection where a statement reaching more than one shard is an error.
    const url = new URL(t.db.location);
    url.searchParams.set('options', '-c citus.multi_task_query_log_level=error');
    const strict = await connect({ databaseUrl: url.toString(), poolSize: 2, villageGuard: true });
    try {
      const app = createApp({ db: strict, secureCookies: false });
      const login = await new Client(app).json('POST', '/api/v1/auth/login', { username: 'hanura', password: DEMO_PASSWORD });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await app.request('/akun/kata-sandi', { headers: { cookie } })).text())![1]!;
      const op = new Client(app, cookie, csrf);
      const made = await op.form(BASE, { ...worker, name: 'Dedi Kurniawan', nik: '1872020202880001', birth_date: '1988-02-02' });
      expect(made.status, await made.clone().text()).toBe(303);
      const id = idOf(made);
      for (const path of [BASE, `${BASE}?status=semua&tahun=${year}&dusun=${(await db().selectFrom('village_areas').select('id').where('village_code', '=', V).where('level', '=', 'dusun').executeTakeFirstOrThrow()).id}`, `${BASE}/${id}`, `${BOOK}?tahun=${year}`]) {
        expect((await op.get(path)).status, path).toBe(200);
      }
      expect((await op.form(`${BASE}/${id}/pergi`, { departed_on: today })).status).toBe(303);
      expect((await op.form(`${BASE}/${id}/koreksi`, { ...worker, name: 'Dedi Kurniawan', nik: '1872020202880001', birth_date: '1988-02-02', birth_place: 'Kota Metro', departed_on: today, correction_reason: 'Tempat lahir salah ketik' })).status).toBe(303);
    } finally {
      await strict.close();
    }
  });
});
