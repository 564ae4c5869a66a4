import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import { formatDate, formatDateTime, formatNumber, formatRupiah, titleCase } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { Pager } from '../../../platform/http/views/pager.js';
import type { holdingBook, inventoryBook, parcelBook } from '../books.service.js';
import { ASSET_KINDS, ASSET_ORIGINS, CERTIFIED, CONDITIONS, DISPOSAL_REASONS, FARM_USES, HOLDING_USES, LAND_ORIGINS, LAND_RIGHTS, PARCEL_USES } from '../codes.js';
import type { getItem, listItems } from '../items.service.js';
import type { getHolding, getParcel, landLists } from '../land.service.js';
import { formatMeasure, measure } from '../numbers.js';
import { ASSET_TEXT, type AssetWords } from './words.js';

export type AssetMsg = { ok?: boolean; error?: string; values?: Record<string, string> };
type Lang = 'id' | 'en';
const aset = (code: string) => `/desa/${code}/aset`;
const tanah = (code: string) => `/desa/${code}/tanah`;
type Words = { id: string; en: string };

function Options({ list, lang, selected, empty }: { list: Record<string, Words>; lang: Lang; selected: string; empty?: string }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {Object.entries(list).map(([k, v]) => <option value={k} selected={selected === k}>{v[lang]}</option>)}
    </>
  );
}

function Links({ c, w, code }: { c: Context<AppEnv>; w: AssetWords; code: string }) {
  const read = can(c.get('ctx').actor, 'asset.read', code);
  if (!read) return null;
  return (
    <p class="links">
      <a href={aset(code)}>{w.inventory}</a>{' · '}<a href={`${aset(code)}/buku`}>{w.book}</a>{' · '}
      <a href={tanah(code)}>{w.land}</a>{' · '}<a href={`${tanah(code)}/buku-kas-desa`}>{w.bookParcels}</a>{' · '}<a href={`${tanah(code)}/buku-tanah-di-desa`}>{w.bookHoldings}</a>
    </p>
  );
}

function Files({ w, href, query }: { w: AssetWords; href: string; query: string }) {
  const q = query ? `?${query}` : '';
  const and = query ? `?${query}&` : '?';
  return <p><a href={`${href}.xlsx${q}`} download>{w.excel}</a>{' · '}<a href={`${href}.pdf${q}`}>{w.pdfA4}</a>{' · '}<a href={`${href}.pdf${and}kertas=f4`}>{w.pdfF4}</a></p>;
}

/** The item's fields, for a new item or a correction (the condition only when new). */
function ItemFields({ w, lang, v, withCondition }: { w: AssetWords; lang: Lang; v: (k: string, d?: string) => string; withCondition: boolean }) {
  return (
    <>
      <label>{w.kind} *<select name="kind" required><Options list={ASSET_KINDS} lang={lang} selected={v('kind', 'peralatan_mesin')} /></select></label>
      <label>{w.name} *<input name="name" required minlength={2} maxlength={200} value={v('name')} /></label>
      <label>{w.itemCode}<input name="item_code" maxlength={60} value={v('item_code')} /></label>
      <label>{w.origin} *<select name="asset_origin" required><Options list={ASSET_ORIGINS} lang={lang} selected={v('asset_origin', 'apbdes')} /></select></label>
      <label>{w.year} *<input name="acquired_year" required inputmode="numeric" maxlength={4} value={v('acquired_year')} /></label>
      <label>{w.quantity} *<input name="asset_quantity" required inputmode="decimal" maxlength={20} value={v('asset_quantity', '1')} /></label>
      <label>{w.unit} *<input name="unit" required maxlength={30} value={v('unit', 'unit')} /></label>
      <label>{w.value} *<input name="asset_value" required inputmode="numeric" maxlength={25} value={v('asset_value')} /></label>
      {withCondition && <label>{w.condition} *<select name="asset_condition" required><Options list={CONDITIONS} lang={lang} selected={v('asset_condition', 'baik')} /></select></label>}
      <label>{w.location}<input name="location" maxlength={200} value={v('location')} /></label>
      <label>{w.note}<input name="note" maxlength={500} value={v('note')} /></label>
    </>
  );
}

