import type { Context } from 'hono';
import { formatDate, formatNumber, formatPercent, titleCase } from '../../../platform/format/format.js';
import type { ElectionStatus } from '../../../platform/db/schema.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import type { ElectionDashboard, ElectionFigureRow } from '../election-dashboard.service.js';
import { regionShort } from '../monitoring.common.js';
import { DashboardFrame, dashboardPath } from './frame.js';
import { book, done, headingOf, table, type Cell } from './workbooks.js';

const STAGE: Record<ElectionStatus, { id: string; en: string }> = {
  setup: { id: 'Persiapan', en: 'Set-up' },
  dps: { id: 'DPS diumumkan', en: 'Provisional list' },
  dpt: { id: 'DPT ditetapkan', en: 'Final list' },
  voting: { id: 'Pemungutan suara', en: 'Voting' },
  closed: { id: 'Selesai (dihitung)', en: 'Closed (counted)' },
};
const W = {
  id: {
    note: 'Pemilihan kepala desa (Pilkades) yang diselenggarakan desa dengan Balai: pemilihan terakhir tiap desa, tahapnya, TPS, jumlah calon, DPT dan pemilih yang datang (menerima token). Hanya jumlah: tanpa nama calon, pemilih, atau perolehan suara — hasil tiap desa ada di halaman hasil desa itu.',
    region: 'Wilayah', villagesOn: 'Desa memakai Balai', villages: 'Desa dengan Pilkades', voting: 'Sedang pemungutan suara', closed: 'Selesai', stage: 'Tahap', day: 'Hari pemungutan suara',
    stations: 'TPS', candidates: 'Calon', registered: 'DPT', voted: 'Pemilih datang', turnout: 'Partisipasi (%)', total: 'Jumlah', none: 'belum ada', label: 'Pilkades', code: 'Kode',
  },
  en: {
    note: 'Village head elections held with Balai: each village\'s latest election, its stage, polling stations, candidates, final voter list and the voters who came (took a token). Counts only: no candidate, voter or vote — each village\'s results are on its own results page.',
    region: 'Region', villagesOn: 'Villages on Balai', villages: 'Villages with an election', voting: 'Voting now', closed: 'Closed', stage: 'Stage', day: 'Voting day',
    stations: 'Polling stations', candidates: 'Candidates', registered: 'Voter list (DPT)', voted: 'Voters who came', turnout: 'Turnout (%)', total: 'Total', none: 'none yet', label: 'Village head elections', code: 'Code',
  },
};

const share = (a: number, b: number) => (b ? Math.round((a * 1000) / b) / 10 : 0);

/** The column heads: a village's stage and day where the rows are villages, otherwise the counts of villages. */
export function electionHeaders(d: ElectionDashboard, lang: Lang) {
  const w = W[lang];
  const middle = d.villageRows ? [w.stage, w.day] : [w.villagesOn, w.villages, w.voting, w.closed];
  return [w.region, ...middle, w.stations, w.candidates, w.registered, w.voted, w.turnout];
}

/** /pantau/<kode>/pilkades: per child region, counts only. */
export function ElectionFiguresPage({ c, d }: { c: Context<AppEnv>; d: ElectionDashboard }) {
  const lang = c.get('lang');
  const w = W[lang];
  const n = (x: number) => formatNumber(x, lang);
  const head = electionHeaders(d, lang);
  const middle = (r: ElectionFigureRow) => (d.villageRows
    ? [<td>{r.stage ? STAGE[r.stage][lang] : w.none}</td>, <td>{r.votingDay ? formatDate(r.votingDay, lang) : ''}</td>]
    : [r.activated, r.villages, r.voting, r.closed].map((x) => <td class="num">{n(x)}</td>));
  const figures = (r: Omit<ElectionFigureRow, 'code' | 'name' | 'kind' | 'stage' | 'votingDay'>) => (
    <>
      {[r.stations, r.candidates, r.registered, r.voted].map((x) => <td class="num">{n(x)}</td>)}
      <td class="num">{r.registered ? formatPercent(r.voted, r.registered, lang) : '—'}</td>
    </>
  );
  return (
    <DashboardFrame c={c} scope={d.scope} tab="pilkades" guide="pilkades-hasil" excel={`${dashboardPath(d.scope.code, 'pilkades')}.xlsx`}>
      <p>{w.note}</p>
      <DataTable aria-label={w.label}>
        <thead><tr>{head.map((h, i) => <th class={i > 0 && !(d.villageRows && i <= 2) ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={dashboardPath(r.code, 'pilkades')}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              {middle(r)}
              {figures(r)}
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{w.total}</th>
          {d.villageRows ? <><td>{`${n(d.totals.villages)} ${w.villages.toLowerCase()}`}</td><td></td></> : [d.totals.activated, d.totals.villages, d.totals.voting, d.totals.closed].map((x) => <td class="num">{n(x)}</td>)}
          {figures(d.totals)}
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}

/** The same figures as a workbook: numbers as numbers, the stage in words, the day as YYYY-MM-DD. */
export async function electionWorkbook(d: ElectionDashboard, lang: Lang): Promise<Buffer> {
  const w = W[lang];
  const wb = book();
  const middle = (r: ElectionFigureRow): Cell[] => (d.villageRows ? [r.stage ? STAGE[r.stage][lang] : null, r.votingDay] : [r.activated, r.villages, r.voting, r.closed]);
  const figures = (r: Omit<ElectionFigureRow, 'code' | 'name' | 'kind' | 'stage' | 'votingDay'>): Cell[] => [r.stations, r.candidates, r.registered, r.voted, share(r.voted, r.registered)];
  table(wb, w.label, headingOf(d.scope, lang), [w.code, ...electionHeaders(d, lang)], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), ...middle(r), ...figures(r)]),
    [null, w.total, ...(d.villageRows ? [d.totals.villages, null] : [d.totals.activated, d.totals.villages, d.totals.voting, d.totals.closed]), ...figures(d.totals)],
  ]);
  return done(wb);
}
