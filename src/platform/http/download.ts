import type { Context } from 'hono';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Pages and files of personal data (or figures scoped to who asked) must not linger in a proxy's or a shared phone's cache. */
export const noStore = (c: Context) => c.header('cache-control', 'private, no-store');

/**
 * A file made for whoever asked (an export, a letter, a workbook): shown in the browser
 * (`inline`, a PDF to print) or saved, and never kept by a cache.
 */
export function privateFile(c: Context, bytes: Uint8Array | string, file: { type: string; name: string; inline?: boolean }) {
  return c.body(typeof bytes === 'string' ? bytes : new Uint8Array(bytes), 200, {
    'content-type': file.type,
    'content-disposition': `${file.inline ? 'inline' : 'attachment'}; filename="${file.name}"`,
    'cache-control': 'private, no-store',
  });
}

/** A file of public figures (no personal data, the same for everyone): a proxy may keep it a few minutes. */
export function publicFile(c: Context, bytes: Uint8Array, file: { type: string; name: string }) {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': file.type,
    'content-disposition': `inline; filename="${file.name}"`,
    'cache-control': 'public, max-age=300',
  });
}
