import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { publicOrigin } from '../../../platform/http/public-origin.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDateTime, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import { KIND_LABEL, STATUS_LABEL } from '../catalog.js';
import type { OrderView } from '../orders.service.js';
import type { ListedProduct, ProductView, searchProducts, sellerView } from '../search.service.js';
import { MARKET_TEXT, type MarketWords } from './market-text.js';
import { paymentGateway } from '../payment-gateway.js';

/**
 * The buyers' pages: no script, small photos loaded lazily, so they open quickly on a cheap
 * phone. Product text is the seller's: rendered as text (JSX escapes it), never as markup.
 */
export const photoUrl = (village: string, id: number, size: 'kecil' | 'besar') => `/pasar/foto/${village}/${id}/${size}`;
export const productUrl = (village: string, id: number) => `/pasar/${village}/produk/${id}`;
export const sellerUrl = (village: string, id: number) => `/pasar/${village}/penjual/${id}`;
export const orderUrl = (village: string, code: string) => `/pasar/pesanan/${village}/${code}`;

export function ProductGrid({ w, products }: { w: MarketWords; products: ListedProduct[] }) {
  return (
    <ul class="products">
      {products.map((p) => (
        <li>
          <a href={productUrl(p.village_code, p.id)}>
            {p.photo ? <img src={photoUrl(p.village_code, p.photo, 'kecil')} alt="" loading="lazy" width={180} height={180} /> : <span class="nophoto" />}
            <span>{p.name}</span>
            <span class="price">{formatRupiah(p.price)} <small>{`${w.per} ${p.unit}`}</small></span>
            <span><small>{`${p.seller} · ${titleCase(p.village)}`}</small></span>
            {p.stock === 0 && <span><small class="tag">{w.soldOut}</small></span>}
          </a>
        </li>
      ))}
      {products.length === 0 && <li><span>{w.none}</span></li>}
    </ul>
  );
}

/** The buyer's cart and own orders, linked from every page a buyer starts from. */
export const CartLinks = ({ w }: { w: MarketWords }) => <p class="links"><a href="/pasar/keranjang">{w.cart}</a>{' · '}<a href="/pasar/pesanan-saya">{w.myOrders}</a></p>;

export function SearchPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof searchProducts>> }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const link = (page: number) => {
    const q = new URLSearchParams({ ...(view.q ? { q: view.q } : {}), ...(view.category ? { kategori: view.category } : {}), ...(view.region ? { wilayah: view.region.code } : {}), ...(page > 1 ? { page: String(page) } : {}) }).toString();
    return q ? `/pasar?${q}` : '/pasar';
  };
  return (
    <Layout c={c} title={view.region ? `${w.market} · ${titleCase(view.region.name)}` : w.market} guide="pasar-pembeli">
      <p>{w.searchIntro}</p>
      <CartLinks w={w} />
      <form method="get" action="/pasar" class="card">
        <label>{w.q}<input type="search" name="q" maxlength={60} value={view.q} /></label>
        <label>{w.category}<select name="kategori">
          <option value="">{w.allCategories}</option>
          {view.categories.map((k) => <option value={k.code} selected={view.category === k.code}>{lang === 'en' ? k.name_en : k.name}</option>)}
        </select></label>
        <label>{w.region}<input name="wilayah" maxlength={13} inputmode="numeric" value={view.region?.code ?? ''} /></label>
        <button type="submit">{w.search}</button>
      </form>
      <ProductGrid w={w} products={view.products} />
      {(view.page > 1 || view.more) && (
        <nav class="pager">
          {view.page > 1 && <a href={link(view.page - 1)}>{w.prev}</a>}{` ${w.page} ${view.page} `}
          {view.more && <a href={link(view.page + 1)}>{w.next}</a>}
        </nav>
      )}
    </Layout>
  );
}

