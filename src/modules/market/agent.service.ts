import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { userIdOf, type Actor } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { AgentTxStatus, Database } from '../../platform/db/schema.js';
import { formatRupiah, todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { parseId } from '../../platform/http/id-param.js';
import { clean, dateOf, text } from '../../platform/http/text-input.js';
import { villageInScope } from '../villages/index.js';
import { ProviderError, type AgentProvider } from './agent-provider.js';

/**
 * Payment agent services at the BUMDes (issue 17, item 6). An officer of the village office
 * (market.agent) asks the provider what a customer owes, takes the money and pays it through
 * the provider, prints the receipt; reverses a payment the provider takes back; closes the day,
 * which fixes its settlement and takes no more transactions. The head reads the settlement
 * (market.agent_report). Every use case checks the actor and the village first.
 *
 * A payment is claimed (pending) in one transaction, paid at the provider outside any
 * transaction, and settled in another: a second click finds it pending or paid and never pays
 * again, and the provider pays a key at most once, so a retry after a failure cannot charge twice.
 */

export interface AgentService {
  code: string; name: string; name_en: string; reference_label: string; reference_label_en: string; reference_kind: 'plate' | 'digits';
  reference_min: number; reference_max: number; needs_inquiry: boolean; amount_min: string | null; amount_max: string | null; provider_fee: string; customer_fee: string;
}

export interface AgentLine {
  id: number; kind: 'payment' | 'reversal'; reverses_id: number | null; service: string; service_name: string; day: string; customer_ref: string; customer_name: string | null;
  bill_detail: string | null; amount: string; fee: string; provider_fee: string; total: string; owed: string; status: AgentTxStatus; provider: string; provider_ref: string | null;
  attempts: number; failure: string | null; reason: string | null; served_by: number; officer: string; created_at: Date; paid_at: Date | null; reversed_by_id: number | null; mine: boolean;
}

/** A customer's number shown to anyone but the officer who served: the first and last two characters. */
export const maskRef = (ref: string) => (ref.length > 4 ? `${ref.slice(0, 2)}${'*'.repeat(ref.length - 4)}${ref.slice(-2)}` : '****');
/** A customer's name for the same: the first word and the initials of the rest. */
export const maskName = (name: string) => name.split(' ').map((w, i) => (i === 0 ? w : `${w.slice(0, 1)}.`)).join(' ');

/** "BE1234AB" → "BE 1234 AB": a space where letters and digits meet. */
export function spacedPlate(ref: string) {
  let out = '';
  for (let i = 0; i < ref.length; i++) {
    const ch = ref[i]!;
    if (i > 0 && (ch >= '0' && ch <= '9') !== (ref[i - 1]! >= '0' && ref[i - 1]! <= '9')) out += ' ';
    out += ch;
  }
  return out;
}

const PLATE = /^[A-Z]{1,2}[0-9]{1,4}[A-Z]{0,3}$/;
const DIGITS = /^[0-9]+$/;
const KEY = /^[A-Za-z0-9-]{8,64}$/;

/** The customer's number as the service wants it: a plate without spaces, or digits only. */
export function parseReference(service: AgentService, input: string | undefined): string {
  const field = 'customer_ref';
  const raw = clean(input).toUpperCase();
  if (raw === '') throw badRequest('validation.required', field);
  if (raw.length > 40) throw badRequest('validation.too_long', field, { max: service.reference_max });
  if (service.reference_kind === 'plate') {
    const s = raw.replace(/[\s.-]/g, '');
    if (s.length > 10 || !PLATE.test(s)) throw badRequest('agent.reference_plate', field);
    return s;
  }
  const s = raw.replace(/[\s.-]/g, '');
  if (!DIGITS.test(s) || s.length < service.reference_min || s.length > service.reference_max) throw badRequest('agent.reference_digits', field, { min: service.reference_min, max: service.reference_max });
  return s;
}

/** Whole rupiah typed for a prepaid service: digits with optional thousands dots, "Rp" allowed. */
function parseNominal(v: string | undefined, service: AgentService): bigint {
  const field = 'bill_amount';
  const s = clean(v).replace(/^rp\.?\s*/i, '').replace(/\./g, '');
  if (s === '') throw badRequest('validation.required', field);
  if (!/^[0-9]{1,13}$/.test(s)) throw badRequest('budget.money_format', field);
  const n = BigInt(s);
  if (n < BigInt(service.amount_min!) || n > BigInt(service.amount_max!)) throw badRequest('agent.amount_range', field, { min: formatRupiah(service.amount_min!), max: formatRupiah(service.amount_max!) });
  return n;
}

export const agentServices = (ctx: UseCaseContext): Promise<AgentService[]> =>
  ctx.db.kysely.selectFrom('agent_services').select(['code', 'name', 'name_en', 'reference_label', 'reference_label_en', 'reference_kind', 'reference_min', 'reference_max', 'needs_inquiry', 'amount_min', 'amount_max', 'provider_fee', 'customer_fee'])
    .where('active', '=', true).orderBy('sort').execute();

/** The village's verified BUMDes, which runs the counter. */
async function bumdesOf(ctx: UseCaseContext, village: string) {
  const row = await ctx.db.kysely.selectFrom('market_sellers').select(['id', 'name', 'address', 'phone', 'legal_name']).where('village_code', '=', village).where('kind', '=', 'bumdes').where('status', '=', 'verified').executeTakeFirst();
  return row ? { ...row, id: Number(row.id) } : null;
}

/** The office's use case opens here: the permission in the village, and its BUMDes. */
async function counterOf(ctx: UseCaseContext, villageInput: string, permission: 'market.agent' | 'market.agent_report' = 'market.agent') {
  const village = await villageInScope(ctx, villageInput, permission);
  const bumdes = await bumdesOf(ctx, village.village_code);
  if (!bumdes) throw conflict('agent.no_bumdes');
  return { village, code: village.village_code, bumdes, me: ctx.actor as Actor };
}

function connected(provider: AgentProvider | null): AgentProvider {
  if (!provider) throw conflict('agent.not_connected');
  return provider;
}

/** The day's row, made by its first transaction; refuses when the day is closed. Locked for share: closing waits for it. */
async function openDay(trx: Transaction<Database>, village: string, sellerId: number, day: string) {
  await sql`insert into agent_settlements (village_code, seller_id, day) values (${village}, ${sellerId}, ${day}::date) on conflict do nothing`.execute(trx);
  const row = await sql<{ closed_at: Date | null }>`select closed_at from agent_settlements where village_code = ${village} and seller_id = ${sellerId} and day = ${day}::date for share`.execute(trx);
  if (row.rows[0]?.closed_at) throw conflict('agent.day_closed', undefined, { day });
}

const LINE_COLUMNS = sql`t.id, t.kind, t.reverses_id, t.service, s.name as service_name, t.day, t.customer_ref, t.customer_name, t.bill_detail, t.amount, t.fee, t.provider_fee, t.total, t.owed,
  t.status, t.provider, t.provider_ref, t.attempts, t.failure, t.reason, t.served_by, u.full_name as officer, t.created_at, t.paid_at,
  (select r.id from agent_transactions r where r.village_code = t.village_code and r.reverses_id = t.id) as reversed_by_id`;

/** Lines as the actor may see them: the customer's number and name whole only for the officer who served. */
function present(rows: Omit<AgentLine, 'mine'>[], me: Actor | null): AgentLine[] {
  const meId = userIdOf(me);
  return rows.map((r) => {
    const mine = meId !== null && Number(r.served_by) === meId;
    return {
      ...r, id: Number(r.id), reverses_id: r.reverses_id === null ? null : Number(r.reverses_id), served_by: Number(r.served_by), reversed_by_id: r.reversed_by_id === null ? null : Number(r.reversed_by_id), mine,
      customer_ref: mine ? r.customer_ref : maskRef(r.customer_ref), customer_name: r.customer_name && !mine ? maskName(r.customer_name) : r.customer_name,
    };
  });
}

async function lines(ctx: UseCaseContext, village: string, sellerId: number, where: { day?: string; id?: number }) {
  const rows = await sql<Omit<AgentLine, 'mine'>>`select ${LINE_COLUMNS}
    from agent_transactions t join agent_services s on s.code = t.service join users u on u.id = t.served_by
    where t.village_code = ${village} and t.seller_id = ${sellerId}
      ${where.day ? sql`and t.day = ${where.day}::date` : sql``} ${where.id !== undefined ? sql`and t.id = ${where.id}` : sql``}
    order by t.id desc`.execute(ctx.db.kysely);
  return present(rows.rows, ctx.actor);
}

/** /desa/<code>/pasar/layanan: the catalogue, today's transactions and whether today is closed. */
export async function agentCounter(ctx: UseCaseContext, villageInput: string, provider: AgentProvider | null) {
  const c = await counterOf(ctx, villageInput);
  const today = todayInWib();
  const [services, todays, day] = await Promise.all([
    agentServices(ctx),
    lines(ctx, c.code, c.bumdes.id, { day: today }),
    ctx.db.kysely.selectFrom('agent_settlements').select('closed_at').where('village_code', '=', c.code).where('seller_id', '=', c.bumdes.id).where('day', '=', today).executeTakeFirst(),
  ]);
  return { village: c.village, bumdes: c.bumdes, services, today, lines: todays, closed: !!day?.closed_at, provider: provider ? { name: provider.name, testMode: provider.testMode } : null };
}

export interface InquiryInput { service?: string; customer_ref?: string; bill_amount?: string; idempotency_key?: string }

/**
 * The first step: the provider says who the customer is and what is due (or, for a prepaid
 * token, the officer types the amount). The transaction is written with its fees copied from the
 * catalogue; the same form sent twice (its key) gives the same transaction.
 */
export async function inquire(ctx: UseCaseContext, providerOrNull: AgentProvider | null, villageInput: string, input: InquiryInput) {
  const c = await counterOf(ctx, villageInput);
  const services = await agentServices(ctx);
  const service = services.find((s) => s.code === clean(input.service));
  if (!service) throw badRequest('validation.choice', 'service');
  const reference = parseReference(service, input.customer_ref);
  const typed = service.needs_inquiry ? null : parseNominal(input.bill_amount, service);
  const key = clean(input.idempotency_key) || randomUUID();
  if (!KEY.test(key)) throw badRequest('validation.format', 'idempotency_key');
  const provider = connected(providerOrNull);
  const db = ctx.db.kysely;
  const again = await db.selectFrom('agent_transactions').select('id').where('village_code', '=', c.code).where('tx_key', '=', key).executeTakeFirst();
  if (again) return { id: Number(again.id) };
  const today = todayInWib();
  // A closed day is refused before the provider is asked.
  const day = await db.selectFrom('agent_settlements').select('closed_at').where('village_code', '=', c.code).where('seller_id', '=', c.bumdes.id).where('day', '=', today).executeTakeFirst();
  if (day?.closed_at) throw conflict('agent.day_closed', undefined, { day: today });
  let bill;
  try {
    bill = await provider.inquiry(service.code, reference);
  } catch (err) {
    if (err instanceof ProviderError) throw conflict('agent.provider_down');
    throw err;
  }
  if (!bill.found) throw badRequest('agent.unknown_at_provider', 'customer_ref');
  const amount = typed ?? bill.amountDue ?? null;
  if (amount === null || amount <= 0n) throw badRequest('agent.nothing_due', 'customer_ref');
  const fee = BigInt(service.customer_fee);
  const providerFee = BigInt(service.provider_fee);
  return writeWithAudit(ctx, async (trx, audit) => {
    await openDay(trx, c.code, c.bumdes.id, today);
    const row = await sql<{ id: number }>`
      insert into agent_transactions (village_code, seller_id, service, kind, tx_key, day, customer_ref, customer_name, bill_detail, amount, fee, provider_fee, total, owed, status, provider, served_by)
      values (${c.code}, ${c.bumdes.id}, ${service.code}, 'payment', ${key}, ${today}::date, ${reference}, ${bill.customerName ?? null}, ${bill.detail ?? null},
        ${amount.toString()}, ${fee.toString()}, ${providerFee.toString()}, ${(amount + fee).toString()}, ${(amount + providerFee).toString()}, 'inquired', ${provider.name}, ${userIdOf(c.me)})
      on conflict (village_code, tx_key) do nothing returning id`.execute(trx);
    const id = row.rows[0]?.id ?? (await trx.selectFrom('agent_transactions').select('id').where('village_code', '=', c.code).where('tx_key', '=', key).executeTakeFirstOrThrow()).id;
    await audit({ action: 'market.agent_inquiry', villageCode: c.code, subject: `agent_tx:${id}`, detail: { service: service.code, amount: amount.toString(), test: provider.testMode } });
    return { id: Number(id) };
  });
}

async function txFor(trx: Transaction<Database>, village: string, sellerId: number, id: number) {
  const tx = await trx.selectFrom('agent_transactions').selectAll().where('village_code', '=', village).where('seller_id', '=', sellerId).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!tx) throw notFound('agent.tx_not_found');
  return tx;
}

