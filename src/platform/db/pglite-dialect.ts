import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { isBackground } from './background.js';

/**
 * Kysely dialect for PGlite. Kysely 0.29 ships one but needs Node 22; this is the
 * small part of it we need on Node 20. PGlite has one connection, so callers queue
 * for it: a transaction holds the connection until it commits or rolls back.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite);
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Background work waits for requests to leave the connection alone this long… */
const QUIET_MS = 5;
/** …but never longer than this per statement, so a job still ends on a busy server. */
const MAX_YIELD_MS = 250;

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;
  /** Requests (not background work) waiting for or holding the connection, and when the last one let go. */
  private foreground = 0;
  private foregroundAt = 0;
  constructor(pglite: PGlite) {
    this.connection = new PGliteConnection(pglite);
  }
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    // PGlite runs each query synchronously and settles its promise at once, so a job that
    // chains thousands of short statements would never let the event loop read a request:
    // every hand-over of the connection first lets pending I/O in (and into the queue).
    await new Promise<void>((resolve) => setImmediate(resolve));
    const background = isBackground();
    if (background) await this.quiet();
    else this.foreground++;
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = background
      ? release
      : () => {
          this.foreground--;
          this.foregroundAt = performance.now();
          release();
        };
    return this.connection;
  }
  /** Waits until no request has used the connection for QUIET_MS (or MAX_YIELD_MS have passed). */
  private async quiet() {
    const until = performance.now() + MAX_YIELD_MS;
    for (;;) {
      const now = performance.now();
      const wait = this.foreground > 0 ? QUIET_MS : this.foregroundAt + QUIET_MS - now;
      if (wait <= 0 || now >= until) return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, until - now)));
    }
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(conn: DatabaseConnection) {
    (conn as PGliteConnection).release?.();
  }
  async destroy() {}
}

class PGliteConnection implements DatabaseConnection {
  release?: () => void;
  constructor(private readonly pglite: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Without parameters use the simple protocol, which (like pg) allows several
    // statements in one text: migrations rely on it.
    const result =
      compiled.parameters.length === 0
        ? (await this.pglite.exec(compiled.sql, { rowMode: 'object' })).at(-1) ?? { rows: [], affectedRows: 0 }
        : await this.pglite.query<R>(compiled.sql, compiled.parameters as any[], { rowMode: 'object' });
    const affected = result.affectedRows;
    return {
      rows: result.rows as R[],
      numAffectedRows: affected !== undefined ? BigInt(affected) : undefined,
    };
  }
  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}