/** The product's page, with the preview a shared WhatsApp link shows (Open Graph). */
export function ProductPage({ c, p }: { c: Context<AppEnv>; p: ProductView }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const origin = publicOrigin(c);
  const summary = `${formatRupiah(p.price)} ${w.per} ${p.unit} · ${p.seller} · ${titleCase(p.village)}`;
  const head = (
    <>
      <meta property="og:type" content="product" />
      <meta property="og:title" content={p.name} />
      <meta property="og:description" content={summary} />
      <meta property="og:url" content={`${origin}${productUrl(p.village_code, p.id)}`} />
      {p.photos[0] && <meta property="og:image" content={`${origin}${photoUrl(p.village_code, p.photos[0], 'kecil')}`} />}
      <meta name="description" content={summary} />
    </>
  );
  return (
    <Layout c={c} title={p.name} head={head} guide="pasar-pembeli">
      {p.photos[0] && <a href={photoUrl(p.village_code, p.photos[0], 'besar')}><img class="product" src={photoUrl(p.village_code, p.photos[0], 'kecil')} alt={p.name} width={360} height={360} /></a>}
      {p.photos.length > 1 && <p>{p.photos.slice(1).map((f, i) => <><a href={photoUrl(p.village_code, f, 'besar')}>{`${w.photo} ${i + 2}`}</a>{' '}</>)}</p>}
      <p class="price">{formatRupiah(p.price)} <small>{`${w.per} ${p.unit}`}</small></p>
      <p>{`${w.stock}: ${p.active ? formatNumber(p.stock, lang) : '-'} ${p.unit}`}{p.weight_grams > 0 && ` · ${w.weight} ${formatNumber(p.weight_grams, lang)} ${w.grams}`}</p>
      {!p.active && <Notice kind="warn">{w.notSold}</Notice>}
      {p.active && p.stock === 0 && <Notice kind="warn">{w.soldOut}</Notice>}
      {p.active && p.stock > 0 && (
        <form method="post" action="/pasar/keranjang" class="inline-form">
          <Csrf c={c} />
          <input type="hidden" name="desa" value={p.village_code} />
          <input type="hidden" name="produk" value={String(p.id)} />
          <label>{w.quantity}<input type="number" name="jumlah" min={1} max={Math.min(p.stock, 1000)} value="1" inputmode="numeric" /></label>
          <button type="submit" name="lanjut" value="pesan">{w.order}</button>{' '}
          <button type="submit" name="lanjut" value="keranjang" class="secondary">{w.addToCart}</button>
        </form>
      )}
      {p.description && <p style="white-space: pre-line">{p.description}</p>}
      {p.halal_no && <p><small>{`${w.halal}: ${p.halal_no}`}</small></p>}
      {p.pirt_no && <p><small>{`${w.pirt}: ${p.pirt_no}`}</small></p>}
      <p>{`${w.seller}: `}<a href={sellerUrl(p.village_code, p.seller_id)}>{p.seller}</a>{` (${KIND_LABEL[p.seller_kind][lang]}), ${titleCase(p.village)}`}</p>
      <p><a href={`tel:${p.seller_phone}`}>{`${w.call}: ${p.seller_phone}`}</a></p>
      <CartLinks w={w} />
    </Layout>
  );
}

export function SellerPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof sellerView>> }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const s = view.seller;
  return (
    <Layout c={c} title={s.name} guide="pasar-pembeli">
      <p>{`${KIND_LABEL[s.kind][lang]} · ${titleCase(s.village)}`}{s.legal_name && ` · ${s.legal_name}`}</p>
      {s.description && <p style="white-space: pre-line">{s.description}</p>}
      <p>{`${w.address}: ${s.address}`} · <a href={`tel:${s.phone}`}>{s.phone}</a></p>
      {s.kind === 'bumdes' && (
        <section>
          <h2>{w.capital}</h2>
          {view.capital.length === 0 ? <p>{w.capitalNone}</p> : <dl>{view.capital.map((k) => <><dt>{String(k.year)}</dt><dd class="num">{formatRupiah(k.amount)}</dd></>)}</dl>}
          <p><a href={`/publik/desa/${s.village_code}/apbdes`}>{w.seeBudget}</a></p>
        </section>
      )}
      <h2>{w.products}</h2>
      <ProductGrid w={w} products={view.products} />
    </Layout>
  );
}

export type OrderFormState = { values: Record<string, string>; error?: string; codeSentTo?: string };

/**
 * The order form. A buyer whose phone is proven (the cookie) or a resident logged in orders at
 * once; anyone else gives a phone, receives a code and orders with it: the same form, posted twice.
 */
