import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANURA } from '../src/modules/demo/seed-demo.js';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

/** What a phone on a slow line gets: compressed text, static files cached for long, a favicon. */

let t: TestApp;
let op: Client;
beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  op = await t.login('hanura');
});
afterAll(() => t?.close());

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
const web = (name: string) => readFileSync(join(import.meta.dirname, '..', 'web', name));

async function gunzipped(res: Response): Promise<Buffer> {
  expect(res.headers.get('content-encoding')).toBe('gzip');
  expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
  return gunzipSync(Buffer.from(await res.arrayBuffer()));
}

describe('compression', () => {
  it('sends pages, JSON, CSS and SVG gzipped to a browser that accepts it, and the same bytes as without', async () => {
    const plain = await (await op.get('/')).text();
    expect(plain.length).toBeGreaterThan(1000);
    const page = await op.get('/', GZIP);
    expect((await gunzipped(page)).toString()).toBe(plain);

    const json = await t.anonymous.get('/api/openapi.json', GZIP);
    const doc = JSON.parse((await gunzipped(json)).toString());
    expect(doc.openapi).toBe('3.1.0');

    const css = /href="(\/static\/app\.[0-9a-f]{10}\.css)"/.exec(plain)![1]!;
    expect((await gunzipped(await t.anonymous.get(css, GZIP))).equals(web('app.css'))).toBe(true);
    const icon = /href="(\/static\/favicon\.[0-9a-f]{10}\.svg)"/.exec(plain)![1]!;
    const svg = await t.anonymous.get(icon, GZIP);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect((await gunzipped(svg)).toString()).toMatch(/^<svg /);
  });

  it('leaves files that are compressed already (PDF, .xlsx) and clients that do not ask alone', async () => {
    const pdf = await op.get(`/desa/${HANURA}/penduduk/buku-induk.pdf`, GZIP);
    expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
    expect(pdf.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await op.get(`/desa/${HANURA}/penduduk/ekspor.xlsx`, GZIP);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(xlsx.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const page = await op.get('/');
    expect(page.headers.get('content-encoding')).toBeNull();
  });
});

describe('static files', () => {
  it('are named by their content and cached for a year; the plain name revalidates by ETag', async () => {
    const html = await (await t.anonymous.get('/')).text();
    const css = /<link rel="stylesheet" href="(\/static\/app\.([0-9a-f]{10})\.css)"/.exec(html);
    expect(css, 'the page links the fingerprinted stylesheet').toBeTruthy();
    const res = await t.anonymous.get(css![1]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await res.arrayBuffer()).equals(web('app.css'))).toBe(true);

    const plain = await t.anonymous.get('/static/app.css');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = plain.headers.get('etag')!;
    expect(etag).toBe(`"${css![2]}"`);
    const again = await t.anonymous.get('/static/app.css', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('stay cacheable for a logged-in officer, while the officer\'s pages are not stored', async () => {
    const html = await (await op.get('/')).text();
    const url = /href="(\/static\/app\.[0-9a-f]{10}\.css)"/.exec(html)![1]!;
    expect((await op.get(url)).headers.get('cache-control')).toMatch(/^public, max-age=31536000/);
  });

  it('every page has a favicon: a small SVG balai', async () => {
    for (const client of [t.anonymous, op]) {
      const html = await (await client.get('/')).text();
      const icon = /<link rel="icon" type="image\/svg\+xml" href="(\/static\/favicon\.[0-9a-f]{10}\.svg)"/.exec(html);
      expect(icon).toBeTruthy();
      const svg = await client.get(icon![1]!);
      expect(svg.status).toBe(200);
      const body = Buffer.from(await svg.arrayBuffer());
      expect(body.length).toBeLessThan(1024);
      expect(body.toString()).toContain('<title>Balai</title>');
    }
    // A browser that asks for /favicon.ico on its own is sent to the same icon.
    const ico = await t.anonymous.get('/favicon.ico');
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toMatch(/^\/static\/favicon\.[0-9a-f]{10}\.svg$/);
  });
});
