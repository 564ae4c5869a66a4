import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRupiah, todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura: the demo's adopted APBDes of this year
const YEAR = todayInWib().slice(0, 4);
// The first day of the year is never in the future, whenever the tests run.
const DAY = `${YEAR}-01-01`;
const MONTHS = Math.min(5, Number(todayInWib().slice(5, 7)));
let t: TestApp;
let treasurer: Client;
let secretary: Client;
let head: Client;

/** A JPEG as a phone camera starts one: enough for the content check. */
const JPEG: Uint8Array<ArrayBuffer> = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

beforeAll(async () => {
  t = await createTestApp();
  [treasurer, secretary, head] = await Promise.all(['bendahara.hanura', 'sekdes.hanura', 'kades.hanura'].map((u) => t.login(u)));
});
afterAll(() => t.close());

function post(as: Client, fields: Record<string, string>, proof?: { bytes: Uint8Array<ArrayBuffer>; name: string; type: string }) {
  const form = new FormData();
  form.set('_csrf', as.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (proof) form.set('proof', new File([proof.bytes], proof.name, { type: proof.type }));
  return as.request(`/desa/${V}/realisasi`, { method: 'POST', body: form });
}
const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const entries = () => t.db.kysely.selectFrom('budget_entries').selectAll().where('village_code', '=', V).orderBy('id').execute();
const rollup = () => t.db.kysely.selectFrom('monitoring_budgets').select(['realised_income', 'realised_spending']).where('village_code', '=', V).where('year', '=', Number(YEAR)).executeTakeFirstOrThrow();
const road = { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS' };

describe('realisation', () => {
  it('posts receipts and payments with their proof; the report, the cash book and the dashboards follow', async () => {
    const received = await post(treasurer, { entry_date: DAY, account_code: '4.2.1', description: 'Dana Desa tahap I', amount: '409.600.000' }, { bytes: JPEG, name: 'rekening-koran.jpg', type: 'image/jpeg' });
    expect(received.status, await received.clone().text()).toBe(303);
    const paid = await post(treasurer, { entry_date: DAY, ...road, description: 'Rabat beton tahap I', amount: '200.000.000', tax_ppn: '18.018.018', tax_pph: '3.000.000' });
    expect(paid.status).toBe(303);

    const report = await text(await treasurer.get(`/desa/${V}/realisasi?tahun=${YEAR}`));
    expect(report).toContain('Rp409.600.000 / Rp1.494.700.000');
    expect(report).toContain('Rp200.000.000 / Rp1.158.300.000');
    // The road: budget 483 M, paid 200 M, 283 M left, 41,41 %.
    expect(report).toMatch(/2\.3\.10 Pembangunan\/Rehabilitasi\/Peningkatan\/Pengerasan Jalan Desa Rp483\.000\.000 Rp200\.000\.000 Rp283\.000\.000 41,41/);

    const book = await text(await treasurer.get(`/desa/${V}/realisasi/bku?tahun=${YEAR}&bulan=1`));
    // 409.6 M in, 200 M paid out, of which 21,018,018 withheld as taxes stays until paid over.
    expect(book).toContain('Saldo akhir bulan Rp230.618.018');
    expect(book).toContain('PPN Rp18.018.018 · PPh Rp3.000.000');
    expect(await rollup()).toEqual({ realised_income: '409600000', realised_spending: '200000000' });

    // The proof comes back as it was sent, to those who read the budget.
    const id = (await entries())[0]!.id;
    const proof = await secretary.get(`/desa/${V}/realisasi/${id}/bukti`);
    expect(proof.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await proof.arrayBuffer())).toEqual(JPEG);
  });

  it('refuses a payment past the budget, naming what is left, and stores nothing of a bad entry', async () => {
    const before = (await entries()).length;
    const over = await post(treasurer, { entry_date: DAY, ...road, description: 'Rabat beton tahap II', amount: '300.000.000' });
    expect(over.status).toBe(400);
    expect(await text(over)).toContain('Kolom Jumlah: pembayaran melebihi anggaran. Anggaran Rp483.000.000, sudah dibayar Rp200.000.000, sisa Rp283.000.000');
    const unbudgeted = await post(treasurer, { entry_date: DAY, account_code: '5.3.3', activity_code: '1.2.01', fund: 'DDS', description: 'Mobil desa', amount: '1' });
    expect(await text(unbudgeted)).toContain('tidak ada di APBDes');
    const notAPhoto = await post(treasurer, { entry_date: DAY, account_code: '4.2.3', description: 'ADD', amount: '1000' }, { bytes: new TextEncoder().encode('bukan foto'), name: 'nota.jpg', type: 'image/jpeg' });
    expect(notAPhoto.status).toBe(415);
    expect(await text(notAPhoto)).toContain('Kolom Bukti harus foto (JPEG/PNG) atau PDF');
    // A financing expense (no activity) counts what was paid before it too: 353.750.000 budgeted for the BUMDes.
    expect((await post(treasurer, { entry_date: DAY, account_code: '6.2.2', description: 'Penyertaan modal tahap I', amount: '300.000.000' })).status).toBe(303);
    const bumdes = await post(treasurer, { entry_date: DAY, account_code: '6.2.2', description: 'Penyertaan modal tahap II', amount: '100.000.000' });
    expect(await text(bumdes)).toContain('sudah dibayar Rp300.000.000, sisa Rp53.750.000');
    const future = await post(treasurer, { entry_date: '2099-01-01', account_code: '4.2.3', description: 'ADD', amount: '1000' });
    expect(await text(future)).toContain('Kolom Tanggal transaksi tidak boleh setelah hari ini');
    expect((await entries()).length).toBe(before + 1); // the first BUMDes payment only
  });

  it('lets only one of two payments that together pass the budget through', async () => {
    // 283 M left on the road: two officers post 200 M each at the same moment.
    const tries = await Promise.all([1, 2].map((n) => post(treasurer, { entry_date: DAY, ...road, description: `Rabat beton serentak ${n}`, amount: '200.000.000' })));
    expect(tries.map((r) => r.status).sort()).toEqual([303, 400]);
    const paid = (await entries()).filter((e) => e.account_code === '5.3.5').reduce((s, e) => s + BigInt(e.amount), 0n);
    expect(paid).toBe(400_000_000n);
  });

  it('undoes an entry by a correcting one, once; verification is by someone other than who posted', async () => {
    const last = (await entries()).at(-1)!;
    const wrong = await treasurer.form(`/desa/${V}/realisasi/${last.id}/koreksi`, { reason: 'Salah tahap, dicatat ulang' });
    expect(wrong.status).toBe(303);
    const again = await treasurer.form(`/desa/${V}/realisasi/${last.id}/koreksi`, { reason: 'Dua kali' });
    expect(again.status).toBe(409);
    const all = await entries();
    const correction = all.at(-1)!;
    expect([correction.corrects, correction.amount]).toEqual([last.id, '-200000000']);
    expect(await rollup()).toEqual({ realised_income: '409600000', realised_spending: '200000000' });
    // Nothing was deleted: both rows are still there.
    expect(all.some((e) => e.id === last.id)).toBe(true);

    expect((await treasurer.form(`/desa/${V}/realisasi/${last.id}/verifikasi`, {})).status).toBe(403);
    expect((await secretary.form(`/desa/${V}/realisasi/${last.id}/verifikasi`, {})).status).toBe(303);
    expect((await entries()).find((e) => e.id === last.id)!.verified_by).not.toBeNull();
    // The head reads the books but posts nothing.
    expect((await post(head, { entry_date: DAY, account_code: '4.2.3', description: 'ADD', amount: '1000' })).status).toBe(403);
  });

  it('keeps every report total equal to the sum of the entries, over 50 entries', async () => {
    const lines: Record<string, string>[] = [
      { account_code: '4.2.3', description: 'ADD' },
      { account_code: '5.2.7', activity_code: '2.2.02', fund: 'DDS', description: 'PMT posyandu' },
      { account_code: '5.1.2', activity_code: '1.1.02', fund: 'ADD', description: 'Siltap perangkat' },
      { account_code: '5.2.2', activity_code: '3.4.03', fund: 'PAD', description: 'Honor kader PKK' },
    ];
    for (let i = 0; i < 50; i++) {
      const res = await post(treasurer, { entry_date: `${YEAR}-0${1 + (i % MONTHS)}-01`, ...lines[i % 4]!, amount: String(100_000 + i * 1_000) });
      expect(res.status, await res.clone().text()).toBe(303);
    }
    const all = await entries();
    const sum = (pred: (a: string) => boolean) => all.filter((e) => pred(e.account_code)).reduce((s, e) => s + BigInt(e.amount), 0n);
    const income = sum((a) => a.startsWith('4.'));
    const spending = sum((a) => a.startsWith('5.'));
    expect(await rollup()).toEqual({ realised_income: income.toString(), realised_spending: spending.toString() });
    const report = await text(await secretary.get(`/desa/${V}/realisasi?tahun=${YEAR}`));
    const rp = (n: bigint): string => (n < 0n ? `-${rp(-n)}` : `Rp${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`);
    expect(report).toContain(`${rp(income)} / Rp1.494.700.000`);
    expect(report).toContain(`${rp(spending)} / Rp1.158.300.000`);
    // Month by month, each closing balance is the next opening balance, and the year's last is all receipts less all payments (net of taxes withheld).
    let balance = 0n;
    for (let m = 1; m <= MONTHS; m++) {
      const page = await text(await secretary.get(`/desa/${V}/realisasi/bku?tahun=${YEAR}&bulan=${m}`));
      expect(page).toContain(`Saldo awal bulan ${rp(balance)}`);
      // A payment's withheld taxes stay in the cash book until they are paid over.
      balance = all.filter((e) => Number(e.entry_date.slice(5, 7)) <= m)
        .reduce((s, e) => s + (e.account_code.startsWith('4.') ? BigInt(e.amount) : BigInt(e.tax_ppn) + BigInt(e.tax_pph) - BigInt(e.amount)), 0n);
      expect(page).toContain(`Saldo akhir bulan ${rp(balance)}`);
    }
  });

  it('gives the report in the official layout as a workbook whose totals are the sums of its lines, signed by the head', async () => {
    const res = await head.get(`/desa/${V}/realisasi.xlsx?tahun=${YEAR}&periode=year`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]![0]).toBe(`LAPORAN REALISASI PELAKSANAAN APBDES TAHUN ANGGARAN ${YEAR}`);
    const find = (name: string) => rows.find((r) => r[1] === name)!;
    const all = await entries();
    const sum = (prefix: string) => Number(all.filter((e) => e.account_code.startsWith(prefix)).reduce((s, e) => s + BigInt(e.amount), 0n));
    expect(find('Jumlah Pendapatan').slice(2, 4)).toEqual([1_494_700_000, sum('4.')]);
    expect(find('Jumlah Belanja').slice(2, 4)).toEqual([1_158_300_000, sum('5.')]);
    // Each bidang is the sum of the activities listed under it.
    const activities = rows.filter((r) => typeof r[0] === 'string' && /^\d\.\d\.\d\d$/.test(r[0] as string));
    for (const bidang of ['1', '2', '3', '4', '5']) {
      const total = rows.find((r) => r[0] === bidang);
      if (!total) continue;
      expect(activities.filter((r) => (r[0] as string).startsWith(`${bidang}.`)).reduce((s, r) => s + (r[3] as number), 0)).toBe(total[3]);
    }
    expect(rows.at(-1)).toContain('Ahmad Suhendra');
  });

  it('prints the report as PDF on A4 or F4, drawn in a worker thread', async () => {
    const a4 = await head.get(`/desa/${V}/realisasi.pdf?tahun=${YEAR}&periode=s1`);
    expect(a4.status).toBe(200);
    expect(a4.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await a4.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.27\d* 841\.88\d*\]/);
    const f4 = Buffer.from(await (await head.get(`/desa/${V}/realisasi.pdf?tahun=${YEAR}&kertas=f4`)).arrayBuffer());
    expect(f4.toString('latin1')).toMatch(/\/MediaBox \[0 0 609\.44\d* 935\.43\d*\]/);
  });

  it('shows the public what was realised, on the budget page and on the poster for the village hall', async () => {
    const { realised_income, realised_spending } = await rollup();
    const dds = await t.db.kysely.selectFrom('budget_entries').select((eb) => eb.fn.sum<string>('amount').as('n'))
      .where('village_code', '=', V).where('year', '=', Number(YEAR)).where('account_code', '=', '4.2.1').executeTakeFirstOrThrow();
    const pub = await text(await t.anonymous.get(`/publik/desa/${V}/apbdes?tahun=${YEAR}`));
    expect(pub).toContain(`Pendapatan · Realisasi ${formatRupiah(BigInt(realised_income))} (`);
    expect(pub).toContain(`Belanja · Realisasi ${formatRupiah(BigInt(realised_spending))} (`);
    // Each source with its own realisation, as the bars draw it.
    expect(pub).toContain(`Dana Desa Rp1.`);
    expect(pub).toContain(`Realisasi ${formatRupiah(BigInt(dds.n))}`);

    for (const [size, box] of [['a3', /\/MediaBox \[0 0 841\.8\d* 1190\.5\d*\]/], ['a2', /\/MediaBox \[0 0 1190\.5\d* 1683\.7\d*\]/]] as const) {
      const poster = await t.anonymous.get(`/publik/desa/${V}/apbdes/poster.pdf?tahun=${YEAR}&ukuran=${size}`);
      expect(poster.status).toBe(200);
      expect(poster.headers.get('content-type')).toBe('application/pdf');
      expect(poster.headers.get('cache-control')).toBe('public, max-age=300');
      const bytes = Buffer.from(await poster.arrayBuffer());
      expect(bytes.toString('latin1')).toMatch(box);
      expect(bytes.toString('latin1')).toContain('APBDes Desa Hanura Tahun Anggaran');
    }
    const badSize = await t.anonymous.get(`/publik/desa/${V}/apbdes/poster.pdf?ukuran=a5`);
    expect(badSize.status).toBe(400);
    expect(await text(badSize)).toContain('Pilihan pada kolom Ukuran poster tidak dikenal');
    const noBudget = await t.anonymous.get(`/publik/desa/${V}/apbdes/poster.pdf?tahun=2099`);
    expect(noBudget.status).toBe(404);
    expect(await text(noBudget)).toContain('belum menetapkan APBDes untuk tahun itu');
  });
});