export function OrderFormPage({ c, p, proven, resident, state }: { c: Context<AppEnv>; p: ProductView; proven: string | null; resident: boolean; state: OrderFormState }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const v = (k: string, d = '') => state.values[k] ?? d;
  const base = `${productUrl(p.village_code, p.id)}/pesan`;
  const total = BigInt(p.price) * BigInt(/^\d{1,4}$/.test(v('order_quantity', '1')) ? v('order_quantity', '1') : '1');
  return (
    <Layout c={c} title={`${w.orderTitle}: ${p.name}`} guide="pasar-pembeli">
      {state.error && <Notice kind="error">{state.error}</Notice>}
      {state.codeSentTo && <Notice kind="ok">{`${w.codeSent} ${state.codeSentTo}.`}</Notice>}
      <p>{`${p.seller} · ${formatRupiah(p.price)} ${w.per} ${p.unit} · ${w.total} ${formatRupiah(total)}`}</p>
      <form method="post" action={base} class="card">
        <Csrf c={c} />
        <label>{w.quantity} *<input type="number" name="order_quantity" min={1} max={1000} required inputmode="numeric" value={v('order_quantity', '1')} /></label>
        <BuyerFields w={w} proven={proven} resident={resident} state={state} />
      </form>
    </Layout>
  );
}

/**
 * Who orders and how, shared by the product's order form and the cart's: name, phone (proven by a
 * code unless it is already), delivery, payment, a note; then the code's field and the button.
 */
export function BuyerFields({ w, proven, resident, state }: { w: MarketWords; proven: string | null; resident: boolean; state: OrderFormState }) {
  const v = (k: string, d = '') => state.values[k] ?? d;
  const needCode = !proven && !resident;
  const gateway = paymentGateway();
  return (
    <>
      <label>{w.buyerName} *<input name="name" required maxlength={100} autocomplete="name" value={v('name')} /></label>
      {proven ? <p>{`${w.provenAs} ${proven}`}</p> : (
        <label>{w.buyerPhone} *<input type="tel" name="phone" required maxlength={20} autocomplete="tel" value={v('phone')} />{needCode && <small>{w.phoneHint}</small>}</label>
      )}
      <fieldset><legend>{w.delivery}</legend>
        <label class="check"><input type="radio" name="delivery" value="pickup" checked={v('delivery', 'pickup') === 'pickup'} /> {w.pickup}</label>
        <label class="check"><input type="radio" name="delivery" value="courier" checked={v('delivery') === 'courier'} /> {w.courier}</label>
      </fieldset>
      <label>{w.deliveryAddress}<textarea name="address" maxlength={300} rows={2} autocomplete="street-address">{v('address')}</textarea></label>
      <fieldset><legend>{w.payment}</legend>
        <label class="check"><input type="radio" name="payment" value="cod" checked={v('payment', 'cod') === 'cod'} /> {w.cod}</label>
        <label class="check"><input type="radio" name="payment" value="transfer" checked={v('payment') === 'transfer'} /> {w.transfer}</label>
        {gateway && <label class="check"><input type="radio" name="payment" value="gateway" checked={v('payment') === 'gateway'} /> {w.gateway}{gateway.testMode && <small>{` (${w.gatewayTest})`}</small>}</label>}
      </fieldset>
      <label>{w.note}<input name="note" maxlength={1000} value={v('note')} /></label>
      {needCode && state.codeSentTo && <label>{w.code} *<input name="otp" required inputmode="numeric" autocomplete="one-time-code" maxlength={6} pattern="[0-9]{6}" /></label>}
      {needCode && !state.codeSentTo
        ? <button type="submit" name="step" value="code">{w.sendCode}</button>
        : <button type="submit" name="step" value="order">{w.placeOrder}</button>}
    </>
  );
}

