import type { UseCaseContext } from '../../platform/context.js';
import * as repo from './assistance.repository.js';

/**
 * What the public may know of a year's aid: per adopted programme, how many receive it and
 * what was paid out, and how many per dusun — never a name, and no count under 5 (a small
 * dusun's two recipients would be known to everyone there: such cells say "< 5").
 */
export const SMALLEST_SHOWN = 5;

/**
 * Cells under 5 hidden; when that hides exactly one, the next smallest goes too — else the
 * total less the cells shown would give the hidden one away.
 */
export function suppressed(areas: { area: string | null; n: number }[]): { area: string | null; n: number | null }[] {
  const hidden = new Set(areas.filter((a) => a.n < SMALLEST_SHOWN));
  if (hidden.size === 1 && areas.length > 1) hidden.add([...areas].filter((a) => !hidden.has(a)).sort((a, b) => a.n - b.n)[0]!);
  return areas.map((a) => ({ area: a.area, n: hidden.has(a) ? null : a.n }));
}

export async function publicAidTotals(ctx: UseCaseContext, village: string, year: number) {
  const db = ctx.db.kysely;
  const programmes = await db.selectFrom('assistance_programmes as p')
    .select(['p.id', 'p.name', 'p.kind', 'p.target', 'p.amount', 'p.periods', 'p.period_kind'])
    .select((eb) => [
      eb.selectFrom('assistance_payouts as o').select((x) => x.fn.coalesce(x.fn.sum<string>('o.total'), x.val('0')).as('t')).whereRef('o.village_code', '=', 'p.village_code').whereRef('o.programme_id', '=', 'p.id').as('paid'),
    ])
    .where('p.village_code', '=', village).where('p.year', '=', year).where('p.status', '=', 'adopted').orderBy('p.id').execute();
  return Promise.all(programmes.map(async (p) => {
    const areas = (await repo.listedByArea(db, village, p.id)).rows.map((r) => ({ area: r.area, n: Number(r.n) }));
    const recipients = areas.reduce((s, a) => s + a.n, 0);
    return { ...p, recipients: recipients < SMALLEST_SHOWN ? null : recipients, areas: suppressed(areas) };
  }));
}
