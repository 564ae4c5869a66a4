import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import type { cartView } from '../cart.js';
import { STATUS_LABEL } from '../catalog.js';
import type { buyerOrders } from '../orders.service.js';
import { MARKET_TEXT } from './market-text.js';
import { BuyerFields, orderUrl, photoUrl, productUrl, sellerUrl, type OrderFormState } from './public-pages.js';

type CartViewData = Awaited<ReturnType<typeof cartView>>;

/**
 * The cart: a block per shop (each its own order) with the lines at today's price, a quantity to
 * change or a line to take out, the totals, and the one checkout form for all of it.
 */
export function CartPage({ c, cart, proven, resident, state, added }: { c: Context<AppEnv>; cart: CartViewData; proven: string | null; resident: boolean; state: OrderFormState; added?: boolean }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  return (
    <Layout c={c} title={w.cart} guide="pasar-pembeli">
      {added && <Notice kind="ok">{w.cartAdded}</Notice>}
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {state.codeSentTo && <Notice kind="ok">{`${w.codeSent} ${state.codeSentTo}.`}</Notice>}
      {cart.shops.length === 0 ? <p>{w.cartEmpty}</p> : <p>{w.cartIntro}</p>}
      {cart.shops.map((shop) => (
        <section class="card">
          <h2><a href={sellerUrl(shop.village, shop.sellerId)}>{shop.seller}</a> <small>{titleCase(shop.villageName)}</small></h2>
          <ul class="cards">
            {shop.items.map((i) => (
              <li>
                {i.photo && <img src={photoUrl(i.village, i.photo, 'kecil')} alt="" loading="lazy" width={64} height={64} class="thumb" />}
                <a href={productUrl(i.village, i.productId)}>{i.name}</a>
                <br />{`${formatRupiah(i.price)} ${w.per} ${i.unit} × ${formatNumber(i.quantity, lang)} = ${formatRupiah(i.subtotal)}`}
                {!i.available && <><br /><span class="tag warn">{i.stock > 0 ? `${w.stockOnly} ${formatNumber(i.stock, lang)} ${i.unit}` : w.notAvailable}</span></>}
                <form method="post" action="/pasar/keranjang/ubah" class="inline-form">
                  <Csrf c={c} />
                  <input type="hidden" name="desa" value={i.village} />
                  <input type="hidden" name="produk" value={String(i.productId)} />
                  <label>{w.quantity}<input type="number" name="jumlah" min={0} max={1000} value={String(i.quantity)} inputmode="numeric" /></label>
                  <button type="submit" class="secondary">{w.change}</button>{' '}
                  <button type="submit" name="jumlah" value="0" class="secondary">{w.remove}</button>
                </form>
              </li>
            ))}
          </ul>
          <p class="price">{`${w.shopTotal}: ${formatRupiah(shop.total)}`}</p>
        </section>
      ))}
      {cart.shops.length > 0 && (
        <>
          <p class="price">{`${w.grandTotal}: ${formatRupiah(cart.total)}`}</p>
          <form method="post" action="/pasar/keranjang/pesan" class="card">
            <h2>{w.checkoutTitle}</h2>
            <Csrf c={c} />
            <BuyerFields w={w} proven={proven} resident={resident} state={state} />
          </form>
        </>
      )}
      <p><a href="/pasar">{w.market}</a>{' · '}<a href="/pasar/pesanan-saya">{w.myOrders}</a></p>
    </Layout>
  );
}

/** The buyer's own orders, newest first, each linking to its page. */
export function MyOrdersPage({ c, orders, known, placed }: { c: Context<AppEnv>; orders: Awaited<ReturnType<typeof buyerOrders>>; known: boolean; placed: boolean }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  return (
    <Layout c={c} title={w.myOrders} guide="pasar-pembeli">
      {placed && <Notice kind="ok">{w.placedMany}</Notice>}
      {!known ? <p>{w.myOrdersLogin}</p> : orders.length === 0 ? <p>{w.myOrdersNone}</p> : (
        <ul class="cards">
          {orders.map((o) => (
            <li>
              <a href={orderUrl(o.village_code, o.code)}>{`${w.orderOf} ${o.code}`}</a>{` · ${o.seller} · `}
              <span class={`tag ${STATUS_LABEL[o.status].tag}`}>{STATUS_LABEL[o.status][lang]}</span>
              <br />{o.items}
              <br /><small>{`${formatDateTime(o.placed_at, lang)} · ${formatRupiah(o.total)}`}</small>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/pasar">{w.market}</a>{' · '}<a href="/pasar/keranjang">{w.cart}</a></p>
    </Layout>
  );
}
