import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, phoneReady, submit, useE2E } from '../support/e2e-server.js';

/**
 * API tokens in Chromium on a 360-px phone: the regency officer makes a read-only token for
 * Kabupaten Pesawaran, sees its secret once, a program reads the regency's figures with it, the
 * officer revokes it (confirming first) and the program's next request is refused.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}
const adoption = (secret: string) => fetch(`${BASE}/api/v1/monitoring/regions/18.09/adoption`, { headers: { authorization: `Bearer ${secret}` } });

describe('API tokens on a phone', () => {
  it('the regency officer creates a token, sees it once, and revokes it', { timeout: 180_000 }, async () => {
    const p = await phone();
    await logIn(p, BASE, 'pesawaran');
    await p.getByRole('link', { name: 'Token API untuk program lain' }).click();
    await p.waitForURL(`${BASE}/akun/token`);
    await phoneReady(p);
    const form = p.locator('form', { has: p.getByRole('button', { name: 'Buat token' }) });
    await form.getByLabel('Nama token').fill('Dasbor Bappeda Pesawaran');
    expect(await form.getByLabel(/^Wilayah/).inputValue()).toBe('18.09');
    // Read-only permissions come ticked; a write does not.
    expect(await form.getByRole('checkbox', { name: /Dasbor Pantau/ }).isChecked()).toBe(true);
    expect(await form.getByRole('checkbox', { name: /Mengisi atau mengimpor skor indeks desa/ }).isChecked()).toBe(false);
    await submit(p, 'Buat token');
    await phoneReady(p);
    const secret = await p.getByLabel('Token (salin sekarang)').inputValue();
    expect(secret).toMatch(/^balai_api_[A-Za-z0-9_-]{43}$/);
    expect(await p.locator('main').textContent()).toContain('tidak dapat menampilkannya lagi');

    const read = await adoption(secret);
    expect(read.status).toBe(200);
    expect((await read.json()).data.region.code).toBe('18.09');

    // Once only: the page opened again lists the token without its secret.
    await p.goto(`${BASE}/akun/token`);
    await phoneReady(p);
    expect(await p.content()).not.toContain(secret);
    const row = p.locator('tr', { hasText: 'Dasbor Bappeda Pesawaran' });
    expect(await row.textContent()).toContain('Aktif');

    await row.getByText('Cabut', { exact: true }).click();
    expect(await row.textContent()).toContain('langsung berhenti berlaku');
    await submit(p, 'Ya, cabut token ini', row);
    await phoneReady(p);
    expect(await p.locator('.notice.ok').textContent()).toContain('dicabut');
    expect(await p.locator('tr', { hasText: 'Dasbor Bappeda Pesawaran' }).textContent()).toContain('Dicabut');
    expect((await adoption(secret)).status).toBe(401);
  });
});
