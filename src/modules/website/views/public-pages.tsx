import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../../platform/http/env.js';
import { formatDate, formatNumber, titleCase } from '../../../platform/format/format.js';
import { plainExcerpt } from '../../../platform/markdown/safe-markdown.js';
import { INSTITUTION_KINDS, TRAINING_TOPICS } from '../../institutions/index.js';
import type { siteAbout, siteAgenda, siteContact, siteGallery, siteHome, siteInstitutions, sitePost, sitePosts } from '../public-site.service.js';
import { SITE_TEXT, SiteLayout, villageTitle } from './site-layout.js';

const TEXT = {
  id: {
    latest: 'Berita dan pengumuman terbaru', allNews: 'Semua berita', upcoming: 'Agenda mendatang', allAgenda: 'Semua agenda', noNews: 'Belum ada berita.', noAgenda: 'Belum ada agenda.',
    residents: 'Penduduk', families: 'Kepala keluarga (KK)', male: 'Laki-laki', female: 'Perempuan', services: 'Layanan', getLetter: 'Cara mengurus surat', sendComplaint: 'Kirim pengaduan atau aspirasi',
    seeBudget: 'Lihat APBDes', seeStats: 'Statistik penduduk', checkLetter: 'Cek keaslian surat', announcement: 'Pengumuman', news: 'Berita', agenda: 'Agenda',
    page: 'Halaman', of: 'dari', prev: '‹ Lebih baru', next: 'Lebih lama ›', updated: 'diperbarui', back: 'Semua berita', past: 'Agenda yang sudah lewat', at: 'di',
    noPhotos: 'Belum ada foto.', profile: 'Profil desa', history: 'Sejarah desa', officials: 'Perangkat desa', noProfile: 'Profil desa belum diisi.', head: 'Kepala desa',
    noInstitutions: 'Belum ada lembaga yang dicatat.', learning: 'Pelatihan dan materi belajar warga', members: 'anggota', contactTitle: 'Kantor desa', address: 'Alamat', phone: 'Telepon', email: 'E-mail', hours: 'Jam pelayanan',
    letterSteps: 'Datang ke kantor desa dengan KTP-el (atau hanya dengan KTP-el di anjungan layanan mandiri), atau ajukan dari HP lewat layanan mandiri warga dengan NIK dan PIN. Surat yang ditandatangani dapat dicek keasliannya dengan kode pada surat.',
    requirements: 'Persyaratan', online: 'bisa diajukan dari HP', complaintText: 'Sampaikan pengaduan atau aspirasi tanpa harus datang; Anda mendapat kode untuk melacak jawabannya.',
    fullPhoto: 'Buka foto ukuran penuh',
  },
  en: {
    latest: 'Latest news and announcements', allNews: 'All news', upcoming: 'Coming up', allAgenda: 'Full agenda', noNews: 'No news yet.', noAgenda: 'Nothing on the agenda.',
    residents: 'Residents', families: 'Families (KK)', male: 'Male', female: 'Female', services: 'Services', getLetter: 'How to get a letter', sendComplaint: 'Send a complaint or an idea',
    seeBudget: 'See the budget (APBDes)', seeStats: 'Population statistics', checkLetter: 'Check a letter', announcement: 'Announcement', news: 'News', agenda: 'Agenda',
    page: 'Page', of: 'of', prev: '‹ Newer', next: 'Older ›', updated: 'updated', back: 'All news', past: 'Past events', at: 'at',
    noPhotos: 'No photo yet.', profile: 'Village profile', history: 'History', officials: 'Village officials', noProfile: 'The village has not written its profile yet.', head: 'Village head',
    noInstitutions: 'No institution recorded yet.', learning: 'Trainings and learning material for residents', members: 'members', contactTitle: 'Village office', address: 'Address', phone: 'Phone', email: 'E-mail', hours: 'Office hours',
    letterSteps: 'Come to the village office with your e-KTP (or with only the e-KTP at the self-service kiosk), or ask from your phone in citizen self-service with your NIK and PIN. A signed letter can be checked with the code printed on it.',
    requirements: 'Requirements', online: 'can be requested from a phone', complaintText: 'Send a complaint or an idea without coming in; you get a code to follow the answer.',
    fullPhoto: 'Open the full-size photo',
  },
} as const;

