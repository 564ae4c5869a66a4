import autocannon from 'autocannon';
import { sql } from 'kysely';
import { HANURA } from '../src/modules/demo/seed-demo.js';
import { hashPassword } from '../src/modules/identity/index.js';
import type { Db } from '../src/platform/db/connect.js';

/**
 * One village under load, shared by the benchmark (bench/load.bench.ts: 200 citizens and 50
 * officers for 60 s on PostgreSQL) and its short CI variant (test/load.test.ts):
 *
 * - citizens, each logged in once with NIK and PIN, check their requests: /warga/surat, then
 *   one of their letters, /warga/surat/:id, again and again;
 * - officers (the village secretary's sessions) search the register (the page and the API),
 *   then take a letter through the whole desk: request at the counter, check, sign.
 *
 * Driven by autocannon over real sockets. Afterwards the database must show every letter the
 * server said it signed, each numbered once, and every scope's numbers 1…n matching its counter.
 */

export const LOAD_PIN = '582031';
const SIGNER = 'sekdes.hanura';

export interface PreparedVillage {
  citizens: { nik: string; id: number }[];
  residentIds: number[];
  names: string[];
}

/** Citizens with PINs (one argon2 hash shared: hashing 200 PINs would only time argon2) and names to search for. */
export async function prepareVillage(db: Db, citizens: number): Promise<PreparedVillage> {
  const k = db.kysely;
  const people = await k
    .selectFrom('residents')
    .select(['id', 'nik', 'name'])
    .where('village_code', '=', HANURA)
    .where('life_status', '=', 1)
    .where('nik_temporary', '=', false)
    .orderBy('id')
    .limit(Math.max(citizens, 100))
    .execute();
  if (people.length < citizens) throw new Error(`only ${people.length} residents to be citizens`);
  const pinHash = await hashPassword(LOAD_PIN);
  const chosen = people.slice(0, citizens);
  await k
    .insertInto('citizen_pins')
    .values(chosen.map((p) => ({ village_code: HANURA, resident_id: p.id, pin_hash: pinHash, issued_by: null })))
    .onConflict((oc) => oc.columns(['village_code', 'resident_id']).doUpdateSet({ pin_hash: pinHash }))
    .execute();
  const names = [...new Set(people.map((p) => p.name.split(' ')[0]!).filter((n) => n.length >= 3))].slice(0, 50);
  return { citizens: chosen.map((p) => ({ nik: p.nik, id: p.id })), residentIds: people.map((p) => p.id), names };
}

export interface Sessions {
  citizens: string[];
  officers: string[];
}

/** Each citizen logs in once (and asks for one letter online, so there is something to check); officers log in. */
export async function logIn(base: string, prepared: PreparedVillage, officers: number): Promise<Sessions> {
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const citizens: string[] = [];
  for (const c of prepared.citizens) {
    const res = await fetch(`${base}/warga/masuk`, { method: 'POST', body: new URLSearchParams({ nik: c.nik, pin: LOAD_PIN }), redirect: 'manual' });
    if (res.status !== 303) throw new Error(`citizen login ${c.nik}: ${res.status}`);
    const cookie = cookieOf(res);
    const letter = await fetch(`${base}/api/v1/villages/${HANURA}/letters`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'domisili', fields: { keperluan: 'Uji beban: cek permohonan' } }),
    });
    if (letter.status !== 201) throw new Error(`citizen letter: ${letter.status} ${await letter.text()}`);
    citizens.push(cookie);
  }
  const officerCookies: string[] = [];
  for (let i = 0; i < officers; i++) {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: SIGNER, password: 'balai-demo' }) });
    if (res.status !== 200) throw new Error(`officer login: ${res.status} ${await res.text()}`);
    officerCookies.push(cookieOf(res));
  }
  // One official checks and signs here, as a village with few officials chooses to allow
  // (otherwise the one who checked may not sign: four eyes by default).
  const settings = await fetch(`${base}/api/v1/villages/${HANURA}/letter-settings`, {
    method: 'PUT', headers: { 'content-type': 'application/json', cookie: officerCookies[0]! },
    body: JSON.stringify({ number_pattern: '{klasifikasi}/{nomor}/{kode_desa}/{bulan_romawi}/{tahun}', number_scope: 'village_year', paper: 'A4', citizen_download: true, staff_number_label: 'NIPD', checker_may_sign: true }),
  });
  if (settings.status !== 200) throw new Error(`letter settings: ${settings.status} ${await settings.text()}`);
  return { citizens, officers: officerCookies };
}

interface Context {
  cookie?: string;
  ids?: string[];
  letterId?: number;
}
type Req = { method: string; path: string; headers: Record<string, string>; body?: string };

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

/** Each connection gets its own session: autocannon keeps one context per connection, reset to this each round. */
export function sessionPerConnection(cookies: string[]) {
  let next = 0;
  return (client: { requestIterator: { initialContext: Context; resetContext(): void } }) => {
    client.requestIterator.initialContext = { cookie: cookies[next++ % cookies.length] };
    client.requestIterator.resetContext();
  };
}

/** The first request of a connection is built before its session is known: it asks for /api/health once. */
export const withSession = (build: (req: Req, ctx: Context) => Req | null) => (req: Req, ctx: Context) =>
  ctx.cookie ? build({ ...req, headers: { ...req.headers, cookie: ctx.cookie } }, ctx) : { ...req, method: 'GET', path: '/api/health' };

export interface LoadGroupResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadResult {
  seconds: number;
  citizens: LoadGroupResult;
  officers: LoadGroupResult;
  /** Letters the server answered 200 to signing, during the run. */
  signed: number[];
  startedAt: Date;
  officerConnections: number;
}

