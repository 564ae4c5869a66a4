import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../../test/support/test-app.js';
import { opensidPeople } from '../../../../test/support/opensid-people.js';
import { previewJob } from '../../../../test/support/import-preview.js';
import { runJobs } from '../../../platform/jobs/jobs.js';
import { rebuildRollups } from '../../monitoring/index.js';
import { importHandlerWith } from './import.service.js';
import { beginStaging } from './transfer.repository.js';
import { COLUMNS } from './opensid.js';
import { opensidCsv } from './sheets.js';

/**
 * An import writes its rows in short transactions, out of sight, and publishes them in one
 * short one (issue 11 item 5: on the embedded database a long transaction stalls every
 * village). Nobody sees a half-done import — not the village's own officers, not the
 * dashboards — and a failed or interrupted one leaves nothing, not even a reserved NIK.
 */

const BATU_MENYAN = '18.09.10.2001';

let t: TestApp;
let batu: Client;

const population = opensidPeople(BATU_MENYAN, 2400, 77);
const file = (from: number, to: number) => {
  const cells = population.cells(Math.floor(from * population.families), Math.floor(to * population.families));
  return { rows: cells.length, bytes: opensidCsv(cells) };
};

const count = async (query: string) => Number((await sql<{ n: string }>`${sql.raw(query)}`.execute(t.db.kysely)).rows[0]!.n);

/** What anyone can see of Batu Menyan: the views, the rollups, and the officer's own list. */
async function visible() {
  const v = `'${BATU_MENYAN}'`;
  const api = (await (await batu.get(`/api/v1/villages/${BATU_MENYAN}/residents`)).json()) as { total: number };
  return {
    residents: await count(`select count(*) as n from residents where village_code = ${v}`),
    families: await count(`select count(*) as n from families where village_code = ${v}`),
    events: await count(`select count(*) as n from population_events where village_code = ${v}`),
    areas: await count(`select count(*) as n from village_areas where village_code = ${v}`),
    rollup: await count(`select coalesce(sum(residents), 0) as n from monitoring_population where village_code = ${v}`),
    pending: await count(`select coalesce(sum(residents), 0) as n from monitoring_pending_population where village_code = ${v}`),
    listed: api.total,
  };
}

/** The rows written behind the views, whatever their state. */
const written = async () => count(`select count(*) as n from residents_rows where village_code = '${BATU_MENYAN}'`);
const reservedNiks = async () => count(`select count(*) as n from active_niks where village_code = '${BATU_MENYAN}'`);

const preview = (bytes: Buffer) => previewJob(batu, BATU_MENYAN, bytes, 'batu.csv');

/** Confirms the previewed job as its officer would, without the server's runner picking it up. */
async function queue(id: string) {
  const u = (await sql<{ id: number; full_name: string; role: string; region_code: string }>`select id, full_name, role, region_code from users where username = 'batumenyan'`.execute(t.db.kysely)).rows[0]!;
  const actor = { kind: 'user', id: u.id, username: 'batumenyan', fullName: u.full_name, role: u.role, regionCode: u.region_code, language: 'id' };
  await sql`update jobs set status = 'queued', input = input || ${JSON.stringify({ actor, ip: '127.0.0.1' })}::jsonb where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely);
}

const jobOf = async (id: string) => (await sql<{ status: string; error: { key: string } | null; result: { inserted: number } | null }>`select status, error, result from jobs where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely)).rows[0]!;

beforeAll(async () => {
  t = await createTestApp({ population: false });
  batu = await t.login('batumenyan');
}, 120_000);
afterAll(() => t?.close());

