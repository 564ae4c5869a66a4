import type { Kysely, Transaction } from 'kysely';
import { authorize, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { formatRupiah, formatShare } from '../../platform/format/format.js';
import { text, yearOf } from '../../platform/http/text-input.js';
import { adoptedBudget, listLines } from './budget.repository.js';
import type { LineAmount } from './totals.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The yearly caps national rules put on a village budget, kept as data (budget_caps): the
 * share of Dana Desa that may go to BLT Dana Desa, the cash aid (activity 5.3.00 paid from
 * Dana Desa). A year without its own row takes the latest year before it.
 */
export const BLT_ACTIVITY = '5.3.00';
export const DANA_DESA_ACCOUNT = '4.2.1';

export const capOf = (db: Q, year: number) =>
  db.selectFrom('budget_caps').select(['year', 'blt_percent', 'source']).where('year', '<=', year).orderBy('year', 'desc').limit(1).executeTakeFirst();

export const listCaps = (db: Q) => db.selectFrom('budget_caps').select(['year', 'blt_percent', 'source', 'updated_at']).orderBy('year', 'desc').execute();

/** BLT paid from Dana Desa against the cap of the year: the figures a page shows and a refusal names. */
export async function bltCheck(db: Q, year: number, lines: Iterable<LineAmount & { fund?: string | null }>) {
  let dd = 0n;
  let blt = 0n;
  for (const l of lines) {
    if (l.account_code === DANA_DESA_ACCOUNT) dd += l.amount;
    if (l.activity_code === BLT_ACTIVITY && l.fund === 'DDS') blt += l.amount;
  }
  const cap = await capOf(db, year);
  if (!cap) return null;
  // Hundredths of a percent, so the comparison stays in whole numbers: blt/dd ≤ percent/100.
  const hundredths = BigInt(Math.round(Number(cap.blt_percent) * 100));
  const limit = (dd * hundredths) / 10000n;
  return { dd, blt, percent: cap.blt_percent, source: cap.source, capYear: cap.year, limit, over: blt > limit };
}

/** The refusal of a budget whose BLT exceeds the year's cap, with every figure named. */
export function refuseOverCap(check: NonNullable<Awaited<ReturnType<typeof bltCheck>>>, year: number) {
  throw badRequest('budget.blt_over_cap', undefined, {
    blt: formatRupiah(check.blt), share: formatShare(check.blt, check.dd, 1), dd: formatRupiah(check.dd),
    year, percent: String(Number(check.percent)).replace('.', ','), limit: formatRupiah(check.limit), over: formatRupiah(check.blt - check.limit),
  });
}

/** The national administrator sets a year's cap (a new year, or a correction with its source). */
export async function setCap(ctx: UseCaseContext, input: { year?: string; blt_percent?: string; source?: string }) {
  authorize(ctx.actor, 'budget.caps');
  const year = yearOf(input.year, 'year');
  const raw = (input.blt_percent ?? '').trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(raw) || Number(raw) > 100) throw badRequest('budget.cap_percent', 'blt_percent');
  const source = text(input.source, 'source', 2, 200);
  return writeWithAudit(ctx, async (trx, audit) => {
    const row = { year, blt_percent: raw, source, updated_by: userIdOf(ctx.actor), updated_at: new Date() };
    await trx.insertInto('budget_caps').values(row).onConflict((oc) => oc.column('year').doUpdateSet({ blt_percent: raw, source, updated_by: row.updated_by, updated_at: row.updated_at })).execute();
    await audit({ action: 'budget.cap_set', subject: `budget_cap:${year}`, detail: { blt_percent: raw, source } });
  });
}

/**
 * What the budget in force for the year sets aside for BLT Dana Desa (held to the year's cap
 * when it was adopted), beside Dana Desa: an aid list may not promise more. Null when no
 * budget of the year is adopted yet.
 */
export async function bltSetAside(db: Q, village: string, year: number) {
  const inForce = await adoptedBudget(db, village, year);
  if (!inForce) return null;
  const lines = (await listLines(db, village, inForce.id)).map((l) => ({ account_code: l.account_code, activity_code: l.activity_code, fund: l.fund, amount: BigInt(l.amount) }));
  const budgeted = lines.filter((l) => l.activity_code === BLT_ACTIVITY && l.fund === 'DDS').reduce((s, l) => s + l.amount, 0n);
  const check = await bltCheck(db, year, lines);
  return { budgeted, danaDesa: check?.dd ?? null, percent: check?.percent ?? null };
}
