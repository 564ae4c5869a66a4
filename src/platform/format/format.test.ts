import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatRupiah, titleCase } from './format.js';

describe('Indonesian formats', () => {
  it('writes dates as "10 September 2021"', () => {
    expect(formatDate('2021-09-10')).toBe('10 September 2021');
    expect(formatDate('2021-09-10', 'en')).toBe('10 September 2021');
    expect(formatDate('2025-08-17')).toBe('17 Agustus 2025');
  });

  it('shows instants in WIB, so late evening UTC is already the next day in Lampung', () => {
    expect(formatDate(new Date('2021-03-24T20:00:00Z'))).toBe('25 Maret 2021');
    expect(formatDateTime(new Date('2021-03-25T02:05:00Z'))).toBe('25 Maret 2021 09.05 WIB');
  });

  it('writes money as "Rp15.900.000"', () => {
    expect(formatRupiah(15_900_000)).toBe('Rp15.900.000');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah('1250000.00')).toBe('Rp1.250.000');
    expect(formatRupiah(-15_900)).toBe('-Rp15.900');
  });

  it('title-cases official upper-case names only', () => {
    expect(titleCase('KABUPATEN PESAWARAN')).toBe('Kabupaten Pesawaran');
    expect(titleCase('KEP. BANGKA BELITUNG')).toBe('Kep. Bangka Belitung');
    expect(titleCase('Sukajaya Lempasing')).toBe('Sukajaya Lempasing');
  });
});
