import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../demo/seed-demo.js';
import { todayInWib } from '../../platform/format/format.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { opensidPeople } from '../../../test/support/opensid-people.js';
import { previewJob } from '../../../test/support/import-preview.js';
import { runJobs } from '../../platform/jobs/jobs.js';
import { importHandlerWith } from '../population/transfer/import.service.js';
import { opensidCsv } from '../population/transfer/sheets.js';
import { decodeCursor, encodeCursor } from './cursor.js';

/**
 * The change feed as a province's system follows it: changes appear in order, following
 * `next` never repeats or skips one, each reader sees its own region and no more, names and
 * NIKs only with the resident permission, and a bad cursor is refused naming the field.
 */

const KEDATON = '18.71.01.1003'; // Kota Bandar Lampung: another regency
const PASSWORD = 'umpan perubahan untuk provinsi';
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const api = `/api/v1/villages/${HANURA}`;

interface Entry {
  kind: string;
  village_code: string;
  recorded_at: string;
  date: string | null;
  source_id: number;
  population?: { population_change: number; resident_id: number; resident?: { name: string | null; nik: string | null } };
  letter?: { type_code: string; number: string | null; resident?: { name: string | null; nik: string | null } };
  budget?: { amount: string; account_code: string; description?: string };
}
interface Page { entries: Entry[]; next: string; more: boolean }

let t: TestApp;
let operator: Client, head: Client, treasurer: Client, secretary: Client, regency: Client, otherRegency: Client, province: Client, kedaton: Client;
let start = '';
const previousLag = process.env.BALAI_FEED_LAG_MS;

