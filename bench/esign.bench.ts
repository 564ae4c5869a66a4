import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { DEMO_CITIZEN, HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { builtInLetterType } from '../src/modules/letters/catalogue.js';
import { verifyLetter } from '../src/modules/letters/documents.service.js';
import { checkLetter, requestLetter, signLetter } from '../src/modules/letters/requests.service.js';
import { saveLetterType } from '../src/modules/letters/types.service.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { testEsignProvider } from '../src/platform/esign/test-provider.js';
import { trustListFromEnv } from '../src/platform/esign/trust.js';
import { verifyPdfSignature } from '../src/platform/esign/verify.js';
import { latency, serverTimes, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The certified electronic signature of letters, with the test provider (the BSrE adapter adds
 * BSrE's own answer time, which cannot be measured here):
 *  - issuing a letter whose type requires it (drawn, signed in a worker thread, checked, then
 *    numbered and kept in one transaction), against an ordinary letter;
 *  - /v/<code> of a certified letter, which checks the kept PDF's signature at every request
 *    (target ≤ 50 ms p95), and the check alone.
 *
 *   BENCH_ESIGN_LETTERS   letters signed of each kind (default 20)
 *   BENCH_ENGINES         postgresql,pglite (default both)
 */
const LETTERS = Number(process.env.BENCH_ESIGN_LETTERS ?? 20);
const ROUNDS = 50;
// /v/<code> answers 60 checks a minute from one address (rate-limit.ts): two pages of 25 stay under it.
const PAGE_ROUNDS = 25;
const TARGET_MS = 50;

async function ctxOf(db: Db, username: string, role: 'village_head' | 'village_operator'): Promise<UseCaseContext> {
  const u = await db.kysely.selectFrom('users').select(['id', 'full_name']).where('username', '=', username).executeTakeFirstOrThrow();
  return { db, ip: 'bench', lang: 'id', actor: { kind: 'user', id: Number(u.id), username, fullName: u.full_name, role, regionCode: HANURA, language: 'id' } };
}

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: true });
  const [op, head] = [await ctxOf(db, 'hanura', 'village_operator'), await ctxOf(db, 'kades.hanura', 'village_head')];
  const domisili = builtInLetterType('domisili')!;
  await saveLetterType(head, HANURA, { ...domisili, validity_days: domisili.validityDays, fields: domisili.fields, requirements: domisili.requirements, certified_signature: true }, 'update');
  const checked = async (type: string) => {
    const { id } = await requestLetter(op, HANURA, { type, nik: DEMO_CITIZEN.nik, fields: { keperluan: 'Melamar pekerjaan' } }, 'counter');
    await checkLetter(op, HANURA, id);
    return id;
  };
  const dir = mkdtempSync(join(tmpdir(), 'balai-bench-tte-'));
  const esign = testEsignProvider(dir);
  // The test provider's own authority is what such a server trusts.
  const trust = trustListFromEnv({}, dir, esign);
  try {
    // The first signing makes the installation's authority and starts the worker: not counted.
    await signLetter(head, HANURA, await checked('domisili'), { passphrase: 'bench', esign, trust });
    const certified = await Promise.all(Array.from({ length: LETTERS }, () => checked('domisili')));
    const plain = await Promise.all(Array.from({ length: LETTERS }, () => checked('sktm')));
    const codes: string[] = [];
    const plainCodes: string[] = [];
    const out = [
      latency(db.kind, `issue a letter with a certified signature (test provider), ${LETTERS} in a row`, await timed(LETTERS, async (i) => codes.push((await signLetter(head, HANURA, certified[i]!, { passphrase: 'bench', esign, trust })).verify_code)), null, log),
      latency(db.kind, `issue an ordinary letter, ${LETTERS} in a row`, await timed(LETTERS, async (i) => plainCodes.push((await signLetter(head, HANURA, plain[i]!)).verify_code)), null, log),
    ];
    const app = createApp({ db, secureCookies: false });
    out.push(latency(db.kind, '/v/<code> of a certified letter (checks the kept PDF), server time', await serverTimes(app, `/v/${codes[0]}`, undefined, PAGE_ROUNDS), TARGET_MS, log));
    out.push(latency(db.kind, '/v/<code> of an ordinary letter, server time', await serverTimes(app, `/v/${plainCodes[0]}`, undefined, PAGE_ROUNDS), TARGET_MS, log));
    out.push(latency(db.kind, 'the verification of a certified letter (use case: reads and checks the kept PDF)', await timed(ROUNDS, () => verifyLetter(db, codes[0]!)), null, log));
    const kept = await db.kysely.selectFrom('letter_signatures').select('pdf').where('village_code', '=', HANURA).executeTakeFirstOrThrow();
    out.push(latency(db.kind, `the signature check alone (${Math.round(kept.pdf.length / 1024)} KB PDF)`, await timed(ROUNDS, async () => verifyPdfSignature(kept.pdf, { trust })), null, log));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmark: Benchmark = {
  name: 'esign',
  description: `certified electronic signature: issuing ${LETTERS} letters against ordinary ones, /v/<code> checking the kept PDF ≤ ${TARGET_MS} ms p95`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