type Lang = 'id' | 'en';
const day = (d: string | Date, lang: Lang) => formatDate(d instanceof Date ? d : String(d).slice(0, 10), lang);
const kindLabel = (k: string, lang: Lang) => (k === 'announcement' ? TEXT[lang].announcement : k === 'agenda' ? TEXT[lang].agenda : TEXT[lang].news);
const cacheable = { 'cache-control': 'public, max-age=300' };
export const SITE_HEADERS = (c: Context<AppEnv>) => (c.get('session') ? { 'cache-control': 'private, no-store', vary: 'Cookie' } : { ...cacheable, vary: 'Cookie' });

type Post = { id: number | string; kind: string; title: string; body_md: string; published_at: Date | string };
function PostList({ base, posts, lang }: { base: string; posts: Post[]; lang: Lang }) {
  return (
    <ul class="posts">{posts.map((p) => (
      <li>
        <small>{`${kindLabel(p.kind, lang)} · ${day(p.published_at, lang)}`}</small>
        <h3><a href={`${base}/berita/${p.id}`}>{p.title}</a></h3>
        <p>{plainExcerpt(p.body_md)}</p>
      </li>
    ))}</ul>
  );
}

type AgendaItem = { id: number | string; title: string; event_on: string | null; event_time: string | null; event_place: string | null };
function AgendaList({ base, items, lang }: { base: string; items: AgendaItem[]; lang: Lang }) {
  return (
    <ul class="posts">{items.map((a) => (
      <li>
        <small>{[a.event_on ? day(a.event_on, lang) : '', a.event_time, a.event_place ? `${TEXT[lang].at} ${a.event_place}` : ''].filter(Boolean).join(' · ')}</small>
        <h3><a href={`${base}/berita/${a.id}`}>{a.title}</a></h3>
      </li>
    ))}</ul>
  );
}

export function SiteHomePage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteHome>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const name = villageTitle(view, lang);
  const description = view.site?.tagline ?? `${name}: ${w.latest.toLowerCase()}, ${w.agenda.toLowerCase()}, ${w.services.toLowerCase()}.`;
  return (
    <SiteLayout c={c} s={view} title={null} description={description} path={view.base}>
      <h1>{name}</h1>
      <ul class="tiles">
        <li><a href={`${view.base}/kontak#surat`}>{w.getLetter}</a></li>
        <li><a href={`/publik/desa/${code}/pengaduan/kirim`}>{w.sendComplaint}</a></li>
        <li><a href={`/publik/desa/${code}/apbdes`}>{w.seeBudget}</a></li>
        <li><a href={`/publik/desa/${code}`}>{w.seeStats}</a></li>
        <li><a href="/v">{w.checkLetter}</a></li>
      </ul>
      <dl class="figures">
        <dt>{w.residents}</dt><dd class="num">{n(view.figures.residents)}</dd>
        <dt>{w.male}</dt><dd class="num">{n(view.figures.male)}</dd>
        <dt>{w.female}</dt><dd class="num">{n(view.figures.female)}</dd>
        <dt>{w.families}</dt><dd class="num">{n(view.figures.families)}</dd>
      </dl>
      <h2>{w.latest}</h2>
      {view.posts.length === 0 ? <p>{w.noNews}</p> : <PostList base={view.base} posts={view.posts} lang={lang} />}
      <p><a href={`${view.base}/berita`}>{w.allNews}</a></p>
      <h2>{w.upcoming}</h2>
      {view.upcoming.length === 0 ? <p>{w.noAgenda}</p> : <AgendaList base={view.base} items={view.upcoming} lang={lang} />}
      <p><a href={`${view.base}/agenda`}>{w.allAgenda}</a></p>
    </SiteLayout>
  );
}

