import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../test/support/citus.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { verifyChain } from './ballot-box.js';
import { contextOf, electionReady, type ReadyElection } from './test-support.js';
import { closeElection, closeStation, openVoting, verifyElection } from './voting-day.service.js';
import { castVote, issueToken } from './voting.service.js';

const V = '18.09.10.2004'; // Hanura
let t: TestApp;
let committee: Client;
let officer: Client;
let operator: Client;
let panitia: UseCaseContext;
let kpps: UseCaseContext;

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;
const base = (e: ReadyElection) => `/desa/${V}/pilkades/${e.electionId}`;
const keyOf = (e: ReadyElection, station: number) => ({ village: V, election: e.electionId, station });
const refusal = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && r.reason instanceof AppError ? r.reason.key : r.status);
const pool = async (e: ReadyElection, station: number) => {
  const row = await db().selectFrom('election_ballot_pool').select(['ballots', 'mac']).where('village_code', '=', V).where('election_id', '=', e.electionId).where('station_id', '=', station).executeTakeFirst();
  return row ? { ...row, ballots: typeof row.ballots === 'string' ? JSON.parse(row.ballots) as { s: string; c: number }[] : row.ballots } : null;
};
const chain = (e: ReadyElection, station: number) => db().selectFrom('election_ballots').selectAll().where('village_code', '=', V).where('election_id', '=', e.electionId).where('station_id', '=', station).orderBy('position').execute();

beforeAll(async () => {
  t = await createTestApp();
  [committee, officer, operator] = await Promise.all(['panitia.hanura', 'kpps1.hanura', 'hanura'].map((u) => t.login(u)));
  panitia = await contextOf(t.db, 'panitia.hanura');
  kpps = await contextOf(t.db, 'kpps1.hanura');
});
afterAll(() => t?.close());

/** What someone with the server's superuser would do to get round the append-only trigger. */
async function aroundTrigger(what: 'disable' | 'enable') {
  await sql.raw(`alter table election_ballots ${what} trigger election_ballots_append_only`).execute(db());
}

