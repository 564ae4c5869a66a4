import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import { regionTitle } from '../../regions/index.js';
import type { publicOffers, weeklyPrices } from '../harvest.service.js';
import { commodityName, kg, perKg, telOf } from './harvest-text.js';

/**
 * The buyers' pages: no login, no script, one small table each, so they open quickly on a
 * phone with a weak signal. A proxy may keep them a few minutes (see harvest.pages.tsx).
 */
const TEXT = {
  id: {
    offersTitle: 'Hasil panen dijual', offersIntro: 'Penawaran hasil panen yang masih dibuka dari Poktan dan petani desa-desa di kecamatan ini, terbaru di atas. Hubungi nomor yang tertera, atau kantor desanya.',
    all: 'Semua komoditas', show: 'Tampilkan', none: 'Belum ada penawaran yang dibuka.', commodity: 'Komoditas', village: 'Desa', seller: 'Penjual', quantity: 'Jumlah', price: 'Harga per kg',
    available: 'Siap dijual', contact: 'Kontak', office: 'kantor desa', prices: 'Harga panen mingguan kabupaten', prev: 'Sebelumnya', next: 'Berikutnya', page: 'Halaman',
    pricesTitle: 'Harga panen mingguan', pricesIntro: 'Harga yang diminta dalam penawaran hasil panen yang dicatat di desa-desa kabupaten ini, per minggu (Senin–Minggu) sejak', pricesNote: 'Rata-rata ditimbang dengan jumlah kg; semua penawaran minggu itu dihitung, termasuk yang sudah terjual atau ditarik. Minggu tanpa penawaran tidak ditampilkan.',
    week: 'Minggu', from: 'mulai', offers: 'Penawaran', average: 'Rata-rata per kg', min: 'Terendah', max: 'Tertinggi', noPrices: 'Belum ada penawaran dalam 12 minggu terakhir.', volume: 'Jumlah ditawarkan', offersLink: 'Penawaran yang dibuka per kecamatan',
  },
  en: {
    offersTitle: 'Harvests for sale', offersIntro: 'Open harvest offers of the farmer groups and farmers of this district\'s villages, newest first. Call the number given, or the village office.',
    all: 'All commodities', show: 'Show', none: 'No open offers yet.', commodity: 'Commodity', village: 'Village', seller: 'Seller', quantity: 'Quantity', price: 'Price per kg',
    available: 'Available from', contact: 'Contact', office: 'village office', prices: 'Weekly harvest prices of the regency', prev: 'Previous', next: 'Next', page: 'Page',
    pricesTitle: 'Weekly harvest prices', pricesIntro: 'Prices asked in the harvest offers recorded in this regency\'s villages, per week (Monday–Sunday) since', pricesNote: 'The average is weighted by kilograms; every offer of the week counts, sold or withdrawn ones included. Weeks without offers are left out.',
    week: 'Week', from: 'from', offers: 'Offers', average: 'Average per kg', min: 'Lowest', max: 'Highest', noPrices: 'No offers in the last 12 weeks.', volume: 'Quantity offered', offersLink: 'Open offers by district',
  },
} as const;

export function PublicOffersPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof publicOffers>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const base = `/publik/panen/${view.region.code}`;
  const link = (page: number) => {
    const q = new URLSearchParams({ ...(view.commodity ? { komoditas: view.commodity } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString();
    return q ? `${base}?${q}` : base;
  };
  return (
    <Layout c={c} title={`${w.offersTitle} · ${regionTitle(view.region, lang)}`}>
      <p>{w.offersIntro}</p>
      <form method="get" action={base} class="inline-form">
        <label>{w.commodity}<select name="komoditas">
          <option value="">{w.all}</option>
          {view.commodities.map((k) => <option value={k.code} selected={view.commodity === k.code}>{lang === 'en' ? k.name_en : k.name}</option>)}
        </select></label>
        <button type="submit" class="small secondary">{w.show}</button>
      </form>
      {view.offers.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.offersTitle}>
          <thead><tr><th>{w.commodity}</th><th class="num">{w.quantity}</th><th class="num">{w.price}</th><th>{w.available}</th><th>{w.village}</th><th>{w.seller}</th><th>{w.contact}</th></tr></thead>
          <tbody>{view.offers.map((o) => (
            <tr>
              <td>{commodityName(o, lang)}</td>
              <td class="num">{kg(o.quantity_kg, lang)}</td>
              <td class="num">{perKg(o.price_per_kg)}</td>
              <td>{formatDate(o.available_on, lang)}</td>
              <td>{titleCase(o.village)}</td>
              <td>{o.seller}</td>
              <td>{o.contact_phone ? <a href={telOf(o.contact_phone)}>{o.contact_phone}</a> : w.office}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {(view.page > 1 || view.more) && (
        <nav class="pager">
          {view.page > 1 && <a href={link(view.page - 1)}>{w.prev}</a>}{` ${w.page} ${view.page} `}
          {view.more && <a href={link(view.page + 1)}>{w.next}</a>}
        </nav>
      )}
      <p><a href={`/publik/harga-panen/${view.region.code.slice(0, 5)}`}>{w.prices}</a></p>
    </Layout>
  );
}

export function WeeklyPricesPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof weeklyPrices>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={`${w.pricesTitle} · ${regionTitle(view.region, lang)}`}>
      <p>{`${w.pricesIntro} ${formatDate(view.first, lang)}. ${w.pricesNote}`}</p>
      {view.rows.length === 0 ? <p>{w.noPrices}</p> : (
        <DataTable aria-label={w.pricesTitle}>
          <thead><tr><th>{w.week}</th><th>{w.commodity}</th><th class="num">{w.offers}</th><th class="num">{w.volume}</th><th class="num">{w.average}</th><th class="num">{w.min}</th><th class="num">{w.max}</th></tr></thead>
          <tbody>{view.rows.map((r) => (
            <tr>
              <td>{`${r.week}/${r.year}`} <small>{`${w.from} ${formatDate(r.week_start, lang)}`}</small></td>
              <td>{lang === 'en' ? r.name_en : r.name}</td>
              <td class="num">{formatNumber(r.offers, lang)}</td>
              <td class="num">{kg(r.quantity_kg, lang)}</td>
              <td class="num">{formatRupiah(r.average)}</td>
              <td class="num">{formatRupiah(r.min_price)}</td>
              <td class="num">{formatRupiah(r.max_price)}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {view.districts.length > 0 && (
        <>
          <h2>{w.offersLink}</h2>
          <ul class="plain">{view.districts.map((d) => <li><a href={`/publik/panen/${d.code}`}>{regionTitle(d, lang)}</a></li>)}</ul>
        </>
      )}
    </Layout>
  );
}
