import { createApp } from '../../src/app.js';
import type { Db } from '../../src/platform/db/connect.js';
import { seedDemo, DEMO_PASSWORD } from '../../src/modules/demo/seed-demo.js';
import { createTestDb, demoTemplateReady } from './test-db.js';

export type App = ReturnType<typeof createApp>;

/** A logged-in browser, as far as the server can tell: the cookie and the page's CSRF token. */
export class Client {
  constructor(
    readonly app: App,
    readonly cookie = '',
    readonly csrf = '',
    readonly headers: Record<string, string> = {},
  ) {}

  request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v);
    return this.app.request(path, { ...init, headers });
  }
  get(path: string, headers: Record<string, string> = {}) {
    return this.request(path, { headers });
  }
  json(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.request(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
  }
  post(path: string, body: unknown) {
    return this.json('POST', path, body);
  }
  /** A form post as the browser sends it, with the CSRF token unless told otherwise. */
  form(path: string, fields: Record<string, string>, withCsrf = true) {
    const body = new URLSearchParams({ ...(withCsrf ? { _csrf: this.csrf } : {}), ...fields });
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

export interface TestApp {
  db: Db;
  app: App;
  anonymous: Client;
  login(username: string, password?: string, headers?: Record<string, string>): Promise<Client>;
  /** A citizen logged in with NIK and PIN through the /warga/masuk form. */
  loginCitizen(nik: string, pin: string, headers?: Record<string, string>): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A fresh database with the demo (Lampung, Hanura and its accounts) and the app on top.
 * Without `population`, Hanura has no generated residents, so tests can count their own;
 * without `citizen`, not even the demo citizen's family (DEMO_CITIZEN).
 */
export async function createTestApp(options: { population?: boolean; citizen?: boolean } = {}): Promise<TestApp> {
  const demo = { population: options.population ?? false, citizen: options.citizen ?? false };
  const seeded = demoTemplateReady(demo);
  const db = await createTestDb(seeded ? demo : undefined);
  if (!seeded) await seedDemo(db, demo);
  const app = createApp({ db, secureCookies: false });
  const anonymous = new Client(app);
  return {
    db,
    app,
    anonymous,
    async login(username, password = DEMO_PASSWORD, headers = {}) {
      const res = await anonymous.json('POST', '/api/v1/auth/login', { username, password }, headers);
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await app.request('/akun/kata-sandi', { headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      return new Client(app, cookie, csrf, headers);
    },
    async loginCitizen(nik, pin, headers = {}) {
      const body = new URLSearchParams({ nik, pin });
      const res = await app.request('/warga/masuk', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
      if (res.status !== 303) throw new Error(`citizen login ${nik} failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      const page = await app.request('/warga/perbaikan', { headers: { cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      return new Client(app, cookie, csrf, headers);
    },
    close: () => db.close(),
  };
}
