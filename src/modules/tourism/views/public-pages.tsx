import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Layout } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import { SiteLayout, siteOrigin } from '../../website/index.js';
import { KIND_LABEL, LISTING_KINDS } from '../catalog.js';
import type { ListedItem, provinceTourism, siteListing, siteTourism } from '../public.service.js';
import { eventDays, priceText, TOURISM_TEXT, tourismPhotoUrl, type TourismWords } from './tourism-text.js';

/**
 * What visitors read: no script, small photos loaded lazily. The text is the village's, rendered
 * as text (JSX escapes it), never as markup.
 */
type Lang = 'id' | 'en';
const listingUrl = (base: string, id: number) => `${base}/wisata/${id}`;

function ListingGrid({ items, w, lang, base, showVillage }: { items: ListedItem[]; w: TourismWords; lang: Lang; base: (l: ListedItem) => string; showVillage: boolean }) {
  return (
    <ul class="products">
      {items.map((l) => (
        <li>
          <a href={listingUrl(base(l), l.id)}>
            {l.photo ? <img src={tourismPhotoUrl(l.village_code, l.photo, 'kecil')} alt="" loading="lazy" width={180} height={180} /> : <span class="nophoto" />}
            <span>{l.name}</span>
            <span><small>{[KIND_LABEL[l.kind][lang], eventDays(l, lang)].filter(Boolean).join(' · ')}</small></span>
            {priceText(l, w) && <span class="price"><small>{priceText(l, w)}</small></span>}
            {showVillage && <span><small>{titleCase(l.village)}</small></span>}
          </a>
        </li>
      ))}
      {items.length === 0 && <li><span>{w.none}</span></li>}
    </ul>
  );
}

/** The village website's page: every kind it lists, each under its heading. */
export function SiteTourismPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteTourism>> }) {
  const lang = c.get('lang');
  const w = TOURISM_TEXT[lang];
  const kinds = LISTING_KINDS.filter((k) => view.listings.some((l) => l.kind === k));
  return (
    <SiteLayout c={c} s={view} title={w.title} description={`${w.title}: ${view.listings.slice(0, 5).map((l) => l.name).join(', ')}`} path={`${view.base}/wisata`}>
      {kinds.length === 0 && <p>{w.none}</p>}
      {kinds.map((k) => (
        <section>
          <h2>{KIND_LABEL[k].plural[lang]}</h2>
          <ListingGrid items={view.listings.filter((l) => l.kind === k)} w={w} lang={lang} base={() => view.base} showVillage={false} />
        </section>
      ))}
      {view.past.length > 0 && (
        <section>
          <h2>{w.pastEvents}</h2>
          <ul>{view.past.map((l) => <li><a href={listingUrl(view.base, l.id)}>{l.name}</a>{` · ${eventDays(l, lang)}`}</li>)}</ul>
        </section>
      )}
      <p><a href={`/wisata?wilayah=${view.village.village_code.slice(0, 5)}`}>{w.onProvince}</a></p>
    </SiteLayout>
  );
}

