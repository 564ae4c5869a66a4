import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { Client } from '../../../test/support/test-app.js';
import { TEST_PROVINCES, testDatabaseKind } from '../../../test/support/test-db.js';
import { httpLogin, scratchPostgres, startServer, type HttpSession, type ServerProcess } from '../../../test/support/server-process.js';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../demo/seed-demo.js';
import { ensureRegionsLoaded } from '../regions/index.js';
import { connect, type Db } from '../../platform/db/connect.js';
import { migrate } from '../../platform/db/migrate.js';
import { cloneVillage, ensureCapture, pushChanges, syncOnce, type SyncServer } from './copy-sync.js';
import { bucketDigests, bucketRows } from './digest.js';
import { comparedTables, SERVER_ONLY, withTextForm } from './sync-tables.js';
import { BAD_KEYS_PER_WINDOW } from './sync-keys.js';

/**
 * Two installations a day apart (issue 15): the province's server as its own process (on the
 * database under test: PostgreSQL, Citus, or PGlite) and Hanura's own copy on the embedded
 * database, made from the server with a key. Both work on the village; the copy syncs; the
 * two are compared table by table, row by row; the clash (one resident's phone changed on
 * both sides) is shown on both for a person, and nothing is lost.
 */

const HANURA = '18.09.10.2004';
const BATU = '18.09.10.2001';

let server: ServerProcess;
let dataDir: string;
let copyDir: string;
let pgDb: { url: string; drop(): Promise<void> } | undefined;
let copy: Db;
let link: SyncServer;
let serverOperator: HttpSession;

async function login(db: Db, username: string): Promise<Client> {
  const app = createApp({ db, secureCookies: false });
  const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD }), headers: { 'content-type': 'application/json' } });
  expect(res.status, `${username} logs in on the copy`).toBe(200);
  return new Client(app, (res.headers.get('set-cookie') ?? '').split(';')[0]!);
}

