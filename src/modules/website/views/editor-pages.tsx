import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime } from '../../../platform/format/format.js';
import type { postForEditing, siteEditorPage } from '../site.service.js';

const TEXT = {
  id: {
    title: 'Situs desa', intro: 'Situs publik desa: profil, berita, pengumuman, agenda, galeri, perangkat desa dan lembaga. Tulisan memakai Markdown sederhana (**tebal**, *miring*, daftar dengan tanda -, tautan [teks](https://…)); kode HTML tidak dijalankan, hanya ditampilkan sebagai teks.',
    open: 'Buka situs desa', settings: 'Pengaturan dan profil', slug: 'Nama singkat alamat situs (huruf kecil, angka, tanda -)', slugHint: 'Situs dapat dibuka di', domain: 'Domain sendiri (bila ada, misalnya desahanura.id)',
    tagline: 'Slogan', hours: 'Jam pelayanan (misalnya Senin–Jumat 08.00–15.00 WIB)', about: 'Profil desa (Markdown)', history: 'Sejarah desa (Markdown)', save: 'Simpan', saved: 'Tersimpan.',
    newPost: 'Tulis berita, pengumuman atau agenda', kind: 'Jenis', news: 'Berita', announcement: 'Pengumuman', agenda: 'Agenda', postTitle: 'Judul', content: 'Isi (Markdown)',
    eventOn: 'Tanggal acara (untuk agenda)', eventTime: 'Waktu (misalnya 08.00 WIB)', eventPlace: 'Tempat', publish: 'Terbitkan', posts: 'Tulisan', none: 'Belum ada tulisan.',
    published: 'Terbit', edit: 'Ubah', withdraw: 'Tarik dari situs', withdrawn: 'ditarik', photos: 'Foto', newPhoto: 'Unggah foto galeri atau foto perangkat desa', photo: 'Foto (JPEG, PNG atau WebP, paling besar 8 MB)',
    caption: 'Keterangan foto', forOfficial: 'Foto untuk', gallery: '— galeri —', upload: 'Unggah', noPhotos: 'Belum ada foto.', portrait: 'foto', editTitle: 'Ubah tulisan', back: 'Kembali ke situs desa',
    see: 'Lihat', officials: 'Perangkat desa diambil dari halaman Perangkat desa; di sini hanya fotonya.',
  },
  en: {
    title: 'Village website', intro: 'The village\'s public site: profile, news, announcements, agenda, gallery, officials and institutions. Texts use simple Markdown (**bold**, *italic*, lists with -, links [text](https://…)); HTML is never run, only shown as text.',
    open: 'Open the village website', settings: 'Settings and profile', slug: 'Short name for the address (lower-case letters, digits, -)', slugHint: 'The site opens at', domain: 'Own domain (if any, e.g. desahanura.id)',
    tagline: 'Tagline', hours: 'Office hours (e.g. Mon–Fri 08.00–15.00 WIB)', about: 'Village profile (Markdown)', history: 'Village history (Markdown)', save: 'Save', saved: 'Saved.',
    newPost: 'Write news, an announcement or an agenda item', kind: 'Kind', news: 'News', announcement: 'Announcement', agenda: 'Agenda', postTitle: 'Title', content: 'Text (Markdown)',
    eventOn: 'Event date (agenda)', eventTime: 'Time (e.g. 08.00 WIB)', eventPlace: 'Place', publish: 'Publish', posts: 'Posts', none: 'No post yet.',
    published: 'Published', edit: 'Edit', withdraw: 'Withdraw from the site', withdrawn: 'withdrawn', photos: 'Photos', newPhoto: 'Upload a gallery photo or an official\'s portrait', photo: 'Photo (JPEG, PNG or WebP, at most 8 MB)',
    caption: 'Caption', forOfficial: 'Photo for', gallery: '— gallery —', upload: 'Upload', noPhotos: 'No photo yet.', portrait: 'portrait', editTitle: 'Edit post', back: 'Back to the village website',
    see: 'See', officials: 'Officials come from the Officials page; only their portraits are set here.',
  },
} as const;

type Msg = { ok?: boolean; error?: string; values?: Record<string, string>; form?: string };
type View = Awaited<ReturnType<typeof siteEditorPage>>;

function PostFields({ lang, v }: { lang: 'id' | 'en'; v: Record<string, string> }) {
  const w = TEXT[lang];
  return (
    <>
      <label>{w.kind} *<select name="kind" required>
        {(['news', 'announcement', 'agenda'] as const).map((k) => <option value={k} selected={v.kind === k}>{w[k]}</option>)}
      </select></label>
      <label>{w.postTitle} *<input name="title" required minlength={3} maxlength={150} value={v.title ?? ''} /></label>
      <label>{w.content} *<textarea name="content" required rows={8} maxlength={20000}>{v.content ?? ''}</textarea></label>
      <label>{w.eventOn}<input type="date" name="event_on" value={v.event_on ?? ''} /></label>
      <label>{w.eventTime}<input name="event_time" maxlength={40} value={v.event_time ?? ''} /></label>
      <label>{w.eventPlace}<input name="event_place" maxlength={200} value={v.event_place ?? ''} /></label>
    </>
  );
}

