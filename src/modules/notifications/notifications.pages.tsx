import type { Context } from 'hono';
import { can } from '../../platform/access/access.js';
import { access } from '../../platform/access/route-access.js';
import { formatDateTime, formatNumber } from '../../platform/format/format.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { DataTable } from '../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../platform/http/views/layout.js';
import { retryNotification, villageNotifications } from './notifications.service.js';
import { words } from './words.js';

export function registerNotificationPages(app: Router) {
  const page = async (c: Context<AppEnv>, notice?: { ok?: string; error?: string }, status: 200 | 404 | 409 = 200) => {
    const ctx = c.get('ctx');
    const list = await villageNotifications(ctx, c.req.param('code')!, { status: c.req.query('status'), page: c.req.query('page') });
    return c.html(<NotificationsPage c={c} list={list} canRetry={can(ctx.actor, 'notifications.retry', list.village)} notice={notice} />, status);
  };

  app.get('/desa/:code/notifikasi', access({ permission: 'notifications.read', scope: 'village' }), (c) =>
    page(c, c.req.query('ok') ? { ok: words(c.get('lang')).retried } : undefined));

  app.post('/desa/:code/notifikasi/:id{[0-9]+}/ulang', access({ permission: 'notifications.retry', scope: 'village' }), async (c) => {
    const id = idParam(c);
    try {
      const row = await retryNotification(c.get('ctx'), c.req.param('code'), id);
      return c.redirect(`/desa/${c.req.param('code')}/notifikasi?ok=${row.id}`, 303);
    } catch (err) {
      const problem = formProblem(c, err);
      if (problem.status === 404) throw err;
      return page(c, { error: problem.message }, 409);
    }
  });
}

type List = Awaited<ReturnType<typeof villageNotifications>>;

function NotificationsPage({ c, list, canRetry, notice }: { c: Context<AppEnv>; list: List; canRetry: boolean; notice?: { ok?: string; error?: string } }) {
  const lang = c.get('lang');
  const w = words(lang);
  const base = `/desa/${list.village}/notifikasi`;
  const filters = [['', w.all], ['failed', w.failed], ['pending', w.pending], ['sent', w.sent]] as const;
  const link = (status: string | undefined, page = 1) => `${base}?${new URLSearchParams({ ...(status && { status }), ...(page > 1 && { page: String(page) }) })}`;
  return (
    <Layout c={c} title={w.title} guide="notifikasi">
      <p>{w.intro}</p>
      {notice?.ok && <Notice kind="ok">{notice.ok}</Notice>}
      {notice?.error && <Notice kind="error">{notice.error}</Notice>}
      <nav class="subnav" aria-label={w.status}>
        {filters.map(([s, label]) => <a href={link(s || undefined)} aria-current={(list.status ?? '') === s ? 'true' : undefined}>{label}</a>)}
      </nav>
      {list.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable>
          <thead><tr><th>{w.when}</th><th>{w.to}</th><th>{w.channel}</th><th>{w.about}</th><th>{w.status}</th><th>{w.reason}</th>{canRetry && <th>{w.action}</th>}</tr></thead>
          <tbody>
            {list.rows.map((r) => (
              <tr>
                <td>{formatDateTime(r.sent_at ?? r.created_at, lang)}</td>
                <td>{r.recipient}</td>
                <td>{w[r.channel]}</td>
                <td>{about(r.subject_ref, r.subject, list.village, w.letter)}</td>
                <td>
                  {w[r.status]}
                  {r.status === 'pending' && r.attempts > 0 && <span class="muted"> ({formatNumber(r.attempts, lang)} {w.attempts}; {w.nextTry} {formatDateTime(r.next_attempt_at, lang)})</span>}
                </td>
                <td>{r.last_error ?? ''}</td>
                {canRetry && (
                  <td>
                    {r.status === 'failed' && (
                      <form method="post" action={`${base}/${r.id}/ulang`} class="inline">
                        <Csrf c={c} />
                        <button type="submit">{w.retry}</button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <p>
        {list.page > 1 && <a href={link(list.status, list.page - 1)}>{w.previous}</a>}
        {list.page > 1 && list.more && ' · '}
        {list.more && <a href={link(list.status, list.page + 1)}>{w.next}</a>}
      </p>
    </Layout>
  );
}

/** "Surat 42" links the letter; anything else shows the message's subject line. */
function about(ref: string | null, subject: string, village: string, letter: string) {
  const m = /^letter:(\d+)$/.exec(ref ?? '');
  return m ? <a href={`/desa/${village}/surat/${m[1]}`}>{subject || `${letter} ${m[1]}`}</a> : subject;
}
