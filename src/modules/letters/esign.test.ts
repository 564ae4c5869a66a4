import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { hasPdfsig, pdfsig, tampered } from '../../../test/support/pdfsig.js';
import type { Actor } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import { bsreProvider } from '../../platform/esign/bsre.js';
import type { EsignProvider } from '../../platform/esign/provider.js';
import { signWithTestCertificate } from '../../platform/esign/test-certificate.js';
import { loadTrustList } from '../../platform/esign/trust.js';
import { verifyPdfSignature } from '../../platform/esign/verify.js';
import { t as say } from '../../platform/i18n/i18n.js';
import { AppError } from '../../platform/http/errors.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { builtInLetterType } from './catalogue.js';
import { signLetter } from './requests.service.js';
import { typeFormValues } from './views/officer-pages.js';
import { configuredEsign } from './certified.js';

/**
 * Issue 19, item 3: a letter type the village set to require a certified electronic signature
 * is issued only with a PDF signed in the official's name (here by the test provider, and by
 * the BSrE adapter against a local fake); the verification page checks the kept file.
 */
const V = '18.09.10.2004'; // Hanura
const api = `/api/v1/villages/${V}`;
let t: TestApp;
let op: Client;
let kades: Client;
let sekdes: Client;
let head: UseCaseContext;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [op, kades, sekdes] = await Promise.all([t.login('hanura'), t.login('kades.hanura'), t.login('sekdes.hanura')]);
  const user = await t.db.kysely.selectFrom('users').select(['id', 'full_name']).where('username', '=', 'kades.hanura').executeTakeFirstOrThrow();
  const actor: Actor = { kind: 'user', id: Number(user.id), username: 'kades.hanura', fullName: user.full_name, role: 'village_head', regionCode: V, language: 'id' };
  head = { db: t.db, actor, ip: 'test', lang: 'id' };
  // The head sets "Surat Keterangan Domisili" to require the certified signature, on the type's page.
  const form = { ...typeFormValues(builtInLetterType('domisili')!), certified_signature: 'on', do: 'save' };
  const saved = await kades.form(`/desa/${V}/surat/jenis/domisili`, form);
  expect(saved.status, await saved.clone().text()).toBe(303);
});
afterAll(() => t.close());

/** A request for the demo citizen, checked by the operator: waiting for a signature. */
async function checked(type = 'domisili') {
  const res = await op.post(`${api}/letters`, { type, nik: DEMO_CITIZEN.nik, fields: { keperluan: 'Melamar pekerjaan' } });
  expect(res.status, await res.clone().text()).toBe(201);
  const id = (await res.json()).data.id as number;
  expect((await op.post(`${api}/letters/${id}/check`, {})).status).toBe(200);
  return id;
}
const letterRow = (id: number) => t.db.kysely.selectFrom('letters').select(['status', 'number', 'running_number', 'verify_code']).where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
const keptPdf = async (id: number) =>
  (await t.db.kysely.selectFrom('letter_signatures').select(['pdf', 'provider']).where('village_code', '=', V).where('letter_id', '=', id).executeTakeFirst()) ?? null;
const lastRunning = async () => Number((await t.db.kysely.selectFrom('letter_counters').select('last_number').where('village_code', '=', V).where('scope_key', '=', new Date().toISOString().slice(0, 4)).executeTakeFirst())?.last_number ?? 0);

