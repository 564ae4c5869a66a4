import { createApp } from '../src/app.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { bulkInsertPopulation } from '../src/modules/population/bulk-insert.js';
import { listAreaLeaves } from '../src/modules/population/generator.js';
import { COLUMNS } from '../src/modules/population/transfer/opensid.js';
import { opensidCsv } from '../src/modules/population/transfer/sheets.js';
import { opensidPeople } from '../test/support/opensid-people.js';
import type { Db } from '../src/platform/db/connect.js';
import { percentile, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * Long jobs must not stall other users (issue 11 item 5): while Batu Menyan's operator
 * imports the largest file and then prints the Buku Induk PDF of a big village, a probe
 * loads Hanura's resident list every 50 ms. Probe times count from when each probe was due
 * (not when the stalled event loop got round to sending it), so a freeze shows in full.
 */

const BATU_MENYAN = '18.09.10.2001';
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const PDF_RESIDENTS = Number(process.env.BENCH_PDF_RESIDENTS ?? 70_000);
const PROBE_MS = 50;
const AS_OF = '2025-07-01';

type App = ReturnType<typeof createApp>;

interface Session {
  cookie: string;
  csrf: string;
}

async function login(app: App, username: string): Promise<Session> {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'balai-demo' }), headers: { 'content-type': 'application/json' } });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await app.request('/akun/kata-sandi', { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '' };
}

/**
 * The import file: the first IMPORT_ROWS or so people of a generated village of
 * PDF_RESIDENTS, as CSV with the later optional columns empty (50,000 full rows would not fit
 * the 10 MB upload limit); the rest are loaded directly before the PDF.
 */
const population = opensidPeople(BATU_MENYAN, Math.max(PDF_RESIDENTS, IMPORT_ROWS), 5011);
const importFamilies = Math.round((population.families * IMPORT_ROWS) / Math.max(PDF_RESIDENTS, IMPORT_ROWS));
const importFile = () => opensidCsv(population.cells(0, importFamilies).map((row) => row.map((cell, k) => (k < 16 || COLUMNS[k]?.required ? cell : ''))));

/**
 * Loads `path` for `who` again PROBE_MS after each answer, until stopped. Each load is timed
 * from when it was due, so a stalled event loop (a timer firing late) counts too; `stalled`
 * adds up the time beyond 200 ms of slow loads, since one frozen load hides many 50 ms slots.
 */
