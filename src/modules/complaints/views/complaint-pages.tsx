import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import { CATEGORIES, categoryOf, STATUS_LABEL } from '../categories.js';
import type { complaintDetail, complaintList, myComplaint, myComplaints, publicComplaintList } from '../complaints.service.js';
import type { Question } from '../human-check.js';

const TEXT = {
  id: {
    title: 'Pengaduan dan aspirasi', intro: 'Pengaduan dan aspirasi warga, dari layanan mandiri, anjungan dan formulir publik desa. Yang lewat tenggat ditandai; jawaban terakhir tampil di daftar publik tanpa nama pengirim.',
    open: 'Belum dijawab', overdue: 'Lewat tenggat', all: 'Semua', filter: 'Status', show: 'Tampilkan', no: 'No.', category: 'Kategori', complaint: 'Isi pengaduan', due: 'Tenggat', status: 'Status',
    none: 'Belum ada pengaduan.', late: 'lewat tenggat', back: 'Semua pengaduan', from: 'Dari', citizen: 'Warga (layanan mandiri)', kiosk: 'Warga (anjungan di kantor desa)', publicForm: 'Formulir publik', anonymous: 'tanpa nama',
    location: 'Lokasi', map: 'lihat peta', photo: 'Foto', history: 'Riwayat', noHistory: 'Belum ada tindak lanjut.', reply: 'Jawaban', note: 'Catatan petugas', assign: 'Diteruskan ke', closedEv: 'Diselesaikan', received: 'Masuk',
    replyTitle: 'Jawab (dapat dibaca pengirim)', message: 'Pesan', send: 'Kirim jawaban', noteTitle: 'Catatan internal (tidak terlihat oleh pengirim)', saveNote: 'Simpan catatan',
    assignTitle: 'Teruskan ke petugas', officer: 'Petugas', forward: 'Teruskan', close: 'Selesaikan pengaduan', hide: 'Sembunyikan dari daftar publik', showPublic: 'Tampilkan di daftar publik',
    hiddenNote: 'Tidak tampil di daftar publik.', assigned: 'Petugas', page: 'Halaman', prev: '‹ Sebelumnya', next: 'Berikutnya ›',
    mineTitle: 'Pengaduan saya', newTitle: 'Kirim pengaduan atau aspirasi', choose: '— pilih —', locationOpt: 'Lokasi (misalnya Dusun II, depan SD)', photoOpt: 'Foto (boleh kosong)',
    sendComplaint: 'Kirim', sentAs: 'Terkirim sebagai pengaduan No.', noneMine: 'Anda belum mengirim pengaduan.', home: 'Beranda warga', answers: 'Jawaban desa', noAnswer: 'Belum ada jawaban.',
    publicTitle: 'Pengaduan warga', publicIntro: 'Pengaduan dan aspirasi yang diterima desa, dengan jawabannya. Nama pengirim tidak pernah ditampilkan.', answer: 'Jawaban',
    formLink: 'Kirim pengaduan', name: 'Nama (boleh kosong)', phone: 'Nomor telepon/HP (boleh kosong, untuk dihubungi)', question: 'Soal hitungan: berapa',
    code: 'Kode pengaduan', keepCode: 'Simpan kode ini untuk melacak pengaduan Anda:', track: 'Lacak', coords: 'Koordinat (boleh kosong)', lat: 'Lintang', lon: 'Bujur',
    honeypot: 'Jangan diisi', guideNote: 'Nama dan nomor HP hanya dibaca petugas desa.',
  },
  en: {
    title: 'Complaints and aspirations', intro: 'Citizens\' complaints and aspirations, from self-service, the kiosk and the village\'s public form. Those past their due day are marked; the latest answer shows on the public list without the sender\'s name.',
    open: 'Not answered', overdue: 'Overdue', all: 'All', filter: 'Status', show: 'Show', no: 'No.', category: 'Category', complaint: 'Complaint', due: 'Due', status: 'Status',
    none: 'No complaint yet.', late: 'overdue', back: 'All complaints', from: 'From', citizen: 'Citizen (self-service)', kiosk: 'Citizen (kiosk at the village office)', publicForm: 'Public form', anonymous: 'no name',
    location: 'Location', map: 'see the map', photo: 'Photo', history: 'History', noHistory: 'Nothing done yet.', reply: 'Answer', note: 'Officer\'s note', assign: 'Passed to', closedEv: 'Closed', received: 'Sent',
    replyTitle: 'Answer (the sender reads it)', message: 'Message', send: 'Send the answer', noteTitle: 'Internal note (the sender does not read it)', saveNote: 'Save the note',
    assignTitle: 'Pass to an officer', officer: 'Officer', forward: 'Pass on', close: 'Close the complaint', hide: 'Keep off the public list', showPublic: 'Show on the public list',
    hiddenNote: 'Not on the public list.', assigned: 'Officer', page: 'Page', prev: '‹ Previous', next: 'Next ›',
    mineTitle: 'My complaints', newTitle: 'Send a complaint or an aspiration', choose: '— choose —', locationOpt: 'Location (e.g. Dusun II, in front of the school)', photoOpt: 'Photo (optional)',
    sendComplaint: 'Send', sentAs: 'Sent as complaint no.', noneMine: 'You have not sent a complaint yet.', home: 'Citizen home', answers: 'The village\'s answers', noAnswer: 'No answer yet.',
    publicTitle: 'Citizens\' complaints', publicIntro: 'Complaints and aspirations the village received, with its answers. The sender\'s name is never shown.', answer: 'Answer',
    formLink: 'Send a complaint', name: 'Name (optional)', phone: 'Phone (optional, to be contacted)', question: 'A small sum: what is',
    code: 'Complaint code', keepCode: 'Keep this code to follow your complaint:', track: 'Follow', coords: 'Coordinates (optional)', lat: 'Latitude', lon: 'Longitude',
    honeypot: 'Leave empty', guideNote: 'Your name and phone are read by the village officers only.',
  },
} as const;
type Msg = { ok?: string; error?: string; values?: Record<string, string> };
type Lang = 'id' | 'en';

