import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { HANURA } from '../demo/seed-demo.js';
import { bulkInsertPopulation } from './bulk-insert.js';
import { generatePopulation, populateVillage } from './generator.js';

const BATU_MENYAN = '18.09.10.2001'; // activated by the demo, no residents
const CILIMUS = '18.09.10.2002'; // activated by the demo, no residents
const NOT_ACTIVE = '18.09.10.2003'; // in the regions, not activated
const AS_OF = '2025-07-01';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ population: true });
});
afterAll(() => t?.close());

async function counts(village: string) {
  const r = await sql<{ residents: number; families: number; active_niks: number; events: number }>`
    select (select count(*) from residents where village_code = ${village}) as residents,
           (select count(*) from families where village_code = ${village}) as families,
           (select count(*) from active_niks where village_code = ${village}) as active_niks,
           (select count(*) from population_events where village_code = ${village}) as events`.execute(t.db.kysely);
  return r.rows[0]!;
}

describe('bulkInsertPopulation', () => {
  it('the demo gives Hanura 2,500 residents', async () => {
    const c = await counts(HANURA);
    expect(c.residents).toBe(2_500);
    expect(c.active_niks).toBe(2_500);
    expect(c.events).toBe(2_500);
    expect(c.families).toBeGreaterThan(500);
  });

  it('inserts 2,000 residents with their families, active NIKs and registration events in the village', async () => {
    const before = await counts(HANURA);
    const { families, residents } = generatePopulation({ villageCode: BATU_MENYAN, residents: 2_000, seed: 5, asOf: AS_OF });
    const user = await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'batumenyan').executeTakeFirstOrThrow();
    // Small chunks, so the test also crosses chunk boundaries.
    const result = await t.db.kysely
      .transaction()
      .execute((trx) => bulkInsertPopulation(trx, BATU_MENYAN, families, residents, { registrationDate: AS_OF, userId: user.id, source: 'test', chunkSize: 700 }));
    expect(result.residentIds).toHaveLength(2_000);
    expect(result.familyIds).toHaveLength(families.length);

    expect(await counts(BATU_MENYAN)).toEqual({ residents: 2_000, families: families.length, active_niks: 2_000, events: 2_000 });
    expect(await counts(HANURA)).toEqual(before);

    // Ids come back in input order; each resident sits in the family it pointed at.
    const rows = await t.db.kysely
      .selectFrom('residents as r')
      .innerJoin('families as f', (j) => j.onRef('f.village_code', '=', 'r.village_code').onRef('f.id', '=', 'r.family_id'))
      .select(['r.id', 'r.nik', 'r.name', 'r.birth_date', 'f.kk_number', 'r.warnings'])
      .where('r.village_code', '=', BATU_MENYAN)
      .execute();
    const byId = new Map(rows.map((r) => [Number(r.id), r]));
    residents.forEach((input, i) => {
      const row = byId.get(result.residentIds[i]!)!;
      expect(row.nik).toBe(input.nik);
      expect(row.name).toBe(input.name);
      expect(row.birth_date).toBe(input.birth_date);
      expect(row.kk_number).toBe(families[input.familyIndex!]!.kk_number);
      expect(row.warnings).toEqual([]);
    });

    const active = await t.db.kysely.selectFrom('active_niks').select(['nik', 'resident_id']).where('village_code', '=', BATU_MENYAN).execute();
    const activeByNik = new Map(active.map((a) => [a.nik, Number(a.resident_id)]));
    residents.forEach((input, i) => expect(activeByNik.get(input.nik)).toBe(result.residentIds[i]));

    const events = await t.db.kysely
      .selectFrom('population_events')
      .select(['kind', 'event_date', 'population_change', 'recorded_by', 'details'])
      .where('village_code', '=', BATU_MENYAN)
      .execute();
    expect(events.every((e) => e.kind === 'registration' && e.event_date === AS_OF && e.population_change === 1 && Number(e.recorded_by) === user.id)).toBe(true);
    expect(events[0]!.details).toEqual({ source: 'test' });
  });

  it('leaves nothing behind when a row fails half-way (a NIK already active in another village)', async () => {
    const taken = await t.db.kysely.selectFrom('active_niks').select('nik').where('village_code', '=', HANURA).limit(1).executeTakeFirstOrThrow();
    const { families, residents } = generatePopulation({ villageCode: CILIMUS, residents: 2_000, seed: 6, asOf: AS_OF });
    residents[1_500]!.nik = taken.nik; // lands in the third chunk of 600, after two have gone in
    const before = await counts(HANURA);
    await expect(
      t.db.kysely.transaction().execute((trx) => bulkInsertPopulation(trx, CILIMUS, families, residents, { registrationDate: AS_OF, chunkSize: 600 })),
    ).rejects.toThrow(/active_niks|duplicate|unique/i);
    expect(await counts(CILIMUS)).toEqual({ residents: 0, families: 0, active_niks: 0, events: 0 });
    expect(await counts(HANURA)).toEqual(before);
  });

  it('refuses a resident pointing at a family that is not in the list', async () => {
    const { families, residents } = generatePopulation({ villageCode: CILIMUS, residents: 10, seed: 7, asOf: AS_OF });
    residents[3]!.familyIndex = families.length;
    await expect(t.db.kysely.transaction().execute((trx) => bulkInsertPopulation(trx, CILIMUS, families, residents, { registrationDate: AS_OF }))).rejects.toThrow(/familyIndex/);
    expect((await counts(CILIMUS)).families).toBe(0);
  });
});

