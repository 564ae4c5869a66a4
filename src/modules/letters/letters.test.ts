import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura
const api = `/api/v1/villages/${V}`;
let t: TestApp;
let op: Client;
let sekdes: Client;
let kades: Client;
let other: Client;
let nextNik = 1;

beforeAll(async () => {
  t = await createTestApp();
  [op, sekdes, kades, other] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura'), t.login('kades.hanura'), t.login('batumenyan')]);
});
afterAll(() => t.close());

/** A new family with its head in Hanura; returns the head's resident id and NIK. */
async function family(over: Record<string, unknown> = {}) {
  const n = String(nextNik++).padStart(4, '0');
  const nik = `18091017088${n.slice(0, 1)}${n.slice(1)}1`.slice(0, 12) + n;
  const body = { name: `Warga Uji ${n}`, sex: 1, religion: 1, birth_place: 'Pesawaran', birth_date: '1988-08-17', nik: `180910170888${n}`, kk_number: `180910010120${n}`, occupation: 11, marital_status: 2, ...over };
  void nik;
  const res = await op.post(`${api}/residents`, body);
  expect(res.status, await res.clone().text()).toBe(201);
  const data = (await res.json()).data;
  return { id: data.id as number, nik: body.nik as string, familyId: data.family_id as number };
}

const request = (client: Client, body: Record<string, unknown>) => client.post(`${api}/letters`, body);
const step = (client: Client, id: number, action: string, body: unknown = {}) => client.post(`${api}/letters/${id}/${action}`, body);

async function issued(type = 'sktm', fields: Record<string, string> = { keperluan: 'Beasiswa sekolah anak' }, signer = sekdes) {
  const r = await family();
  const res = await request(op, { type, nik: r.nik, fields });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await res.json()).data.id as number;
  expect((await step(op, id, 'check')).status).toBe(200);
  const signed = await step(signer, id, 'sign');
  expect(signed.status, await signed.clone().text()).toBe(200);
  return { id, resident: r, sign: (await signed.json()).data as { number: string; verify_code: string; sign_mode: string } };
}

