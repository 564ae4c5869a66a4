import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

/** The family list as an operator pages and searches it, over the demo village's ~700 family cards. */
const H = '18.09.10.2004';
let t: TestApp;
let op: Client;
beforeAll(async () => {
  t = await createTestApp({ population: true });
  op = await t.login('hanura');
});
afterAll(() => t.close());

const kkNumbers = (html: string) => [...html.matchAll(/<td class="mono"[^>]*><a href="\/desa\/18\.09\.10\.2004\/keluarga\/\d+">(\d{16})<\/a><\/td><td[^>]*>([^<]*)<\/td>/g)].map((m) => ({ kk: m[1]!, head: m[2]! }));

describe('family list', () => {
  it('pages through every active family card, in the order of the heads\' names, the cards without a head last', async () => {
    // One family whose head died and was not replaced yet.
    const { rows } = await sql<{ family_id: number; kk_number: string; name: string }>`
      select r.family_id, f.kk_number, r.name from residents r join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${H} and r.family_relation = 1 and f.status = 'active' order by r.id limit 1`.execute(t.db.kysely);
    const orphan = rows[0]!;
    await sql`update residents_rows set life_status = 2 where village_code = ${H} and family_id = ${orphan.family_id} and family_relation = 1`.execute(t.db.kysely);
    const active = (await sql<{ n: number }>`select count(*)::int as n from families where village_code = ${H} and status = 'active'`.execute(t.db.kysely)).rows[0]!.n;
    expect(active).toBeGreaterThan(100);

    const first = await (await op.get(`/desa/${H}/keluarga`)).text();
    expect(first).toContain(`${active.toLocaleString('id-ID')} keluarga`);
    const pages = Math.ceil(active / 50);
    expect(first).toContain(`Halaman 1 / ${pages}`);
    expect(first).toContain(`href="/desa/${H}/keluarga?page=2"`);
    const seen: { kk: string; head: string }[] = [];
    for (let p = 1; p <= pages; p++) seen.push(...kkNumbers(await (await op.get(`/desa/${H}/keluarga?page=${p}`)).text()));
    // Each card once, all of them.
    expect(seen).toHaveLength(active);
    expect(new Set(seen.map((s) => s.kk)).size).toBe(active);
    const headed = seen.slice(0, -1).map((s) => s.head);
    expect(headed).toEqual([...headed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(seen.at(-1)).toEqual({ kk: orphan.kk_number, head: '— (belum ada kepala keluarga)' });
  });

  it('finds a family by its head\'s name typed with a mistake, best match first, and by the start of its KK number', async () => {
    const head = (await sql<{ name: string; kk_number: string }>`
      select r.name, f.kk_number from residents r join families f on f.village_code = r.village_code and f.id = r.family_id
      where r.village_code = ${H} and r.family_relation = 1 and r.life_status = 1 and f.status = 'active' order by r.id desc limit 1`.execute(t.db.kysely)).rows[0]!;
    const typo = head.name.toLowerCase().replace(/a/, 'aa');
    const found = kkNumbers(await (await op.form(`/desa/${H}/keluarga`, { q: typo })).text());
    expect(found[0]).toEqual({ kk: head.kk_number, head: head.name });
    const byKk = kkNumbers(await (await op.form(`/desa/${H}/keluarga`, { q: head.kk_number.slice(0, 14) })).text());
    expect(byKk.map((f) => f.kk)).toContain(head.kk_number);
  });

  it('gives the API its pages with the total', async () => {
    const res = await op.get(`/api/v1/villages/${H}/families?page=2`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.page).toBe(2);
    expect(body.per_page).toBe(50);
    expect(body.data).toHaveLength(50);
    expect(body.total).toBeGreaterThan(100);
  });
});
