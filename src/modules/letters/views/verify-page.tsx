import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { formatDateTime } from '../../../platform/format/format.js';
import { Layout, Notice } from '../../../platform/http/views/layout.js';
import type { verifyLetter } from '../documents.service.js';

type Verification = NonNullable<Awaited<ReturnType<typeof verifyLetter>>>;

const STATE = {
  valid: { kind: 'ok', id: 'Surat ini ASLI dan MASIH BERLAKU.', en: 'This letter is GENUINE and VALID.' },
  expired: { kind: 'warn', id: 'Surat ini asli, tetapi masa berlakunya SUDAH HABIS.', en: 'This letter is genuine, but it has EXPIRED.' },
  revoked: { kind: 'error', id: 'Surat ini TELAH DICABUT oleh pemerintah desa dan tidak berlaku.', en: 'This letter has been REVOKED by the village and is not valid.' },
} as const;

/** The headline when the letter's certified signature does not hold (a revocation still comes first). */
const ESIGN_STATE = {
  invalid: { kind: 'error', id: 'Surat ini tercatat di Balai, tetapi TANDA TANGAN ELEKTRONIKNYA TIDAK SAH. Jangan terima surat ini sebagai asli sebelum dicek ke pemerintah desa.', en: 'This letter is on record in Balai, but its ELECTRONIC SIGNATURE IS NOT VALID. Do not accept it as genuine before checking with the village.' },
  untrusted: { kind: 'warn', id: 'Surat ini tercatat di Balai, tetapi tanda tangan elektroniknya BELUM DAPAT DIPASTIKAN: penerbit sertifikatnya tidak ada dalam daftar tepercaya.', en: 'This letter is on record in Balai, but its electronic signature CANNOT BE CONFIRMED: its certificate\'s issuer is not on the trusted list.' },
} as const;

function headline(v: Verification) {
  if (v.state !== 'revoked' && v.esign && !v.esign.valid) return ESIGN_STATE.invalid;
  if (v.state !== 'revoked' && v.esign && !v.esign.trusted) return ESIGN_STATE.untrusted;
  return STATE[v.state];
}

const PROBLEM: Record<string, { id: string; en: string }> = {
  digest_mismatch: { id: 'berkas surat berubah setelah ditandatangani', en: 'the letter\'s file changed after it was signed' },
  not_whole_file: { id: 'berkas surat berubah setelah ditandatangani', en: 'the letter\'s file changed after it was signed' },
  bad_signature: { id: 'tanda tangan tidak cocok dengan sertifikatnya', en: 'the signature does not match its certificate' },
  bad_certificate: { id: 'sertifikat penanda tangan tidak diterbitkan oleh penerbit yang disebutkannya', en: 'the signer\'s certificate was not issued by the issuer it names' },
  signature_changed: { id: 'tanda tangan di dalam berkas berubah setelah surat diterbitkan', en: 'the signature inside the file changed after the letter was issued' },
  certificate_not_valid_then: { id: 'sertifikat tidak berlaku pada waktu penandatanganan', en: 'the certificate was not valid when it signed' },
};