/** One listing, with the preview a link shared on WhatsApp shows (Open Graph, through the site's frame). */
export function SiteListingPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof siteListing>> }) {
  const lang = c.get('lang');
  const w = TOURISM_TEXT[lang];
  const l = view.listing;
  const price = priceText(l, w);
  const days = eventDays(l, lang);
  const summary = [KIND_LABEL[l.kind][lang], days, price, l.opening_hours].filter(Boolean).join(' · ');
  const image = l.photos[0] ? `${siteOrigin(c, view)}${tourismPhotoUrl(l.village_code, l.photos[0], 'kecil')}` : undefined;
  return (
    <SiteLayout c={c} s={view} title={l.name} description={summary} path={listingUrl(view.base, l.id)} image={image}>
      <p><small>{KIND_LABEL[l.kind][lang]}</small></p>
      {l.photos[0] && <a href={tourismPhotoUrl(l.village_code, l.photos[0], 'besar')}><img class="product" src={tourismPhotoUrl(l.village_code, l.photos[0], 'kecil')} alt={l.name} width={360} height={360} /></a>}
      {l.photos.length > 1 && <p>{l.photos.slice(1).map((f, i) => <><a href={tourismPhotoUrl(l.village_code, f, 'besar')}>{`${w.photo} ${i + 2}`}</a>{' '}</>)}</p>}
      <dl>
        {days && <><dt>{w.dates}</dt><dd>{days}</dd></>}
        {l.opening_hours && <><dt>{w.hours}</dt><dd>{l.opening_hours}</dd></>}
        {price && <><dt>{lang === 'en' ? 'Price' : 'Harga'}</dt><dd>{price}</dd></>}
        {l.rooms !== null && <><dt>{w.roomsField}</dt><dd>{`${formatNumber(l.rooms, lang)} ${w.rooms}`}</dd></>}
        {(l.address || l.latitude) && (
          <><dt>{w.address}</dt><dd>{l.address ?? ''}{l.latitude && l.longitude && <>{l.address ? ' · ' : ''}<a href={`https://www.openstreetmap.org/?mlat=${l.latitude}&mlon=${l.longitude}#map=16/${l.latitude}/${l.longitude}`} rel="noopener noreferrer">{w.map}</a></>}</dd></>
        )}
        {l.contact_phone && <><dt>{w.call}</dt><dd><a href={`tel:${l.contact_phone}`}>{l.contact_phone}</a></dd></>}
      </dl>
      {l.description && <p style="white-space: pre-line">{l.description}</p>}
      {l.product && <p><a class="button" href={`/pasar/${l.village_code}/produk/${l.product.id}`}>{`${w.buy}: ${l.product.name} · ${formatRupiah(l.product.price)} ${w.per} ${l.product.unit}`}</a></p>}
      <p><small>{`${w.updated} ${formatDate(l.updated_at, lang)}`}</small></p>
      <p><a href={`${view.base}/wisata`}>{w.title}</a></p>
    </SiteLayout>
  );
}

/** The province-wide listing: by region (with how many each region below holds), kind and name. */
export function ProvinceTourismPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof provinceTourism>> }) {
  const lang = c.get('lang');
  const w = TOURISM_TEXT[lang];
  const query = (over: Record<string, string | null>) => {
    const base: Record<string, string | null> = { wilayah: view.region?.code ?? null, jenis: view.kind, q: view.q || null, page: null, ...over };
    const q = new URLSearchParams(Object.entries(base).filter((e): e is [string, string] => !!e[1])).toString();
    return q ? `/wisata?${q}` : '/wisata';
  };
  return (
    <Layout c={c} title={view.region ? `${w.title} · ${titleCase(view.region.name)}` : w.provinceTitle} guide="wisata">
      <p>{w.intro}</p>
      {view.region && <p><a href={query({ wilayah: view.region.level > 2 ? view.region.code.slice(0, 5) : null })}>{`‹ ${view.region.level > 2 ? w.byRegion : w.allProvince}`}</a></p>}
      <form method="get" action="/wisata" class="card">
        <label>{w.q}<input type="search" name="q" maxlength={60} value={view.q} /></label>
        <label>{w.kind}<select name="jenis">
          <option value="">{w.allKinds}</option>
          {LISTING_KINDS.map((k) => <option value={k} selected={view.kind === k}>{KIND_LABEL[k].plural[lang]}</option>)}
        </select></label>
        <label>{w.region}<input name="wilayah" maxlength={13} inputmode="numeric" value={view.region?.code ?? ''} /></label>
        <button type="submit">{w.search}</button>
      </form>
      {view.below.length > 0 && (
        <nav aria-label={w.byRegion} class="chips">
          {view.below.map((r) => <a href={query({ wilayah: r.code })}>{`${titleCase(r.name)} (${formatNumber(r.listings, lang)})`}</a>)}
        </nav>
      )}
      <ListingGrid items={view.listings} w={w} lang={lang} base={(l) => `/desa/${l.village_code}`} showVillage />
      {(view.page > 1 || view.more) && (
        <nav class="pager">
          {view.page > 1 && <a href={query({ page: String(view.page - 1) })}>{w.prev}</a>}{` ${w.page} ${view.page} `}
          {view.more && <a href={query({ page: String(view.page + 1) })}>{w.next}</a>}
        </nav>
      )}
    </Layout>
  );
}
