import QRCode from 'qrcode';

/**
 * A QR code drawn as inline SVG on the server: one path of the dark modules (one segment per
 * run in a row) on white with the standard quiet zone. No script, no style attribute (CSP);
 * the stylesheet sizes it.
 */
export function QrSvg({ text, label, class: className }: { text: string; label: string; class?: string }) {
  const { size: n, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const quiet = 4;
  let d = '';
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!data[row * n + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && data[row * n + col]) col++;
      d += `M${start + quiet} ${row + quiet}h${col - start}v1h-${col - start}z`;
    }
  }
  const side = n + 2 * quiet;
  return (
    <svg class={className} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} shape-rendering="crispEdges" xmlns="http://www.w3.org/2000/svg">
      <rect width={side} height={side} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
