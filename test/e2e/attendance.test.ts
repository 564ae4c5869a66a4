import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInWib } from '../../src/platform/format/format.js';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * Staff attendance and the guest book in Chromium on 360-px phones: the operator checks in and
 * out for the day from the phone; the secretary checks in too, then finds both on the day's page
 * and in the month's recap; the operator writes a guest into the guest book and finds them again.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const HANURA = '18.09.10.2004';

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}

/** The demo's days (the five workdays before today) that fall in this month. */
function demoDaysThisMonth(): number {
  const today = todayInWib();
  const days: string[] = [];
  for (let d = new Date(`${today}T00:00:00Z`); days.length < 5; ) {
    d = new Date(d.getTime() - 86_400_000);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5) days.push(d.toISOString().slice(0, 10));
  }
  return days.filter((d) => d.startsWith(today.slice(0, 7))).length;
}

describe('staff attendance and the guest book on a phone', () => {
  it('officials check in and out for the day, the recap shows it; a guest is written in and found', async () => {
    const op = await phone();
    await logIn(op, BASE, 'hanura');
    await op.getByRole('link', { name: 'Kehadiran: absen masuk dan pulang' }).click();
    await phoneReady(op);
    await submit(op, 'Absen masuk');
    expect(await op.locator('.notice.ok').textContent()).toContain('Absen masuk tercatat pukul');
    await phoneReady(op);
    await submit(op, 'Absen pulang');
    expect(await op.locator('.notice.ok').textContent()).toContain('Absen pulang tercatat pukul');
    expect(await op.locator('main').textContent()).toContain('Absen hari ini sudah lengkap.');
    await phoneReady(op);

    const sec = await phone();
    await logIn(sec, BASE, 'sekdes.hanura');
    await sec.getByRole('link', { name: 'Kehadiran: absen masuk dan pulang' }).click();
    await submit(sec, 'Absen masuk');
    expect(await sec.locator('.notice.ok').textContent()).toContain('Absen masuk tercatat');
    // The day: both officials with the times they took on their phones.
    await sec.getByRole('link', { name: 'Kehadiran per hari' }).click();
    await phoneReady(sec);
    const operatorRow = sec.locator('tr', { hasText: 'Operator Desa Hanura' });
    expect(await operatorRow.locator('td').nth(2).textContent()).toContain('(HP)');
    expect(await operatorRow.locator('td').nth(3).textContent()).toContain('(HP)');
    expect(await sec.locator('tr', { hasText: 'Siti Rahmawati' }).locator('td').nth(2).textContent()).toContain('(HP)');
    // The month: the operator's days present, today's among them.
    await sec.getByRole('link', { name: 'Rekap kehadiran bulanan' }).click();
    await phoneReady(sec);
    const recapRow = sec.locator('tr', { hasText: 'Operator Desa Hanura' });
    expect(Number(await recapRow.locator('td').nth(2).textContent())).toBe(demoDaysThisMonth() + 1);
    await sec.context().close();

    // The guest book, from the home page.
    await op.goto(`${BASE}/`);
    await op.getByRole('link', { name: 'Buku tamu' }).click();
    await phoneReady(op);
    const form = op.locator('form', { has: op.getByRole('button', { name: 'Simpan' }) });
    await form.getByLabel('Nama tamu *').fill('Yusuf Maulana');
    await form.getByLabel(/^Asal/).fill('Puskesmas Hanura');
    await form.getByLabel('Keperluan *').fill('Koordinasi imunisasi anak');
    await form.getByRole('combobox', { name: /^Bertemu dengan/ }).selectOption({ label: 'Ahmad Suhendra · Kepala Desa' });
    await form.getByLabel(/^Nomor HP/).fill('0813 1234 5678');
    await submit(op, 'Simpan', form);
    expect(await op.locator('.notice.ok').textContent()).toContain('Tamu tercatat');
    await phoneReady(op);
    await op.getByLabel(/^Cari/).fill('puskesmas');
    await submit(op, 'Cari');
    await phoneReady(op);
    const found = await op.locator('main').textContent();
    expect(found).toContain('1 tamu');
    expect(found).toContain('Yusuf Maulana');
    expect(found).toContain('0813*****678'); // the operator sees it masked
    await op.context().close();
  });
});