export function SiteNewsPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof sitePosts>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const path = view.page > 1 ? `${view.base}/berita?halaman=${view.page}` : `${view.base}/berita`;
  return (
    <SiteLayout c={c} s={view} title={SITE_TEXT[lang].news} description={`${SITE_TEXT[lang].news} ${villageTitle(view, lang)}`} path={path}>
      {view.posts.length === 0 ? <p>{w.noNews}</p> : <PostList base={view.base} posts={view.posts} lang={lang} />}
      {view.pages > 1 && (
        <p class="pager">
          {view.page > 1 && <a href={`${view.base}/berita?halaman=${view.page - 1}`}>{w.prev}</a>}
          {` ${w.page} ${view.page} ${w.of} ${view.pages} `}
          {view.page < view.pages && <a href={`${view.base}/berita?halaman=${view.page + 1}`}>{w.next}</a>}
        </p>
      )}
    </SiteLayout>
  );
}

export function SitePostPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof sitePost>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const p = view.post;
  const edited = new Date(p.updated_at).getTime() - new Date(p.published_at).getTime() > 60_000;
  return (
    <SiteLayout c={c} s={view} title={p.title} description={plainExcerpt(p.body_md)} path={`${view.base}/berita/${p.id}`}>
      <p class="muted">
        {`${kindLabel(p.kind, lang)} · ${day(p.published_at, lang)}${edited ? ` (${w.updated} ${day(p.updated_at, lang)})` : ''}`}
      </p>
      {p.kind === 'agenda' && p.event_on && (
        <p><strong>{[day(p.event_on, lang), p.event_time, p.event_place ? `${w.at} ${p.event_place}` : ''].filter(Boolean).join(' · ')}</strong></p>
      )}
      {/* Made safe when saved: raw HTML in the Markdown became text, links only http(s)/mailto/tel/this site. */}
      <article class="post-text">{raw(p.body_html)}</article>
      <p><a href={`${view.base}/berita`}>{w.back}</a></p>
    </SiteLayout>
  );
}

export function SiteAgendaPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteAgenda>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <SiteLayout c={c} s={view} title={SITE_TEXT[lang].agenda} description={`${SITE_TEXT[lang].agenda} ${villageTitle(view, lang)}`} path={`${view.base}/agenda`}>
      {view.upcoming.length === 0 ? <p>{w.noAgenda}</p> : <AgendaList base={view.base} items={view.upcoming} lang={lang} />}
      {view.past.length > 0 && <><h2>{w.past}</h2><AgendaList base={view.base} items={view.past} lang={lang} /></>}
    </SiteLayout>
  );
}

export function SiteGalleryPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteGallery>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <SiteLayout c={c} s={view} title={SITE_TEXT[lang].gallery} description={`${SITE_TEXT[lang].gallery} ${villageTitle(view, lang)}`} path={`${view.base}/galeri`}>
      {view.photos.length === 0 ? <p>{w.noPhotos}</p> : (
        <ul class="gallery">{view.photos.map((p) => {
          // The grid shows the small copy; its size keeps the page from jumping while it loads.
          const ratio = p.height / p.width;
          return (
            <li>
              <a href={`${view.base}/foto/${p.id}`} title={w.fullPhoto}>
                <img src={`${view.base}/foto/${p.id}?kecil=1`} alt={p.caption ?? ''} loading="lazy" width="360" height={String(Math.round(360 * ratio))} />
              </a>
              {p.caption && <small>{p.caption}</small>}
            </li>
          );
        })}</ul>
      )}
    </SiteLayout>
  );
}

