import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { populateVillage } from '../population/generator.js';
import { medianFromHistogram, readyBucketOf, READY_BUCKETS } from './figures.js';
import { rebuildRollups } from './rollups.service.js';
import { fold } from './monitoring.repository.js';
import { regionSnapshot, snapshot } from './rollups.repository.js';
import { todayInWib } from '../../platform/format/format.js';
import { BREAKDOWN_FIELDS, countByAreaLevels, countFamilies, countFamiliesFromSummary, countResidents, countResidentsFromSummary } from '../population/statistics/statistics.repository.js';

/**
 * The rollups against their source after each kind of change (registration, birth,
 * correction, each status event, family changes, the generator's bulk load, a spreadsheet
 * import, letters), then a rebuild from the source that must change nothing. Runs on PGlite,
 * and on PostgreSQL with TEST_DATABASE_URL.
 */

const HANURA = '18.09.10.2004';
const CILIMUS = '18.09.10.2002';
const SAMPLE = readFileSync(new URL('../../../test/fixtures/opensid-export-sample.xlsx', import.meta.url));

let t: TestApp;
let op: Client;
let sekdes: Client;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [op, sekdes] = await Promise.all([t.login('hanura'), t.login('sekdes.hanura')]);
});
afterAll(() => t?.close());

const rows = async (q: ReturnType<typeof sql>) => (await q.execute(t.db.kysely)).rows as Record<string, any>[];

/** What the rollups say and what counting the source says, for one village. */
async function compare(village: string) {
  const population = {
    source: await rows(sql`select life_status, sex, coalesce(extract(year from birth_date)::int, 0) as birth_year, count(*)::int as n
      from residents where village_code = ${village} group by 1, 2, 3 order by 1, 2, 3`),
    rollup: await rows(sql`select life_status, sex, birth_year::int as birth_year, residents as n
      from monitoring_population where village_code = ${village} and residents <> 0 order by 1, 2, 3`),
  };
  const families = {
    source: await rows(sql`select status, count(*)::int as n from families where village_code = ${village} group by 1 order by 1`),
    rollup: await rows(sql`select status, families as n from monitoring_families where village_code = ${village} and families <> 0 order by 1`),
  };
  const events = {
    source: await rows(sql`select to_char(event_date, 'YYYY-MM') as month, kind, count(*)::int as n from population_events where village_code = ${village} group by 1, 2 order by 1, 2`),
    rollup: await rows(sql`select to_char(month, 'YYYY-MM') as month, kind, events as n from monitoring_events where village_code = ${village} and events <> 0 order by 1, 2`),
  };
  const ready = {
    source: await rows(sql`select (ready_at at time zone 'Asia/Jakarta')::date::text as day, extract(epoch from ready_at - requested_at)::float8 as seconds
      from letters where village_code = ${village} and ready_at is not null order by 1`),
    rollup: await rows(sql`select day::text as day, bucket, letters from monitoring_letter_ready where village_code = ${village} order by 1, 2`),
  };
  const byBucket = new Map<string, number>();
  for (const r of ready.source as { day: string; seconds: number }[]) {
    const key = `${r.day}|${readyBucketOf(r.seconds)}`;
    byBucket.set(key, (byBucket.get(key) ?? 0) + 1);
  }
  const letters = {
    source: await rows(sql`select count(*)::int as requested, (count(*) filter (where channel <> 'counter'))::int as online,
      (count(*) filter (where signed_at is not null))::int as issued, (count(*) filter (where ready_at is not null))::int as ready,
      (count(*) filter (where rejected_at is not null))::int as rejected from letters where village_code = ${village}`),
    rollup: await rows(sql`select coalesce(sum(requested), 0)::int as requested, coalesce(sum(requested_online), 0)::int as online, coalesce(sum(issued), 0)::int as issued,
      coalesce(sum(ready), 0)::int as ready, coalesce(sum(rejected), 0)::int as rejected from letter_daily where village_code = ${village}`),
  };
  expect(population.source.length, `${village} has residents`).toBeGreaterThan(0);
  expect(population.rollup, `${village}: residents by status, sex, birth year`).toEqual(population.source);
  expect(families.rollup, `${village}: families`).toEqual(families.source);
  expect(events.rollup, `${village}: events`).toEqual(events.source);
  expect(new Map((ready.rollup as { day: string; bucket: number; letters: number }[]).map((r) => [`${r.day}|${r.bucket}`, r.letters])), `${village}: ready histogram`).toEqual(byBucket);
  expect(letters.rollup, `${village}: letter_daily`).toEqual(letters.source);
  // The statistics page's summary gives what counting the residents gives, for the village and each dusun.
  const today = todayInWib();
  const dusuns = await t.db.kysely.selectFrom('village_areas').select('id').where('village_code', '=', village).where('level', '=', 'dusun').execute();
  for (const area of [null, ...dusuns.map((d) => d.id)]) {
    const exact = await countResidents(t.db.kysely, village, BREAKDOWN_FIELDS, today, area);
    const summary = await countResidentsFromSummary(t.db.kysely, village, BREAKDOWN_FIELDS, today, area);
    expect(summary, `${village} area ${area}: statistics from the summary`).toEqual(exact);
    expect(await countByAreaLevels(t.db.kysely, village, area, true), `${village} area ${area}: area tables`).toEqual(await countByAreaLevels(t.db.kysely, village, area));
  }
  expect(await countFamiliesFromSummary(t.db.kysely, village), `${village}: families with members`).toBe(await countFamilies(t.db.kysely, village, null));
}