/** An order's page for its buyer: the steps, the lines, the messages. */
export function BuyerOrderPage({ c, o, msg }: { c: Context<AppEnv>; o: OrderView & { canCancel: boolean; canSendProof: boolean; canPayOnline: boolean }; msg: { ok?: boolean; placed?: boolean; error?: string } }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  const base = orderUrl(o.village_code, o.code);
  return (
    <Layout c={c} title={`${w.orderOf} ${o.code}`} guide="pasar-pembeli">
      {msg.placed && <Notice kind="ok">{w.placedOk}</Notice>}
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <OrderSummary w={w} lang={lang} o={o} />
      {o.canPayOnline && (
        <form method="post" action={`${base}/bayar`}><Csrf c={c} /><button type="submit">{`${w.payOnline}: ${formatRupiah(o.total)}`}</button></form>
      )}
      {o.canCancel && (
        <form method="post" action={`${base}/batal`}><Csrf c={c} /><button type="submit" class="secondary">{w.cancel}</button></form>
      )}
      {o.has_proof && <p>{w.proofSent}</p>}
      {o.canSendProof && (
        <form method="post" action={`${base}/bukti`} enctype="multipart/form-data" class="card">
          <Csrf c={c} />
          <label>{w.proofLabel}<input type="file" name="proof" required accept="image/jpeg,image/png,image/webp" /></label>
          <button type="submit">{w.proofUpload}</button>
        </form>
      )}
      <MessageForm c={c} w={w} action={`${base}/pesan`} />
    </Layout>
  );
}

/** A message on an order, from either side. */
export function MessageForm({ c, w, action }: { c: Context<AppEnv>; w: MarketWords; action: string }) {
  return (
    <form method="post" action={action} class="card">
      <Csrf c={c} />
      <label>{w.messageLabel}<textarea name="message" required maxlength={1000} rows={2}></textarea></label>
      <button type="submit">{w.message}</button>
    </form>
  );
}

export const statusWords = (w: MarketWords, s: string) => ({ pending: w.statusPending, verified: w.statusVerified, refused: w.statusRefused, suspended: w.statusSuspended })[s] ?? s;

/** What both sides see of an order: status, lines, total, delivery and payment, and every step. */
export function OrderSummary({ w, lang, o }: { w: MarketWords; lang: 'id' | 'en'; o: OrderView }) {
  return (
    <>
      <p>{`${w.status}: `}<span class={`tag ${STATUS_LABEL[o.status].tag}`}>{STATUS_LABEL[o.status][lang]}</span>{` · ${o.seller}`}</p>
      <ul class="cards">
        {o.lines.map((l) => <li>{`${l.quantity} ${l.unit} ${l.name} × ${formatRupiah(l.price)} = ${formatRupiah(l.subtotal)}`}</li>)}
      </ul>
      <p class="price">{`${w.total}: ${formatRupiah(o.total)}`}</p>
      <p>{`${w.delivery}: ${o.delivery === 'pickup' ? w.pickup : w.courier} · ${w.payment}: ${o.payment === 'cod' ? w.cod : o.payment === 'gateway' ? w.gateway : w.transfer}`}</p>
      <h2>{w.steps}</h2>
      <ol class="events">
        {o.events.map((e) => (
          <li>
            {`${formatDateTime(e.at, lang)} · ${e.by_buyer ? w.byBuyer : e.by_user === null ? w.byGateway : w.bySeller}: `}
            {e.status && <strong>{STATUS_LABEL[e.status][lang]}</strong>}
            {e.note && <>{e.status ? ' — ' : ''}<span style="white-space: pre-line">{e.note}</span></>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The test gateway's page (mode uji): what it would charge, and the buyer's two choices. */
export function TestPaymentPage({ c, order, k }: { c: Context<AppEnv>; order: OrderView; k: string }) {
  const lang = c.get('lang');
  const w = MARKET_TEXT[lang];
  return (
    <Layout c={c} title={w.testPayTitle} guide="pasar-pembeli">
      <Notice kind="warn">{w.testPayIntro}</Notice>
      <p class="price">{`${w.orderOf} ${order.code} · ${order.seller}: ${formatRupiah(order.total)}`}</p>
      <form method="post" action="/pasar/bayar-uji" class="inline-form">
        <Csrf c={c} />
        <input type="hidden" name="kunci" value={k} />
        <button type="submit" name="hasil" value="bayar">{`${w.testPay} ${formatRupiah(order.total)}`}</button>
        <button type="submit" name="hasil" value="gagal" class="secondary">{w.testFail}</button>
      </form>
    </Layout>
  );
}
