import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { authorize, can, canSeeRegion, regionWithin, type Actor } from './access.js';

const actor = (role: Actor['role'], regionCode: string): Actor => ({ kind: 'user', id: 1, username: 'x', fullName: 'X', role, regionCode, language: 'id' });

describe('region scope', () => {
  it('holds what lies below, and nothing beside it', () => {
    expect(regionWithin('18.09.10.2004', '18.09')).toBe(true);
    expect(regionWithin('18.09', '18.09')).toBe(true);
    expect(regionWithin('18.09.10.2004', '')).toBe(true);
    // a prefix of the text is not a prefix of the region: 18.1 is not above 18.10
    expect(regionWithin('18.10.02.2001', '18.1')).toBe(false);
    expect(regionWithin('18.09.10.2001', '18.09.10.2004')).toBe(false);
    expect(regionWithin('17.01', '18')).toBe(false);
  });

  it('lets an officer see the way up to its scope but not the neighbours', () => {
    const district = actor('district_officer', '18.09.10');
    expect(canSeeRegion(district, '18')).toBe(true);
    expect(canSeeRegion(district, '18.09')).toBe(true);
    expect(canSeeRegion(district, '18.09.10.2004')).toBe(true);
    expect(canSeeRegion(district, '18.09.11')).toBe(false);
    expect(canSeeRegion(district, '18.01')).toBe(false);
  });
});

describe('authorize', () => {
  it('refuses nobody with 401, the wrong role or place with 403', () => {
    const fail = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as AppError).status;
      }
      return 200;
    };
    expect(fail(() => authorize(null, 'region.browse'))).toBe(401);
    expect(fail(() => authorize(actor('village_operator', '18.09.10.2004'), 'village.activate', '18.09.10.2004'))).toBe(403);
    expect(fail(() => authorize(actor('village_operator', '18.09.10.2004'), 'village.profile.write', '18.09.10.2001'))).toBe(403);
    expect(fail(() => authorize(actor('village_operator', '18.09.10.2004'), 'village.profile.write', '18.09.10.2004'))).toBe(200);
    expect(fail(() => authorize(actor('province_admin', '18'), 'village.activate', '17.01.01.2001'))).toBe(403);
    expect(fail(() => authorize(actor('national_admin', ''), 'village.activate', '17.01.01.2001'))).toBe(200);
  });

  it('does not let regional officers write a village profile: the village keeps its own data', () => {
    expect(can(actor('province_admin', '18'), 'village.profile.write', '18.09.10.2004')).toBe(false);
    expect(can(actor('province_admin', '18'), 'village.profile.read', '18.09.10.2004')).toBe(true);
  });
});
