import type { UseCaseContext } from '../../platform/context.js';
import { registerWorkbook } from '../../platform/excel/register-workbook-job.js';
import { formatDate, formatRupiah, todayInWib } from '../../platform/format/format.js';
import { registerBookPdf } from '../../platform/pdf/register-book-job.js';
import type { RegisterBook, RegisterLine } from '../../platform/pdf/register-book.js';
import { activeOfficials, registerSignature } from '../villages/index.js';
import { readBook, type Book } from './books.service.js';

type View = Awaited<ReturnType<typeof readBook>>;

const TITLES: Record<Book, string> = { bku: 'BUKU KAS UMUM', bank: 'BUKU BANK DESA', tunai: 'BUKU KAS TUNAI', pajak: 'BUKU KAS PEMBANTU PAJAK' };
const KINDS: Record<string, string> = { withdrawal: 'Pengambilan tunai dari bank', deposit: 'Setor tunai ke bank', tax_payment: 'Setor pajak ke kas negara' };
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const money = (n: bigint) => (n === 0n ? '' : formatRupiah(n));

/**
 * A month of the treasurer's book as the printed register (Permendagri 20/2018 forms): the
 * opening balance, every movement with its account, reference and running balance, the closing
 * balance — the rows the book's page shows — signed by the treasurer (Kaur Keuangan) who keeps
 * it, in their own name, when one is recorded; nobody signs in their place.
 */
export function treasurerRegister(view: View, treasurer: { name: string; position_title: string } | null, paper: 'a4' | 'f4'): { book: RegisterBook; rows: RegisterLine[] } {
  const tax = view.book === 'pajak';
  const columns = tax
    ? [{ title: 'NO.', width: 22 }, { title: 'TANGGAL', width: 55 }, { title: 'URAIAN', width: 190 }, { title: 'NO. BUKTI/ NTPN', width: 70 },
        { title: 'PEMOTONGAN PPN (Rp)', width: 70 }, { title: 'PEMOTONGAN PPh (Rp)', width: 70 }, { title: 'PENYETORAN (Rp)', width: 70 }, { title: 'SALDO (Rp)', width: 75 }]
    : [{ title: 'NO.', width: 22 }, { title: 'TANGGAL', width: 55 }, { title: 'KODE REKENING', width: 70 }, { title: 'URAIAN', width: 190 },
        { title: 'PENERIMAAN (Rp)', width: 75 }, { title: 'PENGELUARAN (Rp)', width: 75 }, { title: 'NO. BUKTI', width: 55 }, { title: 'SALDO (Rp)', width: 80 }];
  const text = (r: View['lines'][number]) => {
    const base = r.account ? r.description : `${KINDS[r.kind ?? ''] ?? ''}: ${r.description}`;
    const notes = [r.reference && `ref. ${r.reference}`, r.corrects !== null && `koreksi atas No. ${r.source === 'treasury' ? `M${r.corrects}` : r.corrects}: ${r.reason ?? ''}`, r.corrected && 'sudah dikoreksi'].filter(Boolean);
    return notes.length ? `${base} (${notes.join('; ')})` : base;
  };
  const no = (r: View['lines'][number]) => (r.source === 'treasury' ? `M${r.id}` : String(r.id));
  const opening = tax ? ['', '', 'Saldo awal bulan (pajak belum disetor)', '', '', '', '', formatRupiah(view.opening)] : ['', '', '', 'Saldo awal bulan', '', '', '', formatRupiah(view.opening)];
  const lines: RegisterLine[] = view.lines.map((r, i) => ({
    cells: tax
      ? [String(i + 1), formatDate(r.date), text(r), r.reference ?? no(r), r.ppn > 0n ? formatRupiah(r.ppn) : '', r.pph > 0n ? formatRupiah(r.pph) : '', money(r.paid), formatRupiah(r.balance)]
      : [String(i + 1), formatDate(r.date), r.account ?? '', text(r), money(r.received), money(r.paid), no(r), formatRupiah(r.balance)],
  }));
  const received = view.lines.reduce((n, r) => n + r.received, 0n);
  const paid = view.lines.reduce((n, r) => n + r.paid, 0n);
  const closing = tax
    ? ['', '', 'Jumlah bulan ini dan saldo akhir bulan', '', formatRupiah(view.lines.reduce((n, r) => n + (r.ppn > 0n ? r.ppn : 0n), 0n)), formatRupiah(view.lines.reduce((n, r) => n + (r.pph > 0n ? r.pph : 0n), 0n)), formatRupiah(paid), formatRupiah(view.closing)]
    : ['', '', '', 'Jumlah bulan ini dan saldo akhir bulan', formatRupiah(received), formatRupiah(paid), '', formatRupiah(view.closing)];
  const kind = view.village.kind === 'kelurahan' ? 'KELURAHAN' : 'DESA';
  return {
    book: {
      title: TITLES[view.book],
      lines: [`${kind} ${view.village.name.toUpperCase()} (${view.village.village_code})`, `Bulan ${MONTHS[view.month - 1]} ${view.year}`],
      columns, paper,
      signature: treasurer ? registerSignature(treasurer, view.village.name, todayInWib()) : null,
    },
    rows: [{ cells: opening }, ...lines, { cells: closing, heavyTop: true }],
  };
}

/** The village's treasurer as an official: the Kaur Keuangan, by the title the village recorded. */
export async function activeTreasurer(db: Parameters<typeof activeOfficials>[0], village: string) {
  return (await activeOfficials(db, village, 'kaur')).find((o) => o.position_title.toLowerCase().includes('keuangan')) ?? null;
}

/** A month of a treasurer's book as Excel or the printed register, made in a worker thread. */
export async function treasurerBookFile(ctx: UseCaseContext, villageInput: string, book: Book, input: { tahun?: string; bulan?: string; kertas?: string }, format: 'pdf' | 'xlsx') {
  const view = await readBook(ctx, villageInput, book, input.tahun, input.bulan, todayInWib());
  const treasurer = await activeTreasurer(ctx.db.kysely, view.village.village_code);
  const { book: register, rows } = treasurerRegister(view, treasurer, input.kertas === 'f4' ? 'f4' : 'a4');
  const bytes = format === 'pdf' ? await registerBookPdf(register, rows) : await registerWorkbook(register, rows, TITLES[book]);
  return { bytes, filename: `${TITLES[book].toLowerCase().replace(/ /g, '-')}-${view.village.village_code.replace(/\./g, '')}-${view.year}-${String(view.month).padStart(2, '0')}.${format}` };
}
