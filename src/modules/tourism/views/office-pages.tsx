import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, titleCase } from '../../../platform/format/format.js';
import { KIND_LABEL, LISTING_KINDS, type ListingKind } from '../catalog.js';
import type { listingForEditing, tourismOffice } from '../listings.service.js';
import { TOURISM_TEXT, tourismPhotoUrl, type TourismWords } from './tourism-text.js';

export type TourismMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
type Product = { id: number | string; name: string; seller: string };

/**
 * The form of a listing, new or changed. Every field is shown (no script); those of another kind
 * (rooms, event days, a market product) are set aside by the service when saved.
 */
function ListingForm({ c, w, action, kind, v, products, editing }: {
  c: Context<AppEnv>; w: TourismWords; action: string; kind: ListingKind | null; v: (k: string) => string; products: Product[]; editing: boolean;
}) {
  const lang = c.get('lang');
  const show = (k: ListingKind) => kind === null || kind === k;
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="card">
      {!editing && <h2>{w.add}</h2>}
      <Csrf c={c} />
      {kind === null && (
        <label>{w.kind} *<select name="kind" required>
          <option value="">-</option>
          {LISTING_KINDS.map((k) => <option value={k} selected={v('kind') === k}>{KIND_LABEL[k][lang]}</option>)}
        </select></label>
      )}
      <label>{w.name} *<input name="name" required minlength={3} maxlength={100} value={v('name')} /></label>
      <label>{w.description}<textarea name="description" maxlength={3000} rows={4}>{v('description')}</textarea></label>
      <label>{w.address}<input name="address" maxlength={200} value={v('address')} /></label>
      <label>{w.lat}<input name="latitude" inputmode="decimal" maxlength={12} value={v('latitude')} /></label>
      <label>{w.lon}<input name="longitude" inputmode="decimal" maxlength={12} value={v('longitude')} /></label>
      <label>{w.hoursHint}<input name="opening_hours" maxlength={200} value={v('opening_hours')} /></label>
      <label>{w.priceMin}<input name="price_min" inputmode="numeric" maxlength={16} value={v('price_min')} /></label>
      <label>{w.priceMax}<input name="price_max" inputmode="numeric" maxlength={16} value={v('price_max')} /></label>
      <label>{w.priceUnit}<input name="price_unit" maxlength={40} value={v('price_unit')} /></label>
      <label>{w.phone}<input type="tel" name="contact_phone" maxlength={20} value={v('contact_phone')} /></label>
      {(kind === null || kind !== 'destination') && (
        <fieldset>
          <legend>{w.forKind}</legend>
          {show('homestay') && <label>{`${w.roomsField}${kind === null ? ` (${KIND_LABEL.homestay[lang]})` : ''}`}<input name="rooms" inputmode="numeric" maxlength={3} value={v('rooms')} /></label>}
          {show('event') && <label>{`${w.startsOn}${kind === null ? ` (${KIND_LABEL.event[lang]})` : ' *'}`}<input type="date" name="starts_on" value={v('starts_on')} required={kind === 'event'} /></label>}
          {show('event') && <label>{`${w.endsOn}${kind === null ? ` (${KIND_LABEL.event[lang]})` : ''}`}<input type="date" name="ends_on" value={v('ends_on')} /></label>}
          {show('product') && (
            <label>{`${w.product}${kind === null ? ` (${KIND_LABEL.product[lang]})` : ''}`}<select name="market_product_id">
              <option value="">{w.noProduct}</option>
              {products.map((p) => <option value={String(p.id)} selected={v('market_product_id') === String(p.id)}>{`${p.name} · ${p.seller}`}</option>)}
            </select></label>
          )}
        </fieldset>
      )}
      <label>{editing ? w.newPhotos : w.photos}<input type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple /></label>
      <button type="submit">{w.save}</button>
    </form>
  );
}

/** /desa/<kode>/potensi: what the village lists, and the form to add one. */
export function TourismOfficePage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof tourismOffice>>; msg: TourismMsg }) {
  const lang = c.get('lang');
  const w = TOURISM_TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={`${w.title} · ${titleCase(view.village.name)}`} guide="wisata">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.officeIntro}</p>
      <p><a href={`/desa/${code}/wisata`}>{w.onSite}</a> · <a href={`/wisata?wilayah=${code.slice(0, 5)}`}>{w.onProvince}</a></p>
      <h2>{w.myListings}</h2>
      {view.listings.length === 0 ? <p>{w.none}</p> : (
        <ul class="cards">
          {view.listings.map((l) => (
            <li>
              {l.photo && <img src={tourismPhotoUrl(code, l.photo, 'kecil')} alt="" loading="lazy" width={64} height={64} style="float:right" />}
              <a href={`/desa/${code}/potensi/${l.id}`}>{l.name}</a>
              <br /><small>{[KIND_LABEL[l.kind][lang], l.starts_on ? formatDate(l.starts_on, lang) : null, l.withdrawn_at ? w.withdrawn : null].filter(Boolean).join(' · ')}</small>
            </li>
          ))}
        </ul>
      )}
      <ListingForm c={c} w={w} action={`/desa/${code}/potensi`} kind={null} v={v} products={view.products} editing={false} />
    </Layout>
  );
}

/** One listing, to change, withdraw or show again. */
export function ListingEditPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listingForEditing>>; msg: TourismMsg }) {
  const lang = c.get('lang');
  const w = TOURISM_TEXT[lang];
  const code = view.village.village_code;
  const l = view.listing;
  const stored: Record<string, string> = Object.fromEntries(
    (['name', 'description', 'address', 'latitude', 'longitude', 'opening_hours', 'price_min', 'price_max', 'price_unit', 'contact_phone', 'rooms', 'starts_on', 'ends_on', 'market_product_id'] as const)
      .map((k) => [k, l[k] === null || l[k] === undefined ? '' : String(l[k])]),
  );
  const v = (k: string) => msg.values?.[k] ?? stored[k] ?? '';
  const base = `/desa/${code}/potensi/${l.id}`;
  return (
    <Layout c={c} title={`${KIND_LABEL[l.kind][lang]}: ${l.name}`} guide="wisata">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/potensi`}>{`‹ ${w.title}`}</a>{!l.withdrawn_at && <> · <a href={`/desa/${code}/wisata/${l.id}`}>{w.onSite}</a></>}</p>
      {l.withdrawn_at && <Notice kind="warn">{`${w.withdrawn} ${formatDate(l.withdrawn_at, lang)}`}</Notice>}
      {view.photos.length > 0 && <p>{view.photos.map((f) => <img src={tourismPhotoUrl(code, f, 'kecil')} alt="" loading="lazy" width={96} height={96} />)}</p>}
      <ListingForm c={c} w={w} action={base} kind={l.kind} v={v} products={view.products} editing />
      <form method="post" action={`${base}/${l.withdrawn_at ? 'tampilkan' : 'tarik'}`} class="inline-form">
        <Csrf c={c} />
        <button type="submit" class="secondary">{l.withdrawn_at ? w.restore : w.withdraw}</button>
      </form>
    </Layout>
  );
}
