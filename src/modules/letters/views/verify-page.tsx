import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout, Notice } from '../../../platform/http/views/layout.js';
import type { verifyLetter } from '../documents.service.js';

type Verification = NonNullable<Awaited<ReturnType<typeof verifyLetter>>>;

const STATE = {
  valid: { kind: 'ok', id: 'Surat ini ASLI dan MASIH BERLAKU.', en: 'This letter is GENUINE and VALID.' },
  expired: { kind: 'warn', id: 'Surat ini asli, tetapi masa berlakunya SUDAH HABIS.', en: 'This letter is genuine, but it has EXPIRED.' },
  revoked: { kind: 'error', id: 'Surat ini TELAH DICABUT oleh pemerintah desa dan tidak berlaku.', en: 'This letter has been REVOKED by the village and is not valid.' },
} as const;

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
  const s = STATE[v.state];
  const row = (label: string, value: string | null) => (value ? <tr><th>{label}</th><td>{value}</td></tr> : null);
  return (
    <Layout c={c} title={en ? 'Letter verification' : 'Verifikasi surat'}>
      <Notice kind={s.kind}>{s[lang]}</Notice>
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
      <p><small>{en ? 'Compare these details with the printed letter. The full NIK is not shown here to protect the holder\'s data.' : 'Cocokkan data ini dengan surat yang dicetak. NIK lengkap tidak ditampilkan untuk melindungi data pemegang surat.'}</small></p>
    </Layout>
  );
}
