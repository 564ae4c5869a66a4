import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import type { announcementPage, myAnnouncementChoice } from '../announcements.service.js';

const TEXT = {
  id: {
    title: 'Pengumuman', intro: 'Kirim pengumuman ke nomor HP warga lewat antrean pesan desa: ke semua warga, ke satu dusun, atau ke penerima satu program bantuan. Satu nomor menerima satu pesan; warga yang berhenti berlangganan tidak dikirimi.',
    newTitle: 'Kirim pengumuman', subject: 'Judul', message: 'Isi pengumuman (10 sampai 1.000 karakter)', to: 'Kepada', all: 'Semua warga yang punya nomor HP', dusun: 'Dusun', programme: 'Penerima',
    send: 'Kirim', sent: 'Terkirim', none: 'Belum ada pengumuman.', date: 'Tanggal', audience: 'Kepada', queued: 'Dikirim ke', optedOut: 'Berhenti berlangganan', delivered: 'Terkirim', pending: 'Menunggu', failed: 'Gagal',
    by: 'oleh', notifications: 'Semua pesan desa dan yang gagal',
  },
  en: {
    title: 'Announcements', intro: 'Send an announcement to residents\' phones through the village\'s message queue: to everyone, to one dusun, or to an aid programme\'s recipients. One number gets one message; residents who unsubscribed are left out.',
    newTitle: 'Send an announcement', subject: 'Title', message: 'Text (10 to 1,000 characters)', to: 'To', all: 'Every resident with a phone', dusun: 'Dusun', programme: 'Recipients of',
    send: 'Send', sent: 'Sent', none: 'No announcement yet.', date: 'Date', audience: 'To', queued: 'Sent to', optedOut: 'Unsubscribed', delivered: 'Delivered', pending: 'Waiting', failed: 'Failed',
    by: 'by', notifications: 'Every message of the village, and the failed ones',
  },
} as const;

type View = Awaited<ReturnType<typeof announcementPage>>;

export function AnnouncementsPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: View; msg?: { ok?: string; error?: string; values?: Record<string, string> } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const n = (x: number) => formatNumber(x, lang);
  const to = (r: View['rows'][number]) => (r.audience === 'all' ? w.all : r.audience === 'dusun' ? view.dusun.find((d) => d.id === r.area_id)?.name ?? w.dusun : `${w.programme} ${view.programmes.find((p) => p.id === r.programme_id)?.name ?? ''}`);
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="pengumuman">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="post" action={`/desa/${code}/pengumuman`} class="card">
        <h2>{w.newTitle}</h2>
        <Csrf c={c} />
        <label>{w.subject} *<input name="title" required maxlength={120} value={v.title ?? ''} /></label>
        <label>{w.message} *<textarea name="body" required minlength={10} maxlength={1000} rows={5}>{v.body ?? ''}</textarea></label>
        <label>{w.to} *<select name="audience" required>
          <option value="all">{w.all}</option>
          {view.dusun.map((d) => <option value={`dusun:${d.id}`} selected={v.audience === `dusun:${d.id}`}>{`${w.dusun}: ${d.name}`}</option>)}
          {view.programmes.map((p) => <option value={`programme:${p.id}`} selected={v.audience === `programme:${p.id}`}>{`${w.programme} ${p.name} ${p.year}`}</option>)}
        </select></label>
        <button type="submit">{w.send}</button>
      </form>
      <h2>{w.sent}</h2>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.sent}>
          <thead><tr><th>{w.subject}</th><th>{w.audience}</th><th class="num">{w.queued}</th><th class="num">{w.delivered}</th><th class="num">{w.pending}</th><th class="num">{w.failed}</th><th class="num">{w.optedOut}</th></tr></thead>
          <tbody>{view.rows.map((r) => (
            <tr>
              <td><strong>{r.title}</strong><br /><small>{`${formatDateTime(r.created_at, lang)} · ${w.by} ${r.created_by_name ?? ''}`}</small></td>
              <td>{to(r)}</td>
              <td class="num">{n(r.recipients)}</td><td class="num">{n(r.delivery.sent)}</td><td class="num">{n(r.delivery.pending)}</td><td class="num">{n(r.delivery.failed)}</td><td class="num">{n(r.opted_out)}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      <p><a href={`/desa/${code}/notifikasi`}>{w.notifications}</a></p>
    </Layout>
  );
}

const MINE = {
  id: { title: 'Pengumuman desa', on: 'Anda menerima pengumuman desa di nomor HP yang tercatat.', off: 'Anda berhenti menerima pengumuman desa sejak', stop: 'Berhenti menerima pengumuman', resume: 'Terima pengumuman lagi', note: 'Pesan tentang surat dan pengaduan Anda sendiri tetap dikirim.', home: 'Beranda warga' },
  en: { title: 'Village announcements', on: 'You receive the village\'s announcements on the phone number it has for you.', off: 'You stopped the village\'s announcements on', stop: 'Stop announcements', resume: 'Receive announcements again', note: 'Messages about your own letters and complaints still come.', home: 'Citizen home' },
} as const;

export function MyAnnouncementsPage({ c, view, saved }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myAnnouncementChoice>>; saved: boolean }) {
  const lang = c.get('lang');
  const w = MINE[lang];
  return (
    <Layout c={c} title={w.title} guide="pengumuman">
      {saved && <Notice kind="ok">{lang === 'en' ? 'Saved.' : 'Tersimpan.'}</Notice>}
      <p>{view.optedOut ? `${w.off} ${formatDate(view.since!, lang)}.` : w.on}</p>
      <form method="post" action="/warga/pengumuman" class="card narrow">
        <Csrf c={c} />
        <input type="hidden" name="receive" value={view.optedOut ? '1' : '0'} />
        <button type="submit" class={view.optedOut ? '' : 'secondary'}>{view.optedOut ? w.resume : w.stop}</button>
      </form>
      <p class="muted">{w.note}</p>
      <p><a href="/warga">{w.home}</a></p>
    </Layout>
  );
}
