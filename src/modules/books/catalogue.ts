import type { Permission } from '../../platform/access/permissions.js';
import type { BookGroup, DerivedBook } from './book.js';
import { cadresBook, projectsBook, resultsBook, workPlanBook } from './development-books.js';
import { dispatchBook, officialsBook } from './office-books.js';
import { cardsBook, mutationBook } from './population-books.js';
import { recapBook } from './recap-book.js';
import { temporaryResidentsBook } from './temporary-residents-book.js';

/** The books this module derives and shows at /desa/<kode>/buku/<slug>. */
export const DERIVED_BOOKS: readonly DerivedBook[] = [officialsBook, dispatchBook, mutationBook, recapBook, temporaryResidentsBook, cardsBook, workPlanBook, projectsBook, resultsBook, cadresBook];

/**
 * The whole shelf of the village's administration books (Permendagri 47/2016), in the
 * regulation's order: the ones derived here, and the ones kept by their own module's pages.
 * A book Balai does not keep yet says so, instead of pretending.
 */
export interface ShelfEntry {
  group: BookGroup;
  name: { id: string; en: string };
  /** Where it is read; null when Balai does not keep it. */
  href: ((code: string) => string) | null;
  permission: Permission;
  /** A short line on where its rows come from. */
  source: { id: string; en: string };
}

const derived = (b: DerivedBook, source: ShelfEntry['source']): ShelfEntry => ({ group: b.group, name: b.name, href: (code) => `/desa/${code}/buku/${b.slug}`, permission: b.permission, source });

export const SHELF: readonly ShelfEntry[] = [
  { group: 'umum', name: { id: 'Buku Peraturan di Desa', en: 'Village regulations book' }, href: (code) => `/desa/${code}/peraturan/buku-peraturan`, permission: 'regulation.read', source: { id: 'Dari register peraturan desa', en: 'From the register of regulations' } },
  { group: 'umum', name: { id: 'Buku Keputusan Kepala Desa', en: 'Head\'s decisions book' }, href: (code) => `/desa/${code}/peraturan/buku-keputusan`, permission: 'regulation.read', source: { id: 'Dari register keputusan kepala desa', en: 'From the register of the head\'s decisions' } },
  { group: 'umum', name: { id: 'Buku Inventaris dan Kekayaan Desa', en: 'Village inventory and assets' }, href: (code) => `/desa/${code}/aset/buku`, permission: 'asset.read', source: { id: 'Dari daftar barang dan penghapusannya', en: 'From the goods and their disposals' } },
  derived(officialsBook, { id: 'Dari daftar perangkat desa', en: 'From the officials list' }),
  { group: 'umum', name: { id: 'Buku Tanah Kas Desa', en: 'Village-owned land' }, href: (code) => `/desa/${code}/tanah/buku-kas-desa`, permission: 'asset.read', source: { id: 'Dari daftar tanah kas desa', en: 'From the village land list' } },
  { group: 'umum', name: { id: 'Buku Tanah di Desa', en: 'Land in the village' }, href: (code) => `/desa/${code}/tanah/buku-tanah-di-desa`, permission: 'asset.read', source: { id: 'Dari daftar tanah di desa', en: 'From the land list' } },
  { group: 'umum', name: { id: 'Buku Agenda', en: 'Agenda book' }, href: (code) => `/desa/${code}/buku-agenda`, permission: 'mail.read', source: { id: 'Dari surat masuk dan surat keluar', en: 'From incoming and outgoing letters' } },
  derived(dispatchBook, { id: 'Dari surat yang ditandatangani', en: 'From the signed letters' }),
  { group: 'umum', name: { id: 'Buku Lembaran Desa dan Berita Desa', en: 'Village gazette' }, href: (code) => `/desa/${code}/peraturan/lembaran-desa`, permission: 'regulation.read', source: { id: 'Dari peraturan yang diundangkan', en: 'From the promulgated regulations' } },
  { group: 'penduduk', name: { id: 'Buku Induk Penduduk', en: 'Population master book' }, href: (code) => `/desa/${code}/penduduk/buku-induk.pdf`, permission: 'population.export', source: { id: 'Dari data penduduk (PDF; Excel di halaman Penduduk)', en: 'From the register (PDF; Excel on the Residents page)' } },
  derived(mutationBook, { id: 'Dari peristiwa kependudukan', en: 'From the population events' }),
  derived(recapBook, { id: 'Dari data penduduk dan peristiwa, per dusun', en: 'From the register and its events, per dusun' }),
  derived(temporaryResidentsBook, { id: 'Dari daftar penduduk sementara (pendatang)', en: 'From the register of temporary residents' }),
  derived(cardsBook, { id: 'Dari data penduduk dan kartu keluarga', en: 'From the register and family cards' }),
  { group: 'keuangan', name: { id: 'Buku APBDes dan RAB', en: 'Village budget and cost plans' }, href: (code) => `/desa/${code}/apbdes`, permission: 'budget.read', source: { id: 'Dari APBDes yang disusun di Balai', en: 'From the budget prepared in Balai' } },
  { group: 'keuangan', name: { id: 'Buku Kas Umum', en: 'General cash book' }, href: (code) => `/desa/${code}/realisasi/bku`, permission: 'budget.read', source: { id: 'Dari penerimaan dan pengeluaran; PDF dan Excel per bulan', en: 'From receipts and payments; PDF and Excel by month' } },
  { group: 'keuangan', name: { id: 'Buku Kas Pembantu Pajak', en: 'Tax book' }, href: (code) => `/desa/${code}/realisasi/pajak`, permission: 'budget.read', source: { id: 'Dari pajak yang dipungut dan disetor', en: 'From taxes withheld and paid over' } },
  { group: 'keuangan', name: { id: 'Buku Bank', en: 'Bank book' }, href: (code) => `/desa/${code}/realisasi/bank`, permission: 'budget.read', source: { id: 'Dari mutasi rekening kas desa', en: 'From the bank account movements' } },
  derived(workPlanBook, { id: 'Dari RKPDes yang ditetapkan', en: 'From the adopted RKPDes' }),
  derived(projectsBook, { id: 'Dari kegiatan pembangunan dan laporannya', en: 'From the projects and their reports' }),
  derived(resultsBook, { id: 'Dari kegiatan yang dilaporkan selesai', en: 'From the projects reported complete' }),
  derived(cadresBook, { id: 'Dari peserta pelatihan yang lulus', en: 'From the trainings\' graduates' }),
];
