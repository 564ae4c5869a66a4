import ExcelJS from 'exceljs';
import { formatDate } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import type { BudgetDashboard } from '../budget-dashboard.service.js';
import type { ActivityFeed, AdoptionDashboard, IndexDashboard, PopulationDashboard, ServicesDashboard } from '../dashboards.service.js';
import { EVENT_KINDS } from '../dashboards.service.js';
import { STATUS_LABEL, STATUSES } from '../index-models.js';
import { regionShort, regionTitle, type Scope } from '../monitoring.common.js';
import { lifeStatusLabel } from './population-page.js';
import { bucketLabel } from './services-page.js';
import { words } from './words.js';

/**
 * Every table of a dashboard page as a sheet of one workbook: numbers stored as numbers,
 * so the figures can be summed and charted again in Excel for the meeting.
 */

export type Cell = string | number | null;

const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, '-').slice(0, 31);

export function book() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  return wb;
}

export function table(wb: ExcelJS.Workbook, title: string, heading: Cell[][], columns: string[], rows: Cell[][]) {
  const ws = wb.addWorksheet(sheetName(title));
  ws.addRow([title]).font = { bold: true, size: 13 };
  for (const h of heading) ws.addRow(h);
  ws.addRow([]);
  const head = ws.addRow(columns);
  head.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).width = 28;
  for (let i = 2; i <= columns.length; i++) ws.getColumn(i).width = Math.max(12, Math.min(40, columns[i - 1]!.length + 2));
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  return ws;
}

export const headingOf = (scope: Scope, lang: Lang, extra: Cell[][] = []): Cell[][] => [
  [words(lang).name, `${regionTitle(scope, lang)}${scope.code ? ` (${scope.code})` : ''}`],
  ...extra,
];

export const done = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const share = (a: number, b: number) => (b ? Math.round((a * 1000) / b) / 10 : 0);

export async function adoptionWorkbook(d: AdoptionDashboard, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.day, formatDate(d.today, lang)]]);
  const t = d.totals;
  table(wb, w.adoptionTitle, h, [w.adoptionTitle, w.total], [
    [w.villages, t.villages], [w.activated, t.activated], [w.target, t.target], [w.initiative, t.initiative],
    [w.active7, t.active7], [w.active30, t.active30], [w.quiet, Math.max(0, t.activated - t.active30)], [w.actions30, t.actions30], [w.citizenActions30, t.citizenActions30],
  ]);
  if (d.rankedChildren.length)
    table(wb, w.ranked, h, [w.rank, w.code, w.name, w.villages, w.activated, `${w.activated} (%)`, w.target, w.initiative, w.active7, w.active30, w.actions30, w.quiet],
      d.rankedChildren.map((r, i) => [i + 1, r.code, regionShort(r), r.villages, r.activated, share(r.activated, r.villages), r.target, r.initiative, r.active7, r.active30, r.actions30, r.quiet]));
  table(wb, w.perMonth, h, [w.month, w.target, w.initiative, w.newInMonth, w.cumulative], d.timeline.map((m) => [m.month, m.target, m.initiative, m.target + m.initiative, m.total]));
  table(wb, w.villagesList, h, [w.code, w.village, w.activatedOn, w.kind, w.actions30, w.activeDays, w.issued30, w.residents, w.lastAction],
    d.villages.map((v) => [v.village_code, regionShort({ name: v.name, kind: v.kind as never }), formatDate(v.activated_at, lang), v.activation_kind === 'target' ? w.target : w.initiative, v.actions30, v.active_days30, v.issued30, v.residents, v.last_day ?? '']));
  table(wb, w.quietTitle, h, [w.code, w.village, w.activatedOn, w.kind, w.lastAction],
    d.quiet.rows.map((q) => [q.village_code, regionShort({ name: q.name, kind: q.kind as never }), formatDate(q.activated_at, lang), q.activation_kind === 'target' ? w.target : w.initiative, q.last_day ?? w.never]));
  if (d.village) table(wb, w.villageActivity, h, [w.day, w.officerActions, w.citizenActions], d.village.days.map((x) => [x.day, x.officer_actions, x.citizen_actions]));
  return done(wb);
}

