import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createTestDb, testDatabaseKind } from '../../../test/support/test-db.js';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../../modules/demo/seed-demo.js';
import { createAccount, hashPassword } from '../../modules/identity/index.js';
import { foldRollups } from '../../modules/monitoring/index.js';
import { activateVillage } from '../../modules/villages/index.js';
import type { Db } from '../db/connect.js';
import { primaryKeyOf, userReferences } from './catalog.js';
import { quoteIdent, TEXT_FORM_SETTINGS } from './format.js';
import { mergeVillage, planMerge } from './merge.js';
import { writeBackup } from './dump.js';

/**
 * A village that started alone on its own computer joins the province's installation, which
 * already serves another village: the preview names every clash (a NIK living in both, a
 * username taken) and nothing is written; once they are settled the village moves in whole,
 * its officers log in on the server with their own passwords, and the server's next rows
 * take ids past the village's.
 */

const HANURA = '18.09.10.2004';
const BATU = '18.09.10.2001';
const SRI = '1809105203889902'; // a member of the demo citizen's family in Hanura

let copy: TestApp;
let server: Db;
let dir: string;
let file: string;
let batuOperator: Client;

async function login(db: Db, username: string, password: string): Promise<Client> {
  const app = createApp({ db, secureCookies: false });
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
  expect(res.status, `${username} logs in`).toBe(200);
  return new Client(app, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
}

/** A village's rows of a table in text form, ordered by key, accounts named by username. */
async function villageRows(db: Db, table: string, village: string, userColumns: string[], other: number | null) {
  return db.kysely.transaction().execute(async (trx) => {
    for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
    const users = new Map((await trx.selectFrom('users').select(['id', 'username']).where('region_code', '=', village).execute()).map((u) => [String(u.id), u.username]));
    const pk = (await primaryKeyOf(trx, table)).map(quoteIdent).join(', ');
    const r = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(table)} t where village_code = ${village} order by ${sql.raw(pk)}`.execute(trx);
    return r.rows.map((x) => {
      const row = JSON.parse(x.row) as Record<string, unknown>;
      for (const c of userColumns) if (row[c] != null) row[c] = users.get(String(row[c])) ?? (other === null || String(row[c]) === String(other) ? 'akun lain' : `tak dikenal:${row[c]}`);
      return row;
    });
  });
}

beforeAll(async () => {
  // The village's own copy: the demo's Hanura, with a day's work.
  copy = await createTestApp({ citizen: true });
  const op = await copy.login('hanura');
  const sekdes = await copy.login('sekdes.hanura');
  const budi = await copy.db.kysely.selectFrom('residents').select(['id', 'family_id']).where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
  const born = await op.post(`/api/v1/villages/${HANURA}/residents`, { name: 'Bayi Salinan', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '2026-11-20', nik: '1809106011269904', family_id: budi.family_id, family_relation: 4 });
  expect(born.status, await born.clone().text()).toBe(201);
  const req = await op.post(`/api/v1/villages/${HANURA}/letters`, { type: 'sktm', resident_id: budi.id, fields: { keperluan: 'Beasiswa' } });
  const id = (await req.json()).data.id;
  expect((await op.post(`/api/v1/villages/${HANURA}/letters/${id}/check`, {})).status).toBe(200);
  expect((await sekdes.post(`/api/v1/villages/${HANURA}/letters/${id}/sign`, {})).status).toBe(200);
  dir = mkdtempSync(join(tmpdir(), 'balai-merge-'));
  file = join(dir, 'hanura.balai.gz');
  if (copy.db.kind !== 'citus') await writeBackup(copy.db, file);

  // The province's server: Batu Menyan on it already, with Sri (moved there on paper too).
  server = await createTestDb();
  const admin = await server.kysely.insertInto('users').values({ username: 'admin.provinsi', password_hash: await hashPassword('kata sandi provinsi panjang'), full_name: 'Admin Provinsi', role: 'province_admin', region_code: '18', position_title: null, nip: null, email: null, phone: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
  const ctx = { db: server, actor: { kind: 'user' as const, id: admin.id, username: 'admin.provinsi', fullName: 'Admin Provinsi', role: 'province_admin' as const, regionCode: '18', language: 'id' as const }, ip: 'test', lang: 'id' as const };
  await activateVillage(ctx, BATU, 'target');
  await createAccount(ctx, { username: 'operator.batu', full_name: 'Operator Batu Menyan', role: 'village_operator', region_code: BATU, position_title: 'Operator Desa', password: 'kata sandi batu menyan' });
  // An account on the server whose name clashes with Hanura's operator (usernames ignore case).
  await createAccount(ctx, { username: 'HANURA', full_name: 'Akun Lama', role: 'province_admin', region_code: '18', position_title: 'Staf Dinas PMD', password: 'kata sandi akun lama' });
  batuOperator = await login(server, 'operator.batu', 'kata sandi batu menyan');
  const sri = await batuOperator.post(`/api/v1/villages/${BATU}/residents`, { name: 'Sri Wahyuni', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1988-03-12', nik: SRI, kk_number: '1809101501109950' });
  expect(sri.status, await sri.clone().text()).toBe(201);
}, 240_000);

afterAll(async () => {
  await copy?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(testDatabaseKind() === 'citus')('merging a village on a Citus cluster', () => {
  it('is refused with the reason, writing nothing', async () => {
    await expect(planMerge(copy.db, file)).rejects.toThrow(/kluster Citus/);
    await expect(mergeVillage(copy.db, file, { as: 'provinsi' })).rejects.toThrow(/kluster Citus/);
  });
});

describe.skipIf(testDatabaseKind() === 'citus')(`a village's own copy joins a server that serves others (${testDatabaseKind()})`, () => {
  it('previews every clash and writes nothing while one remains', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from users`.execute(server.kysely);
    const plan = await planMerge(server, file, { village: HANURA });
    expect(plan.village).toBe(HANURA);
    expect(plan.tables.find((t) => t.name === 'residents_rows')?.rows).toBeGreaterThanOrEqual(4);
    expect(plan.accounts.map((a) => a.username).sort()).toEqual(['bendahara.hanura', 'hanura', 'kades.hanura', 'kpps1.hanura', 'kpps2.hanura', 'panitia.hanura', 'sekdes.hanura']);
    const messages = plan.conflicts.map((c) => c.message).join('\n');
    expect(plan.conflicts.map((c) => c.kind).sort()).toEqual(['account', 'nik']);
    expect(messages).toContain('Nama pengguna "hanura" sudah dipakai di server');
    expect(messages).toMatch(/NIK 1809\*+9902 \(Sri Wahyuni\) tercatat hidup di desa 18\.09\.10\.2001/);
    expect(messages).not.toContain(SRI);
    await expect(mergeVillage(server, file, { village: HANURA, as: 'admin.provinsi' })).rejects.toThrow(/Penggabungan ditolak, tidak ada yang disimpan/);
    expect((await sql<{ n: number }>`select count(*)::int as n from users`.execute(server.kysely)).rows[0]!.n).toBe(before.rows[0]!.n);
    expect(await server.kysely.selectFrom('villages').select('village_code').where('village_code', '=', HANURA).executeTakeFirst()).toBeUndefined();
  });

  it('moves the village in whole once the clashes are settled, and only once', async () => {
    // Settled: Sri recorded as moved out of Batu Menyan, the old account renamed.
    const sri = await server.kysely.selectFrom('residents').select('id').where('village_code', '=', BATU).where('nik', '=', SRI).executeTakeFirstOrThrow();
    const out = await batuOperator.post(`/api/v1/villages/${BATU}/residents/${sri.id}/move-out`, { date: '2026-11-01', destination: 'Desa Hanura, Teluk Pandan', classification: 'village', reason: 'Pindah ikut keluarga' });
    expect(out.status, await out.clone().text()).toBe(201);
    await server.kysely.updateTable('users').set({ username: 'akun.lama' }).where('username', '=', 'hanura').execute();

    // Only an officer who may activate the village on the server merges it in.
    await expect(mergeVillage(server, file, { village: HANURA, as: 'operator.batu' })).rejects.toThrow(/tidak berwenang mengaktifkan desa 18\.09\.10\.2004/);
    const summary = await mergeVillage(server, file, { village: HANURA, as: 'admin.provinsi' });
    expect(summary.conflicts).toEqual([]);
    expect(summary.otherAccountReferences).toBeGreaterThan(0); // the copy's installer activated the village

    // Table by table: the village's rows on the server are the copy's, accounts by username.
    const refs = await userReferences(server.kysely);
    const admin = await server.kysely.selectFrom('users').select('id').where('username', '=', 'admin.provinsi').executeTakeFirstOrThrow();
    for (const t of summary.tables) {
      if (t.name === 'audit_log' || t.name === 'notification_outbox') continue; // numbered by the server: counted below
      const cols = refs.get(t.name) ?? [];
      expect(await villageRows(server, t.name, HANURA, cols, Number(admin.id)), t.name).toEqual(await villageRows(copy.db, t.name, HANURA, cols, null));
    }
    const audit = async (db: Db) => (await sql<{ n: number }>`select count(*)::int as n from audit_log where village_code = ${HANURA} and action <> 'backup.merge'`.execute(db.kysely)).rows[0]!.n;
    expect(await audit(server)).toBe(await audit(copy.db));
    const outbox = async (db: Db) => (await sql<{ status: string; n: number }>`select status, count(*)::int as n from notification_outbox where village_code = ${HANURA} group by 1 order by 1`.execute(db.kysely)).rows;
    expect(await outbox(server)).toEqual(await outbox(copy.db));

    // Hanura's officers work on the server with their own passwords; a new resident takes an id past the copy's.
    const op = await login(server, 'hanura', DEMO_PASSWORD);
    const list = await op.get(`/desa/${HANURA}/penduduk`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Bayi Salinan');
    const maxCopyId = (await sql<{ n: string }>`select max(id)::text as n from residents_rows where village_code = ${HANURA}`.execute(copy.db.kysely)).rows[0]!.n;
    const added = await op.post(`/api/v1/villages/${HANURA}/residents`, { name: 'Warga Baru Server', sex: 1, religion: 1, birth_place: 'Pesawaran', birth_date: '1999-01-02', nik: '1809100201999905', kk_number: '1809100101209905' });
    expect(added.status, await added.clone().text()).toBe(201);
    expect((await added.json()).data.id).toBeGreaterThan(Number(maxCopyId));
    // Batu Menyan is untouched and cannot see Hanura's register.
    expect((await batuOperator.get(`/desa/${HANURA}/penduduk`)).status).toBe(403);

    // The province's figures take Hanura in (its rollups queued for the region rows, then folded).
    await foldRollups(server);
    const living = (await sql<{ n: number }>`select count(*)::int as n from residents where village_code in (${HANURA}, ${BATU}) and life_status in (1, 6)`.execute(server.kysely)).rows[0]!.n;
    const prov = await login(server, 'admin.provinsi', 'kata sandi provinsi panjang');
    const population = await (await prov.get('/api/v1/monitoring/regions/18.09.10/population')).json();
    expect(population.data.totals.total).toBe(living);

    // The same backup a second time: refused, nothing doubled.
    const again = await planMerge(server, file, { village: HANURA });
    expect(again.conflicts.map((c) => c.kind)).toContain('village');
    await expect(mergeVillage(server, file, { village: HANURA, as: 'admin.provinsi' })).rejects.toThrow(/sudah aktif di server/);
  });
});