const numberOf = (c: { year: number; number: number }) => `${c.number}/${c.year}`;
const short = (s: string, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function ComplaintListPage({ c, view, today, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof complaintList>>; today: string; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const link = (page: number) => `/desa/${code}/pengaduan?${new URLSearchParams({ ...(view.status ? { status: view.status } : {}), page: String(page) })}`;
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="pengaduan">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <dl class="figures">
        <dt>{w.open}</dt><dd class="num">{n(view.counts.open)}</dd>
        <dt>{w.overdue}</dt><dd class="num">{n(view.counts.overdue)}</dd>
        <dt>{w.all}</dt><dd class="num">{n(view.counts.all)}</dd>
      </dl>
      <form method="get" action={`/desa/${code}/pengaduan`} class="card filters">
        <label>{w.filter}<select name="status">
          <option value="">{w.all}</option>
          <option value="open" selected={view.status === 'open'}>{w.open}</option>
          {Object.entries(STATUS_LABEL).map(([k, l]) => <option value={k} selected={view.status === k}>{l[lang]}</option>)}
        </select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.no}</th><th>{w.complaint}</th><th>{w.category}</th><th>{w.status}</th><th>{w.due}</th></tr></thead>
          <tbody>{view.rows.map((r) => {
            const late = (r.status === 'received' || r.status === 'in_progress') && r.due_on < today;
            return (
              <tr>
                <td><a href={`/desa/${code}/pengaduan/${r.id}`}>{numberOf(r)}</a></td>
                <td><a href={`/desa/${code}/pengaduan/${r.id}`}>{short(r.body, 90)}</a></td>
                <td>{categoryOf(r.category)?.label[lang] ?? r.category}</td>
                <td>{STATUS_LABEL[r.status][lang]}{r.assigned_name ? ` · ${r.assigned_name}` : ''}</td>
                <td>{late ? <strong>{`${formatDate(r.due_on, lang)} · ${w.late}`}</strong> : formatDate(r.due_on, lang)}</td>
              </tr>
            );
          })}</tbody>
        </DataTable>
      )}
      <p>
        {view.page > 1 && <a href={link(view.page - 1)}>{w.prev}</a>}{` ${w.page} ${view.page} `}
        {view.rows.length === view.pageSize && <a href={link(view.page + 1)}>{w.next}</a>}
      </p>
      <p><a href={`/publik/desa/${code}/pengaduan`}>{w.publicTitle}</a></p>
    </Layout>
  );
}

