import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes, describeRule } from '../src/platform/access/route-access.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The OpenAPI document says, for every operation, who may call it — read from the route's own
 * access() gate, so the document and the door cannot disagree — and how a program calls it
 * with an API token.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation { description?: string; security?: Record<string, string[]>[]; 'x-access'?: string; 'x-permission'?: string | string[] | null; 'x-api-token'?: boolean }
async function document() {
  const res = await t.anonymous.get('/api/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as { paths: Record<string, Record<string, Operation>>; components: { securitySchemes: Record<string, { type: string; scheme?: string }> } };
}
const operations = (doc: Awaited<ReturnType<typeof document>>) =>
  Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, path, op: item[m]! })));

describe('the OpenAPI document', () => {
  it('lists every operation\'s access rule and permission, taken from its access() gate', async () => {
    const doc = await document();
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(60);
    const rules = new Map(declaredRoutes(t.app).map((r) => [`${r.method} ${r.path}`, r.access?.rule]));
    const problems: string[] = [];
    for (const { key, op } of ops) {
      const rule = rules.get(key.replace(/\{(\w+)\}/g, ':$1'));
      if (!rule) { problems.push(`${key}: no access() gate found for the operation`); continue; }
      if (op['x-access'] !== describeRule(rule)) problems.push(`${key}: x-access ${op['x-access']} ≠ ${describeRule(rule)}`);
      if (!('x-permission' in op)) problems.push(`${key}: no x-permission`);
      const expected = typeof rule === 'string' ? null : 'anyOf' in rule ? undefined : rule.permission;
      if (expected !== undefined && op['x-permission'] !== expected) problems.push(`${key}: x-permission ${String(op['x-permission'])} ≠ ${expected}`);
      if (typeof op['x-api-token'] !== 'boolean') problems.push(`${key}: no x-api-token`);
      if (!/(^|\n)Access: /.test(op.description ?? '')) problems.push(`${key}: no "Access:" line in the description`);
      if (!Array.isArray(op.security)) problems.push(`${key}: no security`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('describes the API token as a bearer scheme, and which operations take it', async () => {
    const doc = await document();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey' });
    const adoption = doc.paths['/api/v1/monitoring/regions/{code}/adoption']!.get!;
    expect(adoption['x-permission']).toBe('monitoring.read');
    expect(adoption['x-api-token']).toBe(true);
    expect(adoption.security).toEqual([{ session: [] }, { apiToken: [] }]);
    expect(adoption.description).toContain('permission `monitoring.read`');
    // The account's own routes, accounts and a village copy's sync never take a token.
    for (const [path, method] of [['/api/v1/auth/me', 'get'], ['/api/v1/auth/password', 'post'], ['/api/v1/accounts', 'post'], ['/api/v1/villages/{code}/sync-keys', 'post']] as const) {
      expect(doc.paths[path]![method]!['x-api-token'], path).toBe(false);
      expect(JSON.stringify(doc.paths[path]![method]!.security), path).not.toContain('apiToken');
    }
    expect(doc.paths['/api/v1/sync/push']!.post!.security).toEqual([{ syncKey: [] }]);
    expect(doc.paths['/api/v1/letters/verify/{verify_code}']!.get!.security).toEqual([]);
  });
});
