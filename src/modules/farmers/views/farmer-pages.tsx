import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import { formatQuantity, SEASON_LABEL, TENURE_LABEL, TENURES, type Season } from '../catalog.js';
import type { farmerPage, listFarmers } from '../farmers.service.js';

export const FARMER_TEXT = {
  id: {
    title: 'Petani (Kartu Petani Berjaya)', intro: 'Petani didaftarkan dari data penduduk desa dengan NIK-nya: satu NIK satu kartu petani. Catat lahan, komoditas per musim tanam, dan Poktan-nya; dari situ RDKK kelompok disusun bersama penyuluh (PPL).',
    farmers: 'Petani terdaftar', poktan: 'Poktan', hectares: 'Luas lahan (ha)', groups: 'Kelompok tani (Poktan, Gapoktan)', harvest: 'Penawaran hasil panen', search: 'Cari nama', show: 'Cari',
    name: 'Nama', nik: 'NIK', area: 'Lahan (ha)', group: 'Poktan', status: 'Status', living: 'Aktif', gone: 'Pindah/meninggal', none: 'Belum ada petani terdaftar.',
    register: 'Daftarkan petani', nikInput: 'NIK penduduk desa (16 angka)', parcel: 'Lahan pertama (boleh dikosongkan)', areaHa: 'Luas (ha, misalnya 0,75)', tenure: 'Status lahan', dusun: 'Dusun',
    noDusun: '— tidak dipilih —', lat: 'Lintang (misalnya -5.4291)', lng: 'Bujur (misalnya 105.2611)', joinGroup: 'Masuk Poktan', noGroup: '— belum —', crop: 'Ditanam musim ini (boleh dikosongkan)',
    commodity: 'Komoditas', season: 'Musim tanam', year: 'Tahun', cropArea: 'Luas tanam (ha; kosong: luas lahan)', bank: 'Rekening untuk KUR (boleh dikosongkan)', bankName: 'Nama bank', bankAccount: 'Nomor rekening',
    autp: 'Ikut asuransi usaha tani padi (AUTP)', bpjs: 'Ikut BPJS Ketenagakerjaan', save: 'Simpan', pages: 'Halaman', of: 'dari',
    back: 'Semua petani', card: 'Nomor kartu', cardPdf: 'Cetak kartu (PDF)', registered: 'Terdaftar', dusunOf: 'Dusun', insurance: 'Asuransi', yes: 'ya', no: 'tidak',
    parcels: 'Lahan', noParcel: 'Belum ada lahan.', ended: 'berakhir', endParcel: 'Akhiri (tidak digarap lagi)', addParcel: 'Tambah lahan', point: 'Lihat titik', note: 'Keterangan',
    crops: 'Komoditas per musim', noCrop: 'Belum ada komoditas tercatat.', addCrop: 'Catat komoditas', memberships: 'Keanggotaan Poktan', noMembership: 'Belum masuk Poktan.', joined: 'Masuk', left: 'Keluar', now: 'sekarang',
    allocation: 'Alokasi pupuk bersubsidi tahun ini', noAllocation: 'Belum ada alokasi: RDKK Poktan-nya belum disetujui tahun ini.', fertiliser: 'Pupuk', allocated: 'Alokasi (kg)', redeemed: 'Ditebus (kg)', remaining: 'Sisa (kg)',
    redemptions: 'Riwayat penebusan', noRedemption: 'Belum ada penebusan.', receipt: 'No. bukti', when: 'Waktu', kiosk: 'Kios', items: 'Pupuk', edit: 'Ubah rekening dan asuransi', keepAccount: 'Nomor rekening baru (kosong: tetap)',
    goneNote: 'Menurut data penduduk, petani ini tidak lagi tinggal di desa (pindah atau meninggal): kartunya tidak dapat dipakai menebus pupuk.',
  },
  en: {
    title: 'Farmers (Kartu Petani Berjaya)', intro: 'Farmers are registered from the village\'s population register by NIK: one NIK, one farmer card. Record their parcels, what they grow each season and their group; the group\'s RDKK is drafted from that with the extension officer (PPL).',
    farmers: 'Registered farmers', poktan: 'Groups', hectares: 'Land (ha)', groups: 'Farmer groups (Poktan, Gapoktan)', harvest: 'Harvest offers', search: 'Search a name', show: 'Search',
    name: 'Name', nik: 'NIK', area: 'Land (ha)', group: 'Group', status: 'Status', living: 'Active', gone: 'Moved/died', none: 'No farmer registered yet.',
    register: 'Register a farmer', nikInput: 'Resident\'s NIK (16 digits)', parcel: 'First parcel (optional)', areaHa: 'Area (ha, e.g. 0.75)', tenure: 'Tenure', dusun: 'Dusun',
    noDusun: '— none —', lat: 'Latitude (e.g. -5.4291)', lng: 'Longitude (e.g. 105.2611)', joinGroup: 'Join group', noGroup: '— not yet —', crop: 'Grown this season (optional)',
    commodity: 'Commodity', season: 'Season', year: 'Year', cropArea: 'Planted area (ha; empty: the parcel\'s)', bank: 'Account for KUR credit (optional)', bankName: 'Bank', bankAccount: 'Account number',
    autp: 'Insured by AUTP (rice farm insurance)', bpjs: 'Insured by BPJS Ketenagakerjaan', save: 'Save', pages: 'Page', of: 'of',
    back: 'All farmers', card: 'Card number', cardPdf: 'Print the card (PDF)', registered: 'Registered', dusunOf: 'Dusun', insurance: 'Insurance', yes: 'yes', no: 'no',
    parcels: 'Parcels', noParcel: 'No parcel yet.', ended: 'ended', endParcel: 'End (no longer farmed)', addParcel: 'Add a parcel', point: 'See the point', note: 'Note',
    crops: 'Crops per season', noCrop: 'No crop recorded yet.', addCrop: 'Record a crop', memberships: 'Group membership', noMembership: 'Not in a group yet.', joined: 'Joined', left: 'Left', now: 'now',
    allocation: 'Subsidised fertiliser allocation this year', noAllocation: 'No allocation: the group\'s RDKK is not approved this year.', fertiliser: 'Fertiliser', allocated: 'Allocated (kg)', redeemed: 'Redeemed (kg)', remaining: 'Left (kg)',
    redemptions: 'Redemptions', noRedemption: 'No redemption yet.', receipt: 'Receipt', when: 'When', kiosk: 'Kiosk', items: 'Fertiliser', edit: 'Change account and insurance', keepAccount: 'New account number (empty: keep)',
    goneNote: 'By the population register this farmer no longer lives in the village (moved or died): the card cannot redeem fertiliser.',
  },
} as const;

