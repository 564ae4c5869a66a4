import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HANURA } from '../../src/modules/demo/seed-demo.js';
import { todayInWib } from '../../src/platform/format/format.js';
import { maskNik } from '../../src/modules/population/nik.js';
import { phoneReady, submit, useE2E } from '../support/e2e-server.js';
import { httpLogin } from '../support/server-process.js';

/**
 * A village head election in Chromium, from set-up to the public count. The committee
 * (panitia.hanura) sets up an election with 3 candidates and 2 TPS, makes the DPS from the
 * register — checked against the rules on residents made for it: a married 16-year-old is in,
 * one who turns 17 on the voting day is in, one who moved in 5 months before the DPS day is out,
 * a dead person is out — accepts one objection, freezes the DPT and opens the voting. 50 voters
 * then vote through the KPPS desk and the booth screens of both TPS at once (two browser
 * contexts), a used token is refused, the TPS and the election are closed, and the public results
 * page shows the count, the turnout and the tie rule at work.
 */
let BASE: string;
let browser: Browser;
useE2E((e2e) => ({ base: BASE, browser } = e2e));

const E = `/desa/${HANURA}/pilkades`;
const today = todayInWib();
const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const yearsBefore = (d: string, years: number) => `${Number(d.slice(0, 4)) - years}${d.slice(4)}`;
const text = (p: Page) => p.locator('main').innerText();

async function open(width = 360): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  context.setDefaultTimeout(30_000);
  return { context, page: await context.newPage() };
}

