import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { formatDate, todayInWib } from '../../platform/format/format.js';
import { periodOf, periodRange, periodTitle } from '../../platform/format/period.js';
import { registerBookPdf } from '../../platform/pdf/register-book-job.js';
import { runInWorker } from '../../platform/workers/run.js';
import { AGENDA_WORKBOOK_WORKER } from './agenda-workbook.js';
import { activeHead, registerSignature, villageInScope } from '../villages/index.js';

/**
 * The agenda book (Buku Agenda, Permendagri 47/2016): the year's letters in and out in the
 * order of their day — derived, never typed twice: incoming letters from their register,
 * outgoing ones from the letters Balai numbered and signed. A voided incoming letter and a
 * revoked outgoing one stay, with why in the remarks column.
 */
const PAGE = 100;

export interface AgendaRow {
  kind: 'masuk' | 'keluar'; day: string; id: number; number: string | null; letter_date: string; party: string; subject: string; remark: string;
}


/**
 * The entries in the book's order (day; letters in before letters out; then their numbers), each
 * side at most `upTo` rows (what a page needs, read in its own order), the addressee's name joined
 * after the merge: a page of a busy year reads a few hundred rows, not every letter and resident.
 */
function agendaQuery(village: string, year: number, month: number | null, upTo: number | null, offset = 0) {
  const { from, to } = periodRange({ year, month });
  const cap = upTo === null ? sql`` : sql`limit ${upTo}`;
  return sql`
    select a.kind, a.day, a.id, a.number, a.letter_date, coalesce(a.party, r.name) as party, a.subject, a.remark from (
      (select 'masuk' as kind, l.received_on::text as day, l.id, l.letter_no as number, l.letter_date::text as letter_date, l.sender as party, null::bigint as resident_id, l.subject,
        case when l.voided_at is not null then 'Dibatalkan: ' || l.void_reason else 'No. Agenda ' || l.agenda_no end as remark, l.agenda_no as seq
      from incoming_letters l where l.village_code = ${village} and l.received_on >= ${from}::date and l.received_on < ${to}::date
      order by l.received_on, l.agenda_no ${cap})
      union all
      (select 'keluar', (l.signed_at at time zone 'Asia/Jakarta')::date::text, l.id, l.number, (l.signed_at at time zone 'Asia/Jakarta')::date::text, null, l.resident_id, l.type_title,
        case when l.revoked_at is not null then 'Dicabut: ' || coalesce(l.revoke_reason, '') else '' end, coalesce(l.running_number, 0)
      from letters l where l.village_code = ${village} and l.number is not null and l.signed_at >= ${`${from}T00:00:00+07:00`}::timestamptz and l.signed_at < ${`${to}T00:00:00+07:00`}::timestamptz
      order by (l.signed_at at time zone 'Asia/Jakarta')::date, coalesce(l.running_number, 0), l.id ${cap})
      order by day, kind desc, seq, id ${upTo === null ? sql`` : sql`limit ${upTo - offset} offset ${offset}`}
    ) a left join residents r on r.village_code = ${village} and r.id = a.resident_id
    order by a.day, a.kind desc, a.seq, a.id`;
}

/** How many entries the period holds, each side counted on its own index. */
async function agendaCount(ctx: UseCaseContext, village: string, year: number, month: number | null) {
  const { from, to } = periodRange({ year, month });
  const r = await sql<{ n: number }>`select
    (select count(*)::int from incoming_letters where village_code = ${village} and received_on >= ${from}::date and received_on < ${to}::date)
    + (select count(*)::int from letters where village_code = ${village} and number is not null and signed_at >= ${`${from}T00:00:00+07:00`}::timestamptz and signed_at < ${`${to}T00:00:00+07:00`}::timestamptz) as n`.execute(ctx.db.kysely);
  return r.rows[0]!.n;
}

/** A page of the agenda book, a hundred entries, numbered in order across pages. Reading it is logged (it names residents). */
export async function agendaBook(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; bulan?: string; page?: string }) {
  const village = await villageInScope(ctx, villageInput, 'mail.read');
  const { year, month } = periodOf('year', input);
  const page = pageOf(input.page);
  const offset = (page - 1) * PAGE;
  const [r, total] = await Promise.all([
    sql<AgendaRow>`${agendaQuery(village.village_code, year, month, offset + PAGE, offset)}`.execute(ctx.db.kysely),
    agendaCount(ctx, village.village_code, year, month),
  ]);
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.agenda_read', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { year, month, rows: r.rows.length } });
  return { village, year, month, page, total, pages: Math.max(1, Math.ceil(total / PAGE)), first: (page - 1) * PAGE + 1, rows: r.rows.map((x) => ({ ...x, id: Number(x.id) })) };
}

