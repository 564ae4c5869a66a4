import { areaChain } from '../population/index.js';
import type { EventRow } from './civil-registry.repository.js';
import { MOVE_CLASSIFICATION, REPORT_COLUMNS, REPORT_KINDS, REPORTED_FIELDS, siakDate, siakLabel, type ReportKind } from './siak.js';

/**
 * From the events not yet reported to the sheets of a report: a row per birth, death and move,
 * and a row per data element a correction changed (a correction of a phone number alone gives
 * none, but is still counted as reported). Pure: the same events give the same sheets.
 */

export type Cell = string | number;
export type ReportSheets = Record<ReportKind, Cell[][]>;

export interface Area {
  id: number;
  parent_id: number | null;
  level: string;
  name: string;
}

/** The dusun, RW and RT names of an area (empty where the village has no such level). */
export function areaNames(areas: readonly Area[], id: number | null | undefined) {
  const path = areaChain(areas, id);
  const at = (level: string) => path.find((a) => a.level === level)?.name ?? '';
  return { dusun: at('dusun'), rw: at('rw'), rt: at('rt') };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** A reported field's value as the civil registry reads it. */
function fieldValue(field: string, value: unknown, areas: readonly Area[]): string {
  const spec = REPORTED_FIELDS[field];
  if (!spec || value === null || value === undefined || value === '') return '';
  if (spec.list) return siakLabel(spec.list, Number(value));
  if (spec.kind === 'date') return siakDate(String(value));
  if (spec.kind === 'area') {
    const a = areaNames(areas, Number(value));
    return [a.dusun && `DUSUN ${a.dusun}`, a.rw && `RW ${a.rw}`, a.rt && `RT ${a.rt}`].filter(Boolean).join(' ');
  }
  return String(value);
}

export function buildReportSheets(events: readonly EventRow[], areas: readonly Area[]) {
  const sheets: ReportSheets = { birth: [], death: [], move_in: [], move_out: [], correction: [] };
  const push = (kind: ReportKind, row: Cell[]) => sheets[kind].push([sheets[kind].length + 1, ...row]);
  for (const e of events) {
    const place = areaNames(areas, e.area_id ?? e.family_area_id);
    const person: Cell[] = [
      e.nik, text(e.kk_number), e.name, siakLabel('sex', e.sex), text(e.birth_place), siakDate(e.birth_date), siakLabel('religion', e.religion), siakLabel('familyRelation', e.family_relation),
    ];
    const where: Cell[] = [text(e.address ?? e.family_address), place.rt, place.rw, place.dusun, siakDate(isoDay(e.recorded_at))];
    const d = e.details ?? {};
    switch (e.kind) {
      case 'birth':
        push('birth', [...person, text(e.father_name), text(e.father_nik), text(e.mother_name), text(e.mother_nik), text(e.birth_certificate), ...where]);
        break;
      case 'death':
        push('death', [...person, siakDate(e.event_date), text(d.place), text(d.cause), text(d.reporter_name), text(d.reporter_relation).toUpperCase(), ...where]);
        break;
      case 'move_in':
        push('move_in', [...person, siakDate(e.event_date), text(d.from), ...where]);
        break;
      case 'move_out':
        push('move_out', [...person, siakDate(e.event_date), text(d.destination), MOVE_CLASSIFICATION[text(d.classification)] ?? '', text(d.reason), ...where]);
        break;
      case 'correction': {
        const changes = (d.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
        for (const [field, change] of Object.entries(changes)) {
          if (!REPORTED_FIELDS[field]) continue;
          push('correction', [...person, siakDate(e.event_date), REPORTED_FIELDS[field].title, fieldValue(field, change?.from, areas), fieldValue(field, change?.to, areas), text(d.reason), ...where]);
        }
        break;
      }
    }
  }
  const counts = Object.fromEntries(REPORT_KINDS.map((k) => [k, sheets[k].length])) as Record<ReportKind, number>;
  const total = REPORT_KINDS.reduce((n, k) => n + counts[k], 0);
  return { sheets, counts, total, eventIds: events.map((e) => e.id) };
}

/** The day (WIB) of a moment, YYYY-MM-DD. */
function isoDay(at: Date | string): string {
  return new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The same sheets with every NIK and KK number masked (`1809********0001`), for whoever may not see them whole. */
export function maskedSheets(sheets: ReportSheets, mask: (nik: string) => string): ReportSheets {
  const out = {} as ReportSheets;
  // A corrected NIK's old and new values are NIKs too.
  const titles = REPORT_COLUMNS.correction.map((c) => c.title);
  const [element, before, after] = ['ELEMEN_DATA', 'DATA_LAMA', 'DATA_BARU'].map((t) => titles.indexOf(t));
  const identityTitles = new Set(Object.values(REPORTED_FIELDS).filter((f) => f.kind === 'identity').map((f) => f.title));
  const hide = (cell: Cell) => (typeof cell === 'string' && cell !== '' ? mask(cell) : cell);
  for (const kind of REPORT_KINDS) {
    const identity = REPORT_COLUMNS[kind].map((c) => c.identity === true);
    out[kind] = (sheets[kind] ?? []).map((row) => {
      const masked = row.map((cell, i) => (identity[i] ? hide(cell) : cell));
      if (kind === 'correction' && identityTitles.has(String(row[element!]))) {
        masked[before!] = hide(masked[before!]!);
        masked[after!] = hide(masked[after!]!);
      }
      return masked;
    });
  }
  return out;
}
