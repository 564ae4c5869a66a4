import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout, Notice } from './layout.js';
import { ui } from './ui-text.js';

const REFERENCE = {
  id: (ref: string) => ['Kode rujukan: ', ref, '. Sebutkan kode ini bila melapor kepada admin Balai.'],
  en: (ref: string) => ['Reference: ', ref, '. Quote it when you report this to the Balai administrator.'],
};

/** An error as a page. A server fault carries the reference that its log line holds. */
export function ErrorPage({ c, status, message, reference }: { c: Context<AppEnv>; status: number; message: string; reference?: string }) {
  const lang = c.get('lang') ?? 'id';
  const tr = ui(lang);
  const [before, , after] = reference ? REFERENCE[lang](reference) : [];
  return (
    <Layout c={c} title={`${tr.error} ${status}`}>
      <Notice kind="error">{message}</Notice>
      {reference && (
        <p class="muted">
          {before}<code data-ref={reference}>{reference}</code>{after}
        </p>
      )}
      <p>
        <a href="/">{tr.backHome}</a>
        {status === 401 && (
          <>
            {' · '}
            <a href={c.req.path.startsWith('/warga') ? '/warga/masuk' : '/masuk'}>{tr.login}</a>
          </>
        )}
      </p>
    </Layout>
  );
}