describe('a letter from request to collection', () => {
  it('goes requested → checked → signed a.n. → ready → collected, recording who and when', async () => {
    const r = await family();
    const res = await request(op, { type: 'sktm', nik: r.nik, fields: { keperluan: 'Beasiswa sekolah anak' } });
    expect(res.status).toBe(201);
    const { id, queue_number } = (await res.json()).data;
    expect(queue_number).toBeGreaterThan(0);

    // Signing before the operator checked it is refused with the reason.
    const early = await step(sekdes, id, 'sign');
    expect(early.status).toBe(409);
    expect((await early.json()).error.message).toContain('Diajukan');

    expect((await step(op, id, 'check')).status).toBe(200);
    const signed = (await (await step(sekdes, id, 'sign')).json()).data;
    expect(signed.sign_mode).toBe('an');
    const year = new Date().getFullYear();
    expect(signed.number).toMatch(new RegExp(`^400/\\d{3}/1809102004/[IVX]+/${year}$`));
    expect((await step(op, id, 'ready')).status).toBe(200);
    expect((await step(op, id, 'collect')).status).toBe(200);

    const letter = (await (await op.get(`${api}/letters/${id}`)).json()).data;
    expect(letter.letter.status).toBe('collected');
    // The desk opens on what still needs doing; a collected letter is under "all" and the archive.
    expect(await (await op.get(`/desa/${V}/surat`)).text()).not.toContain(signed.number);
    expect(await (await op.get(`/desa/${V}/surat?status=all`)).text()).toContain(signed.number);
    expect(letter.steps.map((s: any) => [s.step, s.by])).toEqual([
      ['requested', 'Operator Desa Hanura'], ['checked', 'Operator Desa Hanura'], ['signed', 'Siti Rahmawati'],
      ['ready', 'Operator Desa Hanura'], ['collected', 'Operator Desa Hanura'],
    ]);
    expect(letter.issued.signature).toMatchObject({ mode: 'an', headTitle: 'Kepala Desa Hanura', signerName: 'Siti Rahmawati' });
    expect(letter.issued.paragraphs[0]).toContain(`dikepalai oleh ${r.nik ? 'Warga Uji' : ''}`);

    // The citizen was told through the outbox, in the same transaction as "ready".
    const notes = await t.db.kysely.selectFrom('notification_outbox').selectAll().where('subject_ref', '=', `letter:${id}`).execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('Surat Keterangan Tidak Mampu');
  });

  it('the head signs himself; the PDF carries title, number and a QR code that opens the verification page', async () => {
    const { id, sign } = await issued('domisili', { keperluan: 'Melamar pekerjaan' }, kades);
    expect(sign.sign_mode).toBe('self');
    const pdf = await op.get(`${api}/letters/${id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 unless the village chose F4.
    expect(bytes.toString('latin1')).toMatch(/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);

    const page = await t.anonymous.get(`/v/${sign.verify_code}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('ASLI dan MASIH BERLAKU');
    expect(html).toContain(sign.number.replace(/\//g, '/'));
    expect(html).toContain('1809********');
    expect(html).not.toMatch(/180910170888\d{4}/); // never the whole NIK
  });

  it('a revoked letter keeps its number and shows as revoked to anyone', async () => {
    const { id, sign } = await issued();
    const noReason = await step(sekdes, id, 'revoke', { reason: ' ' });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.field).toBe('reason');
    expect((await step(op, id, 'revoke', { reason: 'x' })).status).toBe(403); // operators cannot revoke
    expect((await step(sekdes, id, 'revoke', { reason: 'Data penghasilan tidak benar' })).status).toBe(200);
    const v = await (await t.anonymous.get(`/api/v1/letters/verify/${sign.verify_code}`)).json();
    expect(v.data).toMatchObject({ state: 'revoked', number: sign.number, revokeReason: 'Data penghasilan tidak benar' });
    const html = await (await t.anonymous.get(`/v/${sign.verify_code}`)).text();
    expect(html).toContain('TELAH DICABUT');
    expect((await t.anonymous.get('/v/AAAAAAAAAAAA')).status).toBe(404);
  });

  it('a rejected request carries its reason; it cannot be signed afterwards', async () => {
    const r = await family();
    const { id } = (await (await request(op, { type: 'usaha', nik: r.nik, fields: { nama_usaha: 'Warung Berkah', jenis_usaha: 'Warung kelontong', alamat_usaha: 'Dusun Sukajaya', keperluan: 'Kredit usaha rakyat' } })).json()).data;
    expect((await step(op, id, 'reject', { reason: 'Foto tempat usaha belum dilampirkan' })).status).toBe(200);
    expect((await step(sekdes, id, 'sign')).status).toBe(409);
    const letter = (await (await op.get(`${api}/letters/${id}`)).json()).data.letter;
    expect(letter).toMatchObject({ status: 'rejected', reject_reason: 'Foto tempat usaha belum dilampirkan', number: null });
  });
});

describe('the counter form', () => {
  it('starts from the resident page, keeps the NIK out of the URL, and gives a queue number', async () => {
    const r = await family();
    const page = await (await op.get(`/desa/${V}/penduduk/${r.id}`)).text();
    expect(page).toContain('Layanan Surat');
    expect(page).toContain(`/desa/${V}/surat/baru?penduduk=${r.id}`);
    const form = await (await op.get(`/desa/${V}/surat/baru?jenis=domisili&penduduk=${r.id}`)).text();
    expect(form).toContain('Warga Uji');
    expect(form).toContain('name="resident_id"');
    const res = await op.form(`/desa/${V}/surat/baru?jenis=domisili&penduduk=${r.id}`, { resident_id: String(r.id), 'isian.keperluan': 'Melamar kerja', idempotency_key: 'counter-0001' });
    expect(res.status).toBe(303);
    const shown = await (await op.get(res.headers.get('location')!)).text();
    expect(shown).toMatch(/nomor antrian \d+/);
    // Typed NIK at the counter, wrong: the field is marked and the message names it.
    const wrong = await op.form(`/desa/${V}/surat/baru?jenis=domisili`, { nik: '1809109999990000', 'isian.keperluan': 'x' });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('tidak ditemukan di desa ini');
    expect(html).toMatch(/name="nik"[^>]*aria-invalid="true"/);
  });
});

describe('rules and fields of letter types', () => {
  it('names the missing or wrong field by its label, in Bahasa Indonesia, and stores nothing', async () => {
    const r = await family();
    const before = await t.db.kysely.selectFrom('letters').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    const missing = await request(op, { type: 'sktm', nik: r.nik, fields: {} });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatchObject({ field: 'isian.keperluan', message: 'Kolom Keperluan wajib diisi.' });
    const badDate = await request(op, { type: 'kehilangan', nik: r.nik, fields: { barang: 'Dompet', tanggal_hilang: '2025-02-30', tempat_hilang: 'Pasar' } });
    expect((await badDate.json()).error).toMatchObject({ field: 'isian.tanggal_hilang', message: 'Format kolom Tanggal kehilangan tidak sah.' });
    const badChoice = await request(op, { type: 'kelahiran', nik: r.nik, fields: { nama_pelapor: 'X', hubungan_pelapor: 'Tetangga jauh' } });
    expect((await badChoice.json()).error.field).toBe('isian.hubungan_pelapor');
    const after = await t.db.kysely.selectFrom('letters').select((e) => e.fn.countAll<number>().as('n')).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a death letter needs the death recorded first', async () => {
    const r = await family();
    const fields = { tanggal_kematian: '2025-01-02', tempat_kematian: 'Rumah', sebab_kematian: 'Sakit', nama_pelapor: 'Anak', hubungan_pelapor: 'Anak' };
    const refused = await request(op, { type: 'kematian', resident_id: r.id, fields });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.message).toContain('sudah tercatat meninggal');
    expect((await op.post(`${api}/residents/${r.id}/death`, { date: '2025-01-02', place: 'Rumah', cause: 'Sakit', reporter_name: 'Dewi', reporter_relation: 'Anak' })).status).toBe(201);
    // The form starts from what was recorded with the death.
    const form = await (await op.get(`/desa/${V}/surat/baru?jenis=kematian&penduduk=${r.id}`)).text();
    expect(form).toMatch(/name="isian.tanggal_kematian" value="2025-01-02"/);
    expect(form).toMatch(/name="isian.nama_pelapor" value="Dewi"/);
    expect(form).toMatch(/<option value="Anak" selected/);
    expect((await request(op, { type: 'kematian', resident_id: r.id, fields })).status).toBe(201);
    // …and nothing but the death letter is issued for the dead.
    expect((await request(op, { type: 'domisili', resident_id: r.id, fields: { keperluan: 'x' } })).status).toBe(400);
  });

  it('a signed Surat Keterangan Pindah records the move out', async () => {
    const { resident } = await issued('pindah', { alamat_tujuan: 'Jl. Merdeka 1, Bandar Lampung', tingkat_pindah: 'Antar kabupaten dalam satu provinsi', jenis_kepindahan: 'Kepala keluarga', alasan: 'Pekerjaan', tanggal_pindah: '2025-03-01' });
    const r = (await (await op.get(`${api}/residents/${resident.id}`)).json()).data.resident;
    expect(r.life_status).toBe(3);
  });

  it('officers of another village see nothing of these letters', async () => {
    const { id } = await issued();
    expect((await other.get(`${api}/letters/${id}`)).status).toBe(403);
    expect((await other.get(`${api}/letters`)).status).toBe(403);
    expect((await other.post(`/api/v1/villages/18.09.10.2001/letters/${id}/check`, {})).status).toBe(404);
  });
});

describe('templates and numbering set by the village', () => {
  it('refuses a template with an unknown placeholder, naming it; previews and saves a village type', async () => {
    const body = (template: string) => new URLSearchParams({ _csrf: op.csrf, code: 'ket_ahli_waris', title: 'Surat Keterangan Ahli Waris', classification: '474.3', template, fields: 'pewaris; Nama pewaris; text; wajib', requirements: 'Fotokopi KK', validity_days: '30', rule: 'subject_alive', online: 'on', active: 'on', do: 'save' });
    const post = (template: string, doWhat = 'save') => { const b = body(template); b.set('do', doWhat); return op.request(`/desa/${V}/surat/jenis/baru`, { method: 'POST', body: b, headers: { 'content-type': 'application/x-www-form-urlencoded' } }); };
    const bad = await post('Ahli waris dari {{isian.pewaris}} adalah {{penduduk.gaji}}.');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('{{penduduk.gaji}}'.replace(/[{}]/g, '') ? 'penduduk.gaji' : '');
    const preview = await post('Ahli waris dari {{isian.pewaris}} adalah {{penduduk.nama}} <script>alert(1)</script>.', 'preview');
    const html = await preview.text();
    expect(html).toContain('Ahli waris dari [Nama pewaris] adalah BUDI SANTOSO');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect((await post('Ahli waris dari {{isian.pewaris}} adalah {{penduduk.nama}}.')).status).toBe(303);
    const r = await family();
    const res = await request(op, { type: 'ket_ahli_waris', nik: r.nik, fields: { pewaris: 'Almarhum Sutrisno' } });
    expect(res.status).toBe(201);
  });

  it('counts per letter type and year when the village says so', async () => {
    const save = await sekdes.json('PUT', `${api}/letter-settings`, { number_pattern: '{klasifikasi}/{jenis}-{nomor:4}/{kode_desa}/{tahun}', number_scope: 'type_year', paper: 'F4', citizen_download: true, staff_number_label: 'NIPD' });
    expect(save.status).toBe(200);
    const a = await issued('biodata', { keperluan: 'Melamar kerja' });
    const b = await issued('biodata', { keperluan: 'Melamar kerja' });
    const year = new Date().getFullYear();
    expect(a.sign.number).toBe(`471/BIODATA-0001/1809102004/${year}`);
    expect(b.sign.number).toBe(`471/BIODATA-0002/1809102004/${year}`);
    const pdf = Buffer.from(await (await op.get(`${api}/letters/${b.id}/pdf`)).arrayBuffer()).toString('latin1');
    expect(pdf).toMatch(/MediaBox \[0 0 609\.4\d* 935\.4\d*\]/); // F4: 215 × 330 mm
    const bad = await sekdes.json('PUT', `${api}/letter-settings`, { number_pattern: '{klasifikasi}/{kode_desa}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD' });
    expect((await bad.json()).error).toMatchObject({ field: 'number_pattern' });
    await sekdes.json('PUT', `${api}/letter-settings`, { number_pattern: '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD' });
  });
});

describe('numbers under concurrency', () => {
  it('signing 200 letters at the same moment gives 200 unique numbers without gaps', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = await family();
      const res = await request(op, { type: 'skck', nik: r.nik, fields: { keperluan: 'Melamar kerja' } });
      const id = (await res.json()).data.id;
      await step(op, id, 'check');
      ids.push(id);
    }
    const before = await t.db.kysely.selectFrom('letter_counters').select('last_number').where('village_code', '=', V).where('scope_key', '=', String(new Date().getFullYear())).executeTakeFirst();
    const results: { data: { number: string } }[] = await Promise.all(ids.map(async (id) => (await step(sekdes, id, 'sign')).json()));
    const running = results.map((r) => Number(r.data.number.split('/')[1])).sort((a, b) => a - b);
    const start = (before?.last_number ?? 0) + 1;
    expect(running).toEqual(Array.from({ length: 200 }, (_, i) => start + i));
  }, 120_000);
});