function History({ events, lang }: { events: { kind: string; body: string | null; status: string | null; created_at: Date; author_name: string | null; author_title?: string | null; assigned_name: string | null; resident_id: number | null }[]; lang: Lang }) {
  const w = TEXT[lang];
  return (
    <ul class="plain">
      {events.map((e) => (
        <li class="card">
          <strong>{e.kind === 'reply' ? w.reply : e.kind === 'note' ? w.note : e.kind === 'assign' ? `${w.assign} ${e.assigned_name ?? ''}` : w.closedEv}</strong>
          {` · ${formatDateTime(e.created_at, lang)}${e.author_name ? ` · ${e.author_name}${e.author_title ? `, ${e.author_title}` : ''}` : ''}`}
          {e.body && e.body.split('\n').map((l) => <p>{l}</p>)}
        </li>
      ))}
    </ul>
  );
}

export function ComplaintPage({ c, view, today, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof complaintDetail>>; today: string; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const x = view.complaint;
  const code = view.village.village_code;
  const base = `/desa/${code}/pengaduan/${x.id}`;
  const open = x.status !== 'closed';
  const late = (x.status === 'received' || x.status === 'in_progress') && x.due_on < today;
  const action = (name: string, label: string, cls = 'secondary') => (
    <form method="post" action={`${base}/tindak`} class="inline"><Csrf c={c} /><input type="hidden" name="action" value={name} /><button type="submit" class={cls}>{label}</button></form>
  );
  return (
    <Layout c={c} title={`${w.title} ${numberOf(x)} · ${view.village.name}`} guide="pengaduan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/pengaduan`}>{w.back}</a></p>
      <p><strong>{STATUS_LABEL[x.status][lang]}</strong>{` · ${categoryOf(x.category)?.label[lang] ?? x.category} · ${w.received} ${formatDateTime(x.created_at, lang)} · ${w.due} ${formatDate(x.due_on, lang)}${late ? ` (${w.late})` : ''}`}</p>
      <p>{`${w.from}: `}{x.source === 'citizen' || x.source === 'kiosk' ? `${x.resident_name ?? ''} — ${x.source === 'kiosk' ? w.kiosk : w.citizen}` : `${x.reporter_name ?? w.anonymous}${x.reporter_phone ? ` · ${x.reporter_phone}` : ''} — ${w.publicForm}`}</p>
      {x.assigned_name && <p>{`${w.assigned}: ${x.assigned_name}`}</p>}
      {!x.public && <p class="muted">{w.hiddenNote}</p>}
      <section class="card">
        {x.body.split('\n').map((l) => <p>{l}</p>)}
        {(x.location || x.latitude) && (
          <p>{`${w.location}: ${x.location ?? ''} `}{x.latitude && <a href={`https://www.openstreetmap.org/?mlat=${x.latitude}&mlon=${x.longitude}#map=17/${x.latitude}/${x.longitude}`} rel="noopener">{w.map}</a>}</p>
        )}
        {x.hasPhoto && <p><a href={`${base}/foto`}><img src={`${base}/foto`} alt={w.photo} loading="lazy" width={320} /></a></p>}
      </section>
      <h2>{w.history}</h2>
      {view.events.length === 0 ? <p>{w.noHistory}</p> : <History events={view.events} lang={lang} />}
      {view.canHandle && open && (
        <>
          <form method="post" action={`${base}/tindak`} class="card">
            <h2>{w.replyTitle}</h2>
            <Csrf c={c} />
            <input type="hidden" name="action" value="reply" />
            <label>{w.message} *<textarea name="message" required maxlength={2000} rows={4}>{msg.values?.action === 'reply' ? msg.values.message ?? '' : ''}</textarea></label>
            <button type="submit">{w.send}</button>
          </form>
          <form method="post" action={`${base}/tindak`} class="card">
            <h2>{w.noteTitle}</h2>
            <Csrf c={c} />
            <input type="hidden" name="action" value="note" />
            <label>{w.message} *<textarea name="message" required maxlength={2000} rows={2}>{msg.values?.action === 'note' ? msg.values.message ?? '' : ''}</textarea></label>
            <button type="submit" class="secondary">{w.saveNote}</button>
          </form>
          <form method="post" action={`${base}/tindak`} class="card">
            <h2>{w.assignTitle}</h2>
            <Csrf c={c} />
            <input type="hidden" name="action" value="assign" />
            <label>{w.officer} *<select name="assigned_to" required>{view.officers.map((o) => <option value={String(o.id)} selected={x.assigned_to === o.id}>{`${o.full_name}${o.position_title ? ` — ${o.position_title}` : ''}`}</option>)}</select></label>
            <button type="submit" class="secondary">{w.forward}</button>
          </form>
        </>
      )}
      {view.canHandle && (
        <p>
          {open && x.status === 'answered' && action('close', w.close)}{' '}
          {x.public ? action('hide', w.hide) : action('show', w.showPublic)}
        </p>
      )}
    </Layout>
  );
}

/** The fields a complaint is made of, for the citizen's and the public form. */
function ComplaintFields({ w, lang, v }: { w: (typeof TEXT)[Lang]; lang: Lang; v: Record<string, string> }) {
  return (
    <>
      <label>{w.category} *<select name="category" required><option value="">{w.choose}</option>{CATEGORIES.map((k) => <option value={k.key} selected={v.category === k.key}>{k.label[lang]}</option>)}</select></label>
      <label>{w.complaint} *<textarea name="complaint" required minlength={10} maxlength={2000} rows={5}>{v.complaint ?? ''}</textarea></label>
      <label>{w.locationOpt}<input name="location" maxlength={160} value={v.location ?? ''} /></label>
      <fieldset>
        <legend>{w.coords}</legend>
        <div class="row">
          <label>{w.lat}<input name="latitude" inputmode="decimal" maxlength={12} value={v.latitude ?? ''} placeholder="-5.4291" /></label>
          <label>{w.lon}<input name="longitude" inputmode="decimal" maxlength={12} value={v.longitude ?? ''} placeholder="105.2610" /></label>
        </div>
      </fieldset>
      <label>{w.photoOpt}<input name="photo" type="file" accept="image/jpeg,image/png,image/webp" capture="environment" /></label>
    </>
  );
}

export function MyComplaintsPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myComplaints>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={w.newTitle} guide="pengaduan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <form method="post" action="/warga/pengaduan" enctype="multipart/form-data" class="card narrow">
        <Csrf c={c} />
        <ComplaintFields w={w} lang={lang} v={msg.values ?? {}} />
        <button type="submit">{w.sendComplaint}</button>
      </form>
      <h2>{w.mineTitle}</h2>
      {view.rows.length === 0 ? <p>{w.noneMine}</p> : (
        <ul class="plain">{view.rows.map((r) => (
          <li class="card"><a href={`/warga/pengaduan/${r.id}`}><strong>{`${numberOf(r)} · ${STATUS_LABEL[r.status][lang]}`}</strong></a><br />{short(r.body)}</li>
        ))}</ul>
      )}
      <p><a href="/warga">{w.home}</a></p>
    </Layout>
  );
}

