import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { parentCode, regionKind, regionLevel } from './region-code.js';
import { countRegions, insertRegions, type RegionRow } from './regions.repository.js';

/** The CSV files of the `idn-area-data` package (ODbL, © fityannugroho and contributors). */
function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

const FILES = ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv'] as const;

/** Rows of one file: `code,parent,name` (provinces: `code,name`). Names hold no commas but may hold '"'. */
export function readRegionFile(file: (typeof FILES)[number]): RegionRow[] {
  const lines = readFileSync(join(dataDir(), file), 'utf8').split(/\r?\n/).slice(1);
  const rows: RegionRow[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    const first = line.indexOf(',');
    const code = line.slice(0, first);
    const name = file === 'provinces.csv' ? line.slice(first + 1) : line.slice(line.indexOf(',', first + 1) + 1);
    rows.push({ code, parent_code: parentCode(code), level: regionLevel(code), kind: regionKind(code), name: name.trim() });
  }
  return rows;
}

/**
 * Loads all of Indonesia's regions once, in one transaction (about 91,000 rows). Returns
 * rows added. `provinces` limits the load to some provinces (tests use it to start fast).
 */
export async function ensureRegionsLoaded(db: Kysely<Database>, provinces?: string[]): Promise<number> {
  if ((await countRegions(db)) > 0) return 0;
  let total = 0;
  await db.transaction().execute(async (trx) => {
    for (const file of FILES) {
      let rows = readRegionFile(file);
      if (provinces) rows = rows.filter((r) => provinces.includes(r.code.slice(0, 2)));
      await insertRegions(trx, rows);
      total += rows.length;
    }
  });
  return total;
}
