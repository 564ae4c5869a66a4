import { ageOn, codeLabel, findAreas } from '../population/index.js';
import { citizenshipText, countStays, hostText, identityOf, stayRows } from '../temporary-residents/index.js';
import { day, periodRange, sliceOf, type DerivedBook } from './book.js';

/**
 * Buku Penduduk Sementara (Permendagri 47/2016, B.4): everyone who stayed in the village in the
 * period while registered elsewhere — who came in it, and who came before and had not left by its
 * first day — read from the register of temporary residents the way its list reads it, oldest
 * arrival first. Numbers of identity masked for a reader who may not see NIKs whole.
 */
export const temporaryResidentsBook: DerivedBook = {
  slug: 'penduduk-sementara',
  group: 'penduduk',
  name: { id: 'Buku Penduduk Sementara', en: 'Temporary residents book' },
  title: 'BUKU PENDUDUK SEMENTARA',
  permission: 'population.read',
  exportPermission: 'population.export',
  personal: true,
  period: 'year',
  paper: 'f4',
  columns: [
    { title: 'NAMA LENGKAP', width: 80 }, { title: 'JENIS KELAMIN (L/P)', width: 32 }, { title: 'NOMOR IDENTITAS/ TANDA PENGENAL', width: 70 },
    { title: 'TEMPAT DAN TANGGAL LAHIR/ UMUR', width: 75 }, { title: 'PEKERJAAN', width: 60 }, { title: 'KEWARGA- NEGARAAN/ KEBANGSAAN', width: 48 },
    { title: 'DATANG DARI', width: 85 }, { title: 'MAKSUD DAN TUJUAN KEDATANGAN', width: 75 }, { title: 'NAMA DAN ALAMAT YANG DIDATANGI', width: 95 },
    { title: 'DATANG TANGGAL', width: 50 }, { title: 'PERGI TANGGAL', width: 50 }, { title: 'KETERANGAN', width: 70 },
  ],
  empty: 'Tidak ada penduduk sementara yang tinggal di desa pada periode ini.',
  count: (db, village, period) => countStays(db, village, periodRange(period)),
  async rows(db, village, period, { slice, fullNik }) {
    const [rows, areas] = await Promise.all([stayRows(db, village, periodRange(period), sliceOf(slice)), findAreas(db, village)]);
    return rows.map((r) => {
      const age = ageOn(r.birth_date, r.arrived_on);
      const note = [r.note, r.departed_on ? r.departure_note : r.planned_departure_on ? `Rencana pergi ${day(r.planned_departure_on)}` : ''].filter(Boolean).join('; ');
      return {
        cells: [r.name, r.sex === 1 ? 'L' : 'P', identityOf(r, fullNik), `${r.birth_place}, ${day(r.birth_date)}${age === null ? '' : ` (${age} th)`}`,
          codeLabel('occupation', r.occupation), citizenshipText(r), r.origin_address, r.purpose, hostText(r, areas), day(r.arrived_on), day(r.departed_on), note],
      };
    });
  },
};
