import ExcelJS from 'exceljs';
import { accessActionLabel } from '../../platform/audit/access-log.js';
import { ROLE_LABEL, type Role } from '../../platform/access/roles.js';
import { formatDate, formatDateTime } from '../../platform/format/format.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { words } from './views/words.js';

/** What the worker gets: the rows already read (and, for a region, already stripped to metadata). */
export interface AuditWorkbookInput {
  lang: Lang;
  view: 'village' | 'region';
  place: string;
  from: string;
  to: string;
  filters: Record<string, string>;
  rows: { at: string; action: string; outcome: string; village: string | null; role: string | null; actor?: string; subject?: string | null; detail?: string }[];
  counts: { action: string; total: number; refused: number }[];
  capped: boolean;
}

/** Two sheets: the entries (newest first) and the counts per action. */
export async function auditWorkbook(input: AuditWorkbookInput): Promise<Uint8Array> {
  const { lang, view } = input;
  const w = words(lang);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  wb.created = new Date();
  const heading = (ws: ExcelJS.Worksheet, title: string) => {
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([w.place, input.place]);
    ws.addRow([w.period, `${formatDate(input.from, lang)} – ${formatDate(input.to, lang)}`]);
    const filters = Object.entries(input.filters).filter(([k]) => k !== 'from' && k !== 'to').map(([k, v]) => `${k}: ${v}`).join('; ');
    if (filters) ws.addRow([w.filters, filters]);
    if (input.capped) ws.addRow([w.capped]);
    ws.addRow([]);
  };
  const role = (r: string | null) => (r ? ROLE_LABEL[r as Role]?.[lang] ?? r : w.system);
  const outcome = (o: string) => (o === 'ok' ? w.ok : o === 'denied' ? w.denied : w.failed);

  const ws = wb.addWorksheet(view === 'village' ? w.villageView : w.regionView);
  heading(ws, view === 'village' ? w.villageView : w.regionView);
  const columns = view === 'village' ? [w.at, w.who, w.role, w.what, '', w.outcome, w.subject, w.detail] : [w.at, w.village, w.role, w.what, '', w.outcome];
  const head = ws.addRow(columns);
  head.font = { bold: true };
  for (const r of input.rows) {
    const common = [formatDateTime(r.at, lang), view === 'village' ? r.actor ?? '' : r.village ?? '', role(r.role), r.action, accessActionLabel(r.action, lang), outcome(r.outcome)];
    ws.addRow(view === 'village' ? [...common, r.subject ?? '', r.detail ?? ''] : common);
  }
  columns.forEach((_, i) => (ws.getColumn(i + 1).width = i === 7 ? 60 : 22));
  ws.views = [{ state: 'frozen', ySplit: head.number }];

  const cs = wb.addWorksheet(w.perAction);
  heading(cs, w.perAction);
  cs.addRow([w.what, '', w.count, w.refused]).font = { bold: true };
  for (const c of input.counts) cs.addRow([c.action, accessActionLabel(c.action, lang), c.total, c.refused]);
  [28, 36, 12, 14].forEach((width, i) => (cs.getColumn(i + 1).width = width));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
