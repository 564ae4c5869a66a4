import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, todayInWib } from '../../../platform/format/format.js';
import { fromUnits } from '../catalog.js';
import type { kioskDay, kiosksPage, lookupCard } from '../kiosks.service.js';
import { qty, seasonName } from './farmer-pages.js';

const TEXT = {
  id: {
    home: 'Kios pupuk', card: 'Nomor kartu tani', cardHint: 'Pindai kode QR kartu dengan kamera ponsel, atau ketik 10 huruf dan angka di bawah kode QR.', find: 'Cari kartu',
    today: 'Hari ini', handed: 'Disalurkan hari ini (kg)', stock: 'Stok (kg)', fertiliser: 'Pupuk', report: 'Laporan harian', stockIn: 'Catat pupuk masuk (dari distributor)', quantity: 'Jumlah (kg)',
    receivedOn: 'Tanggal diterima', note: 'Keterangan (no. DO)', save: 'Simpan', villages: 'Desa yang dilayani',
    farmer: 'Petani', nik: 'NIK', village: 'Desa', season: 'Musim tanam', allocated: 'Alokasi (kg)', redeemed: 'Sudah ditebus (kg)', remaining: 'Sisa (kg)', redeem: 'Catat penebusan',
    redeemHint: 'Isi jumlah (kg) tiap pupuk yang diserahkan. Melebihi sisa alokasi ditolak seluruhnya.', submit: 'Simpan penebusan', noAllocation: 'Petani ini tidak punya alokasi musim ini (RDKK Poktan-nya belum disetujui, atau ia tidak berhak).',
    gone: 'Menurut data penduduk petani ini tidak lagi tinggal di desanya: penebusan tidak dapat dicatat.', other: 'Kartu lain',
    reportTitle: 'Laporan harian kios', day: 'Tanggal', show: 'Tampilkan', receipt: 'No. bukti', time: 'Jam', items: 'Pupuk', none: 'Tidak ada penebusan pada tanggal ini.', total: 'Jumlah (kg)', excel: 'Unduh Excel',
    kiosks: 'Kios pupuk terdaftar', kiosksIntro: 'Kios pupuk lengkap yang melayani penebusan pupuk bersubsidi dengan Kartu Petani Berjaya. Setiap kios punya akun sendiri dan hanya melihat petani dari desa yang dilayaninya.',
    name: 'Nama kios', owner: 'Pemilik', address: 'Alamat', district: 'Kecamatan', account: 'Akun', noKiosk: 'Belum ada kios terdaftar.', register: 'Daftarkan kios',
    villagesInput: 'Kode desa yang dilayani, satu per baris (misalnya 18.09.10.2004)', username: 'Nama akun kios', password: 'Kata sandi awal (paling sedikit 10 karakter)',
  },
  en: {
    home: 'Fertiliser kiosk', card: 'Farmer card number', cardHint: 'Scan the card\'s QR code with the phone camera, or type the 10 letters and digits under the QR code.', find: 'Find the card',
    today: 'Today', handed: 'Handed out today (kg)', stock: 'Stock (kg)', fertiliser: 'Fertiliser', report: 'Daily report', stockIn: 'Record fertiliser received (from the distributor)', quantity: 'Quantity (kg)',
    receivedOn: 'Received on', note: 'Note (delivery order no.)', save: 'Save', villages: 'Villages served',
    farmer: 'Farmer', nik: 'NIK', village: 'Village', season: 'Season', allocated: 'Allocated (kg)', redeemed: 'Redeemed (kg)', remaining: 'Left (kg)', redeem: 'Record a redemption',
    redeemHint: 'Fill in the kilograms of each fertiliser handed over. Anything beyond what is left is refused as a whole.', submit: 'Save the redemption', noAllocation: 'This farmer has no allocation this season (the group\'s RDKK is not approved, or they do not qualify).',
    gone: 'By the population register this farmer no longer lives in their village: no redemption can be recorded.', other: 'Another card',
    reportTitle: 'Kiosk daily report', day: 'Date', show: 'Show', receipt: 'Receipt', time: 'Time', items: 'Fertiliser', none: 'No redemption on this day.', total: 'Total (kg)', excel: 'Download Excel',
    kiosks: 'Registered fertiliser kiosks', kiosksIntro: 'Kiosks that fill subsidised fertiliser orders against the Kartu Petani Berjaya. Each has its own account and sees only farmers of the villages it serves.',
    name: 'Kiosk', owner: 'Owner', address: 'Address', district: 'District', account: 'Account', noKiosk: 'No kiosk registered yet.', register: 'Register a kiosk',
    villagesInput: 'Codes of the villages served, one per line (e.g. 18.09.10.2004)', username: 'Kiosk account name', password: 'First password (at least 10 characters)',
  },
} as const;

