import { formatRupiah, formatShare } from '../../../platform/format/format.js';

/**
 * Horizontal bars of rupiah amounts, drawn on the server as inline SVG (no script; the
 * page's CSP allows no inline style, colours come from the stylesheet's classes). The
 * viewBox is a phone's content width; each bar carries its amount, so a grey printout reads.
 */
export interface MoneyRow { label: string; amount: bigint; realised?: bigint }

const WIDTH = 320;

/** With `realisedAs` (the word for it), each row also shows what was realised, its bar under the budget's. */
export function MoneyBars({ title, rows, empty, realisedAs, lang = 'id' }: { title: string; rows: MoneyRow[]; empty: string; realisedAs?: string; lang?: 'id' | 'en' }) {
  const max = rows.reduce((m, r) => (r.amount > m ? r.amount : m), rows.reduce((m, r) => (r.realised !== undefined && r.realised > m ? r.realised : m), 1n));
  const realisedText = (r: MoneyRow) => `${realisedAs} ${formatRupiah(r.realised ?? 0n)} (${formatShare(r.realised ?? 0n, r.amount, 1, lang)} %)`;
  const summary = `${title}: ${rows.length ? rows.map((r) => `${r.label} ${formatRupiah(r.amount)}${realisedAs ? `, ${realisedText(r)}` : ''}`).join('; ') : empty}`;
  const ROW = realisedAs ? 78 : 50;
  const height = Math.max(1, rows.length) * ROW + 4;
  // Scaled in thousandths of the largest bar: BigInt to the end, then a small number for the picture.
  const width = (amount: bigint) => (Number((amount * 1000n) / max) / 1000) * WIDTH;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={summary} preserveAspectRatio="xMinYMin meet">
      <title>{summary}</title>
      {rows.length === 0 && <text x="0" y="16" font-size="12">{empty}</text>}
      {rows.map((r, i) => (
        <g>
          {/* The label on its own line, the amount under it: a long bidang name never pushes the amount off a phone. */}
          <text x="0" y={i * ROW + 13} font-size="12" class="chart-label">{r.label.length > 48 ? `${r.label.slice(0, 47)}…` : r.label}</text>
          <text x="0" y={i * ROW + 28} font-size="12" font-weight="700" class="chart-label">{formatRupiah(r.amount)}</text>
          <rect x="0" y={i * ROW + 33} height="10" width={Math.max(r.amount > 0n ? 1 : 0, width(r.amount)).toFixed(1)} class="bar-m" />
          {realisedAs && (
            <>
              <text x="0" y={i * ROW + 58} font-size="12" class="chart-label">{realisedText(r)}</text>
              <rect x="0" y={i * ROW + 63} height="10" width={Math.max((r.realised ?? 0n) > 0n ? 1 : 0, width(r.realised ?? 0n)).toFixed(1)} class="bar-f" />
            </>
          )}
        </g>
      ))}
    </svg>
  );
}