/** The provider's word on a payment, written once: paid with its receipt, or failed with why. */
async function settle(ctx: UseCaseContext, village: string, id: number, outcome: { receipt: string } | { failure: string }) {
  return writeWithAudit(ctx, async (trx, audit) => {
    const set = 'receipt' in outcome
      ? { status: 'paid' as const, provider_ref: outcome.receipt, paid_at: new Date() }
      : { status: 'failed' as const, failure: outcome.failure.slice(0, 300) };
    const done = await trx.updateTable('agent_transactions').set(set).where('village_code', '=', village).where('id', '=', id).where('status', '=', 'pending').returning('status').executeTakeFirst();
    if (done) await audit({ action: 'market.agent_payment', villageCode: village, subject: `agent_tx:${id}`, detail: { status: set.status, receipt: 'receipt' in outcome ? outcome.receipt : null } });
    return set.status;
  });
}

/** After an answer that never came: ask the provider what became of the key. Still unknown → failed; no answer again → stays pending. */
async function resolve(ctx: UseCaseContext, provider: AgentProvider, village: string, id: number, key: string, why: string) {
  let state;
  try {
    state = await provider.status(key);
  } catch {
    return 'pending' as const;
  }
  return settle(ctx, village, id, state.state === 'paid' ? { receipt: state.receipt } : { failure: why });
}