describe('archive and figures', () => {
  it('the archive page lists issued letters, searches by name and exports to Excel', async () => {
    const { sign, resident } = await issued();
    const page = await (await op.get(`/desa/${V}/surat?status=issued&q=${encodeURIComponent(`Warga Uji ${resident.nik.slice(-4)}`)}`)).text();
    expect(page).toContain(sign.number);
    const xlsx = await op.get(`/desa/${V}/surat/arsip.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('letters per type and day are there for the dashboards, without personal data', async () => {
    const figures = (await (await t.login('telukpandan')).get(`${api}/letter-figures`)).json();
    const data = (await figures).data;
    const sktm = data.byType.find((x: any) => x.type_code === 'sktm');
    expect(sktm.issued).toBeGreaterThan(0);
    expect(JSON.stringify(data)).not.toMatch(/1809\d{12}|Warga Uji/);
    expect(data.medianHoursToReady).toBeGreaterThanOrEqual(0);
  });
});

const SETTINGS = { number_pattern: '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD', checker_may_sign: false };
const settings = async (change: Partial<typeof SETTINGS>) => expect((await sekdes.json('PUT', `${api}/letter-settings`, { ...SETTINGS, ...change })).status).toBe(200);
const requested = async (type: string, fields: Record<string, string>, r?: { nik: string }) => {
  const res = await request(op, { type, nik: (r ?? (await family())).nik, fields });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).data.id as number;
};
const letterOf = async (id: number) => (await (await op.get(`${api}/letters/${id}`)).json()).data;

describe('only officials sign, each letter names a person', () => {
  it('an operator account never signs; an account linked to no official neither', async () => {
    const id = await requested('sktm', { keperluan: 'Beasiswa' });
    expect((await step(op, id, 'check')).status).toBe(200);
    expect((await step(op, id, 'sign')).status).toBe(403);
    // A secretary-role account that stands for no recorded official.
    expect((await kades.post('/api/v1/accounts', { username: 'sekdes2.hanura', full_name: 'Akun Sekretariat', role: 'village_secretary', region_code: V, password: 'Balai-Uji-Sekretariat-2026' })).status).toBe(201);
    const unlinked = await t.login('sekdes2.hanura', 'Balai-Uji-Sekretariat-2026');
    const refused = await step(unlinked, id, 'sign');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toContain('tidak ditautkan ke pejabat desa');
  });

  it('the secretary signs a.n. the head; the letter and /v say "Sekretaris Desa, a.n. Kepala Desa"', async () => {
    const { sign, id } = await issued('domisili', { keperluan: 'Melamar kerja' });
    expect(sign.sign_mode).toBe('an');
    expect((await letterOf(id)).issued.signature).toMatchObject({ mode: 'an', signerName: 'Siti Rahmawati', signerTitle: 'Sekretaris Desa', staffNumber: '0012' });
    const html = await (await t.anonymous.get(`/v/${sign.verify_code}`)).text();
    expect(html).toContain('Siti Rahmawati, Sekretaris Desa, a.n. Kepala Desa Hanura');
  });

  it('an official the head names signs u.b., by name and position; only the head names them', async () => {
    const rudi = await t.db.kysely.selectFrom('village_officials').selectAll().where('village_code', '=', V).where('name', '=', 'Rudi Hartono').executeTakeFirstOrThrow();
    expect((await kades.post('/api/v1/accounts', { username: 'kaur.hanura', full_name: 'Rudi Hartono', role: 'village_secretary', region_code: V, password: 'Balai-Uji-Kaur-Umum-2026' })).status).toBe(201);
    const account = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'kaur.hanura').executeTakeFirstOrThrow();
    const form = { name: rudi.name, staff_number: '0015', position: 'kaur', position_title: rudi.position_title, user_id: String(account.id), active: 'on' };
    // The secretary may keep the record but not take away (or give) the u.b. authority.
    expect((await sekdes.form(`/desa/${V}/perangkat/${rudi.id}`, form)).status).toBe(403);
    const saved = await sekdes.form(`/desa/${V}/perangkat/${rudi.id}`, { ...form, signs_ub: 'on' });
    expect(saved.status).toBe(303);
    const kaur = await t.login('kaur.hanura', 'Balai-Uji-Kaur-Umum-2026');
    const { id, sign } = await issued('biodata', { keperluan: 'Melamar kerja' }, kaur);
    expect(sign.sign_mode).toBe('ub');
    expect((await letterOf(id)).issued.signature).toMatchObject({ mode: 'ub', headTitle: 'Kepala Desa Hanura', secretaryTitle: 'Sekretaris Desa', signerTitle: 'Kaur Umum dan Perencanaan', signerName: 'Rudi Hartono' });
    const v = (await (await t.anonymous.get(`/api/v1/letters/verify/${sign.verify_code}`)).json()).data;
    expect(v.signer.line).toBe('Rudi Hartono, Kaur Umum dan Perencanaan, u.b. Sekretaris Desa, a.n. Kepala Desa Hanura');
    // The head withdraws it: the same account no longer signs.
    expect((await kades.form(`/desa/${V}/perangkat/${rudi.id}`, form)).status).toBe(303);
    const next = await requested('biodata', { keperluan: 'Melamar kerja' });
    await step(op, next, 'check');
    expect((await (await step(kaur, next, 'sign')).json()).error.message).toContain('tidak berwenang');
    const page = await (await kades.get(`/desa/${V}/perangkat`)).text();
    expect(page).toContain('Rudi Hartono');
    expect(page).toContain('Siti Rahmawati');
  });

  it('the one who checked does not sign, unless the village chose so; then one action checks and signs', async () => {
    const id = await requested('sktm', { keperluan: 'Beasiswa' });
    expect((await step(sekdes, id, 'check')).status).toBe(200);
    const same = await step(sekdes, id, 'sign');
    expect(same.status).toBe(403);
    expect((await same.json()).error.message).toContain('Anda sendiri yang memeriksa');
    const other = await requested('sktm', { keperluan: 'Beasiswa' });
    expect((await sekdes.form(`/desa/${V}/surat/${other}/terbitkan`, {})).status).toBe(403);
    await settings({ checker_may_sign: true });
    try {
      expect((await step(sekdes, id, 'sign')).status).toBe(200);
      const page = await (await sekdes.get(`/desa/${V}/surat/${other}`)).text();
      expect(page).toContain('Periksa dan tanda tangani');
      const done = await sekdes.form(`/desa/${V}/surat/${other}/terbitkan`, {});
      expect(done.status).toBe(303);
      const l = await letterOf(other);
      expect(l.letter).toMatchObject({ status: 'signed', sign_mode: 'an' });
      expect(l.steps.map((s: any) => [s.step, s.by])).toEqual([['requested', 'Operator Desa Hanura'], ['checked', 'Siti Rahmawati'], ['signed', 'Siti Rahmawati']]);
    } finally {
      await settings({});
    }
  });
});

describe('the signer reads the letter before signing', () => {
  it('the check and sign pages show the exact text and layout, without a number', async () => {
    const areas = await t.db.kysely.selectFrom('village_areas').select(['id', 'name', 'parent_id', 'level']).where('village_code', '=', V).execute();
    const dusun = areas.find((a) => a.level === 'dusun' && a.name === 'Dusun I')!;
    const rt = areas.find((a) => a.level === 'rt' && a.parent_id === dusun.id && a.name === '001')!;
    const r = await family({ address: 'Dusun I, RT 001', area_id: rt.id });
    const id = await requested('domisili', { keperluan: 'Melamar kerja' }, r);
    for (const [who, client] of [['operator', op], ['secretary', sekdes]] as const) {
      const html = await (await client.get(`/desa/${V}/surat/${id}`)).text();
      expect(html, who).toContain('Pratinjau surat');
      expect(html).toContain('SURAT KETERANGAN DOMISILI');
      expect(html).toContain('(nomor diberikan saat ditandatangani)');
      // One address, said once (it printed "Dusun I, RT 001, Dusun Dusun I, RT 001").
      expect(html).toContain(': Dusun I, RT 001</td>');
      expect(html).toContain(': Laki-laki</td>');
      expect(html).toContain('Kode Pos 35450 · Telepon 0721-000000 · Pos-el desa.hanura@example.id');
    }
    // The secretary sees it signed as she will sign it.
    expect(await (await sekdes.get(`/desa/${V}/surat/${id}`)).text()).toMatch(/a\.n\. Kepala Desa Hanura<br\/?>Sekretaris Desa<br\/?>/);
    await step(op, id, 'check');
    const signed = (await (await step(sekdes, id, 'sign')).json()).data;
    const l = await letterOf(id);
    expect(l.issued.identity).toContainEqual(['Alamat', 'Dusun I, RT 001']);
    expect(l.issued.identity).toContainEqual(['Jenis Kelamin', 'Laki-laki']);
    expect(l.issued.letterhead.contact).toBe('Kode Pos 35450 · Telepon 0721-000000 · Pos-el desa.hanura@example.id');
    const after = await (await sekdes.get(`/desa/${V}/surat/${id}`)).text();
    expect(after).not.toContain('Pratinjau surat');
    expect(after).toContain(signed.number);
  });
});

describe('Surat Pindah and the crowd permit', () => {
  async function familyOfThree() {
    const head = await family();
    const members = [];
    for (const [i, rel] of [[1, 3], [2, 4]] as const) {
      // Women born 1 January 1990: day + 40 in the NIK.
      const nik = `180910410190${String(5000 + nextNik++).padStart(4, '0')}`;
      const res = await op.post(`${api}/residents`, { name: `Pengikut ${i} ${head.nik.slice(-4)}`, sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1990-01-01', nik, family_id: head.familyId, family_relation: rel, marital_status: 2 });
      expect(res.status, await res.clone().text()).toBe(201);
      members.push({ id: (await res.json()).data.id as number, nik });
    }
    return { head, members };
  }
  const move = { alamat_tujuan: 'Jl. Merdeka 1, Bandar Lampung', tingkat_pindah: 'Antar kabupaten dalam satu provinsi', alasan: 'Pekerjaan', tanggal_pindah: '2025-03-01' };
  const status = async (id: number) => (await (await op.get(`${api}/residents/${id}`)).json()).data.resident.life_status;

  it('"seluruh anggota keluarga" moves every member in the same transaction and lists them on the letter', async () => {
    const { head, members } = await familyOfThree();
    const id = await requested('pindah', { ...move, jenis_kepindahan: 'Kepala keluarga dan seluruh anggota keluarga' }, head);
    await step(op, id, 'check');
    expect((await step(sekdes, id, 'sign')).status).toBe(200);
    for (const who of [head.id, ...members.map((m) => m.id)]) expect(await status(who)).toBe(3);
    const text = (await letterOf(id)).issued.paragraphs.join(' ');
    expect(text).toContain('jumlah pengikut 2 orang');
    expect(text).toContain(`Anggota keluarga yang ikut pindah: 1. Pengikut 1 ${head.nik.slice(-4)} (NIK ${members[0]!.nik})`);
  });

  it('chosen members only; a NIK outside the family is refused, naming the field', async () => {
    const { head, members } = await familyOfThree();
    const wrong = await request(op, { type: 'pindah', nik: head.nik, fields: { ...move, jenis_kepindahan: 'Kepala keluarga dan sebagian anggota keluarga', pengikut: '1809109999990000' } });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toMatchObject({ field: 'isian.pengikut' });
    const id = await requested('pindah', { ...move, jenis_kepindahan: 'Kepala keluarga dan sebagian anggota keluarga', pengikut: members[1]!.nik }, head);
    await step(op, id, 'check');
    expect((await step(sekdes, id, 'sign')).status).toBe(200);
    expect([await status(head.id), await status(members[0]!.id), await status(members[1]!.id)]).toEqual([3, 1, 3]);
  });

  it('a crowd permit stays valid through the date of the event', async () => {
    const event = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await issued('keramaian', { nama_acara: 'Hajatan pernikahan', tanggal_acara: event, tempat_acara: 'Rumah warga' });
    expect((await letterOf(id)).letter.valid_until).toBe(event);
  });
});
