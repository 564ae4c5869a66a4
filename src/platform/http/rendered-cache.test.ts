import { describe, expect, it } from 'vitest';
import { RenderedCache } from './rendered-cache.js';

describe('RenderedCache', () => {
  it('renders a key once, also for requests that arrive while it renders', async () => {
    const cache = new RenderedCache(1_000);
    let renders = 0;
    const render = async () => {
      renders++;
      await new Promise((r) => setTimeout(r, 5));
      return 'figures';
    };
    expect(await Promise.all([cache.get('a', render), cache.get('a', render), cache.get('a', render)])).toEqual(['figures', 'figures', 'figures']);
    expect(await cache.get('a', render)).toBe('figures');
    expect(renders).toBe(1);
  });

  it('lets the least recently used parts go beyond its size, and keeps nothing larger than it', async () => {
    const cache = new RenderedCache(10);
    await cache.get('a', async () => 'aaaa');
    await cache.get('b', async () => 'bbbb');
    await cache.get('a', async () => 'never');
    await cache.get('c', async () => 'cccc'); // 12 characters: b, the least recently used, goes
    expect(await cache.get('a', async () => 'again')).toBe('aaaa');
    expect(await cache.get('b', async () => 'b again')).toBe('b again');
    expect(await cache.get('huge', async () => 'x'.repeat(11))).toBe('x'.repeat(11));
    expect(await cache.get('huge', async () => 'made again')).toBe('made again');
  });

  it('keeps no failed rendering', async () => {
    const cache = new RenderedCache(100);
    await expect(cache.get('a', async () => { throw new Error('database gone'); })).rejects.toThrow('database gone');
    expect(await cache.get('a', async () => 'fine')).toBe('fine');
  });
});