/** /desa/<kode>/aset: the inventory, filtered and paged, and the form to record an item. */
export function InventoryPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listItems>>; msg: AssetMsg }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  const params = { ...(view.kind ? { jenis: view.kind } : {}), ...(view.condition ? { kondisi: view.condition } : {}), ...(view.year ? { tahun: String(view.year) } : {}), ...(view.state !== 'ada' ? { keadaan: view.state } : {}) };
  const link = (page: number) => `${aset(code)}?${new URLSearchParams({ ...params, ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <Layout c={c} title={w.title} guide="aset">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <Links c={c} w={w} code={code} />
      {can(c.get('ctx').actor, 'asset.manage', code) && (
        <details class="card" open={msg.error !== undefined}>
          <summary>{w.add}</summary>
          <form method="post" action={aset(code)}>
            <Csrf c={c} />
            <ItemFields w={w} lang={lang} v={v} withCondition />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <form method="get" action={aset(code)} class="card">
        <label>{w.kind}<select name="jenis"><Options list={ASSET_KINDS} lang={lang} selected={view.kind ?? ''} empty={w.all} /></select></label>
        <label>{w.condition}<select name="kondisi"><Options list={CONDITIONS} lang={lang} selected={view.condition ?? ''} empty={w.all} /></select></label>
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={view.year ? String(view.year) : ''} /></label>
        <label>{w.state}<select name="keadaan">
          {[['ada', w.held], ['dihapus', w.disposedState], ['semua', w.everything]].map(([k, label]) => <option value={k} selected={view.state === k}>{label}</option>)}
        </select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <p>{`${formatNumber(view.total, lang)} ${w.items} · ${w.totalValue} ${formatRupiah(view.totalValue)}`}</p>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.name}</th><th>{w.kind}</th><th>{w.year}</th><th>{w.quantity}</th><th>{w.value}</th><th>{w.condition}</th></tr></thead>
          <tbody>
            {view.rows.map((r) => (
              <tr>
                <td><a href={`${aset(code)}/${r.id}`}>{r.name}</a>{r.item_code && <><br /><small>{r.item_code}</small></>}</td>
                <td>{ASSET_KINDS[r.kind][lang]}</td>
                <td>{String(r.acquired_year)}</td>
                <td>{`${measure(r.quantity, lang)} ${r.unit}`}</td>
                <td>{formatRupiah(r.value)}</td>
                <td>{r.disposed_on ? <span class="tag muted">{`${w.disposed} ${formatDate(r.disposed_on, lang)}`}</span> : <span class={`tag ${r.condition === 'baik' ? 'ok' : 'warn'}`}>{CONDITIONS[r.condition][lang]}</span>}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}

function EventList({ w, lang, events }: { w: AssetWords; lang: Lang; events: { kind: string; on_day: string; reason: string; recorded_at: Date; by_name: string | null; before?: unknown; from_condition?: string | null; to_condition?: string | null }[] }) {
  if (events.length === 0) return <p>{w.noHistory}</p>;
  const label = { condition: w.evCondition, disposal: w.evDisposal, correction: w.evCorrection } as Record<string, string>;
  return (
    <ul class="cards">
      {events.map((e) => {
        const before = e.before && typeof e.before === 'object' ? Object.entries(e.before as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x ?? '-')}`).join('; ') : '';
        const cond = e.from_condition && e.to_condition ? ` ${CONDITIONS[e.from_condition as 'baik'][lang]} → ${CONDITIONS[e.to_condition as 'baik'][lang]}` : '';
        return (
          <li>
            <strong>{`${label[e.kind] ?? e.kind}${cond}`}</strong>{` · ${formatDate(String(e.on_day).slice(0, 10), lang)} · ${w.recordedBy} ${e.by_name ?? '-'}, ${formatDateTime(e.recorded_at, lang)}`}
            <br />{e.reason}
            {before && <><br /><small>{`${w.before}: ${before}`}</small></>}
          </li>
        );
      })}
    </ul>
  );
}

