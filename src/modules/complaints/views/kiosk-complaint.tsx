import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf } from '../../../platform/http/views/layout.js';
import { KioskLayout } from '../../letters/index.js';
import { CATEGORIES } from '../categories.js';

const T = {
  title: 'Pengaduan dan aspirasi', choose: '— pilih —', category: 'Tentang apa', complaint: 'Tuliskan pengaduan atau aspirasi Anda', location: 'Lokasi (boleh kosong)',
  cancel: 'Batal', send: 'Kirim', sent: 'Pengaduan Anda tercatat', number: 'Nomor pengaduan', follow: 'Jawaban desa dapat dibaca di Layanan mandiri (masuk dengan NIK dan PIN) atau ditanyakan di loket.', done: 'Selesai',
};

/** The kiosk's complaint form: large, no photo (a kiosk has no camera), back to the menu. */
export function KioskComplaintPage({ c, code, village, values = {}, problem }: { c: Context<AppEnv>; code: string; village: string; values?: Record<string, string>; problem?: string }) {
  return (
    <KioskLayout c={c} village={village} title={T.title} idleTo={`/anjungan/${code}/selesai`}>
      {problem && <p class="notice error" role="alert">{problem}</p>}
      <form method="post" action={`/anjungan/${code}/pengaduan`} autocomplete="off">
        <Csrf c={c} />
        <label>{T.category}<select name="category" required><option value="">{T.choose}</option>{CATEGORIES.map((k) => <option value={k.key} selected={values.category === k.key}>{k.label.id}</option>)}</select></label>
        <label>{T.complaint}<textarea name="complaint" required minlength={10} maxlength={2000} rows={5}>{values.complaint ?? ''}</textarea></label>
        <label>{T.location}<input name="location" maxlength={160} value={values.location ?? ''} /></label>
        <div class="kiosk-actions">
          <a class="button huge secondary" href={`/anjungan/${code}/menu`}>{T.cancel}</a>
          <button type="submit" class="huge">{T.send}</button>
        </div>
      </form>
    </KioskLayout>
  );
}

export function KioskComplaintSentPage({ c, code, village, number }: { c: Context<AppEnv>; code: string; village: string; number: string }) {
  return (
    <KioskLayout c={c} village={village} title={T.sent} idleTo={`/anjungan/${code}/selesai`}>
      <p class="ticket">{T.number}<br /><strong class="queue-number">{number}</strong></p>
      <p class="big">{T.follow}</p>
      <div class="kiosk-actions"><a class="button huge secondary" href={`/anjungan/${code}/selesai`}>{T.done}</a></div>
    </KioskLayout>
  );
}