type Msg = { ok?: string; error?: string; values?: Record<string, string>; form?: string };
export const qty = (v: string | number, lang: 'id' | 'en') => formatQuantity(v, lang);
export const seasonName = (s: number, lang: 'id' | 'en') => SEASON_LABEL[s as Season]?.[lang] ?? String(s);

/** The parcel fields, shared by the registration form and the farmer page. */
function ParcelFields({ w, areas, v, lang }: { w: (typeof FARMER_TEXT)['id' | 'en']; areas: { id: number | string; name: string }[]; v: (k: string) => string; lang: 'id' | 'en' }) {
  return (
    <>
      <label>{w.areaHa}<input name="area_ha" inputmode="decimal" value={v('area_ha')} /></label>
      <label>{w.tenure}<select name="tenure">{TENURES.map((t) => <option value={t} selected={v('tenure') === t}>{TENURE_LABEL[t][lang]}</option>)}</select></label>
      <label>{w.dusun}<select name="area_id"><option value="">{w.noDusun}</option>{areas.map((a) => <option value={String(a.id)} selected={v('area_id') === String(a.id)}>{a.name}</option>)}</select></label>
      <label>{w.lat}<input name="latitude" inputmode="decimal" value={v('latitude')} /></label>
      <label>{w.lng}<input name="longitude" inputmode="decimal" value={v('longitude')} /></label>
    </>
  );
}

function CropFields({ w, commodities, v, lang, year }: { w: (typeof FARMER_TEXT)['id' | 'en']; commodities: { code: string; name: string; name_en: string }[]; v: (k: string) => string; lang: 'id' | 'en'; year: number }) {
  return (
    <>
      <label>{w.commodity}<select name="commodity"><option value="">—</option>{commodities.map((k) => <option value={k.code} selected={v('commodity') === k.code}>{lang === 'en' ? k.name_en : k.name}</option>)}</select></label>
      <label>{w.season}<select name="season"><option value="">{lang === 'en' ? '— this season —' : '— musim ini —'}</option>{[1, 2, 3].map((s) => <option value={String(s)} selected={v('season') === String(s)}>{seasonName(s, lang)}</option>)}</select></label>
      <label>{w.year}<input name="year" type="number" inputmode="numeric" min={2000} max={2100} value={v('year') || String(year)} /></label>
      <label>{w.cropArea}<input name="crop_area_ha" inputmode="decimal" value={v('crop_area_ha')} /></label>
    </>
  );
}

