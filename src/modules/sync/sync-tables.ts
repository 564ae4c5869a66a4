import { sql, type Kysely, type Transaction } from 'kysely';
import { columnsOf, dataTables, primaryKeyOf, type ColumnInfo } from '../../platform/backup/catalog.js';
import { quoteIdent, TEXT_FORM_SETTINGS } from '../../platform/backup/format.js';
import type { Db } from '../../platform/db/connect.js';
import type { Database } from '../../platform/db/schema.js';

/**
 * Which tables move between a village's copy and the server, read from the catalogue: every
 * table with a village_code, less those below. A table a later migration adds moves without
 * anyone remembering to add it here.
 */

type Q = Kysely<Database> | Transaction<Database>;

/** Tables with a village_code that do not move, and why (each side keeps or computes its own). */
export const NOT_SYNCED: Record<string, string> = {
  sync_changes: 'the copy\'s own record of what to send',
  sync_state: 'the copy\'s own settings',
  sync_applied: 'the server\'s own record of what it applied',
  sync_keys: 'made on the server; the copy holds its key in sync_state',
  villages: 'reference data: comes down once, at the clone',
  sessions: 'a login is valid on the installation that made it',
  jobs: 'imports and exports run where they were started',
  job_rows: 'imports and exports run where they were started',
  idempotency_keys: 'a form\'s repeat guard on the installation that took it',
  staged_imports: 'imports under way',
  notification_outbox: 'each side sends its own messages',
  village_activity_daily: 'counted by the server from the audit entries that come up',
  village_index_scores: 'entered by the province on the server',
  farm_kiosk_villages: 'kiosks are registered by the regency on the server; a copy does not serve kiosks',
  // The market runs where its buyers reach it, on the server: stock taken by online orders
  // cannot also be sold from a copy that is offline.
  market_sellers: 'the market runs on the server, where buyers reach it',
  market_products: 'the market runs on the server, where buyers reach it',
  market_product_photos: 'the market runs on the server, where buyers reach it',
  market_orders: 'the market runs on the server, where buyers reach it',
  market_order_lines: 'the market runs on the server, where buyers reach it',
  market_order_events: 'the market runs on the server, where buyers reach it',
  monitoring_market: 'the market runs on the server, where buyers reach it',
  agent_transactions: 'a bill is paid through the provider, online, on the server',
  agent_settlements: 'a bill is paid through the provider, online, on the server',
  tourism_listings: 'the village website runs on the server, where visitors reach it',
  tourism_photos: 'the village website runs on the server, where visitors reach it',
  // Incoming letters carry their scans (up to 10 MB each) and are routed to officials' accounts, which live on the server.
  incoming_letters: 'registered on the server with its scan; routed to accounts that live there',
  incoming_letter_routes: 'routed to officials\' accounts, which live on the server',
  monitoring_mail: 'counted on the server, where the letters are registered',
  village_regulations: 'recorded on the server with the signed PDF; the books are printed from there',
  // The inventory and the land are kept where the regulations are: the office's books are printed there.
  asset_items: 'the inventory is kept on the server, with the books printed from it',
  asset_events: 'the inventory is kept on the server, with the books printed from it',
  village_land_parcels: 'the village land is kept on the server, with the books printed from it',
  land_holdings: 'the land in the village is kept on the server, with the books printed from it',
  monitoring_office: 'counted on the server, where the regulations, the inventory and the land are kept',
  // Reports to the civil registry are made on the server, where the events of the copy and the server meet;
  // the corrections accepted there come down as changes to the residents.
  civil_registry_reports: 'made on the server, where every event of the village arrives',
  civil_registry_report_events: 'made on the server, where every event of the village arrives',
  civil_registry_imports: 'compared on the server; the corrections accepted come down as resident changes',
  civil_registry_differences: 'compared on the server; the corrections accepted come down as resident changes',
  monitoring_civil_registry: 'counted on the server, where the reports are made',
  // The election: a vote cast on a copy and another on the server would be two ballot boxes.
  elections: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_stations: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_station_areas: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_candidates: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_disqualifications: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_voters: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_objections: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_tokens: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_ballot_pool: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_ballots: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  election_recounts: 'the election is held on the server: one ballot box per TPS, its tokens and its count must never exist twice',
  monitoring_elections: 'counted on the server, where the election is held',
  change_feed: 'written by triggers on each side when a change lands there (the server feeds what a copy sends as it applies it)',
  // Kept by triggers from the rows above on each side: both compute the same numbers.
  population_breakdowns: 'computed by triggers on each side',
  population_family_members: 'computed by triggers on each side',
  population_family_count: 'computed by triggers on each side',
  population_versions: 'computed by triggers on each side',
  population_monthly_reports: 'a cache, made again on each side',
  monitoring_population: 'computed by triggers on each side',
  monitoring_families: 'computed by triggers on each side',
  monitoring_events: 'computed by triggers on each side',
  monitoring_letter_ready: 'computed by triggers on each side',
  monitoring_pending_population: 'computed by triggers on each side',
  monitoring_pending_events: 'computed by triggers on each side',
  monitoring_pending_letters: 'computed by triggers on each side',
  monitoring_pending_letter_ready: 'computed by triggers on each side',
};