export function SiteAboutPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteAbout>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const s = view.site;
  return (
    <SiteLayout c={c} s={view} title={w.profile} description={s?.about_md ? plainExcerpt(s.about_md) : `${w.profile} ${villageTitle(view, lang)}`} path={`${view.base}/tentang`}>
      {s?.about_html ? <article class="post-text">{raw(s.about_html)}</article> : <p>{w.noProfile}</p>}
      {s?.history_html && <><h2>{w.history}</h2><article class="post-text">{raw(s.history_html)}</article></>}
      <h2>{w.officials}</h2>
      <ul class="people">{view.officials.map((o) => (
        <li>
          {o.photo_id ? <img src={`${view.base}/foto/${o.photo_id}?kecil=1`} alt={o.name} loading="lazy" width="96" height="96" /> : <span class="no-photo" aria-hidden="true">{o.name.slice(0, 1)}</span>}
          <span><strong>{o.name}</strong><br /><small>{o.position_title}</small></span>
        </li>
      ))}</ul>
    </SiteLayout>
  );
}

export function SiteInstitutionsPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteInstitutions>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <SiteLayout c={c} s={view} title={SITE_TEXT[lang].institutions} description={`${SITE_TEXT[lang].institutions} ${villageTitle(view, lang)}`} path={`${view.base}/lembaga`}>
      {view.institutions.length === 0 ? <p>{w.noInstitutions}</p> : view.institutions.map((i) => (
        <section class="card">
          <h2>{i.name}</h2>
          <p class="muted">{`${INSTITUTION_KINDS[i.kind][lang]} · ${formatNumber(i.memberCount, lang)} ${w.members}`}</p>
          {i.members.length > 0 && <ul class="plain">{i.members.map((m) => <li>{`${m.position}: ${titleCase(m.name)}`}</li>)}</ul>}
        </section>
      ))}
      {view.trainings.length > 0 && (
        <>
          <h2>{w.learning}</h2>
          <ul class="posts">{view.trainings.map((t) => (
            <li>
              <small>{`${day(t.held_on, lang)} · ${TRAINING_TOPICS[t.topic][lang]}`}</small>
              <h3>{t.material_url ? <a href={t.material_url} rel="noopener nofollow">{t.title}</a> : t.title}</h3>
            </li>
          ))}</ul>
        </>
      )}
    </SiteLayout>
  );
}

export function SiteContactPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteContact>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = view.village;
  const code = v.village_code;
  return (
    <SiteLayout c={c} s={view} title={SITE_TEXT[lang].contact} description={`${w.contactTitle} ${villageTitle(view, lang)}: ${w.hours.toLowerCase()}, ${w.getLetter.toLowerCase()}.`} path={`${view.base}/kontak`}>
      <h2>{w.contactTitle}</h2>
      <dl class="figures">
        {v.office_address && <><dt>{w.address}</dt><dd>{`${v.office_address}${v.postal_code ? ` ${v.postal_code}` : ''}`}</dd></>}
        {v.phone && <><dt>{w.phone}</dt><dd><a href={`tel:${v.phone.replace(/[^0-9+]/g, '')}`}>{v.phone}</a></dd></>}
        {v.email && <><dt>{w.email}</dt><dd><a href={`mailto:${v.email}`}>{v.email}</a></dd></>}
        {view.site?.office_hours && <><dt>{w.hours}</dt><dd>{view.site.office_hours}</dd></>}
      </dl>
      <h2 id="surat">{w.getLetter}</h2>
      <p>{w.letterSteps}</p>
      <ul class="posts">{view.letters.map((t) => (
        <li>
          <h3>{t.title}</h3>
          <small>{`${w.requirements}: ${t.requirements.join('; ')}${t.online ? ` · ${w.online}` : ''}`}</small>
        </li>
      ))}</ul>
      <h2>{w.sendComplaint}</h2>
      <p>{w.complaintText} <a href={`/publik/desa/${code}/pengaduan/kirim`}>{w.sendComplaint}</a></p>
    </SiteLayout>
  );
}
