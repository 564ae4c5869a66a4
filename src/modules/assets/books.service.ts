import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { AssetCondition, AssetKind } from '../../platform/db/schema.js';
import { pageOf } from '../../platform/db/search-pattern.js';
import { formatDate, formatRupiah, todayInWib } from '../../platform/format/format.js';
import { yearOrThisYear } from '../../platform/format/period.js';
import { registerWorkbook } from '../../platform/excel/register-workbook-job.js';
import type { RegisterBook, RegisterLine } from '../../platform/pdf/register-book.js';
import { registerBookPdf } from '../../platform/pdf/register-book-job.js';
import { activeHead, registerSignature, villageInScope } from '../villages/index.js';
import { ASSET_KINDS, CERTIFIED, FARM_USES, HOLDING_USES, KIND_ORDER, LAND_ORIGINS, LAND_RIGHTS, PARCEL_USES, type AssetOrigin, type DisposalReason } from './codes.js';
import { formatMeasure, hundredthsOf, measure } from './numbers.js';
import { holdingsOf, parcelsOf } from './land.service.js';

/**
 * The three books of the village's goods and land (Permendagri 47/2016), derived from the
 * records, never typed twice:
 * - Buku Inventaris dan Kekayaan Desa of a year: every item held at some time in the year — its
 *   origin, its condition at the year's start, its disposal in the year, its condition at the
 *   year's end — by kind, with each kind's totals and the year's;
 * - Buku Tanah Kas Desa: the village's own parcels acquired by the year's end, with the total area;
 * - Buku Tanah di Desa: the land in the village by owner, with the total area.
 */
const PAGE = 100;

export interface InventoryLine {
  id: number; kind: AssetKind; name: string; item_code: string | null; origin: AssetOrigin; acquired_year: number; quantity: string; unit: string; value: string;
  location: string | null; note: string | null; disposed_on: string | null; disposal_reason: DisposalReason | null;
  /** Condition at the year's start (null: not held yet) and at its end (null: disposed by then). */
  start: AssetCondition | null; end: AssetCondition | null;
}
export interface KindTotal { kind: AssetKind; lines: number; value: bigint; heldValue: bigint; startGood: number; startDamaged: number; disposed: number; endGood: number; endDamaged: number }

/**
 * The items of the book of `year` as a subquery: held at some time in the year, with their
 * condition at its start and end read back from the condition entries (the first entry after a
 * day says what the condition was on it), and the kind's place in the book.
 */
function bookBase(village: string, year: number) {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const entry = (after: string, strict: boolean) => sql`(select distinct on (subject_id) subject_id, from_condition from asset_events
    where village_code = ${village} and subject = 'item' and kind = 'condition' and ${strict ? sql`on_day > ${after}::date` : sql`on_day >= ${after}::date`}
    order by subject_id, on_day, id)`;
  return sql`(select i.id, i.kind, i.name, i.item_code, i.origin, i.acquired_year, i.quantity::text as quantity, i.unit, i.value, i.location, i.note,
      i.disposed_on::text as disposed_on, i.disposal_reason,
      case when i.acquired_year < ${year} then coalesce(s.from_condition, i.condition) end as start,
      case when i.disposed_on <= ${last}::date then null else coalesce(e.from_condition, i.condition) end as "end",
      array_position(array[${sql.join(KIND_ORDER)}]::text[], i.kind) as kind_order
    from asset_items i left join ${entry(first, false)} s on s.subject_id = i.id left join ${entry(last, true)} e on e.subject_id = i.id
    where i.village_code = ${village} and i.acquired_year <= ${year} and (i.disposed_on is null or i.disposed_on >= ${first}::date)) b`;
}

const lineOf = (x: InventoryLine & { value: string | number }) => ({ ...x, id: Number(x.id), acquired_year: Number(x.acquired_year), value: String(x.value) });

/**
 * The items in the book of `year`, in the book's order (kind, then as recorded), with their
 * condition at the start and the end of the year read back from the condition entries: the
 * condition on a day is the one the first later entry changed from, or today's when none.
 */
