import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatRupiah } from '../../../platform/format/format.js';
import type { MarketOrderStatus } from '../../../platform/db/schema.js';
import { STATUS_LABEL, type Category } from '../catalog.js';
import type { shopOrder, shopOrders } from '../orders.service.js';
import type { ShopProduct } from '../products.service.js';
import type { shopFor } from '../sellers.service.js';
import { AGENT_TEXT } from './agent-text.js';
import { MARKET_TEXT, type MarketWords } from './market-text.js';
import { MessageForm, OrderSummary, photoUrl, productUrl, sellerUrl, statusWords } from './public-pages.js';

export type ShopMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
type Shop = Awaited<ReturnType<typeof shopFor>>;

/** The small business's registration, from self-service: name, phone, address, what it does. */
export function RegisterShopPage({ c, msg }: { c: Context<AppEnv>; msg: ShopMsg }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={w.registerShop} guide="pasar-penjual">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href="/warga">{w.back}</a></p>
      <form method="post" action="/warga/toko" class="card">
        <Csrf c={c} />
        <label>{w.shopName} *<input name="name" required minlength={3} maxlength={100} value={v('name')} /></label>
        <label>{w.shopPhone} *<input type="tel" name="phone" required maxlength={20} value={v('phone')} /></label>
        <label>{w.shopAddress} *<input name="address" required minlength={3} maxlength={200} value={v('address')} /></label>
        <label>{w.description}<textarea name="description" maxlength={2000} rows={3}>{v('description')}</textarea></label>
        <button type="submit">{w.register}</button>
      </form>
    </Layout>
  );
}


