import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import { DashboardFrame, dashboardPath } from '../../monitoring/views/frame.js';
import { KIND_LABEL, STATUS_LABEL } from '../catalog.js';
import type { MarketDashboard } from '../figures.service.js';
import type { villageOrders } from '../orders.service.js';
import type { villageSellers } from '../sellers.service.js';
import { AGENT_TEXT } from './agent-text.js';
import { MARKET_TEXT } from './market-text.js';
import { sellerUrl, statusWords } from './public-pages.js';
import type { ShopMsg } from './shop-pages.js';


/** /desa/<code>/pasar: the village's sellers to verify, the BUMDes and cooperatives to register and run. */
export function MarketOfficePage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof villageSellers>>; msg: ShopMsg }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const code = view.village.village_code;
  const base = `/desa/${code}/pasar`;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  return (
    <Layout c={c} title={`${w.officeTitle} · ${view.village.name}`} guide="pasar-desa">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/pasar?wilayah=${code}`}>{w.market}</a> · <a href={`${base}/pesanan`}>{w.villageOrders}</a> · <a href={`/pantau/${code}/pasar`}>{w.figures}</a>
        {can(c.get('ctx').actor, 'market.agent', code) && <> · <a href={`${base}/layanan`}>{AGENT_TEXT[lang].title}</a></>}
        {can(c.get('ctx').actor, 'market.agent_report', code) && <> · <a href={`${base}/layanan/rekap`}>{AGENT_TEXT[lang].reportLink}</a></>}</p>
      <h2>{w.sellers}</h2>
      {view.sellers.length === 0 ? <p>-</p> : (
        <ul class="cards">
          {view.sellers.map((s) => (
            <li>
              <strong>{s.name}</strong>{` · ${KIND_LABEL[s.kind][lang]} · ${statusWords(w, s.status)} · ${w.products}: ${s.products}`}
              <br /><small>{[s.owner_name ? `${w.owner}: ${titleCase(s.owner_name)}` : s.legal_name, s.address, s.phone].filter(Boolean).join(' · ')}</small>
              {s.status_reason && <><br /><small>{`${w.reason}: ${s.status_reason}`}</small></>}
              {s.description && <p style="white-space: pre-line"><small>{s.description}</small></p>}
              <p>
                {s.status === 'verified' && <a href={sellerUrl(code, s.id)}>{w.publicPage}</a>}
                {view.canManage && s.kind !== 'umkm' && <>{' · '}<a href={`${base}/toko/${s.id}`}>{w.manageShop}</a></>}
              </p>
              <form method="post" action={`${base}/penjual/${s.id}/status`}>
                <Csrf c={c} />
                {s.status !== 'verified' && <button type="submit" name="decision" value="verified" class="small">{s.status === 'suspended' ? w.reinstate : w.verify}</button>}
                {s.status !== 'verified' && ' '}
                {s.status !== 'refused' && s.status !== 'suspended' && (
                  <>
                    <label>{w.reason}<input name="reason" maxlength={500} /></label>
                    <button type="submit" name="decision" value={s.status === 'pending' ? 'refused' : 'suspended'} class="small secondary">{s.status === 'pending' ? w.refuse : w.suspend}</button>
                  </>
                )}
              </form>
            </li>
          ))}
        </ul>
      )}
      {view.canManage && (
        <form method="post" action={`${base}/penjual`} class="card">
          <h2>{w.registerVillageSeller}</h2>
          <Csrf c={c} />
          <label>{w.kind} *<select name="kind" required>
            <option value="bumdes" selected={v('kind', 'bumdes') === 'bumdes'}>{KIND_LABEL.bumdes[lang]}</option>
            <option value="koperasi" selected={v('kind') === 'koperasi'}>{KIND_LABEL.koperasi[lang]}</option>
          </select></label>
          <label>{w.shopName} *<input name="name" required minlength={3} maxlength={100} value={v('name')} /></label>
          <label>{w.legalName}<input name="legal_name" maxlength={150} value={v('legal_name')} /></label>
          <label>{w.deedNo}<input name="deed_no" maxlength={60} value={v('deed_no')} /></label>
          <label>{w.registrationNo}<input name="registration_no" maxlength={60} value={v('registration_no')} /></label>
          <label>{w.shopPhone} *<input type="tel" name="phone" required maxlength={20} value={v('phone')} /></label>
          <label>{w.shopAddress} *<input name="address" required maxlength={200} value={v('address')} /></label>
          <label>{w.description}<textarea name="description" maxlength={2000} rows={3}>{v('description')}</textarea></label>
          <button type="submit">{w.register}</button>
        </form>
      )}
    </Layout>
  );
}

/** /desa/<code>/pasar/pesanan: every order of the village, the buyer's phone whole (a logged read). */
export function VillageOrdersPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof villageOrders>> }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  return (
    <Layout c={c} title={`${w.villageOrders} · ${view.village.name}`} guide="pasar-desa">
      <p><a href={`/desa/${view.village.village_code}/pasar`}>{w.back}</a></p>
      {view.orders.length === 0 ? <p>{w.noOrders}</p> : (
        <ul class="cards">
          {view.orders.map((o) => (
            <li>
              <strong>{o.code}</strong>{` · ${o.seller} · `}<span class={`tag ${STATUS_LABEL[o.status].tag}`}>{STATUS_LABEL[o.status][lang]}</span>
              <br /><small>{`${w.buyer}: ${o.buyer_name} · ${o.buyer_phone} · ${formatRupiah(o.total)} · ${formatDateTime(o.placed_at, lang)}`}</small>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** /pantau/<code>/pasar: sellers, products and the year's sales per child region. */
export function MarketFiguresPage({ c, d }: { c: Context<AppEnv>; d: MarketDashboard }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const n = (x: number) => formatNumber(x, lang);
  const query = `?tahun=${d.year}`;
  const head = FIGURE_HEADERS[lang].slice(1).map((h) => h.replace(' (Rp)', ''));
  return (
    <DashboardFrame c={c} scope={d.scope} tab="pasar" guide="pasar-desa" query={query} excel={`${dashboardPath(d.scope.code, 'pasar')}.xlsx${query}`}>
      <form method="get" class="inline-form"><label>{lang === 'en' ? 'Year' : 'Tahun'}<input name="tahun" inputmode="numeric" maxlength={4} value={String(d.year)} /></label> <button type="submit" class="small secondary">{lang === 'en' ? 'Show' : 'Tampilkan'}</button></form>
      <p>{lang === 'en' ? 'Orders placed in the year, cancelled ones taken out; sellers verified by their village and products on sale now.' : 'Pesanan yang dibuat dalam tahun ini, dikurangi yang dibatalkan; penjual yang terverifikasi desanya dan produk yang dijual sekarang.'}</p>
      <DataTable aria-label={w.figures}>
        <thead><tr>{head.map((h, i) => <th class={i > 0 ? 'num' : undefined}>{h}</th>)}</tr></thead>
        <tbody>
          {d.rows.map((r) => (
            <tr>
              <td>{d.scope.level < 4 ? <a href={`${dashboardPath(r.code, 'pasar')}${query}`}>{titleCase(r.name)}</a> : titleCase(r.name)}</td>
              <td class="num">{n(r.activated)}</td><td class="num">{n(r.bumdes)}</td><td class="num">{n(r.umkm)}</td><td class="num">{n(r.koperasi)}</td>
              <td class="num">{n(r.products)}</td><td class="num">{n(r.orders)}</td><td class="num">{n(r.items)}</td>
              <td class="num">{formatRupiah(r.value)}</td><td class="num">{formatRupiah(r.bumdesValue)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot><tr>
          <th>{lang === 'en' ? 'Total' : 'Jumlah'}</th>
          <td class="num">{n(d.totals.activated)}</td><td class="num">{n(d.totals.bumdes)}</td><td class="num">{n(d.totals.umkm)}</td><td class="num">{n(d.totals.koperasi)}</td>
          <td class="num">{n(d.totals.products)}</td><td class="num">{n(d.totals.orders)}</td><td class="num">{n(d.totals.items)}</td>
          <td class="num">{formatRupiah(d.totals.value)}</td><td class="num">{formatRupiah(d.totals.bumdesValue)}</td>
        </tr></tfoot>
      </DataTable>
    </DashboardFrame>
  );
}

export const FIGURE_HEADERS = { id: ['Kode', 'Wilayah', 'Desa memakai Balai', 'BUMDes', 'UMKM', 'Koperasi', 'Produk dijual', 'Pesanan', 'Barang terjual', 'Nilai penjualan (Rp)', 'Omzet BUMDes (Rp)'], en: ['Code', 'Region', 'Villages on Balai', 'BUMDes', 'UMKM', 'Cooperatives', 'Products on sale', 'Orders', 'Items sold', 'Sales (Rp)', 'BUMDes turnover (Rp)'] };
