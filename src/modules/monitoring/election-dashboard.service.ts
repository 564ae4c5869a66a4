import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { ElectionStatus, RegionKind } from '../../platform/db/schema.js';
import { monitoringScope } from './monitoring.common.js';
import { activatedByChild, child, regionChildren, within } from './monitoring.repository.js';

/**
 * The village head elections (Pilkades) for a village, district, regency or province: per child
 * region, the villages holding one (their latest election), how many are voting or closed, their
 * TPS, candidates, DPT and the voters who came. Where the children are villages, each row gives
 * the village's stage and voting day. From the rollup the election's steps keep
 * (monitoring_elections): counts only — no candidate, no voter, no vote.
 */
export interface ElectionFigureRow {
  code: string; name: string; kind: RegionKind | 'nasional'; activated: number;
  villages: number; voting: number; closed: number;
  stations: number; candidates: number; registered: number; voted: number;
  /** A village's own row: its latest election's stage and voting day. */
  stage: ElectionStatus | null; votingDay: string | null;
}
type Totals = Omit<ElectionFigureRow, 'code' | 'name' | 'kind' | 'stage' | 'votingDay'>;

export async function electionDashboard(ctx: UseCaseContext, regionCode: string) {
  const scope = await monitoringScope(ctx, regionCode);
  const db = ctx.db.kysely;
  const L = scope.childLength ?? scope.code.length;
  const villageRows = scope.level >= 3;
  const [children, activated, sums, villages] = await Promise.all([
    scope.level === 4 ? Promise.resolve([{ code: scope.code, name: scope.name, kind: scope.kind }]) : regionChildren(db, scope.code),
    activatedByChild(db, scope.code, L),
    sql<{ child: string; villages: number; voting: number; closed: number; stations: number; candidates: number; registered: number; voted: number }>`
      select ${child('village_code', L)} as child, count(*)::int as villages,
        count(*) filter (where status = 'voting')::int as voting, count(*) filter (where status = 'closed')::int as closed,
        sum(stations)::int as stations, sum(candidates)::int as candidates, sum(registered)::int as registered, sum(voted)::int as voted
      from monitoring_elections where ${within('village_code', scope.code)} group by 1`.execute(db),
    villageRows
      ? sql<{ village_code: string; status: ElectionStatus; voting_day: string }>`select village_code, status, voting_day from monitoring_elections
          where ${within('village_code', scope.code)}`.execute(db)
      : Promise.resolve({ rows: [] as { village_code: string; status: ElectionStatus; voting_day: string }[] }),
  ]);
  const on = new Map(activated.map((r) => [r.child, r.activated]));
  const rows: ElectionFigureRow[] = children.map((c) => {
    const m = sums.rows.find((r) => r.child === c.code);
    const v = villages.rows.find((r) => r.village_code === c.code);
    return {
      code: c.code, name: c.name, kind: c.kind, activated: on.get(c.code) ?? 0,
      villages: m?.villages ?? 0, voting: m?.voting ?? 0, closed: m?.closed ?? 0,
      stations: m?.stations ?? 0, candidates: m?.candidates ?? 0, registered: m?.registered ?? 0, voted: m?.voted ?? 0,
      stage: v?.status ?? null, votingDay: v ? String(v.voting_day) : null,
    };
  });
  const totals: Totals = { activated: 0, villages: 0, voting: 0, closed: 0, stations: 0, candidates: 0, registered: 0, voted: 0 };
  for (const r of rows) for (const k of Object.keys(totals) as (keyof Totals)[]) totals[k] += r[k];
  return { scope, villageRows, rows, totals };
}
export type ElectionDashboard = Awaited<ReturnType<typeof electionDashboard>>;
