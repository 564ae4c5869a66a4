import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { DEMO_PASSWORD, HANURA } from '../src/modules/demo/seed-demo.js';
import { connect, type Db } from '../src/platform/db/connect.js';
import { CROSS_VILLAGE_TABLES, VILLAGE_TABLES } from '../src/platform/db/village-tables.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-db.js';

/**
 * Balai on a Citus cluster (issue 12, items 4–5): where every table lives, and that a
 * village's work is routed to the one shard that holds the village. The whole suite also runs
 * on the cluster (TEST_CITUS_URL); this file checks what only a cluster can show.
 */
const onCitus = testDatabaseKind() === 'citus';
if (!onCitus) console.log('[balai tests] Citus checks skipped: set TEST_CITUS_URL to a coordinator (scripts/citus-cluster.sh start) to run them.');

// The views over the staged-import tables are not tables; the job queue stays on the coordinator.
const VIEWS = new Set(['village_areas', 'families', 'residents', 'population_events']);
const ON_COORDINATOR = new Set(['jobs', 'job_rows']);
const REFERENCE = ['regions', 'users', 'villages', 'village_sites', 'sync_keys', 'farm_kiosk_villages', 'staged_imports', 'monitoring_region_population', 'monitoring_region_events', 'monitoring_region_letters', 'monitoring_region_letter_ready', 'agent_services'];
const BY_OWN_KEY: Record<string, string> = { active_niks: 'nik', letter_verify_codes: 'verify_code', sessions: 'token_hash', password_resets: 'code_hash', nik_elsewhere_lookups: 'user_id', assistance_claims: 'subject', farmer_niks: 'nik', farmer_cards: 'card_code', market_buyer_codes: 'phone' };

describe.runIf(onCitus)('on a Citus cluster', () => {
  let t: TestApp;
  let strict: Db;
  let op: Client;
  let sec: Client;

  beforeAll(async () => {
    t = await createTestApp({ population: true, citizen: true });
    // A second connection pool to the same database where any statement that would touch more
    // than one shard is an error, not a log line: the app on it must do a village's work anyway.
    const url = new URL(t.db.location);
    url.searchParams.set('options', '-c citus.multi_task_query_log_level=error');
    strict = await connect({ databaseUrl: url.toString(), poolSize: 4, villageGuard: true });
    const app = createApp({ db: strict, secureCookies: false });
    const anonymous = new Client(app);
    const login = async (username: string) => {
      const res = await anonymous.json('POST', '/api/v1/auth/login', { username, password: DEMO_PASSWORD });
      expect(res.status).toBe(200);
      return new Client(app, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
    };
    op = await login('hanura');
    sec = await login('sekdes.hanura');
  }, 180_000);
  afterAll(async () => {
    await strict?.close();
    await t?.close();
  });

  it('spreads every village table by village_code in one co-location group, and the rest as designed', async () => {
    const rows = await sql<{ table: string; method: string; key: string | null; colocation: number; replicated: boolean }>`
      select p.logicalrelid::text as table, p.partmethod as method, column_to_column_name(p.logicalrelid, p.partkey) as key,
        p.colocationid as colocation, p.repmodel = 't' as replicated
      from pg_dist_partition p`.execute(t.db.kysely);
    const by = new Map(rows.rows.map((r) => [r.table, r]));
    const villageTables = [...VILLAGE_TABLES].filter((n) => !VIEWS.has(n) && !ON_COORDINATOR.has(n));
    const cross = Object.keys(CROSS_VILLAGE_TABLES).filter((n) => !(n in BY_OWN_KEY) && !REFERENCE.includes(n) && n !== 'audit_log' && n !== 'notification_outbox');
    const groups = new Set<number>();
    for (const name of [...villageTables, ...cross]) {
      const r = by.get(name);
      expect(r, `${name} is not distributed`).toBeDefined();
      expect([r!.method, r!.key], name).toEqual(['h', 'village_code']);
      groups.add(r!.colocation);
    }
    expect(groups.size, 'village tables in more than one co-location group').toBe(1);
    for (const name of REFERENCE) expect([by.get(name)?.method, by.get(name)?.replicated], name).toEqual(['n', true]);
    for (const [name, key] of Object.entries(BY_OWN_KEY)) expect([by.get(name)?.method, by.get(name)?.key], name).toEqual(['h', key]);
  });

  it("plans the resident list as one task on the village's shard", async () => {
    const plan = await sql<{ 'QUERY PLAN': string }>`explain
      select id, nik, name from residents where village_code = ${HANURA} and life_status = 1 order by name, id limit 50`.execute(t.db.kysely);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain('Task Count: 1');
  });

  it('serves the resident list, signs a letter and records a death with no statement touching a second shard', async () => {
    // The strict connection does refuse a statement over every shard.
    await expect(sql`select count(*) from monitoring_population`.execute(strict.kysely)).rejects.toThrow(/multi-task/);
    const page = await op.get(`/desa/${HANURA}/penduduk`);
    expect(page.status).toBe(200);
    const search = await op.get(`/desa/${HANURA}/penduduk?q=${encodeURIComponent('siti')}`);
    expect(search.status).toBe(200);

    const someone = await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('life_status', '=', 1)
      .where('family_relation', '<>', 1).orderBy('id').limit(2).execute();
    const base = `/api/v1/villages/${HANURA}/letters`;
    const r = await op.post(base, { type: 'domisili', resident_id: someone[0]!.id, fields: { keperluan: 'Uji kluster' } });
    expect(r.status, await r.clone().text()).toBe(201);
    const { id } = ((await r.json()) as { data: { id: number } }).data;
    expect((await op.post(`${base}/${id}/check`, {})).status).toBe(200);
    const signed = await sec.post(`${base}/${id}/sign`, {});
    expect(signed.status, await signed.clone().text()).toBe(200);
    const { verify_code } = ((await signed.json()) as { data: { verify_code: string } }).data;
    // The public check finds the letter by its code alone: two single-shard reads.
    const check = await new Client(createApp({ db: strict, secureCookies: false })).get(`/api/v1/letters/verify/${verify_code}`);
    expect(check.status).toBe(200);

    const death = await op.post(`/api/v1/villages/${HANURA}/residents/${someone[1]!.id}/death`, { date: new Date().toISOString().slice(0, 10), place: 'Rumah', cause: 'Sakit' });
    expect(death.status, await death.clone().text()).toBe(201);
    const dead = await t.db.kysely.selectFrom('residents').select('life_status').where('village_code', '=', HANURA).where('id', '=', someone[1]!.id).executeTakeFirstOrThrow();
    expect(dead.life_status).toBe(2);
  });
});
