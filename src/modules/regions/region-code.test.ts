import { describe, expect, it } from 'vitest';
import { ancestorCodes, normalizeRegionCode, parentCode, regionKind, regionLevel } from './region-code.js';

describe('region codes', () => {
  it('accepts codes with or without dots and gives them dotted', () => {
    expect(normalizeRegionCode('1809102004')).toBe('18.09.10.2004');
    expect(normalizeRegionCode('18.09.10.2004')).toBe('18.09.10.2004');
    expect(normalizeRegionCode(' 180910 ')).toBe('18.09.10');
    expect(normalizeRegionCode('1809')).toBe('18.09');
    expect(normalizeRegionCode('18')).toBe('18');
  });

  it('refuses what cannot be a region code', () => {
    for (const bad of ['', '1', '180', '18091020041', '18.9', '18.09.10.204', 'ab', '18-09', "18'; drop table regions;--", '18.09.10.2004.1'])
      expect(normalizeRegionCode(bad), bad).toBeNull();
  });

  it('tells desa, kelurahan and desa adat apart by the first digit of the village part', () => {
    expect(regionKind('18.09.10.2004')).toBe('desa');
    expect(regionKind('18.71.01.1003')).toBe('kelurahan');
    expect(regionKind('51.03.01.3001')).toBe('desa_adat');
    expect(regionKind('18.09')).toBe('kabupaten');
    expect(regionKind('18.71')).toBe('kota');
    expect(regionKind('18.09.10')).toBe('kecamatan');
    expect(regionKind('18')).toBe('provinsi');
  });

  it('knows levels, parents and ancestors', () => {
    expect(regionLevel('18.09.10.2004')).toBe(4);
    expect(parentCode('18.09.10.2004')).toBe('18.09.10');
    expect(parentCode('18')).toBeNull();
    expect(ancestorCodes('18.09.10.2004')).toEqual(['18', '18.09', '18.09.10']);
  });
});
