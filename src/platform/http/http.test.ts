import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDatabaseKind } from '../../../test/support/test-db.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('HTTP shell', () => {
  it('answers the health check with the database in use', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(await res.json()).toEqual({ status: 'ok', database: testDatabaseKind(), worker: 0 });
  });

  it('publishes an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const doc = await (await t.anonymous.get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/regions/{code}', '/api/v1/regions/{code}/children', '/api/v1/villages/{code}', '/api/v1/accounts']));
    expect(doc.components.schemas.LoginInput.required).toEqual(['username', 'password']);
  });

  it('refuses malformed JSON, wrong types and oversize bodies with the error shape', async () => {
    const malformed = await t.anonymous.request('/api/v1/auth/login', { method: 'POST', body: '{"username": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: { code: 'malformed_json', message: 'Isi permintaan bukan JSON yang sah.', field: null } });
    const wrongType = await t.anonymous.post('/api/v1/auth/login', { username: 42, password: 'x' });
    expect((await wrongType.json()).error).toEqual({ code: 'invalid_input', message: 'Kolom Nama pengguna harus berupa teks.', field: 'username' });
    const huge = await t.anonymous.request('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }), headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('body_too_large');
  });

  it('answers in English when asked', async () => {
    const res = await t.anonymous.get('/api/v1/regions/99.99', { 'accept-language': 'en-US,en;q=0.9' });
    expect((await res.json()).error.message).toBe('No region has the code 99.99.');
    const page = await t.anonymous.get('/masuk', { cookie: 'lang=en' });
    expect(await page.text()).toContain('Log in to Balai');
  });

  it('sends security headers: CSP without inline script, no framing, no sniffing', async () => {
    const res = await t.anonymous.get('/masuk');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('asks for login on pages and says 401 on the API', async () => {
    expect((await t.anonymous.get('/api/v1/villages/18.09.10.2004')).status).toBe(401);
    const page = await t.anonymous.get('/wilayah');
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('href="/masuk"');
  });

  it('does not follow a redirect to another site after login', async () => {
    const res = await t.anonymous.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: 'hanura', password: 'balai-demo', next: '//evil.example/x' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });
});
