import { formatNumber } from '../../../platform/format/format.js';
import type { Lang } from '../../../platform/i18n/i18n.js';

/**
 * Charts drawn on the server as SVG, like the village statistics (population/statistics/
 * svg-chart.tsx, whose pyramid and male/female bars the dashboards reuse): no script, colours
 * from CSS classes (CSP), every value written on the chart, and a table beside each one.
 */

const WIDTH = 320;
const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface LinePoint {
  label: string;
  value: number;
}

/**
 * A line over time (one point per month): the value is written at the first and last
 * point and at every new year, so the printout reads without the table.
 */
export function LineChart({ title, points, lang, labelEvery = 12 }: { title: string; points: LinePoint[]; lang: Lang; labelEvery?: number }) {
  const left = 8;
  const right = 44;
  const top = 16;
  const plotHeight = 120;
  const height = top + plotHeight + 30;
  const max = Math.max(1, ...points.map((p) => p.value));
  const n = points.length;
  const x = (i: number) => left + (n <= 1 ? 0 : (i * (WIDTH - left - right)) / (n - 1));
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = points[n - 1];
  const summary = `${title}: ${points.length ? `${points[0]!.label} ${formatNumber(points[0]!.value, lang)} … ${last!.label} ${formatNumber(last!.value, lang)}` : '–'}`;
  // The first and last points, and one a year between them where its label has room.
  const minGap = 56;
  const marked = points
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => i === 0 || i === n - 1 || (i % labelEvery === 0 && x(i) - x(0) >= minGap && x(n - 1) - x(i) >= minGap));
  return (
    <svg class="chart line-chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      <line x1={left} y1={top + plotHeight} x2={WIDTH - right} y2={top + plotHeight} class="axis" />
      {n > 0 && <path d={path} class="line" fill="none" />}
      {marked.map(({ p, i }) => (
        <g>
          <circle cx={x(i).toFixed(1)} cy={y(p.value).toFixed(1)} r="2.5" class="dot" />
          <text x={(x(i) + (i === n - 1 ? 4 : 0)).toFixed(1)} y={(y(p.value) - 5).toFixed(1)} font-size="10" class="chart-num" text-anchor={i === n - 1 ? 'start' : 'middle'}>{formatNumber(p.value, lang)}</text>
          <text x={x(i).toFixed(1)} y={top + plotHeight + 14} font-size="9" text-anchor={i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'} class="chart-label">{p.label}</text>
        </g>
      ))}
      {n === 0 && <text x="0" y="16" font-size="12">–</text>}
    </svg>
  );
}

export interface ValueRow {
  label: string;
  value: number;
  /** A CSS class for the bar (status colours), default 'bar-v'. */
  cls?: string;
  /** Written after the number, e.g. a share. */
  note?: string;
}

/** Horizontal bars of one value each, the number at the end of the bar. */
export function ValueBars({ title, rows, lang }: { title: string; rows: ValueRow[]; lang: Lang }) {
  const rowHeight = 30;
  const x0 = 0;
  const numberRoom = 70;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const scale = (WIDTH - x0 - numberRoom) / max;
  const height = Math.max(1, rows.length) * rowHeight + 4;
  const summary = `${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value, lang)}`).join('; ') || '–'}`;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      {rows.map((r, i) => {
        const y = i * rowHeight;
        const w = r.value * scale;
        return (
          <g>
            <text x="0" y={y + 11} font-size="11" class="chart-label">{truncate(r.label, 48)}</text>
            {w > 0 && <rect x={x0} y={y + 15} width={w.toFixed(1)} height="11" class={r.cls ?? 'bar-v'} />}
            <text x={(x0 + w + 4).toFixed(1)} y={y + 25} font-size="11" class="chart-num">
              {formatNumber(r.value, lang)}{r.note ? ` (${r.note})` : ''}
            </text>
          </g>
        );
      })}
      {rows.length === 0 && <text x="0" y="16" font-size="12">–</text>}
    </svg>
  );
}

/** Columns per month (events, letters): one small bar per month, its number above it. */
export function MonthColumns({ title, rows, lang }: { title: string; rows: LinePoint[]; lang: Lang }) {
  const top = 14;
  const plot = 90;
  const height = top + plot + 24;
  const n = Math.max(1, rows.length);
  const slot = WIDTH / n;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const summary = `${title}: ${rows.map((r) => `${r.label} ${formatNumber(r.value, lang)}`).join('; ') || '–'}`;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      {rows.map((r, i) => {
        const h = (r.value / max) * plot;
        const cx = i * slot + slot / 2;
        return (
          <g>
            {h > 0 && <rect x={(i * slot + slot * 0.15).toFixed(1)} y={(top + plot - h).toFixed(1)} width={(slot * 0.7).toFixed(1)} height={h.toFixed(1)} class="bar-v" />}
            <text x={cx.toFixed(1)} y={(top + plot - h - 3).toFixed(1)} font-size="8" text-anchor="middle" class="chart-num">{formatNumber(r.value, lang)}</text>
            <text x={cx.toFixed(1)} y={top + plot + 12} font-size="7.5" text-anchor="middle" class="chart-label">{r.label.slice(0, 3)}</text>
            {(i === 0 || r.label.startsWith('Jan')) && <text x={cx.toFixed(1)} y={top + plot + 21} font-size="7" text-anchor="middle" class="chart-label">{r.label.slice(-4)}</text>}
          </g>
        );
      })}
    </svg>
  );
}