type Msg = { ok?: string; error?: string; values?: Record<string, string> };

function CardForm({ c, w, value }: { c: Context<AppEnv>; w: (typeof TEXT)['id' | 'en']; value?: string }) {
  return (
    <form method="get" action="/kios/kartu" class="card">
      <label>{w.card}<input name="nomor_kartu" required maxlength={12} autocomplete="off" autocapitalize="characters" spellcheck={false} value={value ?? ''} /></label>
      <p class="muted">{w.cardHint}</p>
      <button type="submit">{w.find}</button>
      {void c}
    </form>
  );
}

export function KioskHomePage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof kioskDay>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={`${w.home} · ${view.kiosk.name}`} guide="kios-pupuk">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <CardForm c={c} w={w} value={v('nomor_kartu')} />
      <h2>{`${w.today} · ${formatDate(view.day, lang)}`}</h2>
      <DataTable aria-label={w.today}>
        <thead><tr><th>{w.fertiliser}</th><th class="num">{w.handed}</th><th class="num">{w.stock}</th></tr></thead>
        <tbody>{view.totals.map((t) => <tr><td>{t.name}</td><td class="num">{qty(t.today, lang)}</td><td class="num">{qty(fromUnits(t.stock), lang)}</td></tr>)}</tbody>
      </DataTable>
      <p><a href="/kios/laporan">{w.report}</a></p>
      <form method="post" action="/kios/stok" class="card">
        <h2>{w.stockIn}</h2>
        <Csrf c={c} />
        <label>{w.fertiliser}<select name="fertiliser">{view.types.map((t) => <option value={t.code} selected={v('fertiliser') === t.code}>{t.name}</option>)}</select></label>
        <label>{w.quantity} *<input name="quantity" required inputmode="decimal" value={v('quantity')} /></label>
        <label>{w.receivedOn}<input name="received_on" type="date" value={v('received_on') || todayInWib()} /></label>
        <label>{w.note}<input name="note" maxlength={200} value={v('note')} /></label>
        <button type="submit">{w.save}</button>
      </form>
    </Layout>
  );
}

export function KioskCardPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof lookupCard>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = (k: string) => msg.values?.[k] ?? '';
  const any = view.remaining.some((r) => Number(r.allocated) > 0);
  return (
    <Layout c={c} title={`${w.farmer} · ${view.name}`} guide="kios-pupuk">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {!view.living && <Notice kind="warn">{w.gone}</Notice>}
      <dl>
        <dt>{w.farmer}</dt><dd><strong>{view.name}</strong></dd>
        <dt>{w.nik}</dt><dd>{view.nik}</dd>
        <dt>{w.village}</dt><dd>{view.village}</dd>
        <dt>{w.season}</dt><dd>{`${seasonName(view.season, lang)} ${view.year}`}</dd>
      </dl>
      <DataTable aria-label={w.remaining}>
        <thead><tr><th>{w.fertiliser}</th><th class="num">{w.allocated}</th><th class="num">{w.redeemed}</th><th class="num">{w.remaining}</th></tr></thead>
        <tbody>{view.remaining.map((r) => <tr><td>{r.name}</td><td class="num">{qty(r.allocated, lang)}</td><td class="num">{qty(r.redeemed, lang)}</td><td class="num"><strong>{qty(r.remaining, lang)}</strong></td></tr>)}</tbody>
      </DataTable>
      {!any ? <p>{w.noAllocation}</p> : view.living && (
        <form method="post" action={`/kios/kartu/${view.card}/tebus`} class="card">
          <h2>{w.redeem}</h2>
          <p class="muted">{w.redeemHint}</p>
          <Csrf c={c} />
          {view.remaining.filter((r) => Number(r.allocated) > 0).map((r) => (
            <label>{`${r.name} (kg)`}<input name={r.fertiliser} inputmode="decimal" value={v(r.fertiliser)} /></label>
          ))}
          <button type="submit">{w.submit}</button>
        </form>
      )}
      <p><a href="/kios">{w.other}</a></p>
    </Layout>
  );
}

