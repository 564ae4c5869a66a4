import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import { CITIZEN_LOGIN_LIMITS } from '../src/modules/citizen/citizen-auth.service.js';
import { DEMO_CITIZEN, DEMO_PASSWORD } from '../src/modules/demo/seed-demo.js';
import { CITIZEN_SESSION_HOURS, LOGIN_LIMITS, SESSION_HOURS } from '../src/modules/identity/auth.service.js';
import { KIOSK_SESSION_SECONDS } from '../src/modules/letters/selfservice.pages.js';
import { loadConfig } from '../src/platform/config.js';
import { projectRoot } from '../src/platform/paths.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';

/**
 * Sessions and accounts (issue 6, part 3): cookie attributes, expiry and revocation,
 * password rules, a lock-out a stranger cannot turn against the village head, security
 * headers on everything the server answers, and no personal data in logs or URLs.
 */

const H = '18.09.10.2004'; // Hanura: demo accounts and the demo citizen's family
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  process.env.TRUST_PROXY = '1'; // each test comes from its own addresses
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await t.close();
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const apiLogin = (username: string, password: string, ip: string) => t.anonymous.json('POST', '/api/v1/auth/login', { username, password }, from(ip));
const formPost = (path: string, fields: Record<string, string>, ip: string, app = t.app) =>
  app.request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...from(ip) } });
const citizenLogin = (nik: string, pin: string, ip: string, app = t.app) => formPost('/warga/masuk', { nik, pin }, ip, app);
const kioskLogin = (nik: string, pin: string, ip: string, app = t.app) => formPost(`/anjungan/${H}`, { nik, pin }, ip, app);
const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]!;
const me = (cookie: string, ip = '10.99.0.1') => t.app.request('/api/v1/auth/me', { headers: { cookie, ...from(ip) } });
const attrs = (setCookie: string) => new Map(setCookie.split(';').slice(1).map((p) => { const [k, v = ''] = p.trim().split('='); return [k!.toLowerCase(), v]; }));
const sessionRow = async (cookie: string) => {
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256').update(cookie.split('=')[1]!).digest('hex');
  return t.db.kysely.selectFrom('sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
};
const hoursOf = (row: { created_at: Date; expires_at: Date | string }) => (new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()) / 3600_000;

describe('session cookies', () => {
  it('are HttpOnly, SameSite=Lax, for the whole site, as long as the session, and not Secure over plain HTTP in development', async () => {
    const viaApi = await apiLogin('hanura', DEMO_PASSWORD, '10.10.0.1');
    const viaForm = await formPost('/masuk', { username: 'hanura', password: DEMO_PASSWORD }, '10.10.0.1');
    expect(viaForm.status).toBe(303);
    for (const res of [viaApi, viaForm]) {
      const raw = res.headers.get('set-cookie')!;
      expect(raw).toMatch(/^balai_sid=[A-Za-z0-9_-]{43}/); // 32 random bytes
      const a = attrs(raw);
      expect(a.has('httponly')).toBe(true);
      expect(a.get('samesite')).toBe('Lax');
      expect(a.get('path')).toBe('/');
      expect(Number(a.get('max-age'))).toBe(SESSION_HOURS * 3600);
      expect(a.has('secure')).toBe(false);
    }
    expect(cookieOf(viaApi)).not.toBe(cookieOf(viaForm)); // a new token for every login
  });

  it('for a citizen last 2 hours, and at the village kiosk only a visit', async () => {
    const phone = await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.10.1.1');
    expect(phone.status).toBe(303);
    expect(Number(attrs(phone.headers.get('set-cookie')!).get('max-age'))).toBe(CITIZEN_SESSION_HOURS * 3600);
    const kiosk = await kioskLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.10.1.2');
    expect(kiosk.status).toBe(303);
    const a = attrs(kiosk.headers.get('set-cookie')!);
    expect(Number(a.get('max-age'))).toBe(KIOSK_SESSION_SECONDS);
    expect(KIOSK_SESSION_SECONDS).toBeLessThanOrEqual(15 * 60);
    expect(a.has('httponly')).toBe(true);
    expect(a.get('samesite')).toBe('Lax');
  });

  it('carry Secure behind HTTPS: COOKIE_SECURE=1 or NODE_ENV=production', async () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ COOKIE_SECURE: '1' }).secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    const secure = createApp({ db: t.db, secureCookies: true });
    const officer = await secure.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'hanura', password: DEMO_PASSWORD }), headers: { 'content-type': 'application/json', ...from('10.10.2.1') } });
    const page = await formPost('/masuk', { username: 'hanura', password: DEMO_PASSWORD }, '10.10.2.1', secure);
    const citizen = await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.10.2.2', secure);
    const kiosk = await kioskLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.10.2.3', secure);
    for (const res of [officer, page, citizen, kiosk]) {
      expect(res.status).toBeLessThan(400);
      expect(attrs(res.headers.get('set-cookie')!).has('secure')).toBe(true);
    }
  });

  it('are cleared on logout, and a token chosen by someone else is never adopted (no session fixation)', async () => {
    const planted = 'balai_sid=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const res = await t.app.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: 'hanura', password: DEMO_PASSWORD }), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: planted, ...from('10.10.3.1') } });
    expect(res.status).toBe(303);
    const cookie = cookieOf(res);
    expect(cookie).not.toBe(planted);
    expect((await me(planted)).status).toBe(401);
    const c = new Client(t.app, cookie, '', from('10.10.3.1'));
    const out = await c.post('/api/v1/auth/logout', {});
    expect(out.status).toBe(204);
    const cleared = out.headers.get('set-cookie')!;
    expect(cleared).toMatch(/^balai_sid=;/);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
  });
});

