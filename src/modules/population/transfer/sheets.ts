import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { formatAddress } from '../address.js';
import { CODE_LISTS, codeLabel } from '../codes.js';
import { COLUMNS } from './opensid.js';
import { escapeCsv } from './read-sheet.js';
import type { ExportRow } from './transfer.repository.js';
import { EXAMPLE_NAME } from './validate.js';

/** The sheets Balai writes: the OpenSID resident sheet (xlsx, csv), its template, and the Buku Induk Penduduk. */

export { XLSX as XLSX_TYPE } from '../../../platform/http/download.js';
export const SHEET_NAME = 'Data Penduduk';

export interface AreaNode {
  id: number;
  parent_id: number | null;
  level: 'dusun' | 'rw' | 'rt';
  name: string;
}

/** dusun, RW and RT of an area, walking up from it. */
export function areaPath(areas: Map<number, AreaNode>, id: number | null) {
  const path = { dusun: '', rw: '', rt: '' };
  for (let a = id === null ? undefined : areas.get(id); a; a = a.parent_id === null ? undefined : areas.get(a.parent_id)) path[a.level] = a.name;
  return path;
}

/** One resident as the OpenSID sheet's cells, all text like OpenSID's own exporter writes them. */
export function opensidCells(r: ExportRow, areas: Map<number, AreaNode>): string[] {
  const place = areaPath(areas, r.area_id ?? r.family_area_id);
  return COLUMNS.map((c) => {
    switch (c.name) {
      case 'alamat':
        return String(r.address ?? r.family_address ?? '');
      case 'dusun':
        return place.dusun;
      // '-' where the village has no RW (or the person no RT), as OpenSID writes it.
      case 'rw':
        return place.dusun ? place.rw || '-' : '';
      case 'rt':
        return place.dusun ? place.rt || '-' : '';
      case 'no_kk':
        return r.kk_number ?? '';
      case 'nik':
        return r.nik;
    }
    const v = c.field ? r[c.field] : null;
    if (v === null || v === undefined) return '';
    if (c.type.kind === 'coordinate') return String(Number(v));
    return String(v);
  });
}

/** Collects what ExcelJS's streaming writer produces: rows are written as they come, not kept as a model. */
async function streamedWorkbook(useStyles: boolean, build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void> | void): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles, useSharedStrings: false });
  wb.creator = 'Balai';
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const textColumns = () => COLUMNS.map((c) => ({ key: c.name, width: Math.max(8, Math.min(40, c.name.length + 4)), style: { numFmt: '@' } }));

export function opensidWorkbook(rows: string[][]): Promise<Buffer> {
  // No styles: the cells are text already, and styles make writing twice as slow.
  return streamedWorkbook(false, (wb) => {
    const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
    // Text cells keep a NIK whole in Excel; widths live outside the styles.
    ws.columns = COLUMNS.map((c) => ({ key: c.name, width: Math.max(8, Math.min(40, c.name.length + 4)) }));
    ws.addRow(COLUMNS.map((c) => c.name)).commit();
    for (const r of rows) ws.addRow(r).commit();
    ws.commit();
  });
}

/** UTF-8 with its byte-order mark (so Excel reads the letters right), comma-separated, CRLF. */
export function opensidCsv(rows: string[][]): Buffer {
  const data = [COLUMNS.map((c) => c.name), ...rows.map((r) => r.map(escapeCsv))];
  return Buffer.from(`\ufeff${Papa.unparse(data, { delimiter: ',', newline: '\r\n' })}\r\n`, 'utf8');
}

