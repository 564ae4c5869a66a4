import type { AgentTxStatus } from '../../../platform/db/schema.js';

/** The words of the BUMDes's payment counter, Bahasa Indonesia first. */
export const AGENT_TEXT = {
  id: {
    title: 'Layanan pembayaran BUMDes', counter: 'Loket pembayaran', catalogue: 'Layanan yang dilayani', service: 'Layanan', reference: 'Nomor yang diminta',
    customerFee: 'Biaya admin', providerFee: 'Biaya penyedia', newTx: 'Layani pelanggan', customerRef: 'Nomor pelanggan (nomor polisi, ID pelanggan, nomor meter atau VA)',
    nominal: 'Nominal (hanya untuk token listrik prabayar)', inquire: 'Cek tagihan', today: 'Transaksi hari ini', none: 'Belum ada transaksi.', time: 'Jam', number: 'Nomor',
    total: 'Total', status: 'Status', open: 'Buka', closeDay: 'Tutup hari ini', closeHint: 'Setelah ditutup, hari ini tidak menerima transaksi lagi dan rekapnya tetap. Tutup setelah loket selesai dan uang sudah dihitung.',
    closedToday: 'Hari ini sudah ditutup: transaksi baru dapat dilayani besok.', report: 'Rekap harian', back: 'Kembali', market: 'Pasar Desa',
    testMode: 'Mode uji: tagihan dan pembayaran dibuat oleh penyedia tiruan, tidak ada uang yang berpindah. Bukti dari mode uji bukan bukti pembayaran yang sah.',
    notConnected: 'Layanan pembayaran belum tersambung ke penyedia. Hubungi pengelola server Balai.',
    receipt: 'Bukti pembayaran', receiptNo: 'Nomor transaksi', at: 'Tanggal dan jam', customer: 'Nama pelanggan', detail: 'Keterangan', bill: 'Tagihan',
    paidTotal: 'Total dibayar pelanggan', providerRef: 'Nomor referensi penyedia', officer: 'Petugas', provider: 'Penyedia', testProvider: 'penyedia uji (mode uji)',
    pay: 'Terima uang dan bayar', payHint: 'Terima uang dari pelanggan sebesar total di atas, lalu tekan tombol ini sekali. Bila penyedia tidak menjawab, transaksi dicatat gagal dan uang tidak ditarik dua kali.',
    check: 'Periksa status ke penyedia', checkHint: 'Penyedia belum memberi jawaban pasti. Periksa statusnya sebelum mencoba lagi; jangan terima uang dua kali.',
    retry: 'Coba bayar lagi', failed: 'Pembayaran gagal', failedHint: 'Penyedia tidak menerima pembayaran ini. Coba lagi, atau kembalikan uang pelanggan.',
    reverse: 'Batalkan pembayaran (reversal)', reverseHint: 'Hanya bila penyedia menyetujui pembatalan. Pembatalan dicatat sebagai transaksi baru pada hari ini; pembayaran asli tetap tercatat.',
    reason: 'Alasan', reversedBy: 'Dibatalkan oleh transaksi', reverses: 'Pembatalan atas transaksi', print: 'Cetak bukti ini lewat menu Cetak pada peramban, atau simpan tangkapan layarnya.',
    keep: 'Simpan bukti ini. BUMDes menyimpan salinannya.', notToday: 'Tagihan ini dicek pada hari lain: cek tagihan lagi sebelum membayar.',
    day: 'Tanggal', show: 'Tampilkan', payments: 'Pembayaran lunas', reversals: 'Pembatalan', amount: 'Jumlah tagihan', fees: 'Biaya admin diterima',
    providerFees: 'Biaya penyedia', owed: 'Disetor ke penyedia', margin: 'Pendapatan BUMDes (biaya admin dikurangi biaya penyedia)', cash: 'Uang diterima dari pelanggan',
    closedBy: 'Ditutup oleh', openDay: 'Hari ini belum ditutup: angka masih dapat bertambah.', excel: 'Unduh Excel', lines: 'Rincian transaksi', notCounted: 'Yang tidak lunas tidak dihitung.',
    reportLink: 'Rekap harian layanan pembayaran BUMDes',
    saved: 'Tersimpan.', paidOk: 'Pembayaran berhasil. Serahkan bukti ini kepada pelanggan.',
  },
  en: {
    title: 'BUMDes payment services', counter: 'Payment counter', catalogue: 'Services offered', service: 'Service', reference: 'Number asked for',
    customerFee: 'Service fee', providerFee: 'Provider fee', newTx: 'Serve a customer', customerRef: 'Customer number (plate, customer ID, meter or VA number)',
    nominal: 'Amount (prepaid electricity tokens only)', inquire: 'Check the bill', today: 'Today\'s transactions', none: 'No transactions yet.', time: 'Time', number: 'Number',
    total: 'Total', status: 'Status', open: 'Open', closeDay: 'Close today', closeHint: 'Once closed, today takes no more transactions and its settlement is fixed. Close when the counter is done and the cash counted.',
    closedToday: 'Today is closed: new transactions can be served tomorrow.', report: 'Daily settlement', back: 'Back', market: 'Village Market',
    testMode: 'Test mode: bills and payments come from a pretend provider, no money moves. A test-mode receipt is not proof of a real payment.',
    notConnected: 'Payment services are not connected to a provider. Contact whoever runs the Balai server.',
    receipt: 'Payment receipt', receiptNo: 'Transaction number', at: 'Date and time', customer: 'Customer name', detail: 'Details', bill: 'Bill',
    paidTotal: 'Total paid by the customer', providerRef: 'Provider reference', officer: 'Officer', provider: 'Provider', testProvider: 'test provider (test mode)',
    pay: 'Take the money and pay', payHint: 'Take the total above from the customer, then press this button once. If the provider does not answer, the transaction is recorded as failed and never charged twice.',
    check: 'Check the status with the provider', checkHint: 'The provider has not answered for sure. Check the status before trying again; never take the money twice.',
    retry: 'Try paying again', failed: 'Payment failed', failedHint: 'The provider did not take this payment. Try again, or give the customer\'s money back.',
    reverse: 'Reverse the payment', reverseHint: 'Only when the provider agrees to reverse it. The reversal is recorded as a new transaction today; the payment stays on record.',
    reason: 'Reason', reversedBy: 'Reversed by transaction', reverses: 'Reversal of transaction', print: 'Print this receipt from the browser\'s Print menu, or keep a screenshot.',
    keep: 'Keep this receipt. The BUMDes keeps a copy.', notToday: 'This bill was checked on another day: check it again before paying.',
    day: 'Date', show: 'Show', payments: 'Payments', reversals: 'Reversals', amount: 'Bills', fees: 'Service fees taken',
    providerFees: 'Provider fees', owed: 'Owed to the provider', margin: 'BUMDes income (service fees less provider fees)', cash: 'Cash taken from customers',
    closedBy: 'Closed by', openDay: 'Not closed yet: the figures may still grow.', excel: 'Download Excel', lines: 'Transactions', notCounted: 'Lines not paid are not counted.',
    reportLink: 'Daily settlement of BUMDes payment services',
    saved: 'Saved.', paidOk: 'Paid. Give this receipt to the customer.',
  },
} as const;
export type AgentWords = (typeof AGENT_TEXT)['id' | 'en'];

export const AGENT_STATUS: Record<AgentTxStatus, { id: string; en: string; tag: string }> = {
  inquired: { id: 'Tagihan dicek', en: 'Bill checked', tag: 'info' },
  pending: { id: 'Menunggu penyedia', en: 'Waiting for the provider', tag: 'warn' },
  paid: { id: 'Lunas', en: 'Paid', tag: 'ok' },
  failed: { id: 'Gagal', en: 'Failed', tag: 'warn' },
  reversed: { id: 'Pembatalan', en: 'Reversal', tag: 'muted' },
};
