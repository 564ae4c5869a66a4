import type { Context } from 'hono';
import { formatDateTime } from '../../../platform/format/format.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Layout, Notice } from '../../../platform/http/views/layout.js';
import type { MyFarmerCard } from '../card.service.js';
import { groupedCardCode, type FarmerCardFace } from '../card-pdf.js';
import { formatQuantity, SEASON_LABEL, type Season } from '../catalog.js';
import { QrSvg } from './qr-svg.js';
import { ReceiptView, type Receipt } from './receipt.js';

const GUIDE = 'petani';

const TEXT = {
  id: {
    title: 'Kartu Petani', cardName: 'KARTU PETANI BERJAYA', province: 'Provinsi Lampung', name: 'Nama', nik: 'NIK', village: 'Desa', poktan: 'Poktan',
    qr: (code: string) => `Kode QR kartu tani ${code}`, show: 'Tunjukkan kartu ini (di layar atau dicetak) di kios pupuk resmi. Kode QR hanya berisi nomor kartu, tanpa data pribadi.',
    pdf: 'Unduh kartu (PDF, untuk dicetak)', allocation: (y: number) => `Alokasi pupuk bersubsidi tahun ${y}`, season: 'Musim tanam', fertiliser: 'Pupuk',
    allocated: 'Alokasi (kg)', redeemed: 'Sudah ditebus (kg)', remaining: 'Sisa (kg)',
    noAllocation: 'Belum ada alokasi tahun ini: RDKK Poktan Anda belum disetujui kabupaten, atau Anda belum tercantum di dalamnya. Tanyakan ke ketua Poktan atau penyuluh (PPL).',
    history: 'Riwayat penebusan', when: 'Tanggal', kiosk: 'Kios', items: 'Pupuk', receipt: 'Bukti', open: (no: string) => `Bukti ${no}`, noHistory: 'Belum ada penebusan.',
    notLiving: 'Anda tidak lagi tercatat tinggal di desa ini; penebusan pupuk tidak dapat dicatat. Hubungi kantor desa bila ini keliru.',
    notFarmer: 'Anda belum terdaftar sebagai petani Kartu Petani Berjaya.',
    howTo: [
      'Pendaftaran dilakukan di kantor desa: bawa KTP dan KK, sebutkan lahan yang Anda garap (luas, milik sendiri, sewa atau bagi hasil) dan tanaman yang Anda tanam musim ini.',
      'Bisa juga melalui Poktan (kelompok tani): ketua Poktan menyampaikan data anggotanya ke kantor desa.',
      'Setelah terdaftar dan masuk RDKK Poktan, kartu Anda dan sisa alokasi pupuk tampil di halaman ini.',
    ],
    home: 'Kembali ke beranda', receiptTitle: 'Bukti penebusan', back: 'Kembali ke kartu tani',
  },
  en: {
    title: 'Farmer card', cardName: 'KARTU PETANI BERJAYA', province: 'Lampung Province', name: 'Name', nik: 'NIK', village: 'Village', poktan: 'Farmer group',
    qr: (code: string) => `QR code of farmer card ${code}`, show: 'Show this card (on screen or printed) at a registered fertiliser kiosk. The QR code holds only the card number, no personal data.',
    pdf: 'Download the card (PDF, to print)', allocation: (y: number) => `Subsidised fertiliser allocation ${y}`, season: 'Season', fertiliser: 'Fertiliser',
    allocated: 'Allocated (kg)', redeemed: 'Redeemed (kg)', remaining: 'Left (kg)',
    noAllocation: 'No allocation this year yet: your group\'s RDKK is not approved by the regency, or you are not on it. Ask your group leader or the extension officer (PPL).',
    history: 'Redemptions', when: 'Date', kiosk: 'Kiosk', items: 'Fertiliser', receipt: 'Receipt', open: (no: string) => `Receipt ${no}`, noHistory: 'No redemption yet.',
    notLiving: 'You are no longer recorded as living in this village; no fertiliser can be redeemed. Contact the village office if this is wrong.',
    notFarmer: 'You are not registered as a Kartu Petani Berjaya farmer.',
    howTo: [
      'Register at the village office: bring your ID card and family card, and tell them the land you farm (area; own, rented or sharecropped) and what you grow this season.',
      'Or through a farmer group (Poktan): the group leader brings the members\' details to the village office.',
      'Once registered and on your group\'s RDKK, your card and what is left of your fertiliser allocation show on this page.',
    ],
    home: 'Back to home', receiptTitle: 'Receipt', back: 'Back to the farmer card',
  },
} as const;
type Words = (typeof TEXT)['id' | 'en'];

