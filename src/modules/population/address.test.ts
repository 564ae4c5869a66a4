import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaChain, formatAddress } from './address.js';

const dusun = (name: string) => ({ level: 'dusun', name });
const rw = (name: string) => ({ level: 'rw', name });
const rt = (name: string) => ({ level: 'rt', name });

describe('formatAddress: one address line for letters, pages and exports', () => {
  it('a street address with dusun, RW and RT', () => {
    expect(formatAddress('Jl. Pantai Hanura No. 7', [dusun('Dusun I'), rw('002'), rt('001')])).toBe('Jl. Pantai Hanura No. 7, Dusun I, RT 001/RW 002');
  });

  it('says "Dusun" once, whether the dusun is named "I" or "Dusun I"', () => {
    expect(formatAddress(null, [dusun('I'), rt('001')])).toBe('Dusun I, RT 001');
    expect(formatAddress(null, [dusun('Dusun I'), rt('001')])).toBe('Dusun I, RT 001');
    expect(formatAddress(null, [dusun('Lingkungan II')])).toBe('Lingkungan II');
  });

  it('does not repeat what the free text already names (the demo letter printed "Dusun I, RT 001, Dusun Dusun I, RT 001")', () => {
    expect(formatAddress('Dusun I, RT 001', [dusun('Dusun I'), rt('001')])).toBe('Dusun I, RT 001');
    // Generated residents: "Dusun Sukamaju, RT 002/RW 001" with the same areas registered.
    expect(formatAddress('Dusun Sukamaju, RT 002/RW 001', [dusun('Dusun Sukamaju'), rw('001'), rt('002')])).toBe('Dusun Sukamaju, RT 002/RW 001');
    expect(formatAddress('Kp. Baru RT.02 RW 1', [dusun('Dusun II'), rw('001'), rt('002')])).toBe('Kp. Baru RT.02 RW 1, Dusun II');
    expect(formatAddress('RT/RW 003/004 Dusun Mekar', [dusun('Mekar'), rw('004'), rt('003')])).toBe('RT/RW 003/004 Dusun Mekar');
  });

  it('"Dusun I" in the text does not stand for "Dusun II", nor RT 1 for RT 10', () => {
    expect(formatAddress('Dusun II', [dusun('Dusun I')])).toBe('Dusun II, Dusun I');
    expect(formatAddress('Dusun I RT 01', [dusun('Dusun I'), rt('010')])).toBe('Dusun I RT 01, RT 010');
  });

  it('without areas, only the free text; without anything, empty', () => {
    expect(formatAddress('Jl. Merdeka 5', [])).toBe('Jl. Merdeka 5');
    expect(formatAddress('  Jl.  Merdeka\n5 ', [])).toBe('Jl. Merdeka 5');
    expect(formatAddress(null, [])).toBe('');
    expect(formatAddress('', [rw('003')])).toBe('RW 003');
  });

  it('areaChain walks up from an area to its dusun, and survives a loop in bad data', () => {
    const areas = [{ id: 1, parent_id: null, level: 'dusun', name: 'Dusun I' }, { id: 2, parent_id: 1, level: 'rw', name: '001' }, { id: 3, parent_id: 2, level: 'rt', name: '004' }];
    expect(formatAddress(null, areaChain(areas, 3))).toBe('Dusun I, RT 004/RW 001');
    expect(areaChain([{ id: 1, parent_id: 2, level: 'rt', name: '1' }, { id: 2, parent_id: 1, level: 'rw', name: '2' }], 1)).toHaveLength(2);
    expect(areaChain(areas, null)).toEqual([]);
  });

  it('never names an area twice, and finishes quickly on any text (property)', () => {
    const name = fc.stringMatching(/^[A-Za-z ]{1,12}$/).filter((s) => s.trim() !== '');
    const num = fc.integer({ min: 1, max: 30 }).map((n) => String(n).padStart(3, '0'));
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 200 })), name, num, num, (street, d, w, t) => {
        const out = formatAddress(street, [dusun(d), rw(w), rt(t)]);
        const again = formatAddress(out, [dusun(d), rw(w), rt(t)]);
        // Formatting its own output adds nothing: every area is named exactly once.
        expect(again).toBe(out);
      }),
    );
    const hostile = 'RT'.repeat(50_000) + ' '.repeat(50_000) + 'RW/'.repeat(20_000);
    const t0 = performance.now();
    formatAddress(hostile, [dusun('I'), rw('1'), rt('1')]);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