/** Logs in on the login page; the committee and the KPPS land on the village's elections. */
async function logInAs(page: Page, username: string) {
  await page.goto(`${BASE}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('balai-demo');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.waitForURL(new RegExp(`${E}$`));
}

/** NIKs of Hanura (1809 10), the day of birth in them as the rules of §2 say, made unique by `n`. */
/** A family card of Hanura made today (digits 7–12 are the day it was made). */
const kkFor = (n: number) => `180910${today.slice(8, 10)}${today.slice(5, 7)}${today.slice(2, 4)}${String(7000 + n).padStart(4, '0')}`;
const nikFor = (birth: string, n: number) => `180910${birth.slice(8, 10)}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(7000 + n).padStart(4, '0')}`;

interface Vote { nik: string; candidate: number }

/** One TPS's voters, one after another: the desk gives the token, the booth takes the vote. */
async function voteAt(context: BrowserContext, stationId: string, votes: Vote[]) {
  const desk = await context.newPage();
  const booth = await context.newPage();
  const S = `${BASE}${E}/${electionId}/tps/${stationId}`;
  await desk.goto(S);
  await booth.goto(`${S}/bilik`);
  const serials: string[] = [];
  let lastToken = '';
  for (const [i, v] of votes.entries()) {
    await voteOnce(v).catch(async (err: Error) => {
      throw new Error(`voter ${i} at TPS ${stationId}: ${err.message}\n--- desk: ${await desk.locator('main').innerText().catch(() => '?')}\n--- booth: ${await booth.locator('main').innerText().catch(() => '?')}`);
    });
  }
  async function voteOnce(v: Vote) {
    await desk.getByLabel('NIK pemilih (16 angka)').fill(v.nik);
    await submit(desk, 'Cari di DPT');
    await submit(desk, 'Beri token');
    lastToken = (await desk.locator('.pin-once').innerText()).trim();
    expect(lastToken).toMatch(/^[A-Z0-9]{6}$/);
    await desk.goto(S);

    await booth.getByLabel('Token (6 huruf/angka)').fill(lastToken);
    await submit(booth, 'Lanjut');
    await Promise.all([booth.waitForEvent('framenavigated'), booth.locator('button.ballot-card', { has: booth.locator('.ballot-number', { hasText: new RegExp(`^${v.candidate}$`) }) }).click()]);
    await booth.waitForLoadState('load');
    expect(await booth.locator('main').innerText()).toContain(`Anda memilih: No. ${v.candidate}`);
    await submit(booth, 'Ya, ini pilihan saya');
    const receipt = await booth.locator('main').innerText();
    expect(receipt).toContain('Terima kasih, suara Anda sudah tersimpan.');
    const serial = /[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/.exec(receipt)?.[0];
    expect(serial, receipt).toBeTruthy();
    // The receipt names the choice, never the voter.
    expect(receipt).not.toContain(v.nik);
    serials.push(serial!);
    await booth.goto(`${S}/bilik`);
  }
  // The last token once more: refused, and no vote is added.
  await booth.getByLabel('Token (6 huruf/angka)').fill(lastToken);
  await submit(booth, 'Lanjut');
  expect(await booth.locator('main').innerText()).toContain('token tidak sah atau sudah dipakai');
  return serials;
}

let electionId = '';

describe('a village head election by e-voting', () => {
  it('is set up, listed, voted at two TPS at once, closed and counted', { timeout: 900_000 }, async () => {
    // --- residents made for the rules (the operator, through the API) ---
    const op = await httpLogin(BASE, 'hanura');
    const dpsDate = day(-30);
    const register = async (name: string, birth: string, marital: number, n: number) => {
      const nik = nikFor(birth, n);
      const res = await op.json('POST', `/api/v1/villages/${HANURA}/residents`, {
        nik, name, sex: 1, birth_place: 'Pesawaran', birth_date: birth, religion: 1, marital_status: marital, family_relation: 1, citizenship: 1,
        kk_number: kkFor(n),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return { nik, id: Number(((await res.json()) as { data: { id: number } }).data.id) };
    };
    const married16 = await register('Rizki Pratama Menikah', day(-16 * 365 - 40), 2, 1);
    const turns17 = await register('Fajar Tujuh Belas', yearsBefore(today, 17), 1, 2);
    const dead = await register('Sutrisno Almarhum', '1950-03-03', 2, 3);
    const deathRes = await op.json('POST', `/api/v1/villages/${HANURA}/residents/${dead.id}/death`, { date: day(-40), place: 'Hanura', cause: 'Sakit', reporter_name: 'Warga' });
    expect(deathRes.status, await deathRes.clone().text()).toBe(201);
    const movedAt = new Date(Date.parse(`${dpsDate}T00:00:00Z`) - 150 * 86_400_000).toISOString().slice(0, 10);
    const newcomerNik = nikFor('1990-05-05', 4);
    const moveIn = await op.json('POST', `/api/v1/villages/${HANURA}/moves-in`, {
      nik: newcomerNik, name: 'Bayu Pendatang Baru', sex: 1, birth_place: 'Metro', birth_date: '1990-05-05', religion: 1, marital_status: 1, family_relation: 1, citizenship: 1,
      kk_number: kkFor(4), date: movedAt, from: 'Kota Metro, Lampung',
    });
    expect(moveIn.status, await moveIn.clone().text()).toBe(201);

    // --- the committee sets the election up on a phone ---
    const committee = await open();
    const p = committee.page;
    await logInAs(p, 'panitia.hanura');
    await phoneReady(p);
    await p.locator('summary', { hasText: 'Buat pemilihan baru' }).click();
    const create = p.locator('form', { has: p.locator('input[name="committee_decree"]') });
    await create.getByLabel(/^Judul/).fill('Pemilihan Kepala Desa Hanura 2026');
    await create.getByLabel(/^Nomor SK BPD/).fill('05/BPD-HNR/2026');
    const dates: Record<string, string> = {
      'Pendaftaran calon mulai': day(-60), 'Pendaftaran calon sampai': day(-50), 'Penetapan DPS': dpsDate, 'Masa tanggapan DPS sampai': day(-20),
      'Penetapan DPT': day(-10), 'Kampanye mulai': day(-7), 'Kampanye sampai': day(-1), 'Hari pemungutan suara': today,
    };
    for (const [label, value] of Object.entries(dates)) await create.getByLabel(new RegExp(`^${label}`)).fill(value);
    await submit(p, 'Simpan', create);
    await p.waitForURL(new RegExp(`${E}/\\d+`));
    electionId = /pilkades\/(\d+)/.exec(p.url())![1]!;
    await phoneReady(p);

    // Two TPS: the first dusun votes at TPS 2, the rest at TPS 1.
    await p.locator('summary', { hasText: 'Tambah TPS' }).click();
    const addStation = p.locator('form', { has: p.getByRole('button', { name: 'Tambah TPS' }) });
    await addStation.getByLabel(/^Tempat/).fill('Balai Desa Hanura');
    await submit(p, 'Tambah TPS', addStation);
    await p.locator('summary', { hasText: 'Tambah TPS' }).click();
    const addStation2 = p.locator('form', { has: p.getByRole('button', { name: 'Tambah TPS' }) });
    await addStation2.getByLabel(/^Tempat/).fill('Balai Dusun Sidorejo');
    await addStation2.locator('input[name="tps_areas"]').first().check();
    await submit(p, 'Tambah TPS', addStation2);
    expect(await text(p)).toContain('Balai Dusun Sidorejo');

    for (const [number, name] of [[1, 'Suparman'], [2, 'Wayan Sudarta'], [3, 'Nurhayati']] as const) {
      await p.locator('summary', { hasText: 'Tambah calon' }).click();
      const form = p.locator('form', { has: p.locator('input[name="candidate_name"]') }).last();
      await form.getByLabel(/^Nomor urut/).fill(String(number));
      await form.getByLabel(/^Nama calon/).fill(name);
      await form.getByLabel(/^Visi/).fill(`Hanura maju bersama ${name}`);
      await form.getByLabel(/^Misi/).fill('Jalan desa mulus, pelayanan cepat, BUMDes kuat.');
      await submit(p, 'Simpan', form);
    }
    expect(await text(p)).toContain('Nurhayati');
    await phoneReady(p);

    // The DPS from the register (the TPS's ids read first: their forms close once it is made).
    const stationIds = [...new Set([...(await p.content()).matchAll(/name="station_id" value="(\d+)"/g)].map((m) => m[1]!))];
    expect(stationIds).toHaveLength(2);
    await submit(p, 'Susun DPS dari data penduduk');
    await phoneReady(p);
    /** Each TPS's public list: its text, and its rows as "name|masked NIK". */
    const publicLists = async () => {
      const lists: { text: string; rows: string[] }[] = [];
      const page = await (await browser.newContext()).newPage();
      for (const sid of stationIds) {
        await page.goto(`${BASE}${E}/${electionId}/dps?tps=${sid}`);
        const rows = await page.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.children[1]?.textContent?.trim()}|${tr.querySelector('.nik')?.textContent?.trim()}`));
        lists.push({ text: await page.locator('main').innerText(), rows });
      }
      await page.context().close();
      return lists;
    };
    const publicList = async () => (await publicLists()).map((l) => l.text);
    const listed = (await publicList()).join('\n');
    expect(listed).toContain('Rizki Pratama Menikah'); // 16 and married
    expect(listed).toContain('Fajar Tujuh Belas'); // 17 on the voting day
    expect(listed).not.toContain('Bayu Pendatang Baru'); // moved in 5 months before the DPS day
    expect(listed).not.toContain('Sutrisno Almarhum'); // dead
    expect(listed).toContain(maskNik(married16.nik));
    expect(listed).not.toContain(married16.nik); // the public sees NIKs masked

    // One objection: the newcomer had lived here longer than the register says; accepted.
    await p.goto(`${BASE}${E}/${electionId}/pemilih`);
    await p.locator('summary', { hasText: 'Catat tanggapan' }).click();
    const objection = p.locator('form', { has: p.locator('select[name="objection_kind"]') });
    await objection.locator('select[name="objection_kind"]').selectOption('add');
    await objection.getByLabel(/^NIK penduduk/).fill(newcomerNik);
    await objection.locator('select[name="tps_station"]').selectOption(stationIds[0]!);
    await objection.getByLabel(/^Alasan/).fill('Tinggal di Hanura sejak 2020, pindah datang baru dicatat');
    await objection.getByLabel(/^Nama yang menyampaikan/).fill('Bayu');
    await submit(p, 'Simpan', objection);
    const decide = p.locator('form', { has: p.locator('select[name="decision"]') }).first();
    await decide.locator('select[name="decision"]').selectOption('accepted');
    await decide.getByLabel(/^Catatan keputusan/).fill('Surat keterangan RT dan bukti tinggal diperiksa');
    await submit(p, 'Putuskan', decide);
    await phoneReady(p);
    await submit(p, 'Tetapkan DPT');
    expect((await publicList()).join('\n')).toContain('Bayu Pendatang Baru');

    // Voting opens (today is the voting day).
    await p.goto(`${BASE}${E}/${electionId}/tps`);
    await p.locator('input[name="sure"]').first().check();
    await submit(p, 'Buka pemungutan suara');
    await phoneReady(p);

    // --- 50 voters: who votes where, from the public DPT and the register ---
    const lists = await publicLists();
    const dpt = lists.map((l) => l.text);
    const adults = (await (await op.get(`/api/v1/villages/${HANURA}/residents?age_min=25&age_max=70&per_page=200`)).json()).data as { nik: string; name: string }[];
    // A voter is placed by name and masked NIK only where that pair is on one list once and belongs to one resident.
    const keyOf = (r: { nik: string; name: string }) => `${r.name}|${maskNik(r.nik)}`;
    const seen = new Map<string, number>();
    for (const k of [...lists.flatMap((l) => l.rows), ...adults.map(keyOf)]) seen.set(k, (seen.get(k) ?? 0) + 1);
    const at = (i: number) => adults.filter((r) => lists[i]!.rows.includes(keyOf(r)) && seen.get(keyOf(r)) === 2);
    const size = (i: number) => Number(/Jumlah pemilih\D*([0-9.]+)/.exec(dpt[i]!)?.[1]?.replace(/\./g, '') ?? 0);
    // The larger TPS (by its DPT) gets 26 voters, the other 24; the totals tie 20–20 between
    // candidates 1 and 2, and candidate 1 won the larger TPS: the tie rule elects him.
    const big = size(0) >= size(1) ? 0 : 1;
    const small = 1 - big;
    expect(size(big)).toBeGreaterThan(size(small));
    const plan = (pool: { nik: string }[], counts: [number, number, number]): Vote[] =>
      counts.flatMap((n, k) => Array.from({ length: n }, () => k + 1)).map((candidate, i) => ({ nik: pool[i]!.nik, candidate }));
    const bigVotes = plan(at(big), [12, 10, 4]);
    const smallVotes = plan(at(small), [8, 10, 6]);
    expect(bigVotes.every((v) => v.nik) && smallVotes.every((v) => v.nik)).toBe(true);

    const kpps = await Promise.all(['kpps1.hanura', 'kpps2.hanura'].map(async (u) => {
      const o = await open(800);
      await logInAs(o.page, u);
      return o;
    }));
    const serials = (await Promise.all([voteAt(kpps[0]!.context, stationIds[big]!, bigVotes), voteAt(kpps[1]!.context, stationIds[small]!, smallVotes)])).flat();
    expect(new Set(serials).size).toBe(50);

    // --- close and count ---
    await p.goto(`${BASE}${E}/${electionId}/tps`);
    for (let i = 0; i < 2; i++) {
      const close = p.locator('form', { has: p.getByRole('button', { name: /^Tutup TPS/ }) }).first();
      await close.locator('input[name="sure"]').check();
      await submit(p, (await close.getByRole('button').innerText()).trim(), close);
    }
    await submit(p, 'Tutup pemilihan');
    const anonymous = await open();
    await anonymous.page.goto(`${BASE}${E}/${electionId}/hasil`);
    await phoneReady(anonymous.page);
    const results = await text(anonymous.page);
    expect(results).toContain('Hasil akhir');
    expect(results).toContain('Suparman');
    expect(results).toMatch(/Perolehan suara terbanyak sama/);
    expect(results).toContain(`TPS ${big + 1}: nomor urut 1, Suparman`);
    const turnout = ((50 / (size(0) + size(1))) * 100).toFixed(1).replace('.', ',');
    expect(results).toContain(turnout);
    expect(results).not.toContain('TIDAK SAH');

    for (const o of [committee, anonymous, ...kpps]) await o.context.close();
  });
});