export async function inventoryLines(db: UseCaseContext['db']['kysely'], village: string, year: number, page: { limit: number; offset: number } | null = null): Promise<InventoryLine[]> {
  const r = await sql<InventoryLine>`select id, kind, name, item_code, origin, acquired_year, quantity, unit, value::text as value, location, note, disposed_on, disposal_reason, start, "end"
    from ${bookBase(village, year)} order by kind_order, id ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`.execute(db);
  return r.rows.map(lineOf);
}

/** Each kind's totals over the whole year, counted by the database (a page shows a hundred lines, the totals all). */
async function inventoryTotals(db: UseCaseContext['db']['kysely'], village: string, year: number): Promise<KindTotal[]> {
  const r = await sql<{ kind: AssetKind; lines: number; value: string; held: string | null; sg: number; sd: number; gone: number; eg: number; ed: number }>`
    select kind, count(*)::int as lines, sum(value)::text as value, (sum(value) filter (where "end" is not null))::text as held,
      count(*) filter (where start = 'baik')::int as sg, count(*) filter (where start <> 'baik')::int as sd, count(*) filter (where "end" is null)::int as gone,
      count(*) filter (where "end" = 'baik')::int as eg, count(*) filter (where "end" <> 'baik')::int as ed
    from ${bookBase(village, year)} group by kind`.execute(db);
  const byKind = new Map(r.rows.map((t) => [t.kind, t]));
  return KIND_ORDER.filter((k) => byKind.has(k)).map((k) => {
    const t = byKind.get(k)!;
    return { kind: k, lines: t.lines, value: BigInt(t.value), heldValue: BigInt(t.held ?? '0'), startGood: t.sg, startDamaged: t.sd, disposed: t.gone, endGood: t.eg, endDamaged: t.ed };
  });
}

export function kindTotals(lines: InventoryLine[]): KindTotal[] {
  const totals = new Map<AssetKind, KindTotal>();
  for (const l of lines) {
    const t = totals.get(l.kind) ?? { kind: l.kind, lines: 0, value: 0n, heldValue: 0n, startGood: 0, startDamaged: 0, disposed: 0, endGood: 0, endDamaged: 0 };
    t.lines++;
    t.value += BigInt(l.value);
    if (l.end) t.heldValue += BigInt(l.value);
    if (l.start === 'baik') t.startGood++;
    else if (l.start) t.startDamaged++;
    if (!l.end) t.disposed++;
    else if (l.end === 'baik') t.endGood++;
    else t.endDamaged++;
    totals.set(l.kind, t);
  }
  return KIND_ORDER.filter((k) => totals.has(k)).map((k) => totals.get(k)!);
}

function bookYear(input: { tahun?: string }) {
  return yearOrThisYear(input.tahun);
}

/** A page of the year's inventory book (a hundred lines), with the totals of the whole year. */
export async function inventoryBook(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; page?: string }) {
  const village = await villageInScope(ctx, villageInput, 'asset.read');
  const year = bookYear(input);
  const page = pageOf(input.page);
  const [rows, totals] = await Promise.all([
    inventoryLines(ctx.db.kysely, village.village_code, year, { limit: PAGE, offset: (page - 1) * PAGE }),
    inventoryTotals(ctx.db.kysely, village.village_code, year),
  ]);
  const count = totals.reduce((n, t) => n + t.lines, 0);
  const pages = Math.max(1, Math.ceil(count / PAGE));
  return {
    village, year, page, pages, first: (page - 1) * PAGE + 1, count, rows, totals,
    value: totals.reduce((n, t) => n + t.value, 0n), heldValue: totals.reduce((n, t) => n + t.heldValue, 0n),
  };
}

const qty = (l: InventoryLine) => `${measure(l.quantity)} ${l.unit}`;
const damaged = (c: AssetCondition | null) => (c === 'rusak_ringan' ? 'ringan' : c === 'rusak_berat' ? 'berat' : '');
const ORIGIN_COLUMN: Record<AssetOrigin, number> = { apbdes: 0, pemerintah: 1, provinsi: 2, kabupaten: 3, sumbangan: 4 };

