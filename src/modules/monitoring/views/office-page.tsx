import type { Context } from 'hono';
import { formatDecimal, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { regionShort } from '../monitoring.common.js';
import type { OfficeDashboard, OfficeFigureRow } from '../office-dashboard.service.js';
import { DashboardFrame, dashboardPath } from './frame.js';
import { book, done, headingOf, table, type Cell } from './workbooks.js';

export const OFFICE_FIGURE_HEADERS = {
  id: ['Kode', 'Wilayah', 'Desa memakai Balai', 'Desa mencatat peraturan', 'Perdes berlaku', 'Perkades berlaku', 'Keputusan Kades berlaku', 'Desa mencatat inventaris', 'Barang inventaris', 'Nilai inventaris (Rp)', 'Bidang tanah kas desa', 'Luas tanah kas desa (ha)'],
  en: ['Code', 'Region', 'Villages on Balai', 'Villages keeping regulations', 'Village regulations in force', "Head's regulations in force", "Head's decisions in force", 'Villages keeping an inventory', 'Inventory items', 'Inventory value (Rp)', 'Village land parcels', 'Village land (ha)'],
};
const NOTE = {
  id: 'Yang diperiksa kecamatan pada buku administrasi desa: peraturan dan keputusan yang berlaku (yang dicabut atau dikoreksi tidak dihitung), barang inventaris yang masih dimiliki dengan nilai perolehannya, dan tanah kas desa. Hanya jumlah, tanpa judul, barang, atau nama.',
  en: "What the district checks in the village administration books: regulations and decisions in force (revoked or corrected ones not counted), inventory still held at its acquisition value, and the village's own land. Counts only: no title, item or name.",
};

const hectares = (m2: number, lang: Lang) => formatDecimal(m2 / 10_000, 2, lang);
const cells = (r: Omit<OfficeFigureRow, 'code' | 'name' | 'kind'>) =>
  [r.activated, r.villagesWithRegulations, r.perdes, r.perkades, r.kepkades, r.villagesWithInventory, r.assetItems] as const;

/** /pantau/<kode>/administrasi: per child region, counts and sums only. */
export function OfficeFiguresPage({ c, d }: { c: Context<AppEnv>; d: OfficeDashboard }) {
  const lang = c.get('lang');
  const n = (x: number) => formatNumber(x, lang);
  const head = OFFICE_FIGURE_HEADERS[lang].slice(1);
  return (
    <DashboardFrame c={c} scope={d.scope} tab="administrasi" guide="buku-administrasi" excel={`${dashboardPath(d.scope.code, 'administrasi')}.xlsx`}>
      <p>{NOTE[lang]}</p>
      <DataTable aria-label={lang === 'en' ? 'Village administration' : 'Administrasi desa'}>
        <thead><tr>{head.map((h, i) => <th class={i > 0 ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={dashboardPath(r.code, 'administrasi')}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              {cells(r).map((x) => <td class="num">{n(x)}</td>)}
              <td class="num">{formatRupiah(r.assetValue)}</td><td class="num">{n(r.landParcels)}</td><td class="num">{hectares(r.landAreaM2, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{lang === 'en' ? 'Total' : 'Jumlah'}</th>
          {cells(d.totals).map((x) => <td class="num">{n(x)}</td>)}
          <td class="num">{formatRupiah(d.totals.assetValue)}</td><td class="num">{n(d.totals.landParcels)}</td><td class="num">{hectares(d.totals.landAreaM2, lang)}</td>
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}

/** The same figures as a workbook: numbers as numbers (rupiah as whole numbers, land in hectares). */
export async function officeWorkbook(d: OfficeDashboard, lang: Lang): Promise<Buffer> {
  const wb = book();
  const row = (r: Omit<OfficeFigureRow, 'code' | 'name' | 'kind'>): Cell[] => [...cells(r), Number(r.assetValue), r.landParcels, Math.round(r.landAreaM2 / 100) / 100];
  table(wb, lang === 'en' ? 'By region' : 'Per wilayah', headingOf(d.scope, lang), OFFICE_FIGURE_HEADERS[lang], [
    ...d.rows.map((r): Cell[] => [r.code, regionShort(r), ...row(r)]),
    [null, lang === 'en' ? 'Total' : 'Jumlah', ...row(d.totals)],
  ]);
  return done(wb);
}
