import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { STATE_PAID_OCCUPATIONS } from '../../src/modules/assistance/rules.js';
import { logIn, pageWidth, submit, useE2E } from '../support/e2e-server.js';

/**
 * Social assistance's "done when", in Chromium, on a 360-px phone: Hanura's operator makes two
 * households from family cards, imports a DTSEN file of 2,000 NIKs (most of them nobody in the
 * register, three living in Batu Menyan), builds this year's BLT Dana Desa list from the
 * register, has the musdesus adopt it and records three monthly payouts. Batu Menyan's operator
 * then finds one of those households' cards in her village and is refused, naming Hanura; the
 * district sees the counts and not the list.
 *
 * This year's BLT list stays well under the demo APBDes's set-aside (30 households × 12 months):
 * the DTSEN file ranks ten households, and the village criteria add a few more.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const BATU_MENYAN = '18.09.10.2001';
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10); // today in WIB, as the server counts
const YEAR = Number(TODAY.slice(0, 4));
const PHONE = { width: 360, height: 740 };
/** A day of this year, or today when that day is still to come (a payout is never dated ahead). */
const dayOfYear = (month: number, day: number) => {
  const d = `${YEAR}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return d < TODAY ? d : TODAY;
};
const masked = (nik: string) => `${nik.slice(0, 4)}********${nik.slice(12)}`;

async function phonePage(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logIn(page, BASE, username);
  return { context, page };
}


const notice = (page: Page) => page.locator('.notice').first().textContent();
const status = (page: Page) => page.locator('main p strong').first().textContent();
const mainText = async (page: Page) => (await page.locator('main').textContent())!;

/** The figures box of a page as label → value. */
async function figures(page: Page): Promise<Map<string, string>> {
  const box = page.locator('main dl.figures').first();
  const labels = await box.locator('dt').allTextContents();
  const values = await box.locator('dd').allTextContents();
  return new Map(labels.map((l, i) => [l.trim(), values[i]!.trim()]));
}

interface Person { nik: string; name: string; family_relation: number | null; life_status: number; kk_number: string }
interface Household { number: number; kks: string[]; head: Person }

/**
 * A NIK the civil registry could have issued in Teluk Pandan that nobody in the demo holds: the
 * generator's serials stop at 9588, so 96xx (nobody) and 97xx (Batu Menyan's newcomers) are free.
 */
const nobody = (i: number) => {
  const day = 1 + (i % 28) + (i % 2 === 1 ? 40 : 0);
  const month = 1 + (Math.floor(i / 28) % 12);
  return `180910${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}70${9601 + Math.floor(i / 336)}`;
};
const NEWCOMERS = [
  { name: 'Rudi Hartono', sex: 1, birth_date: '1980-02-03', nik: '1809100302809701', kk_number: '1809101505249701' },
  { name: 'Sumarni', sex: 2, birth_date: '1984-07-12', nik: '1809105207849702', kk_number: '1809101505249702' },
  { name: 'Joko Susilo', sex: 1, birth_date: '1976-11-25', nik: '1809102511769703', kk_number: '1809101505249703' },
];

describe('social assistance in Chromium', () => {
  it('the operator builds this year\'s BLT list from the register and a DTSEN file, the musdesus adopts it and three months are paid; Batu Menyan cannot list the same household; the district sees counts only', async () => {
    const { page: op } = await phonePage('hanura');
    const { page: batu } = await phonePage('batumenyan');
    const fits = async (page: Page) => expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    const api = async <T,>(page: Page, path: string): Promise<T> => {
      const res = await page.request.get(`${BASE}${path}`);
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };
    const peopleOfCard = async (kk: string) =>
      (await api<{ data: Person[] }>(op, `/api/v1/villages/${HANURA}/residents?q=${kk}`)).data.filter((p) => p.kk_number === kk);

    // What the register knows, read as the operator may: the cards already in a household (from
    // the household pages), the cards of anyone paid by the state (the BLT rules leave them out).
    const inHouseholds: Omit<Household, 'head'>[] = [];
    for (let page = 1; ; page++) {
      const list = await (await op.request.get(`${BASE}/desa/${HANURA}/rumah-tangga?page=${page}`)).text();
      const ids = [...new Set([...list.matchAll(/\/rumah-tangga\/(\d+)"/g)].map((m) => m[1]!))];
      for (const id of ids) {
        const detail = await (await op.request.get(`${BASE}/desa/${HANURA}/rumah-tangga/${id}`)).text();
        const number = Number(/Rumah tangga No\. (\d+)/.exec(detail)![1]);
        const kks = [...detail.matchAll(/KK (\d{16})/g)].map((m) => m[1]!);
        inHouseholds.push({ number, kks });
      }
      if (!list.includes('Berikutnya')) break;
    }
    const officialCards = new Set<string>();
    for (const code of STATE_PAID_OCCUPATIONS) {
      const found = await api<{ data: Person[] }>(op, `/api/v1/villages/${HANURA}/residents?field=occupation&value=${code}&per_page=200`);
      for (const p of found.data) officialCards.add(p.kk_number);
    }
    const carded = new Set(inHouseholds.flatMap((h) => h.kks));
    const headOf = async (kk: string) => (await peopleOfCard(kk)).find((p) => p.family_relation === 1 && p.life_status === 1);

    // Two cards of no household and no official, each with its head living.
    const families = (await api<{ data: { kk_number: string; head_id: number | null }[] }>(op, `/api/v1/villages/${HANURA}/families`)).data;
    const fresh: { kk: string; head: Person }[] = [];
    for (const f of families) {
      if (fresh.length === 2) break;
      if (carded.has(f.kk_number) || officialCards.has(f.kk_number) || f.head_id === null) continue;
      const head = await headOf(f.kk_number);
      if (head) fresh.push({ kk: f.kk_number, head });
    }
    expect(fresh).toHaveLength(2);
    // Eight existing households of no official, by their first (main) card's head.
    const existing: Household[] = [];
    for (const h of inHouseholds) {
      if (existing.length === 8) break;
      if (h.kks.some((kk) => officialCards.has(kk))) continue;
      const head = await headOf(h.kks[0]!);
      if (head) existing.push({ ...h, head });
    }
    expect(existing).toHaveLength(8);

    // 1. Two households from family cards, on the phone.
    await op.getByRole('link', { name: 'Rumah tangga', exact: true }).click();
    await fits(op);
    const before = Number(await op.locator('dl.figures dd').first().textContent());
    expect(before).toBe(inHouseholds.length);
    const created: Household[] = [];
    for (const [i, f] of fresh.entries()) {
      await op.getByLabel(/^Nomor KK/).fill(f.kk);
      await op.getByLabel(/^Alamat/).fill(`Dusun ${i === 0 ? 'II' : 'III'}, RT 00${i + 1}`);
      await submit(op, 'Buat');
      await expect.poll(() => notice(op)).toBe('Tersimpan.');
      expect(await mainText(op)).toContain(`KK ${f.kk}`);
      await fits(op);
      const number = Number(/Rumah tangga No\. (\d+)/.exec((await op.locator('h1').textContent())!)![1]);
      created.push({ number, kks: [f.kk], head: f.head });
      await op.getByRole('link', { name: 'Semua rumah tangga' }).click();
      await fits(op);
    }
    expect(Number(await op.locator('dl.figures dd').first().textContent())).toBe(before + 2);

    // 2. The DTSEN file: ten of Hanura's heads ranked 1–4, three people now living in Batu Menyan,
    // and 1,987 NIKs nobody in the register holds — 2,000 rows.
    for (const person of NEWCOMERS) {
      const res = await batu.request.post(`${BASE}/api/v1/villages/${BATU_MENYAN}/residents`, { data: { ...person, religion: 1, birth_place: 'Pesawaran' } });
      expect(res.status(), await res.text()).toBe(201);
    }
    const ranked = [
      ...created.map((h, i) => ({ ...h, desil: i + 1 })),
      ...existing.map((h, i) => ({ ...h, desil: (i % 4) + 1 })),
    ];
    const rows: [string, number][] = Array.from({ length: 2000 - ranked.length - NEWCOMERS.length }, (_, i) => [nobody(i), 1 + (i % 10)]);
    // Spread through the file, as the social office's export lists them.
    ranked.forEach((r, i) => rows.splice(150 * i + 7, 0, [r.head.nik, r.desil]));
    NEWCOMERS.forEach((p, i) => rows.splice(600 * i + 300, 0, [p.nik, 2]));
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map(([nik]) => nik)).size).toBe(2000);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('DTSEN');
    sheet.addRow(['NIK', 'DESIL']);
    for (const [nik, desil] of rows) sheet.addRow([nik, desil]);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());

    await op.goto(`${BASE}/`);
    await op.getByRole('link', { name: 'Bantuan sosial', exact: true }).click();
    await fits(op);
    await op.getByRole('link', { name: 'Impor dan lihat data desil (DTSEN/DTKS)' }).click();
    await fits(op);
    await op.getByLabel(/^Berkas/).setInputFiles({ name: 'dtsen-hanura.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await submit(op, 'Periksa berkas');
    await expect.poll(() => op.locator('main h2').first().textContent()).toBe('Hasil pemeriksaan: dtsen-hanura.xlsx');
    const found = await figures(op);
    expect(found.get('Baris di berkas')).toBe('2.000');
    expect(found.get('Cocok dengan penduduk desa ini (akan disimpan)')).toBe(String(ranked.length));
    expect(found.get('NIK tidak ada di data penduduk desa ini')).toBe('1.987');
    expect(found.get('NIK tercatat tinggal di desa lain (tidak disimpan; nama desanya tidak ditampilkan)')).toBe('3');
    const preview = await mainText(op);
    expect(preview).toContain('NIK tidak ada di data penduduk desa ini: 1.987');
    for (const p of NEWCOMERS) expect(preview).toContain(masked(p.nik));
    expect(preview).not.toContain('Batu Menyan');
    expect(await op.content()).not.toContain('Batu Menyan');
    for (const r of ranked) expect(preview).not.toContain(r.head.nik);
    await fits(op);
    await submit(op, 'Impor: ganti data desil desa ini');
    await expect.poll(() => notice(op)).toBe('Data desil tersimpan.');
    // The list in use: the ten ranks, the earlier demo list replaced whole.
    const perDesil = op.getByRole('table', { name: 'Data yang berlaku' }).locator('tbody tr');
    const counts = await Promise.all((await perDesil.all()).map(async (row) => (await row.locator('td').allTextContents()).map((t) => t.trim())));
    expect(counts).toEqual([1, 2, 3, 4].map((d) => [String(d), String(ranked.filter((r) => r.desil === d).length)]));
    await fits(op);

    // 3. This year's BLT Dana Desa, the form as it comes (BLT) but for the year; the list from the register.
    await op.getByRole('link', { name: 'Bantuan sosial', exact: true }).click();
    await fits(op);
    expect(await op.getByLabel(/^Jenis bantuan/).inputValue()).toBe('BLT-DD');
    expect(await op.getByLabel(/^Nama program/).inputValue()).toBe('BLT Dana Desa');
    await op.getByLabel(/^Tahun/).fill(String(YEAR));
    await submit(op, 'Buat program');
    await expect.poll(() => op.locator('h1').textContent()).toBe(`BLT Dana Desa ${YEAR} · Hanura`);
    const programmeUrl = op.url().split('?')[0]!;
    expect(await status(op)).toBe('Disusun');
    await fits(op);
    await submit(op, 'Susun daftar calon dari data penduduk');
    await expect.poll(() => notice(op)).toMatch(/^\d+ calon ditambahkan ke daftar\. 0 yang memenuhi syarat sudah menerima program ini tahun ini di desa lain/);
    const list = op.getByRole('table', { name: 'Daftar penerima' }).locator('tbody tr');
    const listed = await list.count();
    expect(Number((await notice(op))!.split(' ')[0])).toBe(listed);
    expect(listed).toBeGreaterThanOrEqual(ranked.length);
    expect(listed).toBeLessThanOrEqual(30);
    for (const r of ranked) {
      const row = list.filter({ hasText: `No. ${r.number} · ` });
      expect(await row.count(), `household ${r.number}`).toBe(1);
      const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
      expect(cells[2]).toBe(masked(r.head.nik));
      expect(cells[4]).toMatch(new RegExp(`^desil ${r.desil}\\b`));
      expect(cells[5]).toBe(r.desil === 1 ? '1' : '2');
    }
    const shownList = await mainText(op);
    for (const r of ranked) expect(shownList).not.toContain(r.head.nik);
    expect(shownList).toMatch(/1809\*{8}\d{4}/);
    await fits(op);

    // 4. The musdesus: opened from the programme, attendance and minutes on its meeting page, the list adopted back here.
    await op.getByLabel(/^Tanggal/).fill(dayOfYear(1, 10));
    await op.getByLabel(/^Tempat/).fill('Balai Desa Hanura');
    await submit(op, 'Buka musdesus');
    await expect.poll(() => notice(op)).toBe('Tersimpan.');
    await fits(op);
    await op.getByRole('link', { name: /^Halaman musdesus: daftar hadir dan notulen/ }).click();
    await expect.poll(() => op.locator('h1').textContent()).toBe(`Musdesus penetapan penerima BLT Dana Desa ${YEAR} · Hanura`);
    await fits(op);
    const attendees = existing.slice(0, 3).map((h) => h.head.nik);
    await op.getByLabel(/^NIK peserta/).fill(`${attendees[0]}, Ketua BPD\n${attendees[1]}, Kepala Dusun I\n${attendees[2]}`);
    await submit(op, 'Tambahkan');
    await expect.poll(() => op.locator('main h2', { hasText: 'Daftar hadir' }).textContent()).toMatch(/^Daftar hadir \(3: \d laki-laki, \d perempuan\)$/);
    expect(await op.getByRole('table', { name: 'Daftar hadir' }).locator('tbody tr').count()).toBe(3);
    await op.getByLabel('Notulen/hasil musyawarah', { exact: true }).fill(
      `Daftar calon BLT Dana Desa ${YEAR} dibacakan oleh operator desa.\nPeserta menyepakati daftar tanpa perubahan.`,
    );
    await submit(op, 'Simpan notulen');
    await expect.poll(() => notice(op)).toBe('Tersimpan.');
    await fits(op);
    // The meeting page does not close a musdesus: it sends back to the programme.
    expect(await op.getByRole('button', { name: 'Tutup dan tetapkan' }).count()).toBe(0);
    await op.getByRole('link', { name: 'Daftar calon penerima bantuan yang dibahas, dan penetapannya' }).click();
    await op.waitForURL(programmeUrl);
    await fits(op);
    await submit(op, 'Tetapkan daftar penerima (musdesus selesai)');
    await expect.poll(() => status(op)).toBe('Ditetapkan musdesus');
    expect(await notice(op)).toBe('Tersimpan.');
    expect((await figures(op)).get('Di daftar')).toBe(String(listed));
    expect(await op.getByRole('link', { name: 'Berita acara (PDF)' }).count()).toBe(1);
    await fits(op);

    // 5. Three months paid: signatures on the receipt list, the second month with one absent, the third photographed.
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#8a7f6a' } }).jpeg({ quality: 70 }).toBuffer();
    const pay = async (period: number, proof: 'signature' | 'photo', absent = '') => {
      expect(await op.getByLabel(/^Periode/).inputValue()).toBe(String(period));
      await op.getByLabel(/^Tanggal/).fill(dayOfYear(period, 25));
      await op.getByLabel(/^Bukti/).selectOption({ label: proof === 'photo' ? 'Foto' : 'Tanda tangan di daftar penerimaan' });
      if (proof === 'photo') await op.getByLabel('Foto bukti').setInputFiles({ name: 'penyerahan-blt.jpg', mimeType: 'image/jpeg', buffer: photo });
      // Who did not come: their numbers on the list, as on the signed receipt list.
      await op.getByLabel(/^Tidak hadir \/ belum menerima/).fill(absent);
      await submit(op, 'Catat penyaluran');
      await expect.poll(() => notice(op)).toBe('Tersimpan.');
      await fits(op);
    };
    await pay(1, 'signature');
    // The second new household's head did not come in the second month.
    // The second new household did not come: named by its household number.
    await pay(2, 'signature', String(created[1]!.number));
    await pay(3, 'photo');
    const payouts = op.getByRole('table', { name: 'Penyaluran' }).locator('tbody tr');
    expect(await payouts.count()).toBe(3);
    const rupiah = (n: number) => `Rp${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
    const payoutRows = (await payouts.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(payoutRows[0]).toContain('Bulan ke-1');
    expect(payoutRows[0]).toContain(rupiah(300_000 * listed));
    expect(payoutRows[0]).toContain('Tanda tangan di daftar penerimaan');
    expect(payoutRows[1]).toContain('Bulan ke-2');
    expect(payoutRows[1]).toContain(rupiah(300_000 * (listed - 1)));
    expect(payoutRows[2]).toContain('Bulan ke-3');
    const photoLink = payouts.nth(2).getByRole('link', { name: 'Foto' });
    const shot = await op.request.get(`${BASE}${await photoLink.getAttribute('href')}`);
    expect(shot.headers()['content-type']).toBe('image/jpeg');
    expect((await sharp(await shot.body()).metadata()).width).toBeLessThanOrEqual(1280);

    // 6. Batu Menyan: the first new household's card turns up there (carried over). Its household
    // is made, but it cannot go on Batu Menyan's BLT list: Hanura pays it this year.
    const moved = created[0]!;
    const headThere = await batu.request.post(`${BASE}/api/v1/villages/${BATU_MENYAN}/residents`, {
      data: { name: 'Lestari Handayani', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1975-05-05', nik: '1809104505759704', kk_number: moved.kks[0] },
    });
    expect(headThere.status(), await headThere.text()).toBe(201);
    await batu.getByRole('link', { name: 'Rumah tangga', exact: true }).click();
    await fits(batu);
    await batu.getByLabel(/^Nomor KK/).fill(moved.kks[0]!);
    await submit(batu, 'Buat');
    await expect.poll(() => notice(batu)).toBe('Tersimpan.');
    await fits(batu);
    const numberThere = Number(/Rumah tangga No\. (\d+)/.exec((await batu.locator('h1').textContent())!)![1]);
    await batu.goto(`${BASE}/`);
    await batu.getByRole('link', { name: 'Bantuan sosial', exact: true }).click();
    await fits(batu);
    await batu.getByLabel(/^Tahun/).fill(String(YEAR));
    await submit(batu, 'Buat program');
    await expect.poll(() => batu.locator('h1').textContent()).toBe(`BLT Dana Desa ${YEAR} · Batu Menyan`);
    await fits(batu);
    const addForm = batu.locator('form', { has: batu.getByRole('heading', { name: 'Tambah nama ke daftar' }) });
    await addForm.getByLabel(/^Nomor rumah tangga/).fill(String(numberThere));
    await addForm.getByLabel(/^Alasan/).selectOption({ label: 'kehilangan mata pencaharian' });
    await addForm.getByLabel(/^Catatan/).fill('Pindahan dari desa tetangga, belum bekerja');
    await submit(batu, 'Tambah');
    await expect.poll(() => batu.locator('.notice.error').textContent()).toContain(`sudah menerima BLT Dana Desa tahun ${YEAR} di Desa Hanura.`);
    const refused = await batu.content();
    for (const r of ranked) {
      expect(refused).not.toContain(r.head.nik);
      expect(refused).not.toContain(masked(r.head.nik));
    }
    // No NIK at all, whole or masked: the refusal names the village, nobody in it.
    expect(await mainText(batu)).not.toMatch(/\d{16}|\d{4}\*{8}\d{4}/);
    expect(await batu.getByText('Daftar masih kosong.').count()).toBe(1);
    await fits(batu);

    // 7. The district: the counts on its dashboard, the list itself out of reach.
    const districtContext = await browser.newContext({ viewport: { width: 1024, height: 800 } });
    const district = await districtContext.newPage();
    await logIn(district, BASE, 'telukpandan');
    await district.goto(`${BASE}/pantau/18.09.10/penduduk`);
    const aid = district.locator('section', { has: district.getByRole('heading', { name: `Bantuan sosial tahun ini (${YEAR})` }) });
    const blt = (await aid.getByRole('table', { name: 'Bantuan sosial tahun ini', exact: true }).locator('tbody tr', { hasText: 'BLT-DD' }).locator('td').allTextContents()).map((t) => t.trim());
    expect(blt).toEqual(['BLT-DD', String(listed), '3', rupiah(300_000 * (3 * listed - 1))]);
    const dashboard = (await district.locator('main').textContent())!;
    for (const r of ranked) {
      expect(dashboard).not.toContain(r.head.nik);
      expect(dashboard).not.toContain(masked(r.head.nik));
    }
    const forbidden = await district.goto(`${BASE}/desa/${HANURA}/bansos`);
    expect(forbidden!.status()).toBe(403);
    await districtContext.close();
  }, 120_000);
});