/** The book's columns (Permendagri 47/2016), a value column beside the remarks. */
const INVENTORY_COLUMNS: RegisterBook['columns'] = [
  { title: 'NO', width: 18 }, { title: 'JENIS BARANG/ BANGUNAN', width: 110 },
  { title: 'ASAL: DIBELI SENDIRI', width: 38 }, { title: 'ASAL: BANTUAN PEMERINTAH', width: 38 }, { title: 'ASAL: BANTUAN PROVINSI', width: 38 }, { title: 'ASAL: BANTUAN KAB/KOTA', width: 38 }, { title: 'ASAL: SUMBANGAN', width: 38 },
  { title: 'AWAL TAHUN: BAIK', width: 40 }, { title: 'AWAL TAHUN: RUSAK', width: 40 },
  { title: 'PENGHAPUSAN: RUSAK', width: 40 }, { title: 'PENGHAPUSAN: DIJUAL', width: 40 }, { title: 'PENGHAPUSAN: DISUMBANGKAN', width: 44 }, { title: 'TANGGAL PENGHAPUSAN', width: 48 },
  { title: 'AKHIR TAHUN: BAIK', width: 40 }, { title: 'AKHIR TAHUN: RUSAK', width: 40 },
  { title: 'NILAI (Rp)', width: 56 }, { title: 'KETERANGAN', width: 80 },
];

/** An item's line in the book's columns. */
export function inventoryCells(l: InventoryLine, n: number): string[] {
  const origin = ['', '', '', '', ''];
  origin[ORIGIN_COLUMN[l.origin]] = String(l.acquired_year);
  const gone = l.end === null && l.disposed_on !== null;
  const disposal = ['', '', '', ''];
  if (gone) {
    disposal[l.disposal_reason === 'dijual' ? 1 : l.disposal_reason === 'dihibahkan' ? 2 : 0] = qty(l);
    disposal[3] = formatDate(l.disposed_on!);
  }
  const remark = [l.item_code ? `Kode ${l.item_code}` : '', l.location ?? '', l.disposal_reason === 'hilang' && gone ? 'Hilang' : '', l.note ?? ''].filter(Boolean).join('; ');
  return [
    String(n), `${l.name} (${ASSET_KINDS[l.kind].id})`, ...origin,
    l.start === 'baik' ? qty(l) : '', l.start && l.start !== 'baik' ? `${qty(l)} (${damaged(l.start)})` : '',
    ...disposal,
    l.end === 'baik' ? qty(l) : '', l.end && l.end !== 'baik' ? `${qty(l)} (${damaged(l.end)})` : '',
    formatRupiah(l.value), remark,
  ];
}

const totalCells = (label: string, t: Omit<KindTotal, 'kind'>) => [
  '', label, '', '', '', '', '', `${t.startGood} barang`, `${t.startDamaged} barang`, '', '', '', `${t.disposed} dihapus`, `${t.endGood} barang`, `${t.endDamaged} barang`, formatRupiah(t.value), `Nilai akhir tahun ${formatRupiah(t.heldValue)}`,
];

/** The printed book's lines: each kind's items, then its total; at the end the year's total. */
export function inventoryRegisterLines(lines: InventoryLine[]): RegisterLine[] {
  const out: RegisterLine[] = [];
  const totals = kindTotals(lines);
  let n = 0;
  for (const t of totals) {
    lines.filter((l) => l.kind === t.kind).forEach((l, i) => out.push({ cells: inventoryCells(l, ++n), heavyTop: i === 0 }));
    out.push({ cells: totalCells(`Jumlah ${ASSET_KINDS[t.kind].id}`, t) });
  }
  if (totals.length > 0) {
    const all = totals.reduce((a, t) => ({ lines: a.lines + t.lines, value: a.value + t.value, heldValue: a.heldValue + t.heldValue, startGood: a.startGood + t.startGood,
      startDamaged: a.startDamaged + t.startDamaged, disposed: a.disposed + t.disposed, endGood: a.endGood + t.endGood, endDamaged: a.endDamaged + t.endDamaged }),
    { lines: 0, value: 0n, heldValue: 0n, startGood: 0, startDamaged: 0, disposed: 0, endGood: 0, endDamaged: 0 });
    out.push({ cells: totalCells('JUMLAH SELURUHNYA', all), heavyTop: true });
  }
  return out;
}

type Village = Awaited<ReturnType<typeof villageInScope>>;
const villageLine = (v: Village) => `${v.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA'} ${v.name.toUpperCase()} (${v.village_code})`;
const slug = (v: Village) => v.village_code.replace(/\./g, '');