async function residentOf(village: string, nik: string) {
  return t.db.kysely.selectFrom('residents').select(['id', 'family_id']).where('village_code', '=', village).where('nik', '=', nik).executeTakeFirstOrThrow();
}

describe(`rollups on ${testDatabaseKind()}`, () => {
  it('agree with the source after every kind of change, and a rebuild changes nothing', async () => {
    const api = `/api/v1/villages/${HANURA}`;
    await compare(HANURA); // the demo: registrations by the operator, two letters

    // Registration with a new family card, a birth into it, a correction of sex and birth date.
    const reg = await op.post(`${api}/residents`, { nik: '1809101203900007', name: 'RUDI HARTONO', sex: 1, birth_date: '1990-03-12', religion: 1, kk_number: '1809101203900099', family_relation: 1 });
    expect(reg.status, await reg.clone().text()).toBe(201);
    const rudi = await residentOf(HANURA, '1809101203900007');
    await compare(HANURA);
    const birth = await op.post(`${api}/births`, { nik: '1809105505250002', name: 'SARI HARTONO', sex: 2, birth_date: '2025-05-15', religion: 1, family_id: rudi.family_id, family_relation: 4 });
    expect(birth.status, await birth.clone().text()).toBe(201);
    await compare(HANURA);
    const wife = await op.post(`${api}/residents`, { nik: '1809104404920003', name: 'DEWI LESTARI', sex: 2, birth_date: '1992-04-04', religion: 1, family_id: rudi.family_id, family_relation: 3 });
    expect(wife.status).toBe(201);
    const fix = await op.json('PATCH', `${api}/residents/${rudi.id}`, { birth_date: '1989-03-12', reason: 'Salah ketik tahun lahir' });
    expect(fix.status, await fix.clone().text()).toBe(200);
    await compare(HANURA);

    // Status events: each moves a resident between life statuses.
    const dewi = await residentOf(HANURA, '1809104404920003');
    for (const [path, body] of [
      ['departure', { date: '2025-06-01' }],
      ['return', { date: '2025-06-20' }],
      ['lost', { date: '2025-07-01' }],
      ['return', { date: '2025-07-05' }],
    ] as const) {
      const res = await op.post(`${api}/residents/${dewi.id}/${path}`, body);
      expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
      await compare(HANURA);
    }
    const moved = await op.post(`${api}/residents/${dewi.id}/move-out`, { date: '2025-08-01', destination: 'Kota Bandar Lampung', classification: 'regency' });
    expect(moved.status, await moved.clone().text()).toBe(201);
    await compare(HANURA);

    // Family changes: a split gives a new KK (and may dissolve none); a change of head.
    const sari = await residentOf(HANURA, '1809105505250002');
    const split = await op.post(`${api}/families/${rudi.family_id}/split`, { member_ids: [sari.id], new_head_id: sari.id, kk_number: '1809101505250077' });
    expect(split.status, await split.clone().text()).toBe(201);
    await compare(HANURA);
    const died = await op.post(`${api}/residents/${rudi.id}/death`, { date: '2025-09-01', cause: 'Sakit' });
    expect(died.status, await died.clone().text()).toBe(201);
    await compare(HANURA);

    // The generator's bulk load (one statement per table) into an empty village.
    await populateVillage(t.db.kysely, CILIMUS, { residents: 400, seed: 7, asOf: '2025-07-01', actorLabel: 'test' });
    await compare(CILIMUS);

    // A spreadsheet import (the OpenSID sample) through the import pages, confirmed and finished.
    const count = async () => (await rows(sql`select count(*)::int as n from residents where village_code = ${HANURA}`))[0]!.n as number;
    const beforeImport = await count();
    const form = new FormData();
    form.set('_csrf', op.csrf);
    form.set('file', new File([new Uint8Array(SAMPLE)], 'penduduk.xlsx'));
    const preview = await op.request(`/desa/${HANURA}/penduduk/impor`, { method: 'POST', body: form });
    const job = /\/impor\/([\w-]+)\/jalankan/.exec(await preview.text())?.[1];
    expect(job, 'the sample previews without errors').toBeTruthy();
    expect((await op.form(`/desa/${HANURA}/penduduk/impor/${job}/jalankan`, {})).status).toBe(303);
    for (let i = 0; i < 2400; i++) {
      if (!(await (await op.get(`/desa/${HANURA}/penduduk/impor/${job}`)).text()).includes('http-equiv="refresh"')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(await count(), 'the import added residents').toBeGreaterThan(beforeImport);
    await compare(HANURA);

    // Letters: requested, checked, signed, made ready; one rejected.
    for (const type of ['domisili', 'sktm']) {
      const req = await op.post(`${api}/letters`, { type, resident_id: sari.id, fields: { keperluan: 'Uji ringkasan' } });
      expect(req.status, await req.clone().text()).toBe(201);
      const id = (await req.json()).data.id;
      expect((await op.post(`${api}/letters/${id}/check`, {})).status).toBe(200);
      expect((await sekdes.post(`${api}/letters/${id}/sign`, {})).status).toBe(200);
      expect((await op.post(`${api}/letters/${id}/ready`, {})).status).toBe(200);
    }
    const rejected = await op.post(`${api}/letters`, { type: 'sktm', resident_id: sari.id, fields: { keperluan: 'Ditolak' } });
    expect((await op.post(`${api}/letters/${(await rejected.json()).data.id}/reject`, { reason: 'Berkas kurang' })).status).toBe(200);
    await compare(HANURA);

    // Region rows plus pending deltas give the same figures before and after a fold, and the
    // same as a rebuild of the regions from the village rows.
    const regions = await regionSnapshot(t.db.kysely);
    expect((regions.population as { level: number; code: string; n: number }[]).filter((r) => r.level === 1 && r.code === '18').reduce((n, r) => n + Number(r.n), 0))
      .toBe((await rows(sql`select count(*)::int as n from residents where village_code > '18.' and village_code < '18/'`))[0]!.n);
    expect(await fold(t.db.kysely)).toBeGreaterThan(0);
    expect(await regionSnapshot(t.db.kysely)).toEqual(regions);
    expect(await fold(t.db.kysely)).toBe(0);

    // The rebuild from the source reproduces every incremental figure, activity included.
    const villages = [HANURA, CILIMUS, '18.09.10.2001'];
    const before = await snapshot(t.db.kysely, villages);
    expect(before.activity.length, 'the officers\' actions were counted').toBeGreaterThan(0);
    const today = (before.activity as { day: string }[]).map((a) => String(a.day)).sort().at(-1);
    expect((before.lastActiveDays as { village_code: string; last_active_day: string }[]).find((x) => x.village_code === HANURA)?.last_active_day,
      'the first action of the day moved the village\'s last active day').toBe(today);
    expect(before.households, 'the demo family\'s household').toHaveLength(1);
    // A rollup row gone wrong is put right by the rebuild.
    await sql`update monitoring_households set households = 999 where village_code = ${HANURA}`.execute(t.db.kysely);
    await sql`update villages set last_active_day = null where village_code = ${HANURA}`.execute(t.db.kysely);
    const lines: string[] = [];
    const r = await rebuildRollups(t.db, { code: '18.09.10', log: (l) => lines.push(l) });
    expect(r.villages).toBeGreaterThanOrEqual(4);
    expect(lines.at(-1)).toMatch(/^Selesai/);
    const after = await snapshot(t.db.kysely, villages);
    // ready_seconds: the letters module counts from the request time in milliseconds; allow a second per letter.
    const strip = (s: typeof before) => ({ ...s, letterDaily: s.letterDaily.map((x) => ({ ...(x as object), ready_seconds: undefined })) });
    expect(strip(after)).toEqual(strip(before));
    const seconds = (s: typeof before) => s.letterDaily.map((x) => Number((x as { ready_seconds: number }).ready_seconds));
    seconds(after).forEach((v, i) => expect(Math.abs(v - seconds(before)[i]!)).toBeLessThanOrEqual(5));
    const rebuilt = await regionSnapshot(t.db.kysely);
    expect(rebuilt).toEqual(regions);
    expect(rebuilt.letters.length).toBeGreaterThan(0);
  });
});

describe('request → ready times', () => {
  it('buckets as the database does, and takes the median from the buckets', async () => {
    const r = await rows(sql`select monitoring_ready_bucket(0) as a, monitoring_ready_bucket(899) as b, monitoring_ready_bucket(900) as c, monitoring_ready_bucket(2000000) as d`);
    expect(r[0]).toEqual({ a: 0, b: 0, c: 1, d: READY_BUCKETS.length });
    for (const s of [0, 899, 900, 3599, 3600, 86400, 2_000_000]) expect(readyBucketOf(s)).toBe((await rows(sql`select monitoring_ready_bucket(${s}) as b`))[0]!.b);
    expect(medianFromHistogram([])).toBeNull();
    // Three letters in 1–2 h, one in 2–4 h: the median (2nd of 4) lies in 1–2 h.
    expect(medianFromHistogram([{ bucket: 3, letters: 3 }, { bucket: 4, letters: 1 }])).toEqual({ seconds: 3600 + Math.round((2 / 3) * 3600), atLeast: false, bucket: 3 });
    expect(medianFromHistogram([{ bucket: READY_BUCKETS.length, letters: 5 }])).toEqual({ seconds: READY_BUCKETS.at(-1), atLeast: true, bucket: READY_BUCKETS.length });
  });
});
