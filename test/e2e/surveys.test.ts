import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * The village data bank in Chromium on a 360-px phone: the operator copies the housing
 * questionnaire from its template, adds a question, opens it, fills it for ten households one
 * after the other ("Simpan dan lanjut"), and reads the counts in the results' bars and tables.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(30_000);
  return context.newPage();
}

describe('the village data bank on a phone', () => {
  it('builds a questionnaire, fills it for 10 households and charts it', async () => {
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await Promise.all([op.waitForURL(/\/survei$/), op.getByRole('link', { name: 'Survei dan bank data desa' }).click()]);
    await phoneReady(op);

    // Copy the housing template: a draft with its questions.
    await submit(op, 'Salin: Kondisi rumah');
    await phoneReady(op);
    expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan');
    expect(await op.locator('ol.cards > li').count()).toBe(11);

    // Add a number question.
    await op.locator('summary', { hasText: 'Tambah pertanyaan' }).click();
    const add = op.locator('form', { has: op.getByRole('button', { name: 'Tambah pertanyaan' }) });
    await add.getByLabel('Pertanyaan *').fill('Jumlah kendaraan bermotor');
    await add.getByLabel('Jenis jawaban *').selectOption('number');
    await add.getByLabel(/^Satuan angka/).fill('unit');
    await add.getByLabel('Nilai terkecil').fill('0');
    await add.getByLabel('Nilai terbesar').fill('20');
    await submit(op, 'Tambah pertanyaan', add);
    await phoneReady(op);
    expect(await op.locator('ol.cards > li').count()).toBe(12);
    expect(await op.locator('ol.cards > li').last().textContent()).toContain('Jumlah kendaraan bermotor');

    // Open it: the page says the types are fixed from now on.
    await submit(op, 'Buka untuk pengisian');
    await phoneReady(op);
    expect(await op.locator('main').textContent()).toContain('Jenis pertanyaan tidak dapat diubah lagi');

    // Fill: the households not yet filled, the first one, then "Simpan dan lanjut" for the next nine.
    await Promise.all([op.waitForURL(/\/isi$/), op.locator('p.links').getByRole('link', { name: 'Isi', exact: true }).click()]);
    await phoneReady(op);
    expect(await op.locator('.survey-progress').textContent()).toMatch(/^0 dari \d+ subjek terisi lengkap$/);
    await op.getByLabel('Keadaan').selectOption('belum');
    await submit(op, 'Tampilkan');
    await Promise.all([op.waitForURL(/\/isi\/\d+$/), op.locator('ul.cards > li a').first().click()]);
    const filled: string[] = [];
    for (let i = 0; i < 10; i++) {
      await phoneReady(op);
      filled.push(new URL(op.url()).pathname);
      const question = (start: string) => op.locator('fieldset', { hasText: start });
      await question('1. Jenis lantai terluas').getByLabel(i < 6 ? 'Keramik/marmer/granit' : 'Tanah', { exact: true }).check();
      await question('2. Jenis dinding terluas').getByLabel('Tembok', { exact: true }).check();
      await question('3. Jenis atap terluas').getByLabel(i % 2 === 0 ? 'Genteng' : 'Seng', { exact: true }).check();
      await op.getByLabel(/^12\. Jumlah kendaraan bermotor/).fill(String(i % 3));
      await submit(op, 'Simpan dan lanjut ke berikutnya');
      expect(await op.locator('.notice.ok').textContent()).toContain('Tersimpan lengkap');
    }
    expect(new Set(filled).size).toBe(10);

    // The progress and the results.
    await Promise.all([op.waitForURL(/\/isi$/), op.getByRole('link', { name: 'Pengisian: Kondisi rumah' }).click()]);
    await phoneReady(op);
    expect(await op.locator('.survey-progress').textContent()).toMatch(/^10 dari \d+ subjek terisi lengkap$/);
    await Promise.all([op.waitForURL(/\/hasil$/), op.locator('p.links').getByRole('link', { name: 'Hasil', exact: true }).click()]);
    await phoneReady(op);
    const main = (await op.locator('main').textContent())!.replace(/\s+/g, ' ');
    expect(main).toContain('10 responden, 10 lengkap');
    const floor = op.locator('section.survey-question', { hasText: '1. Jenis lantai terluas' });
    expect((await floor.locator('.survey-bars').textContent())!.replace(/\s+/g, ' ')).toContain('Keramik/marmer/granit: 6');
    expect((await floor.locator('.survey-bars').textContent())!.replace(/\s+/g, ' ')).toContain('Tanah: 4');
    expect(await floor.locator('svg[role=img]').count()).toBe(6);
    const roof = op.locator('section.survey-question', { hasText: '3. Jenis atap terluas' });
    expect((await roof.locator('.survey-bars').textContent())!.replace(/\s+/g, ' ')).toContain('Genteng: 5');
    // 0,1,2,0,1,2,0,1,2,0: ten answered, 9 units in all.
    const vehicles = op.locator('section.survey-question', { hasText: '12. Jumlah kendaraan bermotor' });
    expect(await vehicles.locator('tfoot td').allTextContents()).toEqual(['10', '9', '0,9']);
    // By RT, still fitting the phone.
    await Promise.all([op.waitForURL(/per=rt/), op.getByRole('link', { name: 'Per RT' }).click()]);
    await phoneReady(op);
    expect(await op.locator('main').textContent()).toContain('RT');
    await op.context().close();
  });
});
