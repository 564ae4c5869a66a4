import { formatDateTime } from '../../../platform/format/format.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import type { Lang } from '../../../platform/i18n/i18n.js';
import { groupedCardCode } from '../card-pdf.js';
import { formatQuantity, SEASON_LABEL, type Season } from '../catalog.js';
import type { receipt } from '../kiosks.service.js';

export type Receipt = NonNullable<Awaited<ReturnType<typeof receipt>>>;

const TEXT = {
  id: {
    title: 'Bukti penebusan pupuk bersubsidi', number: 'Nomor bukti', at: 'Tanggal dan jam', kiosk: 'Kios', season: 'Musim tanam',
    farmer: 'Petani', nik: 'NIK', village: 'Desa', card: 'Nomor kartu tani', fertiliser: 'Pupuk', quantity: 'Ditebus (kg)',
    remaining: 'Sisa alokasi musim ini (kg)', note: 'Sisa alokasi dihitung saat bukti ini dibuka. Simpan bukti ini; kios menyimpan salinannya.',
  },
  en: {
    title: 'Subsidised fertiliser receipt', number: 'Receipt number', at: 'Date and time', kiosk: 'Kiosk', season: 'Season',
    farmer: 'Farmer', nik: 'NIK', village: 'Village', card: 'Farmer card number', fertiliser: 'Fertiliser', quantity: 'Redeemed (kg)',
    remaining: 'Left of this season\'s allocation (kg)', note: 'What is left is counted when this receipt is opened. Keep this receipt; the kiosk keeps a copy.',
  },
} as const;

/**
 * A redemption's receipt, as the farmer keeps it and the kiosk prints it: the kiosk, the number,
 * when, the farmer (NIK masked), what was handed out and what is left. Shared by the kiosk's
 * pages and the farmer's self-service.
 */
export function ReceiptView({ r, lang }: { r: Receipt; lang: Lang }) {
  const w = TEXT[lang];
  return (
    <section class="card receipt" aria-label={w.title}>
      <h2>{w.title}</h2>
      <p><strong>{r.kiosk}</strong><br />{r.kiosk_address}</p>
      <dl>
        <dt>{w.number}</dt><dd class="mono">{r.receipt_no}</dd>
        <dt>{w.at}</dt><dd>{formatDateTime(r.redeemed_at, lang)}</dd>
        <dt>{w.season}</dt><dd>{SEASON_LABEL[r.season as Season]?.[lang] ?? r.season} {r.year}</dd>
        <dt>{w.farmer}</dt><dd>{r.name}</dd>
        <dt>{w.nik}</dt><dd class="mono">{r.nik}</dd>
        <dt>{w.village}</dt><dd>{r.village}</dd>
        <dt>{w.card}</dt><dd class="mono">{groupedCardCode(r.card_code)}</dd>
      </dl>
      <DataTable aria-label={w.title}>
        <thead><tr><th>{w.fertiliser}</th><th class="num">{w.quantity}</th><th class="num">{w.remaining}</th></tr></thead>
        <tbody>
          {r.items.map((i) => (
            <tr><td>{i.name}</td><td class="num">{formatQuantity(i.quantity, lang)}</td><td class="num">{formatQuantity(i.remaining, lang)}</td></tr>
          ))}
        </tbody>
      </DataTable>
      <p class="muted">{w.note}</p>
    </section>
  );
}