/** One complaint as its sender sees it (self-service, or followed by code): the village's answers, not its internal notes. */
export function ComplaintFollowPage({ c, view, back, trackingCode, sent = false }: { c: Context<AppEnv>; view: Omit<Awaited<ReturnType<typeof myComplaint>>, 'own'> & { own?: Awaited<ReturnType<typeof myComplaint>>['own'] }; back: string; trackingCode?: string; sent?: boolean }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const x = view.complaint;
  return (
    <Layout c={c} title={`${w.title} ${numberOf(x)}`} guide="pengaduan">
      {(sent || trackingCode) && <Notice kind="ok">{`${w.sentAs} ${numberOf(x)}.${trackingCode ? ` ${w.keepCode} ${trackingCode}` : ''}`}</Notice>}
      <p><strong>{STATUS_LABEL[x.status][lang]}</strong>{` · ${categoryOf(x.category)?.label[lang] ?? x.category} · ${formatDate(x.created_at, lang)} · ${w.due} ${formatDate(x.due_on, lang)}`}</p>
      <section class="card">
        {x.body.split('\n').map((l) => <p>{l}</p>)}
        {view.own?.location && <p>{`${w.location}: ${view.own.location}`}</p>}
        {view.own?.hasPhoto && <p><a href={`${back}/${x.id}/foto`}><img src={`${back}/${x.id}/foto`} alt={w.photo} loading="lazy" width={320} /></a></p>}
      </section>
      <h2>{w.answers}</h2>
      {view.events.length === 0 ? <p>{w.noAnswer}</p> : <History events={view.events} lang={lang} />}
      <p><a href={back}>{w.back}</a></p>
    </Layout>
  );
}

