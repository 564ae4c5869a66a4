import type { Context } from 'hono';
import { formatNumber, formatShare, shareOf } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { regionShort } from '../../monitoring/monitoring.common.js';
import { ValueBars } from '../../monitoring/views/charts.js';
import { ChildLink, dashboardPath, DashboardFrame } from '../../monitoring/views/frame.js';
import { formatQuantity, fromUnits, toUnits } from '../catalog.js';
import type { FarmerDashboard, FigureRow, StockFigure } from '../figures.service.js';

export const FIGURE_TEXT = {
  id: {
    title: 'Petani dan pupuk bersubsidi', year: 'Tahun', show: 'Tampilkan', region: 'Wilayah', village: 'Desa/kelurahan', total: 'Jumlah',
    activated: 'Desa aktif di Balai', active: 'aktif', notActive: 'belum aktif', farmers: 'Petani terdaftar', poktan: 'Poktan', hectares: 'Luas lahan (ha)',
    planted: 'Luas tanam (ha)', byRegion: 'Petani per wilayah', commodity: 'Komoditas', cropFarmers: 'Petani',
    crops: (y: number) => `Luas tanam ${y} per komoditas`,
    cropsNote: 'Luas tanam dijumlahkan dari semua musim tanam tahun itu (MT I–III): lahan yang ditanami dua kali terhitung dua kali.',
    noCrops: 'Belum ada tanaman yang tercatat untuk tahun ini.',
    fertiliser: (y: number) => `Pupuk bersubsidi ${y}: alokasi RDKK dan penebusan`,
    fertiliserNote: 'Alokasi dari RDKK yang sudah disetujui dinas pertanian kabupaten; ditebus dari transaksi di kios pupuk. Dalam kilogram.',
    allocated: 'Alokasi (kg)', redeemed: 'Ditebus (kg)', share: 'Ditebus (%)',
    redeemedOf: (name: string) => `${name}: ditebus / alokasi (kg)`,
    barAllocated: (name: string) => `${name} — alokasi (kg)`, barRedeemed: (name: string) => `${name} — ditebus (kg)`,
    stock: (y: number) => `Stok kios pupuk ${y}`,
    stockRegion: 'Pupuk yang diterima kios dari distributor dan yang disalurkan kios kepada petani, menurut wilayah tempat kios berdiri.',
    stockDistrict: 'Kios yang berada di kecamatan ini: pupuk yang diterima dan yang disalurkan kepada petani semua desa yang dilayaninya.',
    stockVillage: 'Kios yang melayani desa ini: pupuk yang diterima dan yang disalurkan kepada petani semua desa yang dilayaninya.',
    kiosk: 'Kios', kiosks: 'Kios', fertiliserType: 'Pupuk', received: 'Diterima (kg)', handedOut: 'Disalurkan (kg)', difference: 'Selisih (kg)',
    receivedOf: (name: string) => `${name} diterima (kg)`, handedOutOf: (name: string) => `${name} disalurkan (kg)`,
    noKiosks: 'Belum ada kios pupuk terdaftar di sini.',
    note: 'Dari rekap yang ditulis setiap kali desa, kelompok tani, dinas, atau kios mencatat: langsung, tanpa sinkronisasi. Tanpa data pribadi.',
  },
  en: {
    title: 'Farmers and subsidised fertiliser', year: 'Year', show: 'Show', region: 'Region', village: 'Village', total: 'Total',
    activated: 'Villages active on Balai', active: 'active', notActive: 'not active', farmers: 'Registered farmers', poktan: 'Farmer groups', hectares: 'Farmland (ha)',
    planted: 'Planted (ha)', byRegion: 'Farmers by region', commodity: 'Commodity', cropFarmers: 'Farmers',
    crops: (y: number) => `Planted area ${y} by commodity`,
    cropsNote: 'The planted area adds up every season of the year (I–III): land planted twice counts twice.',
    noCrops: 'No crops recorded for this year yet.',
    fertiliser: (y: number) => `Subsidised fertiliser ${y}: RDKK allocation and redemption`,
    fertiliserNote: 'Allocation from the RDKK approved by the regency agriculture office; redeemed from the kiosks\' records. In kilograms.',
    allocated: 'Allocated (kg)', redeemed: 'Redeemed (kg)', share: 'Redeemed (%)',
    redeemedOf: (name: string) => `${name}: redeemed / allocated (kg)`,
    barAllocated: (name: string) => `${name} — allocated (kg)`, barRedeemed: (name: string) => `${name} — redeemed (kg)`,
    stock: (y: number) => `Fertiliser kiosk stock ${y}`,
    stockRegion: 'Fertiliser the kiosks received from their distributor and handed out to farmers, by the region each kiosk stands in.',
    stockDistrict: 'The kiosks in this district: what they received and handed out to the farmers of every village they serve.',
    stockVillage: 'The kiosks serving this village: what they received and handed out to the farmers of every village they serve.',
    kiosk: 'Kiosk', kiosks: 'Kiosks', fertiliserType: 'Fertiliser', received: 'Received (kg)', handedOut: 'Handed out (kg)', difference: 'Difference (kg)',
    receivedOf: (name: string) => `${name} received (kg)`, handedOutOf: (name: string) => `${name} handed out (kg)`,
    noKiosks: 'No fertiliser kiosk registered here yet.',
    note: 'From the rollups written whenever a village, farmer group, office or kiosk records something: live, no sync step. No personal data.',
  },
} as const;