async function bookFile(ctx: UseCaseContext, v: Village, format: 'pdf' | 'xlsx', paperInput: string | undefined, book: Omit<RegisterBook, 'paper' | 'signature'>, rows: RegisterLine[], sheet: string) {
  const paper = paperInput === 'f4' ? 'f4' : 'a4';
  const head = await activeHead(ctx.db.kysely, v.village_code);
  const full: RegisterBook = { ...book, paper, signature: head ? registerSignature(head, v.name, todayInWib()) : null };
  return Buffer.from(format === 'pdf' ? await registerBookPdf(full, rows) : await registerWorkbook(full, rows, sheet));
}

/** The year's Buku Inventaris dan Kekayaan Desa as the printed register (PDF) or Excel, made in a worker thread. */
export async function inventoryBookFile(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; kertas?: string }, format: 'pdf' | 'xlsx') {
  const village = await villageInScope(ctx, villageInput, 'asset.read');
  const year = bookYear(input);
  const lines = await inventoryLines(ctx.db.kysely, village.village_code, year);
  const bytes = await bookFile(ctx, village, format, input.kertas, {
    title: 'BUKU INVENTARIS DAN KEKAYAAN DESA', lines: [villageLine(village), `Tahun ${year}`], columns: INVENTORY_COLUMNS, empty: 'Belum ada barang inventaris pada tahun ini.',
  }, inventoryRegisterLines(lines), 'Inventaris');
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.book_export', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { book: 'inventaris', year, format, rows: lines.length } });
  return { bytes, filename: `buku-inventaris-${slug(village)}-${year}.${format}` };
}

/** The Buku Tanah Kas Desa as it stood at the end of a year: the parcels acquired by then, and the total area. */
export async function parcelBook(ctx: UseCaseContext, villageInput: string, input: { tahun?: string }) {
  const village = await villageInScope(ctx, villageInput, 'asset.read');
  const year = bookYear(input);
  const rows = await parcelsOf(ctx.db.kysely, village.village_code, `${year}-12-31`);
  return { village, year, rows, area: rows.reduce((n, r) => n + hundredthsOf(r.area_m2), 0n) };
}

const PARCEL_COLUMNS: RegisterBook['columns'] = [
  { title: 'NO', width: 18 }, { title: 'NOMOR SERTIFIKAT/ LETTER C/ PERSIL', width: 80 }, { title: 'LUAS (m2)', width: 50 }, { title: 'KELAS', width: 34 },
  { title: 'PEROLEHAN: ASLI MILIK DESA', width: 44 }, { title: 'PEROLEHAN: PEMBELIAN', width: 44 }, { title: 'PEROLEHAN: BANTUAN', width: 44 }, { title: 'PEROLEHAN: LAIN-LAIN', width: 44 },
  { title: 'TANGGAL PEROLEHAN', width: 56 }, { title: 'JENIS TKD', width: 50 }, { title: 'PATOK TANDA BATAS', width: 40 }, { title: 'PAPAN NAMA', width: 40 },
  { title: 'LOKASI', width: 80 }, { title: 'BATAS-BATAS', width: 90 }, { title: 'KETERANGAN', width: 80 },
];
const ORIGIN_ORDER = Object.keys(LAND_ORIGINS);

export async function parcelBookFile(ctx: UseCaseContext, villageInput: string, input: { tahun?: string; kertas?: string }, format: 'pdf' | 'xlsx') {
  const book = await parcelBook(ctx, villageInput, input);
  const rows: RegisterLine[] = book.rows.map((p, i) => {
    const origin = ORIGIN_ORDER.map((o) => (o === p.origin ? measure(p.area_m2) : ''));
    return { cells: [String(i + 1), p.certificate_no, measure(p.area_m2), p.land_class ?? '', ...origin, p.acquired_on ? formatDate(p.acquired_on) : '', PARCEL_USES[p.land_use].id,
      p.boundary_marker ? 'Ada' : 'Tidak ada', p.sign_board ? 'Ada' : 'Tidak ada', p.location, p.boundaries ?? '', p.note ?? ''] };
  });
  if (rows.length) rows.push({ cells: ['', 'JUMLAH', formatMeasure(book.area), '', '', '', '', '', '', '', '', '', '', '', `${book.rows.length} bidang`], heavyTop: true });
  const bytes = await bookFile(ctx, book.village, format, input.kertas, {
    title: 'BUKU TANAH KAS DESA', lines: [villageLine(book.village), `Keadaan akhir tahun ${book.year}`], columns: PARCEL_COLUMNS, empty: 'Belum ada tanah kas desa yang dicatat.',
  }, rows, 'Tanah Kas Desa');
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.book_export', villageCode: book.village.village_code, subject: `village:${book.village.village_code}`, detail: { book: 'tanah_kas_desa', year: book.year, format, rows: book.rows.length } });
  return { bytes, filename: `buku-tanah-kas-desa-${slug(book.village)}-${book.year}.${format}` };
}