const summary = (r: any): LoadGroupResult => ({
  requests: r.requests.total,
  requestsPerSecond: r.requests.total / r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  max: r.latency.max,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
});

export async function runLoad(base: string, prepared: PreparedVillage, sessions: Sessions, seconds: number): Promise<LoadResult> {
  const signed: number[] = [];
  const startedAt = new Date();
  const letters = `/api/v1/villages/${HANURA}/letters`;
  const json = { 'content-type': 'application/json' };
  const common = { url: base, duration: seconds, pipelining: 1, timeout: 30 };

  const citizens = autocannon({
    ...common,
    connections: sessions.citizens.length,
    setupClient: sessionPerConnection(sessions.citizens),
    requests: [
      {
        method: 'GET',
        path: '/warga/surat',
        setupRequest: withSession((req) => req),
        onResponse: (_status: number, body: string, ctx: Context) => {
          ctx.ids = [...body.matchAll(/href="\/warga\/surat\/(\d+)"/g)].map((m) => m[1]!);
        },
      },
      { method: 'GET', path: '/warga/surat/0', setupRequest: withSession((req, ctx) => (ctx.ids?.length ? { ...req, path: `/warga/surat/${pick(ctx.ids)}` } : null)) },
    ],
  });

  const officers = autocannon({
    ...common,
    connections: sessions.officers.length,
    setupClient: sessionPerConnection(sessions.officers),
    requests: [
      { method: 'GET', path: '/', setupRequest: withSession((req) => ({ ...req, path: `/desa/${HANURA}/penduduk?q=${encodeURIComponent(pick(prepared.names))}` })) },
      { method: 'GET', path: '/', setupRequest: withSession((req) => ({ ...req, path: `/api/v1/villages/${HANURA}/residents?q=${encodeURIComponent(pick(prepared.names))}` })) },
      {
        method: 'POST',
        path: letters,
        setupRequest: withSession((req) => ({ ...req, headers: { ...req.headers, ...json }, body: JSON.stringify({ type: 'domisili', resident_id: pick(prepared.residentIds), fields: { keperluan: 'Uji beban' } }) })),
        onResponse: (status: number, body: string, ctx: Context) => {
          ctx.letterId = status === 201 ? (JSON.parse(body) as { data: { id: number } }).data.id : undefined;
        },
      },
      { method: 'POST', path: letters, setupRequest: withSession((req, ctx) => (ctx.letterId ? { ...req, path: `${letters}/${ctx.letterId}/check`, headers: { ...req.headers, ...json }, body: '{}' } : null)) },
      {
        method: 'POST',
        path: letters,
        setupRequest: withSession((req, ctx) => (ctx.letterId ? { ...req, path: `${letters}/${ctx.letterId}/sign`, headers: { ...req.headers, ...json }, body: '{}' } : null)),
        onResponse: (status: number, _body: string, ctx: Context) => {
          if (status === 200 && ctx.letterId) signed.push(ctx.letterId);
        },
      },
    ],
  });

  const [c, o] = await Promise.all([citizens, officers]);
  // Requests in flight when the clock stopped still finish on the server: let them, before anyone counts.
  await new Promise((r) => setTimeout(r, 1500));
  return { seconds, citizens: summary(c), officers: summary(o), signed, startedAt, officerConnections: sessions.officers.length };
}

/** No letter lost or numbered twice: what the server said it signed is signed, and every scope runs 1…n like its counter. */
export async function verifyLetters(db: Db, result: LoadResult): Promise<{ problems: string[]; signedInDb: number }> {
  const k = db.kysely;
  const problems: string[] = [];
  const rows = await k
    .selectFrom('letters')
    .select(['id', 'number', 'number_scope_key', 'running_number', 'signed_at'])
    .where('village_code', '=', HANURA)
    .where('number', 'is not', null)
    .execute();
  // The letters' own scopes: the queue's (antrian:) and the incoming letters' agenda (surat-masuk:) count other things.
  const counters = await k.selectFrom('letter_counters').select(['scope_key', 'last_number']).where('village_code', '=', HANURA)
    .where('scope_key', 'not like', 'antrian:%').where('scope_key', 'not like', 'surat-masuk:%').execute();
  for (const c of counters) {
    const got = rows.filter((r) => r.number_scope_key === c.scope_key).map((r) => r.running_number!).sort((a, b) => a - b);
    for (let i = 0; i < got.length; i++) if (got[i] !== i + 1) {
      problems.push(`scope ${c.scope_key}: number ${i + 1} is ${got[i]}`);
      break;
    }
    if (got.length !== c.last_number) problems.push(`scope ${c.scope_key}: ${got.length} letters, counter at ${c.last_number}`);
  }
  if (new Set(rows.map((r) => r.number)).size !== rows.length) problems.push('a letter number appears twice');
  const byId = new Set(rows.map((r) => r.id));
  const lost = result.signed.filter((id) => !byId.has(id));
  if (lost.length) problems.push(`${lost.length} letters answered as signed are not signed`);
  if (new Set(result.signed).size !== result.signed.length) problems.push('a letter was signed twice');
  const during = await k
    .selectFrom('letters')
    .select(sql<number>`count(*)`.as('n'))
    .where('village_code', '=', HANURA)
    .where('signed_at', '>=', result.startedAt)
    .executeTakeFirstOrThrow();
  const signedInDb = Number(during.n);
  // A signature in flight when the clock stopped is done by the server but its answer is not
  // counted: at most one per officer connection.
  if (signedInDb < result.signed.length || signedInDb > result.signed.length + result.officerConnections)
    problems.push(`${signedInDb} letters signed in the database during the run, ${result.signed.length} answered`);
  return { problems, signedInDb };
}