type Lang = 'id' | 'en';
const minus = (a: string, b: string) => fromUnits(toUnits(a) - toUnits(b));

/** A redeemed share as a bar and its percentage ("37,5%"); "—" when nothing was allocated. */
export function ShareCell({ part, whole, lang, label }: { part: string; whole: string; lang: Lang; label: string }) {
  const share = shareOf(toUnits(part), toUnits(whole), 1);
  const text = share === null ? '—' : `${formatShare(toUnits(part), toUnits(whole), 1, lang)}%`;
  return (
    <>
      {share !== null && <progress max={100} value={Math.min(100, share)} aria-label={`${label}: ${text}`} />} {text}
    </>
  );
}

/** /pantau/<code>/petani: the figures of a region, a row per child region (a village shows itself). */
export function FarmerFiguresPage({ c, d }: { c: Context<AppEnv>; d: FarmerDashboard }) {
  const lang = c.get('lang');
  const w = FIGURE_TEXT[lang];
  const q = (v: string) => formatQuantity(v, lang);
  const n = (v: number) => formatNumber(v, lang);
  const query = `?tahun=${d.year}`;
  const path = dashboardPath(d.scope.code, 'petani');
  const t = d.totals;
  const villageRows = d.scope.level >= 3;
  const Name = ({ r }: { r: FigureRow }) => (d.scope.level === 4 ? <>{regionShort(r)}</> : <ChildLink code={r.code} name={r.name} kind={r.kind} tab="petani" query={query} />);
  return (
    <DashboardFrame c={c} scope={d.scope} tab="petani" guide="rdkk" query={query} excel={`${path}.xlsx${query}`}>
      <form method="get" action={path} class="card filters no-print">
        <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(d.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>

      <section class="card">
        <h2>{`${w.title} ${d.year}`}</h2>
        <div class="stat-pair">
          <dl class="stat-summary">
            <dt>{w.activated}</dt><dd>{n(t.activated)}</dd>
            <dt>{w.farmers}</dt><dd>{n(t.farmers)}</dd>
            <dt>{w.poktan}</dt><dd>{n(t.poktan)}</dd>
            <dt>{w.hectares}</dt><dd>{q(t.hectares)}</dd>
            <dt>{`${w.planted} ${d.year}`}</dt><dd>{q(t.plantedTotal)}</dd>
            {d.types.map((f) => (
              <>
                <dt>{w.redeemedOf(f.name)}</dt>
                <dd>{`${q(t.redeemed[f.code]!)} / ${q(t.allocated[f.code]!)}`} <ShareCell part={t.redeemed[f.code]!} whole={t.allocated[f.code]!} lang={lang} label={f.name} /></dd>
              </>
            ))}
          </dl>
          <ValueBars
            title={w.fertiliser(d.year)}
            lang={lang}
            rows={d.types.flatMap((f) => [
              { label: w.barAllocated(f.name), value: Number(t.allocated[f.code]) },
              { label: w.barRedeemed(f.name), value: Number(t.redeemed[f.code]), note: formatShare(toUnits(t.redeemed[f.code]!), toUnits(t.allocated[f.code]!), 1, lang) + '%' },
            ])}
          />
        </div>
        <p class="muted">{w.note}</p>
      </section>

      <section class="card">
        <h2>{w.byRegion}</h2>
        <DataTable aria-label={w.byRegion}>
          <thead><tr><th>{villageRows ? w.village : w.region}</th><th>{w.activated}</th><th>{w.farmers}</th><th>{w.poktan}</th><th>{w.hectares}</th><th>{`${w.planted} ${d.year}`}</th></tr></thead>
          <tbody>
            {d.rows.map((r) => (
              <tr>
                <td><Name r={r} /></td>
                <td class="num">{villageRows ? (r.activated ? w.active : w.notActive) : n(r.activated)}</td>
                <td class="num">{n(r.farmers)}</td><td class="num">{n(r.poktan)}</td><td class="num">{q(r.hectares)}</td><td class="num">{q(r.plantedTotal)}</td>
              </tr>
            ))}
          </tbody>
          {d.rows.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{w.total}</th><td class="num" data-label={w.activated}>{n(t.activated)}</td><td class="num" data-label={w.farmers}>{n(t.farmers)}</td>
                <td class="num" data-label={w.poktan}>{n(t.poktan)}</td><td class="num" data-label={w.hectares}>{q(t.hectares)}</td><td class="num" data-label={`${w.planted} ${d.year}`}>{q(t.plantedTotal)}</td>
              </tr>
            </tfoot>
          )}
        </DataTable>
      </section>

      <section class="card">
        <h2>{w.crops(d.year)}</h2>
        <p class="muted">{w.cropsNote}</p>
        {d.commodities.length === 0 ? (
          <p>{w.noCrops}</p>
        ) : (
          <>
            <DataTable aria-label={w.crops(d.year)}>
              <thead><tr><th>{w.commodity}</th><th>{w.cropFarmers}</th><th>{w.planted}</th></tr></thead>
              <tbody>
                {d.commodities.map((k) => (
                  <tr><td>{lang === 'en' ? k.name_en : k.name}</td><td class="num">{n(k.farmers)}</td><td class="num">{q(k.hectares)}</td></tr>
                ))}
              </tbody>
            </DataTable>
            {d.rows.length > 1 && (
              <DataTable aria-label={`${w.crops(d.year)} · ${w.region}`}>
                <thead><tr><th>{villageRows ? w.village : w.region}</th>{d.commodities.map((k) => <th>{`${lang === 'en' ? k.name_en : k.name} (ha)`}</th>)}<th>{`${w.total} (ha)`}</th></tr></thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr><td><Name r={r} /></td>{d.commodities.map((k) => <td class="num">{q(r.planted[k.code]!)}</td>)}<td class="num">{q(r.plantedTotal)}</td></tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr><th scope="row">{w.total}</th>{d.commodities.map((k) => <td class="num" data-label={`${lang === 'en' ? k.name_en : k.name} (ha)`}>{q(t.planted[k.code]!)}</td>)}<td class="num" data-label={`${w.total} (ha)`}>{q(t.plantedTotal)}</td></tr>
                </tfoot>
              </DataTable>
            )}
          </>
        )}
      </section>

      <section class="card">
        <h2>{w.fertiliser(d.year)}</h2>
        <p class="muted">{w.fertiliserNote}</p>
        <DataTable aria-label={w.fertiliser(d.year)}>
          <thead>
            <tr><th>{villageRows ? w.village : w.region}</th>{d.types.map((f) => <th>{w.redeemedOf(f.name)}</th>)}</tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr>
                <td><Name r={r} /></td>
                {d.types.map((f) => (
                  <td class="num">{`${q(r.redeemed[f.code]!)} / ${q(r.allocated[f.code]!)}`}<br /><ShareCell part={r.redeemed[f.code]!} whole={r.allocated[f.code]!} lang={lang} label={`${regionShort(r)}, ${f.name}`} /></td>
                ))}
              </tr>
            ))}
          </tbody>
          {d.rows.length > 1 && (
            <tfoot>
              <tr>
                <th scope="row">{w.total}</th>
                {d.types.map((f) => (
                  <td class="num" data-label={w.redeemedOf(f.name)}>{`${q(t.redeemed[f.code]!)} / ${q(t.allocated[f.code]!)}`}<br /><ShareCell part={t.redeemed[f.code]!} whole={t.allocated[f.code]!} lang={lang} label={`${w.total}, ${f.name}`} /></td>
                ))}
              </tr>
            </tfoot>
          )}
        </DataTable>
      </section>

      <StockSection d={d} lang={lang} />
    </DashboardFrame>
  );
}

