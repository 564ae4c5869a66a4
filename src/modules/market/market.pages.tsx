import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { access } from '../../platform/access/route-access.js';
import { allowLargeUpload } from '../../platform/http/app.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv, AppServices } from '../../platform/http/env.js';
import { notFound } from '../../platform/http/errors.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { parseId } from '../../platform/http/id-param.js';
import { publicOrigin } from '../../platform/http/public-origin.js';
import type { Router } from '../../platform/http/router.js';
import { addCitizenHomeLink } from '../citizen/index.js';
import { parseRegionCodeOrFail } from '../regions/index.js';
import { registerAgentPages } from './agent.pages.js';
import { agentProviderFromEnv } from './agent-provider.js';
import { BUYER_DAYS, buyerPhone, buyerToken, checkBuyerCode, sendBuyerCode } from './buyers.service.js';
import { addToCart, CART_COOKIE, CART_DAYS, CART_MAX_QUANTITY, cartView, readCart, setInCart, writeCart, type CartLine } from './cart.js';
import { categories, parseCount } from './catalog.js';
import { marketDashboard } from './figures.service.js';
import {
  buyerMessage, buyerOf, buyerOrder, buyerOrders, cancelByBuyer, placeOrders, type Buyer, payOnTestGateway, placeOrder, proofForShop, sellerMessage, sellerStep, settleGatewayNotice, shopOrder, shopOrders, startOnlinePayment, testCheckout, uploadProof, villageOrders,
} from './orders.service.js';
import { addProduct, productPhoto, shopProducts, updateProduct } from './products.service.js';
import { productView, searchProducts, sellerView } from './search.service.js';
import { decideSeller, ownShopId, registerOwnShop, registerVillageSeller, shopFor, villageSellers } from './sellers.service.js';
import { marketWorkbook } from './views/figures-workbook.js';
import { MarketFiguresPage, MarketOfficePage, VillageOrdersPage } from './views/office-pages.js';
import { CartPage, MyOrdersPage } from './views/cart-pages.js';
import { BuyerOrderPage, OrderFormPage, orderUrl, ProductPage, productUrl, SearchPage, SellerPage, TestPaymentPage, type OrderFormState } from './views/public-pages.js';
import { RegisterShopPage, ShopOrderPage, ShopPage, type ShopMsg } from './views/shop-pages.js';

type Status = 200 | 400 | 403 | 404 | 409 | 413 | 415 | 429;
const statusOf = (s: number): Status => ([400, 403, 404, 409, 413, 415, 429].includes(s) ? (s as Status) : 400);
const BUYER_COOKIE = 'balai_pembeli';

/**
 * The village marketplace's pages.
 * Buyers (no login): /pasar (search), /pasar/<village>/produk/<id> (and /pesan, the order form),
 * /pasar/<village>/penjual/<id>, /pasar/keranjang (the cart), /pasar/pesanan-saya (the buyer's orders),
 * /pasar/pesanan/<village>/<code> (one order), photos.
 * A resident's small business: /warga/toko. The village office: /desa/<code>/pasar (sellers),
 * /desa/<code>/pasar/pesanan (disputes), /desa/<code>/pasar/toko/<id> (the BUMDes's shop).
 * The levels above: /pantau/<code>/pasar and its Excel file.
 */
