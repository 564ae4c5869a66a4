import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createTestDb, testDatabaseKind } from '../../../test/support/test-db.js';
import { DEMO_PASSWORD } from '../../modules/demo/seed-demo.js';
import { connect, type Db } from '../db/connect.js';
import { dataTables, primaryKeyOf, sequenceValues } from './catalog.js';
import { ALL_VILLAGES, quoteIdent, TEXT_FORM_SETTINGS } from './format.js';
import { backupSettings, listBackups, pruneBackups, readBackupHeader, restoreBackup, startBackupSchedule, verifyBackup, writeBackup } from './index.js';

const HANURA = '18.09.10.2004';
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0xff]);

let source: TestApp;
let dir: string;
let file: string;

/** Every row of every table in PostgreSQL's text form, ordered by primary key: what "identical" means here. */
async function contents(db: Db): Promise<Record<string, string[][]>> {
  return db.kysely.transaction().execute(async (trx) => {
    for (const s of TEXT_FORM_SETTINGS) await sql.raw(s).execute(trx);
    const out: Record<string, string[][]> = {};
    for (const table of await dataTables(trx)) {
      const pk = (await primaryKeyOf(trx, table)).map(quoteIdent).join(', ');
      const r = await sql.raw<{ row: string[] }>(`select array_to_json(array(select x::text from json_each_text(row_to_json(t)) as e(k, x)))::text as row from ${quoteIdent(table)} t order by ${pk} ${ALL_VILLAGES}`).execute(trx);
      out[table] = r.rows.map((x) => (typeof x.row === 'string' ? JSON.parse(x.row) : x.row));
    }
    return out;
  });
}

async function login(db: Db, username: string): Promise<Client> {
  const app = createApp({ db, secureCookies: false });
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD }), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(200);
  return new Client(app, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
}

/** Request, check and sign one letter; returns its number and running number. */
async function signOne(db: Db, residentId: number) {
  const [op, sec] = [await login(db, 'hanura'), await login(db, 'sekdes.hanura')];
  const base = `/api/v1/villages/${HANURA}/letters`;
  const r = await op.post(base, { type: 'domisili', resident_id: residentId, fields: { keperluan: 'Uji cadangan' } });
  expect(r.status).toBe(201);
  const { id } = ((await r.json()) as { data: { id: number } }).data;
  expect((await op.post(`${base}/${id}/check`, {})).status).toBe(200);
  const s = await sec.post(`${base}/${id}/sign`, {});
  expect(s.status).toBe(200);
  const letter = await db.kysely.selectFrom('letters').select(['id', 'number', 'running_number', 'number_scope_key']).where('village_code', '=', HANURA).where('id', '=', id).executeTakeFirstOrThrow();
  return letter;
}