describe('a letter type that requires the certified electronic signature', () => {
  let id = 0;
  let verify = '';
  let number = '';

  it('is marked on the letter types page', async () => {
    expect(await (await kades.get(`/desa/${V}/surat/jenis`)).text()).toContain('wajib TTE');
    const page = await (await kades.get(`/desa/${V}/surat/jenis/domisili`)).text();
    expect(page).toMatch(/name="certified_signature" checked/);
    expect(page).toContain('href="/panduan/tanda-tangan-elektronik"');
  });

  it('asks the signer for the passphrase, and without it issues nothing', async () => {
    id = await checked();
    const page = await (await kades.get(`/desa/${V}/surat/${id}`)).text();
    expect(page).toContain('name="passphrase"');
    expect(page).toContain('Mode uji');
    const before = await lastRunning();
    const res = await kades.post(`${api}/letters/${id}/sign`, {});
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ field: 'passphrase', message: expect.stringContaining('Passphrase wajib diisi') });
    // From the letter's page too, in Bahasa Indonesia.
    const form = await kades.form(`/desa/${V}/surat/${id}/tandatangani`, { passphrase: '' });
    expect(await form.text()).toContain('Kolom Passphrase wajib diisi');
    expect(await letterRow(id)).toMatchObject({ status: 'checked', number: null });
    expect(await lastRunning()).toBe(before);
  });

  it('signs with the passphrase: the PDF carries the head\'s certificate and pdfsig finds it valid', async () => {
    const res = await kades.post(`${api}/letters/${id}/sign`, { passphrase: 'passphrase-kades' });
    expect(res.status, await res.clone().text()).toBe(200);
    const data = (await res.json()).data;
    expect(data).toMatchObject({ sign_mode: 'self', certified: 'uji', status: 'signed' });
    ({ number, verify_code: verify } = data);
    const kept = await keptPdf(id);
    expect(kept?.provider).toBe('uji');
    // What the office prints is the very file that was signed.
    const download = Buffer.from(await (await op.get(`${api}/letters/${id}/pdf`)).arrayBuffer());
    expect(download.equals(Buffer.from(kept!.pdf))).toBe(true);
    expect(verifyPdfSignature(download)).toMatchObject({ valid: true, signerName: 'Ahmad Suhendra', signerTitle: 'Kepala Desa Hanura', organisation: 'Pemerintah Desa Hanura' });
    if (hasPdfsig) {
      const out = pdfsig(download);
      expect(out).toContain('Signer Certificate Common Name: Ahmad Suhendra');
      expect(out).toContain('Signature Validation: Signature is Valid.');
    }
    expect(await (await op.get(`/desa/${V}/surat/${id}`)).text()).toContain('Ditandatangani secara elektronik: mode uji');
  });

  it('/v/<code> checks the kept file and shows the certificate\'s signer, the time and the provider', async () => {
    const html = await (await t.anonymous.get(`/v/${verify}`)).text();
    expect(html).toContain('ASLI dan MASIH BERLAKU');
    expect(html).toContain('Tanda tangan elektronik utuh (ditandatangani oleh Ahmad Suhendra, Kepala Desa Hanura pada');
    expect(html).toContain('MODE UJI');
    expect(html).toContain('Mode uji (sertifikat buatan server ini)');
    expect(html).toMatch(/Balai Penyedia Uji [0-9a-f]{8}/);
    const json = (await (await t.anonymous.get(`/api/v1/letters/verify/${verify}`)).json()).data;
    expect(json.esign).toMatchObject({ valid: true, trusted: true, trustAnchor: expect.stringMatching(/^Balai Penyedia Uji /), provider: 'uji', certified: false, signerName: 'Ahmad Suhendra' });
  });

  it('one byte changed in the kept PDF makes pdfsig and the verification page say not valid', async () => {
    const kept = await keptPdf(id);
    const bad = tampered(kept!.pdf);
    if (hasPdfsig) expect(pdfsig(bad)).toContain('Signature Validation: Digest Mismatch.');
    await t.db.kysely.updateTable('letter_signatures').set({ pdf: bad }).where('village_code', '=', V).where('letter_id', '=', id).execute();
    try {
      const html = await (await t.anonymous.get(`/v/${verify}`)).text();
      expect(html).toContain('Tanda tangan elektronik TIDAK SAH: berkas surat berubah setelah ditandatangani.');
      expect((await (await t.anonymous.get(`/api/v1/letters/verify/${verify}`)).json()).data.esign).toMatchObject({ valid: false, problem: 'digest_mismatch' });
    } finally {
      await t.db.kysely.updateTable('letter_signatures').set({ pdf: kept!.pdf }).where('village_code', '=', V).where('letter_id', '=', id).execute();
    }
  });

  it('a signature whose certificate authority is not on the trust list issues nothing, and /v warns about a kept one', async () => {
    const letterId = await checked();
    const before = await lastRunning();
    // An authority of its own (test-certificate.ts makes one per folder with node-forge), passed off as BSrE.
    const other = mkdtempSync(join(tmpdir(), 'balai-tte-lain-'));
    let made: Uint8Array | null = null;
    let calls = 0;
    const selfMade: EsignProvider = {
      name: 'bsre', testMode: false, async sign(req) {
        calls++;
        return (made = await signWithTestCertificate({ dir: other, pdf: req.pdf, signer: req.signer, at: req.at.toISOString(), reason: req.reason, location: req.location }));
      },
    };
    try {
      const err = await signLetter(head, V, letterId, { passphrase: 'passphrase-kades', esign: selfMade }).then(() => null, (e: unknown) => e);
      expect(err).toMatchObject({ status: 422, key: 'esign.untrusted' });
      expect(say('id', (err as AppError).key, (err as AppError).params)).toMatch(/^Tanda tangan pada berkas dari penyedia utuh, tetapi sertifikatnya diterbitkan oleh "Balai Penyedia Uji [0-9a-f]{8}", yang tidak ada dalam daftar penerbit tepercaya/);
      // With an empty trust list and a certified provider, nothing is even sent.
      const empty = await signLetter(head, V, letterId, { passphrase: 'passphrase-kades', esign: selfMade, trust: loadTrustList(join(other, 'kosong')) }).then(() => null, (e: unknown) => e);
      expect(empty).toMatchObject({ key: 'esign.trust_list_empty' });
      expect(calls).toBe(1);
      expect(await letterRow(letterId)).toMatchObject({ status: 'checked', number: null, verify_code: null });
      expect(await keptPdf(letterId)).toBeNull();
      expect(await lastRunning()).toBe(before);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    // Such a file kept for an issued letter (issued before the list was set, say): intact, not trusted, not green.
    const kept = await t.db.kysely.selectFrom('letter_signatures').select(['pdf', 'signature_sha256']).where('village_code', '=', V).where('letter_id', '=', id).executeTakeFirstOrThrow();
    const swap = (pdf: Uint8Array, sha: string) => t.db.kysely.updateTable('letter_signatures').set({ pdf, signature_sha256: sha }).where('village_code', '=', V).where('letter_id', '=', id).execute();
    await swap(made!, verifyPdfSignature(made!).signatureSha256!);
    try {
      const html = await (await t.anonymous.get(`/v/${verify}`)).text();
      expect(html).not.toContain('ASLI dan MASIH BERLAKU');
      expect(html).toContain('tanda tangan elektroniknya BELUM DAPAT DIPASTIKAN');
      expect(html).toContain('Tanda tangan utuh, tetapi penerbit sertifikat tidak ada dalam daftar tepercaya');
      expect(await (await t.anonymous.get(`/v/${verify}`, { cookie: 'lang=en' })).text()).toContain('The signature is intact, but the certificate');
      expect((await (await t.anonymous.get(`/api/v1/letters/verify/${verify}`)).json()).data.esign).toMatchObject({ valid: true, trusted: false, trustAnchor: null });
    } finally {
      await swap(kept.pdf, kept.signature_sha256);
    }
  });

  it('the secretary signs a.n. the head in her own name and position', async () => {
    const other = await checked();
    const res = await sekdes.post(`${api}/letters/${other}/sign`, { passphrase: 'passphrase-sekdes' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(verifyPdfSignature((await keptPdf(other))!.pdf)).toMatchObject({ valid: true, signerName: 'Siti Rahmawati', signerTitle: 'Sekretaris Desa' });
    // An operator is no official: refused before any passphrase is sent anywhere.
    expect((await op.post(`${api}/letters/${await checked()}/sign`, { passphrase: 'x' })).status).toBe(403);
  });

  it('a failing provider leaves no issued letter, no number taken, and says why in Bahasa Indonesia', async () => {
    const letterId = await checked();
    const before = await lastRunning();
    // BSrE (the real adapter) against a local fake that refuses the passphrase.
    const fake: Server = createServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Passphrase anda salah', status_code: 2031 }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    // The head's NIK, which BSrE finds the certificate by, recorded on the officials page.
    const official = await t.db.kysely.selectFrom('village_officials').select(['id', 'name', 'position', 'position_title', 'staff_number']).where('village_code', '=', V).where('position', '=', 'kepala_desa').executeTakeFirstOrThrow();
    const saved = await kades.form(`/desa/${V}/perangkat/${official.id}`, { name: official.name, position: official.position, position_title: official.position_title, staff_number: official.staff_number ?? '', user_id: String(head.actor!.id), active: 'on', nik: '1809101708700001' });
    expect(saved.status).toBe(303);
    expect(await (await kades.get(`/desa/${V}/perangkat`)).text()).toContain('1809********0001');
    try {
      const bsre = bsreProvider({ url: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, user: 'balai', password: 'rahasia' });
      const err = await signLetter(head, V, letterId, { passphrase: 'salah-ketik', esign: bsre }).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ status: 400, key: 'esign.wrong_passphrase', field: 'passphrase' });
    } finally {
      fake.closeAllConnections();
      fake.close();
    }
    // A provider whose answer does not hold a valid signature is refused just the same.
    const unsigned: EsignProvider = { name: 'bsre', testMode: false, sign: async (req) => req.pdf };
    expect(await signLetter(head, V, letterId, { passphrase: 'passphrase-kades', esign: unsigned }).then(() => null, (e: unknown) => e)).toMatchObject({ key: 'esign.invalid_result' });
    // Nothing was issued: no number, no signed PDF, the counter untouched; the attempts are audited without the passphrase.
    expect(await letterRow(letterId)).toMatchObject({ status: 'checked', number: null, verify_code: null });
    expect(await keptPdf(letterId)).toBeNull();
    expect(await lastRunning()).toBe(before);
    const audits = await t.db.kysely.selectFrom('audit_log').select(['action', 'outcome', 'detail']).where('subject', '=', `letter:${letterId}`).where('action', '=', 'letter.esign').orderBy('id').execute();
    expect(audits.map((a) => [a.outcome, (a.detail as { reason: string }).reason])).toEqual([['failed', 'wrong_passphrase'], ['failed', 'invalid_result:no_signature']]);
    expect(JSON.stringify(audits)).not.toContain('salah-ketik');
    // Signed afterwards with the right passphrase, it takes the very next number: no gap.
    const ok = await kades.post(`${api}/letters/${letterId}/sign`, { passphrase: 'passphrase-kades' });
    expect(ok.status).toBe(200);
    expect((await letterRow(letterId)).running_number).toBe(before + 1);
  });

  it('when another letter takes the number meanwhile, the letter is signed again with the next one', async () => {
    const letterId = await checked();
    const plain = await checked('sktm');
    const uji = configuredEsign()!;
    let calls = 0;
    // The first signing is slow: meanwhile the secretary issues an ordinary letter, taking the number.
    const racing: EsignProvider = {
      name: 'uji', testMode: true, async sign(req) {
        if (calls++ === 0) expect((await sekdes.post(`${api}/letters/${plain}/sign`, {})).status).toBe(200);
        return uji.sign(req);
      },
    };
    const r = await signLetter(head, V, letterId, { passphrase: 'passphrase-kades', esign: racing });
    expect(calls).toBe(2);
    const [mine, theirs] = [await letterRow(letterId), await letterRow(plain)];
    expect(mine.running_number).toBe(theirs.running_number! + 1);
    expect(r.number).toBe(mine.number);
    // The kept PDF prints the number the letter got.
    expect(Buffer.from((await keptPdf(letterId))!.pdf).toString('latin1')).not.toContain(theirs.number!);
    expect(verifyPdfSignature((await keptPdf(letterId))!.pdf).valid).toBe(true);
  });

  it('a type that does not require it issues as before: no passphrase, no signed PDF kept', async () => {
    const letterId = await checked('sktm');
    const res = await sekdes.post(`${api}/letters/${letterId}/sign`, {});
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).data.certified).toBeNull();
    expect(await keptPdf(letterId)).toBeNull();
    const pdf = Buffer.from(await (await op.get(`${api}/letters/${letterId}/pdf`)).arrayBuffer());
    expect(verifyPdfSignature(pdf)).toMatchObject({ valid: false, problem: 'no_signature' });
    const v = (await (await t.anonymous.get(`/api/v1/letters/verify/${(await letterRow(letterId)).verify_code}`)).json()).data;
    expect(v).toMatchObject({ state: 'valid', esign: null });
  });

  it('keeps the requirement when the type goes back to the built-in wording, and the settings page tells the provider', async () => {
    expect((await kades.form(`/desa/${V}/surat/jenis/domisili/bawaan`, {})).status).toBe(303);
    expect(await (await kades.get(`/desa/${V}/surat/jenis/domisili`)).text()).toMatch(/name="certified_signature" checked/);
    const settings = await (await kades.get(`/desa/${V}/surat/pengaturan`)).text();
    expect(settings).toContain('Mode uji: server ini menandatangani dengan sertifikat buatannya sendiri');
    expect(settings).toContain('href="/panduan/tanda-tangan-elektronik"');
  });
});