function probe(app: App, who: Session, path: string) {
  const times: number[] = [];
  let failures = 0;
  let peakRss = process.memoryUsage().rss;
  let stopped = false;
  const memory = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const loop = (async () => {
    let due = performance.now();
    while (!stopped) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const res = await app.request(path, { headers: { cookie: who.cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) failures++;
      const end = performance.now();
      times.push(end - due);
      due = end + PROBE_MS;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      clearInterval(memory);
      const stalled = times.reduce((n, t) => n + Math.max(0, t - 200), 0) / 1000;
      return { times, failures, peakRss, stalled };
    },
  };
}

async function measure(db: Db, log: (line: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: true, citizen: false });
  const app = createApp({ db, secureCookies: false });
  const [hanura, batu] = [await login(app, 'hanura'), await login(app, 'batumenyan')];
  const listPath = `/desa/${HANURA}/penduduk`;
  const out: Measurement[] = [];

  // The probe alone first: what a page load costs when nothing else runs.
  const idle = probe(app, hanura, listPath);
  await new Promise((r) => setTimeout(r, 3000));
  const quiet = await idle.stop();

  const record = (what: string, seconds: number, r: { times: number[]; failures: number; peakRss: number; stalled: number }, extra = '') => {
    const note = `job ${seconds.toFixed(1)} s; probe ${r.times.length} loads of Hanura's resident list: p50 ${percentile(r.times, 50).toFixed(0)} ms, p95 ${percentile(r.times, 95).toFixed(0)} ms, max ${Math.max(...r.times).toFixed(0)} ms, stalled ${r.stalled.toFixed(1)} s in all${r.failures ? `, ${r.failures} failed` : ''}; peak memory ${Math.round(r.peakRss / 2 ** 20)} MB${extra}`;
    log(`${db.kind} · ${what} (${seconds.toFixed(1)} s): ${note}`);
    out.push({ what, database: db.kind, rows: r.times.length, seconds, note });
  };
  record('nothing else running', 3, quiet);

  const file = importFile();
  const base = `/desa/${BATU_MENYAN}/penduduk/impor`;

  // The preview: the file is read and checked.
  let p = probe(app, hanura, listPath);
  let t0 = performance.now();
  const form = new FormData();
  form.set('_csrf', batu.csrf);
  form.set('file', new File([new Uint8Array(file)], 'batu-menyan.csv'));
  const preview = await (await app.request(base, { method: 'POST', body: form, headers: { cookie: batu.cookie } })).text();
  const previewSeconds = (performance.now() - t0) / 1000;
  record(`import preview of ${IMPORT_ROWS.toLocaleString('en-US')} rows (read and check the file)`, previewSeconds, await p.stop());
  const job = /\/impor\/([\w-]+)\/jalankan/.exec(preview)?.[1];
  if (!job) throw new Error(`no import offered: ${preview.slice(0, 500)}`);

  // The import itself, until its page says it is done.
  p = probe(app, hanura, listPath);
  t0 = performance.now();
  const started = await app.request(`${base}/${job}/jalankan`, { method: 'POST', body: new URLSearchParams({ _csrf: batu.csrf }), headers: { cookie: batu.cookie, 'content-type': 'application/x-www-form-urlencoded' } });
  if (started.status !== 303) throw new Error(`import start: ${started.status}`);
  let progress = '';
  for (let i = 0; i < 6000; i++) {
    progress = await (await app.request(`${base}/${job}`, { headers: { cookie: batu.cookie } })).text();
    if (!progress.includes('http-equiv="refresh"')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const importSeconds = (performance.now() - t0) / 1000;
  if (!progress.includes('Impor selesai')) throw new Error(`import did not finish: ${progress.slice(0, 500)}`);
  record(`import of ${IMPORT_ROWS.toLocaleString('en-US')} rows (after the preview)`, importSeconds, await p.stop());

  // The Buku Induk of a big village: the imported people and more generated ones.
  if (importFamilies < population.families) {
    const [area] = await listAreaLeaves(db.kysely, BATU_MENYAN);
    const rest = population.forBulkInsert(importFamilies, population.families, area!.id);
    await db.kysely.transaction().execute((trx) => bulkInsertPopulation(trx, BATU_MENYAN, rest.families, rest.residents, { registrationDate: AS_OF, source: 'bench' }));
  }
  const residents = Number((await db.kysely.selectFrom('residents').select((e) => e.fn.countAll().as('n')).where('village_code', '=', BATU_MENYAN).executeTakeFirstOrThrow()).n);
  p = probe(app, hanura, listPath);
  t0 = performance.now();
  const pdf = await app.request(`/desa/${BATU_MENYAN}/penduduk/buku-induk.pdf`, { headers: { cookie: batu.cookie } });
  const bytes = Buffer.from(await pdf.arrayBuffer());
  const pdfSeconds = (performance.now() - t0) / 1000;
  const pdfProbe = await p.stop();
  if (pdf.status !== 200 || bytes.subarray(0, 5).toString() !== '%PDF-') throw new Error(`Buku Induk PDF: ${pdf.status} ${bytes.subarray(0, 200).toString()}`);
  record(`Buku Induk PDF of ${residents.toLocaleString('en-US')} residents`, pdfSeconds, pdfProbe, `; ${Math.round(bytes.length / 2 ** 20)} MB of PDF`);
  return out;
}

export const benchmark: Benchmark = {
  name: 'long-jobs',
  description: `page loads of another village every ${PROBE_MS} ms during a ${IMPORT_ROWS.toLocaleString('en-US')}-row import and a ${PDF_RESIDENTS.toLocaleString('en-US')}-resident Buku Induk PDF, on PGlite and PostgreSQL`,
  async run(log) {
    const results = await withPglite((db) => measure(db, log));
    const pg = await withPostgres((db) => measure(db, log), log);
    return [...results, ...(pg ?? [{ what: 'skipped: PostgreSQL not reachable', database: 'postgresql', rows: 0, seconds: 0 } as Measurement])];
  },
};