/** The Buku Tanah di Desa: holdings by owner with the total area; the read names owners and is logged. */
export async function holdingBook(ctx: UseCaseContext, villageInput: string, pageInput?: string) {
  const village = await villageInScope(ctx, villageInput, 'asset.read');
  const rows = await holdingsOf(ctx, village.village_code);
  const page = pageOf(pageInput);
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.holdings_read', villageCode: village.village_code, subject: `village:${village.village_code}`, detail: { book: true, rows: rows.length, page } });
  const certified = rows.filter((r) => CERTIFIED.includes(r.land_rights)).reduce((n, r) => n + hundredthsOf(r.area_m2), 0n);
  const area = rows.reduce((n, r) => n + hundredthsOf(r.area_m2), 0n);
  return { village, rows, area, certified, page, pages: Math.max(1, Math.ceil(rows.length / PAGE)), first: (page - 1) * PAGE + 1, shown: rows.slice((page - 1) * PAGE, page * PAGE) };
}

const HOLDING_COLUMNS: RegisterBook['columns'] = [
  { title: 'NO', width: 18 }, { title: 'NAMA PER-ORANGAN/ BADAN HUKUM', width: 130 }, { title: 'JUMLAH (m2)', width: 56 },
  { title: 'STATUS HAK: SUDAH BERSERTIFIKAT (HM, HGB, HP, HGU, HPL)', width: 80 }, { title: 'STATUS HAK: BELUM BERSERTIFIKAT (MA, VI, TN)', width: 80 },
  { title: 'PENGGUNAAN: NON PERTANIAN', width: 90 }, { title: 'PENGGUNAAN: PERTANIAN', width: 90 }, { title: 'KETERANGAN', width: 100 },
];

export async function holdingBookFile(ctx: UseCaseContext, villageInput: string, input: { kertas?: string }, format: 'pdf' | 'xlsx') {
  const book = await holdingBook(ctx, villageInput);
  const rows: RegisterLine[] = book.rows.map((h, i) => {
    const cert = CERTIFIED.includes(h.land_rights);
    const farm = FARM_USES.includes(h.land_use);
    return { cells: [String(i + 1), h.owner_name, measure(h.area_m2), cert ? h.land_rights : '', cert ? '' : h.land_rights, farm ? '' : HOLDING_USES[h.land_use].id, farm ? HOLDING_USES[h.land_use].id : '', h.note ?? ''] };
  });
  if (rows.length) rows.push({ cells: ['', 'JUMLAH', formatMeasure(book.area), formatMeasure(book.certified), formatMeasure(book.area - book.certified), '', '', `${book.rows.length} bidang`], heavyTop: true });
  const bytes = await bookFile(ctx, book.village, format, input.kertas, {
    title: 'BUKU TANAH DI DESA', lines: [villageLine(book.village), `Keadaan ${formatDate(todayInWib())}`], columns: HOLDING_COLUMNS, empty: 'Belum ada tanah di desa yang dicatat.',
  }, rows, 'Tanah di Desa');
  await recordAudit(ctx.db.kysely, ctx, { action: 'asset.book_export', villageCode: book.village.village_code, subject: `village:${book.village.village_code}`, detail: { book: 'tanah_di_desa', format, rows: book.rows.length } });
  return { bytes, filename: `buku-tanah-di-desa-${slug(book.village)}.${format}` };
}

export { LAND_RIGHTS };