export function PublicComplaintsPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof publicComplaintList>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  return (
    <Layout c={c} title={`${w.publicTitle} · ${view.village.name}`} guide="pengaduan">
      <p>{w.publicIntro}</p>
      <p><a href={`/publik/desa/${code}/pengaduan/kirim`}>{w.formLink}</a></p>
      <form method="get" action={`/publik/desa/${code}/pengaduan/lacak`} class="card filters">
        <label>{w.code}<input name="tracking" maxlength={10} autocapitalize="characters" /></label>
        <button type="submit" class="secondary">{w.track}</button>
      </form>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <ul class="plain">{view.rows.map((r) => (
          <li class="card">
            <strong>{`${numberOf(r)} · ${categoryOf(r.category)?.label[lang] ?? r.category} · ${STATUS_LABEL[r.status][lang]}`}</strong>
            <br />{`${formatDate(r.created_at, lang)} — ${short(r.body, 300)}`}
            {r.answer && <><br /><em>{`${w.answer}: ${short(r.answer, 400)}`}</em></>}
          </li>
        ))}</ul>
      )}
      <p>
        {view.page > 1 && <a href={`/publik/desa/${code}/pengaduan?page=${view.page - 1}`}>{w.prev}</a>}{` ${w.page} ${view.page} `}
        {view.rows.length === view.pageSize && <a href={`/publik/desa/${code}/pengaduan?page=${view.page + 1}`}>{w.next}</a>}
      </p>
    </Layout>
  );
}

export function PublicComplaintForm({ c, village, question, msg = {} }: { c: Context<AppEnv>; village: { village_code: string; name: string }; question: Question; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = msg.values ?? {};
  const code = village.village_code;
  return (
    <Layout c={c} title={`${w.newTitle} · ${village.name}`} guide="pengaduan">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <form method="post" action={`/publik/desa/${code}/pengaduan/kirim`} enctype="multipart/form-data" class="card narrow">
        <Csrf c={c} />
        <ComplaintFields w={w} lang={lang} v={v} />
        <label>{w.name}<input name="name" maxlength={120} autocomplete="name" value={v.name ?? ''} /></label>
        <label>{w.phone}<input name="phone" type="tel" inputmode="tel" maxlength={20} autocomplete="tel" value={v.phone ?? ''} /></label>
        <p class="muted">{w.guideNote}</p>
        {/* A field people never see or fill: a bot filling every field gives itself away. */}
        <div hidden><label>{w.honeypot}<input name="website" tabindex={-1} autocomplete="off" /></label></div>
        <input type="hidden" name="question" value={question.token} />
        <label>{`${w.question} ${question.text}?`} *<input name="sum" required inputmode="numeric" maxlength={3} autocomplete="off" /></label>
        <button type="submit">{w.sendComplaint}</button>
      </form>
      <p><a href={`/publik/desa/${code}/pengaduan`}>{w.publicTitle}</a></p>
    </Layout>
  );
}
