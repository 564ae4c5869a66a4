import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, todayInWib } from '../../../platform/format/format.js';
import type { Commodity } from '../catalog.js';
import type { harvestOfficePage, myHarvest, OfferRow } from '../harvest.service.js';
import { commodityName, HARVEST_TEXT, kg, perKg, STATUS_LABEL, telOf } from './harvest-text.js';

export type HarvestMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
type W = (typeof HARVEST_TEXT)['id' | 'en'];
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** What is offered: the same fields for the office and for the farmer. */
function OfferFields({ w, lang, list, v, phoneHint }: { w: W; lang: 'id' | 'en'; list: Commodity[]; v: (k: string, d?: string) => string; phoneHint: string }) {
  const today = todayInWib();
  return (
    <>
      <label>{w.commodity} *<select name="commodity" required>
        <option value="">{w.choose}</option>
        {list.map((c) => <option value={c.code} selected={v('commodity') === c.code}>{lang === 'en' ? c.name_en : c.name}</option>)}
      </select></label>
      <label>{w.quantityInput} *<input name="quantity_kg" required inputmode="decimal" maxlength={14} value={v('quantity_kg')} /></label>
      <label>{w.priceInput} *<input name="price_per_kg" required inputmode="numeric" maxlength={14} value={v('price_per_kg')} /></label>
      <label>{w.availableInput} *<input type="date" name="available_on" required min={addDays(today, -30)} max={addDays(today, 366)} value={v('available_on', today)} /></label>
      <label>{w.phoneInput}<input type="tel" name="contact_phone" maxlength={20} autocomplete="off" value={v('contact_phone')} /><small>{phoneHint}</small></label>
    </>
  );
}

/** The offers with their state; an open one has its two closing buttons when `closeUrl` is given. */
function OfferTable({ c, w, lang, label, offers, closeUrl, showSeller }: { c: Context<AppEnv>; w: W; lang: 'id' | 'en'; label: string; offers: OfferRow[]; closeUrl?: (id: number) => string; showSeller: boolean }) {
  return (
    <DataTable aria-label={label}>
      <thead><tr>
        <th>{w.commodity}</th>{showSeller && <th>{w.seller}</th>}<th class="num">{w.quantity}</th><th class="num">{w.price}</th><th>{w.available}</th><th>{w.contact}</th><th>{w.status}</th>
      </tr></thead>
      <tbody>{offers.map((o) => (
        <tr>
          <td>{commodityName(o, lang)}<br /><small>{`${w.recorded} ${formatDate(o.created_at, lang)}`}</small></td>
          {showSeller && <td>{o.group_name ?? <>{o.farmer_name ?? ''} <small>{`(${w.individual})`}</small></>}</td>}
          <td class="num">{kg(o.quantity_kg, lang)}</td>
          <td class="num">{perKg(o.price_per_kg)}</td>
          <td>{formatDate(o.available_on, lang)}</td>
          <td>{o.contact_phone ? <a href={telOf(o.contact_phone)}>{o.contact_phone}</a> : ''}</td>
          <td>
            <span class={`tag ${STATUS_LABEL[o.status].tag}`}>{STATUS_LABEL[o.status][lang]}</span>
            {o.closed_at && <small>{` ${w.closedOn} ${formatDate(o.closed_at, lang)}`}</small>}
            {o.status === 'open' && closeUrl && (
              <form method="post" action={closeUrl(o.id)}>
                <Csrf c={c} />
                <button type="submit" name="status" value="sold" class="small">{w.sold}</button>{' '}
                <button type="submit" name="status" value="withdrawn" class="small secondary">{w.withdraw}</button>
              </form>
            )}
          </td>
        </tr>
      ))}</tbody>
    </DataTable>
  );
}

function Pager({ w, base, page, more }: { w: W; base: string; page: number; more: boolean }) {
  if (page === 1 && !more) return null;
  return (
    <nav class="pager">
      {page > 1 && <a href={`${base}${page - 1 > 1 ? `?page=${page - 1}` : ''}`}>{w.prev}</a>}{` ${w.page} ${page} `}
      {more && <a href={`${base}?page=${page + 1}`}>{w.next}</a>}
    </nav>
  );
}

/** /desa/<code>/petani/panen: the village's offers, with the form for the office and the PPL. */
export function HarvestOfficePage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof harvestOfficePage>>; msg?: HarvestMsg }) {
  const lang = c.get('lang');
  const w = HARVEST_TEXT[lang];
  const code = view.village.village_code;
  const base = `/desa/${code}/petani/panen`;
  // The office's own number is offered as the contact; a farmer's number is never taken from the register.
  const v = (k: string, d = '') => msg.values?.[k] ?? (k === 'contact_phone' ? view.village.phone ?? '' : d);
  return (
    <Layout c={c} title={`${w.officeTitle} · ${view.village.name}`} guide="poktan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.officeIntro}</p>
      <p><a href={`/publik/panen/${view.district}`}>{w.publicLink}</a> · <a href={`/publik/harga-panen/${code.slice(0, 5)}`}>{w.pricesLink}</a></p>
      {view.offers.length === 0 ? <p>{w.none}</p> : (
        <OfferTable c={c} w={w} lang={lang} label={w.officeTitle} offers={view.offers} showSeller closeUrl={view.canWrite ? (id) => `${base}/${id}/tutup` : undefined} />
      )}
      <Pager w={w} base={base} page={view.page} more={view.more} />
      {view.canWrite && (
        <form method="post" action={base} class="card">
          <h2>{w.newOffer}</h2>
          <Csrf c={c} />
          <label>{w.group}<select name="group_id">
            <option value="">{w.noGroup}</option>
            {view.groups.map((g) => <option value={String(g.id)} selected={v('group_id') === String(g.id)}>{g.name}</option>)}
          </select></label>
          <label>{w.nik}<input name="nik" inputmode="numeric" pattern="[0-9 ]{16,20}" maxlength={20} autocomplete="off" value={v('nik')} /></label>
          <OfferFields w={w} lang={lang} list={view.commodities} v={v} phoneHint={w.phoneHint} />
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}

/** /warga/panen: a registered farmer's own offers and the form; anyone else is told how to register. */
export function MyHarvestPage({ c, view, msg = {}, notFarmer }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myHarvest>>; msg?: HarvestMsg; notFarmer: string }) {
  const lang = c.get('lang');
  const w = HARVEST_TEXT[lang];
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  return (
    <Layout c={c} title={w.myTitle} guide="poktan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href="/warga">{w.back}</a></p>
      {!view.farmer ? <Notice kind="warn">{notFarmer}</Notice> : (
        <>
          <p>{w.myIntro}</p>
          <form method="post" action="/warga/panen" class="card">
            <h2>{w.newMine}</h2>
            <Csrf c={c} />
            <OfferFields w={w} lang={lang} list={view.commodities} v={v} phoneHint={w.myPhoneHint} />
            <button type="submit">{w.save}</button>
          </form>
          {view.offers.length === 0 ? <p>{w.noneMine}</p> : (
            <OfferTable c={c} w={w} lang={lang} label={w.myTitle} offers={view.offers} showSeller={false} closeUrl={(id) => `/warga/panen/${id}/tutup`} />
          )}
        </>
      )}
      <p><a href={`/publik/panen/${view.district}`}>{w.publicLink}</a></p>
    </Layout>
  );
}
