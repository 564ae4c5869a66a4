import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, titleCase } from '../../../platform/format/format.js';
import type { searchGuests } from '../guestbook.service.js';
import type { Official } from '../officials.js';
import { ATTENDANCE_TEXT, fill, type AttendanceWords } from './attendance-text.js';
import type { AttendanceMsg } from './office-pages.js';

/** The fields of a guest, at the office and at the kiosk alike. */
export function GuestFields({ w, officials, v }: { w: AttendanceWords; officials: Official[]; v: (k: string) => string }) {
  return (
    <>
      <label>{w.guestName} *<input name="name" required minlength={2} maxlength={120} value={v('name')} autocomplete="off" /></label>
      <label>{w.comesFrom} *<input name="comes_from" required minlength={2} maxlength={200} value={v('comes_from')} autocomplete="off" /></label>
      <label>{w.purpose} *<textarea name="purpose" required minlength={3} maxlength={500} rows={2}>{v('purpose')}</textarea></label>
      <label>{w.met}<select name="met_user_id">
        <option value="">{w.metNone}</option>
        {officials.map((o) => <option value={String(o.id)} selected={v('met_user_id') === String(o.id)}>{`${o.full_name} · ${o.position}`}</option>)}
      </select></label>
      <label>{w.metOther}<input name="met_name" maxlength={120} value={v('met_name')} autocomplete="off" /></label>
      <label>{w.phone}<input type="tel" name="phone" maxlength={20} value={v('phone')} autocomplete="off" /></label>
    </>
  );
}

/** /desa/<kode>/buku-tamu: the search, the guests found a page at a time, and the form to write one in. */
export function GuestBookPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof searchGuests>>; msg: AttendanceMsg }) {
  const lang = c.get('lang');
  const w = ATTENDANCE_TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string) => msg.values?.[k] ?? '';
  const query = (page: number) => `?${new URLSearchParams({ ...(view.q ? { q: view.q } : {}), ...(view.from ? { dari: view.from } : {}), ...(view.to ? { sampai: view.to } : {}), page: String(page) })}`;
  const pages = Math.max(1, Math.ceil(view.total / view.perPage));
  return (
    <Layout c={c} title={`${w.guestBook} · ${titleCase(view.village.name)}`} guide="buku-tamu">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.guestIntro}</p>
      <p class="no-print"><a href={`/desa/${code}/kehadiran`}>{ATTENDANCE_TEXT[lang].title}</a> · <a href={`/anjungan/${code}/tamu`}>{w.kioskGuest}</a></p>
      <form method="get" class="card">
        <label>{`${w.search} (${w.searchHint})`}<input type="search" name="q" maxlength={100} value={view.q} /></label>
        <label>{w.from}<input type="date" name="dari" value={view.from ?? ''} /></label>
        <label>{w.to}<input type="date" name="sampai" value={view.to ?? ''} /></label>
        <button type="submit" class="secondary">{w.search}</button>
      </form>
      <p>{fill(w.found, { n: view.total })}{view.whole && <> · <a href={`/desa/${code}/buku-tamu.xlsx${query(1)}`} download>{w.excel}</a></>}</p>
      {!view.whole && <p class="muted">{w.masked}</p>}
      {view.guests.length > 0 && (
        <DataTable aria-label={w.guestBook}>
          <thead><tr><th>{w.when}</th><th>{w.guestName}</th><th>{w.comesFrom}</th><th>{w.purpose}</th><th>{w.met}</th><th>{w.phone}</th></tr></thead>
          <tbody>
            {view.guests.map((g) => (
              <tr><td>{formatDateTime(g.visited_at, lang)}</td><td>{g.name}</td><td>{g.comes_from}</td><td>{g.purpose}</td><td>{g.met ?? ''}</td><td>{g.phone ?? ''}</td></tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {pages > 1 && (
        <nav class="pager">
          {view.page > 1 && <a href={query(view.page - 1)}>{w.prev}</a>}{` ${w.page} ${view.page} / ${pages} `}
          {view.page < pages && <a href={query(view.page + 1)}>{w.next}</a>}
        </nav>
      )}
      <form method="post" action={`/desa/${code}/buku-tamu`} class="card">
        <h2>{w.addGuest}</h2>
        <Csrf c={c} />
        <GuestFields w={w} officials={view.officials} v={v} />
        <button type="submit">{w.send}</button>
      </form>
    </Layout>
  );
}