/** "Urea 50.00 kg, NPK 12.5 kg" as the list comes from the database → "Urea 50 kg, NPK 12,5 kg". */

/** The card's face on screen: what is printed on it, the QR drawn as SVG. */
function CardFace({ card, w }: { card: FarmerCardFace; w: Words }) {
  const number = groupedCardCode(card.code);
  return (
    <section class="farmer-card" aria-label={w.cardName}>
      <header><strong>{w.cardName}</strong><span>{w.province}</span></header>
      <div class="farmer-card-body">
        <dl>
          <dt>{w.name}</dt><dd>{card.name}</dd>
          <dt>{w.nik}</dt><dd class="mono">{card.nik}</dd>
          <dt>{w.village}</dt><dd>{card.village}</dd>
          {card.poktan && <><dt>{w.poktan}</dt><dd>{card.poktan}</dd></>}
        </dl>
        <figure>
          <QrSvg text={card.qrUrl} label={w.qr(number)} />
          <figcaption class="mono">{number}</figcaption>
        </figure>
      </div>
    </section>
  );
}

export function MyCardPage({ c, view }: { c: Context<AppEnv>; view: MyFarmerCard }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={w.title} guide={GUIDE}>
      {!view.living && <Notice kind="warn">{w.notLiving}</Notice>}
      <CardFace card={view.card} w={w} />
      <p class="muted">{w.show}</p>
      <p><a class="button secondary" href="/warga/kartu-tani.pdf">{w.pdf}</a></p>

      <h2>{w.allocation(view.year)}</h2>
      {view.allocations.length === 0 ? <p>{w.noAllocation}</p> : (
        <DataTable aria-label={w.allocation(view.year)}>
          <thead><tr><th>{w.season}</th><th>{w.fertiliser}</th><th class="num">{w.allocated}</th><th class="num">{w.redeemed}</th><th class="num">{w.remaining}</th></tr></thead>
          <tbody>
            {view.allocations.map((a) => (
              <tr>
                <td>{SEASON_LABEL[a.season as Season]?.[lang] ?? a.season}</td><td>{a.name}</td>
                <td class="num">{formatQuantity(a.allocated, lang)}</td><td class="num">{formatQuantity(a.redeemed, lang)}</td><td class="num"><strong>{formatQuantity(a.remaining, lang)}</strong></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      <h2>{w.history}</h2>
      {view.redemptions.length === 0 ? <p>{w.noHistory}</p> : (
        <DataTable aria-label={w.history}>
          <thead><tr><th>{w.when}</th><th>{w.kiosk}</th><th>{w.items}</th><th>{w.receipt}</th></tr></thead>
          <tbody>
            {view.redemptions.map((r) => (
              <tr>
                <td>{formatDateTime(r.redeemed_at, lang)}</td><td>{r.kiosk}</td><td>{r.items ?? ''}</td>
                <td><a href={`/warga/kartu-tani/struk/${r.id}`}>{w.open(r.receipt_no)}</a></td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </Layout>
  );
}

/** A citizen who is not a farmer: how to become one. */
export function NotFarmerPage({ c }: { c: Context<AppEnv> }) {
  const w = TEXT[c.get('lang')];
  return (
    <Layout c={c} title={w.title} guide={GUIDE}>
      <Notice kind="warn">{w.notFarmer}</Notice>
      <section class="card">
        {w.howTo.map((p) => <p>{p}</p>)}
      </section>
      <p><a href="/warga">{w.home}</a></p>
    </Layout>
  );
}

export function MyReceiptPage({ c, r }: { c: Context<AppEnv>; r: Receipt }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={`${w.receiptTitle} ${r.receipt_no}`} guide={GUIDE}>
      <ReceiptView r={r} lang={lang} />
      <p><a href="/warga/kartu-tani">{w.back}</a></p>
    </Layout>
  );
}
