import { sql } from 'kysely';
import { can } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest, conflict, notFound } from '../../platform/http/errors.js';
import { redactNiks } from '../../platform/redact.js';
import { villageInScope } from '../villages/index.js';
import { listSyncKeys, type SyncKeyRow } from './sync-keys.js';
import { quoteIdent, syncedTables } from './sync-tables.js';

/**
 * The sync page of a village, on the copy and on the server alike: how the link stands, and
 * the clashes held for a person. A clash is settled by choosing the value (written to the row
 * as an ordinary change, so it travels to the other side) or, for a refused change, by saying
 * what was done about it; the record stays, with the losing value.
 */

export interface ConflictView {
  id: number;
  kind: 'field' | 'refused' | 'missing';
  table: string;
  field: string | null;
  subject: string;
  base: unknown;
  server: unknown;
  copy: unknown;
  message: string;
  otherVillage: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  resolution: Record<string, unknown> | null;
}

/** A jsonb object as the driver gives it (both drivers parse jsonb; a text form is parsed here). */
const parsed = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);

/** What a clash is about, named for an officer: a resident by name (NIK masked), another row by its table and key. */
async function subjectOf(ctx: UseCaseContext, village: string, table: string, key: Record<string, unknown>): Promise<string> {
  if (table === 'residents_rows' && key.id != null) {
    const r = await ctx.db.kysely.selectFrom('residents_rows').select(['name', 'nik']).where('village_code', '=', village).where('id', '=', Number(key.id)).executeTakeFirst();
    if (r) return `${r.name} (NIK ${redactNiks(r.nik)})`;
  }
  const rest = Object.entries(key).filter(([k]) => k !== 'village_code').map(([k, v]) => `${k} ${redactNiks(String(v))}`);
  return `${table}${rest.length ? ` (${rest.join(', ')})` : ''}`;
}

export async function syncPage(ctx: UseCaseContext, villageInput: string) {
  // The village's officers see the link and the clashes; an administrator who may activate the
  // village (the province's) manages the copy's keys and sees no resident.
  const officer = can(ctx.actor, 'population.read');
  const village = await villageInScope(ctx, villageInput, officer ? 'population.read' : 'village.activate');
  const code = village.village_code;
  const k = ctx.db.kysely;
  const state = await k.selectFrom('sync_state').selectAll().where('village_code', '=', code).executeTakeFirst();
  const waiting = state
    ? Number((await sql<{ n: string }>`select count(*) as n from sync_changes where village_code = ${code} and pushed_at is null`.execute(k)).rows[0]!.n)
    : 0;
  const rows = !officer ? [] : await k.selectFrom('sync_conflicts').selectAll().where('village_code', '=', code)
    .orderBy(sql`resolved_at is null`, 'desc').orderBy('created_at', 'desc').limit(100).execute();
  const conflicts: ConflictView[] = [];
  for (const r of rows) {
    const key = parsed(r.row_key) as Record<string, unknown>;
    conflicts.push({
      id: Number(r.id), kind: r.kind, table: r.table_name, field: r.field, subject: await subjectOf(ctx, code, r.table_name, key),
      base: r.base_value, server: r.server_value, copy: r.copy_value, message: r.message, otherVillage: r.other_village,
      createdAt: r.created_at, resolvedAt: r.resolved_at, resolution: parsed(r.resolution) as Record<string, unknown> | null,
    });
  }
  const keys: SyncKeyRow[] = can(ctx.actor, 'village.activate', code) && !state ? await listSyncKeys(ctx, code) : [];
  return {
    village,
    officer,
    copy: state ? { server: state.server_url, lastPush: state.last_push_at, lastPull: state.last_pull_at, lastAttempt: state.last_attempt_at, lastError: state.last_error, waiting } : null,
    keys,
    conflicts,
  };
}

export async function resolveConflict(ctx: UseCaseContext, villageInput: string, id: number, form: Record<string, string>) {
  const village = (await villageInScope(ctx, villageInput, 'population.write')).village_code;
  const note = (form.catatan ?? '').trim().slice(0, 500);
  // Read before the transaction: on PGlite a query outside it would wait for it forever.
  const tables = await syncedTables(ctx.db);
  return writeWithAudit(ctx, async (trx, audit) => {
    const c = await trx.selectFrom('sync_conflicts').selectAll().where('village_code', '=', village).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!c) throw notFound('sync.conflict_not_found');
    if (c.resolved_at) throw conflict('sync.conflict_resolved');
    let resolution: Record<string, unknown>;
    if (c.kind === 'field') {
      const choice = form.pilihan;
      if (choice !== 'server' && choice !== 'salinan') throw badRequest('sync.choice', 'pilihan');
      const value = choice === 'server' ? c.server_value : c.copy_value;
      const t = tables.find((x) => x.name === c.table_name);
      if (!t || !c.field || !t.columns.some((col) => col.name === c.field)) throw conflict('sync.conflict_not_found');
      const q = quoteIdent(c.field);
      const key = JSON.stringify(parsed(c.row_key));
      const match = t.key.map((col) => `t.${quoteIdent(col)} = k.${quoteIdent(col)}`).join(' and ');
      await sql`update ${sql.table(t.name)} t set ${sql.raw(q)} = v.${sql.raw(q)}
        from jsonb_populate_record(null::${sql.table(t.name)}, ${key}::jsonb) k, jsonb_populate_record(null::${sql.table(t.name)}, ${JSON.stringify({ [c.field]: value })}::jsonb) v
        where t.village_code = ${village} and ${sql.raw(match)}`.execute(trx);
      resolution = { choice, value, note };
    } else {
      if (!note) throw badRequest('validation.required', 'catatan');
      resolution = { choice: 'noted', note };
    }
    await trx.updateTable('sync_conflicts').set({ resolved_at: sql`now()`, resolved_by: ctx.actor!.id, resolution: JSON.stringify(resolution) })
      .where('village_code', '=', village).where('id', '=', id).execute();
    await audit({ action: 'sync.conflict_resolve', villageCode: village, subject: `sync_conflict:${id}`, detail: { kind: c.kind, table: c.table_name, field: c.field, choice: resolution.choice } });
  });
}