export function registerMarketPages(app: Router, services: AppServices) {
  addCitizenHomeLink(async () => ({ href: '/warga/toko', label: { id: 'Jualan di Pasar Desa', en: 'Sell on the Village Market' } }));
  allowLargeUpload(/^\/warga\/toko\/produk$/);
  allowLargeUpload(/^\/pasar\/pesanan\/[^/]+\/[A-Z2-9]+\/bukti$/);
  allowLargeUpload(/^\/desa\/[^/]+\/pasar\/toko\/[0-9]+\/produk$/);
  const pub = access('public');
  const citizen = access({ permission: 'self.shop' }, { login: '/warga/masuk', message: 'citizen.only_citizen' });
  const verify = access({ permission: 'market.verify', scope: 'village' });
  const manage = access({ permission: 'market.manage', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const figuresFile = access({ permission: 'monitoring.read', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const cache = (c: Context<AppEnv>) => ({ 'cache-control': c.get('session') ? 'private, no-store' : 'public, max-age=60', vary: 'Cookie' });
  const buyer = async (c: Context<AppEnv>) => buyerOf(c.get('ctx').actor, await buyerPhone(c.get('ctx'), getCookie(c, BUYER_COOKIE)));

  // --- buyers ----------------------------------------------------------------------------------
  app.get('/pasar', pub, async (c) => c.html(<SearchPage c={c} view={await searchProducts(c.get('ctx'), { q: c.req.query('q'), kategori: c.req.query('kategori'), wilayah: c.req.query('wilayah'), page: c.req.query('page') })} />, 200, cache(c)));
  app.get('/pasar/:code/produk/:id{[0-9]+}', pub, async (c) => c.html(<ProductPage c={c} p={await productView(c.get('ctx'), code(c), c.req.param('id'))} />, 200, cache(c)));
  app.get('/pasar/:code/penjual/:id{[0-9]+}', pub, async (c) => c.html(<SellerPage c={c} view={await sellerView(c.get('ctx'), code(c), c.req.param('id'))} />, 200, cache(c)));
  app.get('/pasar/foto/:code/:id{[0-9]+}/:size{kecil|besar}', pub, async (c) => {
    const bytes = await productPhoto(c.get('ctx'), code(c), Number(c.req.param('id')), c.req.param('size') === 'besar' ? 'large' : 'small');
    // A photo never changes (a new one gets a new id): kept a day by the phone and any proxy.
    return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' });
  });

  const orderForm = async (c: Context<AppEnv>, state: OrderFormState, status: Status = 200) => {
    noStore(c);
    const b = await buyer(c);
    const p = await productView(c.get('ctx'), code(c), c.req.param('id')!);
    return c.html(<OrderFormPage c={c} p={p} proven={b.phone} resident={b.resident !== null} state={state} />, status);
  };
  app.get('/pasar/:code/produk/:id{[0-9]+}/pesan', pub, (c) => orderForm(c, { values: { order_quantity: c.req.query('jumlah') ?? '1' } }));
  /** The buyer of a posted order form: proven already, or now by the code (the cookie is set); or the code was just sent. */
  const provenBuyer = async (c: Context<AppEnv>, f: Record<string, string>): Promise<Buyer | { codeSentTo: string }> => {
    const ctx = c.get('ctx');
    const b = await buyer(c);
    if (b.phone || b.resident) return b;
    // First post: the code is sent and the same form comes back with its field.
    if (f.step === 'code' || !f.otp) return { codeSentTo: await sendBuyerCode(ctx, f.phone) };
    const phone = await checkBuyerCode(ctx, f.phone, f.otp);
    setCookie(c, BUYER_COOKIE, await buyerToken(ctx, phone), { httpOnly: true, sameSite: 'Lax', secure: services.secureCookies, path: '/pasar', maxAge: BUYER_DAYS * 86_400 });
    return { ...b, phone };
  };
  // A wrong code keeps the code field: the code was sent.
  const codeKept = (f: Record<string, string>) => (f.otp !== undefined && f.phone ? f.phone : undefined);

  app.post('/pasar/:code/produk/:id{[0-9]+}/pesan', pub, async (c) => {
    const f = await formFields(c);
    try {
      const b = await provenBuyer(c, f);
      if ('codeSentTo' in b) return orderForm(c, { values: f, codeSentTo: b.codeSentTo });
      const placed = await placeOrder(c.get('ctx'), b, code(c), c.req.param('id'), f);
      return c.redirect(`${orderUrl(placed.village, placed.code)}?dipesan=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return orderForm(c, { values: f, error: p.message, codeSentTo: codeKept(f) }, statusOf(p.status));
    }
  });

  // --- the cart (a cookie on the buyer's phone) and the buyer's own orders ---------------------
  const cartOf = (c: Context<AppEnv>) => readCart(getCookie(c, CART_COOKIE));
  const keepCart = (c: Context<AppEnv>, lines: CartLine[]) => {
    if (lines.length === 0) deleteCookie(c, CART_COOKIE, { path: '/pasar' });
    else setCookie(c, CART_COOKIE, writeCart(lines), { httpOnly: true, sameSite: 'Lax', secure: services.secureCookies, path: '/pasar', maxAge: CART_DAYS * 86_400 });
  };
  const cartPage = async (c: Context<AppEnv>, state: OrderFormState, status: Status = 200, added = false) => {
    noStore(c);
    const b = await buyer(c);
    const cart = await cartView(c.get('ctx'), cartOf(c));
    return c.html(<CartPage c={c} cart={cart} proven={b.phone} resident={b.resident !== null} state={state} added={added} />, status);
  };
  app.get('/pasar/keranjang', pub, (c) => cartPage(c, { values: {} }, 200, c.req.query('ditambah') === '1'));
  // The product page's form: "Pesan" goes to the order form, "Tambah ke keranjang" puts it in the cart.
  app.post('/pasar/keranjang', pub, async (c) => {
    const f = await formFields(c);
    try {
      const p = await productView(c.get('ctx'), f.desa ?? '', f.produk ?? '');
      if (f.lanjut === 'pesan') return c.redirect(`${productUrl(p.village_code, p.id)}/pesan?${new URLSearchParams({ jumlah: f.jumlah ?? '1' })}`, 303);
      if (!p.active) throw notFound('market.product_not_found');
      keepCart(c, addToCart(cartOf(c), { village: p.village_code, productId: p.id, quantity: parseCount(f.jumlah, 'order_quantity', 1, CART_MAX_QUANTITY) }));
      return c.redirect('/pasar/keranjang?ditambah=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return cartPage(c, { values: {}, error: p.message }, statusOf(p.status));
    }
  });
  app.post('/pasar/keranjang/ubah', pub, async (c) => {
    const f = await formFields(c);
    try {
      const village = parseRegionCodeOrFail(f.desa ?? '', 'desa');
      const productId = parseId(f.produk);
      if (productId === null) throw notFound('market.product_not_found');
      keepCart(c, setInCart(cartOf(c), village, productId, parseCount(f.jumlah, 'order_quantity', 0, CART_MAX_QUANTITY)));
      return c.redirect('/pasar/keranjang', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return cartPage(c, { values: {}, error: p.message }, statusOf(p.status));
    }
  });
  app.post('/pasar/keranjang/pesan', pub, async (c) => {
    const f = await formFields(c);
    try {
      const b = await provenBuyer(c, f);
      if ('codeSentTo' in b) return cartPage(c, { values: f, codeSentTo: b.codeSentTo });
      const placed = await placeOrders(c.get('ctx'), b, cartOf(c), f);
      keepCart(c, []);
      return c.redirect(placed.length === 1 ? `${orderUrl(placed[0]!.village, placed[0]!.code)}?dipesan=1` : '/pasar/pesanan-saya?dipesan=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return cartPage(c, { values: f, error: p.message, codeSentTo: codeKept(f) }, statusOf(p.status));
    }
  });
  app.get('/pasar/pesanan-saya', pub, async (c) => {
    noStore(c);
    const b = await buyer(c);
    const orders = await buyerOrders(c.get('ctx'), b);
    return c.html(<MyOrdersPage c={c} orders={orders} known={b.phone !== null || b.resident !== null} placed={c.req.query('dipesan') === '1'} />);
  });

  const orderPage = async (c: Context<AppEnv>, msg: { ok?: boolean; placed?: boolean; error?: string } = {}, status: Status = 200) => {
    noStore(c);
    const o = await buyerOrder(c.get('ctx'), await buyer(c), code(c), c.req.param('order')!);
    return c.html(<BuyerOrderPage c={c} o={o} msg={msg} />, status);
  };
  app.get('/pasar/pesanan/:code/:order{[A-Z2-9]+}', pub, (c) => orderPage(c, { placed: c.req.query('dipesan') === '1', ok: c.req.query('ok') === '1' }));
  for (const [path, act] of [['batal', cancelByBuyer], ['pesan', buyerMessage]] as const) {
    app.post(`/pasar/pesanan/:code/:order{[A-Z2-9]+}/${path}`, pub, async (c) => {
      const f = await formFields(c);
      try {
        await act(c.get('ctx'), await buyer(c), code(c), c.req.param('order')!, f);
        return c.redirect(`${orderUrl(code(c), c.req.param('order')!)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return orderPage(c, { error: p.message }, statusOf(p.status));
      }
    });
  }

  // Paying online: the gateway's page, then its signed notice (the buyer's return proves nothing).
  app.post('/pasar/pesanan/:code/:order{[A-Z2-9]+}/bayar', pub, async (c) => {
    try {
      return c.redirect(await startOnlinePayment(c.get('ctx'), await buyer(c), code(c), c.req.param('order')!, publicOrigin(c)), 303);
    } catch (err) {
      const p = formProblem(c, err);
      return orderPage(c, { error: p.message }, statusOf(p.status));
    }
  });
  app.post('/api/v1/market/payments/notice', pub, async (c) => {
    const r = await settleGatewayNotice(c.get('ctx'), await c.req.text(), c.req.header('x-balai-signature'));
    return c.json({ data: r }, 200);
  });
  // The test gateway's own page (mode uji only): the buyer pays or makes it fail, and is sent back to the order.
  app.get('/pasar/bayar-uji', pub, async (c) => {
    noStore(c);
    const { order, key } = await testCheckout(c.get('ctx'), await buyer(c), c.req.query('kunci') ?? '');
    return c.html(<TestPaymentPage c={c} order={order} k={key} />);
  });
  app.post('/pasar/bayar-uji', pub, async (c) => {
    const f = await formFields(c);
    const order = await payOnTestGateway(c.get('ctx'), await buyer(c), f.kunci ?? '', f.hasil);
    return c.redirect(`${orderUrl(order.village_code, order.code)}?ok=1`, 303);
  });

  app.post('/pasar/pesanan/:code/:order{[A-Z2-9]+}/bukti', pub, async (c) => {
    const body = await c.req.parseBody();
    const file = body.proof instanceof File && body.proof.size > 0 ? new Uint8Array(await body.proof.arrayBuffer()) : null;
    try {
      await uploadProof(c.get('ctx'), await buyer(c), code(c), c.req.param('order')!, file);
      return c.redirect(`${orderUrl(code(c), c.req.param('order')!)}?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return orderPage(c, { error: p.message }, statusOf(p.status));
    }
  });

  // --- a shop: the resident's own (/warga/toko) or the village's BUMDes (/desa/<code>/pasar/toko/<id>) --
  type Where = (c: Context<AppEnv>) => Promise<{ village: string; id: number } | null>;
  const own: Where = async (c) => {
    const o = await ownShopId(c.get('ctx'));
    return o.id === null ? null : { village: o.village, id: o.id };
  };
  const office: Where = async (c) => ({ village: code(c), id: Number(c.req.param('sid')) });

  function shopRoutes(base: string, gate: typeof citizen, where: Where) {
    const shopPage = async (c: Context<AppEnv>, msg: ShopMsg = {}, status: Status = 200) => {
      noStore(c);
      const at = await where(c);
      if (!at) return c.html(<RegisterShopPage c={c} msg={msg} />, status);
      const ctx = c.get('ctx');
      const shop = await shopFor(ctx, at.village, at.id);
      const [products, orders, cats] = [await shopProducts(ctx, at.village, at.id), await shopOrders(ctx, at.village, at.id), await categories(ctx.db.kysely)];
      return c.html(<ShopPage c={c} shop={shop} products={products} orders={orders} cats={cats} msg={msg} />, status);
    };
    const to = (c: Context<AppEnv>) => c.req.path.replace(/\/(produk|pesanan)(\/.*)?$/, '');
    app.get(base, gate, (c) => shopPage(c, { ok: c.req.query('ok') === '1' }));
    app.post(`${base}/produk`, gate, async (c) => {
      const body = await c.req.parseBody({ all: true });
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') fields[k] = v;
      const files = ([] as unknown[]).concat(body.photos ?? []).filter((f): f is File => f instanceof File && f.size > 0);
      try {
        const at = await where(c);
        if (!at) return shopPage(c, {}, 404);
        await addProduct(c.get('ctx'), at.village, at.id, fields, await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer()))));
        return c.redirect(`${to(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return shopPage(c, { error: p.message, values: fields }, statusOf(p.status));
      }
    });
    app.post(`${base}/produk/:pid{[0-9]+}`, gate, async (c) => {
      const f = await formFields(c);
      try {
        const at = await where(c);
        if (!at) return shopPage(c, {}, 404);
        await updateProduct(c.get('ctx'), at.village, at.id, c.req.param('pid')!, f);
        return c.redirect(`${to(c)}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return shopPage(c, { error: p.message }, statusOf(p.status));
      }
    });
    const orderOfShop = async (c: Context<AppEnv>, msg: ShopMsg = {}, status: Status = 200) => {
      noStore(c);
      const at = await where(c);
      if (!at) return shopPage(c, {}, 404);
      const ctx = c.get('ctx');
      const shop = await shopFor(ctx, at.village, at.id);
      return c.html(<ShopOrderPage c={c} shop={shop} o={await shopOrder(ctx, at.village, at.id, c.req.param('oid')!)} msg={msg} />, status);
    };
    app.get(`${base}/pesanan/:oid{[0-9]+}`, gate, (c) => orderOfShop(c, { ok: c.req.query('ok') === '1' }));
    app.get(`${base}/pesanan/:oid{[0-9]+}/bukti`, gate, async (c) => {
      const at = await where(c);
      if (!at) return shopPage(c, {}, 404);
      const bytes = await proofForShop(c.get('ctx'), at.village, at.id, c.req.param('oid')!);
      // The buyer's bank details: for the seller's eyes, never kept by a proxy.
      return c.body(new Uint8Array(bytes), 200, { 'content-type': 'image/jpeg', 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' });
    });
    for (const [path, act] of [['langkah', sellerStep], ['pesan', sellerMessage]] as const) {
      app.post(`${base}/pesanan/:oid{[0-9]+}/${path}`, gate, async (c) => {
        const f = await formFields(c);
        try {
          const at = await where(c);
          if (!at) return shopPage(c, {}, 404);
          await act(c.get('ctx'), at.village, at.id, c.req.param('oid')!, f);
          return c.redirect(`${c.req.path.replace(/\/[a-z]+$/, '')}?ok=1`, 303);
        } catch (err) {
          const p = formProblem(c, err);
          return orderOfShop(c, { error: p.message }, statusOf(p.status));
        }
      });
    }
  }
  shopRoutes('/warga/toko', citizen, own);
  shopRoutes('/desa/:code/pasar/toko/:sid{[0-9]+}', manage, office);
  app.post('/warga/toko', citizen, async (c) => {
    const f = await formFields(c);
    try {
      await registerOwnShop(c.get('ctx'), f);
      return c.redirect('/warga/toko?ok=1', 303);
    } catch (err) {
      const p = formProblem(c, err);
      return c.html(<RegisterShopPage c={c} msg={{ error: p.message, values: f }} />, statusOf(p.status));
    }
  });

  // --- the village office ----------------------------------------------------------------------
  const officePage = async (c: Context<AppEnv>, msg: ShopMsg = {}, status: Status = 200) =>
    c.html(<MarketOfficePage c={c} view={await villageSellers(c.get('ctx'), code(c))} msg={msg} />, status);
  app.get('/desa/:code/pasar', verify, (c) => officePage(c, { ok: c.req.query('ok') === '1' }));
  app.post('/desa/:code/pasar/penjual', manage, async (c) => {
    const f = await formFields(c);
    try {
      await registerVillageSeller(c.get('ctx'), code(c), f);
      return c.redirect(`/desa/${code(c)}/pasar?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return officePage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/pasar/penjual/:id{[0-9]+}/status', verify, async (c) => {
    const f = await formFields(c);
    try {
      await decideSeller(c.get('ctx'), code(c), c.req.param('id'), f);
      return c.redirect(`/desa/${code(c)}/pasar?ok=1`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return officePage(c, { error: p.message }, statusOf(p.status));
    }
  });
  app.get('/desa/:code/pasar/pesanan', verify, async (c) => {
    noStore(c);
    return c.html(<VillageOrdersPage c={c} view={await villageOrders(c.get('ctx'), code(c))} />);
  });

  // --- the levels above --------------------------------------------------------------------------
  app.get('/pantau/:code/pasar', figures, async (c) => c.html(<MarketFiguresPage c={c} d={await marketDashboard(c.get('ctx'), code(c), c.req.query('tahun'))} />));
  app.get('/pantau/:code/pasar.xlsx', figuresFile, async (c) => {
    const d = await marketDashboard(c.get('ctx'), code(c), c.req.query('tahun'));
    return privateFile(c, await marketWorkbook(d, c.get('lang')), { type: XLSX, name: `pasar-${d.scope.code ? d.scope.code.replace(/\./g, '') : 'nasional'}-${d.year}.xlsx` });
  });

  // --- the BUMDes's payment counter (agent.pages.tsx) ------------------------------------------
  registerAgentPages(app, agentProviderFromEnv());
}