describe('populateVillage', () => {
  it('activates a village, gives it dusun/RW/RT, fills it, and refuses to fill it twice', async () => {
    const r = await populateVillage(t.db.kysely, NOT_ACTIVE.replace(/\./g, ''), { residents: 300, seed: 9, asOf: AS_OF, actorLabel: 'test' });
    expect(r).toMatchObject({ villageCode: NOT_ACTIVE, activated: true, residents: 300 });
    expect(r.areasCreated).toBeGreaterThanOrEqual(4 + 4 * 2 * 3);
    const village = await t.db.kysely.selectFrom('villages').select('activation_kind').where('village_code', '=', NOT_ACTIVE).executeTakeFirstOrThrow();
    expect(village.activation_kind).toBe('initiative');
    const c = await counts(NOT_ACTIVE);
    expect(c).toEqual({ residents: 300, families: r.families, active_niks: 300, events: 300 });
    // Every family lives in an RT of the village.
    const unplaced = await t.db.kysely
      .selectFrom('families as f')
      .leftJoin('village_areas as a', (j) => j.onRef('a.village_code', '=', 'f.village_code').onRef('a.id', '=', 'f.area_id'))
      .select('f.id')
      .where('f.village_code', '=', NOT_ACTIVE)
      .where((w) => w.or([w('a.level', 'is', null), w('a.level', '!=', 'rt')]))
      .execute();
    expect(unplaced).toEqual([]);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('village_code', '=', NOT_ACTIVE).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['village.activate', 'population.generate']);

    await expect(populateVillage(t.db.kysely, NOT_ACTIVE, { residents: 10, seed: 9, asOf: AS_OF, actorLabel: 'test' })).rejects.toThrow(/sudah memiliki penduduk/);
    expect((await counts(NOT_ACTIVE)).residents).toBe(300);
  });

  it('uses the areas a village already has (Hanura: dusun with RTs)', async () => {
    const addresses = await t.db.kysely.selectFrom('families').select('address').distinct().where('village_code', '=', HANURA).execute();
    expect(addresses.length).toBe(12); // 4 dusun × 3 RT in the demo
    expect(addresses.every((a) => /^Dusun I{1,3}V?, RT 00[1-3]$/.test(a.address ?? ''))).toBe(true);
  });
});
