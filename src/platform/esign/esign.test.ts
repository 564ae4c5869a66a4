import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasPdfsig, pdfsig, tampered } from '../../../test/support/pdfsig.js';
import { renderLetterPdf } from '../pdf/letter-pdf.js';
import { bsreProvider } from './bsre.js';
import { EsignError, esignProviderFromEnv, type EsignRequest } from './provider.js';
import { signWithTestCertificate, testAuthority } from './test-certificate.js';
import { testEsignProvider } from './test-provider.js';
import { loadTrustList, trustListFromEnv } from './trust.js';
import { verifyPdfSignature } from './verify.js';

const dir = mkdtempSync(join(tmpdir(), 'balai-tte-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const letter = () =>
  renderLetterPdf({
    paper: 'A4', letterhead: { regency: 'PEMERINTAH KABUPATEN PESAWARAN', district: 'KECAMATAN TELUK PANDAN', village: 'DESA HANURA' },
    title: 'SURAT KETERANGAN DOMISILI', number: '470/001/1809102004/XII/2026', identity: [['Nama', 'SITI AMINAH']], paragraphs: ['Benar berdomisili di Desa Hanura.'],
    place: 'Hanura', dateText: '7 Desember 2026',
    signature: { mode: 'self', headTitle: 'Kepala Desa Hanura', signerTitle: 'Kepala Desa Hanura', signerName: 'Ahmad Suhendra', staffNumberLabel: 'NIPD' },
    qr: { url: 'https://balai.example.id/v/AbCdEfGhIjKl' },
  });

const request = async (over: Partial<EsignRequest> = {}): Promise<EsignRequest> => ({
  pdf: await letter(), passphrase: 'rahasia-kades-123', at: new Date(), reason: 'Surat Keterangan Domisili nomor 470/001', location: 'DESA HANURA',
  signer: { nik: '1809101708700001', name: 'Ahmad Suhendra', title: 'Kepala Desa Hanura', organisation: 'Pemerintah Desa Hanura' },
  ...over,
});

describe('the test provider ("mode uji")', () => {
  let signed: Uint8Array;
  beforeAll(async () => {
    signed = await testEsignProvider(dir).sign(await request());
  });

  it('signs a letter PDF in the official\'s name that the code checks as valid', () => {
    const check = verifyPdfSignature(signed);
    expect(check).toMatchObject({ valid: true, signerName: 'Ahmad Suhendra', signerTitle: 'Kepala Desa Hanura', organisation: 'Pemerintah Desa Hanura' });
    expect(check.issuerName).toMatch(/^Balai Penyedia Uji [0-9a-f]{8}$/);
    expect(Math.abs(check.signedAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it.skipIf(!hasPdfsig)('signs so that pdfsig (poppler) finds the whole document signed and valid', () => {
    const out = pdfsig(signed);
    expect(out).toContain('Signer Certificate Common Name: Ahmad Suhendra');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signature Validation: Signature is Valid.');
  });

  it.skipIf(!hasPdfsig)('a single byte changed makes both pdfsig and the code say not valid', () => {
    const bad = tampered(signed);
    expect(pdfsig(bad)).toContain('Signature Validation: Digest Mismatch.');
    expect(verifyPdfSignature(bad)).toMatchObject({ valid: false, problem: 'digest_mismatch' });
  });

  it('a byte changed in the signature, or bytes added after it, is not valid either', () => {
    const broken = Buffer.from(signed);
    const contents = broken.lastIndexOf('/Contents <') + 40;
    broken[contents] = broken[contents] === 0x30 ? 0x31 : 0x30;
    expect(verifyPdfSignature(broken).valid).toBe(false);
    const appended = Buffer.concat([Buffer.from(signed), Buffer.from('\n1 0 obj\n<< >>\nendobj\n')]);
    expect(verifyPdfSignature(appended)).toMatchObject({ valid: false, problem: 'not_whole_file' });
    expect(verifyPdfSignature(new Uint8Array(Buffer.from('%PDF-1.3\nnot signed\n%%EOF')))).toMatchObject({ valid: false, problem: 'no_signature' });
  });

  it('a signature damaged anywhere is not valid, given its hash kept at signing (as /v/<code> checks)', () => {
    const original = verifyPdfSignature(signed);
    const at = Buffer.from(signed).lastIndexOf('/Contents <') + 11;
    for (let i = 0; i < 6000; i += 5) {
      const broken = Buffer.from(signed);
      // A hex digit changed, so the file stays well formed and only the signature's bytes differ.
      broken[at + i] = broken[at + i] === 0x66 ? 0x30 : broken[at + i] === 0x39 ? 0x61 : broken[at + i]! + 1;
      expect(verifyPdfSignature(broken, { signatureSha256: original.signatureSha256 }).valid, `hex digit ${i}`).toBe(false);
    }
  });

  it('a certificate renamed inside the signature is caught', () => {
    const original = verifyPdfSignature(signed);
    const broken = Buffer.from(signed);
    const hexName = Buffer.from('Ahmad Suhendra').toString('hex');
    const at = broken.toString('latin1').toLowerCase().lastIndexOf(hexName);
    broken.write(Buffer.from('Ahmad Suhendri').toString('hex'), at, 'latin1');
    expect(verifyPdfSignature(broken, { signatureSha256: original.signatureSha256 })).toMatchObject({ valid: false });
  });

  it('makes its authority once per data folder, owner-only, and signs every letter under it', async () => {
    const file = join(dir, 'penyedia-uji.pem');
    expect(statSync(file).mode & 0o077).toBe(0);
    const before = readFileSync(file, 'utf8');
    const again = verifyPdfSignature(await testEsignProvider(dir).sign(await request({ signer: { nik: null, name: 'Siti Rahmawati', title: 'Sekretaris Desa', organisation: 'Pemerintah Desa Hanura' } })));
    expect(again).toMatchObject({ valid: true, signerName: 'Siti Rahmawati', issuerName: verifyPdfSignature(signed).issuerName });
    expect(readFileSync(file, 'utf8')).toBe(before);
    // Another installation (data folder) has its own authority.
    const other = mkdtempSync(join(tmpdir(), 'balai-tte-'));
    try {
      expect(verifyPdfSignature(await testEsignProvider(other).sign(await request())).issuerName).not.toBe(again.issuerName);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

/** A certificate authority made here with node-forge, as anyone could make one: a root, or one it issues. */
function makeAuthority(subject: forge.pki.CertificateField[], issuer?: { key: forge.pki.rsa.PrivateKey; cert: forge.pki.Certificate }) {
  const key = forge.pki.privateKeyFromPem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  cert.sign(issuer?.key ?? key, forge.md.sha256.create());
  return { key, cert };
}

describe('the trust list', () => {
  // A root named exactly as this installation's trusted test authority, and an intermediate it issues: self-made, so not trusted.
  let spoofed: Uint8Array;
  let root: ReturnType<typeof makeAuthority>;
  const uji = () => trustListFromEnv({ BALAI_ESIGN_TRUST_DIR: join(dir, 'kosong') }, dir, testEsignProvider(dir));
  beforeAll(async () => {
    root = makeAuthority(testAuthority(dir).cert.subject.attributes);
    const intermediate = makeAuthority([{ shortName: 'CN', value: 'BSrE Palsu Antara' }, { shortName: 'C', value: 'ID' }], root);
    const other = join(dir, 'palsu');
    mkdirSync(other);
    writeFileSync(join(other, 'penyedia-uji.pem'), forge.pki.privateKeyToPem(intermediate.key) + forge.pki.certificateToPem(intermediate.cert));
    const req = await request();
    spoofed = await signWithTestCertificate({ dir: other, pdf: req.pdf, signer: req.signer, at: req.at.toISOString(), reason: req.reason, location: req.location });
  });

  it('trusts the test provider\'s own authority while it is the provider, and nothing from an empty folder', async () => {
    const signed = await testEsignProvider(dir).sign(await request());
    const name = testAuthority(dir).cert.subject.getField('CN').value as string;
    expect(verifyPdfSignature(signed, { trust: uji() })).toMatchObject({ valid: true, trusted: true, trustAnchor: name });
    const bsreTrust = trustListFromEnv({ BALAI_ESIGN_TRUST_DIR: join(dir, 'kosong') }, dir, { name: 'bsre', testMode: false, sign: async (r) => r.pdf });
    expect(bsreTrust.anchors()).toHaveLength(0);
    expect(verifyPdfSignature(signed, { trust: bsreTrust })).toMatchObject({ valid: true, trusted: false });
    expect(verifyPdfSignature(signed)).toMatchObject({ valid: true, trusted: false });
  });

  it('a self-made authority bearing the trusted one\'s name verifies as intact but not trusted', () => {
    const check = verifyPdfSignature(spoofed, { trust: uji() });
    expect(check).toMatchObject({ valid: true, trusted: false, signerName: 'Ahmad Suhendra', issuerName: 'BSrE Palsu Antara' });
    expect(check.trustAnchor).toBeUndefined();
  });

  it('reads the roots placed in the folder, and follows the signature\'s intermediate up to one', () => {
    const folder = join(dir, 'tepercaya');
    mkdirSync(folder);
    writeFileSync(join(folder, 'root.pem'), forge.pki.certificateToPem(root.cert));
    writeFileSync(join(folder, 'catatan.txt'), 'bukan sertifikat');
    writeFileSync(join(folder, 'rusak.crt'), 'bukan sertifikat');
    const trust = loadTrustList(folder);
    expect(trust.fromFolder).toHaveLength(1);
    expect(trust.skipped).toEqual(['rusak.crt']);
    expect(verifyPdfSignature(spoofed, { trust })).toMatchObject({ valid: true, trusted: true, trustAnchor: testAuthority(dir).cert.subject.getField('CN').value });
  });
});

/** A stand-in for BSrE on this machine: it records each request and answers as told. */
interface Seen { method: string; path: string; authorization: string; contentType: string; form: FormData }
let fake: Server;
let base = '';
const seen: Seen[] = [];
let answer: (s: Seen) => { status: number; type: string; body: Uint8Array | string } | null = () => null;

async function read(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  fake = createServer(async (req, res) => {
    const body = await read(req);
    const contentType = req.headers['content-type'] ?? '';
    const form = contentType.startsWith('multipart/form-data') ? await new Request('http://fake/', { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': contentType } }).formData() : new FormData();
    const s = { method: req.method!, path: req.url!, authorization: req.headers.authorization ?? '', contentType, form };
    seen.push(s);
    const a = answer(s);
    if (!a) return; // never answers: the adapter's time limit
    res.writeHead(a.status, { 'content-type': a.type });
    res.end(a.body);
  });
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => {
  fake.closeAllConnections();
  fake.close(() => resolve());
}));

const bsre = (timeoutMs = 5_000) => bsreProvider({ url: base, user: 'balai-desa', password: 'kata-sandi-aplikasi', timeoutMs });
const json = (status: number, body: unknown) => () => ({ status, type: 'application/json', body: JSON.stringify(body) });
async function failure(run: Promise<unknown>): Promise<EsignError> {
  const err = await run.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(EsignError);
  return err as EsignError;
}

describe('the BSrE adapter, against a local fake of its API', () => {
  it('posts the PDF, the NIK, the passphrase and tampilan=invisible as multipart to /api/sign/pdf with Basic authentication, and returns the signed PDF', async () => {
    const req = await request();
    const signedByFake = await testEsignProvider(dir).sign(req);
    answer = () => ({ status: 200, type: 'application/pdf', body: signedByFake });
    seen.length = 0;
    const out = await bsre().sign(req);
    expect(Buffer.from(out).equals(Buffer.from(signedByFake))).toBe(true);
    expect(seen).toHaveLength(1);
    const s = seen[0]!;
    expect([s.method, s.path]).toEqual(['POST', '/api/sign/pdf']);
    expect(s.authorization).toBe(`Basic ${Buffer.from('balai-desa:kata-sandi-aplikasi').toString('base64')}`);
    expect(s.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const file = s.form.get('file') as File;
    expect(file.type).toBe('application/pdf');
    expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(req.pdf))).toBe(true);
    expect(s.form.get('nik')).toBe('1809101708700001');
    expect(s.form.get('passphrase')).toBe('rahasia-kades-123');
    expect(s.form.get('tampilan')).toBe('invisible');
  });

  it('fetches the PDF from /api/sign/download/{id} when BSrE answers with a document id', async () => {
    const pdf = await letter();
    answer = (s) => (s.path === '/api/sign/pdf' ? json(200, { id_dokumen: 'dok-123' })() : { status: 200, type: 'application/pdf', body: pdf });
    seen.length = 0;
    await bsre().sign(await request());
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/sign/pdf', 'GET /api/sign/download/dok-123']);
    expect(seen[1]!.authorization).toMatch(/^Basic /);
  });

  it('says what went wrong: a wrong passphrase (2031), a NIK without a certificate (2011), another refusal, BSrE down, no answer', async () => {
    answer = json(400, { error: 'Passphrase anda salah', status_code: 2031 });
    expect((await failure(bsre().sign(await request()))).kind).toBe('wrong_passphrase');
    answer = json(400, { error: 'User tidak terdaftar', status_code: 2011 });
    expect((await failure(bsre().sign(await request()))).kind).toBe('not_registered');
    answer = json(400, { error: 'Sertifikat sudah kedaluwarsa', status_code: 2099 });
    expect(await failure(bsre().sign(await request()))).toMatchObject({ kind: 'refused', detail: 'Sertifikat sudah kedaluwarsa' });
    answer = () => ({ status: 502, type: 'text/html', body: '<h1>Bad gateway</h1>' });
    expect((await failure(bsre().sign(await request()))).kind).toBe('unavailable');
    answer = () => null;
    expect(await failure(bsre(300).sign(await request()))).toMatchObject({ kind: 'unavailable', detail: 'no answer within 0.3 s' });
  });

  it('never lets the passphrase out: not in an error, not in the log, even when BSrE repeats it', async () => {
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    answer = (s) => json(400, { error: `Passphrase ${String(s.form.get('passphrase'))} salah`, status_code: 2031 })();
    const err = await failure(bsre().sign(await request()));
    expect(err.kind).toBe('wrong_passphrase');
    expect(`${err.message} ${err.detail} ${err.stack}`).not.toContain('rahasia-kades-123');
    for (const spy of [log, error, warn]) expect(JSON.stringify(spy.mock.calls)).not.toContain('rahasia-kades-123');
    vi.restoreAllMocks();
  });

  it('asks nothing of BSrE for an official without a recorded NIK', async () => {
    seen.length = 0;
    const req = await request();
    expect((await failure(bsre().sign({ ...req, signer: { ...req.signer, nik: null } }))).kind).toBe('no_nik');
    expect(seen).toHaveLength(0);
  });
});

describe('choosing the provider', () => {
  it('is BSrE when configured, the test provider outside production, and nothing in production', () => {
    expect(esignProviderFromEnv({ BALAI_BSRE_URL: 'https://esign.example.go.id', BALAI_BSRE_USER: 'u', BALAI_BSRE_PASSWORD: 'p' }, dir)?.name).toBe('bsre');
    expect(() => esignProviderFromEnv({ BALAI_ESIGN_PROVIDER: 'bsre', BALAI_BSRE_URL: 'https://esign.example.go.id' }, dir)).toThrow(/BALAI_BSRE_USER/);
    expect(esignProviderFromEnv({ NODE_ENV: 'test' }, dir)).toMatchObject({ name: 'uji', testMode: true });
    expect(esignProviderFromEnv({ NODE_ENV: 'production' }, dir)).toBeNull();
    expect(esignProviderFromEnv({ NODE_ENV: 'production', BALAI_ESIGN_PROVIDER: 'uji' }, dir)?.name).toBe('uji');
    expect(() => esignProviderFromEnv({ BALAI_ESIGN_PROVIDER: 'privy' }, dir)).toThrow(/not bsre or uji/);
  });
});
