import QRCode from 'qrcode';

/**
 * A QR code as the runs of dark modules in each row — what both the card's PDF and the
 * self-service page draw (one rectangle or path segment a run, not one a module).
 */
export function qrRuns(text: string): { size: number; runs: { row: number; start: number; length: number }[] } {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const runs: { row: number; start: number; length: number }[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col++;
      runs.push({ row, start, length: col - start });
    }
  }
  return { size, runs };
}
