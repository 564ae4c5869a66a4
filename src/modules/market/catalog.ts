import type { Kysely } from 'kysely';
import type { Database, MarketOrderStatus } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { clean } from '../../platform/http/text-input.js';

/** What the marketplace's forms and pages share: categories, the parsing of numbers and phones, the order's steps. */

export interface Category { code: string; name: string; name_en: string }
export const categories = (db: Kysely<Database>): Promise<Category[]> =>
  db.selectFrom('market_categories').select(['code', 'name', 'name_en']).orderBy('sort').execute();

export const SELLER_KINDS = ['bumdes', 'umkm', 'koperasi'] as const;
export type SellerKind = (typeof SELLER_KINDS)[number];

/** A phone number as typed ("0812-3456 7890", "+62 812…"): 8 to 15 digits, an optional leading +. */
export function parsePhone(v: string | undefined, field: string): string {
  const s = clean(v).replace(/[\s.()-]/g, '');
  if (s === '') throw badRequest('validation.required', field);
  if (!/^\+?\d{8,15}$/.test(s)) throw badRequest('market.phone', field);
  // One spelling per number: +62… and 0… are the same phone (the code is sent to one of them).
  return s.startsWith('+62') ? `0${s.slice(3)}` : s.startsWith('62') && s.length >= 11 ? `0${s.slice(2)}` : s;
}

/** A whole count typed by a person: digits only, within [min, max]. */
export function parseCount(v: string | undefined, field: string, min: number, max: number): number {
  const s = clean(v).replace(/\./g, '');
  if (s === '') throw badRequest('validation.required', field);
  if (!/^\d{1,9}$/.test(s)) throw badRequest('market.whole_number', field);
  const n = Number(s);
  if (n < min) throw badRequest('validation.too_small', field, { min });
  if (n > max) throw badRequest('validation.too_big', field, { max });
  return n;
}

/**
 * The steps an order may take from each state, and who takes them. The seller confirms,
 * records the payment (transfer or gateway before shipping; cash on delivery at the end),
 * ships or makes it ready for pick-up, and closes it; the buyer may cancel until it is confirmed.
 */
export const NEXT_STEPS: Record<MarketOrderStatus, readonly MarketOrderStatus[]> = {
  placed: ['confirmed', 'cancelled'],
  confirmed: ['paid', 'shipped', 'ready', 'cancelled'],
  paid: ['shipped', 'ready', 'cancelled'],
  shipped: ['done'],
  ready: ['done'],
  done: [],
  cancelled: [],
};

/** The steps the seller may offer on an order, given how it is paid and delivered. */
export function sellerSteps(order: { status: MarketOrderStatus; payment: string; delivery: string }): MarketOrderStatus[] {
  return NEXT_STEPS[order.status].filter((s) => {
    // Paid ahead (transfer, gateway) before it leaves; cash is paid when it is handed over. The
    // seller records a transfer; an online payment is recorded by the gateway's notice alone.
    if (s === 'paid') return order.payment === 'transfer';
    if ((s === 'shipped' || s === 'ready') && order.payment !== 'cod' && order.status !== 'paid') return false;
    if (s === 'shipped') return order.delivery === 'courier';
    if (s === 'ready') return order.delivery === 'pickup';
    return true;
  });
}

export const STATUS_LABEL: Record<MarketOrderStatus, { id: string; en: string; tag: string }> = {
  placed: { id: 'Dipesan', en: 'Placed', tag: 'warn' },
  confirmed: { id: 'Dikonfirmasi penjual', en: 'Confirmed', tag: 'info' },
  paid: { id: 'Sudah dibayar', en: 'Paid', tag: 'info' },
  shipped: { id: 'Dikirim', en: 'Shipped', tag: 'info' },
  ready: { id: 'Siap diambil', en: 'Ready for pick-up', tag: 'info' },
  done: { id: 'Selesai', en: 'Done', tag: 'ok' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled', tag: 'muted' },
};

export const KIND_LABEL: Record<SellerKind, { id: string; en: string }> = {
  bumdes: { id: 'BUMDes', en: 'Village enterprise (BUMDes)' },
  umkm: { id: 'UMKM', en: 'Small business (UMKM)' },
  koperasi: { id: 'Koperasi', en: 'Cooperative' },
};

/** A phone number shown to whoever may not see it whole: the first four and last three digits. */
export const maskPhone = (phone: string) => (phone.length > 7 ? `${phone.slice(0, 4)}${'*'.repeat(phone.length - 7)}${phone.slice(-3)}` : '****');