/**
 * The tables above whose work is done on the server (the market, the website's listings, incoming
 * mail, the regulations, the inventory and land, the civil registry's reports, the kiosks): on a
 * copy a write to them would never leave it, so the copy refuses it whole (copy-sync.ts puts the
 * `balai_server_only` trigger on them) and the page says to do it where the server is reached.
 * Rollups are not here: `rebuild-rollups` may recount them on a copy.
 */
export const SERVER_ONLY = [
  'market_sellers', 'market_products', 'market_product_photos', 'market_orders', 'market_order_lines', 'market_order_events',
  'agent_transactions', 'agent_settlements', 'tourism_listings', 'tourism_photos', 'incoming_letters', 'incoming_letter_routes',
  'village_regulations', 'asset_items', 'asset_events', 'village_land_parcels', 'land_holdings', 'farm_kiosk_villages',
  'civil_registry_reports', 'civil_registry_imports',
  'elections', 'election_stations', 'election_candidates', 'election_voters', 'election_objections', 'election_tokens', 'election_ballot_pool', 'election_ballots', 'election_recounts',
];

/** Sent up as new entries (the server numbers them), never compared: the server keeps more of them. */
export const APPEND_ONLY = new Set(['audit_log']);

export interface SyncTable {
  name: string;
  key: string[];
  columns: ColumnInfo[];
}

const cache = new WeakMap<object, Promise<SyncTable[]>>();

/** The tables that move, parents before the tables that refer to them. */
export function syncedTables(db: Db): Promise<SyncTable[]> {
  let found = cache.get(db);
  if (!found) {
    found = readTables(db.kysely);
    cache.set(db, found);
    found.catch(() => cache.delete(db));
  }
  return found;
}

async function readTables(k: Q): Promise<SyncTable[]> {
  const out: SyncTable[] = [];
  for (const name of await dataTables(k)) {
    if (name in NOT_SYNCED) continue;
    const columns = await columnsOf(k, name);
    if (!columns.some((c) => c.name === 'village_code')) continue;
    out.push({ name, key: await primaryKeyOf(k, name), columns });
  }
  return out;
}

/** The tables compared between the two sides (the append-only ones are not). */
export const comparedTables = async (db: Db) => (await syncedTables(db)).filter((t) => !APPEND_ONLY.has(t.name));

/**
 * Opens a transaction whose rows render the same on every engine (to_jsonb of a timestamp in
 * UTC, …): the hashes of the copy and of the server are then comparable.
 */
export async function withTextForm<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    // On Citus the workers render the rows: the settings must reach them.
    if (db.kind === 'citus') await sql`set local citus.propagate_set_commands = 'local'`.execute(trx);
    for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
    return work(trx);
  });
}

export { quoteIdent };
/** The key as text, the same on both sides: a JSON array of the key's values. */
export const keyText = (t: SyncTable, alias = 't') => `jsonb_build_array(${t.key.map((c) => `${alias}.${quoteIdent(c)}`).join(', ')})::text`;