function StockSection({ d, lang }: { d: FarmerDashboard; lang: Lang }) {
  const w = FIGURE_TEXT[lang];
  const q = (v: string) => formatQuantity(v, lang);
  const s = d.stock;
  const query = `?tahun=${d.year}`;
  const note = s.by === 'region' ? w.stockRegion : d.scope.level === 3 ? w.stockDistrict : w.stockVillage;
  const Name = ({ r }: { r: StockFigure }) =>
    r.kind === 'kiosk' ? <>{r.name} <span class="muted">{r.address}</span></> : <ChildLink code={r.key} name={r.name} kind={r.kind} tab="petani" query={query} />;
  return (
    <section class="card">
      <h2>{w.stock(d.year)}</h2>
      <p class="muted">{note}</p>
      {s.rows.length === 0 ? (
        <p>{w.noKiosks}</p>
      ) : (
        <>
          <DataTable aria-label={w.stock(d.year)}>
            <thead><tr><th>{w.fertiliserType}</th><th>{w.received}</th><th>{w.handedOut}</th><th>{w.difference}</th></tr></thead>
            <tbody>
              {d.types.map((f) => (
                <tr><td>{f.name}</td><td class="num">{q(s.totals.received[f.code]!)}</td><td class="num">{q(s.totals.handedOut[f.code]!)}</td><td class="num">{q(minus(s.totals.received[f.code]!, s.totals.handedOut[f.code]!))}</td></tr>
              ))}
            </tbody>
          </DataTable>
          <DataTable aria-label={`${w.stock(d.year)} · ${s.by === 'region' ? w.region : w.kiosk}`}>
            <thead>
              <tr>
                <th>{s.by === 'region' ? w.region : w.kiosk}</th>{s.by === 'region' && <th>{w.kiosks}</th>}
                {d.types.map((f) => <><th>{w.receivedOf(f.name)}</th><th>{w.handedOutOf(f.name)}</th></>)}
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr>
                  <td><Name r={r} /></td>{s.by === 'region' && <td class="num">{formatNumber(r.kiosks, lang)}</td>}
                  {d.types.map((f) => <><td class="num">{q(r.received[f.code]!)}</td><td class="num">{q(r.handedOut[f.code]!)}</td></>)}
                </tr>
              ))}
            </tbody>
            {s.rows.length > 1 && (
              <tfoot>
                <tr>
                  <th scope="row">{w.total}</th>{s.by === 'region' && <td class="num" data-label={w.kiosks}>{formatNumber(s.totals.kiosks, lang)}</td>}
                  {d.types.map((f) => <><td class="num" data-label={w.receivedOf(f.name)}>{q(s.totals.received[f.code]!)}</td><td class="num" data-label={w.handedOutOf(f.name)}>{q(s.totals.handedOut[f.code]!)}</td></>)}
                </tr>
              </tfoot>
            )}
          </DataTable>
        </>
      )}
    </section>
  );
}
