import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/connect.js';
import { todayInWib } from '../../platform/format/format.js';
import * as repo from './idm.repository.js';
import { combine, modelDefinition, statusOf } from './index-models.js';

/**
 * Made-up IDM scores for the demo, so the index dashboards have something to show: the
 * demo's villages and a sample of other Lampung villages, for the last two years (the later
 * year a little better, as the province's figures went). Deterministic: the same every time.
 */

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (x: number) => Math.min(0.99, Math.max(0.3, x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export async function seedDemoIndexScores(db: Db, demoVillages: readonly string[]): Promise<number> {
  const def = modelDefinition('idm');
  // Teluk Pandan (the demo's district) whole, and one Lampung village in twenty.
  const sample = await repo.sampleVillages(db.kysely, '18', 20, '18.09.10');
  const villages = [...new Set([...demoVillages, ...sample])].sort();
  const year = Number(todayInWib().slice(0, 4)) - 1;
  const rng = random(2021);
  const rows: repo.ScoreRow[] = [];
  for (const code of villages) {
    // Villages differ: a base level per village, then small differences between the indices.
    const base = 0.5 + rng() * 0.38;
    const before = { iks: round4(clamp(base + (rng() - 0.5) * 0.12)), ike: round4(clamp(base - 0.06 + (rng() - 0.5) * 0.14)), ikl: round4(clamp(base + (rng() - 0.4) * 0.16)) };
    const gain = () => 0.005 + rng() * 0.05;
    const after = { iks: round4(clamp(before.iks + gain())), ike: round4(clamp(before.ike + gain())), ikl: round4(clamp(before.ikl + gain() - 0.02)) };
    for (const [y, dims] of [[year - 1, before], [year, after]] as const) {
      const score = combine(def, dims);
      rows.push({ village_code: code, model: 'idm', year: y, score, status: statusOf(def, score), dimensions: { ...dims }, indicators: {}, source: 'demo' });
    }
  }
  await db.kysely.transaction().execute(async (trx) => {
    await repo.upsertScores(trx, rows, null);
    await recordAudit(trx, { actor: null, ip: 'seed-demo' }, { action: 'index.import', regionCode: '18', subject: 'region:18', detail: { file: 'demo', model: 'idm', rows: rows.length, years: [year - 1, year] } }, 'seed-demo');
  });
  return rows.length;
}
