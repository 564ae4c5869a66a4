import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2001'; // Batu Menyan: activated, no residents
let t: TestApp;
let op: Client;
beforeAll(async () => {
  t = await createTestApp();
  op = await t.login('batumenyan');
});
afterAll(() => t.close());

const base = { name: 'Sulastri', sex: '2', religion: '1', birth_place: 'Pesawaran', birth_date: '1975-04-14', nik: '1871015404750001', kk_number: '1871010101750001' };

describe('population pages, as an operator uses them', () => {
  let id: string;

  it('registers a resident from the form, and keeps what was typed when the NIK is wrong', async () => {
    const bad = await op.form(`/desa/${V}/penduduk/baru`, { ...base, nik: '187101540475' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('NIK harus 16 digit (yang diisi 12 digit).');
    expect(html).toContain('value="Sulastri"');
    expect(html).toContain('aria-invalid="true"');
    const ok = await op.form(`/desa/${V}/penduduk/baru`, base);
    expect(ok.status).toBe(303);
    id = ok.headers.get('location')!.match(/penduduk\/(\d+)/)![1]!;
    const page = await (await op.get(ok.headers.get('location')!)).text();
    expect(page).toContain('Data penduduk disimpan.');
    expect(page).toContain('1871015404750001');
    expect(page).toContain('14 April 1975');
    expect(page).toContain('KEPALA KELUARGA');
  });

  it('adds a member to the family by its KK number, and a birth from the family page that takes the family\'s area, address and parents', async () => {
    const member = await op.form(`/desa/${V}/penduduk/baru`, { ...base, name: 'Bagus', sex: '1', nik: '1871011010000001', birth_date: '2000-10-10', kk_number: '', family_kk: '1871010101750001', family_relation: '4' });
    expect(member.status).toBe(303);
    const family = await (await op.get(`/desa/${V}/keluarga`)).text();
    const familyUrl = family.match(/href="(\/desa\/18\.09\.10\.2001\/keluarga\/\d+)"/)![1]!;
    const familyId = familyUrl.split('/').pop()!;
    await t.db.kysely.updateTable('families_rows').set({ address: 'Jl. Raya Batu Menyan No. 5' }).where('village_code', '=', V).where('id', '=', Number(familyId)).execute();
    const form = await (await op.get(familyUrl)).text();
    // the mother is preselected from the card: Sulastri heads the family and is the only woman
    expect(form).toMatch(/<select name="mother_id">.*<option value="\d+" selected="">Sulastri<\/option>/s);
    expect(form).toContain('Ikut keluarga: Jl. Raya Batu Menyan No. 5.');
    const motherId = form.match(/<option value="(\d+)" selected="">Sulastri<\/option>/)![1]!;
    const birth = await op.form(`/desa/${V}/kelahiran`, { family_id: familyId, name: 'Cahaya', sex: '2', birth_date: '2026-11-10', religion: '1', temporary_nik: 'on', family_relation: '6', father_id: '', mother_id: motherId });
    expect(birth.status).toBe(303);
    expect(birth.headers.get('location')).toMatch(/\/penduduk\/\d+\?ok=lahir$/);
    const babyId = birth.headers.get('location')!.match(/penduduk\/(\d+)/)![1]!;
    const page = await (await op.get(birth.headers.get('location')!)).text();
    expect(page).toContain('Kelahiran dicatat.');
    expect(page).toContain(`href="/desa/${V}/surat/baru?jenis=kelahiran&amp;penduduk=${babyId}"`);
    const baby = await t.db.kysely.selectFrom('residents').select(['address', 'marital_status', 'education_kk', 'family_relation', 'mother_name', 'mother_nik', 'father_name'])
      .where('village_code', '=', V).where('id', '=', Number(babyId)).executeTakeFirstOrThrow();
    expect(baby).toEqual({ address: 'Jl. Raya Batu Menyan No. 5', marital_status: 1, education_kk: 1, family_relation: 6, mother_name: 'Sulastri', mother_nik: '1871015404750001', father_name: null });
    const members = await (await op.get(familyUrl)).text();
    expect(members).toContain('Bagus');
    expect(members).toContain('Cahaya');
  });

  it('finds a resident by a misspelt name on the list page', async () => {
    const html = await (await op.get(`/desa/${V}/penduduk?q=sulastry`)).text();
    expect(html).toContain(`href="/desa/${V}/penduduk/${id}"`);
  });

  it('records the death of a family head: a check first, the new head on the spot, then the death letter; a refresh repeats nothing', async () => {
    const step = await op.form(`/desa/${V}/penduduk/${id}/peristiwa/kematian`, { date: '2026-11-15', place: 'RSUD Pesawaran', cause: 'Sakit', reporter_name: 'Bagus', reporter_relation: 'Anak', idempotency_key: 'death-sulastri' });
    expect(step.status).toBe(200);
    const check = await step.text();
    expect(check).toContain('Kematian tidak dapat dibatalkan');
    expect(check).toContain('<button type="submit">Catat kematian</button>');
    expect(check).toContain('name="new_head_id" required');
    // nothing is recorded by the first step
    expect((await t.db.kysely.selectFrom('residents').select('life_status').where('village_code', '=', V).where('id', '=', Number(id)).executeTakeFirstOrThrow()).life_status).toBe(1);
    const confirm = { date: '2026-11-15', place: 'RSUD Pesawaran', cause: 'Sakit', reporter_name: 'Bagus', reporter_relation: 'Anak', idempotency_key: 'death-sulastri', confirm: '1' };
    const noHead = await op.form(`/desa/${V}/penduduk/${id}/peristiwa/kematian`, confirm);
    expect(noHead.status).toBe(400);
    expect(await noHead.text()).toContain('Kolom Kepala keluarga baru wajib diisi.');
    const bagus = check.match(/<option value="(\d+)">Bagus \(ANAK\)<\/option>/)![1]!;
    const done = await op.form(`/desa/${V}/penduduk/${id}/peristiwa/kematian`, { ...confirm, new_head_id: bagus });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/desa/${V}/penduduk/${id}?ok=kematian`);
    const html = await (await op.get(done.headers.get('location')!)).text();
    expect(html).toContain('Kematian dicatat.');
    expect(html).toContain(`href="/desa/${V}/surat/baru?jenis=kematian&amp;penduduk=${id}"`);
    expect(html).toMatch(/Kepala keluarga sekarang: <a href="\/desa\/18\.09\.10\.2001\/penduduk\/\d+">Bagus<\/a>/);
    expect(html).toContain('15 November 2026</strong> — Meninggal: RSUD Pesawaran · Sakit · Bagus · Anak');
    // the browser offers to send the last post again: the same key records nothing twice and shows no error
    const again = await op.form(`/desa/${V}/penduduk/${id}/peristiwa/kematian`, { ...confirm, new_head_id: bagus });
    expect(again.status).toBe(303);
    const deaths = await t.db.kysely.selectFrom('population_events').select('id').where('village_code', '=', V).where('resident_id', '=', Number(id)).where('kind', '=', 'death').execute();
    expect(deaths).toHaveLength(1);
  });

  it('answers every other population form with a redirect, so a refresh shows the page again', async () => {
    const other = await op.form(`/desa/${V}/penduduk/baru`, { ...base, name: 'Pergi Sebentar', nik: '1871015404760002', birth_date: '1976-04-14', kk_number: '1871010101760002' });
    const otherId = other.headers.get('location')!.match(/penduduk\/(\d+)/)![1]!;
    const away = await op.form(`/desa/${V}/penduduk/${otherId}/peristiwa/pergi`, { date: '2026-11-01', note: 'Merantau' });
    expect(away.status).toBe(303);
    expect(await (await op.get(away.headers.get('location')!)).text()).toContain('Peristiwa dicatat.');
    const fix = await op.form(`/desa/${V}/penduduk/${otherId}/koreksi`, { birth_place: 'Gedong Tataan', reason: 'Sesuai akta' });
    expect(fix.status).toBe(303);
    expect(await (await op.get(fix.headers.get('location')!)).text()).toContain('Data penduduk disimpan.');
  });

  it('corrects data with a reason and lists who opened the record', async () => {
    const res = await op.form(`/desa/${V}/penduduk/${id}/koreksi`, { name: 'Sulastri Handayani', reason: 'Nama sesuai KTP' });
    expect(res.status).toBe(303);
    expect(await (await op.get(res.headers.get('location')!)).text()).toContain('Sulastri → Sulastri Handayani (Nama sesuai KTP)');
    const log = await (await op.get(`/desa/${V}/penduduk/${id}/akses`)).text();
    expect(log).toContain('batumenyan');
    expect(log).toContain('resident.read');
  });
});

describe('resident photo', () => {
  it('accepts a PNG checked by content, serves it only to the village, and logs each view', async () => {
    const r = await op.form(`/desa/${V}/penduduk/baru`, { ...base, name: 'Berfoto', nik: '1871010505050001', birth_date: '2005-05-05', sex: '1', kk_number: '1871010101050001' });
    const id = r.headers.get('location')!.match(/penduduk\/(\d+)/)![1]!;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1d0e00000000049454e44ae426082', 'hex');
    const form = new FormData();
    form.set('_csrf', op.csrf);
    form.set('photo', new File([png], 'foto.png', { type: 'image/png' }));
    expect((await op.request(`/desa/${V}/penduduk/${id}/foto`, { method: 'POST', body: form })).status).toBe(303);
    const photo = await op.get(`/desa/${V}/penduduk/${id}/foto`);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
    expect((await t.anonymous.get(`/desa/${V}/penduduk/${id}/foto`)).status).toBe(401);
    expect((await (await t.login('hanura')).get(`/desa/${V}/penduduk/${id}/foto`)).status).toBe(403);
    const html = new FormData();
    html.set('_csrf', op.csrf);
    html.set('photo', new File(['<script>alert(1)</script>'], 'x.png', { type: 'image/png' }));
    expect((await op.request(`/desa/${V}/penduduk/${id}/foto`, { method: 'POST', body: html })).status).toBe(415);
    const log = await t.db.kysely.selectFrom('audit_log').select('action').where('subject', '=', `resident:${id}`).where('action', '=', 'resident.photo_read').execute();
    expect(log).toHaveLength(1);
  });
});
