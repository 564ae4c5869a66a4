import { sql } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { ElectionStatus } from '../../platform/db/schema.js';
import { child, within } from './monitoring.repository.js';
import { byChild, figuresByChild, totalsOf, type ChildRegion } from './region-figures.js';

/**
 * The village head elections (Pilkades) for a village, district, regency or province: per child
 * region, the villages holding one (their latest election), how many are voting or closed, their
 * TPS, candidates, DPT and the voters who came. Where the children are villages, each row gives
 * the village's stage and voting day. From the rollup the election's steps keep
 * (monitoring_elections): counts only — no candidate, no voter, no vote.
 */
const ZERO = { villages: 0, voting: 0, closed: 0, stations: 0, candidates: 0, registered: 0, voted: 0 };
export type ElectionFigureRow = ChildRegion & typeof ZERO & {
  /** A village's own row: its latest election's stage and voting day. */
  stage: ElectionStatus | null; votingDay: string | null;
};

export async function electionDashboard(ctx: UseCaseContext, regionCode: string) {
  const { scope, rows } = await figuresByChild(ctx, regionCode, async (db, scope, L) => {
    const villageRows = scope.level >= 3;
    const [sums, villages] = await Promise.all([
      sql<{ child: string } & typeof ZERO>`
        select ${child('village_code', L)} as child, count(*)::int as villages,
          count(*) filter (where status = 'voting')::int as voting, count(*) filter (where status = 'closed')::int as closed,
          sum(stations)::int as stations, sum(candidates)::int as candidates, sum(registered)::int as registered, sum(voted)::int as voted
        from monitoring_elections where ${within('village_code', scope.code)} group by 1`.execute(db),
      villageRows
        ? sql<{ village_code: string; status: ElectionStatus; voting_day: string }>`select village_code, status, voting_day from monitoring_elections
            where ${within('village_code', scope.code)}`.execute(db)
        : Promise.resolve({ rows: [] as { village_code: string; status: ElectionStatus; voting_day: string }[] }),
    ]);
    const counts = byChild(sums.rows);
    const stages = new Map(villages.rows.map((v) => [v.village_code, v]));
    return (c) => {
      const m = counts.get(c.code);
      const v = stages.get(c.code);
      return {
        villages: m?.villages ?? 0, voting: m?.voting ?? 0, closed: m?.closed ?? 0,
        stations: m?.stations ?? 0, candidates: m?.candidates ?? 0, registered: m?.registered ?? 0, voted: m?.voted ?? 0,
        stage: v?.status ?? null, votingDay: v ? String(v.voting_day) : null,
      };
    };
  });
  return { scope, villageRows: scope.level >= 3, rows: rows as ElectionFigureRow[], totals: totalsOf(rows, { activated: 0, ...ZERO }) };
}
export type ElectionDashboard = Awaited<ReturnType<typeof electionDashboard>>;