export function SiteEditorPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: View; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const s = view.site;
  const base = `/desa/${code}/situs`;
  const siteUrl = `/desa/${s?.slug ?? code}`;
  const settings = msg.form === 'settings' ? msg.values ?? {} : {
    slug: s?.slug ?? '', domain: s?.domain ?? '', tagline: s?.tagline ?? '', office_hours: s?.office_hours ?? '', about: s?.about_md ?? '', history: s?.history_md ?? '',
  };
  const official = new Map(view.officials.map((o) => [Number(o.id), o.name]));
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="situs-desa">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <p><a href={s?.slug ? siteUrl : `${siteUrl}/beranda`}>{`${w.open}: ${siteUrl}`}</a></p>
      <form method="post" action={`${base}/tulisan`} class="card">
        <h2>{w.newPost}</h2>
        <Csrf c={c} />
        <PostFields lang={lang} v={msg.form === 'post' ? msg.values ?? {} : {}} />
        <button type="submit">{w.publish}</button>
      </form>
      <h2>{w.posts}</h2>
      {view.posts.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.posts}>
          <thead><tr><th>{w.postTitle}</th><th>{w.kind}</th><th>{w.published}</th></tr></thead>
          <tbody>{view.posts.map((p) => (
            <tr>
              <td>
                {p.withdrawn_at ? <s>{p.title}</s> : <a href={`${siteUrl}/berita/${p.id}`}>{p.title}</a>}
                {p.withdrawn_at ? <small>{` (${w.withdrawn})`}</small> : (
                  <> · <a href={`${base}/tulisan/${p.id}`}>{w.edit}</a></>
                )}
              </td>
              <td>{w[p.kind]}{p.event_on ? ` · ${formatDate(p.event_on, lang)}` : ''}</td>
              <td>{formatDateTime(p.published_at, lang)}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      <form method="post" action={`${base}/foto`} enctype="multipart/form-data" class="card">
        <h2>{w.newPhoto}</h2>
        <Csrf c={c} />
        <label>{w.photo} *<input type="file" name="photo" accept="image/jpeg,image/png,image/webp" required /></label>
        <label>{w.caption}<input name="caption" maxlength={200} /></label>
        <label>{w.forOfficial}<select name="official_id">
          <option value="">{w.gallery}</option>
          {view.officials.map((o) => <option value={String(o.id)}>{`${o.name} · ${o.position_title}`}</option>)}
        </select></label>
        <p class="muted">{w.officials}</p>
        <button type="submit">{w.upload}</button>
      </form>
      <h2>{w.photos}</h2>
      {view.photos.length === 0 ? <p>{w.noPhotos}</p> : (
        <ul class="gallery">{view.photos.map((p) => (
          <li>
            <img src={`${siteUrl}/foto/${p.id}?kecil=1`} alt={p.caption ?? ''} loading="lazy" width="160" />
            <small>{p.official_id ? `${w.portrait}: ${official.get(Number(p.official_id)) ?? ''}` : p.caption ?? ''}</small>
            <form method="post" action={`${base}/foto/${p.id}/tarik`} class="inline"><Csrf c={c} /><button type="submit" class="link">{w.withdraw}</button></form>
          </li>
        ))}</ul>
      )}
      <form method="post" action={base} class="card">
        <h2>{w.settings}</h2>
        <Csrf c={c} />
        <label>{w.slug}<input name="slug" maxlength={40} pattern="[a-z][a-z0-9\-]{2,39}" value={settings.slug ?? ''} /></label>
        <label>{w.domain}<input name="domain" maxlength={253} value={settings.domain ?? ''} /></label>
        <label>{w.tagline}<input name="tagline" maxlength={160} value={settings.tagline ?? ''} /></label>
        <label>{w.hours}<input name="office_hours" maxlength={300} value={settings.office_hours ?? ''} /></label>
        <label>{w.about}<textarea name="about" rows={8} maxlength={20000}>{settings.about ?? ''}</textarea></label>
        <label>{w.history}<textarea name="history" rows={6} maxlength={20000}>{settings.history ?? ''}</textarea></label>
        <button type="submit">{w.save}</button>
      </form>
    </Layout>
  );
}

export function PostEditPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof postForEditing>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const p = view.post;
  const base = `/desa/${code}/situs/tulisan/${p.id}`;
  const values = msg.values ?? { kind: p.kind, title: p.title, content: p.body_md, event_on: p.event_on ?? '', event_time: p.event_time ?? '', event_place: p.event_place ?? '' };
  return (
    <Layout c={c} title={`${w.editTitle} · ${view.village.name}`} guide="situs-desa">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/situs`}>{w.back}</a></p>
      {p.withdrawn_at ? <Notice kind="warn">{w.withdrawn}</Notice> : (
        <>
          <form method="post" action={base} class="card">
            <Csrf c={c} />
            <PostFields lang={lang} v={values} />
            <button type="submit">{w.save}</button>
          </form>
          <form method="post" action={`${base}/tarik`} class="inline"><Csrf c={c} /><button type="submit" class="secondary">{w.withdraw}</button></form>
        </>
      )}
    </Layout>
  );
}
