import { qrRuns } from '../qr-runs.js';

/**
 * A QR code drawn as inline SVG on the server: one path of the dark modules (one segment per
 * run in a row) on white with the standard quiet zone. No script, no style attribute (CSP);
 * the stylesheet sizes it.
 */
export function QrSvg({ text, label, class: className }: { text: string; label: string; class?: string }) {
  const { size: n, runs } = qrRuns(text);
  const quiet = 4;
  const d = runs.map((r) => `M${r.start + quiet} ${r.row + quiet}h${r.length}v1h-${r.length}z`).join('');
  const side = n + 2 * quiet;
  return (
    <svg class={className} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
