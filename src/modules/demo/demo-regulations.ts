import PDFDocument from 'pdfkit';
import type { UseCaseContext } from '../../platform/context.js';
import { recordRegulation } from '../regulations/index.js';

/** A one-page PDF standing for a signed regulation (the office uploads the real scan). */
async function tinyPdf(title: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: title, Creator: 'Balai (demo)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(14).text(title.toUpperCase(), { align: 'center' });
  doc.moveDown().fontSize(10).text('Contoh berkas untuk demo Balai. Kantor desa mengunggah pindaian peraturan yang ditandatangani.');
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The demo village's regulations and decisions, so the register and its three books have
 * something to show: the year's APBDes (a Perdes agreed with the BPD, reported and promulgated,
 * with its PDF), the head's regulation setting out its detail (in the Berita Desa), and the
 * head's decision naming the activity team. Dated in the weeks before today.
 */
export async function seedDemoRegulations(office: UseCaseContext, village: string, today: string) {
  const day = (back: number) => new Date(Date.parse(`${today}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
  const year = Number(day(40).slice(0, 4));
  await recordRegulation(office, village, {
    kind: 'perdes', reg_number: '1', set_on: day(40), tentang: `Anggaran Pendapatan dan Belanja Desa Tahun Anggaran ${year}`,
    summary: 'Pendapatan, belanja dan pembiayaan desa setahun, disepakati bersama BPD dalam musyawarah.', bpd_agreed_on: day(42),
    report_no: `141/03/HNR/${year}`, reported_on: day(38), promulgated_on: day(40), gazette_no: '1',
  }, await tinyPdf(`Peraturan Desa Hanura Nomor 1 Tahun ${year}`), today);
  await recordRegulation(office, village, {
    kind: 'perkades', reg_number: '1', set_on: day(39), tentang: `Penjabaran Anggaran Pendapatan dan Belanja Desa Tahun Anggaran ${year}`,
    summary: 'Rincian APBDes per kegiatan untuk pelaksanaan.', promulgated_on: day(39), gazette_no: '1',
  }, null, today);
  await recordRegulation(office, village, {
    kind: 'kepkades', reg_number: '5', set_on: day(30), tentang: 'Pembentukan Tim Pelaksana Kegiatan (TPK) Pembangunan Desa',
    summary: 'Ketua, sekretaris dan anggota TPK dari unsur perangkat desa dan LKD.', report_no: `141/07/HNR/${year}`, reported_on: day(28),
  }, null, today);
}
