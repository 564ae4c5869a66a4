import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * poppler-utils' `pdfsig`, an outside check of Balai's PDF signatures (CI installs it:
 * scripts/ensure-poppler.sh). Tests that need it skip, saying so, only when it is absent.
 */
export const PDFSIG = process.env.PDFSIG_PATH ?? '/usr/bin/pdfsig';
export const hasPdfsig = existsSync(PDFSIG);
if (!hasPdfsig) console.warn(`pdfsig tidak ditemukan di ${PDFSIG}: uji tanda tangan PDF dengan pdfsig dilewati. Pasang dengan: sudo apt-get install poppler-utils (atau sh scripts/ensure-poppler.sh, atau set PDFSIG_PATH).`);

/** What pdfsig says about a PDF, stdout and stderr together. */
export function pdfsig(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'balai-pdfsig-'));
  try {
    const file = join(dir, 'surat.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync(PDFSIG, [file], { encoding: 'utf8', timeout: 30_000 });
    return `${r.stdout}${r.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF with one byte changed inside what the signature covers (the letter's text, not the signature). */
export function tampered(pdf: Uint8Array): Uint8Array {
  const copy = Buffer.from(pdf);
  const at = copy.indexOf('/MediaBox');
  copy[at + 15] = copy[at + 15] === 0x35 ? 0x36 : 0x35; // the page's width: 595 → 695
  return copy;
}