describe('a staged import', () => {
  it('is invisible to every read until it is published, then appears whole, counted once in the rollups', async () => {
    const before = await visible();
    const first = file(0, 0.5);
    const id = await preview(first.bytes);
    await queue(id);
    let during: Awaited<ReturnType<typeof visible>> | undefined;
    let writtenDuring = 0;
    let staged: { nik: string; name: string } | undefined;
    await runJobs(t.db, {
      'population.import': importHandlerWith({
        async beforePublish() {
          during = await visible();
          writtenDuring = await written();
          staged = (await sql<{ nik: string; name: string }>`select nik, name from residents_rows where village_code = ${BATU_MENYAN} and import_job = ${id} limit 1`.execute(t.db.kysely)).rows[0];
        },
      }),
    });
    // Everything was written, and nobody saw any of it.
    expect(writtenDuring).toBe(before.residents + first.rows);
    expect(during).toEqual(before);
    expect(staged).toBeDefined();

    expect(await jobOf(id)).toMatchObject({ status: 'done', result: { inserted: first.rows } });
    const after = await visible();
    expect(after.residents).toBe(before.residents + first.rows);
    expect(after.listed).toBe(after.residents);
    expect(after.rollup).toBe(after.residents);
    expect(after.events).toBe(before.events + first.rows);
    expect(after.families).toBeGreaterThan(before.families);
    expect(after.areas).toBeGreaterThan(before.areas);
    // The region figures get the same residents once, as pending deltas.
    expect(after.pending - before.pending).toBe(first.rows);
    // The officer finds a resident of the import by name now.
    const found = (await (await batu.get(`/api/v1/villages/${BATU_MENYAN}/residents?q=${encodeURIComponent(staged!.name)}`)).json()) as { total: number };
    expect(found.total).toBeGreaterThan(0);
    // The incremental rollups equal a rebuild from the source rows.
    const rollup = after.rollup;
    await rebuildRollups(t.db, { code: BATU_MENYAN });
    expect((await visible()).rollup).toBe(rollup);
  }, 300_000);

  it('that fails before publishing leaves nothing: no rows, no reserved NIK, no counts', async () => {
    const before = await visible();
    const writtenBefore = await written();
    const niksBefore = await reservedNiks();
    const id = await preview(file(0.5, 0.8).bytes);
    await queue(id);
    await runJobs(t.db, {
      'population.import': importHandlerWith({
        async beforePublish() {
          // Another officer registers a family card the file also creates: the import must not publish.
          throw Object.assign(new Error('duplicate key value violates unique constraint "families_kk_active"'), { code: '23505', constraint: 'families_kk_active' });
        },
      }),
    });
    expect(await jobOf(id)).toMatchObject({ status: 'failed', error: { key: 'import.changed_meanwhile' } });
    expect(await visible()).toEqual(before);
    expect(await written()).toBe(writtenBefore);
    expect(await reservedNiks()).toBe(niksBefore);
    expect(await count(`select count(*) as n from staged_imports`)).toBe(0);
    // The officer reads why on the job's page.
    const html = await (await batu.get(`/desa/${BATU_MENYAN}/penduduk/impor/${id}`)).text();
    expect(html).toContain('petugas lain mengubah data');
  }, 300_000);

  it('restarted after its process died mid-way, throws away what it had staged and imports each row once', async () => {
    const before = await visible();
    const part = file(0.8, 1);
    const id = await preview(part.bytes);
    await queue(id);
    // The dead start had staged one of the file's residents (and reserved its NIK).
    await beginStaging(t.db.kysely, BATU_MENYAN, id);
    const nik = (await sql<{ nik: string }>`select nik from residents_rows where village_code = ${BATU_MENYAN} order by id desc limit 1`.execute(t.db.kysely)).rows[0]!.nik;
    const fileNik = population.cells(Math.floor(0.8 * population.families), population.families)[0]![COLUMNS.findIndex((c) => c.name === 'nik')] as string;
    expect(fileNik).not.toBe(nik);
    await t.db.kysely.transaction().execute(async (trx) => {
      await sql`create temp table leftover on commit drop as select * from residents_rows where village_code = ${BATU_MENYAN} limit 1`.execute(trx);
      await sql`alter table leftover drop column search_name`.execute(trx); // kept by the database (migration 0030)
      await sql`update leftover set id = nextval(pg_get_serial_sequence('residents_rows', 'id')), nik = ${fileNik}, name = 'Sisa Impor', family_id = null, import_job = ${id}`.execute(trx);
      await sql`insert into residents_rows overriding system value select * from leftover`.execute(trx);
    });
    await sql`insert into active_niks (nik, village_code, resident_id) select nik, village_code, id from residents_rows where import_job = ${id}`.execute(t.db.kysely);
    expect(await visible()).toEqual(before);

    await runJobs(t.db, { 'population.import': importHandlerWith({}) });
    expect(await jobOf(id)).toMatchObject({ status: 'done', result: { inserted: part.rows } });
    const after = await visible();
    expect(after.residents).toBe(before.residents + part.rows);
    expect(await count(`select count(*) as n from residents where village_code = '${BATU_MENYAN}' and nik = '${fileNik}'`)).toBe(1);
    expect(await count(`select count(*) as n from residents_rows where village_code = '${BATU_MENYAN}' and name = 'Sisa Impor'`)).toBe(0);
    expect(after.rollup).toBe(after.residents);
  }, 300_000);
});