export function FarmersPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof listFarmers>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = FARMER_TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string) => msg.values?.[k] ?? '';
  const pages = Math.max(1, Math.ceil(view.total / view.size));
  const year = Number(new Date().toISOString().slice(0, 4));
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="petani">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <dl class="figures">
        <dt>{w.farmers}</dt><dd class="num">{formatNumber(view.totals.farmers, lang)}</dd>
        <dt>{w.poktan}</dt><dd class="num">{formatNumber(view.totals.poktan, lang)}</dd>
        <dt>{w.hectares}</dt><dd class="num">{qty(view.totals.hectares, lang)}</dd>
      </dl>
      <p><a href={`/desa/${code}/petani/poktan`}>{w.groups}</a> · <a href={`/desa/${code}/petani/panen`}>{w.harvest}</a></p>
      <form method="get" action={`/desa/${code}/petani`} class="card filters">
        <label>{w.search}<input name="q" value={view.q} maxlength={60} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      {view.farmers.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.farmers}>
          <thead><tr><th>{w.name}</th><th>{w.nik}</th><th class="num">{w.area}</th><th>{w.group}</th><th>{w.status}</th></tr></thead>
          <tbody>{view.farmers.map((f) => (
            <tr>
              <td><a href={`/desa/${code}/petani/${f.id}`}>{f.name}</a></td>
              <td>{f.nik}</td>
              <td class="num">{qty(f.hectares, lang)}</td>
              <td>{f.group_name ?? '—'}</td>
              <td>{f.living ? w.living : w.gone}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {pages > 1 && (
        <p>{`${w.pages} ${view.page} ${w.of} ${pages}`}{' '}
          {view.page > 1 && <a href={`/desa/${code}/petani?page=${view.page - 1}&q=${encodeURIComponent(view.q)}`}>«</a>}{' '}
          {view.page < pages && <a href={`/desa/${code}/petani?page=${view.page + 1}&q=${encodeURIComponent(view.q)}`}>»</a>}
        </p>
      )}
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/petani`} class="card">
          <h2>{w.register}</h2>
          <Csrf c={c} />
          <label>{w.nikInput} *<input name="nik" required inputmode="numeric" maxlength={20} autocomplete="off" value={v('nik')} /></label>
          <label>{w.joinGroup}<select name="group_id"><option value="">{w.noGroup}</option>{view.groups.filter((g) => g.kind === 'poktan').map((g) => <option value={String(g.id)} selected={v('group_id') === String(g.id)}>{g.name}</option>)}</select></label>
          <fieldset><legend>{w.parcel}</legend><ParcelFields w={w} areas={view.areas} v={v} lang={lang} /></fieldset>
          <fieldset><legend>{w.crop}</legend><CropFields w={w} commodities={view.commodities} v={v} lang={lang} year={year} /></fieldset>
          <fieldset><legend>{w.bank}</legend>
            <label>{w.bankName}<input name="bank_name" maxlength={60} value={v('bank_name')} /></label>
            <label>{w.bankAccount}<input name="bank_account" inputmode="numeric" maxlength={24} autocomplete="off" value={v('bank_account')} /></label>
            <label class="check"><input type="checkbox" name="autp" value="1" checked={v('autp') === '1'} /> {w.autp}</label>
            <label class="check"><input type="checkbox" name="bpjs_tk" value="1" checked={v('bpjs_tk') === '1'} /> {w.bpjs}</label>
          </fieldset>
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}

export function FarmerPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof farmerPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = FARMER_TEXT[lang];
  const code = view.village.village_code;
  const f = view.farmer;
  const base = `/desa/${code}/petani/${f.id}`;
  const v = (form: string) => (k: string) => (msg.form === form ? msg.values?.[k] ?? '' : '');
  const card = `${f.card_code.slice(0, 5)}-${f.card_code.slice(5)}`;
  return (
    <Layout c={c} title={`${f.name} · ${w.title}`} guide="petani">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {!f.living && <Notice kind="warn">{w.goneNote}</Notice>}
      <p><a href={`/desa/${code}/petani`}>{w.back}</a></p>
      <dl>
        <dt>{w.nik}</dt><dd>{f.nik}</dd>
        <dt>{w.card}</dt><dd>{card} · <a href={`${base}/kartu.pdf`}>{w.cardPdf}</a></dd>
        {f.dusun && <><dt>{w.dusunOf}</dt><dd>{f.dusun}</dd></>}
        <dt>{w.hectares}</dt><dd class="num">{qty(view.hectares.toFixed(4).replace(/\.?0+$/, ''), lang)}</dd>
        <dt>{w.bank}</dt><dd>{f.bank_account ? `${f.bank_name ?? ''} ${f.bank_account}` : '—'}</dd>
        <dt>{w.insurance}</dt><dd>{`AUTP: ${f.autp ? w.yes : w.no} · BPJS TK: ${f.bpjs_tk ? w.yes : w.no}`}</dd>
        <dt>{w.registered}</dt><dd>{formatDate(f.registered_at, lang)}</dd>
      </dl>

      <h2>{w.allocation}</h2>
      {view.allocations.length === 0 ? <p>{w.noAllocation}</p> : (
        <DataTable aria-label={w.allocation}>
          <thead><tr><th>{w.season}</th><th>{w.fertiliser}</th><th class="num">{w.allocated}</th><th class="num">{w.redeemed}</th><th class="num">{w.remaining}</th></tr></thead>
          <tbody>{view.allocations.map((a) => <tr><td>{seasonName(a.season, lang)}</td><td>{a.name}</td><td class="num">{qty(a.allocated, lang)}</td><td class="num">{qty(a.redeemed, lang)}</td><td class="num">{qty(a.remaining, lang)}</td></tr>)}</tbody>
        </DataTable>
      )}

      <h2>{w.redemptions}</h2>
      {view.redemptions.length === 0 ? <p>{w.noRedemption}</p> : (
        <DataTable aria-label={w.redemptions}>
          <thead><tr><th>{w.when}</th><th>{w.receipt}</th><th>{w.kiosk}</th><th>{w.items}</th></tr></thead>
          <tbody>{view.redemptions.map((r) => <tr><td>{formatDate(r.redeemed_at, lang)}</td><td>{r.receipt_no}</td><td>{r.kiosk}</td><td>{r.items}</td></tr>)}</tbody>
        </DataTable>
      )}

      <h2>{w.parcels}</h2>
      {view.parcels.length === 0 ? <p>{w.noParcel}</p> : (
        <DataTable aria-label={w.parcels}>
          <thead><tr><th class="num">{w.area}</th><th>{w.tenure}</th><th>{w.dusun}</th><th>{w.note}</th><th>{w.status}</th></tr></thead>
          <tbody>{view.parcels.map((p) => (
            <tr>
              <td class="num">{qty(p.area_ha, lang)}</td>
              <td>{TENURE_LABEL[p.tenure][lang]}</td>
              <td>{p.dusun ?? ''}{p.latitude && <> · <a href={`https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=17/${p.latitude}/${p.longitude}`} rel="noopener">{w.point}</a></>}</td>
              <td>{p.note ?? ''}</td>
              <td>{p.ended_on ? `${w.ended} ${formatDate(p.ended_on, lang)}` : view.canWrite ? (
                <form method="post" action={`${base}/lahan/${p.id}/akhiri`} class="inline"><Csrf c={c} /><button type="submit" class="secondary">{w.endParcel}</button></form>
              ) : ''}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`${base}/lahan`} class="card">
          <h3>{w.addParcel}</h3>
          <Csrf c={c} />
          <ParcelFields w={w} areas={view.areas} v={v('parcel')} lang={lang} />
          <label>{w.note}<input name="parcel_note" maxlength={200} value={v('parcel')('parcel_note')} /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}

      <h2>{w.crops}</h2>
      {view.crops.length === 0 ? <p>{w.noCrop}</p> : (
        <DataTable aria-label={w.crops}>
          <thead><tr><th>{w.year}</th><th>{w.season}</th><th>{w.commodity}</th><th class="num">{w.area}</th></tr></thead>
          <tbody>{view.crops.map((k) => <tr><td>{String(k.year)}</td><td>{seasonName(k.season, lang)}</td><td>{view.commodities.find((x) => x.code === k.commodity)?.[lang === 'en' ? 'name_en' : 'name'] ?? k.commodity}</td><td class="num">{qty(k.area_ha, lang)}</td></tr>)}</tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`${base}/tanam`} class="card">
          <h3>{w.addCrop}</h3>
          <Csrf c={c} />
          <CropFields w={w} commodities={view.commodities} v={v('crop')} lang={lang} year={view.year} />
          <button type="submit">{w.save}</button>
        </form>
      )}

      <h2>{w.memberships}</h2>
      {view.memberships.length === 0 ? <p>{w.noMembership}</p> : (
        <ul class="plain">{view.memberships.map((m) => <li><a href={`/desa/${code}/petani/poktan/${m.group_id}`}>{m.name}</a>{` · ${w.joined} ${formatDate(m.joined_on, lang)} · ${m.left_on ? `${w.left} ${formatDate(m.left_on, lang)}` : w.now}`}</li>)}</ul>
      )}

      {view.canWrite && (
        <form method="post" action={`${base}/ubah`} class="card">
          <h3>{w.edit}</h3>
          <Csrf c={c} />
          <label>{w.bankName}<input name="bank_name" maxlength={60} value={f.bank_name ?? ''} /></label>
          <label>{w.keepAccount}<input name="bank_account" inputmode="numeric" maxlength={24} autocomplete="off" /></label>
          <label class="check"><input type="checkbox" name="autp" value="1" checked={f.autp} /> {w.autp}</label>
          <label class="check"><input type="checkbox" name="bpjs_tk" value="1" checked={f.bpjs_tk} /> {w.bpjs}</label>
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}