/**
 * The second step: take the customer's money and pay. The transaction is claimed (pending) in
 * its own transaction, so a second click or a second officer finds it taken; a payment already
 * paid answers with itself. The provider is asked outside any database transaction.
 */
export async function payTransaction(ctx: UseCaseContext, providerOrNull: AgentProvider | null, villageInput: string, idInput: string) {
  const c = await counterOf(ctx, villageInput);
  const id = parseId(idInput);
  if (id === null) throw notFound('agent.tx_not_found');
  const provider = connected(providerOrNull);
  const today = todayInWib();
  const claim = await writeWithAudit(ctx, async (trx, audit) => {
    const tx = await txFor(trx, c.code, c.bumdes.id, id);
    if (tx.kind !== 'payment') throw notFound('agent.tx_not_found');
    if (tx.status === 'paid') return null;
    if (tx.status === 'pending') throw conflict('agent.pending');
    if (tx.day !== today) throw conflict('agent.not_today', undefined, { day: tx.day });
    await openDay(trx, c.code, c.bumdes.id, tx.day);
    await trx.updateTable('agent_transactions').set({ status: 'pending', attempts: sql`attempts + 1` }).where('village_code', '=', c.code).where('id', '=', id).execute();
    await audit({ action: 'market.agent_pay', villageCode: c.code, subject: `agent_tx:${id}`, detail: { attempt: Number(tx.attempts) + 1, total: tx.total } });
    return tx;
  });
  if (!claim) return { id, status: 'paid' as AgentTxStatus };
  try {
    const { receipt } = await provider.pay({ key: claim.tx_key, service: claim.service, reference: claim.customer_ref, amount: BigInt(claim.amount) });
    return { id, status: await settle(ctx, c.code, id, { receipt }) };
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (err.kind === 'declined') return { id, status: await settle(ctx, c.code, id, { failure: err.message }) };
    return { id, status: await resolve(ctx, provider, c.code, id, claim.tx_key, err.message) };
  }
}

