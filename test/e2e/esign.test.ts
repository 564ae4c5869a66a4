import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { officerPage, phoneReady, submit, useE2E } from '../support/e2e-server.js';
import { hasPdfsig, pdfsig } from '../support/pdfsig.js';

/**
 * Issue 19, item 3, in Chromium: the village head sets the Domisili letter to require a
 * certified electronic signature, issues one typing the passphrase (the server runs the test
 * provider, "mode uji"), and its verification page shows the signature checked on the kept file.
 */
const V = '18.09.10.2004';
const NIK = '1809101708859901'; // the demo citizen, Budi Santoso
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const officer = (username: string): Promise<Page> => officerPage({ base: BASE, browser }, username);

describe('a certified electronic signature in the browser', () => {
  let letterPath = '';

  it('the village head sets a letter type to require the certified signature', async () => {
    const kades = await officer('kades.hanura');
    await kades.goto(`${BASE}/desa/${V}/surat/jenis/domisili`);
    expect(await kades.getByRole('link', { name: 'Panduan tanda tangan elektronik' }).getAttribute('href')).toBe('/panduan/tanda-tangan-elektronik');
    await kades.getByLabel(/Wajib tanda tangan elektronik tersertifikasi/).check();
    await submit(kades, 'Simpan');
    expect(await kades.locator('.notice.ok').textContent()).toContain('Tersimpan');
    await kades.goto(`${BASE}/desa/${V}/surat/jenis`);
    expect(await kades.getByRole('row', { name: /Surat Keterangan Domisili/ }).textContent()).toContain('wajib TTE');
    await kades.close();
  });

  it('the operator records and checks a request as usual', async () => {
    const op = await officer('hanura');
    await op.goto(`${BASE}/desa/${V}/surat/baru?jenis=domisili`);
    await op.getByLabel(/NIK pemohon/).fill(NIK);
    await op.getByLabel('Keperluan *').fill('Melamar pekerjaan');
    await submit(op, 'Ajukan');
    expect(await op.locator('.notice.ok').textContent()).toContain('Permohonan tercatat');
    letterPath = new URL(op.url()).pathname;
    await submit(op, 'Tandai sudah diperiksa');
    expect(await op.locator('.notice.ok').textContent()).toContain('sudah diperiksa');
    await op.close();
  });

  it('the head signs it with the passphrase on a phone, and the verification page shows the valid signature', async () => {
    const kades = await officer('kades.hanura');
    await kades.setViewportSize({ width: 360, height: 740 });
    await kades.goto(`${BASE}${letterPath}`);
    await phoneReady(kades);
    expect(await kades.locator('.sign-form').textContent()).toContain('Mode uji');
    // A blank passphrase is refused (the field is required; spaces reach the server, which refuses them): nothing is issued.
    await kades.getByLabel('Passphrase tanda tangan elektronik').fill(' ');
    await submit(kades, 'Tanda tangani');
    expect(await kades.locator('.notice.error').textContent()).toContain('Kolom Passphrase wajib diisi');
    expect(await kades.locator('h1').textContent()).toBe('Surat Keterangan Domisili');

    await kades.getByLabel('Passphrase tanda tangan elektronik').fill('passphrase-kades-hanura');
    await submit(kades, 'Tanda tangani');
    expect(await kades.locator('h1').textContent()).toMatch(/^Surat Keterangan Domisili · 474\.4\/\d{3}\/1809102004\//);
    expect(await kades.locator('.esign').textContent()).toContain('Ditandatangani secara elektronik: mode uji');
    const verifyHref = (await kades.getByRole('link', { name: 'Halaman verifikasi' }).getAttribute('href'))!;

    // The PDF the office prints is the signed one: poppler's pdfsig reads the head's certificate.
    const pdf = await kades.request.get(`${BASE}${letterPath}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    if (hasPdfsig) {
      const out = pdfsig(await pdf.body());
      expect(out).toContain('Signer Certificate Common Name: Ahmad Suhendra');
      expect(out).toContain('Signature Validation: Signature is Valid.');
    }
    await kades.close();

    const anyone = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await anyone.goto(`${BASE}${verifyHref}`);
    await phoneReady(anyone);
    expect(await anyone.locator('.notice').first().textContent()).toContain('ASLI dan MASIH BERLAKU');
    const esign = anyone.locator('section.esign');
    expect(await esign.locator('.notice').textContent()).toContain('ditandatangani oleh Ahmad Suhendra, Kepala Desa Hanura');
    expect(await esign.getByRole('row', { name: /Tanda tangan/ }).first().textContent()).toContain('Sah');
    expect(await esign.textContent()).toContain('Mode uji (sertifikat buatan server ini)');
    await anyone.close();
  });
});
