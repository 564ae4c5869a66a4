import { PreparingClient } from './preparing-client.js';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import { VillageGuardPlugin } from './village-guard.js';
import type { Database } from './schema.js';

/** 'citus': a PostgreSQL coordinator with the citus extension (tables spread over workers). */
export type DatabaseKind = 'pglite' | 'postgresql' | 'citus';

export interface Db {
  kysely: Kysely<Database>;
  kind: DatabaseKind;
  /** PGlite's data directory, or the PostgreSQL URL with the password hidden. */
  location: string;
  close(): Promise<void>;
  /** The raw PGlite instance (backup, tests); undefined on PostgreSQL. */
  pglite?: PGlite;
}

/** Postgres type ids whose JavaScript form we pin so both engines return the same value. */
const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

// int8 as number: counts and ids stay far below 2^53. numeric as string: exact money.
// date as 'YYYY-MM-DD': a birth date has no time zone, and a Date object would shift it.
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.numeric]: (v) => v,
  [OID.date]: (v) => v,
};

export interface ConnectOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Open PGlite from a dump made by `dumpDataDir` (tests clone a prepared database). */
  loadDataDir?: Blob | File;
  poolSize?: number;
  /** Refuse queries on village tables that do not say which village (tests; see village-guard.ts). */
  villageGuard?: boolean;
}

export async function connect(options: ConnectOptions): Promise<Db> {
  const plugins = options.villageGuard ? [new VillageGuardPlugin()] : [];
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.poolSize ?? 10, plugins);
  return connectPglite(options.dataDir, options.loadDataDir, plugins);
}

async function connectPglite(dataDir: string | undefined, loadDataDir: Blob | File | undefined, plugins: KyselyPlugin[]): Promise<Db> {
  if (dataDir && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    loadDataDir,
    extensions: { pg_trgm, unaccent, btree_gist, btree_gin },
    parsers,
  });
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins });
  return {
    kysely,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    pglite,
    async close() {
      await kysely.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function connectPostgres(url: string, max: number, plugins: KyselyPlugin[]): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    Client: PreparingClient,
    // Pages run short queries; a plan whose estimate passes the JIT threshold (a correlated
    // sub-plan is estimated high) paid 300 ms compiling it for a 20 ms query.
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: any) =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection can die (server restart, failover): log it, keep serving; the pool reconnects.
  let closing = false;
  pool.on('error', (err) => {
    if (!closing) console.error('[balai] PostgreSQL connection lost:', err.message);
  });
  // Fail at start, with the reason, rather than on the first request.
  const client = await pool.connect();
  const citus = await client.query<{ on: boolean }>(`select exists (select 1 from pg_extension where extname = 'citus') as on`);
  client.release();
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    kysely,
    kind: citus.rows[0]?.on ? 'citus' : 'postgresql',
    location: url.replace(/:[^:@/]*@/, ':***@'),
    async close() {
      closing = true;
      await kysely.destroy();
    },
  };
}