/** A payment left waiting (the provider's answer never came): ask the provider again. */
export async function checkTransaction(ctx: UseCaseContext, providerOrNull: AgentProvider | null, villageInput: string, idInput: string) {
  const c = await counterOf(ctx, villageInput);
  const id = parseId(idInput);
  if (id === null) throw notFound('agent.tx_not_found');
  const provider = connected(providerOrNull);
  const tx = await ctx.db.kysely.selectFrom('agent_transactions').select(['status', 'tx_key']).where('village_code', '=', c.code).where('seller_id', '=', c.bumdes.id).where('id', '=', id).executeTakeFirst();
  if (!tx) throw notFound('agent.tx_not_found');
  if (tx.status !== 'pending') return { id, status: tx.status };
  return { id, status: await resolve(ctx, provider, c.code, id, tx.tx_key, 'no answer from the provider') };
}

/**
 * The provider takes a payment back (a wrong number paid, agreed with the provider): a new row
 * with the amounts negative, on today's settlement, pointing at the payment; the payment stays
 * as it was.
 */
export async function reverseTransaction(ctx: UseCaseContext, providerOrNull: AgentProvider | null, villageInput: string, idInput: string, input: { reason?: string }) {
  const c = await counterOf(ctx, villageInput);
  const id = parseId(idInput);
  if (id === null) throw notFound('agent.tx_not_found');
  const db = ctx.db.kysely;
  const tx = await db.selectFrom('agent_transactions').selectAll().where('village_code', '=', c.code).where('seller_id', '=', c.bumdes.id).where('id', '=', id).executeTakeFirst();
  if (!tx || tx.kind !== 'payment') throw notFound('agent.tx_not_found');
  const reason = text(input.reason, 'reason', 5, 300);
  const provider = connected(providerOrNull);
  if (tx.status !== 'paid') throw conflict('agent.not_paid');
  if (await db.selectFrom('agent_transactions').select('id').where('village_code', '=', c.code).where('reverses_id', '=', id).executeTakeFirst()) throw conflict('agent.already_reversed');
  const today = todayInWib();
  let receipt: string;
  try {
    ({ receipt } = await provider.reverse(tx.tx_key, reason));
  } catch (err) {
    if (err instanceof ProviderError) throw conflict(err.kind === 'declined' ? 'agent.reverse_refused' : 'agent.provider_down');
    throw err;
  }
  return writeWithAudit(ctx, async (trx, audit) => {
    await openDay(trx, c.code, c.bumdes.id, today);
    await txFor(trx, c.code, c.bumdes.id, id);
    if (await trx.selectFrom('agent_transactions').select('id').where('village_code', '=', c.code).where('reverses_id', '=', id).executeTakeFirst()) throw conflict('agent.already_reversed');
    const neg = (v: string) => (-BigInt(v)).toString();
    const { id: rid } = await trx.insertInto('agent_transactions').values({
      village_code: c.code, seller_id: c.bumdes.id, service: tx.service, kind: 'reversal', reverses_id: id, tx_key: `R${id}-${tx.tx_key}`.slice(0, 64), day: today,
      customer_ref: tx.customer_ref, customer_name: tx.customer_name, bill_detail: tx.bill_detail, amount: neg(tx.amount), fee: neg(tx.fee), provider_fee: neg(tx.provider_fee),
      total: neg(tx.total), owed: neg(tx.owed), status: 'reversed', provider: tx.provider, provider_ref: receipt, paid_at: new Date(), reason, served_by: userIdOf(c.me)!,
    }).returning('id').executeTakeFirstOrThrow();
    await audit({ action: 'market.agent_reverse', villageCode: c.code, subject: `agent_tx:${id}`, detail: { reversal: Number(rid), reason, total: tx.total } });
    return { id: Number(rid) };
  });
}