/** The OpenSID header, one example row (refused if left in), and every code list on a second sheet. */
export async function templateWorkbook(villageCode: string): Promise<Buffer> {
  const district = villageCode.replace(/\./g, '').slice(0, 6);
  const example: Record<string, string> = {
    alamat: 'Jl. Contoh No. 1', dusun: 'Dusun I', rw: '-', rt: '001', nama: EXAMPLE_NAME,
    no_kk: `${district}0101200001`, nik: `${district}1708900001`, sex: '1', tempatlahir: 'Pesawaran', tanggallahir: '1990-08-17',
    agama_id: '1', pendidikan_kk_id: '5', pendidikan_sedang_id: '18', pekerjaan_id: '9', status_kawin: '2', kk_level: '1',
    warganegara_id: '1', nama_ayah: 'NAMA AYAH', nama_ibu: 'NAMA IBU', golongan_darah_id: '13', ktp_el: '2', status_rekam: '3',
    status_dasar: '1', id_asuransi: '1',
  };
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = textColumns();
  ws.addRow(COLUMNS.map((c) => c.name)).font = { bold: true };
  ws.addRow(COLUMNS.map((c) => example[c.name] ?? ''));
  // Empty rows formatted as text too, so what the officer types in them stays as typed.
  for (let i = 3; i <= 1000; i++) ws.getRow(i).numFmt = '@';

  const codes = wb.addWorksheet('Kode');
  codes.columns = [{ width: 24 }, { width: 8 }, { width: 52 }];
  codes.addRow(['kolom', 'kode', 'arti']).font = { bold: true };
  for (const list of Object.values(CODE_LISTS)) {
    codes.addRow([]);
    codes.addRow([list.column, '', list.label_id]).font = { bold: true };
    for (const [code, label] of list.codes) codes.addRow([list.column, code, label]);
  }
  codes.addRow([]);
  codes.addRow(['Catatan', '', 'Tanggal ditulis TTTT-BB-HH (misalnya 1990-08-17). rw dan rt: tulis - bila tidak ada. status_dasar kosong berarti HIDUP.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------
// Buku Induk Penduduk (the official register of village administration)

export interface RegisterHeading {
  title: string;
  lines: string[];
  /** The village head's signature block under the last row (PDF and workbook). */
  signature?: { placeAndDate: string; position: string; name: string } | null;
}

export interface RegisterRow {
  no: number;
  name: string;
  sex: string;
  marital: string;
  birth: string;
  religion: string;
  education: string;
  occupation: string;
  citizenship: string;
  address: string;
  relation: string;
  kk: string;
  nik: string;
  note: string;
  /** The first member of a family: the register draws a line above it. */
  familyStart: boolean;
}

export const REGISTER_COLUMNS: { key: keyof Omit<RegisterRow, 'familyStart'>; title: string; width: number }[] = [
  { key: 'no', title: 'NO', width: 22 },
  { key: 'name', title: 'NAMA LENGKAP', width: 100 },
  { key: 'sex', title: 'L/P', width: 20 },
  { key: 'marital', title: 'STATUS PERKAWINAN', width: 54 },
  { key: 'birth', title: 'TEMPAT DAN TANGGAL LAHIR', width: 86 },
  { key: 'religion', title: 'AGAMA', width: 46 },
  { key: 'education', title: 'PENDIDIKAN TERAKHIR', width: 64 },
  { key: 'occupation', title: 'PEKERJAAN', width: 70 },
  { key: 'citizenship', title: 'KEWARGA-NEGARAAN', width: 44 },
  { key: 'address', title: 'ALAMAT LENGKAP', width: 106 },
  { key: 'relation', title: 'KEDUDUKAN DALAM KELUARGA', width: 56 },
  { key: 'kk', title: 'NOMOR KK', width: 72 },
  { key: 'nik', title: 'NIK', width: 72 },
  { key: 'note', title: 'KET', width: 30 },
];

/**
 * The register's rows from the export rows (already a family together, its head first).
 * `from` carries the numbering and the last family across pages of one register.
 */
export function registerRows(rows: ExportRow[], areas: Map<number, AreaNode>, from: { no: number; last?: number | null } = { no: 0 }): RegisterRow[] {
  return rows.map((r) => {
    const place = areaPath(areas, r.area_id ?? r.family_area_id);
    // The same address line as letters and pages print.
    const address = formatAddress(String(r.address || r.family_address || ''), (['dusun', 'rw', 'rt'] as const).filter((l) => place[l]).map((level) => ({ level, name: place[level] })));
    const familyStart = r.family_id !== from.last;
    from.last = r.family_id;
    const status = Number(r.life_status ?? 1);
    return {
      no: ++from.no,
      name: String(r.name ?? ''),
      sex: r.sex === 1 ? 'L' : r.sex === 2 ? 'P' : '',
      marital: codeLabel('maritalStatus', r.marital_status as number | null),
      birth: [r.birth_place, r.birth_date ? dmy(String(r.birth_date)) : ''].filter(Boolean).join(', '),
      religion: codeLabel('religion', r.religion as number | null),
      education: codeLabel('educationOnFamilyCard', r.education_kk as number | null),
      occupation: codeLabel('occupation', r.occupation as number | null),
      citizenship: codeLabel('citizenship', (r.citizenship as number | null) ?? 1),
      address,
      relation: codeLabel('familyRelation', r.family_relation as number | null),
      kk: r.kk_number ?? '',
      nik: r.nik,
      note: status === 1 ? '' : codeLabel('lifeStatus', status),
      familyStart,
    };
  });
}

const dmy = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

export async function registerWorkbook(heading: RegisterHeading, rows: RegisterRow[], paper: 'a4' | 'f4'): Promise<Buffer> {
  return streamedWorkbook(true, (wb) => {
    const ws = wb.addWorksheet('Buku Induk Penduduk', {
      // 9 = A4; F4 (folio) has no number of its own, 14 (folio 8.5 x 13 in) is the nearest.
      pageSetup: { orientation: 'landscape', paperSize: (paper === 'a4' ? 9 : 14) as unknown as ExcelJS.PaperSize, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${heading.lines.length + 3}:${heading.lines.length + 3}` },
    });
    ws.columns = REGISTER_COLUMNS.map((c) => ({ key: c.key, width: Math.round(c.width / 5.2) }));
    const title = ws.addRow([heading.title]);
    title.font = { bold: true, size: 13 };
    title.commit();
    for (const line of heading.lines) ws.addRow([line]).commit();
    ws.addRow([]).commit();
    const head = ws.addRow(REGISTER_COLUMNS.map((c) => c.title));
    head.font = { bold: true };
    head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    head.eachCell((cell) => (cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }));
    head.commit();
    for (const r of rows) {
      const row = ws.addRow(REGISTER_COLUMNS.map((c) => (c.key === 'no' ? r.no : r[c.key])));
      row.alignment = { wrapText: true, vertical: 'top' };
      // NIK and KK as text: a number cell would show 3.20101E+15.
      for (const key of ['kk', 'nik'] as const) row.getCell(REGISTER_COLUMNS.findIndex((c) => c.key === key) + 1).numFmt = '@';
      // A family's members together, a heavier line where the next family starts.
      const top = r.familyStart ? { style: 'medium' as const } : { style: 'thin' as const };
      row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { top, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }));
      row.commit();
    }
    if (heading.signature) {
      // The head's block under the register, at the right, as on the printed book.
      const at = REGISTER_COLUMNS.length - 3;
      const cells = (text: string) => Object.assign(new Array<string>(at).fill(''), { [at]: text }) as string[];
      ws.addRow([]).commit();
      ws.addRow(cells(heading.signature.placeAndDate)).commit();
      ws.addRow(cells(heading.signature.position)).commit();
      for (let i = 0; i < 3; i++) ws.addRow([]).commit();
      const name = ws.addRow(cells(heading.signature.name));
      name.font = { bold: true, underline: true };
      name.commit();
    }
    ws.commit();
  });
}
