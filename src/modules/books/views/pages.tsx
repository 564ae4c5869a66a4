import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatNumber, titleCase } from '../../../platform/format/format.js';
import { monthName } from '../../../platform/format/period.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import type { BookGroup } from '../book.js';
import type { bookPage } from '../books.service.js';
import { SHELF } from '../catalogue.js';
import { BOOK_TEXT } from './words.js';

const GROUPS: BookGroup[] = ['umum', 'penduduk', 'keuangan', 'pembangunan'];

/** /desa/<kode>/buku: every administration book the reader may open, by the regulation's groups. */
export function ShelfPage({ c, code, villageName }: { c: Context<AppEnv>; code: string; villageName: string }) {
  const lang = c.get('lang');
  const w = BOOK_TEXT[lang];
  const actor = c.get('ctx').actor;
  return (
    <Layout c={c} title={`${w.shelf} · ${titleCase(villageName)}`} guide="buku-administrasi">
      <p>{w.shelfIntro}</p>
      {GROUPS.map((g) => {
        const books = SHELF.filter((b) => b.group === g && can(actor, b.permission, code));
        if (books.length === 0) return null;
        return (
          <section>
            <h2>{w.groups[g]}</h2>
            <ul class="plain">
              {books.map((b) => (
                <li>
                  {b.href ? <a href={b.href(code)}>{b.name[lang]}</a> : <strong>{b.name[lang]}</strong>}
                  <br /><small>{b.href ? b.source[lang] : `${w.notKept}: ${b.source[lang]}`}</small>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}

/** /desa/<kode>/buku/<slug>: a derived book as printed — the same columns — a hundred rows a page, with its Excel and PDF. */
export function BookPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof bookPage>> }) {
  const lang = c.get('lang');
  const w = BOOK_TEXT[lang];
  const { book, village, period } = view;
  const code = village.village_code;
  const base = `/desa/${code}/buku/${book.slug}`;
  const query = book.period === 'none' ? '' : `tahun=${period.year}${period.month ? `&bulan=${period.month}` : ''}`;
  const link = (page: number) => `${base}?${[query, page > 1 ? `page=${page}` : ''].filter(Boolean).join('&')}`;
  const file = (ext: string, paper?: string) => `${base}.${ext}${query || paper ? '?' : ''}${[query, paper ? `kertas=${paper}` : ''].filter(Boolean).join('&')}`;
  return (
    <Layout c={c} title={`${book.name[lang]} · ${titleCase(village.name)}`} guide="buku-administrasi">
      <p class="links"><a href={`/desa/${code}/buku`}>{w.shelfLink}</a></p>
      {book.period !== 'none' && (
        <form method="get" class="card">
          <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(period.year)} /></label>
          <label>{w.month}<select name="bulan">
            {book.period === 'year' && <option value="">{w.allYear}</option>}
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => <option value={String(m)} selected={period.month === m}>{monthName(m, lang)}</option>)}
          </select></label>
          <button type="submit" class="secondary">{w.show}</button>
        </form>
      )}
      <p>
        {view.mayDownload ? (
          <>
            <a href={file('xlsx')} download>{w.excel}</a>{' · '}
            <a href={file('pdf', 'a4')}>{w.pdfA4}</a>{' · '}
            <a href={file('pdf', 'f4')}>{w.pdfF4}</a>{' · '}
          </>
        ) : <>{w.noDownload}{' · '}</>}
        {`${formatNumber(view.total, lang)} ${w.rows}`}{book.period === 'none' ? ` · ${w.current}` : ''}
      </p>
      {view.rows.length === 0 ? <p>{book.empty}</p> : (
        <DataTable aria-label={book.name[lang]}>
          <thead><tr><th>No.</th>{book.columns.map((col) => <th>{col.title}</th>)}</tr></thead>
          <tbody>
            {view.rows.map((r) => <tr class={r.heavyTop ? 'group-start' : undefined}>{r.cells.map((cell) => <td>{cell}</td>)}</tr>)}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}
