import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura: the demo's adopted APBDes of this year
const YEAR = todayInWib().slice(0, 4);
const DAY = `${YEAR}-01-01`;
let t: TestApp;
let treasurer: Client;
let secretary: Client;
let head: Client;

beforeAll(async () => {
  t = await createTestApp();
  [treasurer, secretary, head] = await Promise.all(['bendahara.hanura', 'sekdes.hanura', 'kades.hanura'].map((u) => t.login(u)));
});
afterAll(() => t.close());

function post(fields: Record<string, string>) {
  const form = new FormData();
  form.set('_csrf', treasurer.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return treasurer.request(`/desa/${V}/realisasi`, { method: 'POST', body: form });
}
const move = (fields: Record<string, string>) => treasurer.form(`/desa/${V}/realisasi/mutasi`, { entry_date: DAY, buku: 'tunai', tahun: YEAR, bulan: '1', ...fields });
const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const book = async (name: string, as: Client = treasurer, month = 1) => text(await as.get(`/desa/${V}/realisasi/${name}?tahun=${YEAR}&bulan=${month}`));
// A correction is dated the day it is made.
const THIS_MONTH = Number(todayInWib().slice(5, 7));
const closing = (page: string) => /Saldo akhir bulan (-?Rp[\d.]+)/.exec(page)?.[1];
const road = { account_code: '5.3.5', activity_code: '2.3.10', fund: 'DDS' };
const movements = () => t.db.kysely.selectFrom('treasury_entries').selectAll().where('village_code', '=', V).orderBy('id').execute();

describe('the bank, cash-in-hand and tax books', () => {
  it('splits the cash book into bank and cash, keeps the cash box at or above zero, and tracks taxes until paid over', async () => {
    expect((await post({ entry_date: DAY, account_code: '4.2.1', description: 'Dana Desa tahap I', amount: '100.000.000' })).status).toBe(303);
    // Nothing in the cash box yet: a cash payment is refused, naming the field and what is there.
    const short = await post({ entry_date: DAY, ...road, method: 'tunai', description: 'Upah tukang', amount: '2.000.000' });
    expect(short.status).toBe(400);
    expect(await text(short)).toContain('Kolom Jumlah: uang tunai di kas tidak cukup. Kas tunai paling sedikit Rp0');

    expect((await move({ kind: 'withdrawal', amount: '10.000.000', reference: 'Cek 000123', description: 'Ambil tunai untuk upah' })).status).toBe(303);
    expect((await post({ entry_date: DAY, ...road, method: 'tunai', description: 'Upah tukang', amount: '2.000.000', tax_pph: '100.000' })).status).toBe(303);
    expect((await post({ entry_date: DAY, ...road, description: 'Semen dan pasir', amount: '20.000.000', tax_ppn: '1.800.000', tax_pph: '300.000' })).status).toBe(303);

    // Bank: 100 M in, 10 M drawn, 20 M paid with 2.1 M withheld kept: 72.1 M. Cash: 10 M drawn, 2 M paid with 0.1 M kept: 8.1 M.
    expect(closing(await book('bank'))).toBe('Rp72.100.000');
    expect(closing(await book('tunai'))).toBe('Rp8.100.000');
    // The cash book holds both; the withdrawal moved money between them and changed nothing.
    expect(closing(await book('bku'))).toBe('Rp80.200.000');
    const taxes = await book('pajak');
    expect(closing(taxes)).toBe('Rp2.200.000');
    expect(taxes).toContain('PPN belum disetor Rp1.800.000');
    expect(taxes).toContain('PPh belum disetor Rp400.000');

    // Paying over more than was withheld, or without the NTPN, is refused.
    const over = await move({ kind: 'tax_payment', tax: 'ppn', amount: '2.000.000', reference: '0123456789ABCDEF', description: 'Setor PPN', buku: 'pajak' });
    expect(over.status).toBe(400);
    expect(await text(over)).toContain('Kolom Jumlah: setoran PPN melebihi pajak yang dipotong dan belum disetor (Rp1.800.000)');
    const noNtpn = await move({ kind: 'tax_payment', tax: 'ppn', amount: '1.800.000', description: 'Setor PPN', buku: 'pajak' });
    const refused = await noNtpn.text();
    expect(refused.replace(/<[^>]+>/g, ' ')).toContain('Kolom No. cek/referensi bank/NTPN wajib diisi untuk setoran pajak');
    // What was typed stays in the form.
    expect(refused).toContain('value="1.800.000"');
    expect((await move({ kind: 'tax_payment', tax: 'ppn', amount: '1.800.000', reference: '0123456789ABCDEF', description: 'Setor PPN', buku: 'pajak' })).status).toBe(303);
    expect((await move({ kind: 'tax_payment', tax: 'pph', method: 'tunai', amount: '400.000', reference: 'FEDCBA9876543210', description: 'Setor PPh' })).status).toBe(303);
    const paidOver = await book('pajak');
    expect(closing(paidOver)).toBe('Rp0');
    expect(paidOver).toContain('Setor pajak ke kas negara: Setor PPN');
    expect(closing(await book('bank'))).toBe('Rp70.300.000');
    expect(closing(await book('tunai'))).toBe('Rp7.700.000');

    // Back into the bank: no more than the box holds.
    const deposit = await move({ kind: 'deposit', amount: '9.000.000', description: 'Setor sisa tunai' });
    expect(await text(deposit)).toContain('Kas tunai paling sedikit Rp7.700.000');
    expect((await move({ kind: 'deposit', amount: '7.000.000', description: 'Setor sisa tunai' })).status).toBe(303);
    expect(closing(await book('tunai'))).toBe('Rp700.000');
    expect(closing(await book('bank'))).toBe('Rp77.300.000');
    expect(closing(await book('bku'))).toBe('Rp78.000.000');

    // Undoing the withdrawal would take 10 M out of a box holding 0.7 M: refused, nothing stored.
    const before = (await movements()).length;
    const withdrawal = (await movements()).find((m) => m.kind === 'withdrawal')!;
    const undo = await treasurer.form(`/desa/${V}/realisasi/mutasi/${withdrawal.id}/koreksi`, { reason: 'Salah jumlah cek', buku: 'tunai' });
    expect(await text(undo)).toContain('uang tunai di kas tidak cukup');
    expect((await movements()).length).toBe(before);
  });

  it('undoes a movement once with a correcting one; the secretary verifies what she did not post', async () => {
    const deposit = (await movements()).find((m) => m.kind === 'deposit')!;
    expect((await treasurer.form(`/desa/${V}/realisasi/mutasi/${deposit.id}/koreksi`, { reason: 'Setoran ditolak bank', buku: 'bank' })).status).toBe(303);
    expect((await treasurer.form(`/desa/${V}/realisasi/mutasi/${deposit.id}/koreksi`, { reason: 'Dua kali', buku: 'bank' })).status).toBe(409);
    const correction = (await movements()).at(-1)!;
    expect([correction.corrects, correction.amount, correction.kind]).toEqual([deposit.id, '-7000000', 'deposit']);
    expect(closing(await book('tunai', treasurer, THIS_MONTH))).toBe('Rp7.700.000');
    expect(await book('bank', treasurer, THIS_MONTH)).toContain(`koreksi atas No. M${deposit.id}: Setoran ditolak bank`);

    expect((await treasurer.form(`/desa/${V}/realisasi/mutasi/${deposit.id}/verifikasi`, {})).status).toBe(403);
    expect((await secretary.form(`/desa/${V}/realisasi/mutasi/${deposit.id}/verifikasi`, { buku: 'bank' })).status).toBe(303);
    expect((await movements()).find((m) => m.id === deposit.id)!.verified_by).not.toBeNull();
    // Two deposits of 5 M at once from a box of 7.7 M: one goes through.
    const both = await Promise.all([1, 2].map((n) => move({ entry_date: todayInWib(), kind: 'deposit', amount: '5.000.000', description: `Setor serentak ${n}` })));
    expect(both.map((r) => r.status).sort()).toEqual([303, 400]);
    expect(closing(await book('tunai', treasurer, THIS_MONTH))).toBe('Rp2.700.000');
    // The head reads the books but moves no money.
    expect((await head.form(`/desa/${V}/realisasi/mutasi`, { entry_date: DAY, kind: 'deposit', amount: '1', description: 'Coba' })).status).toBe(403);
  });

  it('records the cash count beside the books, by the secretary or the head, never the treasurer', async () => {
    const count = { counted_on: todayInWib(), cash_counted: '2.650.000', bank_statement: '75.300.000', note: 'Kurang Rp50.000, diganti bendahara', tahun: YEAR, bulan: String(THIS_MONTH) };
    expect((await treasurer.form(`/desa/${V}/realisasi/pemeriksaan-kas`, count)).status).toBe(403);
    const bad = await head.form(`/desa/${V}/realisasi/pemeriksaan-kas`, { ...count, cash_counted: 'tujuh juta' });
    expect(bad.status).toBe(400);
    expect(await text(bad)).toContain('Uang tunai dihitung');
    expect((await head.form(`/desa/${V}/realisasi/pemeriksaan-kas`, count)).status).toBe(303);
    const page = await book('bku', secretary, THIS_MONTH);
    // Counted 2.65 M against 2.7 M in the books: 50,000 short; the bank agrees.
    expect(page).toMatch(/Rp2\.650\.000 Rp2\.700\.000 -Rp50\.000 Rp75\.300\.000 Rp75\.300\.000 0/);
    expect(page).toContain('Kurang Rp50.000, diganti bendahara');
    const stored = await t.db.kysely.selectFrom('cash_counts').selectAll().where('village_code', '=', V).executeTakeFirstOrThrow();
    expect([stored.book_cash, stored.book_bank]).toEqual(['2700000', '75300000']);
  });
});
