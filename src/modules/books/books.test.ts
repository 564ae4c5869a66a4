import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { todayInWib } from '../../platform/format/format.js';
import { areaChainJoins, chainDusunName } from '../population/index.js';
import { cardsBook } from './population-books.js';
import { recapRows } from './recap-book.js';

const V = '18.09.10.2004'; // Hanura
let t: TestApp;
let operator: Client;
let head: Client;
let treasurer: Client;
let otherVillage: Client;
const today = todayInWib();
const year = Number(today.slice(0, 4));
const month = Number(today.slice(5, 7));

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
/** The "n baris" figure a book page shows. */
const shownTotal = (page: string) => Number(/([\d.]+) baris/.exec(page)![1]!.replace(/\./g, ''));
const sheetRows = async (bytes: ArrayBuffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
};

beforeAll(async () => {
  t = await createTestApp({ population: true });
  [operator, head, treasurer, otherVillage] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura', 'batumenyan'].map((u) => t.login(u)));
});
afterAll(() => t?.close());

describe('the village administration books', () => {
  it('the shelf lists the books each reader may open, by the regulation\'s groups; every book of the regulation is kept', async () => {
    const shelf = await text(await operator.get(`/desa/${V}/buku`));
    for (const s of ['Administrasi umum', 'Administrasi penduduk', 'Buku Mutasi Penduduk', 'Buku Rekapitulasi Jumlah Penduduk', 'Buku Agenda', 'Buku Kas Umum', 'Buku Kegiatan Pembangunan']) expect(shelf).toContain(s);
    // The last one missing, the Buku Penduduk Sementara, is read from the register of temporary residents.
    expect(shelf).toContain('Buku Penduduk Sementara');
    expect(shelf).not.toContain('Belum tersedia');
    // The treasurer keeps the money and reads no register of residents.
    const treasurers = await text(await treasurer.get(`/desa/${V}/buku`));
    expect(treasurers).toContain('Buku Kas Umum');
    expect(treasurers).not.toContain('Buku Mutasi Penduduk');
    expect((await treasurer.get(`/desa/${V}/buku/mutasi-penduduk`)).status).toBe(403);
    expect((await otherVillage.get(`/desa/${V}/buku`)).status).toBe(403);
    expect((await otherVillage.get(`/desa/${V}/buku/ktp-kk`)).status).toBe(403);
    expect((await operator.get(`/desa/${V}/buku/tidak-ada`)).status).toBe(404);
  });

  it('the monthly recapitulation per dusun ends at each dusun\'s living count, and adds up: end = start + in − out', async () => {
    const before = (await recapRows(db(), V, { year, month })).at(-1)!.figures;
    // This month: a death, a move out and a resident gone missing, recorded as the office records them.
    const { rows: people } = await sql<{ id: number }>`select id from residents where village_code = ${V} and life_status = 1 and family_relation <> 1 order by id limit 3`.execute(db());
    const [dead, moved, lost] = people.map((p) => Number(p.id));
    const api = `/api/v1/villages/${V}/residents`;
    for (const [path, body] of [[`${api}/${dead}/death`, { date: today, place: 'Rumah', cause: 'Sakit' }], [`${api}/${moved}/move-out`, { date: today, destination: 'Kota Bandar Lampung', classification: 'regency', reason: 'Pekerjaan' }], [`${api}/${lost}/lost`, { date: today }]] as const) {
      const res = await operator.post(path, body);
      expect(res.status, await res.text()).toBe(201);
    }
    const { rows: living } = await sql<{ dusun: string | null; n: number }>`
      select ${chainDusunName} as dusun, count(*)::int as n from residents r ${areaChainJoins(V, sql`r.area_id`)}
      where r.village_code = ${V} and r.life_status in (1, 6) group by 1`.execute(db());
    const recap = await recapRows(db(), V, { year, month });
    expect(recap.length).toBeGreaterThan(2);
    for (const r of recap.slice(0, -1)) {
      const f = r.figures;
      const jiwa = (x: number[]) => x[0]! + x[1]!;
      expect(jiwa(f.end)).toBe(living.find((l) => l.dusun === r.dusun)?.n ?? 0);
      expect(jiwa(f.end)).toBe(jiwa(f.start) + jiwa(f.births) + jiwa(f.arrivals) - jiwa(f.deaths) - jiwa(f.departures) + f.other);
    }
    const total = recap.at(-1)!;
    expect(total.cells[0]).toBe('JUMLAH');
    // The three: one death more, one departure more, the missing one under "lain-lain", three fewer at the end.
    const sum = (x: number[]) => x[0]! + x[1]!;
    expect(sum(total.figures.deaths)).toBe(sum(before.deaths) + 1);
    expect(sum(total.figures.departures)).toBe(sum(before.departures) + 1);
    expect(total.figures.other).toBe(before.other - 1);
    expect(sum(total.figures.end)).toBe(sum(before.end) - 3);
    expect(total.figures.end[0]! + total.figures.end[1]!).toBe(living.reduce((n, l) => n + l.n, 0));
    const families = await db().selectFrom('population_family_count').select('families').where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(total.figures.end[3]).toBe(families.families);
    // The page shows the same JUMLAH row.
    const page = await text(await operator.get(`/desa/${V}/buku/rekapitulasi-penduduk?tahun=${year}&bulan=${month}`));
    expect(page).toContain(`JUMLAH ${total.cells.slice(1).join(' ')}`);
  });

  it('the mutations book holds every birth, arrival, death and departure of the year; reading it is logged', async () => {
    const { rows: [events] } = await sql<{ n: number }>`select count(*)::int as n from population_events
      where village_code = ${V} and kind in ('birth', 'move_in', 'death', 'move_out') and event_date >= ${`${year}-01-01`}::date and event_date < ${`${year + 1}-01-01`}::date`.execute(db());
    const before = await db().selectFrom('audit_log').select((e) => e.fn.countAll<string>().as('n')).where('action', '=', 'books.read').executeTakeFirstOrThrow();
    const page = await text(await operator.get(`/desa/${V}/buku/mutasi-penduduk?tahun=${year}`));
    expect(events!.n).toBeGreaterThan(0);
    expect(shownTotal(page)).toBe(events!.n);
    const after = await db().selectFrom('audit_log').select((e) => e.fn.countAll<string>().as('n')).where('action', '=', 'books.read').executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);
    const file = await operator.get(`/desa/${V}/buku/mutasi-penduduk.xlsx?tahun=${year}`);
    expect(file.status).toBe(200);
    const rows = await sheetRows(await file.arrayBuffer());
    expect(rows[0]![0]).toBe('BUKU MUTASI PENDUDUK DESA');
    expect(rows.filter((r) => /^\d+$/.test(r[0]!)).length).toBe(events!.n);
  });

  it('the KTP and KK register: today\'s population family by family; NIKs whole for the operator, masked for the head; the PDF carries the head\'s signature', async () => {
    const { rows: [counted] } = await sql<{ n: number }>`select count(*)::int as n from residents where village_code = ${V} and life_status in (1, 6)`.execute(db());
    const forOperator = await text(await operator.get(`/desa/${V}/buku/ktp-kk`));
    expect(shownTotal(forOperator)).toBe(counted!.n);
    const first = await sql<{ nik: string }>`select r.nik from residents r left join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${V} and r.life_status in (1, 6) and not r.nik_temporary order by f.kk_number nulls last, r.family_id, r.family_relation nulls last, r.birth_date nulls last, r.id limit 1`.execute(db());
    const nik = first.rows[0]!.nik;
    expect(forOperator).toContain(nik);
    // A heavier rule where each family starts, the same on a later page as in the whole book.
    const all = await cardsBook.rows(db(), V, { year, month: null }, { fullNik: true });
    const page2 = await cardsBook.rows(db(), V, { year, month: null }, { slice: { limit: 100, offset: 100 }, fullNik: true });
    expect(page2.map((r) => r.heavyTop)).toEqual(all.slice(100, 200).map((r) => r.heavyTop));
    const { rows: [families] } = await sql<{ n: number }>`select count(distinct family_id)::int as n from residents where village_code = ${V} and life_status in (1, 6) and family_id is not null`.execute(db());
    expect(all.filter((r) => r.heavyTop).length).toBe(families!.n);
    const forHead = await text(await head.get(`/desa/${V}/buku/ktp-kk`));
    expect(forHead).not.toContain(nik);
    expect(forHead).toContain(`${nik.slice(0, 4)}********${nik.slice(12)}`);
    const pdf = await head.get(`/desa/${V}/buku/ktp-kk.pdf?kertas=f4`);
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const exports = await db().selectFrom('audit_log').select('detail').where('action', '=', 'books.export').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(exports.detail).toMatchObject({ book: 'ktp-kk', format: 'pdf', rows: counted!.n });
    // The Excel twin ends with the head's block: his own name, under his own position.
    const headOfficial = await db().selectFrom('village_officials').select(['name', 'position_title']).where('village_code', '=', V).where('position', '=', 'kepala_desa').where('active', '=', true).executeTakeFirstOrThrow();
    const sheet = (await sheetRows(await (await head.get(`/desa/${V}/buku/ktp-kk.xlsx`)).arrayBuffer())).map((r) => r.join(' ').trim()).filter(Boolean);
    expect(sheet.at(-1)).toBe(headOfficial.name);
    expect(sheet.at(-2)!.toUpperCase()).toContain(headOfficial.position_title.toUpperCase());
  });

  it('the treasurer\'s books print as registers: opening balance, each movement, the month\'s sums equal to its lines, signed by the Kaur Keuangan', async () => {
    // January of this year's adopted APBDes: Dana Desa in, a payment with taxes withheld.
    const post = (fields: Record<string, string>) => {
      const form = new FormData();
      form.set('_csrf', treasurer.csrf);
      for (const [k, v] of Object.entries({ entry_date: `${year}-01-02`, ...fields })) form.set(k, v);
      return treasurer.request(`/desa/${V}/realisasi`, { method: 'POST', body: form });
    };
    expect((await post({ account_code: '4.2.1', description: 'Dana Desa tahap I', amount: '100.000.000' })).status).toBe(303);
    expect((await post({ account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS', description: 'Semen dan pasir', amount: '20.000.000', tax_ppn: '1.800.000', tax_pph: '300.000' })).status).toBe(303);
    const q = `?tahun=${year}&bulan=1`;
    const sheet = await sheetRows(await (await treasurer.get(`/desa/${V}/realisasi/bku.xlsx${q}`)).arrayBuffer());
    expect(sheet[0]![0]).toBe('BUKU KAS UMUM');
    const rupiah = (s: string | undefined) => Number((s ?? '').replace(/[^\d-]/g, '') || 0);
    const lines = sheet.filter((r) => /^\d+$/.test(r[0]!));
    expect(lines.length).toBeGreaterThan(0);
    const total = sheet.find((r) => r[3] === 'Jumlah bulan ini dan saldo akhir bulan')!;
    expect(rupiah(total[4])).toBe(lines.reduce((n, r) => n + rupiah(r[4]), 0));
    expect(rupiah(total[5])).toBe(lines.reduce((n, r) => n + rupiah(r[5]), 0));
    const opening = rupiah(sheet.find((r) => r[3] === 'Saldo awal bulan')![7]);
    expect(rupiah(total[7])).toBe(opening + rupiah(total[4]) - rupiah(total[5]));
    const signed = sheet.map((r) => r.join(' ').trim()).filter(Boolean);
    expect(signed.at(-1)).toBe('Dewi Lestari');
    const pdf = await treasurer.get(`/desa/${V}/realisasi/pajak.pdf${q}&kertas=f4`);
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await otherVillage.get(`/desa/${V}/realisasi/bku.pdf${q}`)).status).toBe(403);
  });

  it('the officials, dispatch and development books agree with the records they are read from', async () => {
    const officials = await db().selectFrom('village_officials').select(['name', 'position_title']).where('village_code', '=', V).execute();
    const aparat = await text(await operator.get(`/desa/${V}/buku/aparat`));
    expect(shownTotal(aparat)).toBe(officials.length);
    for (const o of officials) expect(aparat).toContain(o.name);

    expect(officials.length).toBeGreaterThan(0);
    const { rows: [signed] } = await sql<{ n: number }>`select count(*)::int as n from letters where village_code = ${V} and number is not null
      and signed_at >= ${`${year}-01-01T00:00:00+07:00`}::timestamptz and signed_at < ${`${year + 1}-01-01T00:00:00+07:00`}::timestamptz`.execute(db());
    expect(shownTotal(await text(await operator.get(`/desa/${V}/buku/ekspedisi?tahun=${year}`)))).toBe(signed!.n);

    const projects = await db().selectFrom('projects').select('year').where('village_code', '=', V).execute();
    const projectYear = projects[0]?.year ?? year;
    const ofYear = projects.filter((p) => p.year === projectYear).length;
    expect(ofYear).toBeGreaterThan(0);
    const book = await operator.get(`/desa/${V}/buku/kegiatan-pembangunan.xlsx?tahun=${projectYear}`);
    const rows = (await sheetRows(await book.arrayBuffer())).filter((r) => /^\d+$/.test(r[0]!));
    expect(rows.length).toBe(ofYear);
    // Each project's amount is the sum of its funds.
    const { rows: funds } = await sql<{ total: string }>`select coalesce(sum(f.amount), 0)::text as total from projects p
      left join project_funds f on f.village_code = p.village_code and f.project_id = p.id where p.village_code = ${V} and p.year = ${projectYear} group by p.id, p.starts_on order by p.starts_on, p.id`.execute(db());
    expect(rows.map((r) => r[4])).toEqual(funds.map((f) => `Rp${Number(f.total).toLocaleString('id-ID')}`));
  });
});