export async function servicesWorkbook(d: ServicesDashboard, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.period, `${d.period.from} – ${d.period.to}`]]);
  const t = d.total;
  table(wb, w.servicesTitle, h, [w.servicesTitle, w.total], [
    [w.requested, t.requested], [w.online, t.requested_online], [w.issued, t.issued], [w.ready, t.ready], [w.rejected, t.rejected],
    [w.median, d.median ? bucketLabel(d.median.bucket, lang) : null],
    [`${w.mean} (${lang === 'en' ? 'hours' : 'jam'})`, d.meanSeconds === null ? null : Math.round((d.meanSeconds / 3600) * 100) / 100],
  ]);
  table(wb, w.letterType, h, [w.code, w.letterType, w.requested, w.online, w.issued, w.ready, w.rejected], d.types.map((r) => [r.type_code, r.title, r.requested, r.requested_online, r.issued, r.ready, r.rejected]));
  table(wb, w.perMonthLetters, h, [w.month, w.requested, w.online, w.issued, w.ready, w.rejected], d.months.map((m) => [m.month, m.requested, m.requested_online, m.issued, m.ready, m.rejected]));
  table(wb, w.histogram, h, [w.bucket, w.letters], d.histogram.map((x) => [bucketLabel(x.bucket, lang), x.letters]));
  if (d.children.length)
    table(wb, w.byChild, h, [w.code, w.name, w.requested, w.online, w.issued, w.ready, w.rejected], d.children.map((r) => [r.code, regionShort(r), r.requested, r.requested_online, r.issued, r.ready, r.rejected]));
  return done(wb);
}

export async function populationWorkbook(d: PopulationDashboard, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.day, formatDate(d.today, lang)]]);
  const t = d.totals;
  table(wb, w.populationTitle, h, [w.populationTitle, w.total], [[w.residents, t.total], [w.male, t.male], [w.female, t.female], [w.families, t.families]]);
  table(wb, w.ageGroup, [...h, [w.pyramidNote]], [w.ageGroup, w.male, w.female, w.total], [...d.pyramid, ...(d.unknownAge.total ? [d.unknownAge] : [])].map((g) => [g.label, g.male, g.female, g.total]));
  table(wb, w.lifeStatus, h, [w.code, w.lifeStatus, w.male, w.female, w.total], d.byStatus.map((s) => [s.code, lifeStatusLabel(s.code), s.male, s.female, s.total]));
  table(wb, w.events, h, [w.month, ...EVENT_KINDS.map((k) => w.eventKinds[k]!)], d.months.map((m) => [m.month, ...EVENT_KINDS.map((k) => m[k])]));
  table(wb, w.temporaryTitle, [...h, [w.temporaryNote]], [w.code, w.name, w.temporaryStaying, w.temporaryForeigners],
    [...d.children.map((r) => [r.code, regionShort(r), r.temporary.staying, r.temporary.foreigners]), ['', w.total, d.temporary.staying, d.temporary.foreigners]]);
  if (d.children.length)
    table(wb, w.byChild, h, [w.code, w.name, w.male, w.female, w.residents, w.families, w.births, w.deaths, w.moveIn, w.moveOut],
      d.children.map((r) => [r.code, regionShort(r), r.male, r.female, r.total, r.families, r.births, r.deaths, r.moveIn, r.moveOut]));
  return done(wb);
}

export async function indexWorkbook(d: IndexDashboard, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.model, d.def.label[lang]], [w.year, d.year]]);
  table(wb, w.statusDistribution, h, [w.status, String(d.year - 1), String(d.year), w.diff], STATUSES.map((s) => [STATUS_LABEL[s][lang], d.previous[s], d.current[s], d.current[s] - d.previous[s]]));
  table(wb, w.transitions, h, [`${w.before} \\ ${w.after}`, ...STATUSES.map((s) => STATUS_LABEL[s][lang])],
    STATUSES.map((b) => [STATUS_LABEL[b][lang], ...STATUSES.map((a) => d.transitions.find((x) => x.before === b && x.after === a)?.villages ?? 0)]));
  if (d.children.length)
    table(wb, w.byChild, h, [w.code, w.name, w.villages, w.scored, ...STATUSES.map((s) => STATUS_LABEL[s][lang]), w.meanScore],
      d.children.map((r) => [r.code, regionShort(r), r.villages, r.scored, ...STATUSES.map((s) => r.statuses[s]), r.mean === null ? null : Math.round(r.mean * 10 ** d.def.decimals) / 10 ** d.def.decimals]));
  table(wb, w.villageScores, h, [w.code, w.village, w.score, w.status, ...d.def.dimensions.map((x) => x.key.toUpperCase()), w.prevScore, w.before],
    d.villages.map((v) => [v.village_code, regionShort({ name: v.name, kind: v.kind as never }), Number(v.score), STATUS_LABEL[v.status][lang], ...d.def.dimensions.map((x) => v.dimensions[x.key] ?? null), v.prev_score === null ? null : Number(v.prev_score), v.prev_status ? STATUS_LABEL[v.prev_status][lang] : '']));
  return done(wb);
}