/**
 * The agenda book of a year (or a month) as an Excel workbook in the register's columns,
 * written in a worker thread: a busy village's year (7,000 rows) is a second of ExcelJS that
 * would otherwise hold every other user's request.
 */
export async function agendaWorkbook(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; bulan?: string }) {
  const village = await villageInScope(ctx, villageInput, 'mail.read');
  const { year, month } = periodOf('year', input);
  const r = await sql<AgendaRow>`${agendaQuery(village.village_code, year, month, null)}`.execute(ctx.db.kysely);
  const heading: [string, string] = [`BUKU AGENDA ${periodTitle({ year, month }).toUpperCase()}`, `${village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA'} ${village.name.toUpperCase()} (${village.village_code})`];
  const buffer = Buffer.from(await runInWorker<Uint8Array>(AGENDA_WORKBOOK_WORKER, { heading, rows: r.rows }, { timeoutMs: 120_000, memoryMb: 512 }));
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.agenda_export', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { year, month, rows: r.rows.length } });
  return { buffer, filename: `buku-agenda-${village.village_code.replace(/\./g, '')}-${year}${month ? `-${String(month).padStart(2, '0')}` : ''}.xlsx` };
}

/**
 * The agenda book of a year (or a month) as the printed register: landscape A4 or F4, the
 * register's columns, the village head's signature block at the end (none when no head is
 * recorded: nobody signs in his place). Drawn in a worker thread, off the request path.
 */
export async function agendaPdf(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; bulan?: string; kertas?: string }) {
  const village = await villageInScope(ctx, villageInput, 'mail.read');
  const { year, month } = periodOf('year', input);
  const paper = input.kertas === 'f4' ? 'f4' : 'a4';
  const [r, head] = await Promise.all([
    sql<AgendaRow>`${agendaQuery(village.village_code, year, month, null)}`.execute(ctx.db.kysely),
    activeHead(ctx.db.kysely, village.village_code),
  ]);
  const d = (s: string) => formatDate(s);
  const kind = village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA';
  const bytes = await registerBookPdf({
    title: 'BUKU AGENDA',
    lines: [`${kind} ${village.name.toUpperCase()} (${village.village_code})`, periodTitle({ year, month })],
    columns: [
      { title: 'NO. URUT', width: 28 }, { title: 'TANGGAL PENERIMAAN/ PENGIRIMAN', width: 56 },
      { title: 'SURAT MASUK: NOMOR', width: 64 }, { title: 'TANGGAL', width: 48 }, { title: 'PENGIRIM', width: 80 }, { title: 'ISI SINGKAT', width: 100 },
      { title: 'SURAT KELUAR: NOMOR', width: 70 }, { title: 'TANGGAL', width: 48 }, { title: 'DITUJUKAN KEPADA', width: 80 }, { title: 'ISI SINGKAT', width: 90 },
      { title: 'KETERANGAN', width: 70 },
    ],
    paper,
    signature: head ? registerSignature(head, village.name, todayInWib()) : null,
    empty: 'Belum ada surat pada periode ini.',
  }, r.rows.map((x, i) => {
    const inbound = x.kind === 'masuk';
    return { cells: [String(i + 1), d(x.day), inbound ? x.number ?? '' : '', inbound ? d(x.letter_date) : '', inbound ? x.party : '', inbound ? x.subject : '',
      inbound ? '' : x.number ?? '', inbound ? '' : d(x.letter_date), inbound ? '' : x.party, inbound ? '' : x.subject, x.remark] };
  }));
  await recordAudit(ctx.db.kysely, ctx, { action: 'mail.agenda_export', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { year, month, rows: r.rows.length, format: 'pdf' } });
  return { bytes, filename: `buku-agenda-${village.village_code.replace(/\./g, '')}-${year}${month ? `-${String(month).padStart(2, '0')}` : ''}.pdf` };
}