async function page(client: Client, query: Record<string, string> = {}): Promise<Page> {
  const res = await client.get(`/api/v1/feed?${new URLSearchParams(query)}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}

/** Every entry from `since` to the end, page by page. */
async function follow(client: Client, since: string, query: Record<string, string> = {}): Promise<{ entries: Entry[]; next: string; pages: number }> {
  const entries: Entry[] = [];
  let next = since;
  let pages = 0;
  for (;;) {
    const p = await page(client, { ...query, since: next });
    entries.push(...p.entries);
    next = p.next;
    pages++;
    if (!p.more) return { entries, next, pages };
    if (pages > 1000) throw new Error('the feed never ends');
  }
}

beforeAll(async () => {
  // Served as soon as no transaction could still add an older entry (the test waits for nothing).
  process.env.BALAI_FEED_LAG_MS = '0';
  t = await createTestApp({ citizen: true });
  [operator, head, treasurer, secretary, regency, province] = await Promise.all(['hanura', 'kades.hanura', 'bendahara.hanura', 'sekdes.hanura', 'pesawaran', 'provinsi'].map((u) => t.login(u)));
  const account = async (username: string, role: string, region_code: string) =>
    expect((await province.post('/api/v1/accounts', { username, full_name: `Uji ${username}`, role, region_code, password: PASSWORD })).status).toBe(201);
  await account('kota.bandarlampung', 'regency_officer', '18.71');
  await account('op.kedaton', 'village_operator', KEDATON);
  [otherRegency, kedaton] = await Promise.all([t.login('kota.bandarlampung', PASSWORD), t.login('op.kedaton', PASSWORD)]);
  // Where the demo's history ends: the changes below come after it.
  start = (await follow(province, '')).next;
});
afterAll(async () => {
  if (previousLag === undefined) delete process.env.BALAI_FEED_LAG_MS;
  else process.env.BALAI_FEED_LAG_MS = previousLag;
  await t?.close();
});

describe('following the changes of a region', () => {
  let budi: { id: number; family_id: number };
  let registered = 0;

  it('gives a registration, a birth, a death, a letter issued and a budget posting in the order they happened', async () => {
    budi = await t.db.kysely.selectFrom('residents').select(['id', 'family_id']).where('village_code', '=', HANURA).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow() as { id: number; family_id: number };

    const uncle = await operator.post(`${api}/residents`, { nik: '1809100303700004', name: 'PAMAN SUTRISNO', sex: 1, birth_date: '1970-03-03', religion: 1, family_id: budi.family_id, family_relation: 9 });
    expect(uncle.status, await uncle.clone().text()).toBe(201);
    registered = (await uncle.json()).data.id;
    const birth = await operator.post(`${api}/births`, { nik: '1809104101260001', name: 'PUTRI SANTOSO', sex: 2, religion: 1, family_id: budi.family_id, birth_date: '2026-01-01' });
    expect(birth.status, await birth.clone().text()).toBe(201);
    const death = await operator.post(`${api}/residents/${registered}/death`, { date: todayInWib(), place: 'Hanura' });
    expect(death.status, await death.clone().text()).toBe(201);

    const requested = await operator.post(`${api}/letters`, { type: 'sktm', resident_id: budi.id, fields: { keperluan: 'Beasiswa' } });
    expect(requested.status, await requested.clone().text()).toBe(201);
    const letter = (await requested.json()).data.id as number;
    expect((await operator.post(`${api}/letters/${letter}/check`, {})).status).toBe(200);
    expect((await secretary.post(`${api}/letters/${letter}/sign`, {})).status).toBe(200);

    const entry = new FormData();
    entry.set('_csrf', treasurer.csrf);
    for (const [k, v] of Object.entries({ entry_date: `${todayInWib().slice(0, 4)}-01-02`, account_code: '4.2.1', description: 'Dana Desa tahap I', amount: '15900000' })) entry.set(k, v);
    entry.set('proof', new File([PNG_1X1], 'bukti.png', { type: 'image/png' }));
    expect((await treasurer.request(`/desa/${HANURA}/realisasi`, { method: 'POST', body: entry })).status).toBe(303);

    const { entries } = await follow(operator, start);
    expect(entries.map((e) => e.kind)).toEqual(['population.registration', 'population.birth', 'population.death', 'letter.issued', 'budget.realisation']);
    expect(entries.every((e) => e.village_code === HANURA)).toBe(true);
    const [reg, born, died, issued, posted] = entries as [Entry, Entry, Entry, Entry, Entry];
    expect(born).toMatchObject({ date: '2026-01-01', population: { population_change: 1, resident: { name: 'PUTRI SANTOSO', nik: '1809104101260001' } } });
    expect(died).toMatchObject({ date: todayInWib(), source_id: expect.any(Number), population: { population_change: -1, resident_id: registered } });
    expect(reg.population!.resident_id).toBe(registered);
    expect(issued).toMatchObject({ date: todayInWib(), letter: { type_code: 'sktm', number: expect.any(String), resident: { name: DEMO_CITIZEN.name } } });
    expect(posted).toMatchObject({ budget: { account_code: '4.2.1', amount: '15900000', description: 'Dana Desa tahap I' } });
    // In order: by the time each was recorded.
    expect([...entries].sort((a, b) => a.recorded_at.localeCompare(b.recorded_at))).toEqual(entries);
  });

  it('following next gives only what is newer, and nothing twice', async () => {
    const first = await follow(operator, start);
    const again = await follow(operator, first.next);
    expect(again.entries).toEqual([]);
    const moved = await operator.post(`${api}/residents/${budi.id}/departure`, { date: todayInWib(), note: 'Merantau' });
    expect(moved.status, await moved.clone().text()).toBe(201);
    const [issued] = (await follow(operator, start, { kinds: 'letter.issued' })).entries;
    expect((await secretary.post(`${api}/letters/${issued!.source_id}/revoke`, { reason: 'Salah tulis keperluan' })).status).toBe(200);
    const newer = await follow(operator, again.next);
    expect(newer.entries.map((e) => e.kind)).toEqual(['population.temporary_departure', 'letter.revoked']);
    expect(newer.entries[1]).toMatchObject({ source_id: issued!.source_id, date: todayInWib(), letter: { number: issued!.letter!.number } });
    expect((await follow(operator, newer.next)).entries).toEqual([]);
  });

  it('keeps to the page size, and the pages together are the feed once', async () => {
    const whole = await follow(operator, start);
    const p = await page(operator, { since: start, limit: '2' });
    expect(p.entries).toHaveLength(2);
    expect(p.more).toBe(true);
    const paged = await follow(operator, start, { limit: '2' });
    expect(paged.pages).toBeGreaterThanOrEqual(3);
    expect(paged.entries).toEqual(whole.entries);
    expect(new Set(paged.entries.map((e) => `${e.kind}:${e.source_id}`)).size).toBe(paged.entries.length);
    const big = await operator.get('/api/v1/feed?limit=501');
    expect(big.status).toBe(400);
    expect((await big.json()).error).toMatchObject({ field: 'limit', message: expect.stringContaining('Jumlah hasil') });
  });

  it('narrows to the kinds asked for', async () => {
    const letters = await follow(operator, start, { kinds: 'letter' });
    expect(letters.entries.map((e) => e.kind)).toEqual(['letter.issued', 'letter.revoked']);
    const some = await follow(operator, start, { kinds: 'population.birth,budget' });
    expect(some.entries.map((e) => e.kind)).toEqual(['population.birth', 'budget.realisation']);
    const unknown = await operator.get('/api/v1/feed?kinds=population,pajak');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ field: 'kinds', message: expect.stringContaining('Jenis perubahan') });
  });
});

describe('who sees what', () => {
  it('a regency reader sees its villages and not another regency\'s', async () => {
    const far = await kedaton.post(`/api/v1/villages/${KEDATON}/residents`, { nik: '1871010505800001', name: 'WARGA KEDATON', sex: 1, birth_date: '1980-05-05', religion: 1, kk_number: '1871010101200001' });
    expect(far.status, await far.clone().text()).toBe(201);

    const near = (await follow(regency, start)).entries;
    expect(near.length).toBeGreaterThanOrEqual(5);
    expect(near.every((e) => e.village_code.startsWith('18.09.'))).toBe(true);
    // The district reads its few villages one by one, the regency its range: the same entries, in the same order.
    expect((await follow(await t.login('telukpandan'), start)).entries).toEqual(near);
    const other = (await follow(otherRegency, start)).entries;
    expect(other.map((e) => [e.kind, e.village_code])).toEqual([['population.registration', KEDATON]]);
    const all = (await follow(province, start)).entries;
    expect(all.map((e) => e.village_code)).toEqual(expect.arrayContaining([HANURA, KEDATON]));
    expect(all).toHaveLength(near.length + other.length);

    // Narrowed inside the scope; another regency's code is refused.
    expect((await follow(regency, start, { wilayah: '18.09.10.2001' })).entries).toEqual([]);
    expect((await follow(regency, start, { wilayah: '1809102004' })).entries).toHaveLength(near.length);
    expect((await regency.get('/api/v1/feed?wilayah=18.71')).status).toBe(403);
    const bad = await regency.get('/api/v1/feed?wilayah=18.0');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ field: 'wilayah', message: expect.stringContaining('Wilayah') });
  });

  it('a reader without the resident permission gets no names and no NIK; with it but without full NIK, masked', async () => {
    const text = async (client: Client) => JSON.stringify((await follow(client, start)).entries);
    for (const client of [regency, treasurer]) {
      const body = await text(client);
      expect(body).not.toContain('PUTRI SANTOSO');
      expect(body).not.toContain(DEMO_CITIZEN.name);
      expect(body).not.toMatch(/18091\d{11}|1809\*+\d{4}/);
    }
    // The treasurer keeps the books: the posting's words; the regency sees the amounts only.
    const [regencyPost] = (await follow(regency, start, { kinds: 'budget' })).entries;
    expect(regencyPost!.budget).toMatchObject({ amount: '15900000' });
    expect(regencyPost!.budget!.description).toBeUndefined();

    const born = (await follow(head, start, { kinds: 'population.birth' })).entries[0]!;
    expect(born.population!.resident).toEqual({ name: 'PUTRI SANTOSO', nik: '1809********0001', sex: 2 });
  });

  it('a read that names residents goes to the access log; one that does not, does not', async () => {
    const logged = async () => Number((await t.db.kysely.selectFrom('audit_log').select(sql<number>`count(*)`.as('n')).where('action', '=', 'feed.read').executeTakeFirstOrThrow()).n);
    const before = await logged();
    await follow(regency, start);
    expect(await logged()).toBe(before);
    await follow(head, start, { kinds: 'population.birth' });
    const last = await t.db.kysely.selectFrom('audit_log').select(['village_code', 'detail', 'actor_label']).where('action', '=', 'feed.read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ village_code: HANURA, actor_label: 'kades.hanura', detail: { residents: [expect.any(Number)], full_nik: false } });
  });

  it('refuses a citizen and a kiosk at the door', async () => {
    expect((await (await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin)).get('/api/v1/feed')).status).toBe(403);
    expect((await (await t.login('kios.hanura')).get('/api/v1/feed')).status).toBe(403);
    expect((await t.anonymous.get('/api/v1/feed')).status).toBe(401);
  });
});

describe('an import', () => {
  it('enters the feed when it is published, after a cursor taken while it was staged', async () => {
    const BATU_MENYAN = '18.09.10.2001';
    const batu = await t.login('batumenyan');
    const people = opensidPeople(BATU_MENYAN, 30, 5);
    const cells = people.cells(0, people.families);
    const id = await previewJob(batu, BATU_MENYAN, opensidCsv(cells), 'batu.csv');
    const u = await t.db.kysely.selectFrom('users').select(['id', 'full_name', 'role', 'region_code']).where('username', '=', 'batumenyan').executeTakeFirstOrThrow();
    const actor = { kind: 'user', id: u.id, username: 'batumenyan', fullName: u.full_name, role: u.role, regionCode: u.region_code, language: 'id' };
    await sql`update jobs set status = 'queued', input = input || ${JSON.stringify({ actor, ip: '127.0.0.1' })}::jsonb where village_code = ${BATU_MENYAN} and id = ${id}`.execute(t.db.kysely);

    let during: { entries: Entry[]; next: string } | undefined;
    await runJobs(t.db, { 'population.import': importHandlerWith({ async beforePublish() { during = await follow(regency, start); } }) });
    // Staged rows are written but not yet in the feed; the cursor taken then still finds them once published.
    expect(during!.entries.some((e) => e.village_code === BATU_MENYAN)).toBe(false);
    const published = (await follow(regency, during!.next)).entries;
    expect(published).toHaveLength(cells.length);
    expect(published.every((e) => e.kind === 'population.registration' && e.village_code === BATU_MENYAN)).toBe(true);
    // One transaction, one time: pages that cut through it still give each entry once, in order.
    expect((await follow(regency, during!.next, { limit: '7' })).entries).toEqual(published);
    expect((await follow(kedaton, during!.next)).entries).toEqual([]);
  }, 120_000);
});

describe('the cursor', () => {
  it('an invalid cursor is a 400 naming the field in Bahasa Indonesia', async () => {
    for (const since of ['x', 'bm90IGEgY3Vyc29y', encodeCursor({ at: '2026-02-31T00:00:00.000000Z', village: HANURA, id: '1' }), '%%%']) {
      const res = await operator.get(`/api/v1/feed?${new URLSearchParams({ since })}`);
      expect(res.status, since).toBe(400);
      const { error } = await res.json();
      expect(error).toMatchObject({ field: 'since', message: expect.stringContaining('Penanda posisi') });
    }
  });

  it('is opaque and names a position: time, village, id', async () => {
    const { next } = await follow(operator, start);
    expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(next)).toMatchObject({ at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/) });
  });

  it('never passes a change whose transaction is still open (PostgreSQL: commits out of order)', async () => {
    if (t.db.kind === 'pglite') return; // one connection: no transaction is ever open beside a read
    const { next: before } = await follow(operator, start);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let began!: () => void;
    const started = new Promise<void>((resolve) => (began = resolve));
    // An earlier transaction: a cash-book movement written, not yet committed.
    const slow = t.db.kysely.transaction().execute(async (trx) => {
      const user = await trx.selectFrom('users').select('id').where('username', '=', 'bendahara.hanura').executeTakeFirstOrThrow();
      await trx.insertInto('treasury_entries').values({ village_code: HANURA, year: Number(todayInWib().slice(0, 4)), entry_date: todayInWib(), kind: 'withdrawal', amount: '1000', description: 'Ambil tunai', posted_by: user.id }).execute();
      began();
      await held;
    });
    await started;
    // A later change commits first.
    const later = await operator.post(`${api}/residents`, { nik: '1809100707770007', name: 'WARGA BARU', sex: 1, birth_date: '1977-07-07', religion: 1, kk_number: '1809100101200007' });
    expect(later.status, await later.clone().text()).toBe(201);
    const during = await follow(operator, before);
    expect(during.entries).toEqual([]);
    release();
    await slow;
    const after = await follow(operator, during.next);
    expect(after.entries.map((e) => e.kind)).toEqual(['budget.treasury', 'population.registration']);
  });
});