/** /desa/<kode>/aset/<id>: one item, its history, and the forms to correct it, change its condition or dispose of it. */
export function ItemPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof getItem>>; msg: AssetMsg }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village;
  const i = view.item;
  const here = `${aset(code)}/${i.id}`;
  const current: Record<string, string> = {
    kind: i.kind, name: i.name, item_code: i.item_code ?? '', asset_origin: i.origin, acquired_year: String(i.acquired_year), asset_quantity: measure(i.quantity), unit: i.unit,
    asset_value: String(i.value), location: i.location ?? '', note: i.note ?? '',
  };
  const v = (k: string, d = '') => msg.values?.[k] ?? current[k] ?? d;
  const manage = can(c.get('ctx').actor, 'asset.manage', code);
  return (
    <Layout c={c} title={i.name} guide="aset">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} w={w} code={code} />
      {i.disposed_on && <Notice kind="warn">{`${w.disposed} ${formatDate(i.disposed_on, lang)}: ${DISPOSAL_REASONS[i.disposal_reason!][lang]}`}</Notice>}
      <dl>
        <dt>{w.kind}</dt><dd>{ASSET_KINDS[i.kind][lang]}</dd>
        {i.item_code && <><dt>{w.itemCode}</dt><dd>{i.item_code}</dd></>}
        <dt>{w.origin}</dt><dd>{`${ASSET_ORIGINS[i.origin][lang]}, ${i.acquired_year}`}</dd>
        <dt>{w.quantity}</dt><dd>{`${measure(i.quantity, lang)} ${i.unit}`}</dd>
        <dt>{w.value}</dt><dd>{formatRupiah(i.value)}</dd>
        <dt>{w.condition}</dt><dd>{CONDITIONS[i.condition][lang]}</dd>
        {i.location && <><dt>{w.location}</dt><dd>{i.location}</dd></>}
        {i.note && <><dt>{w.note}</dt><dd>{i.note}</dd></>}
      </dl>
      <h2>{w.history}</h2>
      <EventList w={w} lang={lang} events={view.events} />
      {manage && !i.disposed_on && (
        <details class="card">
          <summary>{w.conditionTitle}</summary>
          <form method="post" action={`${here}/kondisi`}>
            <Csrf c={c} />
            <label>{w.condition} *<select name="asset_condition" required><Options list={CONDITIONS} lang={lang} selected={msg.values?.asset_condition ?? i.condition} /></select></label>
            <label>{w.conditionOn} *<input type="date" name="condition_on" required value={msg.values?.condition_on ?? ''} /></label>
            <label>{w.noteReason} *<input name="reason" required minlength={3} maxlength={500} value={msg.values?.reason ?? ''} /></label>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      {manage && !i.disposed_on && (
        <details class="card">
          <summary>{w.dispose}</summary>
          <p>{w.disposeIntro}</p>
          <form method="post" action={`${here}/hapus`}>
            <Csrf c={c} />
            <label>{w.disposedOn} *<input type="date" name="disposed_on" required value={msg.values?.disposed_on ?? ''} /></label>
            <label>{w.disposalReason} *<select name="disposal_reason" required><Options list={DISPOSAL_REASONS} lang={lang} selected={msg.values?.disposal_reason ?? ''} empty="" /></select></label>
            <label>{w.noteReason} *<input name="reason" required minlength={3} maxlength={500} value={msg.values?.reason ?? ''} /></label>
            <button type="submit" class="danger">{w.dispose}</button>
          </form>
        </details>
      )}
      {manage && (
        <details class="card">
          <summary>{w.correct}</summary>
          <p>{w.correctIntro}</p>
          <form method="post" action={`${here}/ubah`}>
            <Csrf c={c} />
            <input type="hidden" name="asset_condition" value={i.condition} />
            <ItemFields w={w} lang={lang} v={v} withCondition={false} />
            <label>{w.reason} *<input name="reason" required minlength={3} maxlength={500} value={msg.values?.reason ?? ''} /></label>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <p><a href={aset(code)}>{w.back}</a></p>
    </Layout>
  );
}

/** /desa/<kode>/aset/buku: a page of the year's Buku Inventaris dan Kekayaan Desa, its totals by kind, Excel and PDF. */
export function InventoryBookPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof inventoryBook>> }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village.village_code;
  const link = (page: number) => `${aset(code)}/buku?tahun=${view.year}${page > 1 ? `&page=${page}` : ''}`;
  const qty = (r: (typeof view.rows)[number]) => `${measure(r.quantity, lang)} ${r.unit}`;
  const state = (cond: string | null) => (cond ? CONDITIONS[cond as 'baik'][lang].toLowerCase() : '-');
  return (
    <Layout c={c} title={`${w.book} · ${titleCase(view.village.name)}`} guide="aset">
      <p>{w.bookIntro}</p>
      <Links c={c} w={w} code={code} />
      <form method="get" class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(view.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <Files w={w} href={`${aset(code)}/buku`} query={`tahun=${view.year}`} />
      <h2>{w.totals}</h2>
      {view.totals.length === 0 ? <p>{w.noBook}</p> : (
        <DataTable aria-label={w.totals}>
          <thead><tr><th>{w.kind}</th><th>{w.lines}</th><th>{`${w.startYear} (${w.good}/${w.damaged})`}</th><th>{w.disposal}</th><th>{`${w.endYear} (${w.good}/${w.damaged})`}</th><th>{w.bookValue}</th><th>{w.heldValue}</th></tr></thead>
          <tbody>
            {view.totals.map((t) => (
              <tr><td>{ASSET_KINDS[t.kind][lang]}</td><td>{String(t.lines)}</td><td>{`${t.startGood}/${t.startDamaged}`}</td><td>{String(t.disposed)}</td><td>{`${t.endGood}/${t.endDamaged}`}</td><td>{formatRupiah(t.value)}</td><td>{formatRupiah(t.heldValue)}</td></tr>
            ))}
            <tr><td><strong>{w.totalAll}</strong></td><td>{String(view.count)}</td><td></td><td></td><td></td><td><strong>{formatRupiah(view.value)}</strong></td><td><strong>{formatRupiah(view.heldValue)}</strong></td></tr>
          </tbody>
        </DataTable>
      )}
      {view.rows.length > 0 && (
        <DataTable aria-label={w.book}>
          <thead><tr><th>{w.no}</th><th>{w.name}</th><th>{w.origin}</th><th>{w.startYear}</th><th>{w.disposal}</th><th>{w.endYear}</th><th>{w.value}</th></tr></thead>
          <tbody>
            {view.rows.map((r, n) => (
              <tr>
                <td>{String(view.first + n)}</td>
                <td><a href={`${aset(code)}/${r.id}`}>{r.name}</a><br /><small>{ASSET_KINDS[r.kind][lang]}</small></td>
                <td>{`${ASSET_ORIGINS[r.origin][lang]}, ${r.acquired_year}`}</td>
                <td>{r.start ? `${qty(r)} ${state(r.start)}` : '-'}</td>
                <td>{r.end === null && r.disposed_on ? `${DISPOSAL_REASONS[r.disposal_reason!][lang]}, ${formatDate(r.disposed_on, lang)}` : '-'}</td>
                <td>{r.end ? `${qty(r)} ${state(r.end)}` : '-'}</td>
                <td>{formatRupiah(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={link} />
    </Layout>
  );
}

function ParcelFields({ w, lang, v }: { w: AssetWords; lang: Lang; v: (k: string, d?: string) => string }) {
  return (
    <>
      <label>{w.landOrigin} *<select name="land_origin" required><Options list={LAND_ORIGINS} lang={lang} selected={v('land_origin', 'asli')} /></select></label>
      <label>{w.certificate} *<input name="certificate_no" required maxlength={100} value={v('certificate_no')} /></label>
      <label>{w.area} *<input name="area_m2" required inputmode="decimal" maxlength={20} value={v('area_m2')} /></label>
      <label>{w.landClass}<input name="land_class" maxlength={30} value={v('land_class')} /></label>
      <label>{w.acquiredOn}<input type="date" name="acquired_on" value={v('acquired_on')} /></label>
      <label>{w.use} *<select name="land_use" required><Options list={PARCEL_USES} lang={lang} selected={v('land_use', 'sawah')} /></select></label>
      <label>{w.place} *<input name="location" required minlength={2} maxlength={200} value={v('location')} /></label>
      <label>{w.boundaries}<input name="boundaries" maxlength={300} value={v('boundaries')} /></label>
      <label class="check"><input type="checkbox" name="boundary_marker" value="1" checked={v('boundary_marker') === '1'} />{w.marker}</label>
      <label class="check"><input type="checkbox" name="sign_board" value="1" checked={v('sign_board') === '1'} />{w.board}</label>
      <label>{w.note}<input name="note" maxlength={500} value={v('note')} /></label>
    </>
  );
}

function HoldingFields({ w, lang, v }: { w: AssetWords; lang: Lang; v: (k: string, d?: string) => string }) {
  return (
    <>
      <label>{w.owner}<input name="owner_name" maxlength={200} value={v('owner_name')} /></label>
      <label>{w.nik}<input name="nik" inputmode="numeric" maxlength={16} value={v('nik')} /></label>
      <label>{w.rights} *<select name="land_rights" required><Options list={LAND_RIGHTS} lang={lang} selected={v('land_rights', 'HM')} /></select></label>
      <label>{w.area} *<input name="area_m2" required inputmode="decimal" maxlength={20} value={v('area_m2')} /></label>
      <label>{w.use} *<select name="land_use" required><Options list={HOLDING_USES} lang={lang} selected={v('land_use', 'perumahan')} /></select></label>
      <label>{w.note}<input name="note" maxlength={500} value={v('note')} /></label>
    </>
  );
}

/** /desa/<kode>/tanah: the village's own land and the land in the village by owner, with their forms. */
export function LandPage({ c, view, msg, form }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof landLists>>; msg: AssetMsg; form?: 'parcel' | 'holding' }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village;
  const v = (k: string, d = '') => msg.values?.[k] ?? d;
  const none = () => '';
  const manage = can(c.get('ctx').actor, 'asset.manage', code);
  return (
    <Layout c={c} title={w.landTitle} guide="aset">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.landIntro}</p>
      <Links c={c} w={w} code={code} />
      <h2>{w.parcels}</h2>
      {manage && (
        <details class="card" open={form === 'parcel'}>
          <summary>{w.addParcel}</summary>
          <form method="post" action={`${tanah(code)}/kas-desa`}>
            <Csrf c={c} />
            <ParcelFields w={w} lang={lang} v={form === 'parcel' ? v : none} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      {view.parcels.length === 0 ? <p>{w.noParcels}</p> : (
        <DataTable aria-label={w.parcels}>
          <thead><tr><th>{w.certificate}</th><th>{w.area}</th><th>{w.use}</th><th>{w.landOrigin}</th><th>{w.location}</th></tr></thead>
          <tbody>
            {view.parcels.map((p) => (
              <tr>
                <td><a href={`${tanah(code)}/kas-desa/${p.id}`}>{p.certificate_no}</a></td>
                <td>{measure(p.area_m2, lang)}</td>
                <td>{PARCEL_USES[p.land_use][lang]}</td>
                <td>{`${LAND_ORIGINS[p.origin][lang]}${p.acquired_on ? `, ${formatDate(p.acquired_on, lang)}` : ''}`}</td>
                <td>{p.location}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <h2>{w.holdings}</h2>
      {manage && (
        <details class="card" open={form === 'holding'}>
          <summary>{w.addHolding}</summary>
          <form method="post" action={`${tanah(code)}/di-desa`}>
            <Csrf c={c} />
            <HoldingFields w={w} lang={lang} v={form === 'holding' ? v : none} />
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      {view.holdingCount > 0 && <p>{`${formatNumber(view.holdingCount, lang)} ${w.bidang}`}</p>}
      {view.holdings.length === 0 ? <p>{w.noHoldings}</p> : (
        <DataTable aria-label={w.holdings}>
          <thead><tr><th>{w.owner}</th><th>{w.area}</th><th>{w.rights}</th><th>{w.use}</th></tr></thead>
          <tbody>
            {view.holdings.map((h) => (
              <tr>
                <td><a href={`${tanah(code)}/di-desa/${h.id}`}>{h.owner_name}</a>{h.nik && <><br /><small>{`NIK ${h.nik}`}</small></>}</td>
                <td>{measure(h.area_m2, lang)}</td>
                <td>{h.land_rights}</td>
                <td>{HOLDING_USES[h.land_use][lang]}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(page) => `${tanah(code)}${page > 1 ? `?page=${page}` : ''}`} />
    </Layout>
  );
}

/** /desa/<kode>/tanah/kas-desa/<id> and /tanah/di-desa/<id>: one parcel or holding, its history, the correction form. */
export function LandRecordPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof getParcel>> | Awaited<ReturnType<typeof getHolding>>; msg: AssetMsg }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village;
  const manage = can(c.get('ctx').actor, 'asset.manage', code);
  const isParcel = 'parcel' in view;
  const current: Record<string, string> = isParcel
    ? { land_origin: view.parcel.origin, certificate_no: view.parcel.certificate_no, area_m2: measure(view.parcel.area_m2), land_class: view.parcel.land_class ?? '', acquired_on: view.parcel.acquired_on ?? '',
        land_use: view.parcel.land_use, location: view.parcel.location, boundaries: view.parcel.boundaries ?? '', boundary_marker: view.parcel.boundary_marker ? '1' : '', sign_board: view.parcel.sign_board ? '1' : '', note: view.parcel.note ?? '' }
    : { owner_name: view.holding.resident_id === null ? view.holding.owner_name : '', nik: '', land_rights: view.holding.land_rights, area_m2: measure(view.holding.area_m2), land_use: view.holding.land_use, note: view.holding.note ?? '' };
  const v = (k: string, d = '') => msg.values?.[k] ?? current[k] ?? d;
  const action = isParcel ? `${tanah(code)}/kas-desa/${view.parcel.id}/ubah` : `${tanah(code)}/di-desa/${view.holding.id}/ubah`;
  return (
    <Layout c={c} title={isParcel ? `${w.parcel} ${view.parcel.certificate_no}` : view.holding.owner_name} guide="aset">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <Links c={c} w={w} code={code} />
      {isParcel ? (
        <dl>
          <dt>{w.certificate}</dt><dd>{view.parcel.certificate_no}</dd>
          <dt>{w.area}</dt><dd>{measure(view.parcel.area_m2, lang)}</dd>
          {view.parcel.land_class && <><dt>{w.landClass}</dt><dd>{view.parcel.land_class}</dd></>}
          <dt>{w.landOrigin}</dt><dd>{`${LAND_ORIGINS[view.parcel.origin][lang]}${view.parcel.acquired_on ? `, ${formatDate(view.parcel.acquired_on, lang)}` : ''}`}</dd>
          <dt>{w.use}</dt><dd>{PARCEL_USES[view.parcel.land_use][lang]}</dd>
          <dt>{w.location}</dt><dd>{view.parcel.location}</dd>
          {view.parcel.boundaries && <><dt>{w.boundaries}</dt><dd>{view.parcel.boundaries}</dd></>}
          <dt>{w.marker2}</dt><dd>{view.parcel.boundary_marker ? w.yes : w.no2}</dd>
          <dt>{w.board2}</dt><dd>{view.parcel.sign_board ? w.yes : w.no2}</dd>
          {view.parcel.note && <><dt>{w.note}</dt><dd>{view.parcel.note}</dd></>}
        </dl>
      ) : (
        <dl>
          <dt>{w.owner}</dt><dd>{view.holding.owner_name}{view.holding.nik && ` (NIK ${view.holding.nik})`}</dd>
          <dt>{w.area}</dt><dd>{measure(view.holding.area_m2, lang)}</dd>
          <dt>{w.rights}</dt><dd>{LAND_RIGHTS[view.holding.land_rights][lang]}</dd>
          <dt>{w.use}</dt><dd>{HOLDING_USES[view.holding.land_use][lang]}</dd>
          {view.holding.note && <><dt>{w.note}</dt><dd>{view.holding.note}</dd></>}
        </dl>
      )}
      <h2>{w.history}</h2>
      <EventList w={w} lang={lang} events={view.events} />
      {manage && (
        <details class="card" open={msg.error !== undefined}>
          <summary>{w.correct}</summary>
          <p>{w.correctIntro}</p>
          <form method="post" action={action}>
            <Csrf c={c} />
            {isParcel ? <ParcelFields w={w} lang={lang} v={v} /> : <HoldingFields w={w} lang={lang} v={v} />}
            <label>{w.reason} *<input name="reason" required minlength={3} maxlength={500} value={msg.values?.reason ?? ''} /></label>
            <button type="submit">{w.save}</button>
          </form>
        </details>
      )}
      <p><a href={tanah(code)}>{w.land}</a></p>
    </Layout>
  );
}

/** /desa/<kode>/tanah/buku-kas-desa: the Buku Tanah Kas Desa at the end of a year. */
export function ParcelBookPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof parcelBook>> }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village.village_code;
  return (
    <Layout c={c} title={`${w.bookParcels} · ${titleCase(view.village.name)}`} guide="aset">
      <p>{w.parcelsBookIntro}</p>
      <Links c={c} w={w} code={code} />
      <form method="get" class="card">
        <label>{w.year}<input name="tahun" inputmode="numeric" maxlength={4} value={String(view.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <Files w={w} href={`${tanah(code)}/buku-kas-desa`} query={`tahun=${view.year}`} />
      <p>{`${view.rows.length} ${w.bidang} · ${w.totalArea} ${formatMeasure(view.area, lang)} m²`}</p>
      {view.rows.length === 0 ? <p>{w.noParcels}</p> : (
        <DataTable aria-label={w.bookParcels}>
          <thead><tr><th>{w.no}</th><th>{w.certificate}</th><th>{w.area}</th><th>{w.landOrigin}</th><th>{w.use}</th><th>{w.marker2}</th><th>{w.location}</th></tr></thead>
          <tbody>
            {view.rows.map((p, n) => (
              <tr>
                <td>{String(n + 1)}</td><td>{p.certificate_no}{p.land_class && ` (${p.land_class})`}</td><td>{measure(p.area_m2, lang)}</td>
                <td>{`${LAND_ORIGINS[p.origin][lang]}${p.acquired_on ? `, ${formatDate(p.acquired_on, lang)}` : ''}`}</td><td>{PARCEL_USES[p.land_use][lang]}</td>
                <td>{`${p.boundary_marker ? w.yes : w.no2} / ${p.sign_board ? w.yes : w.no2}`}</td><td>{p.location}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** /desa/<kode>/tanah/buku-tanah-di-desa: the Buku Tanah di Desa, owners named (village staff only). */
export function HoldingBookPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof holdingBook>> }) {
  const lang = c.get('lang');
  const w = ASSET_TEXT[lang];
  const code = view.village.village_code;
  return (
    <Layout c={c} title={`${w.bookHoldings} · ${titleCase(view.village.name)}`} guide="aset">
      <p>{w.holdingsBookIntro}</p>
      <Links c={c} w={w} code={code} />
      <Files w={w} href={`${tanah(code)}/buku-tanah-di-desa`} query="" />
      <p>{`${view.rows.length} ${w.bidang} · ${w.totalArea} ${formatMeasure(view.area, lang)} m² · ${w.certified} ${formatMeasure(view.certified, lang)} m²`}</p>
      {view.rows.length === 0 ? <p>{w.noHoldings}</p> : (
        <DataTable aria-label={w.bookHoldings}>
          <thead><tr><th>{w.no}</th><th>{w.owner}</th><th>{w.area}</th><th>{w.rights}</th><th>{w.use}</th></tr></thead>
          <tbody>
            {view.shown.map((h, n) => (
              <tr>
                <td>{String(view.first + n)}</td><td>{h.owner_name}</td><td>{measure(h.area_m2, lang)}</td>
                <td>{`${h.land_rights} (${CERTIFIED.includes(h.land_rights) ? w.certified : w.notCertified})`}</td>
                <td>{`${HOLDING_USES[h.land_use][lang]} (${FARM_USES.includes(h.land_use) ? w.farm : w.nonFarm})`}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pager w={w} page={view.page} pages={view.pages} link={(page) => `${tanah(code)}/buku-tanah-di-desa${page > 1 ? `?page=${page}` : ''}`} />
    </Layout>
  );
}