export function KioskReportPage({ c, view }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof kioskDay>> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={`${w.reportTitle} · ${view.kiosk.name}`} guide="kios-pupuk">
      <form method="get" action="/kios/laporan" class="card filters">
        <label>{w.day}<input name="tanggal" type="date" value={view.day} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      <h2>{formatDate(view.day, lang)}</h2>
      <dl class="figures">{view.totals.map((t) => <><dt>{`${t.name} (kg)`}</dt><dd class="num">{qty(t.today, lang)}</dd></>)}</dl>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.reportTitle}>
          <thead><tr><th>{w.time}</th><th>{w.receipt}</th><th>{w.farmer}</th><th>{w.village}</th><th>{w.items}</th></tr></thead>
          <tbody>{view.rows.map((r) => (
            <tr>
              <td>{new Date(r.redeemed_at).toLocaleTimeString('id-ID', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit' })}</td>
              <td><a href={`/kios/struk/${r.village_code}/${r.id}`}>{r.receipt_no}</a></td>
              <td>{`${r.name} (${r.nik})`}</td>
              <td>{r.village}</td>
              <td>{r.items}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      <p><a href={`/kios/laporan.xlsx?tanggal=${view.day}`}>{w.excel}</a> · <a href="/kios">{w.home}</a></p>
    </Layout>
  );
}

export function KiosksPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof kiosksPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={w.kiosks} guide="kios-pupuk">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.kiosksIntro}</p>
      {view.kiosks.length === 0 ? <p>{w.noKiosk}</p> : (
        <DataTable aria-label={w.kiosks}>
          <thead><tr><th>{w.name}</th><th>{w.district}</th><th>{w.owner}</th><th>{w.villages}</th><th>{w.account}</th></tr></thead>
          <tbody>{view.kiosks.map((k) => <tr><td>{k.name}<br /><small>{k.address}</small></td><td>{k.district}</td><td>{k.owner_name}</td><td>{k.villages}</td><td>{k.username}</td></tr>)}</tbody>
        </DataTable>
      )}
      <form method="post" action={`/pantau/${view.code}/kios`} class="card">
        <h2>{w.register}</h2>
        <Csrf c={c} />
        <label>{w.name} *<input name="name" required maxlength={120} value={v('name')} /></label>
        <label>{w.owner} *<input name="owner_name" required maxlength={120} value={v('owner_name')} /></label>
        <label>{w.address} *<input name="address" required maxlength={200} value={v('address')} /></label>
        <label>{w.district} *<select name="district">{view.districts.map((d) => <option value={d.code} selected={v('district') === d.code}>{d.name}</option>)}</select></label>
        <label>{w.villagesInput} *<textarea name="villages" rows={4} required>{v('villages')}</textarea></label>
        <label>{w.username} *<input name="username" required maxlength={40} autocomplete="off" value={v('username')} /></label>
        <label>{w.password} *<input name="password" type="password" required minlength={10} autocomplete="new-password" /></label>
        <button type="submit">{w.save}</button>
      </form>
    </Layout>
  );
}