describe('voting day at the TPS', () => {
  it('the committee opens the voting; the KPPS gives a token; the voter votes in the booth and gets a receipt', async () => {
    const e = await electionReady(db(), V, { stations: 2, candidates: 3, votersPerStation: 6, open: false });
    const [tps1, tps2] = e.stations;
    // The village office reads the day's page but cannot open the voting.
    expect(await text(await operator.get(`${base(e)}/tps`))).toContain('TPS dan pemungutan suara');
    expect((await operator.form(`${base(e)}/buka-pemungutan`, { sure: '1' })).status).toBe(403);
    expect(await text(await committee.get(`${base(e)}/tps`))).toContain('Buka pemungutan suara');
    const opened = await committee.form(`${base(e)}/buka-pemungutan`, { sure: '1' });
    expect(opened.status).toBe(303);
    expect(await text(await committee.get(opened.headers.get('location')!))).toContain('Pemungutan suara dibuka di 2 TPS');
    expect((await db().selectFrom('elections').select('status').where('village_code', '=', V).where('id', '=', e.electionId).executeTakeFirstOrThrow()).status).toBe('voting');
    expect(await pool(e, tps1!.id)).toMatchObject({ ballots: [] });
    expect((await committee.form(`${base(e)}/buka-pemungutan`, { sure: '1' })).status).toBe(409);

    // The desk: the voter found by NIK (masked on screen), then the token card — no name on it.
    const voter = e.voters.find((v) => v.stationId === tps1!.id)!;
    const desk = `${base(e)}/tps/${tps1!.id}`;
    expect(await text(await officer.get(desk))).toContain('Meja KPPS · TPS 1');
    const found = await officer.form(`${desk}/cari`, { nik: voter.nik });
    expect(found.status).toBe(200);
    const foundText = await text(found);
    expect(foundText).toContain(voter.name);
    expect(foundText).toContain('Beri token');
    expect(foundText).not.toContain(voter.nik);
    const card = await officer.form(`${desk}/token`, { nik: voter.nik });
    expect(card.status).toBe(200);
    const cardHtml = await card.text();
    const token = /class="pin-once mono"[^>]*>([A-Z0-9]{6})</.exec(cardHtml)?.[1];
    expect(token).toMatch(/^[A-Z0-9]{6}$/);
    expect(cardHtml).not.toContain(voter.name);
    expect(cardHtml).not.toContain(voter.nik);

    // Refusals at the desk, each said plainly.
    const elsewhere = e.voters.find((v) => v.stationId === tps2!.id)!;
    expect(await text(await officer.form(`${desk}/cari`, { nik: elsewhere.nik }))).toContain('Pemilih ini terdaftar di TPS 2');
    const wrongTps = await officer.form(`${desk}/token`, { nik: elsewhere.nik });
    expect(wrongTps.status).toBe(409);
    expect(await text(wrongTps)).toContain('pemilih ini terdaftar di TPS 2, bukan di TPS ini');
    const stranger = await officer.form(`${desk}/cari`, { nik: '1809109999990001' });
    expect(stranger.status).toBe(400);
    expect(await text(stranger)).toContain('NIK ini tidak ada di DPT TPS ini');
    const twice = await officer.form(`${desk}/token`, { nik: voter.nik });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain('sudah menerima token');
    expect(await text(await officer.form(`${desk}/cari`, { nik: voter.nik }))).toContain('Sudah menerima token');

    // The booth: token (typed in lower case with a space), candidates, confirmation, receipt.
    const booth = `${desk}/bilik`;
    expect(await text(await officer.get(booth))).toContain('Langkah 1 dari 3');
    const typed = `${token!.slice(0, 3).toLowerCase()} ${token!.slice(3)}`;
    const choices = await officer.form(booth, { token: typed });
    expect(choices.status).toBe(200);
    const choicesText = await text(choices);
    for (const k of e.candidates) expect(choicesText).toContain(k.name);
    const second = e.candidates[1]!;
    const confirm = await officer.form(`${booth}/pilih`, { token: token!, candidate: String(second.id) });
    expect(await text(confirm)).toContain(`Anda memilih: No. 2 ${second.name}`);
    // Nothing is stored before the voter says yes.
    expect((await pool(e, tps1!.id))!.ballots).toEqual([]);
    const receipt = await officer.form(`${booth}/coblos`, { token: token!, candidate: String(second.id) });
    expect(receipt.status).toBe(200);
    const receiptText = await text(receipt);
    expect(receiptText).toContain('suara Anda sudah tersimpan');
    expect(receiptText).toContain(`No. 2 ${second.name}`);
    const serial = /Nomor seri surat suara: ([0-9A-F-]{14})/.exec(receiptText)?.[1]?.replace(/-/g, '');
    expect((await pool(e, tps1!.id))!.ballots).toEqual([{ s: serial, c: second.id }]);
    expect(receiptText).not.toContain(voter.name);
    // The token is spent.
    const again = await officer.form(`${booth}/coblos`, { token: token!, candidate: String(second.id) });
    expect(again.status).toBe(400);
    expect(await text(again)).toContain('token tidak sah atau sudah dipakai');
    expect((await pool(e, tps1!.id))!.ballots.length).toBe(1);

    // The log has the committee's steps and the token given, never a vote; no NIK in it.
    const log = await db().selectFrom('audit_log').select(['action', 'subject', 'detail']).where('village_code', '=', V).where('action', 'like', 'election.%').execute();
    expect(log.map((l) => l.action)).toEqual(expect.arrayContaining(['election.voting_open', 'election.voter_read', 'election.token_issued']));
    expect(JSON.stringify(log)).not.toContain(voter.nik);
    expect(JSON.stringify(log)).not.toContain(serial!);
  });

  it('locks a TPS\'s booths after ten wrong tokens in ten minutes, good tokens included', async () => {
    const e = await electionReady(db(), V, { stations: 1, candidates: 2, votersPerStation: 2, open: true });
    const booth = `${base(e)}/tps/${e.stations[0]!.id}/bilik`;
    const { token } = await issueToken(kpps, V, e.electionId, e.stations[0]!.id, e.voters[0]!.nik);
    // A well-formed wrong token counts; a badly formed one is a typing slip and does not.
    expect((await officer.form(booth, { token: 'abc' })).status).toBe(400);
    const wrong = token === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    for (let i = 0; i < 10; i++) expect((await officer.form(booth, { token: wrong })).status).toBe(400);
    const locked = await officer.form(booth, { token });
    expect(locked.status).toBe(429);
    expect(await text(locked)).toContain('Terlalu banyak token salah di bilik ini');
    await db().deleteFrom('attempt_counters').where('kind', '=', 'ballot').execute();
    expect((await officer.form(booth, { token })).status).toBe(200);
  });

  it('gives one voter one token and counts one token once, however many screens ask at once', async () => {
    const e = await electionReady(db(), V, { stations: 1, candidates: 2, votersPerStation: 3, open: true });
    const station = e.stations[0]!.id;
    const asks = await Promise.allSettled(Array.from({ length: 5 }, () => issueToken(kpps, V, e.electionId, station, e.voters[0]!.nik)));
    expect(asks.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(asks.filter((a) => a.status === 'rejected').map(refusal)).toEqual(Array(4).fill('election.already_took_token'));
    expect((await db().selectFrom('election_tokens').select('token_hash').where('village_code', '=', V).where('election_id', '=', e.electionId).execute()).length).toBe(1);
    const { token } = (asks.find((a) => a.status === 'fulfilled') as PromiseFulfilledResult<{ token: string }>).value;
    const casts = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => castVote(kpps, V, e.electionId, station, token, e.candidates[i % 2]!.id)));
    expect(casts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(casts.filter((a) => a.status === 'rejected').map(refusal)).toEqual(Array(4).fill('election.token_invalid'));
    expect((await pool(e, station))!.ballots).toHaveLength(1);
    // A voter of the DPT at another election, or a token of another TPS, is not taken either.
    const other = await electionReady(db(), V, { stations: 2, candidates: 2, votersPerStation: 1, open: true });
    const { token: t2 } = await issueToken(kpps, V, other.electionId, other.stations[1]!.id, other.voters[1]!.nik);
    await expect(castVote(kpps, V, other.electionId, other.stations[0]!.id, t2, other.candidates[0]!.id)).rejects.toMatchObject({ key: 'election.token_invalid' });
    await expect(issueToken(kpps, V, e.electionId, station, other.voters[0]!.nik)).rejects.toMatchObject({ key: 'election.voter_not_listed' });
  });

  it('closes each TPS into a signed chain holding every receipt; the tally is the votes; then the election', async () => {
    const e = await electionReady(db(), V, { stations: 2, candidates: 3, votersPerStation: 8, open: true });
    const receipts: { station: number; serial: string; candidate: number }[] = [];
    for (const [i, v] of e.voters.entries()) {
      const { token } = await issueToken(kpps, V, e.electionId, v.stationId, v.nik);
      const choice = e.candidates[i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : (i % 2) * 2]!;
      const r = await castVote(kpps, V, e.electionId, v.stationId, token, choice.id);
      receipts.push({ station: v.stationId, serial: r.serial, candidate: choice.id });
    }
    const [tps1, tps2] = e.stations;
    // Before closing, the chain is empty: every vote waits in the pool, sorted by serial.
    expect(await chain(e, tps1!.id)).toEqual([]);
    const p1 = (await pool(e, tps1!.id))!.ballots;
    expect(p1.map((b) => b.s)).toEqual(receipts.filter((r) => r.station === tps1!.id).map((r) => r.serial).sort());

    const closed = await committee.form(`${base(e)}/tps/${tps1!.id}/tutup`, { sure: '1' });
    expect(closed.status).toBe(303);
    expect(await text(await committee.get(closed.headers.get('location')!))).toContain('TPS 1 ditutup: 8 suara');
    const twice = await committee.form(`${base(e)}/tps/${tps1!.id}/tutup`, { sure: '1' });
    expect(twice.status).toBe(409);
    expect(await text(twice)).toContain('TPS 1 sudah ditutup');
    await expect(closeElection(panitia, V, e.electionId)).rejects.toMatchObject({ key: 'election.stations_open', params: { numbers: '2' } });
    const rows = await chain(e, tps1!.id);
    expect(rows.map((r) => r.serial)).toEqual(receipts.filter((r) => r.station === tps1!.id).map((r) => r.serial).sort());
    const want: Record<string, number> = {};
    for (const r of receipts.filter((x) => x.station === tps1!.id)) want[String(r.candidate)] = (want[String(r.candidate)] ?? 0) + 1;
    const stored = await db().selectFrom('election_stations').select(['tally', 'tally_signature', 'closed_at']).where('village_code', '=', V).where('id', '=', tps1!.id).executeTakeFirstOrThrow();
    expect(typeof stored.tally === 'string' ? JSON.parse(stored.tally) : stored.tally).toEqual(want);
    expect(await pool(e, tps1!.id)).toBeNull();
    // A closed TPS gives no token and takes no vote.
    const late = e.voters.find((v) => v.stationId === tps1!.id)!;
    await expect(issueToken(kpps, V, e.electionId, tps1!.id, late.nik)).rejects.toMatchObject({ key: 'election.station_closed' });

    const check = await verifyElection(panitia, V, e.electionId);
    expect(check.ok).toBe(true);
    expect(check.stations.map((s) => [s.number, s.votes, s.signature, s.pool])).toEqual([[1, 8, 'valid', 'sealed'], [2, 0, 'open', 'intact']]);

    // The pool of an open TPS changed behind Balai's back: the check and the next vote see it.
    const kept = (await pool(e, tps2!.id))!;
    const forged = kept.ballots.map((b, i) => (i === 0 ? { ...b, c: b.c === e.candidates[0]!.id ? e.candidates[1]!.id : e.candidates[0]!.id } : b));
    await db().updateTable('election_ballot_pool').set({ ballots: JSON.stringify(forged) }).where('village_code', '=', V).where('election_id', '=', e.electionId).where('station_id', '=', tps2!.id).execute();
    expect((await verifyChain(db(), keyOf(e, tps2!.id))).pool).toBe('tampered');
    expect(await text(await operator.get(`${base(e)}/verifikasi`))).toContain('Ada kotak suara yang tidak utuh');
    await expect(closeStation(panitia, V, e.electionId, tps2!.id)).rejects.toMatchObject({ key: 'election.pool_tampered' });
    await db().updateTable('election_ballot_pool').set({ ballots: JSON.stringify(kept.ballots) }).where('village_code', '=', V).where('election_id', '=', e.electionId).where('station_id', '=', tps2!.id).execute();

    await closeStation(panitia, V, e.electionId, tps2!.id);
    expect((await committee.form(`${base(e)}/tutup-pemilihan`, {})).status).toBe(303);
    const after = await db().selectFrom('monitoring_elections').select(['status', 'voted', 'registered']).where('village_code', '=', V).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'closed', voted: 16, registered: 16 });
    expect(await text(await operator.get(`${base(e)}/verifikasi`))).toContain('Semua TPS utuh');

    // Balai's own connection cannot change or remove a stored vote.
    await expect(sql`update election_ballots set candidate_id = candidate_id where village_code = ${V} and election_id = ${e.electionId}`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from election_ballots where village_code = ${V} and election_id = ${e.electionId} and position = 1`.execute(db())).rejects.toThrow(/append-only/);

    // Someone with the server's superuser changes one stored vote around the trigger: the check names the TPS and the link.
    // (Citus refuses to switch a trigger of a distributed table off, and the shards' own copies could not be reached
    // from here in the time there was: this part runs on PGlite and PostgreSQL.)
    if (testDatabaseKind() === 'citus') return;
    const target = rows[2]!;
    const other = e.candidates.find((k) => k.id !== Number(target.candidate_id))!;
    await aroundTrigger('disable');
    await sql`update election_ballots set candidate_id = ${other.id} where village_code = ${V} and election_id = ${e.electionId} and station_id = ${tps1!.id} and position = 3`.execute(db());
    await aroundTrigger('enable');
    const broken = await verifyElection(panitia, V, e.electionId);
    expect(broken.ok).toBe(false);
    expect(broken.stations[0]).toMatchObject({ number: 1, ok: false, broken: { position: 3, problem: 'hash' }, signature: 'invalid' });
    expect(broken.stations[1]).toMatchObject({ number: 2, ok: true });
    const page = await text(await operator.get(`${base(e)}/verifikasi`));
    expect(page).toContain('TPS 1: rusak pada suara ke-3 (isi suara diubah)');
    // Re-hashing the forged entry is not enough: the next link (or the signed head) gives it away.
    await aroundTrigger('disable');
    const { entryHash } = await import('./ballot-box.js');
    await sql`update election_ballots set hash = ${entryHash(keyOf(e, tps1!.id), 3, target.serial, other.id, target.prev_hash)} where village_code = ${V} and election_id = ${e.electionId} and station_id = ${tps1!.id} and position = 3`.execute(db());
    await aroundTrigger('enable');
    expect((await verifyElection(panitia, V, e.electionId)).stations[0]).toMatchObject({ ok: false, broken: { position: 4, problem: 'link' } });
  });

  it('refuses the steps out of order: voting before the day\'s list is final, closing an election still open', async () => {
    const e = await electionReady(db(), V, { stations: 1, candidates: 2, votersPerStation: 1, open: true });
    await expect(openVoting(panitia, V, e.electionId)).rejects.toMatchObject({ key: 'election.wrong_stage' });
    await expect(openVoting(kpps, V, e.electionId)).rejects.toMatchObject({ status: 403 });
    await expect(closeStation(kpps, V, e.electionId, e.stations[0]!.id)).rejects.toMatchObject({ status: 403 });
    const one = await electionReady(db(), V, { stations: 1, candidates: 1, votersPerStation: 1, open: false });
    await expect(openVoting(panitia, V, one.electionId)).rejects.toMatchObject({ key: 'election.too_few_candidates' });
  });
});

describe.skipIf(testDatabaseKind() !== 'postgresql')('kill -9 in the middle of voting', () => {
  it('loses no cast vote and counts none twice', async () => {
    const e = await electionReady(db(), V, { stations: 1, candidates: 3, votersPerStation: 400, open: true });
    const station = e.stations[0]!.id;
    const name = (await sql<{ n: string }>`select current_database() as n`.execute(db())).rows[0]!.n;
    const url = withDatabase(process.env.TEST_DATABASE_URL!, name);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-voter.ts'), url, V, String(e.electionId), String(station),
      e.candidates.map((k) => k.id).join(','), e.voters.map((v) => v.nik).join(',')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = 0;
    let errors = '';
    child.stderr.on('data', (d: Buffer) => { errors += d.toString(); });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        printed = Math.max(printed, ...[...d.toString().matchAll(/cast (\d+)/g)].map((m) => Number(m[1])));
        if (printed >= 60) { child.kill('SIGKILL'); resolve(); }
      });
      child.on('exit', () => (printed >= 60 ? resolve() : reject(new Error(`voter stopped early: ${errors}`))));
    });
    await new Promise((r) => setTimeout(r, 300));
    const tokens = await db().selectFrom('election_tokens').select(['used']).where('village_code', '=', V).where('election_id', '=', e.electionId).execute();
    const used = tokens.filter((x) => x.used).length;
    const took = (await db().selectFrom('election_voters').select('id').where('village_code', '=', V).where('election_id', '=', e.electionId).where('took_token', '=', true).execute()).length;
    const inPool = (await pool(e, station))!.ballots;
    expect(used).toBeGreaterThanOrEqual(printed);
    expect(took).toBe(tokens.length);
    expect(inPool.length).toBe(used);
    expect(new Set(inPool.map((b) => b.s)).size).toBe(inPool.length);
    expect((await verifyChain(db(), keyOf(e, station))).pool).toBe('intact');
    const { votes } = await closeStation(panitia, V, e.electionId, station);
    expect(votes).toBe(used);
    expect(await verifyChain(db(), keyOf(e, station))).toMatchObject({ ok: true, votes: used, signature: 'valid' });
  }, 120_000);
});
