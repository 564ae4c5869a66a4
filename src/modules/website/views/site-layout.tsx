import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/http/env.js';
import { publicOrigin } from '../../../platform/http/public-origin.js';
import { Document } from '../../../platform/http/views/document.js';
import { titleCase } from '../../../platform/format/format.js';
import { hostName } from '../domains.js';
import type { SiteContext } from '../public-site.service.js';

export const SITE_TEXT = {
  id: {
    home: 'Beranda', news: 'Berita', tourism: 'Wisata', agenda: 'Agenda', gallery: 'Galeri', about: 'Profil', institutions: 'Lembaga', contact: 'Kontak dan layanan',
    statistics: 'Statistik', budget: 'APBDes', complaint: 'Pengaduan', verify: 'Cek keaslian surat', officerLogin: 'Masuk petugas', citizenLogin: 'Layanan mandiri warga',
    desa: 'Desa', kelurahan: 'Kelurahan', district: 'Kecamatan', madeWith: 'Situs desa di Balai', skip: 'Langsung ke isi',
  },
  en: {
    home: 'Home', news: 'News', tourism: 'Tourism', agenda: 'Agenda', gallery: 'Gallery', about: 'Profile', institutions: 'Institutions', contact: 'Contact and services',
    statistics: 'Statistics', budget: 'Budget (APBDes)', complaint: 'Complaints', verify: 'Check a letter', officerLogin: 'Officer login', citizenLogin: 'Citizen self-service',
    desa: 'Village', kelurahan: 'Urban ward', district: 'District', madeWith: 'Village website on Balai', skip: 'Skip to content',
  },
} as const;

export const villageTitle = (s: SiteContext, lang: 'id' | 'en') => `${s.village.kind === 'kelurahan' ? SITE_TEXT[lang].kelurahan : SITE_TEXT[lang].desa} ${titleCase(s.village.name)}`;

/** The address a visitor reached the site by: the village's own domain, or the platform's. */
export function siteOrigin(c: Context<AppEnv>, s: SiteContext): string {
  const host = hostName(c.req.header('host'));
  return s.site?.domain && host === s.site.domain ? `https://${host}` : publicOrigin(c);
}

/**
 * The frame of a village's public site: its own header and menu, a description and Open
 * Graph tags (a link shared on WhatsApp shows the village, the page and its logo), one style
 * sheet and no script. No personal data, so it may be cached by anyone for a few minutes.
 */
export function SiteLayout({ c, s, title, description, path, children, image }: {
  c: Context<AppEnv>; s: SiteContext; title: string | null; description: string; path: string; children: Child; image?: string;
}) {
  const lang = c.get('lang');
  const w = SITE_TEXT[lang];
  const name = villageTitle(s, lang);
  const origin = siteOrigin(c, s);
  const full = title ? `${title} · ${name}` : `${name}${s.site?.tagline ? ` · ${s.site.tagline}` : ''}`;
  const code = s.village.village_code;
  const logo = s.village.logo_type ? `/desa/${code}/logo` : null;
  const picture = image ?? (logo ? `${origin}${logo}` : null);
  const here = c.req.path;
  const nav: [string, string][] = [
    [s.home, w.home], [`${s.base}/berita`, w.news], [`${s.base}/agenda`, w.agenda], [`${s.base}/wisata`, w.tourism], [`${s.base}/galeri`, w.gallery],
    [`${s.base}/tentang`, w.about], [`${s.base}/lembaga`, w.institutions], [`${s.base}/kontak`, w.contact],
  ];
  const place = [s.regions.district ? `${w.district} ${titleCase(s.regions.district.name)}` : '', s.regions.regency ? titleCase(s.regions.regency.name) : ''].filter(Boolean).join(', ');
  return (
    <Document
      lang={lang}
      title={full}
      bodyClass="site"
      head={
        <>
          <meta name="description" content={description} />
          <link rel="canonical" href={`${origin}${path}`} />
          <meta property="og:type" content={title ? 'article' : 'website'} />
          <meta property="og:site_name" content={name} />
          <meta property="og:title" content={title ?? name} />
          <meta property="og:description" content={description} />
          <meta property="og:url" content={`${origin}${path}`} />
          <meta property="og:locale" content={lang === 'en' ? 'en_GB' : 'id_ID'} />
          {picture && <meta property="og:image" content={picture} />}
        </>
      }
    >
      <a class="skip" href="#isi">{w.skip}</a>
      <header class="site-head">
        {logo && <img class="site-logo" src={logo} alt="" width="48" height="48" />}
        <div>
          <a class="site-name" href={s.home}>{name}</a>
          <small>{[s.site?.tagline, place].filter(Boolean).join(' · ')}</small>
        </div>
        <nav class="lang">
          <a href={`/bahasa/id?next=${encodeURIComponent(here)}`} aria-current={lang === 'id' ? 'true' : undefined}>ID</a>
          <a href={`/bahasa/en?next=${encodeURIComponent(here)}`} aria-current={lang === 'en' ? 'true' : undefined}>EN</a>
        </nav>
      </header>
      <nav class="site-nav" aria-label={name}>
        {nav.map(([href, label]) => <a href={href} aria-current={here === href || (href === s.home && here === s.base) ? 'page' : undefined}>{label}</a>)}
      </nav>
      <main id="isi">
        {title && <h1>{title}</h1>}
        {children}
      </main>
      <footer class="site-foot">
        <p>
          <a href={`/publik/desa/${code}`}>{w.statistics}</a> · <a href={`/publik/desa/${code}/apbdes`}>{w.budget}</a> · <a href={`/publik/desa/${code}/pengaduan`}>{w.complaint}</a> · <a href="/v">{w.verify}</a>
        </p>
        <p>
          <a href="/warga/masuk">{w.citizenLogin}</a> · <a href="/masuk">{w.officerLogin}</a>
        </p>
        <small>{`${s.village.office_address ?? ''}${s.village.office_address ? ' · ' : ''}${w.madeWith}`}</small>
      </footer>
    </Document>
  );
}