export async function feedWorkbook(d: ActivityFeed, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const wb = book();
  const h = headingOf(d.scope, lang, [[w.period, `${d.since} – ${d.today}`]]);
  table(wb, w.feedActivated, h, [w.code, w.village, w.activatedOn, w.kind], d.activations.map((a) => [a.village_code, regionShort({ name: a.name, kind: a.kind as never }), formatDate(a.activated_at, lang), a.activation_kind === 'target' ? w.target : w.initiative]));
  table(wb, w.feedLetters, h, [w.code, w.village, w.issued, w.requested, w.online], d.letters.map((l) => [l.village_code, regionShort({ name: l.name, kind: l.kind as never }), l.issued, l.requested, l.requested_online]));
  table(wb, w.feedImports, h, [w.day, w.code, w.name, lang === 'en' ? 'Action' : 'Tindakan', w.by, lang === 'en' ? 'Detail' : 'Rincian'],
    d.imports.map((i) => [formatDate(i.at, lang), i.village_code ?? i.region_code ?? '', i.name ?? '', i.action, i.actor_label, JSON.stringify(i.detail)]));
  table(wb, w.feedStopped, h, [w.code, w.village, w.lastAction], d.stopped.map((s) => [s.village_code, regionShort({ name: s.name, kind: s.kind as never }), s.last_day]));
  return done(wb);
}

/**
 * The budget dashboard: per child region and (in a district) per village — plans and budgets
 * adopted, budget and realisation in whole rupiah (numbers, exact in a spreadsheet up to 9
 * quadrillion), the share realised, projects and late projects.
 */
export async function budgetWorkbook(d: BudgetDashboard, lang: Lang): Promise<Buffer> {
  const en = lang === 'en';
  const wb = book();
  const h = headingOf(d.scope, lang, [[en ? 'Year' : 'Tahun', d.year], [en ? 'RKPDes deadline' : 'Batas penetapan RKPDes', formatDate(d.rkpdesDeadline, lang)]]);
  const n = (v: bigint) => Number(v);
  const money = en ? ['Budgeted income', 'Realised income', 'Budgeted spending', 'Realised spending', 'Realised spending (%)'] : ['Anggaran pendapatan', 'Realisasi pendapatan', 'Anggaran belanja', 'Realisasi belanja', 'Realisasi belanja (%)'];
  const projects = en ? ['Projects', 'Late projects'] : ['Proyek', 'Proyek terlambat'];
  const t = d.totals;
  table(wb, en ? 'Village budgets' : 'APBDes desa', h, [en ? 'Figure' : 'Angka', en ? 'Total' : 'Jumlah'], [
    [en ? 'Villages active on Balai' : 'Desa aktif di Balai', t.activated], [en ? 'RKPDes adopted' : 'Sudah menetapkan RKPDes', t.rkpdes], [en ? 'RKPDes adopted on time' : 'RKPDes tepat waktu', t.rkpdesOnTime],
    [en ? 'Budget adopted' : 'Sudah menetapkan APBDes', t.adopted], [money[0]!, n(t.income)], [money[1]!, n(t.realisedIncome)], [money[2]!, n(t.spending)], [money[3]!, n(t.realisedSpending)],
    [money[4]!, share(n(t.realisedSpending), n(t.spending))], [projects[0]!, t.projects], [projects[1]!, t.lateProjects],
  ]);
  if (d.rows.length)
    table(wb, en ? 'By region' : 'Per wilayah', h, [en ? 'Code' : 'Kode', en ? 'Region' : 'Wilayah', en ? 'Villages active' : 'Desa aktif', en ? 'RKPDes adopted' : 'RKPDes ditetapkan', en ? 'on time' : 'tepat waktu', en ? 'Budget adopted' : 'APBDes ditetapkan', ...money, ...projects],
      d.rows.map((r) => [r.code, regionShort(r), r.activated, r.rkpdes, r.rkpdesOnTime, r.adopted, n(r.income), n(r.realisedIncome), n(r.spending), n(r.realisedSpending), share(n(r.realisedSpending), n(r.spending)), r.projects, r.lateProjects]));
  if (d.villages.length)
    table(wb, en ? 'Villages' : 'Desa', h, [en ? 'Code' : 'Kode', en ? 'Village' : 'Desa', en ? 'RKPDes adopted on' : 'RKPDes ditetapkan', en ? 'Budget adopted on' : 'APBDes ditetapkan', ...money, en ? 'Last entry' : 'Transaksi terakhir', ...projects],
      d.villages.map((v) => [v.village_code, regionShort({ name: v.name, kind: 'desa' }), v.rkpdes_date ?? '', v.regulation_date ?? '', n(v.income), n(v.realisedIncome), v.spending === null ? null : n(v.spending), n(v.realisedSpending),
        v.spending === null ? null : share(n(v.realisedSpending), n(v.spending)), v.last_entry_date ?? '', v.projects, v.lateProjects]));
  return done(wb);
}
