import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { officerPage, pageWidth, useE2E } from '../support/e2e-server.js';

let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';
const fitsPhone = pageWidth;
/** The value shown beside a label on the resident page. */
const shown = (page: Page, label: string) => page.locator('dt', { hasText: label }).first().locator('xpath=following-sibling::dd[1]').textContent();

/** A generated family with a head, a spouse and at least one child. */
async function familyWithChildren(page: Page): Promise<string> {
  await page.goto(`${BASE}/desa/${HANURA}/keluarga`);
  const links = await page.locator(`a[href^="/desa/${HANURA}/keluarga/"]`).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  for (const href of links) {
    await page.goto(`${BASE}${href}`);
    const relations = await page.locator('tbody tr').allTextContents();
    if (relations.some((r) => r.includes('ISTRI')) && relations.some((r) => r.includes('ANAK'))) return href;
  }
  throw new Error('no family with a wife and a child');
}

describe('daily population work on a 360-px phone', () => {
  let familyUrl: string;

  it('registers a newborn into a family: area, address, parents and status come from the card, and the birth letter is offered', async () => {
    const page = await officerPage({ base: BASE, browser }, 'hanura');
    await page.setViewportSize({ width: 360, height: 740 });
    familyUrl = await familyWithChildren(page);
    const head = (await page.locator('tbody tr', { hasText: 'KEPALA KELUARGA' }).locator('a').textContent())!.trim();
    const wife = (await page.locator('tbody tr', { hasText: 'ISTRI' }).first().locator('a').textContent())!.trim();

    await page.getByText('Catat kelahiran di keluarga ini').click();
    // the parents are preselected from the card
    expect(await page.getByLabel('Ayah').locator('option:checked').textContent()).toBe(head);
    expect(await page.getByLabel('Ibu').locator('option:checked').textContent()).toBe(wife);
    expect(await page.getByLabel('Hubungan dalam keluarga *').locator('option:checked').textContent()).toBe('ANAK');
    await page.getByLabel('Nama *').fill('Bayi Percobaan');
    await page.getByLabel('Jenis kelamin *').selectOption({ label: 'PEREMPUAN' });
    await page.getByLabel('Tanggal *').fill('2026-11-20');
    expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Catat kelahiran' }).click();

    await expect.poll(() => page.locator('.notice.ok').textContent()).toBe('Kelahiran dicatat.');
    expect(await shown(page, 'Status perkawinan')).toBe('BELUM KAWIN');
    expect(await shown(page, 'Pendidikan (dalam KK)')).toBe('TIDAK / BELUM SEKOLAH');
    expect(await shown(page, 'Nama ayah')).toBe(head);
    expect(await shown(page, 'Nama ibu')).toBe(wife);
    expect(await shown(page, 'Dusun/RW/RT')).toMatch(/^Dusun /);
    expect(await shown(page, 'Alamat')).not.toBe('—');
    expect(await fitsPhone(page)).toBeLessThanOrEqual(360);

    await page.getByRole('link', { name: 'Buat Surat Keterangan Kelahiran' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Surat Keterangan Kelahiran');
    expect(await page.locator('main').textContent()).toContain('Bayi Percobaan');
    await page.close();
  });

  it('records the death of a family head: a check first, the new head chosen there, the death letter offered, and a refresh shows no error', async () => {
    const page = await officerPage({ base: BASE, browser }, 'hanura');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${BASE}${familyUrl}`);
    const wife = (await page.locator('tbody tr', { hasText: 'ISTRI' }).first().locator('a').textContent())!.trim();
    await page.locator('tbody tr', { hasText: 'KEPALA KELUARGA' }).locator('a').click();

    await page.locator('summary', { hasText: 'Kematian' }).click();
    await page.getByLabel('Tempat', { exact: true }).fill('Rumah');
    await page.getByLabel('Sebab').fill('Sakit');
    await page.getByLabel('Pelapor', { exact: true }).fill(wife);
    await page.getByLabel('Hubungan pelapor').selectOption('Istri');
    await page.getByRole('button', { name: 'Lanjut: periksa sebelum dicatat' }).click();

    // the check: nothing recorded yet, the new head asked for on the spot
    await expect.poll(() => page.locator('.notice.warn').textContent()).toContain('Kematian tidak dapat dibatalkan');
    expect(await fitsPhone(page)).toBeLessThanOrEqual(360);
    await page.getByLabel('Kepala keluarga baru *').selectOption({ label: `${wife} (ISTRI)` });
    await page.getByRole('button', { name: 'Catat kematian' }).click();

    await expect.poll(() => page.locator('.notice.ok').textContent()).toBe('Kematian dicatat.');
    expect(await page.locator('.next-step').textContent()).toContain(`Kepala keluarga sekarang: ${wife}`);
    expect(await page.locator('p.summary strong').textContent()).toBe('MATI');
    const letter = page.getByRole('link', { name: 'Buat Surat Keterangan Kematian' });
    expect(await letter.count()).toBe(1);

    // POST/redirect/GET: a refresh reloads the page, it does not post the death again
    const again = await page.reload();
    expect(again!.status()).toBe(200);
    expect(await page.locator('.notice.error').count()).toBe(0);
    expect(await fitsPhone(page)).toBeLessThanOrEqual(360);

    await letter.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Surat Keterangan Kematian');
    // the letter starts from what was recorded, with the same list of relations
    expect(await page.getByLabel('Hubungan pelapor').locator('option:checked').textContent()).toBe('Istri');
    await page.close();
  });
});
