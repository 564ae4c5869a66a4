import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

// Batu Menyan (18.09.10.2001): an activated demo village with no residents of its own.
const V = '18.09.10.2001';
const api = `/api/v1/villages/${V}`;
let t: TestApp;
let op: Client;
let hanura: Client;
beforeAll(async () => {
  t = await createTestApp();
  op = await t.login('batumenyan');
  hanura = await t.login('hanura');
});
afterAll(() => t.close());

const person = (over: Record<string, unknown> = {}) => ({ name: 'Siti Aminah', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1990-12-05', nik: '1871014512900001', ...over });
const register = async (body: Record<string, unknown>, client = op, url = `${api}/residents`) => {
  const res = await client.post(url, body);
  return { status: res.status, body: await res.json() };
};

describe('registering residents', () => {
  it('creates a family card with its head, then adds members', async () => {
    const head = await register(person({ name: 'Budi Santoso', sex: 1, nik: '1871010503850002', birth_date: '1985-03-05', kk_number: '1871010101200001' }));
    expect(head.status).toBe(201);
    expect(head.body.data.warnings).toEqual([]);
    const wife = await register(person({ family_id: head.body.data.family_id, family_relation: 3 }));
    expect(wife.status).toBe(201);
    const family = await (await op.get(`${api}/families/${head.body.data.family_id}`)).json();
    expect(family.data.members.map((m: any) => [m.name, m.family_relation])).toEqual([['Budi Santoso', 1], ['Siti Aminah', 3]]);
  });

  it('refuses what cannot be a NIK, saying why, and stores nothing', async () => {
    const cases: [string, string][] = [
      ['180910451290001', 'NIK harus 16 digit (yang diisi 15 digit).'],
      ['18091045129000a1', 'NIK hanya boleh berisi angka.'],
      ['1871013512900001', 'Tanggal lahir di dalam NIK (digit ke-7 dan ke-8) tidak mungkin: 01–31, atau 41–71 untuk perempuan.'],
      ['1871014513900001', 'Bulan lahir di dalam NIK (digit ke-9 dan ke-10) harus 01–12.'],
      ['1871014512900000', 'Nomor urut NIK (4 digit terakhir) tidak boleh 0000.'],
      ['1871017102900001', 'Tanggal di dalam NIK bukan tanggal yang ada.'],
      ['1.80910E+15', 'NIK "1.80910E+15" rusak karena dibulatkan Excel. Format kolom NIK sebagai Teks lalu ketik ulang.'],
    ];
    const before = await t.db.kysely.selectFrom('residents').select(sql<number>`count(*)`.as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    for (const [nik, message] of cases) {
      const r = await register(person({ nik, kk_number: '1871010101200099' }));
      expect(r.status, nik).toBe(400);
      expect(r.body.error, nik).toMatchObject({ field: 'nik', message });
    }
    const after = await t.db.kysely.selectFrom('residents').select(sql<number>`count(*)`.as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await t.db.kysely.selectFrom('families').select('id').where('village_code', '=', V).where('kk_number', '=', '1871010101200099').execute()).toEqual([]);
  });

  it('warns, without refusing, when the NIK disagrees with the birth date or sex', async () => {
    const r = await register(person({ name: 'Ahmad Fauzi', sex: 1, nik: '1871014512900011', birth_date: '1991-01-01', kk_number: '1871010101200002' }));
    expect(r.status).toBe(201);
    expect(r.body.data.warnings.sort()).toEqual(['nik_birth_date', 'nik_sex']);
  });

  it('checks the KK number: an impossible issue date is refused naming the field, an unknown district is a warning', async () => {
    const cases: [string, string][] = [
      ['1871013201200001', 'Tanggal di dalam No. KK (digit ke-7 dan ke-8) tidak mungkin: harus 01–31.'],
      ['1871010113200001', 'Bulan di dalam No. KK (digit ke-9 dan ke-10) harus 01–12.'],
      ['1871013102200001', 'Tanggal di dalam No. KK bukan tanggal yang ada.'],
    ];
    for (const [kk, message] of cases) {
      const r = await register(person({ name: 'Kk Salah', nik: '1871014512900091', kk_number: kk }));
      expect(r.status, kk).toBe(400);
      expect(r.body.error, kk).toMatchObject({ field: 'kk_number', message });
    }
    // 999999 is no district: saved (the civil registry's numbers outlive a split district), with a warning
    const r = await register(person({ name: 'Kk Asing', nik: '1871014512900092', kk_number: '9999990101250778' }));
    expect(r.status).toBe(201);
    expect(r.body.data.warnings).toEqual(['kk_region']);
    const page = await (await op.get(`/desa/${V}/penduduk/${r.body.data.id}`)).text();
    expect(page).toContain('Enam digit pertama No. KK bukan kode kecamatan yang dikenal.');
  });

  it('gives a temporary NIK to a resident who has none', async () => {
    const r = await register({ name: 'Bayi Tanpa NIK', sex: 1, religion: 1, temporary_nik: true, kk_number: '1871010101200003' });
    expect(r.status).toBe(201);
    expect(r.body.data.nik).toBe('0180910200100001');
  });

  it('keeps a NIK to one living resident: here, and in any other village of the installation', async () => {
    const here = await register(person({ kk_number: '1871010101200004' }));
    expect(here.status).toBe(409);
    expect(here.body.error.message).toBe('NIK 1871014512900001 sudah terdaftar di desa ini (atas nama Siti Aminah).');
    const elsewhere = await register(person({ kk_number: '1871010101200005' }), hanura, '/api/v1/villages/18.09.10.2004/residents');
    expect(elsewhere.status).toBe(409);
    // the other village is not named: registering is no way to learn where someone lives
    expect(elsewhere.body.error.message).toBe('NIK ini masih terdaftar sebagai penduduk desa lain. Warga perlu mengurus pindah keluar di desa asalnya dulu (surat pindah dari desa itu), lalu didaftarkan sebagai pindah masuk.');
    expect(elsewhere.body.error.message).not.toContain('Batu Menyan');
  });

  it('allows one head per family', async () => {
    const fam = await register(person({ name: 'Kepala Dua', sex: 1, nik: '1871010101800003', birth_date: '1980-01-01', kk_number: '1871010101200006' }));
    const second = await register(person({ name: 'Kepala Tiga', sex: 1, nik: '1871010101800004', birth_date: '1980-01-01', family_id: fam.body.data.family_id, family_relation: 1 }));
    expect(second.status).toBe(409);
    expect(second.body.error.field).toBe('family_relation');
  });

  it('applies a write offered twice with the same idempotency key once', async () => {
    const body = person({ name: 'Dari Outbox', nik: '1871014101950001', birth_date: '1995-01-01', kk_number: '1871010101200007', idempotency_key: 'outbox-42' });
    const a = await register(body);
    const b = await register(body);
    expect(b.status).toBe(201);
    expect(b.body.data.id).toBe(a.body.data.id);
    const n = await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', V).where('nik', '=', '1871014101950001').execute();
    expect(n).toHaveLength(1);
  });
});

describe('population events', () => {
  let familyId: number;
  let fatherId: number;
  let childId: number;
  beforeAll(async () => {
    const dad = await register(person({ name: 'Joko Widodo', sex: 1, nik: '1871012106700001', birth_date: '1970-06-21', kk_number: '1871010101200010' }));
    familyId = dad.body.data.family_id;
    fatherId = dad.body.data.id;
  });

  it('records a birth into the family as a child, with its event', async () => {
    const res = await op.post(`${api}/births`, { name: 'Putri Kecil', sex: 2, religion: 1, temporary_nik: true, family_id: familyId, birth_date: '2026-11-01', mother_name: 'Sri' });
    expect(res.status).toBe(201);
    childId = (await res.json()).data.id;
    const rec = (await (await op.get(`${api}/residents/${childId}`)).json()).data;
    expect(rec.resident.family_relation).toBe(4);
    expect(rec.events.map((e: any) => e.kind)).toEqual(['birth']);
  });

  it('records a death, keeps the resident with that status, frees the NIK, and refuses a second death', async () => {
    const res = await op.post(`${api}/residents/${fatherId}/death`, { date: '2026-11-20', place: 'Rumah', cause: 'Sakit', reporter_name: 'Sri', reporter_relation: 'Istri' });
    expect(res.status).toBe(201);
    expect((await res.json()).data.family_without_head).toBe(true); // the child is still there
    const rec = (await (await op.get(`${api}/residents/${fatherId}`)).json()).data;
    expect(rec.resident.life_status).toBe(2);
    const death = rec.events.find((e: any) => e.kind === 'death');
    expect(death).toMatchObject({ kind: 'death', population_change: -1, recorded_by_name: 'Operator Desa Batu Menyan' });
    expect(death.details).toMatchObject({ place: 'Rumah', cause: 'Sakit', reporter_relation: 'Istri' });
    expect(await t.db.kysely.selectFrom('active_niks').select('nik').where('nik', '=', '1871012106700001').execute()).toEqual([]);
    const again = await op.post(`${api}/residents/${fatherId}/death`, { date: '2026-11-21' });
    expect(again.status).toBe(400);
    expect((await again.json()).error.message).toBe('Peristiwa ini hanya untuk penduduk yang tercatat ada di desa (status sekarang: MATI).');
  });

  it('refuses an event dated in the future or before birth', async () => {
    const future = await op.post(`${api}/residents/${childId}/departure`, { date: '2999-01-01' });
    expect((await future.json()).error).toMatchObject({ field: 'date', message: 'Tanggal tidak boleh melewati hari ini.' });
    const early = await op.post(`${api}/residents/${childId}/departure`, { date: '2020-01-01' });
    expect((await early.json()).error.message).toBe('Tanggal peristiwa tidak boleh sebelum tanggal lahir.');
  });

  it('moves a resident out; the other village can then register the same NIK', async () => {
    const who = await register(person({ name: 'Rina Pindahan', nik: '1871014407990001', birth_date: '1999-07-04', kk_number: '1871010101200011' }));
    const out = await op.post(`${api}/residents/${who.body.data.id}/move-out`, { date: '2026-11-02', destination: 'Desa Hanura, Teluk Pandan', classification: 'village', reason: 'Menikah' });
    expect(out.status).toBe(201);
    const moveIn = await hanura.post('/api/v1/villages/18.09.10.2004/moves-in', { ...person({ name: 'Rina Pindahan', nik: '1871014407990001', birth_date: '1999-07-04', kk_number: '1871010101209999' }), date: '2026-11-03', from: 'Desa Batu Menyan' });
    expect(moveIn.status).toBe(201);
  });

  it('records missing and return, and temporary departure', async () => {
    const who = await register(person({ name: 'Andi Hilang', sex: 1, nik: '1871011010000001', birth_date: '2000-10-10', kk_number: '1871010101200012' }));
    const id = who.body.data.id;
    expect((await op.post(`${api}/residents/${id}/lost`, { date: '2026-10-01' })).status).toBe(201);
    expect((await op.post(`${api}/residents/${id}/departure`, { date: '2026-10-02' })).status).toBe(400);
    expect((await op.post(`${api}/residents/${id}/return`, { date: '2026-10-20' })).status).toBe(201);
    const rec = (await (await op.get(`${api}/residents/${id}`)).json()).data;
    expect(rec.resident.life_status).toBe(1);
    expect(rec.events.map((e: any) => [e.kind, e.population_change])).toEqual([['registration', 1], ['return', 1], ['lost', -1]]); // newest date first
  });
});

describe('corrections and families', () => {
  it('corrects data, keeping the old value, who and why', async () => {
    const r = await register(person({ name: 'Dewi Sartika', nik: '1871014808880001', birth_date: '1988-08-08', kk_number: '1871010101200020' }));
    const res = await op.json('PATCH', `${api}/residents/${r.body.data.id}`, { name: 'Dewi Sartika Putri', occupation: 9, reason: 'Salah ketik saat pendataan' });
    expect(res.status).toBe(200);
    expect((await res.json()).data.changed.sort()).toEqual(['name', 'occupation']);
    const rec = (await (await op.get(`${api}/residents/${r.body.data.id}`)).json()).data;
    expect(rec.resident.name).toBe('Dewi Sartika Putri');
    const correction = rec.events.find((e: any) => e.kind === 'correction');
    expect(correction.details).toEqual({ changes: { name: { from: 'Dewi Sartika', to: 'Dewi Sartika Putri' }, occupation: { from: null, to: 9 } }, reason: 'Salah ketik saat pendataan' });
    const noReason = await op.json('PATCH', `${api}/residents/${r.body.data.id}`, { name: 'X' });
    expect((await noReason.json()).error.field).toBe('reason');
    const badCode = await op.json('PATCH', `${api}/residents/${r.body.data.id}`, { occupation: 90, reason: 'kode salah' });
    expect((await badCode.json()).error).toMatchObject({ field: 'occupation', message: 'Pilihan pada kolom Pekerjaan tidak dikenal.' });
  });

  it('splits a family (pecah KK) and changes the head, with history', async () => {
    const head = await register(person({ name: 'Pak Harjo', sex: 1, nik: '1871010202600001', birth_date: '1960-02-02', kk_number: '1871010101200030' }));
    const fid = head.body.data.family_id;
    const son = await register(person({ name: 'Anto Harjo', sex: 1, nik: '1871010303900001', birth_date: '1990-03-03', family_id: fid, family_relation: 4 }));
    const dil = await register(person({ name: 'Wati', sex: 2, nik: '1871014404920001', birth_date: '1992-04-04', family_id: fid, family_relation: 5 }));
    const split = await op.post(`${api}/families/${fid}/split`, { member_ids: [son.body.data.id, dil.body.data.id], new_head_id: son.body.data.id, kk_number: '1871010101200031', reason: 'Menikah, KK baru' });
    expect(split.status).toBe(201);
    const newId = (await split.json()).data.new_family_id;
    const newFam = (await (await op.get(`${api}/families/${newId}`)).json()).data;
    expect(newFam.members.map((m: any) => [m.name, m.family_relation])).toEqual([['Anto Harjo', 1], ['Wati', 5]]);
    const cannot = await op.post(`${api}/families/${fid}/split`, { member_ids: [head.body.data.id], new_head_id: head.body.data.id, kk_number: '1871010101200032' });
    expect(cannot.status).toBe(400);

    const change = await op.post(`${api}/families/${newId}/head`, { new_head_id: dil.body.data.id, old_head_relation: 2, reason: 'Kesepakatan keluarga' });
    expect(change.status).toBe(200);
    const after = (await (await op.get(`${api}/families/${newId}`)).json()).data;
    expect(after.members.map((m: any) => [m.name, m.family_relation])).toEqual([['Wati', 1], ['Anto Harjo', 2]]);
    const anto = (await (await op.get(`${api}/residents/${son.body.data.id}`)).json()).data;
    expect(anto.events.filter((e: any) => e.kind === 'family_change').map((e: any) => e.details.change)).toEqual(['head_replaced', 'split']);
  });
});

describe('finding people', () => {
  beforeAll(async () => {
    await register(person({ name: 'Muhammad Rizky Pratama', sex: 1, nik: '1871011212000001', birth_date: '2000-12-12', kk_number: '1871010101200040' }));
    await register(person({ name: 'Nurhayati', nik: '1871015505550001', birth_date: '1955-05-15', kk_number: '1871010101200041' }));
  });
  const names = async (query: string, client = op) => (await (await client.get(`${api}/residents?${query}`)).json()).data.map((r: any) => r.name);

  it('finds by a misspelt name, ignoring case and accents, and by part of a name', async () => {
    expect(await names('q=siti aminnah')).toContain('Siti Aminah');
    expect(await names('q=SÌTI AMINAH')).toContain('Siti Aminah');
    expect(await names('q=rizki pratama')).toContain('Muhammad Rizky Pratama');
    expect(await names('q=pratama')).toEqual(['Muhammad Rizky Pratama']);
  });

  it('finds by NIK or KK number (or their start)', async () => {
    expect(await names('q=1871011212000001')).toEqual(['Muhammad Rizky Pratama']);
    expect(await names('q=1871010101200041')).toEqual(['Nurhayati']);
  });

  it('filters by sex, age, coded field and status, and pages', async () => {
    expect(await names('q=nurhayati&age_min=60')).toEqual(['Nurhayati']);
    expect(await names('q=nurhayati&age_max=59')).toEqual([]);
    expect(await names('q=nurhayati&sex=1')).toEqual([]);
    expect(await names('life_status=2')).toEqual(['Joko Widodo']);
    expect(await names('field=occupation&value=9')).toEqual(['Dewi Sartika Putri']);
    const page = await (await op.get(`${api}/residents?per_page=10&page=1`)).json();
    expect(page.data).toHaveLength(10);
    expect(page.total).toBeGreaterThan(10);
  });
});

describe('personal data', () => {
  it('shows the village head masked NIKs, the operator full ones, and refuses other villages', async () => {
    const kades = await t.login('kades.hanura');
    const mine = await register(person({ name: 'Warga Hanura', nik: '1871014101010001', birth_date: '2001-01-01', kk_number: '1871010101208888' }), hanura, '/api/v1/villages/18.09.10.2004/residents');
    const byName = (await (await kades.get('/api/v1/villages/18.09.10.2004/residents?q=warga hanura')).json()).data;
    expect(byName[0].nik).toBe('1871********0001');
    expect(byName[0].kk_number).toBe('1871********8888');
    expect((await (await hanura.get('/api/v1/villages/18.09.10.2004/residents?q=warga hanura')).json()).data[0].nik).toBe('1871014101010001');
    expect((await op.get(`/api/v1/villages/18.09.10.2004/residents/${mine.body.data.id}`)).status).toBe(403);
    // a Hanura resident's id under Batu Menyan's address is simply not there
    expect((await op.get(`${api}/residents/${mine.body.data.id}`)).status).toBe(404);
    const province = await t.login('provinsi');
    expect((await province.get(`${api}/residents`)).status).toBe(403);
  });

  it('logs who opened a record and why (the route says why, never the URL), and shows it to the village', async () => {
    const r = await register(person({ name: 'Rahasia', nik: '1871014202020001', birth_date: '2002-02-02', kk_number: '1871010101200050' }));
    await op.get(`${api}/residents/${r.body.data.id}?purpose=Surat%20keterangan%20domisili`);
    const log = (await (await op.get(`${api}/residents/${r.body.data.id}/access-log`)).json()).data;
    expect(log[0]).toMatchObject({ actor_label: 'batumenyan', action: 'resident.read' });
    // A purpose typed into the URL is not what the log keeps: the route names the reading.
    expect(log[0].detail.purpose).toBe('lihat data');
  });
});

describe('monthly report', () => {
  it('counts start, births, deaths, moves and end by sex from the events', async () => {
    const res = await op.get(`${api}/reports/monthly?year=2026&month=11`);
    const { male, female, total } = (await res.json()).data;
    // November: Putri Kecil born (F); Joko Widodo died (M); Rina moved out (F)
    expect(female.births).toBe(1);
    expect(male.deaths).toBe(1);
    expect(female.moves_out).toBe(1);
    expect(total.end).toBe(total.start + total.registered + total.births + total.moves_in - total.deaths - total.moves_out - total.lost);
    // This month ends with everyone counted today (the residents above were registered today).
    const today = new Date(Date.now() + 7 * 3600_000).toISOString();
    const now = (await (await op.get(`${api}/reports/monthly?year=${today.slice(0, 4)}&month=${Number(today.slice(5, 7))}`)).json()).data;
    const alive = await t.db.kysely.selectFrom('residents').select(sql<number>`count(*)`.as('n')).where('village_code', '=', V).where('life_status', 'in', [1, 6]).executeTakeFirstOrThrow();
    expect(now.total.end).toBe(alive.n);
  });
});

// Last: these deaths would change the counts the tests above expect.
describe('births and deaths in a family', () => {
  it('gives a newborn the family\'s area and address, the head and spouse as parents, belum kawin and tidak/belum sekolah', async () => {
    const api2 = '/api/v1/villages/18.09.10.2004';
    const area = (await (await hanura.post(`${api2}/areas`, { level: 'dusun', name: 'Dusun Kelahiran' })).json()).data;
    const dad = await register(person({ name: 'Ayah Bayi', sex: 1, nik: '1809100101900071', birth_date: '1990-01-01', kk_number: '1809100101200071', area_id: area.id, address: 'Jl. Pantai No. 3' }), hanura, `${api2}/residents`);
    const mum = await register(person({ name: 'Ibu Bayi', sex: 2, nik: '1809104101920072', birth_date: '1992-01-01', family_id: dad.body.data.family_id, family_relation: 3 }), hanura, `${api2}/residents`);
    expect(mum.status).toBe(201);
    const res = await hanura.post(`${api2}/births`, { name: 'Bayi Lengkap', sex: 1, religion: 1, temporary_nik: true, family_id: dad.body.data.family_id, birth_date: '2026-11-05' });
    expect(res.status).toBe(201);
    const baby = (await (await hanura.get(`${api2}/residents/${(await res.json()).data.id}`)).json()).data.resident;
    expect(baby).toMatchObject({
      area_id: area.id, address: 'Jl. Pantai No. 3', family_relation: 4, marital_status: 1, education_kk: 1,
      father_name: 'Ayah Bayi', father_nik: '1809100101900071', mother_name: 'Ibu Bayi', mother_nik: '1809104101920072',
    });
    // a parent must be a member of that sex on this card
    const wrong = await hanura.post(`${api2}/births`, { name: 'Bayi Salah', sex: 1, religion: 1, temporary_nik: true, family_id: dad.body.data.family_id, birth_date: '2026-11-05', father_id: mum.body.data.id });
    expect((await wrong.json()).error.field).toBe('father_id');
  });

  it('records the death of a head together with the new head, in one transaction', async () => {
    const head = await register(person({ name: 'Kepala Wafat', sex: 1, nik: '1871010101500081', birth_date: '1950-01-01', kk_number: '1871010101200081' }));
    const stranger = await register(person({ name: 'Bukan Keluarga', nik: '1871014101550083', birth_date: '1955-01-01', kk_number: '1871010101200083' }));
    const wife = await register(person({ name: 'Istri Penerus', nik: '1871014101550082', birth_date: '1955-01-01', family_id: head.body.data.family_id, family_relation: 3 }));
    // a new head who is not on the card: nothing is recorded, not even the death
    const bad = await op.post(`${api}/residents/${head.body.data.id}/death`, { date: '2026-11-10', new_head_id: stranger.body.data.id });
    expect(bad.status).toBe(400);
    expect((await (await op.get(`${api}/residents/${head.body.data.id}`)).json()).data.resident.life_status).toBe(1);
    const res = await op.post(`${api}/residents/${head.body.data.id}/death`, { date: '2026-11-10', reporter_relation: 'Istri', new_head_id: wife.body.data.id });
    expect(res.status).toBe(201);
    expect((await res.json()).data).toMatchObject({ family_without_head: false, new_head: { id: wife.body.data.id, name: 'Istri Penerus' } });
    const family = (await (await op.get(`${api}/families/${head.body.data.family_id}`)).json()).data;
    expect(family.members.find((m: any) => m.id === wife.body.data.id).family_relation).toBe(1);
    // the reporter's relation comes from the list the death letter uses
    const other = await op.post(`${api}/residents/${wife.body.data.id}/death`, { date: '2026-11-11', reporter_relation: 'Tetangga jauh' });
    expect((await other.json()).error.field).toBe('reporter_relation');
  });
});

describe('the list total', () => {
  const total = async (query: string) => (await (await op.get(`${api}/residents?${query}`)).json()).total as number;
  const counted = async (where: string) => Number((await sql<{ n: string }>`select count(*) as n from residents where village_code = ${V} and ${sql.raw(where)}`.execute(t.db.kysely)).rows[0]!.n);

  it('read from the summary rows equals the exact count, by status and sex, after births, deaths and moves', async () => {
    const check = async () => {
      expect(await total('')).toBe(await counted('life_status = 1'));
      expect(await total('sex=1')).toBe(await counted('life_status = 1 and sex = 1'));
      expect(await total('sex=2')).toBe(await counted('life_status = 1 and sex = 2'));
      expect(await total('life_status=2')).toBe(await counted('life_status = 2'));
      // A filter the summary cannot answer is counted, and agrees as well.
      expect(await total('sex=2&q=a')).toBe((await (await op.get(`${api}/residents?sex=2&q=a&per_page=200`)).json()).data.length);
    };
    await check();
    const born = await register(person({ name: 'Bayi Baru', sex: 1, nik: '1871010101260099', birth_date: '2026-01-01', kk_number: '1871010101200042' }));
    expect(born.status).toBe(201);
    await check();
    expect((await op.post(`${api}/residents/${born.body.data.id}/death`, { date: '2026-11-21', place: 'Rumah', cause: 'Sakit', reporter_name: 'Sri', reporter_relation: 'Ibu' })).status).toBe(201);
    await check();
    expect(await total('life_status=2')).toBeGreaterThan(0);
  });
});