describe('session lifetime', () => {
  it('is 12 hours for officers, 2 hours for citizens, minutes at the kiosk — on the server, not only in the cookie', async () => {
    const officer = await sessionRow(cookieOf(await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.11.0.1')));
    const citizen = await sessionRow(cookieOf(await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.11.0.2')));
    const kiosk = await sessionRow(cookieOf(await kioskLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.11.0.3')));
    expect(hoursOf(officer!)).toBeCloseTo(12, 1);
    expect(hoursOf(citizen!)).toBeCloseTo(2, 1);
    expect(hoursOf(kiosk!) * 3600).toBeLessThanOrEqual(KIOSK_SESSION_SECONDS + 5);
  });

  it('ends at its expiry: the cookie no longer opens anything', async () => {
    const cookie = cookieOf(await apiLogin('batumenyan', DEMO_PASSWORD, '10.11.1.1'));
    expect((await me(cookie)).status).toBe(200);
    const row = await sessionRow(cookie);
    await t.db.kysely.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('token_hash', '=', row!.token_hash).execute();
    expect((await me(cookie)).status).toBe(401);
    const page = await t.app.request(`/desa/18.09.10.2001/penduduk`, { headers: { cookie } });
    expect(page.status === 401 || page.status === 302).toBe(true);
  });

  it('ends when the account is deactivated', async () => {
    const cookie = cookieOf(await apiLogin('telukpandan', DEMO_PASSWORD, '10.11.2.1'));
    expect((await me(cookie)).status).toBe(200);
    await t.db.kysely.updateTable('users').set({ active: false }).where('username', '=', 'telukpandan').execute();
    try {
      expect((await me(cookie)).status).toBe(401);
      expect((await apiLogin('telukpandan', DEMO_PASSWORD, '10.11.2.1')).status).toBe(403);
    } finally {
      await t.db.kysely.updateTable('users').set({ active: true }).where('username', '=', 'telukpandan').execute();
    }
  });
});

describe('revocation', () => {
  it('logging out ends only this session; "log out everywhere" ends every session of the account and no one else\'s', async () => {
    const phone = cookieOf(await apiLogin('kades.hanura', DEMO_PASSWORD, '10.12.0.1'));
    const office = cookieOf(await apiLogin('kades.hanura', DEMO_PASSWORD, '10.12.0.2'));
    const laptop = await t.login('kades.hanura', DEMO_PASSWORD, from('10.12.0.3'));
    const colleague = cookieOf(await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.12.0.4'));
    expect((await new Client(t.app, phone, '', from('10.12.0.1')).post('/api/v1/auth/logout', {})).status).toBe(204);
    expect((await me(phone)).status).toBe(401);
    expect((await me(office)).status).toBe(200);
    // The page's button (the password page): a form post with its CSRF token.
    const everywhere = await laptop.form('/keluar?semua=1', {});
    expect(everywhere.status).toBe(303);
    expect(everywhere.headers.get('location')).toBe('/masuk');
    expect((await me(office)).status).toBe(401);
    expect((await laptop.get('/api/v1/auth/me')).status).toBe(401);
    expect((await me(colleague)).status).toBe(200);
    const { n } = await t.db.kysely.selectFrom('sessions as s').innerJoin('users as u', 'u.id', 's.user_id').select((e) => e.fn.countAll<number>().as('n')).where('u.username', '=', 'kades.hanura').executeTakeFirstOrThrow();
    expect(Number(n)).toBe(0);
  });

  it('a citizen can log out everywhere too (a phone left at a neighbour\'s)', async () => {
    const a = cookieOf(await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.12.1.1'));
    const b = cookieOf(await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.12.1.2'));
    const page = await t.app.request('/warga/perbaikan', { headers: { cookie: a } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const out = await new Client(t.app, a, csrf, from('10.12.1.1')).form('/keluar?semua=1', {});
    expect(out.headers.get('location')).toBe('/warga/masuk');
    expect((await t.app.request('/warga', { headers: { cookie: b } })).headers.get('location')).toBe('/warga/masuk');
  });

  it('a log-out form without the session\'s CSRF token is refused (another site cannot log you out everywhere)', async () => {
    const c = await t.login('hanura', DEMO_PASSWORD, from('10.12.2.1'));
    expect((await c.form('/keluar?semua=1', {}, false)).status).toBe(403);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  });
});

describe('password rules (NIST SP 800-63B: length over composition, no common passwords)', () => {
  const create = (province: Client, username: string, password: string) =>
    province.post('/api/v1/accounts', { username, full_name: 'Operator Uji', role: 'village_operator', region_code: H, password });

  it('accepts a long passphrase without digits or symbols, and refuses short, common, trivial or username-like ones, naming the field', async () => {
    const province = await t.login('provinsi', DEMO_PASSWORD, from('10.13.0.1'));
    const cases: [string, string, number, RegExp?][] = [
      ['op.satu', 'kopi susu di balai desa', 201],
      ['op.dua', 'semuahurufkecilsaja', 201],
      ['op.tiga', 'Pendek1!', 400, /minimal 10 karakter/],
      ['op.empat', 'password123', 400, /terlalu umum/],
      ['op.lima', 'Bismillah123', 400, /terlalu umum/],
      ['op.enam', 'aaaaaaaaaaaaaa', 400, /terlalu umum/],
      ['op.tujuh', '1234567890', 400, /terlalu umum/],
      ['op.delapan', 'qwertyuiop', 400, /terlalu umum/],
      ['op.sembilan.desa', 'op.sembilan.desa', 400, /nama pengguna/i],
      ['op.sepuluh', 'x'.repeat(201), 400],
      ['op.sebelas', 'kata sandi yang panjang sekali dan mudah diingat'.repeat(4), 201],
      ['op.duabelas', 'ééééééééé', 400, /minimal 10 karakter/], // counted in characters, not bytes
    ];
    for (const [username, password, status, message] of cases) {
      const res = await create(province, username, password);
      const body = await res.json();
      expect([username, res.status]).toEqual([username, status]);
      if (status === 400) {
        expect(body.error.field).toBe('password');
        if (message) expect(body.error.message).toMatch(message);
      }
    }
  });

  it('stores only an argon2id hash', async () => {
    const row = await t.db.kysely.selectFrom('users').select('password_hash').where('username', '=', 'op.satu').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain('kopi');
  });
});

describe('lock-out', () => {
  it('locks a stranger guessing the village head\'s password, while the head logs in from the office', async () => {
    expect((await apiLogin('kades.hanura', DEMO_PASSWORD, '10.14.0.1')).status).toBe(200); // the office
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) expect((await apiLogin('kades.hanura', `tebakan ke ${i}`, '10.14.9.9')).status).toBe(401);
    const stranger = await apiLogin('kades.hanura', DEMO_PASSWORD, '10.14.9.9');
    expect(stranger.status).toBe(429);
    expect((await stranger.json()).error.message).toMatch(/dikunci sementara/);
    expect((await apiLogin('kades.hanura', DEMO_PASSWORD, '10.14.0.1')).status).toBe(200);
    expect((await apiLogin('kades.hanura', DEMO_PASSWORD, '10.14.0.77')).status).toBe(200); // a new address, too
  });

  it('guesses spread over many addresses lock the account only where it never logged in: the head still gets in at the office', async () => {
    await t.db.kysely.deleteFrom('attempt_counters').execute();
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.15.0.1')).status).toBe(200); // the office, known
    const addresses = Math.ceil(LOGIN_LIMITS.user / (LOGIN_LIMITS.pair - 1));
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < LOGIN_LIMITS.pair - 1; i++) await apiLogin('sekdes.hanura', `tebakan ${a}-${i}`, `10.15.${a + 10}.1`);
    }
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.15.200.1')).status).toBe(429); // a new address: locked
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.15.0.1')).status).toBe(200); // the office: not
    // …and the lock ends by itself.
    await sql`update attempt_counters set window_start = window_start - interval '16 minutes'`.execute(t.db.kysely);
    expect((await apiLogin('sekdes.hanura', DEMO_PASSWORD, '10.15.200.1')).status).toBe(200);
  });

  it('the same for a citizen, whose NIK strangers know from every photocopied KTP', async () => {
    await t.db.kysely.deleteFrom('attempt_counters').execute();
    expect((await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.16.0.1')).status).toBe(303); // their phone
    const addresses = Math.ceil(CITIZEN_LOGIN_LIMITS.nik / (CITIZEN_LOGIN_LIMITS.pair - 1));
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < CITIZEN_LOGIN_LIMITS.pair - 1; i++) await citizenLogin(DEMO_CITIZEN.nik, String(100000 + a * 10 + i), `10.16.${a + 10}.1`);
    }
    expect((await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.16.200.1')).status).toBe(429);
    expect((await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.16.0.1')).status).toBe(303);
    await t.db.kysely.deleteFrom('attempt_counters').execute();
  });
});

describe('client address behind the proxy (TRUST_PROXY=1)', () => {
  it('a forged leftmost X-Forwarded-For entry neither dodges the lock-out nor reaches the audit log', async () => {
    // Our proxy appends the address it saw (10.17.0.1); the client rotates what comes before it.
    const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}, 10.17.0.1` });
    for (let i = 0; i < LOGIN_LIMITS.pair; i++)
      expect((await t.anonymous.json('POST', '/api/v1/auth/login', { username: 'hanura', password: `tebakan ${i}` }, forged(i))).status).toBe(401);
    expect((await t.anonymous.json('POST', '/api/v1/auth/login', { username: 'hanura', password: DEMO_PASSWORD }, forged(99))).status).toBe(429);
    const audited = await t.db.kysely.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').where('actor_label', '=', 'hanura').execute();
    expect(audited.length).toBe(LOGIN_LIMITS.pair);
    expect(new Set(audited.map((r) => r.ip))).toEqual(new Set(['10.17.0.1']));
    await t.db.kysely.deleteFrom('attempt_counters').execute();
  });
});

describe('browser cache (issue 11 item 7)', () => {
  it('every answer to a logged-in officer or citizen — page, API, error, export — says no-store; static files stay cacheable', async () => {
    const op = await t.login('hanura', DEMO_PASSWORD, from('10.18.7.1'));
    const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, from('10.18.7.2'));
    for (const [who, client, path] of [
      ['officer', op, `/desa/${H}/penduduk`],
      ['officer', op, '/'],
      ['officer', op, `/api/v1/villages/${H}/residents`],
      ['officer', op, '/api/v1/auth/me'],
      ['officer', op, '/desa/99.99.99.9999/penduduk'],
      ['officer', op, '/tidak-ada'],
      ['citizen', citizen, '/warga'],
      ['citizen', citizen, '/warga/surat'],
      ['citizen', citizen, '/api/v1/auth/me'],
    ] as const) {
      const res = await client.get(path);
      expect([who, path, res.headers.get('cache-control')]).toEqual([who, path, expect.stringContaining('no-store')]);
    }
    for (const client of [op, citizen, t.anonymous]) {
      const css = await client.get('/static/app.css');
      expect(css.status).toBe(200);
      expect(css.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    }
  });
});

describe('security headers', () => {
  const REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

  function expectHeaders(res: Response, what: string) {
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k!, v]));
    expect(directives.get('default-src'), what).toEqual(["'self'"]);
    expect(directives.get('script-src'), what).toEqual(["'self'"]);
    expect(directives.get('style-src'), what).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
    expect(directives.get('object-src'), what).toEqual(["'none'"]);
    expect(directives.get('base-uri'), what).toEqual(["'none'"]);
    expect(directives.get('form-action'), what).toEqual(["'self'"]);
    expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    expect(res.headers.get('x-frame-options'), what).toBe('DENY');
    expect(REFERRER, what).toContain(res.headers.get('referrer-policy'));
  }

  it('are on every kind of answer: pages, API, errors, files, redirects', async () => {
    const op = await t.login('hanura', DEMO_PASSWORD, from('10.17.0.1'));
    const anonymous: [string, string][] = [
      ['GET', '/masuk'], ['GET', '/warga/masuk'], ['GET', `/anjungan/${H}`], ['GET', '/api/health'], ['GET', '/api/v1/auth/me'],
      ['GET', '/tidak-ada'], ['GET', '/api/v1/tidak-ada'], ['GET', '/static/app.css'], ['GET', `/publik/desa/${H}`], ['GET', '/api/openapi.json'],
      ['GET', `/desa/${H}/penduduk`], ['POST', '/api/v1/auth/login'],
    ];
    for (const [method, path] of anonymous) {
      const res = await t.app.request(path, { method, ...(method === 'POST' ? { body: '{', headers: { 'content-type': 'application/json', ...from('10.17.0.2') } } : {}) });
      expectHeaders(res, `${method} ${path} (${res.status})`);
    }
    for (const path of ['/', `/desa/${H}`, `/desa/${H}/penduduk`, `/desa/${H}/penduduk/ekspor.csv`, `/desa/${H}/surat`, `/api/v1/villages/${H}`, `/desa/18.09.10.2001`, '/api/v1/villages/18.09.10.2001']) {
      const res = await op.get(path);
      expectHeaders(res, `GET ${path} (${res.status})`);
    }
    expectHeaders(await op.form(`/desa/${H}/penduduk`, { q: 'Budi' }), 'POST search');
    expectHeaders(await op.form(`/desa/${H}/profil`, { postal_code: 'bukan kode' }), 'POST form with a mistake');
  });

  it('pages have no inline script or style for the policy to block', async () => {
    const op = await t.login('hanura', DEMO_PASSWORD, from('10.17.1.1'));
    for (const path of ['/', `/desa/${H}`, `/desa/${H}/penduduk`, `/desa/${H}/keluarga`, `/desa/${H}/surat`, `/desa/${H}/surat/baru`]) {
      const html = await (await op.get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html, path).not.toMatch(/\sstyle="|<style\b/i);
      expect(html, path).not.toMatch(/\son[a-z]+="/i);
    }
  });
});

describe('no personal data in logs', () => {
  /** Source files that run per request (not the command line an administrator types). */
  function sources(dir = join(projectRoot, 'src')): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return sources(p);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
    });
  }
  const COMMAND_LINE = /(^|\/)(cli|server|boot)\.ts$|[.-]?commands?\.ts$|(^|\/)seed-demo\.ts$/;

  it('no request path logs a body, a form, a NIK, a name or a raw error object', () => {
    const offending: string[] = [];
    for (const file of sources()) {
      if (COMMAND_LINE.test(file)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/console\.(log|info|warn|error|debug)\(([\s\S]*?)\);/g)) {
        const args = m[2]!;
        const line = text.slice(0, m.index).split('\n').length;
        // The error object itself prints its properties: a database error carries the query's values.
        const rawError = /,\s*(err|e|error)\s*$/.test(args.trim());
        const personal = /\b(body|parseBody|formFields|fields|nik|pin|password|name|full_name|resident|input|values|req\.(json|text|query))\b/i.test(args.replace(/\$\{[^}]*errorForLog[^}]*\}/g, ''));
        if (rawError || personal) offending.push(`${file.slice(projectRoot.length + 1)}:${line}: ${m[0].slice(0, 120)}`);
      }
    }
    // The log channel of notifications is for development, and names residents only by id.
    expect(offending.filter((o) => !o.includes('platform/notify/channels.ts'))).toEqual([]);
  });

  describe('an unexpected error', () => {
    const logged: string[] = [];
    afterEach(() => {
      vi.restoreAllMocks();
      logged.length = 0;
    });

    it('is logged without the values of the query that failed (NIKs, names), and the user sees a plain message', async () => {
      for (const level of ['log', 'error', 'warn', 'info'] as const) vi.spyOn(console, level).mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
      const app = createApp({ db: t.db, secureCookies: false });
      // A query that fails on a resident's data, as a bug in a use case would.
      app.get('/__uji/gagal', async () => {
        await sql`select ${DEMO_CITIZEN.nik}::int, ${DEMO_CITIZEN.name}::int`.execute(t.db.kysely);
        return new Response('unreachable');
      });
      app.get('/__uji/gagal-unik', async () => {
        await sql`insert into active_niks (nik, village_code, resident_id) values (${DEMO_CITIZEN.nik}, ${H}, 1)`.execute(t.db.kysely);
        return new Response('unreachable');
      });
      for (const path of ['/__uji/gagal', '/__uji/gagal-unik']) {
        const page = await app.request(path);
        expect(page.status).toBe(500);
        const html = await page.text();
        expect(html).toContain('Terjadi kesalahan pada server');
        expect(html).not.toContain(DEMO_CITIZEN.nik);
      }
      const api = await app.request('/__uji/gagal', { headers: { accept: 'application/json' } });
      expect(await api.json()).toMatchObject({ error: { code: 'internal', message: 'Terjadi kesalahan pada server. Silakan coba lagi.', field: null } });
      const text = logged.join('\n');
      expect(text).toMatch(/\[balai\] (ref [0-9a-f]+ )?GET \/__uji\/gagal: .*SQLSTATE [0-9A-Z]{5}/);
      expect(text).toMatch(/SQLSTATE 23505/);
      expect(text).not.toContain(DEMO_CITIZEN.nik);
      expect(text).not.toContain(DEMO_CITIZEN.nik.slice(4, 12));
      expect(text).not.toContain(DEMO_CITIZEN.name);
    });
  });
});

describe('no personal data in URLs', () => {
  let op: Client;
  let resident: { id: number; nik: string; name: string };
  beforeAll(async () => {
    op = await t.login('hanura', DEMO_PASSWORD, from('10.18.0.1'));
    const res = await op.form(`/desa/${H}/penduduk/baru`, { name: 'Wulan Sari Dewi', sex: '2', religion: '1', nik: '1809106503950007', kk_number: '1809100101950007', birth_date: '1995-03-25', birth_place: 'Pesawaran' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/desa/${H}/penduduk/\\d+\\?[a-z]+=[a-z0-9]+$`)); // by id, never by NIK
    resident = { id: Number(/penduduk\/(\d+)/.exec(location)![1]), nik: '1809106503950007', name: 'Wulan Sari Dewi' };
  });

  /** Every URL a page offers: links, form actions, images and scripts. */
  const urls = (html: string) => [...html.matchAll(/\s(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  /** GET forms and the names of their fields. */
  const getForms = (html: string) =>
    [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)]
      .filter((m) => !/method="post"/i.test(m[1]!))
      .map((m) => ({ action: /action="([^"]*)"/.exec(m[1]!)?.[1] ?? '(this page)', fields: [...m[2]!.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map((f) => f[1]!) }));

  it('searches by NIK, KK or name are posted, and their results and next pages keep the term out of every URL', async () => {
    const searches: [string, Record<string, string>][] = [
      [`/desa/${H}/penduduk`, { q: resident.nik }],
      [`/desa/${H}/penduduk`, { q: resident.name }],
      [`/desa/${H}/keluarga`, { q: '1809100101950007' }],
      [`/desa/${H}/surat`, { q: resident.nik }],
    ];
    for (const [path, fields] of searches) {
      const res = await op.form(path, fields);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain(`value="${fields.q}"`); // the term is kept in the form
      for (const url of urls(html)) {
        expect(url, `${path}: ${url}`).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
        expect(url, `${path}: ${url}`).not.toContain(encodeURIComponent(resident.name).replace(/%20/g, '+'));
        expect(url, `${path}: ${url}`).not.toMatch(/[?&](q|nik|kk|kk_number|nama|name)=/);
      }
    }
    const found = await (await op.form(`/desa/${H}/penduduk`, { q: resident.nik })).text();
    expect(found).toContain(`/desa/${H}/penduduk/${resident.id}`);
  });

  it('no form on the pages an officer uses sends a NIK, a KK or a name by GET', async () => {
    const pages = [
      '/', `/desa/${H}`, `/desa/${H}/penduduk`, `/desa/${H}/penduduk/${resident.id}`, `/desa/${H}/keluarga`, `/desa/${H}/surat`,
      `/desa/${H}/surat/baru`, `/desa/${H}/surat/baru?penduduk=${resident.id}`, `/desa/${H}/surat/baru?jenis=sktm`, `/desa/${H}/surat/arsip.xlsx`.replace('arsip.xlsx', 'angka'),
      `/desa/${H}/statistik`, `/desa/${H}/penduduk/impor`, `/desa/${H}/perbaikan-data`, '/wilayah', '/akun/kata-sandi',
    ];
    const personal = ['q', 'nik', 'no_kk', 'kk', 'kk_number', 'name', 'nama', 'pin'];
    for (const path of pages) {
      const res = await op.get(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      for (const form of getForms(html)) {
        // The region browser's search looks up place names, not people.
        if (form.action === '/wilayah') continue;
        expect(form.fields.filter((f) => personal.includes(f)), `${path}: GET form to ${form.action}`).toEqual([]);
      }
      for (const url of urls(html)) expect(url, `${path}: ${url}`).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
    }
  });

  it('the counter letter form carries the NIK in the POST body and redirects by id', async () => {
    const form = await (await op.get(`/desa/${H}/surat/baru?jenis=sktm`)).text();
    expect(form).toMatch(/<form method="post"[^>]*>[\s\S]*name="nik"/);
    const res = await op.form(`/desa/${H}/surat/baru?jenis=sktm`, { nik: resident.nik, 'isian.keperluan': 'Beasiswa', idempotency_key: 'sessions-test-0001' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/desa/${H}/surat/\\d+\\?ok=diajukan$`));
  });

  it('the citizen login posts the NIK, and the redirect after it names no one', async () => {
    const page = await (await t.app.request('/warga/masuk')).text();
    expect(page).toMatch(/<form[^>]*method="post"[^>]*>[\s\S]*name="nik"/);
    const res = await citizenLogin(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin, '10.18.1.1');
    expect(res.headers.get('location')).toBe('/warga');
  });
});

describe('the audit log', () => {
  it('names what was acted on by kind and id, never by NIK or name, even when one was typed into a free-text field', async () => {
    const op = await t.login('hanura', DEMO_PASSWORD, from('10.19.0.1'));
    const head = await t.login('kades.hanura', DEMO_PASSWORD, from('10.19.0.2'));
    // A NIK typed as a username; a NIK and a name in a correction's reason and a revocation's reason.
    await apiLogin(DEMO_CITIZEN.nik, 'salah sandi sekali', '10.19.0.3');
    const budi = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', H).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow()).id;
    const corrected = await op.form(`/desa/${H}/penduduk/${budi}/koreksi`, { birth_place: 'Teluk Pandan', reason: `Salah tulis, lihat KK ${DEMO_CITIZEN.nik} milik ${DEMO_CITIZEN.name}` });
    expect(corrected.status).toBeLessThan(400); // saved: the page, or a redirect to it
    const requested = await op.post(`/api/v1/villages/${H}/letters`, { type: 'sktm', nik: DEMO_CITIZEN.nik, fields: { keperluan: 'Beasiswa' } });
    const letter = (await requested.json()).data.id as number;
    await op.post(`/api/v1/villages/${H}/letters/${letter}/check`, {});
    expect((await head.post(`/api/v1/villages/${H}/letters/${letter}/sign`, {})).status).toBe(200);
    expect((await head.post(`/api/v1/villages/${H}/letters/${letter}/revoke`, { reason: `Data ${DEMO_CITIZEN.name} NIK ${DEMO_CITIZEN.nik} keliru` })).status).toBe(200);
    await op.get(`/desa/${H}/penduduk/${budi}?keperluan=${encodeURIComponent(`cek ${DEMO_CITIZEN.nik}`)}`);

    const rows = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_label', 'subject', 'detail']).execute();
    const people = await t.db.kysely.selectFrom('residents').select(['nik', 'name']).where('village_code', '=', H).execute();
    expect(rows.length).toBeGreaterThan(20);
    for (const r of rows) {
      const text = `${r.actor_label} ${r.subject ?? ''} ${JSON.stringify(r.detail)}`;
      expect(text, r.action).not.toMatch(/(?<!\d)\d{16}(?!\d)/);
      if (r.subject !== null) expect(r.subject, r.action).toMatch(/^[a-z_]+:[0-9a-z_.]+$/);
      for (const p of people) {
        expect(`${r.subject ?? ''} ${JSON.stringify(r.detail)}`, r.action).not.toContain(p.name);
      }
    }
    // What the masked label still says: someone tried the officer login with a NIK.
    expect(rows.some((r) => r.action === 'auth.login_failed' && r.actor_label === `${DEMO_CITIZEN.nik.slice(0, 4)}********${DEMO_CITIZEN.nik.slice(12)}`)).toBe(true);
  });
});
