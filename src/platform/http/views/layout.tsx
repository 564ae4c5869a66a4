import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { can } from '../../access/access.js';
import { ROLE_LABEL } from '../../access/roles.js';
import { t, type Lang } from '../../i18n/i18n.js';
import type { AppEnv } from '../env.js';
import { assetUrl } from '../static-files.js';
import { Document } from './document.js';
import { ui } from './ui-text.js';

export interface LayoutProps {
  c: Context<AppEnv>;
  title: string;
  children?: Child;
  /** Path of a guide in docs/panduan to link from this page. */
  guide?: string;
  /** More for the page's head (a shared link's preview: Open Graph). */
  head?: Child;
}

/** The page frame: header with who is logged in, the role's menu, the language switch. */
export function Layout({ c, title, children, guide, head }: LayoutProps) {
  const lang = c.get('lang');
  const actor = c.get('ctx')?.actor ?? null;
  const session = c.get('session');
  const here = c.req.path;
  const tr = ui(lang);
  return (
    <Document
      lang={lang}
      title={`${title} · Balai`}
      head={
        <>
          <link rel="manifest" href="/manifest.webmanifest" />
          <meta name="theme-color" content="#0b6e4f" />
          {/* Officers: the indicator, the kept forms and the installable app (issue 15); pages work without it. */}
          {actor?.kind === 'user' && <script src={assetUrl('outbox-store.js')} defer></script>}
          {actor?.kind === 'user' && <script src={assetUrl('offline.js')} defer></script>}
          {head}
        </>
      }
    >
      <header class="top">
        <a class="brand" href={actor?.kind === 'citizen' ? '/warga' : '/'}>Balai</a>
        <nav class="lang">
          <a href={`/bahasa/id?next=${encodeURIComponent(here)}`} aria-current={lang === 'id' ? 'true' : undefined}>ID</a>
          <a href={`/bahasa/en?next=${encodeURIComponent(here)}`} aria-current={lang === 'en' ? 'true' : undefined}>EN</a>
        </nav>
      </header>
      {actor && session && actor.kind === 'citizen' && (
        <nav class="menu" aria-label={tr.menu}>
          <a href="/warga">{tr.home}</a>
          <a href="/warga/data">{tr.myData}</a>
          <a href="/warga/surat">{tr.letters}</a>
          <form method="post" action="/keluar" class="inline">
            <input type="hidden" name="_csrf" value={session.csrfToken} />
            <button type="submit" class="link">{tr.logout}</button>
          </form>
        </nav>
      )}
      {actor && session && actor.kind === 'user' && (
        <nav class="menu" aria-label={tr.menu}>
          <a href="/">{tr.home}</a>
          <a href="/wilayah">{tr.regions}</a>
          <a href="/pantau">{lang === 'en' ? 'Monitor' : 'Pantau'}</a>
          {actor.role.startsWith('village_') && <a href={`/desa/${actor.regionCode}`}>{tr.myVillage}</a>}
          {can(actor, 'letters.read') && <a href={`/desa/${actor.regionCode}/surat`}>{tr.letters}</a>}
          {actor.role !== 'village_operator' && actor.role !== 'village_treasurer' && <a href="/akun">{tr.accounts}</a>}
          <a href="/akun/kata-sandi">{tr.password}</a>
          <form method="post" action="/keluar" class="inline">
            <input type="hidden" name="_csrf" value={session.csrfToken} />
            <button type="submit" class="link">{tr.logout}</button>
          </form>
        </nav>
      )}
      <main>
        <h1>{title}</h1>
        {actor && (
          <p class="who">
            {actor.fullName} · {ROLE_LABEL[actor.role][lang]}
          </p>
        )}
        {children}
        {guide && (
          <p class="guide">
            <a href={`/panduan/${guide}`}>{tr.guide}</a>
          </p>
        )}
      </main>
      <footer>
        <small>{tr.footer}</small>
      </footer>
    </Document>
  );
}

/** Hidden CSRF field for forms posted with a session. */
export function Csrf({ c }: { c: Context<AppEnv> }) {
  const s = c.get('session');
  return s ? <input type="hidden" name="_csrf" value={s.csrfToken} /> : null;
}

export function Notice({ kind, children }: { kind: 'error' | 'ok' | 'warn'; children: Child }) {
  return (
    <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

export function messageFor(lang: Lang, key: Parameters<typeof t>[1], params = {}) {
  return t(lang, key, params);
}