beforeAll(async () => {
  source = await createTestApp({ population: true, citizen: true });
  const k = source.db.kysely;
  // Bytes in both bytea columns, and a second letter signed, so counters and jsonb are not trivial.
  await k.updateTable('villages').set({ logo: PNG, logo_type: 'image/png' }).where('village_code', '=', HANURA).execute();
  const someone = await k.selectFrom('residents').select('id').where('village_code', '=', HANURA).orderBy('id').limit(1).executeTakeFirstOrThrow();
  await k.updateTable('residents_rows').set({ photo: PNG, photo_type: 'image/png', warnings: JSON.stringify(['uji "kutip" \\ garis miring', 'ñ — 日本']) }).where('village_code', '=', HANURA).where('id', '=', someone.id).execute();
  await signOne(source.db, someone.id);
  dir = mkdtempSync(join(tmpdir(), 'balai-backup-'));
  file = join(dir, 'hanura.balai.gz');
}, 180_000);
afterAll(async () => {
  await source?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// A Citus cluster is backed up by the cluster's tools, not by Balai's one-server file.
describe.runIf(testDatabaseKind() === 'citus')('backup on a Citus cluster', () => {
  it('is refused with the reason, writing no file, and never scheduled', async () => {
    await expect(writeBackup(source.db, file)).rejects.toThrow(/kluster Citus/);
    expect(existsSync(file)).toBe(false);
    await expect(restoreBackup(source.db, file)).rejects.toThrow(/kluster Citus/);
    expect(backupSettings({ BACKUP_DIR: dir }, dir, 'citus').enabled).toBe(false);
  });
});

describe.skipIf(testDatabaseKind() === 'citus')(`backup and restore (${testDatabaseKind()})`, () => {
  let before: Record<string, string[][]>;

  it('writes one verified file with every table and the schema it was taken at', async () => {
    const phases = new Set<string>();
    const s = await writeBackup(source.db, file, (p) => phases.add(p.phase));
    expect([...phases]).toEqual(['write', 'verify']);
    before = await contents(source.db);
    const expected = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    expect(s.rows).toBe(expected);
    // The register's rows are in the table behind the `residents` view (migration 0018).
    expect(s.tables.find((t) => t.name === 'residents_rows')!.rows).toBeGreaterThanOrEqual(2500);
    for (const t of s.tables) expect(t.rows, t.name).toBe(before[t.name]!.length);
    const header = await readBackupHeader(file);
    const applied = (await source.db.kysely.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map((m) => m.name);
    expect(header.migrations).toEqual(applied);
    expect(header.engine).toBe(source.db.kind);
    expect((await verifyBackup(file)).sha256).toBe(s.sha256);
  }, 120_000);

  const restoredMatches = async (target: Db) => {
    const after = await contents(target);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) {
      expect(after[table]!.length, table).toBe(before[table]!.length);
      expect(after[table], table).toEqual(before[table]);
    }
    expect(await sequenceValues(target.kysely)).toEqual(await sequenceValues(source.db.kysely));
  };

  it('restores into a fresh installation: every table identical row by row, ids and letter numbers continue', async () => {
    const target = await createTestDb();
    try {
      const steps: string[] = [];
      const r = await restoreBackup(target, file, (p) => steps.push(p.phase));
      expect(steps[0]).toBe('verify');
      expect(steps.at(-1)).toBe('restore');
      expect(r.upgraded).toEqual([]);
      await restoredMatches(target);

      // bytea and jsonb came back as they were.
      const photo = await target.kysely.selectFrom('residents').select(['photo', 'warnings']).where('village_code', '=', HANURA).where('photo', 'is not', null).executeTakeFirstOrThrow();
      expect(Buffer.from(photo.photo!)).toEqual(Buffer.from(PNG));
      expect(photo.warnings).toEqual(['uji "kutip" \\ garis miring', 'ñ — 日本']);

      // New rows get fresh ids from the restored sequences, and numbering continues from the counter.
      const maxId = Number((await target.kysely.selectFrom('residents').select(sql<number>`max(id)`.as('m')).where('village_code', '=', HANURA).executeTakeFirstOrThrow()).m);
      const op = await login(target, 'hanura');
      const created = await op.post(`/api/v1/villages/${HANURA}/residents`, { nik: '1809104101000001', name: 'Warga Setelah Pemulihan', sex: 2, birth_date: '2000-01-01', religion: 1, kk_number: '1809100101250001', family_relation: 1 });
      expect(created.status, await created.clone().text()).toBe(201);
      expect(((await created.json()) as { data: { id: number } }).data.id).toBeGreaterThan(maxId);
      const last = await target.kysely.selectFrom('letter_counters').select(['scope_key', 'last_number']).where('village_code', '=', HANURA).where('scope_key', 'not like', 'antrian:%').where('scope_key', 'not like', 'surat-masuk:%').executeTakeFirstOrThrow();
      const someone = await target.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('life_status', '=', 1).orderBy('id').limit(1).executeTakeFirstOrThrow();
      const next = await signOne(target, someone.id);
      expect(next.number_scope_key).toBe(last.scope_key);
      expect(next.running_number).toBe(last.last_number + 1);
      const maxLetter = Math.max(...before.letters!.map((row) => Number(row[1])));
      expect(next.id).toBeGreaterThan(maxLetter);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('restores into a brand-new database with no schema, across engines, and back again', async () => {
    // The other engine where there is one: PostgreSQL's backup into PGlite, then PGlite's backup into PostgreSQL.
    const bare = await connect({});
    const again = join(dir, 'again.balai.gz');
    try {
      await restoreBackup(bare, file);
      await restoredMatches(bare);
      await writeBackup(bare, again);
      expect((await readBackupHeader(again)).engine).toBe('pglite');
    } finally {
      await bare.close();
    }
    const target = await createTestDb();
    try {
      await restoreBackup(target, again);
      await restoredMatches(target);
    } finally {
      await target.close();
    }
  }, 180_000);

  it('refuses an installation that is not empty, and stores nothing', async () => {
    await expect(restoreBackup(source.db, file)).rejects.toThrow(/Instalasi tujuan tidak kosong: .*users/);
    expect(await contents(source.db)).toEqual(before);
  }, 120_000);

  it('refuses a backup of another schema, and a damaged or cut-off file, before writing anything', async () => {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const header = JSON.parse(lines[0]!);
    const future = join(dir, 'future.balai.gz');
    writeFileSync(future, gzipSync([JSON.stringify({ ...header, migrations: [...header.migrations, '9999_from_the_future.sql'] }), ...lines.slice(1)].join('\n')));
    const older = join(dir, 'older.balai.gz');
    writeFileSync(older, gzipSync([JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...lines.slice(1)].join('\n')));
    const tampered = join(dir, 'tampered.balai.gz');
    const i = lines.findIndex((l) => l.includes('Warga') || l.includes('SANTOSO') || l.includes('Santoso'));
    writeFileSync(tampered, gzipSync(lines.map((l, n) => (n === i ? l.replace(/Santoso|SANTOSO|Warga/, 'Palsu') : l)).join('\n')));
    const cut = join(dir, 'cut.balai.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    const truncatedGzip = join(dir, 'truncated.balai.gz');
    const whole = readFileSync(file);
    writeFileSync(truncatedGzip, whole.subarray(0, Math.floor(whole.length / 2)));
    const notBackup = join(dir, 'not.balai.gz');
    writeFileSync(notBackup, gzipSync('hello\n'));

    const target = await createTestDb();
    try {
      await expect(restoreBackup(target, future)).rejects.toThrow(/versi Balai yang lebih baru/);
      await expect(restoreBackup(target, older)).rejects.toThrow(/Skema basis data tujuan .* berbeda dengan skema cadangan/);
      await expect(restoreBackup(target, tampered)).rejects.toThrow(/checksum tidak cocok/);
      await expect(restoreBackup(target, cut)).rejects.toThrow(/rusak atau tidak lengkap/);
      await expect(restoreBackup(target, truncatedGzip)).rejects.toThrow(/rusak/);
      await expect(restoreBackup(target, notBackup)).rejects.toThrow(/bukan cadangan Balai/);
      await expect(restoreBackup(target, join(dir, 'missing.balai.gz'))).rejects.toThrow(/rusak|bukan/);
      const users = await target.kysely.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      expect(Number(users.n)).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('keeps the newest backups only, and the schedule makes one when due', async () => {
    const keepDir = join(dir, 'kept');
    const logs: string[] = [];
    const stop = startBackupSchedule(source.db, { enabled: true, dir: keepDir, keep: 2, dataDir: dir }, { firstCheckMs: 10, checkEveryMs: 50, intervalMs: 0, log: (l) => logs.push(l), error: (l) => logs.push(l) });
    try {
      await expect.poll(() => listBackups(keepDir).length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(2);
      await expect.poll(() => logs.filter((l) => l.includes('Cadangan dibuat')).length, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(3);
    } finally {
      await stop();
    }
    expect(listBackups(keepDir).length).toBe(2);
    expect(logs.some((l) => /GAGAL/.test(l))).toBe(false);
    expect(pruneBackups(keepDir, 1)).toHaveLength(1);
  }, 120_000);
});
