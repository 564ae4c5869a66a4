import { describe, expect, it } from 'vitest';
import type { Sheet } from '../population/transfer/index.js';
import { maskNik } from '../population/index.js';
import { headerKey, labelKey, oneLine, readRegistryFile } from './registry-file.js';
import { maskedSheets, type ReportSheets } from './report-rows.js';
import { REPORT_COLUMNS } from './siak.js';

const sheet = (rows: (string | number | null)[][]): Sheet => ({ format: 'csv', sheetName: null, date1904: false, rows: rows.map((cells, i) => ({ line: i + 1, cells })) });

describe('reading the civil registry\'s list', () => {
  it('finds the header under a title, by SIAK\'s names or plain ones, and reads codes as numbers, labels or SIAK\'s spellings', () => {
    const file = readRegistryFile(sheet([
      ['DATA PENDUDUK DESA HANURA'],
      ['No', 'NIK', 'No. KK', 'Nama Lengkap', 'Jenis Kelamin', 'Tgl Lhr', 'AGAMA', 'Pendidikan', 'STAT_HBKEL', 'NO_RT', 'Kolom Lain'],
      [1, '1809101708850001', '1809100101100001', ' budi   santoso ', 'LK', '17-08-1985', 'Katolik', 'TIDAK/BLM SEKOLAH', 'KEPALA KELUARGA', '004', 'x'],
      [2, '1809105708900002', '1809100101100001', 'SITI', 'P', 32737, 1, 'SLTA / SEDERAJAT', 3, '-', ''],
    ]), '2026-01-01');
    expect(file.problems).toEqual([]);
    expect(file.unknownColumns).toEqual(['No', 'Kolom Lain']);
    expect(file.persons.map((p) => p.values)).toEqual([
      { nik: '1809101708850001', kk: '1809100101100001', name: 'budi santoso', sex: 1, birth_date: '1985-08-17', religion: 3, education_kk: 1, family_relation: 1, rt: '004' },
      { nik: '1809105708900002', kk: '1809100101100001', name: 'SITI', sex: 2, birth_date: '1989-08-17', religion: 1, education_kk: 5, family_relation: 3, rt: null },
    ]);
  });

  it('names the row and the column of every problem', () => {
    const file = readRegistryFile(sheet([
      ['NIK', 'NO_KK', 'NAMA_LGKP', 'JENIS_KLMIN', 'TGL_LHR'],
      ['1809101708850001', '123', 'A', 'X', '2099-01-01'],
      ['', '1809100101100001', '', '1', ''],
    ]), '2026-01-01');
    expect(file.problems.map((p) => [p.line, p.column, p.key])).toEqual([
      [2, 'NO_KK', 'import.kk_format'],
      [2, 'JENIS_KLMIN', 'import.code_unknown'],
      [2, 'TGL_LHR', 'import.date_future'],
      [3, 'NIK', 'import.required'],
      [3, 'NAMA_LGKP', 'import.required'],
    ]);
    expect(() => readRegistryFile(sheet([['NIK', 'NAMA_LGKP', 'AGAMA'], ['1', 'x', '1']]), '2026-01-01')).toThrow(expect.objectContaining({ key: 'civil_registry.missing_columns', params: expect.objectContaining({ columns: 'NO_KK' }) }));
    expect(() => readRegistryFile(sheet([['nama', 'alamat']]), '2026-01-01')).toThrow(expect.objectContaining({ key: 'civil_registry.no_header' }));
  });

  it('normalises headers, labels and spaces in one pass, however hostile the text', () => {
    expect(headerKey(' No. KK ')).toBe('NO_KK');
    expect(headerKey('nama__lengkap')).toBe('NAMA_LENGKAP');
    expect(labelKey(' tidak /  belum sekolah ')).toBe('TIDAK/BELUM SEKOLAH');
    expect(oneLine('  a \t b  ')).toBe('a b');
    // Time grows with the text, not its square: four times the text, well under sixteen times the time.
    const hostile = (n: number) => `${'a '.repeat(n)}!${'_.'.repeat(n)}${' / '.repeat(n)}`;
    const time = (text: string) => {
      const started = performance.now();
      for (let i = 0; i < 3; i++) {
        headerKey(text);
        labelKey(text);
        oneLine(text);
      }
      return performance.now() - started;
    };
    time(hostile(1000));
    const [small, big] = [time(hostile(20_000)), time(hostile(80_000))];
    expect(big).toBeLessThan(small * 10 + 50);
  });
});

describe('a report for an officer who may not see whole NIKs', () => {
  it('masks every NIK and KK number, a corrected NIK\'s old and new values included, and nothing else', () => {
    const width = (k: keyof ReportSheets) => REPORT_COLUMNS[k].length;
    const row = (k: keyof ReportSheets, put: Record<string, string>) => REPORT_COLUMNS[k].map((c, i) => (i === 0 ? 1 : put[c.title] ?? 'x'));
    const sheets: ReportSheets = {
      birth: [row('birth', { NIK: '1809105708240001', NO_KK: '1809100101100001', NIK_AYAH: '1809101708850001', NIK_IBU: '' })],
      death: [], move_in: [], move_out: [],
      correction: [row('correction', { NIK: '1809101708850001', ELEMEN_DATA: 'NIK', DATA_LAMA: '1809101708850009', DATA_BARU: '1809101708850001' }), row('correction', { ELEMEN_DATA: 'NAMA_LGKP', DATA_LAMA: 'BUDI', DATA_BARU: 'BUDI S' })],
    };
    const masked = maskedSheets(sheets, maskNik);
    const at = (k: keyof ReportSheets, r: number, title: string) => masked[k][r]![REPORT_COLUMNS[k].findIndex((c) => c.title === title)];
    expect([at('birth', 0, 'NIK'), at('birth', 0, 'NO_KK'), at('birth', 0, 'NIK_AYAH'), at('birth', 0, 'NIK_IBU'), at('birth', 0, 'NAMA_LGKP')]).toEqual(['1809********0001', '1809********0001', '1809********0001', '', 'x']);
    expect([at('correction', 0, 'DATA_LAMA'), at('correction', 0, 'DATA_BARU')]).toEqual(['1809********0009', '1809********0001']);
    expect([at('correction', 1, 'DATA_LAMA'), at('correction', 1, 'DATA_BARU')]).toEqual(['BUDI', 'BUDI S']);
    expect(masked.birth[0]).toHaveLength(width('birth'));
  });
});
