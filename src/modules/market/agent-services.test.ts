import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { formatRupiah, todayInWib } from '../../platform/format/format.js';
import { testAgentProvider as provider } from './agent-provider.js';

const V = '18.09.10.2004';
const COUNTER = `/desa/${V}/pasar/layanan`;
let t: TestApp;
let operator: Client;
let secretary: Client;
let head: Client;
let otherVillage: Client;
let citizen: Client;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const txOf = (id: number) => db().selectFrom('agent_transactions').selectAll().where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
const idOf = (res: Response) => Number(res.headers.get('location')!.split('?')[0]!.split('/').pop());
let keys = 0;
const newKey = () => `uji-kunci-${Date.now()}-${++keys}`;

/** The officer serves a customer: the bill is checked; the transaction's page comes back. */
async function inquire(client: Client, fields: Record<string, string>) {
  const res = await client.form(COUNTER, { idempotency_key: newKey(), ...fields });
  expect(res.status, await res.clone().text()).toBe(303);
  return idOf(res);
}

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [operator, secretary, head, otherVillage] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura'), t.login('kades.hanura'), t.login('batumenyan')]);
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
});
afterAll(() => t?.close());

describe('payment agent services at the BUMDes', () => {
  it('checks a bill, then pays it: the total is the bill plus the fee exactly, the receipt says so, in test mode', async () => {
    const page = await text(await operator.get(COUNTER));
    expect(page).toContain('Mode uji');
    expect(page).toContain('Pajak Kendaraan Bermotor (e-Samdes)');
    const due = (await provider.inquiry('pkb', 'BE4321CD')).amountDue!;
    const key = newKey();
    const first = await operator.form(COUNTER, { service: 'pkb', customer_ref: 'be 4321 cd', idempotency_key: key });
    expect(first.status).toBe(303);
    const id = idOf(first);
    // The same form sent twice: one transaction.
    expect(idOf(await operator.form(COUNTER, { service: 'pkb', customer_ref: 'be 4321 cd', idempotency_key: key }))).toBe(id);
    expect(await db().selectFrom('agent_transactions').select('id').where('village_code', '=', V).where('tx_key', '=', key).execute()).toHaveLength(1);
    let tx = await txOf(id);
    expect(tx).toMatchObject({ status: 'inquired', customer_ref: 'BE4321CD', amount: due.toString(), fee: '5000', provider_fee: '2500', total: (due + 5000n).toString(), owed: (due + 2500n).toString() });
    const bill = await text(await operator.get(`${COUNTER}/${id}`));
    expect(bill).toContain(formatRupiah(due + 5000n));
    expect(bill).toContain('BE 4321 CD');

    const paid = await operator.form(`${COUNTER}/${id}/bayar`, {});
    expect(paid.status).toBe(303);
    tx = await txOf(id);
    expect(tx.status).toBe('paid');
    expect(tx.provider_ref).toMatch(/^UJI-/);
    expect(provider.charges.get(tx.tx_key)).toBe(1);
    // Paying again (a second click, a second officer) is the same payment: no second charge, no second row.
    expect((await secretary.form(`${COUNTER}/${id}/bayar`, {})).status).toBe(303);
    expect(provider.charges.get(tx.tx_key)).toBe(1);
    expect((await txOf(id)).provider_ref).toBe(tx.provider_ref);
    const receipt = await text(await operator.get(`${paid.headers.get('location')}`));
    for (const s of ['Bukti pembayaran', 'Lunas', formatRupiah(due), 'Rp5.000', formatRupiah(due + 5000n), tx.provider_ref!, 'Mode uji', 'BUMDes Hanura Makmur']) expect(receipt).toContain(s);
  });

  it('takes the amount of a prepaid token as typed, within its limits, and names the field of a wrong number', async () => {
    const id = await inquire(operator, { service: 'pln_token', customer_ref: '1234 5678 901', bill_amount: 'Rp50.000' });
    expect(await txOf(id)).toMatchObject({ amount: '50000', fee: '2500', total: '52500', owed: '51500' });
    const small = await operator.form(COUNTER, { service: 'pln_token', customer_ref: '12345678901', bill_amount: '10.000', idempotency_key: newKey() });
    expect(small.status).toBe(400);
    expect(await text(small)).toContain('Kolom Nominal: nominal paling sedikit Rp20.000');
    const plate = await operator.form(COUNTER, { service: 'pkb', customer_ref: '1234-BE', idempotency_key: newKey() });
    expect(plate.status).toBe(400);
    expect(await text(plate)).toContain('Kolom Nomor pelanggan: tulis nomor polisi');
    const unknown = await operator.form(COUNTER, { service: 'pdam', customer_ref: '7010000', idempotency_key: newKey() });
    expect(unknown.status).toBe(400);
    expect(await text(unknown)).toContain('tidak ditemukan di penyedia');
    const service = await operator.form(COUNTER, { service: 'pulsa', customer_ref: '7012345', idempotency_key: newKey() });
    expect(service.status).toBe(400);
    expect(await text(service)).toContain('Layanan');
  });

  it('records a payment the provider did not take as failed, and a retry charges it once', async () => {
    const id = await inquire(operator, { service: 'pln', customer_ref: '512345678902' });
    const { tx_key: key } = await txOf(id);
    provider.failNext('timeout');
    expect((await operator.form(`${COUNTER}/${id}/bayar`, {})).status).toBe(303);
    expect(await txOf(id)).toMatchObject({ status: 'failed', provider_ref: null, paid_at: null, attempts: 1 });
    expect(provider.charges.get(key)).toBeUndefined();
    expect(await text(await operator.get(`${COUNTER}/${id}`))).toContain('Pembayaran gagal');
    expect((await operator.form(`${COUNTER}/${id}/bayar`, {})).status).toBe(303);
    expect(await txOf(id)).toMatchObject({ status: 'paid', attempts: 2 });
    expect(provider.charges.get(key)).toBe(1);

    // The provider took the money but its answer was lost: asked again, it says paid; nothing is paid twice.
    const lost = await inquire(operator, { service: 'bpjs', customer_ref: '0001234567890123' });
    provider.failNext('timeout', { charged: true });
    await operator.form(`${COUNTER}/${lost}/bayar`, {});
    const tx = await txOf(lost);
    expect(tx.status).toBe('paid');
    expect(provider.charges.get(tx.tx_key)).toBe(1);

    // A refusal by the provider is a failure too.
    const declined = await inquire(operator, { service: 'pdam', customer_ref: '7012399' });
    provider.failNext('declined');
    await operator.form(`${COUNTER}/${declined}/bayar`, {});
    expect((await txOf(declined)).status).toBe('failed');
  });

  it('shows the customer\'s number whole only to the officer who served', async () => {
    const id = await inquire(operator, { service: 'pkb', customer_ref: 'BE 7777 XY' });
    await operator.form(`${COUNTER}/${id}/bayar`, {});
    const { customer_name: name } = await txOf(id);
    expect(await text(await operator.get(`${COUNTER}/${id}`))).toContain('BE 7777 XY');
    const other = await text(await secretary.get(`${COUNTER}/${id}`));
    expect(other).not.toContain('BE 7777 XY');
    expect(other).not.toContain('BE7777XY');
    expect(other).toContain('BE****XY');
    expect(other).not.toContain(name!);
    // The head opens the receipt from the settlement, masked, and cannot act on it.
    const headView = await head.get(`${COUNTER}/${id}`);
    expect(headView.status).toBe(200);
    const seenByHead = await headView.text();
    expect(seenByHead).toContain('BE****XY');
    expect(seenByHead).not.toContain(`${COUNTER}/${id}/batal`);
    expect((await head.form(`${COUNTER}/${id}/batal`, { reason: 'Kepala desa mencoba' })).status).toBe(403);
    const report = await text(await head.get(`${COUNTER}/rekap`));
    expect(report).toContain('BE****XY');
    expect(report).not.toContain('BE7777XY');
  });

  it('refuses another village\'s officer, a citizen, nobody, and the head at the counter (the head reads the settlement)', async () => {
    expect((await otherVillage.get(COUNTER)).status).toBe(403);
    expect((await otherVillage.form(COUNTER, { service: 'pkb', customer_ref: 'BE 1 A' })).status).toBe(403);
    expect((await otherVillage.get(`${COUNTER}/rekap`)).status).toBe(403);
    expect((await citizen.get(COUNTER)).status).toBe(403);
    expect((await citizen.get(`${COUNTER}/rekap`)).status).toBe(403);
    expect((await t.anonymous.get(COUNTER)).status).toBe(401);
    expect((await head.get(COUNTER)).status).toBe(403);
    expect((await head.form(`${COUNTER}/tutup`, { tanggal: todayInWib() })).status).toBe(403);
    expect((await head.get(`${COUNTER}/rekap`)).status).toBe(200);
    // A transaction of Hanura does not exist for Batu Menyan's counter either.
    const any = await db().selectFrom('agent_transactions').select('id').where('village_code', '=', V).executeTakeFirstOrThrow();
    expect((await otherVillage.get(`/desa/18.09.10.2001/pasar/layanan/${any.id}`)).status).toBe(409);
  });

  it('reverses a payment by a new row with the amounts negative; the payment stays as it was', async () => {
    const id = await inquire(operator, { service: 'pdam', customer_ref: '7015555' });
    await operator.form(`${COUNTER}/${id}/bayar`, {});
    const paid = await txOf(id);
    const noReason = await operator.form(`${COUNTER}/${id}/batal`, {});
    expect(noReason.status).toBe(400);
    expect(await text(noReason)).toContain('Alasan');
    const reversed = await operator.form(`${COUNTER}/${id}/batal`, { reason: 'Nomor sambungan salah ketik' });
    expect(reversed.status).toBe(303);
    const r = await txOf(idOf(reversed));
    expect(r).toMatchObject({ kind: 'reversal', status: 'reversed', reverses_id: id, amount: `-${paid.amount}`, fee: `-${paid.fee}`, total: `-${paid.total}`, owed: `-${paid.owed}` });
    expect(await txOf(id)).toEqual(paid);
    expect((await operator.form(`${COUNTER}/${id}/batal`, { reason: 'Sekali lagi' })).status).toBe(409);
    expect(await text(await operator.get(`${COUNTER}/${id}`))).toContain('Lunas, dibatalkan');
  });

  it('closes the day: its totals are the sum of its lines, a payment still waiting holds it, and a closed day takes nothing more', async () => {
    const today = todayInWib();
    // A payment whose answer never came, and the provider cannot say either: it waits, and so does the closing.
    const waiting = await inquire(operator, { service: 'pln', customer_ref: '512345678903' });
    provider.failNext('timeout');
    provider.statusDown = true;
    await operator.form(`${COUNTER}/${waiting}/bayar`, {});
    expect((await txOf(waiting)).status).toBe('pending');
    expect((await operator.form(`${COUNTER}/${waiting}/bayar`, {})).status).toBe(409);
    const held = await operator.form(`${COUNTER}/tutup`, { tanggal: today });
    expect(held.status).toBe(409);
    expect(await text(held)).toContain('menunggu jawaban penyedia');
    provider.statusDown = false;
    expect((await operator.form(`${COUNTER}/${waiting}/periksa`, {})).status).toBe(303);
    expect((await txOf(waiting)).status).toBe('failed');

    const lines = await sql<{ n: number; amount: string; fee: string; total: string; owed: string }>`
      select count(*) filter (where kind = 'payment')::int as n, sum(amount)::text as amount, sum(fee)::text as fee, sum(total)::text as total, sum(owed)::text as owed
      from agent_transactions where village_code = ${V} and day = ${today}::date and status in ('paid', 'reversed')`.execute(db());
    const sum = lines.rows[0]!;
    const before = await text(await head.get(`${COUNTER}/rekap?tanggal=${today}`));
    expect(before).toContain(formatRupiah(sum.total));
    expect(before).toContain(formatRupiah(sum.owed));
    expect(before).toContain('belum ditutup');

    expect((await operator.form(`${COUNTER}/tutup`, {})).status).toBe(400);
    const future = await operator.form(`${COUNTER}/tutup`, { tanggal: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(await text(future)).toContain('Tanggal');
    expect((await operator.form(`${COUNTER}/tutup`, { tanggal: today })).status).toBe(303);
    const settlement = await db().selectFrom('agent_settlements').selectAll().where('village_code', '=', V).where('day', '=', today).executeTakeFirstOrThrow();
    expect(settlement).toMatchObject({ payments: sum.n, reversals: 1, amount: sum.amount, fees: sum.fee, total: sum.total, owed: sum.owed });
    expect(settlement.closed_by).not.toBeNull();
    const report = await text(await head.get(`${COUNTER}/rekap?tanggal=${today}`));
    expect(report).toContain('Ditutup oleh');
    expect(report).toContain(formatRupiah(sum.total));
    const xlsx = await head.get(`${COUNTER}/rekap.xlsx?tanggal=${today}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');

    // Closed: no new bill, no payment of one checked today, no second closing.
    const refused = await operator.form(COUNTER, { service: 'pdam', customer_ref: '7016666', idempotency_key: newKey() });
    expect(refused.status).toBe(409);
    expect(await text(refused)).toContain('sudah ditutup');
    const checked = await db().selectFrom('agent_transactions').select('id').where('village_code', '=', V).where('status', '=', 'inquired').executeTakeFirstOrThrow();
    expect((await operator.form(`${COUNTER}/${checked.id}/bayar`, {})).status).toBe(409);
    expect((await txOf(checked.id)).status).toBe('inquired');
    expect((await operator.form(`${COUNTER}/tutup`, { tanggal: today })).status).toBe(409);
    expect(await text(await operator.get(COUNTER))).toContain('Hari ini sudah ditutup');
  });
});
