import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { clientIp } from './client-ip.js';

const app = new Hono().get('/', (c) => c.text(clientIp(c)));
const ipFor = async (xff?: string) => (await app.request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} })).text();

afterEach(() => {
  delete process.env.TRUST_PROXY;
});

describe('clientIp (issue 11 item 3)', () => {
  it('ignores X-Forwarded-For without TRUST_PROXY', async () => {
    expect(await ipFor('203.0.113.9')).toBe('local');
  });

  it('with one proxy takes the rightmost entry, the one our proxy wrote, never the forged leftmost', async () => {
    process.env.TRUST_PROXY = '1';
    expect(await ipFor('203.0.113.9')).toBe('203.0.113.9');
    expect(await ipFor('1.1.1.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ipFor('6.6.6.6,7.7.7.7 ,  203.0.113.9')).toBe('203.0.113.9');
  });

  it('with N proxies takes the entry N hops from the right', async () => {
    process.env.TRUST_PROXY = '2';
    expect(await ipFor('1.1.1.1, 198.51.100.7, 10.0.0.2')).toBe('198.51.100.7');
    expect(await ipFor('198.51.100.7')).toBe('198.51.100.7');
  });

  it('treats anything but a positive whole number as no proxy', async () => {
    for (const v of ['0', 'yes', '-1', '1.5']) {
      process.env.TRUST_PROXY = v;
      expect([v, await ipFor('203.0.113.9')]).toEqual([v, 'local']);
    }
  });
});