/** Every table that moves, compared: the server's rows (through the copy's key) against the copy's, bucket by bucket. */
async function differences(): Promise<string[]> {
  const out: string[] = [];
  for (const t of await comparedTables(copy)) {
    const call = async (path: string, body: unknown) => {
      const r = await fetch(`${server.base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${link.key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(r.status).toBe(200);
      return (await r.json()).data;
    };
    const theirs = (await call('/api/v1/sync/digest', { table: t.name })) as Record<string, string>;
    const ours = await withTextForm(copy, (trx) => bucketDigests(trx, HANURA, t));
    const buckets = [...new Set([...Object.keys(theirs), ...Object.keys(ours)])].sort();
    for (let i = 0; i < buckets.length; i += 64) {
      const part = buckets.slice(i, i + 64);
      const server = JSON.parse((await call('/api/v1/sync/rows', { table: t.name, buckets: part })).json);
      const local = JSON.parse((await withTextForm(copy, (trx) => bucketRows(trx, HANURA, t, part))).json);
      if (JSON.stringify(server) !== JSON.stringify(local)) out.push(`${t.name}: server ${server.length} rows, copy ${local.length}`);
    }
  }
  return out;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'balai-sync-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, BACKUP_KEEP: '0', BALAI_DEMO: '1' };
  if (process.env.TEST_DATABASE_URL) {
    pgDb = await scratchPostgres(process.env.TEST_DATABASE_URL, 'balai_sync');
    env.DATABASE_URL = (pgDb as { url: string }).url;
  }
  server = await startServer(env);
  const admin = await httpLogin(server.base, 'provinsi');
  const made = await admin.json('POST', `/api/v1/villages/${HANURA}/sync-keys`, { label: 'Komputer kantor Desa Hanura' });
  expect(made.status, await made.clone().text()).toBe(201);
  link = { url: server.base, key: (await made.json()).data.key };
  serverOperator = await httpLogin(server.base, 'hanura');

  // The copy: an embedded database of its own, opened again with the village guard on (every
  // query of the sync must name the village) once the schema is in.
  copyDir = mkdtempSync(join(tmpdir(), 'balai-sync-copy-'));
  const fresh = await connect({ dataDir: copyDir });
  await migrate(fresh);
  await ensureRegionsLoaded(fresh.kysely, TEST_PROVINCES);
  await fresh.close();
  copy = await connect({ dataDir: copyDir, villageGuard: true });
}, 300_000);

afterAll(async () => {
  await copy?.close();
  await server?.stop();
  await pgDb?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (copyDir) rmSync(copyDir, { recursive: true, force: true });
});

describe(`a village copy on the embedded database and the province server (${testDatabaseKind()})`, () => {
  it('is made from the server with a key: the same rows, the officers log in with their own passwords', async () => {
    const refused = await fetch(`${server.base}/api/v1/sync/village`, { headers: { authorization: 'Bearer balai_sync_bukan-kunci' } });
    expect(refused.status).toBe(401);
    const r = await cloneVillage(copy, link);
    expect(r.village).toBe(HANURA);
    expect(r.rows).toBeGreaterThan(20);
    expect(await differences()).toEqual([]);
    await login(copy, 'hanura');
    // The province's accounts come down without a password: nobody logs in with them on the copy.
    const app = createApp({ db: copy, secureCookies: false });
    const res = await app.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'provinsi', password: DEMO_PASSWORD }), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(401);
  });

  it('refuses on the copy, whole and with the reason, what is recorded on the server (the inventory, the regulations, the market …)', async () => {
    // Every server-only table the schema has carries the guard on the copy.
    const guarded = (await sql<{ t: string }>`select c.relname as t from pg_trigger g join pg_class c on c.oid = g.tgrelid where g.tgname = 'balai_server_only'`.execute(copy.kysely)).rows.map((r) => r.t);
    const present = (await sql<{ t: string }>`select tablename as t from pg_tables where schemaname = 'public'`.execute(copy.kysely)).rows.map((r) => r.t);
    expect(guarded.sort()).toEqual(SERVER_ONLY.filter((x) => present.includes(x)).sort());
    expect(guarded).toEqual(expect.arrayContaining(['asset_items', 'village_regulations', 'incoming_letters', 'market_products']));
    const op = await login(copy, 'hanura');
    const page = await op.get(`/desa/${HANURA}/aset`);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const refused = await op.form(`/desa/${HANURA}/aset`, {
      _csrf: csrf, kind: 'peralatan_mesin', name: 'Laptop salinan', asset_origin: 'apbdes', acquired_year: '2025', asset_quantity: '1', unit: 'unit', asset_value: '5000000', asset_condition: 'baik',
    });
    expect(refused.status).toBe(409);
    expect((await refused.text()).replace(/\s+/g, ' ')).toContain('dicatat di server desa, bukan di salinan luring ini');
    expect(await copy.kysely.selectFrom('asset_items').select('id').where('village_code', '=', HANURA).execute()).toEqual([]);
    // Nothing of the refusal waits to be sent either.
    expect((await sql<{ n: number }>`select count(*)::int as n from sync_changes where village_code = ${HANURA} and table_name = 'asset_items'`.execute(copy.kysely)).rows[0]!.n).toBe(0);
  });

  it('works a day apart on both sides, syncs, and ends equal with the clash held for a person', async () => {
    const op = await login(copy, 'hanura');
    const sekdes = await login(copy, 'sekdes.hanura');
    const budi = await copy.kysely.selectFrom('residents').select(['id', 'family_id', 'phone', 'email']).where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    // At the village hall, no signal: a birth, a death, a letter signed, Budi's phone corrected.
    const born = await op.post(`/api/v1/villages/${HANURA}/residents`, { name: 'Bayi Salinan', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '2026-11-20', nik: '1809106011269904', family_id: budi.family_id, family_relation: 4 });
    expect(born.status, await born.clone().text()).toBe(201);
    const bornId = (await born.json()).data.id;
    expect(bornId).toBeGreaterThanOrEqual(1_000_000_000_000);
    const other = await copy.kysely.selectFrom('residents').select(['id']).where('village_code', '=', HANURA).where('family_id', '<>', budi.family_id!).where('life_status', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    const died = await op.post(`/api/v1/villages/${HANURA}/residents/${other.id}/death`, { date: '2026-12-01', place: 'Hanura', cause: 'Sakit', reporter_name: 'Keluarga', reporter_relation: 'Anak' });
    expect(died.status, await died.clone().text()).toBe(201);
    const req = await op.post(`/api/v1/villages/${HANURA}/letters`, { type: 'sktm', resident_id: budi.id, fields: { keperluan: 'Beasiswa' } });
    expect(req.status, await req.clone().text()).toBe(201);
    const letterId = (await req.json()).data.id;
    expect((await op.post(`/api/v1/villages/${HANURA}/letters/${letterId}/check`, {})).status).toBe(200);
    const signed = await sekdes.post(`/api/v1/villages/${HANURA}/letters/${letterId}/sign`, {});
    expect(signed.status, await signed.clone().text()).toBe(200);
    const number = (await signed.json()).data.number;
    const fix = await op.json('PATCH', `/api/v1/villages/${HANURA}/residents/${budi.id}`, { phone: '081211110001', reason: 'Nomor baru di kantor desa' });
    expect(fix.status, await fix.clone().text()).toBe(200);

    // Meanwhile on the server: the same phone to another number, Budi's e-mail, a letter request.
    const there = await serverOperator.json('PATCH', `/api/v1/villages/${HANURA}/residents/${budi.id}`, { phone: '081299990002', reason: 'Dilaporkan lewat telepon' });
    expect(there.status, await there.clone().text()).toBe(200);
    const mail = await serverOperator.json('PATCH', `/api/v1/villages/${HANURA}/residents/${budi.id}`, { email: 'budi@contoh.id', reason: 'Alamat e-mail baru' });
    expect(mail.status, await mail.clone().text()).toBe(200);
    const serverReq = await serverOperator.json('POST', `/api/v1/villages/${HANURA}/letters`, { type: 'sktm', resident_id: budi.id, fields: { keperluan: 'Berobat' } });
    expect(serverReq.status, await serverReq.clone().text()).toBe(201);
    const serverLetter = (await serverReq.json()).data.id;
    // Numbers come only from the village's home (the copy): the server refuses to sign.
    expect((await serverOperator.json('POST', `/api/v1/villages/${HANURA}/letters/${serverLetter}/check`, {})).status).toBe(200);
    const serverSekdes = await httpLogin(server.base, 'sekdes.hanura');
    const refused = await serverSekdes.json('POST', `/api/v1/villages/${HANURA}/letters/${serverLetter}/sign`, {});
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toContain('salinan desa');

    const round = await syncOnce(copy);
    const held = await copy.kysely.selectFrom('sync_conflicts').select(['kind', 'table_name', 'field', 'message']).where('village_code', '=', HANURA).execute();
    expect(held.map((h) => `${h.kind} ${h.table_name}.${h.field}`), JSON.stringify(held)).toEqual(['field residents_rows.phone']);
    expect(round.pushed.sent).toBeGreaterThan(10);
    expect(round.pushed.refused).toBe(0);
    expect(round.pushed.conflicts).toBe(1);
    expect(round.pulled.done).toBe(true);
    expect(await differences()).toEqual([]);

    // Both sides now hold the birth, the death, the signed letter with its number, the e-mail
    // from the server; the phone is the server's until someone chooses.
    const onCopy = await copy.kysely.selectFrom('residents').select(['phone', 'email']).where('village_code', '=', HANURA).where('id', '=', budi.id).executeTakeFirstOrThrow();
    expect(onCopy).toEqual({ phone: '081299990002', email: 'budi@contoh.id' });
    const letters = await (await serverOperator.get(`/api/v1/villages/${HANURA}/letters/${letterId}`)).json();
    expect(JSON.stringify(letters.data), JSON.stringify(letters.data)).toContain(number);
    const baby = await serverOperator.get(`/api/v1/villages/${HANURA}/residents/${bornId}`);
    expect(baby.status).toBe(200);
    const serverLetterOnCopy = await op.get(`/api/v1/villages/${HANURA}/letters/${serverLetter}`);
    expect(serverLetterOnCopy.status).toBe(200);

    // The clash, on both sides, with the three values side by side.
    for (const page of [await (await serverOperator.get(`/desa/${HANURA}/sinkron`)).text(), await (await op.get(`/desa/${HANURA}/sinkron`)).text()]) {
      expect(page).toContain('Bentrokan yang perlu dipilih (1)');
      expect(page).toContain('081211110001');
      expect(page).toContain('081299990002');
      expect(page).toContain('Pilih nilai yang benar');
    }

    // A person chooses on the copy; the choice travels up; nothing is left apart.
    const conflict = await copy.kysely.selectFrom('sync_conflicts').select('id').where('village_code', '=', HANURA).where('resolved_at', 'is', null).executeTakeFirstOrThrow();
    const page = await op.get(`/desa/${HANURA}/sinkron`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const chose = await op.form(`/desa/${HANURA}/sinkron/bentrok/${conflict.id}`, { _csrf: csrf, pilihan: 'salinan', catatan: 'Dikonfirmasi ke Pak Budi' });
    expect(chose.status).toBe(303);
    await syncOnce(copy);
    expect(await differences()).toEqual([]);
    const final = await (await serverOperator.get(`/api/v1/villages/${HANURA}/residents/${budi.id}`)).json();
    expect(final.data.resident.phone).toBe('081211110001');
    const serverPage = await (await serverOperator.get(`/desa/${HANURA}/sinkron`)).text();
    expect(serverPage).toContain('Bentrokan yang perlu dipilih (0)');
    expect(serverPage).toContain('nilai salinan desa dipakai');
  });

  it('numbers letters signed on two devices at the village hall at once without a gap or a double, and the server takes both', async () => {
    const op = await login(copy, 'hanura');
    const budi = await copy.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    const ids: number[] = [];
    for (const purpose of ['Sekolah', 'Bank']) {
      const r = await op.post(`/api/v1/villages/${HANURA}/letters`, { type: 'sktm', resident_id: budi.id, fields: { keperluan: purpose } });
      const id = (await r.json()).data.id;
      expect((await op.post(`/api/v1/villages/${HANURA}/letters/${id}/check`, {})).status).toBe(200);
      ids.push(id);
    }
    // A capture trigger lost (a copy restored from its backup: triggers are schema) is made again
    // when the village hall's computer starts Balai again.
    await sql`drop trigger balai_sync_capture on letters`.execute(copy.kysely);
    await copy.close();
    copy = await connect({ dataDir: copyDir, villageGuard: true });
    await ensureCapture(copy);
    const devices = [await login(copy, 'sekdes.hanura'), await login(copy, 'kades.hanura')];
    const trigger = await sql`select 1 from pg_trigger where tgname = 'balai_sync_capture' and tgrelid = 'letters'::regclass`.execute(copy.kysely);
    expect(trigger.rows).toHaveLength(1);
    const signed = await Promise.all(ids.map((id, i) => devices[i]!.post(`/api/v1/villages/${HANURA}/letters/${id}/sign`, {})));
    for (const s of signed) expect(s.status, await s.clone().text()).toBe(200);
    const numbers = await Promise.all(signed.map(async (s) => (await s.json()).data.number as string));
    const serial = numbers.map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    expect(serial[1]! - serial[0]!).toBe(1);
    await syncOnce(copy);
    for (const [i, id] of ids.entries()) {
      const onServer = await (await serverOperator.get(`/api/v1/villages/${HANURA}/letters/${id}`)).json();
      expect(JSON.stringify(onServer.data)).toContain(numbers[i]!);
    }
    expect(await differences()).toEqual([]);
  });

  it('applies a push sent again once: nothing changes', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from sync_changes where village_code = ${HANURA}`.execute(copy.kysely);
    await sql`update sync_changes set pushed_at = null where village_code = ${HANURA}`.execute(copy.kysely);
    const again = await pushChanges(copy, HANURA, link);
    expect(again.sent).toBe(before.rows[0]!.n);
    expect(again.applied).toBe(0);
    expect(again.duplicates).toBe(again.sent);
    expect(await differences()).toEqual([]);
  });

  it('slows a key guesser: past 20 wrong keys from one address in 10 minutes, 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= BAD_KEYS_PER_WINDOW; i++) {
      const r = await fetch(`${server.base}/api/v1/sync/village`, { headers: { authorization: `Bearer balai_sync_tebakan-${i}` } });
      statuses.push(r.status);
    }
    // One wrong key was sent by the first test: the 20th of this loop is the 21st.
    expect(statuses.slice(0, BAD_KEYS_PER_WINDOW - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // The copy's own key still works.
    expect((await fetch(`${server.base}/api/v1/sync/village`, { headers: { authorization: `Bearer ${link.key}` } })).status).toBe(200);
  });

  it('refuses a NIK that lives in another village on the server, and shows it to both villages', async () => {
    const batu = await httpLogin(server.base, 'batumenyan');
    const nik = '1809104404959908';
    const there = await batu.json('POST', `/api/v1/villages/${BATU}/residents`, { name: 'Wati Pendatang', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1995-04-04', nik, kk_number: '1809101501109977' });
    expect(there.status, await there.clone().text()).toBe(201);
    const op = await login(copy, 'hanura');
    const here = await op.post(`/api/v1/villages/${HANURA}/residents`, { name: 'Wati Pendatang', sex: 2, religion: 1, birth_place: 'Pesawaran', birth_date: '1995-04-04', nik, kk_number: '1809101501109978' });
    expect(here.status, await here.clone().text()).toBe(201);
    const round = await syncOnce(copy);
    expect(round.pushed.refused).toBe(1);
    // Refused whole: the server holds no part of it; the copy's rows are kept in the clash.
    expect(await differences()).toEqual([]);
    const held = await copy.kysely.selectFrom('sync_conflicts').select(['kind', 'message', 'copy_value']).where('village_code', '=', HANURA).where('kind', '=', 'refused').executeTakeFirstOrThrow();
    expect(held.message).toMatch(/NIK 1809\*+9908 tercatat hidup di desa .*18\.09\.10\.2001/);
    expect(JSON.stringify(held.copy_value)).toContain('Wati Pendatang');
    const hanuraPage = await (await serverOperator.get(`/desa/${HANURA}/sinkron`)).text();
    expect(hanuraPage, hanuraPage.slice(hanuraPage.indexOf('<main'))).toContain('tercatat hidup di desa');
    const batuPage = await (await batu.get(`/desa/${BATU}/sinkron`)).text();
    expect(batuPage).toContain('tercatat hidup di desa');
    expect(batuPage).toContain(HANURA);
    expect(batuPage).not.toContain(nik);

    // The village hall's computer starts again; the operator notes what was done about the clash.
    await copy.close();
    copy = await connect({ dataDir: copyDir, villageGuard: true });
    const again = await login(copy, 'hanura');
    const clash = await copy.kysely.selectFrom('sync_conflicts').select('id').where('village_code', '=', HANURA).where('kind', '=', 'refused').executeTakeFirstOrThrow();
    const page = await (await again.get(`/desa/${HANURA}/sinkron`)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const noted = await again.form(`/desa/${HANURA}/sinkron/bentrok/${clash.id}`, { _csrf: csrf, catatan: 'Wati masih warga Batu Menyan; pendaftaran dibatalkan' });
    expect(noted.status).toBe(303);
    expect(await (await again.get(`/desa/${HANURA}/sinkron`)).text()).toContain('ditandai selesai — Wati masih warga Batu Menyan');
  });
});
