import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { todayInWib } from '../../platform/format/format.js';
import { monthlyAreaFigures } from '../population/report.repository.js';
import { periodRange, type DerivedBook } from './book.js';

/**
 * Buku Rekapitulasi Jumlah Penduduk: the month per dusun — the population at its start, the
 * births, arrivals, deaths and departures, and the population at its end, by sex, with the
 * foreigners (WNA) and the family cards. Worked out by the monthly report's own counting
 * (population/report.repository.ts), by the area each resident is recorded in, so the two agree
 * and each dusun's end figure is its living count. "Lain-lain" holds what else moved the count
 * (registrations of people already living here, the lost, returns), so that end = start + in − out.
 */

const MALE = 1;
const FEMALE = 2;
type Cols = { start: number[]; births: number[]; arrivals: number[]; deaths: number[]; departures: number[]; other: number; end: number[] };

export const recapBook: DerivedBook = {
  slug: 'rekapitulasi-penduduk',
  group: 'penduduk',
  name: { id: 'Buku Rekapitulasi Jumlah Penduduk', en: 'Monthly population recapitulation' },
  title: 'BUKU REKAPITULASI JUMLAH PENDUDUK',
  permission: 'population.statistics',
  personal: false,
  period: 'month',
  paper: 'f4',
  columns: [
    { title: 'NAMA DUSUN', width: 80 },
    { title: 'AWAL BULAN: L', width: 30 }, { title: 'P', width: 30 }, { title: 'WNA', width: 26 }, { title: 'KK', width: 30 }, { title: 'JIWA', width: 34 },
    { title: 'LAHIR: L', width: 26 }, { title: 'P', width: 24 }, { title: 'DATANG: L', width: 28 }, { title: 'P', width: 24 },
    { title: 'MENINGGAL: L', width: 30 }, { title: 'P', width: 24 }, { title: 'PINDAH: L', width: 28 }, { title: 'P', width: 24 }, { title: 'LAIN-LAIN (+/-)', width: 34 },
    { title: 'AKHIR BULAN: L', width: 32 }, { title: 'P', width: 30 }, { title: 'WNA', width: 26 }, { title: 'KK', width: 30 }, { title: 'JIWA', width: 34 },
  ],
  empty: 'Belum ada penduduk.',
  rows: (db, village, period) => recapRows(db, village, period),
};

/** The dusun of every area of the village (an RT under an RW under a dusun), by area id. */
async function dusunOfAreas(db: Kysely<Database>, village: string) {
  const { rows } = await sql<{ id: number; parent_id: number | null; level: string; name: string }>`
    select id, parent_id, level, name from village_areas where village_code = ${village}`.execute(db);
  const byId = new Map(rows.map((a) => [Number(a.id), a]));
  const dusun = new Map<number, { id: number; name: string }>();
  for (const a of rows) {
    let at: typeof a | undefined = a;
    for (let hops = 0; at && at.level !== 'dusun' && hops < 5; hops++) at = at.parent_id === null ? undefined : byId.get(Number(at.parent_id));
    if (at?.level === 'dusun') dusun.set(Number(a.id), { id: Number(at.id), name: at.name });
  }
  return { dusun, order: rows.filter((a) => a.level === 'dusun').sort((x, y) => x.name.localeCompare(y.name, 'id', { numeric: true })).map((a) => Number(a.id)) };
}

export async function recapRows(db: Kysely<Database>, village: string, period: { year: number; month: number | null }) {
  const { from, to } = periodRange(period);
  const [{ counts, families }, areas] = await Promise.all([monthlyAreaFigures(db, village, from, to, todayInWib()), dusunOfAreas(db, village)]);
  const NONE = -1;
  const cols = new Map<number, Cols>();
  const at = (area: number) => {
    const key = areas.dusun.get(area)?.id ?? NONE;
    let c = cols.get(key);
    if (!c) cols.set(key, (c = { start: [0, 0, 0, 0], births: [0, 0], arrivals: [0, 0], deaths: [0, 0], departures: [0, 0], other: 0, end: [0, 0, 0, 0] }));
    return c;
  };
  const bySex = (sex: number) => (sex === MALE ? 0 : sex === FEMALE ? 1 : -1);
  for (const x of counts) {
    if (x.n === 0) continue;
    const c = at(x.area);
    const s = bySex(x.sex);
    const pair = { 'birth+': c.births, 'move_in+': c.arrivals, 'death-': c.deaths, 'move_out-': c.departures }[x.measure];
    if (x.measure === 'start' || x.measure === 'end') {
      const v = x.measure === 'start' ? c.start : c.end;
      if (s >= 0) v[s]! += x.n;
      if (x.foreign) v[2]! += x.n;
    } else if (pair && s >= 0) pair[s]! += x.n;
    else c.other += x.measure.endsWith('-') ? -x.n : x.n;
  }
  for (const [area, f] of families) {
    const c = at(area);
    c.start[3]! += f.start;
    c.end[3]! += f.end;
  }
  const nameOf = new Map([...areas.dusun.values()].map((d) => [d.id, d.name]));
  const keys = [...areas.order.filter((k) => cols.has(k)), ...(cols.has(NONE) ? [NONE] : [])];
  const total: Cols = { start: [0, 0, 0, 0], births: [0, 0], arrivals: [0, 0], deaths: [0, 0], departures: [0, 0], other: 0, end: [0, 0, 0, 0] };
  const line = (name: string, c: Cols) => [name,
    ...c.start.slice(0, 4).map(String), String(c.start[0]! + c.start[1]!),
    ...[...c.births, ...c.arrivals, ...c.deaths, ...c.departures].map(String), c.other === 0 ? '0' : c.other > 0 ? `+${c.other}` : String(c.other),
    ...c.end.slice(0, 4).map(String), String(c.end[0]! + c.end[1]!)];
  const out = keys.map((k) => {
    const c = cols.get(k)!;
    for (const f of ['start', 'births', 'arrivals', 'deaths', 'departures', 'end'] as const) c[f].forEach((v, i) => (total[f][i]! += v));
    total.other += c.other;
    return { cells: line(k === NONE ? 'Tanpa dusun' : nameOf.get(k) ?? '', c), dusun: k === NONE ? null : nameOf.get(k) ?? null, figures: c };
  });
  return [...out, { cells: line('JUMLAH', total), heavyTop: true, dusun: null, figures: total }];
}