/** The certified electronic signature, checked on the kept file at this request. */
function Esign({ e, en }: { e: NonNullable<Verification['esign']>; en: boolean }) {
  const why = PROBLEM[e.problem ?? ''] ?? { id: 'tanda tangan tidak dapat dibaca', en: 'the signature cannot be read' };
  const who = [e.signerName, e.signerTitle].filter(Boolean).join(', ');
  const when = formatDateTime(e.signedAt, en ? 'en' : 'id');
  const row = (label: string, value: string | null) => (value ? <tr><th>{label}</th><td>{value}</td></tr> : null);
  return (
    <section class="esign">
      <h2>{en ? 'Electronic signature' : 'Tanda tangan elektronik'}</h2>
      {!e.valid ? (
        <Notice kind="error">{en ? `The electronic signature is NOT VALID: ${why.en}.` : `Tanda tangan elektronik TIDAK SAH: ${why.id}.`}</Notice>
      ) : !e.trusted ? (
        <Notice kind="warn">{en ? `The signature is intact, but the certificate's issuer is not on the trusted list (signed in the name of ${who} on ${when}; issuer: ${e.issuerName || '-'}). Who signed cannot be confirmed.` : `Tanda tangan utuh, tetapi penerbit sertifikat tidak ada dalam daftar tepercaya (ditandatangani atas nama ${who} pada ${when}; penerbit: ${e.issuerName || '-'}). Penanda tangannya tidak dapat dipastikan.`}</Notice>
      ) : e.certified ? (
        <Notice kind="ok">{en ? `The electronic signature is VALID: signed by ${who} on ${when}.` : `Tanda tangan elektronik SAH: ditandatangani oleh ${who} pada ${when}.`}</Notice>
      ) : (
        <Notice kind="warn">{en ? `The electronic signature is intact (signed by ${who} on ${when}), but it was made in TEST MODE: it is not a certified signature.` : `Tanda tangan elektronik utuh (ditandatangani oleh ${who} pada ${when}), tetapi dibuat dalam MODE UJI: bukan tanda tangan elektronik tersertifikasi.`}</Notice>
      )}
      <table class="kv">
        <tbody>
          {row(en ? 'Signature' : 'Tanda tangan', !e.valid ? (en ? 'Not valid' : 'Tidak sah') : e.trusted ? (en ? 'Valid' : 'Sah') : en ? 'Intact, issuer not trusted' : 'Utuh, penerbit tidak tepercaya')}
          {row(en ? 'Certificate holder' : 'Pemilik sertifikat', who)}
          {row(en ? 'Certificate issued by' : 'Sertifikat diterbitkan oleh', e.issuerName)}
          {row(en ? 'Trusted root' : 'Penerbit tepercaya', e.valid && e.trusted ? e.trustAnchor : null)}
          {row(en ? 'Signed at' : 'Waktu tanda tangan', when)}
          {row(en ? 'Provider' : 'Penyedia', e.certified ? 'BSrE (Balai Sertifikasi Elektronik, BSSN)' : en ? 'Test mode (this server\'s own certificate)' : 'Mode uji (sertifikat buatan server ini)')}
        </tbody>
      </table>
    </section>
  );
}

/** Public: what a holder, a bank or a police desk may learn from the QR code. Nothing more. */
export function VerifyPage({ c, v }: { c: Context<AppEnv>; v: Verification | null }) {
  const lang = c.get('lang');
  const en = lang === 'en';
  if (!v)
    return (
      <Layout c={c} title={en ? 'Letter verification' : 'Verifikasi surat'}>
        <Notice kind="error">{en ? 'No letter with this code was issued through Balai. The letter may be forged.' : 'Tidak ada surat dengan kode ini yang diterbitkan melalui Balai. Surat ini mungkin palsu.'}</Notice>
      </Layout>
    );
  const s = headline(v);
  const row = (label: string, value: string | null) => (value ? <tr><th>{label}</th><td>{value}</td></tr> : null);
  return (
    <Layout c={c} title={en ? 'Letter verification' : 'Verifikasi surat'}>
      <Notice kind={s.kind}>{s[lang]}</Notice>
      {s !== STATE[v.state] && v.state === 'expired' && <Notice kind="warn">{STATE.expired[lang]}</Notice>}
      <table class="kv">
        <tbody>
          {row(en ? 'Letter' : 'Jenis surat', v.type)}
          {row(en ? 'Number' : 'Nomor', v.number)}
          {row(en ? 'Date' : 'Tanggal', v.signedOn)}
          {row(en ? 'Valid until' : 'Berlaku sampai', v.validUntil ?? (en ? 'no end' : 'tanpa batas'))}
          {row(en ? 'Issued by' : 'Diterbitkan oleh', [v.village, v.district, v.regency].filter(Boolean).join(', '))}
          {row(en ? 'Signed by' : 'Ditandatangani', v.signer?.line ?? null)}
          {row(en ? 'Holder' : 'Atas nama', v.holder)}
          {row('NIK', v.holderNik)}
          {v.state === 'revoked' && row(en ? 'Revoked on' : 'Dicabut pada', v.revokedOn)}
          {v.state === 'revoked' && row(en ? 'Reason' : 'Alasan', v.revokeReason)}
        </tbody>
      </table>
      {v.esign && <Esign e={v.esign} en={en} />}
      <p><small>{en ? 'Compare these details with the printed letter. The full NIK is not shown here to protect the holder\'s data.' : 'Cocokkan data ini dengan surat yang dicetak. NIK lengkap tidak ditampilkan untuk melindungi data pemegang surat.'}</small></p>
    </Layout>
  );
}
