import type { Context } from 'hono';
import { noStore } from '../../platform/http/download.js';
import { ROLE_LABEL } from '../../platform/access/roles.js';
import { access } from '../../platform/access/route-access.js';
import { accessActionLabel, type AccessLogEntry } from '../../platform/audit/access-log.js';
import { formatDateTime } from '../../platform/format/format.js';
import type { AppEnv } from '../../platform/http/env.js';
import type { Router } from '../../platform/http/router.js';
import { Layout } from '../../platform/http/views/layout.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { myAccessLog } from './self.service.js';

const text = {
  id: {
    title: 'Siapa yang melihat data saya',
    intro: 'Setiap kali petugas membuka, mengubah atau mengunduh data Anda, Balai mencatatnya. Ini catatan itu (200 terakhir). Kunjungan Anda sendiri ke layanan mandiri tidak ditampilkan.',
    when: 'Waktu', who: 'Siapa', what: 'Apa', why: 'Keperluan', none: 'Belum ada petugas yang membuka data Anda.',
    system: 'Sistem (impor atau pemeliharaan)', otherCitizen: 'Anggota keluarga (layanan mandiri)',
    concern: 'Ada akses yang tidak Anda kenal? Tanyakan ke kantor desa, atau laporkan: desa wajib menanggapinya.',
    download: 'Unduh seluruh data saya', back: 'Kembali',
  },
  en: {
    title: 'Who looked at my data',
    intro: 'Every time an officer opens, changes or downloads your record, Balai writes it down. This is that record (latest 200). Your own self-service visits are not shown.',
    when: 'When', who: 'Who', what: 'What', why: 'Purpose', none: 'No officer has opened your record yet.',
    system: 'System (import or maintenance)', otherCitizen: 'A family member (self-service)',
    concern: 'An access you do not recognise? Ask the village office, or report it: the village must answer.',
    download: 'Download all my data', back: 'Back',
  },
} satisfies Record<Lang, Record<string, string>>;

function who(e: AccessLogEntry, lang: Lang, w: (typeof text)[Lang]) {
  if (e.actor === 'officer') return `${e.name ?? '—'} · ${e.role ? ROLE_LABEL[e.role][lang] : ''}`;
  if (e.actor === 'citizen') return w.otherCitizen;
  return w.system;
}

export function AccessLogPage({ c, rows }: { c: Context<AppEnv>; rows: AccessLogEntry[] }) {
  const lang = c.get('lang');
  const w = text[lang];
  return (
    <Layout c={c} title={w.title} guide="data-pribadi">
      <p>{w.intro}</p>
      {rows.length === 0 ? (
        <p class="notice">{w.none}</p>
      ) : (
        <ul class="plain" id="access-log">
          {rows.map((e) => (
            <li>
              <strong>{who(e, lang, w)}</strong>
              <br />
              {accessActionLabel(e.action, lang)}
              {e.purpose ? ` — ${w.why.toLowerCase()}: ${e.purpose}` : ''}
              <br />
              <small class="muted">{formatDateTime(e.at, lang)}</small>
            </li>
          ))}
        </ul>
      )}
      <p>{w.concern}</p>
      <p><a href="/warga/data">{w.download}</a> · <a href="/warga">{w.back}</a></p>
    </Layout>
  );
}

/** `/warga/akses`: the citizen's own access log, from the audit log. */
export function registerCitizenAccessLogPage(app: Router) {
  app.get('/warga/akses', access({ permission: 'self.read' }, { login: '/warga/masuk', message: 'citizen.only_citizen' }), async (c) => {
    const rows = await myAccessLog(c.get('ctx'));
    noStore(c);
    return c.html(<AccessLogPage c={c} rows={rows} />);
  });
}
