import type { Lang } from '../../../platform/i18n/i18n.js';
import { formatNumber } from '../../../platform/format/format.js';
import { cellText, type Masks } from './small-cells.js';
import { fill, words } from './views/words.js';

/**
 * Charts drawn on the server as inline SVG: no script, no library. The viewBox is as wide
 * as a phone's content area, so 12 units are about 12 px there; the SVG scales to 100%.
 * Every bar carries its number and an L/P letter, so a grey printout still reads.
 * Colours come from CSS classes (the page's CSP allows no inline style).
 */

export interface ChartRow {
  label: string;
  male: number;
  female: number;
  total: number;
  /** Cells hidden by small-cell suppression: no bar, "< 5" or "–" instead of the number. */
  mask?: Masks;
}

const WIDTH = 320;
/** Bars beyond this are summed into one "other categories" bar; the table beside lists them all. */
const MAX_BARS = 15;

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** What a screen reader hears instead of the picture: the largest categories with their counts. */
function summarise(title: string, rows: ChartRow[], lang: Lang): string {
  const w = words(lang);
  const top = [...rows].filter((r) => r.total > 0).sort((a, b) => b.total - a.total);
  const said = top.slice(0, 5).map((r) => `${r.label} ${cellText(r, 'total', lang)} (${w.m} ${cellText(r, 'male', lang)}, ${w.f} ${cellText(r, 'female', lang)})`);
  const more = top.length > 5 ? `; ${fill(w.andMore, { n: top.length - 5 })}` : '';
  return `${title}: ${said.length ? said.join('; ') : w.noData}${more}`;
}

/** Horizontal bars, one category per row: its label and total, then a male and a female bar. */
export function BarChart({ title, rows, lang }: { title: string; rows: ChartRow[]; lang: Lang }) {
  const w = words(lang);
  let shown = rows;
  if (rows.length > MAX_BARS) {
    const rest = rows.slice(MAX_BARS - 1);
    // A sum over hidden cells would show a part of them: hide the sum too.
    const restMask: Masks = {};
    for (const c of ['male', 'female', 'total'] as const) if (rest.some((r) => r.mask?.[c])) restMask[c] = 'derived';
    shown = [
      ...rows.slice(0, MAX_BARS - 1),
      {
        label: `${w.otherCategories} (${rest.length})`,
        male: restMask.male ? 0 : rest.reduce((n, r) => n + r.male, 0),
        female: restMask.female ? 0 : rest.reduce((n, r) => n + r.female, 0),
        total: restMask.total ? 0 : rest.reduce((n, r) => n + r.total, 0),
        mask: restMask,
      },
    ];
  }
  const rowHeight = 48;
  const x0 = 16;
  const numberRoom = 48;
  const max = Math.max(1, ...shown.flatMap((r) => [r.male, r.female]));
  const scale = (WIDTH - x0 - numberRoom) / max;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  const summary = summarise(title, rows, lang);
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      {shown.length === 0 && <text x="0" y="16" font-size="12">{w.noData}</text>}
      {shown.map((r, i) => {
        const y = i * rowHeight;
        const bars: [string, 'male' | 'female', string][] = [[w.m, 'male', 'bar-m'], [w.f, 'female', 'bar-f']];
        return (
          <g>
            <text x="0" y={y + 13} font-size="12" class="chart-label">
              {truncate(r.label, 38)}: <tspan font-weight="700">{cellText(r, 'total', lang)}</tspan>
            </text>
            {bars.map(([letter, column, cls], j) => {
              const by = y + 19 + j * 13;
              const width = r[column] * scale;
              return (
                <>
                  <text x="0" y={by + 10} font-size="11" class="chart-num">{letter}</text>
                  {width > 0 && <rect x={x0} y={by} width={width.toFixed(1)} height="11" class={cls} />}
                  <text x={(x0 + width + 4).toFixed(1)} y={by + 10} font-size="11" class="chart-num">{cellText(r, column, lang)}</text>
                </>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}

/** Males to the left, females to the right, youngest at the bottom; the age in the middle. */
export function PopulationPyramid({ groups, lang }: { groups: ChartRow[]; lang: Lang }) {
  const w = words(lang);
  const top = 20;
  const rowHeight = 17;
  const center = WIDTH / 2;
  const half = 23; // half the width of the age column
  const numberRoom = 36;
  const maxBar = center - half - 2 - numberRoom;
  const max = Math.max(1, ...groups.flatMap((g) => [g.male, g.female]));
  const scale = maxBar / max;
  const height = top + groups.length * rowHeight + 4;
  const male = groups.reduce((n, g) => n + g.male, 0);
  const female = groups.reduce((n, g) => n + g.female, 0);
  const perGroup = groups
    .filter((g) => g.total > 0)
    .map((g) => `${g.label}: ${w.m} ${formatNumber(g.male, lang)}, ${w.f} ${formatNumber(g.female, lang)}`)
    .join('; ');
  const summary = `${fill(w.pyramidSummary, { m: formatNumber(male, lang), f: formatNumber(female, lang) })}${perGroup ? ` ${perGroup}.` : ''}`;
  const oldestFirst = [...groups].reverse();
  return (
    <svg class="chart pyramid" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      <text x="0" y="12" font-size="11" font-weight="700" class="chart-label">{w.male} ({w.m})</text>
      <text x={center} y="12" font-size="10" text-anchor="middle" class="chart-num">{w.age}</text>
      <text x={WIDTH} y="12" font-size="11" font-weight="700" text-anchor="end" class="chart-label">{w.female} ({w.f})</text>
      {oldestFirst.map((g, i) => {
        const y = top + i * rowHeight;
        const mw = g.male * scale;
        const fw = g.female * scale;
        const left = center - half - 2;
        const right = center + half + 2;
        return (
          <g>
            {mw > 0 && <rect x={(left - mw).toFixed(1)} y={y} width={mw.toFixed(1)} height="13" class="bar-m" />}
            <text x={(left - mw - 3).toFixed(1)} y={y + 10.5} font-size="11" text-anchor="end" class="chart-num">{formatNumber(g.male, lang)}</text>
            <text x={center} y={y + 10.5} font-size="11" text-anchor="middle" class="chart-label">{g.label}</text>
            {fw > 0 && <rect x={right} y={y} width={fw.toFixed(1)} height="13" class="bar-f" />}
            <text x={(right + fw + 3).toFixed(1)} y={y + 10.5} font-size="11" class="chart-num">{formatNumber(g.female, lang)}</text>
          </g>
        );
      })}
    </svg>
  );
}
