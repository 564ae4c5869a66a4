import { createApp } from '../src/app.js';
import type { Db } from '../src/platform/db/connect.js';
import { renderLetterPdf } from '../src/platform/pdf/letter-pdf.js';
import { seedDemo, HANURA } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { percentile, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The letter desk: requests, checks, signatures and PDFs per second, measured as server
 * time through the whole app (routing, session, access check, SQL, audit, rendering), one
 * after another and then 20 at a time; and the PDF library alone for comparison.
 */
const LETTERS = Number(process.env.BENCH_LETTERS ?? 500);
const CONCURRENCY = 20;
const api = `/api/v1/villages/${HANURA}`;


async function login(app: ReturnType<typeof createApp>, username: string) {
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: 'balai-demo' }), headers: { 'content-type': 'application/json' } });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  await populateVillage(db.kysely, HANURA, { residents: 2000, seed: 11, asOf: '2025-07-01', actorLabel: 'bench' });
  const app = createApp({ db, secureCookies: false });
  const [op, sekdes] = [await login(app, 'hanura'), await login(app, 'sekdes.hanura')];
  const residents = (await db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('life_status', '=', 1).orderBy('id').limit(LETTERS * 2).execute()).map((r) => r.id);
  const call = async (cookie: string, path: string, body?: unknown) => {
    const t0 = performance.now();
    const res = await app.request(path, body === undefined ? { headers: { cookie } } : { method: 'POST', body: JSON.stringify(body), headers: { cookie, 'content-type': 'application/json' } });
    const bytes = await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${Buffer.from(bytes).toString().slice(0, 200)}`);
    return { ms: performance.now() - t0, body: bytes };
  };
  const out: Measurement[] = [];
  const record = (what: string, ms: number[], wall: number) => {
    const note = `${(ms.length / wall).toFixed(0)}/s; server time median ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;
    log(`${db.kind} · ${what}: ${note}`);
    out.push({ what, database: db.kind, rows: ms.length, seconds: wall, note });
  };
  /** Runs `work` over items, `parallel` at a time; returns each call's ms and the wall time in s. */
  const run = async <T>(items: T[], parallel: number, work: (item: T) => Promise<{ ms: number }>) => {
    const ms: number[] = [];
    const t0 = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < items.length) ms.push((await work(items[next++]!)).ms);
    }));
    return { ms, wall: (performance.now() - t0) / 1000 };
  };

  const ids: number[] = [];
  for (const [label, parallel, slice] of [['one by one', 1, residents.slice(0, LETTERS)], [`${CONCURRENCY} at a time`, CONCURRENCY, residents.slice(LETTERS, LETTERS * 2)]] as const) {
    const req = await run(slice, parallel, async (rid) => {
      const r = await call(op, `${api}/letters`, { type: 'sktm', resident_id: rid, fields: { keperluan: 'Beasiswa' } });
      ids.push(JSON.parse(Buffer.from(r.body).toString()).data.id);
      return r;
    });
    record(`request a letter (SKTM), ${label}`, req.ms, req.wall);
  }
  const first = ids.slice(0, LETTERS);
  const second = ids.slice(LETTERS);
  await run(ids, CONCURRENCY, (id) => call(op, `${api}/letters/${id}/check`, {}));
  const s1 = await run(first, 1, (id) => call(sekdes, `${api}/letters/${id}/sign`, {}));
  record('sign (number + frozen text), one by one', s1.ms, s1.wall);
  const s2 = await run(second, CONCURRENCY, (id) => call(sekdes, `${api}/letters/${id}/sign`, {}));
  record(`sign, ${CONCURRENCY} at a time`, s2.ms, s2.wall);
  const p1 = await run(first, 1, (id) => call(op, `${api}/letters/${id}/pdf`));
  record('PDF of a signed letter (A4, QR), one by one', p1.ms, p1.wall);
  const p2 = await run(second, CONCURRENCY, (id) => call(op, `${api}/letters/${id}/pdf`));
  record(`PDF, ${CONCURRENCY} at a time`, p2.ms, p2.wall);

  // Numbers stayed gapless under the concurrent signing.
  const numbers = (await db.kysely.selectFrom('letters').select('running_number').where('village_code', '=', HANURA).where('running_number', 'is not', null).orderBy('running_number').execute()).map((r) => r.running_number);
  if (numbers.some((n, i) => n !== i + 1)) throw new Error('letter numbers have gaps or duplicates');
  return out;
}

/** The PDF library alone on the same letter, to show what the rest of the path costs. */
async function libraryOnly(log: (l: string) => void): Promise<Measurement> {
  const doc = {
    paper: 'A4' as const,
    letterhead: { regency: 'PEMERINTAH KABUPATEN PESAWARAN', district: 'KECAMATAN TELUK PANDAN', village: 'DESA HANURA' },
    title: 'SURAT KETERANGAN TIDAK MAMPU', number: '400/007/1809102004/IV/2025',
    identity: [['Nama', 'BUDI SANTOSO'], ['NIK', '1809101708850001'], ['Alamat', 'Dusun I RT 001']] as [string, string][],
    paragraphs: ['Orang tersebut di atas benar tergolong keluarga tidak mampu.', 'Demikian surat keterangan ini dibuat.'],
    place: 'Hanura', dateText: '10 September 2025',
    signature: { mode: 'an' as const, headTitle: 'Kepala Desa Hanura', signerTitle: 'Sekretaris Desa', signerName: 'Siti Rahmawati', staffNumberLabel: 'NIPD', staffNumber: '0012' },
    qr: { url: 'https://balai.example/v/AbCdEfGhIjKl' },
  };
  for (let i = 0; i < 50; i++) await renderLetterPdf(doc);
  const ms: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < LETTERS; i++) {
    const s = performance.now();
    await renderLetterPdf(doc);
    ms.push(performance.now() - s);
  }
  const wall = (performance.now() - t0) / 1000;
  const note = `${(LETTERS / wall).toFixed(0)}/s; median ${percentile(ms, 50).toFixed(2)} ms, p95 ${percentile(ms, 95).toFixed(2)} ms`;
  log(`PDF library alone: ${note}`);
  return { what: 'PDF library alone (pdfkit + vector QR)', database: '-', rows: LETTERS, seconds: wall, note };
}

export const benchmark: Benchmark = {
  name: 'letters',
  description: `requests, signing and PDFs for ${LETTERS} + ${LETTERS} letters through the app, on PGlite and PostgreSQL`,
  async run(log) {
    const out = [await libraryOnly(log)];
    out.push(...(await withPglite((db) => measure(db, log))));
    out.push(...((await withPostgres((db) => measure(db, log), log)) ?? []));
    return out;
  },
};