/** A transaction's receipt, for the customer to keep; the head opens it from the settlement (market.agent_report). */
export async function agentReceipt(ctx: UseCaseContext, villageInput: string, idInput: string, provider: AgentProvider | null) {
  const c = await counterOf(ctx, villageInput, 'market.agent_report');
  const id = parseId(idInput);
  if (id === null) throw notFound('agent.tx_not_found');
  const [line] = await lines(ctx, c.code, c.bumdes.id, { id });
  if (!line) throw notFound('agent.tx_not_found');
  const related = line.reverses_id ?? line.reversed_by_id;
  const other = related === null ? null : (await lines(ctx, c.code, c.bumdes.id, { id: related }))[0] ?? null;
  return { village: c.village, bumdes: c.bumdes, line, other, provider: provider ? { name: provider.name, testMode: provider.testMode } : null };
}

export interface SettlementTotals { payments: number; reversals: number; amount: string; fees: string; provider_fees: string; total: string; owed: string; margin: string }

/** The totals of the lines that moved money (paid payments and reversals), summed exactly. */
export function totalsOf(rows: AgentLine[]): SettlementTotals {
  const counted = rows.filter((r) => r.status === 'paid' || r.status === 'reversed');
  const sum = (k: 'amount' | 'fee' | 'provider_fee' | 'total' | 'owed') => counted.reduce((a, r) => a + BigInt(r[k]), 0n);
  return {
    payments: counted.filter((r) => r.kind === 'payment').length, reversals: counted.filter((r) => r.kind === 'reversal').length,
    amount: sum('amount').toString(), fees: sum('fee').toString(), provider_fees: sum('provider_fee').toString(), total: sum('total').toString(), owed: sum('owed').toString(),
    margin: (sum('fee') - sum('provider_fee')).toString(),
  };
}

