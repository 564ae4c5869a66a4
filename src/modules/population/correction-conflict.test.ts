import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';

/**
 * Two officers correct the same resident from two devices, one of them working from an old
 * page (opened before the other saved, or kept offline): nothing the first saved is undone
 * without a person deciding, a clash is shown side by side, the value not chosen stays in the
 * history, and the same correction sent twice is written once.
 */
const V = '18.09.10.2004';
let t: TestApp;
let one: Client;
let two: Client;
let id: number;

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Hidden inputs of the part of the page that starts at `from`: what the browser would send back. */
function hiddenFields(html: string, from: string): Record<string, string> {
  const part = html.slice(html.indexOf(from));
  const out: Record<string, string> = {};
  for (const m of part.slice(0, part.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) out[m[1]!] = decode(m[2]!);
  return out;
}

/** The correction form as the browser sends it: every field as the page showed it, then the officer's changes. */
async function openCorrection(client: Client) {
  const html = await (await client.get(`/desa/${V}/penduduk/${id}`)).text();
  const hidden = hiddenFields(html, `action="/desa/${V}/penduduk/${id}/koreksi"`);
  const shown = Object.fromEntries(Object.entries(hidden).filter(([k]) => k.startsWith('asal.')).map(([k, v]) => [k.slice(5), v]));
  return (changes: Record<string, string>) => ({ ...hidden, ...shown, ...changes });
}

const current = () => t.db.kysely.selectFrom('residents').select(['phone', 'address', 'occupation']).where('village_code', '=', V).where('id', '=', id).executeTakeFirstOrThrow();
const corrections = () => t.db.kysely.selectFrom('population_events').select(['details']).where('village_code', '=', V).where('resident_id', '=', id).where('kind', '=', 'correction').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  [one, two] = [await t.login('hanura'), await t.login('hanura')];
  id = Number((await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', V).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow()).id);
});
afterAll(() => t?.close());

describe(`corrections from two devices on ${testDatabaseKind()}`, () => {
  it('never undoes the other officer\'s change, shows a clash side by side, keeps the loser in the history, and writes a repeat once', async () => {
    const first = await openCorrection(one);
    const second = await openCorrection(two); // opened before the first officer saves

    const a = await one.form(`/desa/${V}/penduduk/${id}/koreksi`, first({ phone: '0811 1111 111', reason: 'Nomor baru' }));
    expect(a.status).toBe(303);
    // Another field from the old page: saved, and the first officer's phone stays.
    const b = await two.form(`/desa/${V}/penduduk/${id}/koreksi`, second({ address: 'Jl. Pantai Hanura No. 9', reason: 'Pindah rumah di desa' }));
    expect(b.status, await b.clone().text()).toBe(303);
    expect(await current()).toMatchObject({ phone: '0811 1111 111', address: 'Jl. Pantai Hanura No. 9' });

    // The same field from the old page, to another value: refused, both values shown, nothing saved.
    const clash = await two.form(`/desa/${V}/penduduk/${id}/koreksi`, second({ phone: '0822 2222 222', occupation: '2', reason: 'Nomor dari warga' }));
    expect(clash.status).toBe(409);
    const html = await clash.text();
    expect(html).toContain('Data ini diubah orang lain saat Anda mengisi (1 data, antara lain Nomor telepon)');
    expect(html).toContain('Pilih nilai yang benar');
    expect(html).toContain('0811 1111 111');
    expect(html).toContain('0822 2222 222');
    expect(html).toMatch(/<input type="radio" name="phone" value="0811 1111 111" required/);
    expect(await current()).toMatchObject({ phone: '0811 1111 111' });
    const before = (await corrections()).length;

    // The officer chooses their own number: saved with the other change of that form, both numbers in the history.
    const settle = { ...hiddenFields(html, 'id="konflik"'), phone: '0822 2222 222' };
    const chosen = await two.form(`/desa/${V}/penduduk/${id}/koreksi`, settle);
    expect(chosen.status, await chosen.clone().text()).toBe(303);
    expect(await current()).toMatchObject({ phone: '0822 2222 222', occupation: 2 });
    const events = await corrections();
    expect(events).toHaveLength(before + 1);
    const raw = events.at(-1)!.details as unknown;
    const last = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { conflicts: Record<string, { theirs: string; mine: string }> };
    expect(last.conflicts.phone).toEqual({ theirs: '0811 1111 111', mine: '0822 2222 222' });

    // The same choice sent again (a device replaying its outbox): nothing new is written.
    const again = await two.form(`/desa/${V}/penduduk/${id}/koreksi`, settle);
    expect(again.status).toBe(303);
    expect(await corrections()).toHaveLength(before + 1);
    // The first officer's form sent again much later (same form, same key): applied once already, nothing overwritten.
    expect((await one.form(`/desa/${V}/penduduk/${id}/koreksi`, first({ phone: '0811 1111 111', reason: 'Nomor baru' }))).status).toBe(303);
    expect(await current()).toMatchObject({ phone: '0822 2222 222' });
    expect(await corrections()).toHaveLength(before + 1);
  });
});
