import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, useE2E } from '../support/e2e-server.js';
import { httpLogin } from '../support/server-process.js';
import { PHONE_WIDTH, TAP_MIN, measurePhonePage } from '../support/phone-check.js';

/**
 * A clash between a village's own copy and the server, settled in Chromium on a 360-px phone
 * (issue 15): the province makes Batu Menyan a key; the copy (played here by its key, through the
 * sync API) sends a phone number it changed while the server changed it too; the village's
 * operator finds the clash from the village page, sees the value before, the server's and the
 * copy's side by side, chooses the copy's, and the resident holds it. The key is revoked at the
 * end, so the other browser tests sign Batu Menyan's letters on the server as before.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const BATU = '18.09.10.2001';

async function phoneReady(page: Page) {
  await page.waitForLoadState('load');
  const found = await page.evaluate(measurePhonePage, TAP_MIN);
  expect(found.width, found.widest).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(found.small, page.url()).toEqual([]);
}

describe('a village copy\'s clash in Chromium', () => {
  it('the operator sees the three values side by side and keeps the copy\'s', async () => {
    const admin = await httpLogin(BASE, 'provinsi');
    const made = await admin.json('POST', `/api/v1/villages/${BATU}/sync-keys`, { label: 'Komputer kantor Batu Menyan' });
    expect(made.status).toBe(201);
    const key = (await made.json()).data.key as string;
    const keysPage = await (await admin.get(`/desa/${BATU}/sinkron`)).text();
    const keyId = /\/sinkron\/kunci\/(\d+)\/cabut/.exec(keysPage)?.[1];
    expect(keyId, keysPage.slice(keysPage.indexOf('<main'))).toBeDefined();
    try {
      const op = await httpLogin(BASE, 'batumenyan');
      const made = await op.json('POST', `/api/v1/villages/${BATU}/residents`, { name: 'Rahmat Sinkron', sex: 1, religion: 1, birth_place: 'Pesawaran', birth_date: '1990-02-02', nik: '1809100202909931', kk_number: '1809100202909991', phone: '081255556666' });
      expect(made.status, await made.clone().text()).toBe(201);
      const resident = { id: (await made.json()).data.id as number, name: 'Rahmat Sinkron' };
      const now = '081255556666';
      const row = { id: resident.id, village_code: BATU };
      const push = await fetch(`${BASE}/api/v1/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ changes: [{
          id: randomUUID(), tx: '1', table: 'residents_rows', op: 'update', at: new Date().toISOString(), key: JSON.stringify(row),
          before: JSON.stringify({ ...row, phone: '081200001111' }), after: JSON.stringify({ ...row, phone: '081277778888' }),
        }] }),
      });
      expect(push.status, await push.clone().text()).toBe(200);
      expect((await push.json()).data.conflicts).toBe(1);

      const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await logIn(page, BASE, 'batumenyan');
      await page.goto(`${BASE}/desa/${BATU}`);
      await page.getByRole('link', { name: 'Salinan desa dan sinkron' }).click();
      await page.waitForURL(`${BASE}/desa/${BATU}/sinkron`);
      await phoneReady(page);
      const main = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
      expect(main).toContain('Bentrokan yang perlu dipilih (1)');
      expect(main).toContain(resident.name);
      expect(main).toContain('Sebelum diubah081200001111');
      expect(main).toContain(`Nilai di server${now}`);
      expect(main).toContain('Nilai di salinan desa081277778888');
      await page.getByLabel(/Nilai salinan desa: 081277778888/).check();
      await page.getByLabel(/^Catatan/).fill('Dikonfirmasi ke warga lewat telepon');
      await Promise.all([page.waitForURL(/\?ok=saved$/), page.getByRole('button', { name: 'Simpan pilihan' }).click()]);
      await phoneReady(page);
      const after = (await page.locator('main').textContent())!.replace(/\s+/g, ' ');
      expect(after).toContain('Bentrokan yang perlu dipilih (0)');
      expect(after).toContain('nilai salinan desa dipakai — Dikonfirmasi ke warga lewat telepon');
      const phone = (await (await op.get(`/api/v1/villages/${BATU}/residents/${resident.id}`)).json()).data.resident.phone;
      expect(phone).toBe('081277778888');
      await context.close();
    } finally {
      const revoked = await admin.form(`/desa/${BATU}/sinkron/kunci/${keyId!}/cabut`, {});
      expect(revoked.status).toBe(303);
    }
  });
});