/** /desa/<code>/pasar/layanan/rekap: a day's lines and totals, and who closed it. */
export async function settlementReport(ctx: UseCaseContext, villageInput: string, dayInput: string | undefined) {
  const c = await counterOf(ctx, villageInput, 'market.agent_report');
  const day = clean(dayInput) ? dateOf(dayInput, 'tanggal') : todayInWib();
  const [rows, closed] = await Promise.all([
    lines(ctx, c.code, c.bumdes.id, { day }),
    ctx.db.kysely.selectFrom('agent_settlements as a').leftJoin('users as u', 'u.id', 'a.closed_by').select(['a.closed_at', 'u.full_name as closed_by', 'a.payments', 'a.reversals', 'a.amount', 'a.fees', 'a.provider_fees', 'a.total', 'a.owed'])
      .where('a.village_code', '=', c.code).where('a.seller_id', '=', c.bumdes.id).where('a.day', '=', day).executeTakeFirst(),
  ]);
  return { village: c.village, bumdes: c.bumdes, day, today: todayInWib(), lines: rows, totals: totalsOf(rows), closed: closed?.closed_at ? closed : null };
}

/**
 * Closing a day: its totals are counted from its lines and written on the day's row with who
 * closed it; from then the day takes no transaction. A payment still waiting for the provider
 * must be settled first. Today or a day before; never reopened.
 */
export async function closeDay(ctx: UseCaseContext, villageInput: string, input: { tanggal?: string }) {
  const c = await counterOf(ctx, villageInput);
  const day = dateOf(input.tanggal, 'tanggal');
  if (day > todayInWib()) throw badRequest('agent.day_future', 'tanggal');
  return writeWithAudit(ctx, async (trx, audit) => {
    await sql`insert into agent_settlements (village_code, seller_id, day) values (${c.code}, ${c.bumdes.id}, ${day}::date) on conflict do nothing`.execute(trx);
    const row = await sql<{ closed_at: Date | null }>`select closed_at from agent_settlements where village_code = ${c.code} and seller_id = ${c.bumdes.id} and day = ${day}::date for update`.execute(trx);
    if (row.rows[0]!.closed_at) throw conflict('agent.day_already_closed', 'tanggal');
    const sums = await sql<{ pending: number; payments: number; reversals: number; amount: string; fees: string; provider_fees: string; total: string; owed: string }>`
      select count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where kind = 'payment' and status = 'paid')::int as payments, count(*) filter (where kind = 'reversal')::int as reversals,
        coalesce(sum(amount) filter (where status in ('paid', 'reversed')), 0)::text as amount, coalesce(sum(fee) filter (where status in ('paid', 'reversed')), 0)::text as fees,
        coalesce(sum(provider_fee) filter (where status in ('paid', 'reversed')), 0)::text as provider_fees, coalesce(sum(total) filter (where status in ('paid', 'reversed')), 0)::text as total,
        coalesce(sum(owed) filter (where status in ('paid', 'reversed')), 0)::text as owed
      from agent_transactions where village_code = ${c.code} and seller_id = ${c.bumdes.id} and day = ${day}::date`.execute(trx);
    const s = sums.rows[0]!;
    if (Number(s.pending) > 0) throw conflict('agent.day_pending', 'tanggal', { count: Number(s.pending) });
    await trx.updateTable('agent_settlements').set({
      payments: Number(s.payments), reversals: Number(s.reversals), amount: s.amount, fees: s.fees, provider_fees: s.provider_fees, total: s.total, owed: s.owed, closed_by: userIdOf(c.me), closed_at: new Date(),
    }).where('village_code', '=', c.code).where('seller_id', '=', c.bumdes.id).where('day', '=', day).execute();
    await audit({ action: 'market.agent_close_day', villageCode: c.code, subject: `bumdes:${c.bumdes.id}`, detail: { day, payments: Number(s.payments), total: s.total, owed: s.owed } });
    return { day };
  });
}