/** A shop's own page: its state, the product form, its products (price, stock, on sale) and its orders. */
export function ShopPage({ c, shop, products, orders, cats, msg }: { c: Context<AppEnv>; shop: Shop; products: ShopProduct[]; orders: Awaited<ReturnType<typeof shopOrders>>; cats: Category[]; msg: ShopMsg }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const v = (k: string) => msg.values?.[k] ?? '';
  const village = shop.village_code;
  return (
    <Layout c={c} title={`${w.myShop}: ${shop.name}`} guide="pasar-penjual">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{`${w.status}: ${statusWords(w, shop.status)}`}{shop.status === 'verified' && <> · <a href={sellerUrl(village, shop.id)}>{w.publicPage}</a></>}
        {shop.kind === 'bumdes' && shop.status === 'verified' && can(c.get('ctx').actor, 'market.agent', village) && <> · <a href={`/desa/${village}/pasar/layanan`}>{AGENT_TEXT[lang].title}</a></>}</p>
      {shop.status === 'pending' && <Notice kind="warn">{w.pending}</Notice>}
      {(shop.status === 'refused' || shop.status === 'suspended') && <Notice kind="warn">{`${shop.status === 'refused' ? w.refused : w.suspended}. ${w.reason}: ${shop.status_reason ?? ''}`}</Notice>}
      <h2>{w.orders}</h2>
      {orders.length === 0 ? <p>{w.noOrders}</p> : (
        <ul class="cards">
          {orders.map((o) => (
            <li>
              <a href={`${shop.base}/pesanan/${o.id}`}>{o.code}</a>{` · ${o.buyer_name} · `}<span class={`tag ${STATUS_LABEL[o.status].tag}`}>{STATUS_LABEL[o.status][lang]}</span>
              <br /><small>{`${o.items ?? ''} · ${formatRupiah(o.total)} · ${formatDateTime(o.placed_at, lang)}`}</small>
            </li>
          ))}
        </ul>
      )}
      <h2>{w.products}</h2>
      {products.length === 0 ? <p>{w.noProducts}</p> : (
        <ul class="cards">
          {products.map((p) => (
            <li>
              {p.photo && <img src={photoUrl(village, p.photo, 'kecil')} alt="" loading="lazy" width={64} height={64} style="float:right" />}
              <a href={productUrl(village, p.id)}>{p.name}</a>{` · ${p.active ? w.active : w.inactive}`}
              <form method="post" action={`${shop.base}/produk/${p.id}`}>
                <Csrf c={c} />
                <label>{w.price}<input name="price" required inputmode="numeric" maxlength={16} value={p.price} /></label>
                <label>{`${w.stock} (${p.unit})`}<input name="stock" required inputmode="numeric" maxlength={9} value={String(p.stock)} /></label>
                <label>{w.status}<select name="active"><option value="1" selected={p.active}>{w.onSale}</option><option value="0" selected={!p.active}>{w.withdraw}</option></select></label>
                <button type="submit" class="small">{w.save}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {shop.status === 'verified' && (
        <form method="post" action={`${shop.base}/produk`} enctype="multipart/form-data" class="card">
          <h2>{w.addProduct}</h2>
          <Csrf c={c} />
          <label>{w.productName} *<input name="name" required minlength={3} maxlength={100} value={v('name')} /></label>
          <label>{w.category} *<select name="category" required>
            <option value="">-</option>
            {cats.map((k) => <option value={k.code} selected={v('category') === k.code}>{lang === 'en' ? k.name_en : k.name}</option>)}
          </select></label>
          <label>{w.price} *<input name="price" required inputmode="numeric" maxlength={16} value={v('price')} /></label>
          <label>{w.unit} *<input name="unit" required maxlength={20} placeholder="kg, bungkus, buah" value={v('unit')} /></label>
          <label>{w.stock} *<input name="stock" required inputmode="numeric" maxlength={9} value={v('stock')} /></label>
          <label>{`${w.weight} (${w.grams})`}<input name="weight_grams" inputmode="numeric" maxlength={7} value={v('weight_grams')} /></label>
          <label>{w.halal}<input name="halal_no" maxlength={40} value={v('halal_no')} /></label>
          <label>{w.pirt}<input name="pirt_no" maxlength={40} value={v('pirt_no')} /></label>
          <label>{w.description}<textarea name="description" maxlength={2000} rows={3}>{v('description')}</textarea></label>
          <label>{w.photos}<input type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}

const STEP_WORD: Record<MarketOrderStatus, keyof MarketWords> = {
  placed: 'placed', confirmed: 'stepConfirm', paid: 'stepPaid', shipped: 'stepShipped', ready: 'stepReady', done: 'stepDone', cancelled: 'stepCancel',
};

/** One of the shop's orders: the buyer's contact (the seller's to see), the next steps, the messages. */
export function ShopOrderPage({ c, shop, o, msg }: { c: Context<AppEnv>; shop: Shop; o: Awaited<ReturnType<typeof shopOrder>>; msg: ShopMsg }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const base = `${shop.base}/pesanan/${o.id}`;
  return (
    <Layout c={c} title={`${w.orderOf} ${o.code}`} guide="pasar-penjual">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={shop.base}>{w.back}</a></p>
      <p>{`${w.buyerContact}: ${o.buyer_name} · `}<a href={`tel:${o.buyer_phone}`}>{o.buyer_phone}</a>{o.buyer_address && ` · ${o.buyer_address}`}</p>
      <OrderSummary w={w} lang={lang} o={o} />
      {o.has_proof && <p><a href={`${base}/bukti`}>{w.proofView}</a></p>}
      {o.steps.length > 0 && (
        <form method="post" action={`${base}/langkah`} class="card">
          <Csrf c={c} />
          <label>{w.stepNote}<input name="note" maxlength={1000} /></label>
          {o.steps.map((s) => <><button type="submit" name="status" value={s} class={s === 'cancelled' ? 'secondary' : ''}>{w[STEP_WORD[s]]}</button>{' '}</>)}
        </form>
      )}
      <MessageForm c={c} w={w} action={`${base}/pesan`} />
    </Layout>
  );
}
