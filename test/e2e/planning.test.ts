import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn as logInAs, pageWidth, useE2E } from '../support/e2e-server.js';
import { httpLogin } from '../support/server-process.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const logIn = (page: Page, username: string) => logInAs(page, BASE, username);
const fits = pageWidth;

describe('village plans in Chromium', () => {
  it('the secretary writes an RPJMDes on a phone, the head adopts it, and the RKPDes takes its year from it', async () => {
    const secretary = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logIn(secretary, 'sekdes.hanura');
    await secretary.getByRole('link', { name: 'Perencanaan (RPJMDes, RKPDes)' }).click();
    expect(await fits(secretary)).toBeLessThanOrEqual(360);
    // After the demo's RPJMDes (last year and five more): the next term.
    const first = new Date().getUTCFullYear() + 5;
    await secretary.getByLabel('Jenis rencana').selectOption('rpjmdes');
    await secretary.getByLabel(/^Tahun pertama/).fill(String(first));
    await secretary.getByLabel('Masa RPJMDes').selectOption('6');
    await secretary.getByLabel('Visi').fill('Desa yang maju dan sehat');
    await secretary.getByLabel(/^Misi/).fill('1. Jalan yang baik\n2. Warga sehat');
    await secretary.getByRole('button', { name: 'Mulai', exact: true }).click();
    await expect.poll(() => secretary.locator('.notice.ok').textContent()).toContain(`RPJMDes ${first}–${first + 5} (murni) dimulai`);

    const add = async (a: { activity: string; description: string; location: string; volume: string; who: string; cost: string; years: number[] }) => {
      await secretary.getByLabel(/^Kegiatan \(bidang/).selectOption(a.activity);
      await secretary.getByLabel('Uraian kegiatan').fill(a.description);
      await secretary.getByLabel(/^Lokasi/).fill(a.location);
      await secretary.getByLabel('Perkiraan volume').fill(a.volume);
      await secretary.getByLabel('Perkiraan biaya (Rp)').fill(a.cost);
      await secretary.getByLabel('Sasaran/penerima manfaat').fill(a.who);
      for (const y of a.years) await secretary.getByLabel(String(y), { exact: true }).check();
      await secretary.getByLabel('Sumber dana').selectOption('DDS');
      await secretary.getByRole('button', { name: 'Tambah', exact: true }).click();
    };
    // No year ticked: refused, naming the field, with what was typed kept.
    await add({ activity: '2.3.10', description: 'Rabat beton jalan Dusun III', location: 'Dusun III', volume: '800 m', who: '210 KK', cost: '400.000.000', years: [] });
    await expect.poll(() => secretary.locator('.notice.error').textContent()).toContain('Kolom Tahun pelaksanaan');
    expect(await secretary.getByLabel('Uraian kegiatan').inputValue()).toBe('Rabat beton jalan Dusun III');
    await secretary.getByLabel(String(first), { exact: true }).check();
    await secretary.getByRole('button', { name: 'Tambah', exact: true }).click();
    await expect.poll(() => secretary.locator('.notice').first().textContent()).toBe('Tersimpan.');
    await add({ activity: '2.2.02', description: 'Makanan tambahan balita', location: 'Posyandu', volume: '60 balita', who: 'Balita', cost: '18.000.000', years: [first, first + 1] });
    await expect.poll(() => secretary.locator('.notice').first().textContent()).toBe('Tersimpan.');
    expect(await secretary.locator('main').textContent()).toContain('Rp418.000.000');
    // The activities are cards on the phone: nothing wider than the screen.
    expect(await fits(secretary)).toBeLessThanOrEqual(360);
    const planUrl = secretary.url().split('?')[0]!;

    const head = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await logIn(head, 'kades.hanura');
    const adopt = async (url: string, number: string) => {
      await head.goto(url);
      await head.getByLabel('Nomor Peraturan Desa').fill(number);
      await head.getByLabel('Tanggal Peraturan Desa').fill(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10));
      await head.getByRole('button', { name: 'Tetapkan rencana' }).click();
      await expect.poll(() => head.locator('p strong').first().textContent()).toBe('Ditetapkan (berlaku)');
    };
    await adopt(planUrl, `3 Tahun ${first}`);

    // The RKPDes of the first year: its activities come from the RPJMDes.
    await secretary.goto(`${BASE}/desa/18.09.10.2004/perencanaan`);
    await secretary.getByLabel('Jenis rencana').selectOption('rkpdes');
    await secretary.getByLabel(/^Tahun pertama/).fill(String(first));
    await secretary.getByRole('button', { name: 'Mulai', exact: true }).click();
    await secretary.getByRole('button', { name: 'Ambil kegiatan' }).click();
    await expect.poll(() => secretary.locator('main').textContent()).toContain('Kegiatan (2) · Jumlah Rp418.000.000');
    await adopt(secretary.url().split('?')[0]!, `4 Tahun ${first - 1}`);
    await secretary.goto(`${BASE}/desa/18.09.10.2004/perencanaan`);
    expect(await secretary.locator('main').textContent()).toContain(`RKPDes ${first}`);
    expect(await fits(secretary)).toBeLessThanOrEqual(360);
  });

  it('a citizen proposes from a phone; the secretary runs the Musdes with 30 attendees from the register and prints its minutes', async () => {
    const citizen = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await citizen.goto(`${BASE}/warga/masuk`);
    await citizen.getByLabel('NIK').fill('1809101708859901');
    await citizen.getByLabel('PIN').fill('246810');
    await citizen.getByRole('button', { name: 'Masuk' }).click();
    await citizen.getByRole('link', { name: 'Usulan pembangunan desa' }).click();
    await citizen.getByLabel('Bidang').selectOption('3');
    await citizen.getByLabel('Usulan kegiatan').fill('Lampu jalan di gang masjid');
    await citizen.getByLabel(/^Lokasi/).fill('Dusun II RT 001');
    await citizen.getByLabel('Siapa yang mendapat manfaat').fill('Warga RT 001');
    await citizen.getByRole('button', { name: 'Kirim usulan' }).click();
    await expect.poll(() => citizen.locator('.notice.ok').textContent()).toContain('Usulan terkirim');
    expect(await citizen.locator('main').textContent()).toContain('Menunggu dibahas dalam Musdes');
    expect(await fits(citizen)).toBeLessThanOrEqual(360);

    // Thirty adults from the register, as the sign-in sheet lists them.
    const op = await httpLogin(BASE, 'hanura');
    const residents = (await (await op.get('/api/v1/villages/18.09.10.2004/residents?per_page=60&age_min=25')).json()).data as { nik: string }[];
    const sheet = residents.slice(0, 30).map((r, i) => (i === 0 ? `${r.nik}, Ketua BPD` : r.nik));
    expect(sheet).toHaveLength(30);

    const secretary = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await logIn(secretary, 'sekdes.hanura');
    await secretary.getByRole('link', { name: 'Usulan dan musyawarah (Musdes)' }).click();
    await expect.poll(() => secretary.locator('main').textContent()).toContain('Lampu jalan di gang masjid');
    await secretary.locator('main table').last().getByRole('link').first().click();
    await secretary.getByLabel(/^NIK peserta/).fill(sheet.join('\n'));
    await secretary.getByRole('button', { name: 'Tambahkan' }).click();
    await expect.poll(() => secretary.locator('main h2', { hasText: 'Daftar hadir' }).textContent()).toMatch(/^Daftar hadir \(30:/);
    expect(await fits(secretary)).toBeLessThanOrEqual(360);
    // Scores for every proposal: the first gets most.
    const scores = secretary.locator('form[action$="/skor"] input[type=number]');
    const n = await scores.count();
    for (let i = 0; i < n; i++) await scores.nth(i).fill(String(30 - i));
    await secretary.getByRole('button', { name: 'Simpan skor' }).click();
    await expect.poll(() => secretary.locator('.notice').first().textContent()).toBe('Tersimpan.');
    await secretary.getByLabel('Notulen/hasil musyawarah', { exact: true }).fill('Musyawarah dibuka Kepala Desa.\nPeserta menyepakati urutan prioritas.');
    await secretary.getByRole('button', { name: 'Simpan notulen' }).click();
    await expect.poll(() => secretary.locator('.notice').first().textContent()).toBe('Tersimpan.');
    await secretary.getByRole('button', { name: 'Tutup dan tetapkan' }).click();
    await expect.poll(() => secretary.locator('main p strong').first().textContent()).toBe('Ditutup');
    expect(await secretary.locator('main').textContent()).toContain('Daftar prioritas');
    const pdfUrl = await secretary.getByRole('link', { name: 'Cetak berita acara (PDF)' }).getAttribute('href');
    const pdf = await secretary.request.get(`${BASE}${pdfUrl}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(((await pdf.body()).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(await fits(secretary)).toBeLessThanOrEqual(360);

    await citizen.reload();
    expect(await citizen.locator('main').textContent()).toMatch(/Masuk daftar prioritas Musdes, urutan ke-\d|Sudah dibahas Musdes/);
  });
});
