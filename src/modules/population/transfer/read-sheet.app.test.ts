import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/support/test-app.js';
import { xlsxParts, zipOf } from '../../../../test/support/xlsx-parts.js';

/** The event loop stays free while an upload is parsed (issue 11, item 1): the parse runs in a worker thread. */

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
/** The shape of the penetration test's file: letters where attributes go, which the old reader's regular expression backtracked over. */
const killer = (letters: number) => zipOf({ ...xlsxParts(), 'xl/workbook.xml': `<workbook ${NS}><sheets><sheet ${'a'.repeat(letters)}/></sheets></workbook>` });

describe('while a hostile file is parsed, the server answers everyone else', () => {
  let app: TestApp;
  let op: Client;
  beforeAll(async () => {
    app = await createTestApp();
    op = await app.login('hanura');
  });
  afterAll(() => app?.close());

  it('/api/health keeps answering during the upload of the attack file', async () => {
    const form = new FormData();
    form.set('_csrf', op.csrf);
    form.set('file', new File([new Uint8Array(killer(400_000))], 'serang.xlsx'));
    let settled = false;
    const upload = Promise.resolve(op.request('/desa/18.09.10.2004/penduduk/impor', { method: 'POST', body: form })).finally(() => (settled = true));
    // Health checks one after another until the upload has its answer. With the parse on
    // this thread (the old reader needed minutes for this file) none would get in.
    let answered = 0;
    while (!settled) {
      // A turn of the event loop between checks, as separate requests from other users would have.
      await new Promise((resolve) => setImmediate(resolve));
      const res = await app.anonymous.get('/api/health');
      expect(res.status).toBe(200);
      if (!settled) answered++;
    }
    const res = await upload;
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Berkas .xlsx rusak atau tidak lengkap');
    expect(answered).toBeGreaterThanOrEqual(5);
  });
});
