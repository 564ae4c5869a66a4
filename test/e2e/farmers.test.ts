import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The farmer card's "done when", in Chromium on 360-px phones: Hanura's operator forms two Poktan
 * and registers 20 farmers with their parcels and this season's rice; the PPL drafts each group's
 * RDKK and submits it, the district verifies, the regency's agriculture office approves; the
 * demo kiosk redeems against three cards, and a redemption beyond the allocation is refused with
 * what is left named; the province's dashboard shows the redeemed kilograms and share.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const PHONE = { width: 360, height: 740 };
const GROUPS = ['Poktan Tani Harapan', 'Poktan Sido Makmur'];

/** A phone logged in through the login form, landing on `next` (a kiosk's home is /kios, not /). */
async function phone(username: string, next = '/'): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  if (next === '/') {
    await logIn(page, BASE, username);
    return page;
  }
  await page.goto(`${BASE}/masuk?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('balai-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(`${BASE}${next}`);
  return page;
}
const notice = async (page: Page) => ((await page.locator('.notice').first().textContent()) ?? '').replace(/\s+/g, ' ');
/** "1.234,5" → 1234.5 */
const number = (s: string) => Number(s.trim().replace(/\./g, '').replace(',', '.'));

/** Urea redeemed and allocated this year on the province's farmer dashboard ("170 / 2.705 6,3%"). */
async function provinceUrea(page: Page) {
  await page.goto(`${BASE}/pantau/18/petani`);
  const text = (await page.locator('dt', { hasText: 'Urea: ditebus / alokasi (kg)' }).locator('xpath=following-sibling::dd[1]').textContent())!.replace(/\s+/g, ' ').trim();
  const [redeemed, rest] = text.split(' / ');
  return { redeemed: number(redeemed!), allocated: number(rest!.split(' ')[0]!), text };
}

describe('the farmer card in Chromium', () => {
  it('registers 20 farmers in two Poktan, takes their RDKK through the district and the regency, and lets a kiosk redeem within the allocation', { timeout: 600_000 }, async () => {
    const province = await phone('provinsi');
    const before = await provinceUrea(province);

    // 1. The operator forms two Poktan and registers 20 residents as farmers, ten in each.
    const op = await phone('hanura');
    await op.getByRole('link', { name: 'Petani dan kelompok tani (Kartu Petani)' }).click();
    await op.waitForURL(`${BASE}/desa/${HANURA}/petani`);
    await phoneReady(op);
    const groupIds: string[] = [];
    for (const name of GROUPS) {
      await op.goto(`${BASE}/desa/${HANURA}/petani/poktan`);
      const form = op.locator('form', { has: op.getByRole('heading', { name: 'Bentuk kelompok' }) });
      await form.getByLabel(/^Nama/).fill(name);
      await submit(op, 'Simpan', form);
      expect(await notice(op)).toContain('Tersimpan');
      groupIds.push(/poktan\/(\d+)/.exec(op.url())![1]!);
    }
    // Residents' NIKs as the operator's own API gives them (the operator may see them whole).
    const res = await op.request.get(`${BASE}/api/v1/villages/${HANURA}/residents?per_page=100&page=3`);
    expect(res.status()).toBe(200);
    const niks = ((await res.json()).data as { nik: string }[]).map((r) => r.nik);
    const registered: string[] = [];
    const cards: string[] = [];
    for (const nik of niks) {
      if (registered.length === 20) break;
      await op.goto(`${BASE}/desa/${HANURA}/petani`);
      const form = op.locator('form', { has: op.getByRole('heading', { name: 'Daftarkan petani' }) });
      await form.getByLabel(/^NIK penduduk desa/).fill(nik);
      await form.getByLabel('Masuk Poktan').selectOption({ label: GROUPS[registered.length % 2]! });
      await form.getByLabel(/^Luas \(ha/).fill('0,5');
      await form.getByLabel('Komoditas').selectOption('padi');
      await submit(op, 'Simpan', form);
      // A resident the demo already made a farmer is refused by name; the next one is tried.
      if (/\/petani\/\d+/.test(op.url())) {
        registered.push(nik);
        // The farmer's page shows the card's number, as printed under its QR.
        if (cards.length < 3) cards.push(/([A-Z2-9]{5}-[A-Z2-9]{5})/.exec((await op.locator('main dl').first().textContent())!)![1]!);
      } else expect(await notice(op)).toMatch(/sudah terdaftar sebagai petani|tidak ada penduduk/);
    }
    expect(registered).toHaveLength(20);
    await phoneReady(op);
    await op.goto(`${BASE}/desa/${HANURA}/petani/poktan/${groupIds[0]}`);
    expect(await op.getByRole('table', { name: 'Anggota saat ini' }).locator('tbody tr').count()).toBe(10);
    await phoneReady(op);

    // 2. The PPL drafts each group's RDKK and submits it.
    const ppl = await phone('ppl.telukpandan');
    const plans: string[] = [];
    for (const id of groupIds) {
      await ppl.goto(`${BASE}/desa/${HANURA}/petani/poktan/${id}`);
      await ppl.locator('form', { has: ppl.getByRole('heading', { name: 'Susun RDKK tahun' }) }).getByRole('button').click();
      await ppl.waitForURL(/\/petani\/rdkk\/\d+/);
      plans.push(/rdkk\/(\d+)/.exec(ppl.url())![1]!);
      // 10 members × 0,5 ha of rice × 200 kg urea per ha.
      expect(await ppl.locator('dl.figures').textContent()).toContain('1.000');
      await phoneReady(ppl);
      await submit(ppl, 'Ajukan ke kecamatan');
      expect(await ppl.locator('main').textContent()).toContain('Diajukan ke kecamatan');
    }

    // 3. The district verifies both from its queue; the regency approves them.
    const district = await phone('telukpandan');
    await district.goto(`${BASE}/pantau/18.09.10/rdkk`);
    await phoneReady(district);
    for (const name of GROUPS) expect(await district.getByRole('link', { name: new RegExp(name) }).count()).toBe(1);
    for (const plan of plans) {
      await district.goto(`${BASE}/desa/${HANURA}/petani/rdkk/${plan}`);
      await submit(district, 'Verifikasi (kecamatan)');
      expect(await district.locator('main').textContent()).toContain('Diverifikasi kecamatan');
    }
    const regency = await phone('distan.pesawaran');
    for (const plan of plans) {
      await regency.goto(`${BASE}/desa/${HANURA}/petani/rdkk/${plan}`);
      await submit(regency, 'Setujui (Dinas Pertanian kabupaten)');
      const text = (await regency.locator('main').textContent())!.replace(/\s+/g, ' ');
      expect(text).toContain('Disetujui kabupaten (berlaku)');
      expect(text).toContain('oleh Bambang Wijaya');
      await phoneReady(regency);
    }

    // 4. The kiosk redeems against three cards, typing the number printed on each.
    const kiosk = await phone('kios.hanura', '/kios');
    await phoneReady(kiosk);
    for (const card of cards) {
      await kiosk.goto(`${BASE}/kios`);
      await kiosk.getByLabel('Nomor kartu tani').fill(card.toLowerCase());
      await submit(kiosk, 'Cari kartu');
      await phoneReady(kiosk);
      expect(await kiosk.getByRole('table', { name: 'Sisa (kg)' }).textContent()).toContain('100');
      await kiosk.getByLabel('Urea (kg)').fill('40');
      await submit(kiosk, 'Simpan penebusan');
      expect(kiosk.url()).toMatch(/\/kios\/struk\//);
      expect(await kiosk.locator('main').textContent()).toContain('40');
      await phoneReady(kiosk);
    }
    // Beyond what is left (60 kg): refused as a whole, naming what is left.
    await kiosk.goto(`${BASE}/kios/kartu/${cards[0]!.replace('-', '')}`);
    await kiosk.getByLabel('Urea (kg)').fill('75');
    await submit(kiosk, 'Simpan penebusan');
    expect(await notice(kiosk)).toContain('sisa alokasi Urea musim ini 60 kg; yang diminta 75 kg. Tidak ada yang dicatat.');
    await kiosk.goto(`${BASE}/kios/laporan`);
    expect(await kiosk.getByRole('table', { name: 'Laporan harian kios' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(3);

    // 5. The province sees the 120 kg among the redeemed, against the 2.000 kg newly allocated.
    const after = await provinceUrea(province);
    expect(after.redeemed - before.redeemed).toBe(120);
    expect(after.allocated - before.allocated).toBe(2000);
    expect(after.text).toMatch(/\d+(,\d)?%/);
    await phoneReady(province);
  });
});
