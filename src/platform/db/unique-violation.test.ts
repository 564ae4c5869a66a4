import { describe, expect, it } from 'vitest';
import { violatedUniqueIndex } from './unique-violation.js';

describe('violatedUniqueIndex', () => {
  it('names the index from PostgreSQL, from a Citus shard, and from a Citus copy', () => {
    expect(violatedUniqueIndex({ code: '23505', constraint: 'active_niks_pkey', message: 'duplicate key value violates unique constraint "active_niks_pkey"' })).toBe('active_niks_pkey');
    expect(violatedUniqueIndex({ code: '23505', message: 'duplicate key value violates unique constraint "active_niks_pkey_102767"' })).toBe('active_niks_pkey');
    expect(violatedUniqueIndex({ code: 'XX000', message: 'duplicate key value violates unique constraint "families_kk_active_102040"' })).toBe('families_kk_active');
  });

  it('is null for every other error', () => {
    expect(violatedUniqueIndex(new Error('other'))).toBeNull();
    expect(violatedUniqueIndex({ code: 'XX000', message: 'could not connect to worker' })).toBeNull();
    expect(violatedUniqueIndex({ code: '23503', constraint: 'letters_signed_by_official_fk' })).toBeNull();
    expect(violatedUniqueIndex(null)).toBeNull();
  });
});
