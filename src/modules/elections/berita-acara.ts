import { A4, A4_INNER, mm, startA4Record } from '../../platform/pdf/a4-record.js';
import { formatDate, formatNumber, formatPercent } from '../../platform/format/format.js';
import { besideModule } from '../../platform/paths.js';
import type { ElectionCount, StationCount, WinnerDecision } from './count.service.js';

/**
 * The record of a TPS's voting and count (Berita Acara Pemungutan dan Penghitungan Suara), and
 * the committee's record of the total over every TPS: the letterhead, what was held where and
 * when, the DPT and the voters, the votes per candidate, the fingerprint of the TPS's signed
 * chain, and blank signature blocks for the committee and the candidates' witnesses — signed by
 * hand, each official in their own name and position. Written in Bahasa Indonesia whatever the
 * reader's language (it is the official record). Drawn in a worker thread (berita-acara-worker.ts).
 */
export const BERITA_ACARA_WORKER = besideModule('./berita-acara-worker', import.meta.url);

export interface BeritaAcaraInput {
  letterhead: string[];
  title: string;
  subtitle: string;
  opening: string;
  /** [label, value] rows: DPT, voters, turnout… */
  figures: [string, string][];
  /** The votes: header and rows, the last row the total. */
  votes: { columns: string[]; rows: string[][]; widths: number[] };
  /** Paragraphs after the table: the winner, the fingerprint, how to check it. */
  closing: string[];
  placeDate: string;
  signatures: { title: string; name: string }[];
}

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const dayName = (day: string) => DAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]!;

export interface RecordContext {
  /** regionTrail in Bahasa Indonesia: ['Provinsi Lampung', 'Kabupaten Pesawaran', 'Kecamatan Teluk Pandan', 'Desa Hanura']. */
  trail: string[];
  /** The committee's accounts of the village: their names and positions where recorded. */
  committee: { name: string; position: string | null }[];
  /** Where the public results page is, to check the signatures. */
  resultsUrl: string;
}

const fingerprint = (s: StationCount) =>
  `TPS ${s.number}: sidik rantai suara ${(s.head ?? '').slice(0, 16)} · tanda tangan digital ${s.signature === 'valid' ? 'sah' : 'tidak sah'}`
  + `${s.chain === 'intact' ? '' : ' · rantai suara tidak utuh, periksa bersama saksi'}`;

/** The committee's blocks: the chair (by the position recorded on the account), the members, a witness per candidate. */
function signatureBlocks(count: ElectionCount, committee: RecordContext['committee']) {
  const isChair = (p: string | null) => (p ?? '').toLowerCase().includes('ketua');
  const chair = committee.find((m) => isChair(m.position));
  const members = committee.filter((m) => m !== chair);
  const blocks: { title: string; name: string }[] = [{ title: 'Ketua Panitia', name: chair?.name ?? '' }];
  for (const m of members.length ? members : [{ name: '', position: null }, { name: '', position: null }]) blocks.push({ title: 'Anggota', name: m.name });
  for (const c of count.candidates) blocks.push({ title: `Saksi calon nomor ${c.number}`, name: '' });
  return blocks;
}

export function winnerSentence(w: WinnerDecision): string | null {
  switch (w.kind) {
    case 'none': return null;
    case 'most': return `Calon dengan suara terbanyak: nomor urut ${w.candidate.number}, ${w.candidate.name}.`;
    case 'tie_largest_tps':
      return `Perolehan suara terbanyak sama (${w.tied.map((c) => `nomor ${c.number}`).join(' dan ')}). Sesuai peraturan, yang terpilih adalah calon dengan suara terbanyak `
        + `di TPS dengan pemilih terdaftar terbanyak (TPS ${w.station}): nomor urut ${w.candidate.number}, ${w.candidate.name}.`;
    case 'undecided':
      return `Perolehan suara terbanyak sama (${w.tied.map((c) => `nomor ${c.number}`).join(' dan ')}) `
        + `${w.reason === 'tps_size_tie' ? 'dan ada lebih dari satu TPS dengan pemilih terdaftar terbanyak' : `dan sama pula di TPS dengan pemilih terdaftar terbanyak (TPS ${w.station})`}: `
        + 'seri — diputuskan panitia sesuai peraturan (undian atau pemungutan suara ulang).';
  }
}

/** The record of one closed TPS. */
export function stationRecord(count: ElectionCount, s: StationCount, ctx: RecordContext): BeritaAcaraInput {
  const [, regency = '', district = '', village = count.village.name] = ctx.trail;
  const day = count.election.votingDay;
  const total = s.cast;
  return {
    letterhead: [`PANITIA PEMILIHAN KEPALA DESA ${village.replace(/^Desa /, '').toUpperCase()}`, `${district.toUpperCase()} ${regency.toUpperCase()}`.trim()],
    title: 'BERITA ACARA PEMUNGUTAN DAN PENGHITUNGAN SUARA',
    subtitle: `${count.election.title} · TPS ${s.number} (${s.place})`,
    opening: `Pada hari ini ${dayName(day)} tanggal ${formatDate(day)}, di TPS ${s.number} bertempat di ${s.place}, ${village}, telah dilaksanakan pemungutan `
      + `dan penghitungan suara ${count.election.title} secara elektronik (e-voting), berdasarkan ${count.election.committeeDecree}, dengan hasil sebagai berikut:`,
    figures: [
      ['Jumlah pemilih dalam DPT', formatNumber(s.registered)],
      ['Jumlah pemilih yang menggunakan hak pilih', formatNumber(s.voted)],
      ['Partisipasi pemilih', formatPercent(s.voted, s.registered)],
      ['Jumlah suara dalam kotak suara elektronik', formatNumber(total)],
    ],
    votes: {
      columns: ['No. urut', 'Nama calon', 'Perolehan suara', 'Persentase'],
      rows: [
        ...count.candidates.map((c) => [String(c.number), c.name, formatNumber(s.votes[String(c.id)] ?? 0), formatPercent(s.votes[String(c.id)] ?? 0, total)]),
        ['', 'Jumlah', formatNumber(total), total ? '100,0%' : '0,0%'],
      ],
      widths: [20, 0, 35, 30],
    },
    closing: [
      `Tanda tangan digital: ${fingerprint(s)}. Sidik lengkap, tanda tangan dan kunci publik pemilihan dapat diperiksa siapa saja di ${ctx.resultsUrl}.`,
      'Berita acara ini dibuat dengan sebenarnya dan ditandatangani oleh panitia serta saksi calon yang hadir.',
    ],
    placeDate: `${village.replace(/^Desa /, '')}, ${formatDate(day)}`,
    signatures: signatureBlocks(count, ctx.committee),
  };
}

/** The committee's record of the total: every TPS, the votes per candidate, the winner by the regulation's rule. */
export function totalRecord(count: ElectionCount, ctx: RecordContext): BeritaAcaraInput {
  const [, regency = '', district = '', village = count.village.name] = ctx.trail;
  const day = count.election.votingDay;
  const t = count.totals;
  const winner = winnerSentence(count.winner);
  const perCandidate = (votes: Record<string, number>) => count.candidates.map((c) => formatNumber(votes[String(c.id)] ?? 0));
  return {
    letterhead: [`PANITIA PEMILIHAN KEPALA DESA ${village.replace(/^Desa /, '').toUpperCase()}`, `${district.toUpperCase()} ${regency.toUpperCase()}`.trim()],
    title: 'BERITA ACARA PEMUNGUTAN DAN PENGHITUNGAN SUARA',
    subtitle: `${count.election.title} · Rekapitulasi seluruh TPS`,
    opening: `Pada hari ini ${dayName(day)} tanggal ${formatDate(day)}, panitia pemilihan ${village} berdasarkan ${count.election.committeeDecree} telah merekapitulasi `
      + `hasil penghitungan suara ${count.election.title} di ${formatNumber(t.stations)} TPS, dengan hasil sebagai berikut:`,
    figures: [
      ['Jumlah pemilih dalam DPT', formatNumber(t.registered)],
      ['Jumlah pemilih yang menggunakan hak pilih', formatNumber(t.voted)],
      ['Partisipasi pemilih', formatPercent(t.voted, t.registered)],
      ['Jumlah suara', formatNumber(t.cast)],
      ...count.candidates.map((c): [string, string] => [`Calon nomor ${c.number}, ${c.name}`, `${formatNumber(t.votes[String(c.id)] ?? 0)} suara (${formatPercent(t.votes[String(c.id)] ?? 0, t.cast)})`]),
    ],
    votes: {
      columns: ['TPS', 'DPT', 'Hadir', ...count.candidates.map((c) => `Calon ${c.number}`), 'Jumlah'],
      rows: [
        ...count.stations.map((s) => [String(s.number), formatNumber(s.registered), formatNumber(s.voted), ...perCandidate(s.votes), formatNumber(s.cast)]),
        ['Jumlah', formatNumber(t.registered), formatNumber(t.voted), ...perCandidate(t.votes), formatNumber(t.cast)],
      ],
      widths: [0, ...Array.from({ length: count.candidates.length + 3 }, () => 0)],
    },
    closing: [
      ...(winner ? [winner] : []),
      ...count.stations.map((s) => `${fingerprint(s)}.`),
      `Sidik lengkap, tanda tangan dan kunci publik pemilihan dapat diperiksa siapa saja di ${ctx.resultsUrl}.`,
      'Berita acara ini dibuat dengan sebenarnya dan ditandatangani oleh panitia serta saksi calon yang hadir.',
    ],
    placeDate: `${village.replace(/^Desa /, '')}, ${formatDate(day)}`,
    signatures: signatureBlocks(count, ctx.committee),
  };
}

const [WIDTH, MARGIN, INNER] = [A4.width, A4.margin, A4_INNER];

/** Draws the record on A4. Pure: everything comes in worded. */
export function renderBeritaAcara(input: BeritaAcaraInput): Promise<Uint8Array> {
  const { doc, done, bottom } = startA4Record(input);
  doc.moveDown(0.5);

  // The figures as "label : value".
  for (const [label, value] of input.figures) {
    const y = doc.y;
    doc.font('Helvetica').text(label, MARGIN, y, { width: INNER * 0.6 });
    const after = doc.y;
    doc.text(`: ${value}`, MARGIN + INNER * 0.6, y, { width: INNER * 0.4 });
    doc.x = MARGIN;
    doc.y = Math.max(after, doc.y);
  }
  doc.moveDown(0.6);

  // The votes' table: a width of 0 shares what the fixed columns leave.
  const fixed = input.votes.widths.reduce((a, w) => a + mm(w), 0);
  const flexible = input.votes.widths.filter((w) => w === 0).length;
  const widths = input.votes.widths.map((w) => (w === 0 ? (INNER - fixed) / Math.max(1, flexible) : mm(w)));
  const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const h = Math.max(16, ...cells.map((v, i) => doc.heightOfString(v, { width: widths[i]! - 6 }) + 6));
    if (doc.y + h > bottom) doc.addPage();
    const y = doc.y;
    cells.forEach((v, i) => doc.text(v, xs[i]! + 3, y + 3, { width: widths[i]! - 6, align: i === 0 || (i === 1 && widths.length === 4) ? 'left' : 'right' }));
    doc.lineWidth(0.4).rect(MARGIN, y, INNER, h).stroke();
    for (const x of xs.slice(1)) doc.moveTo(x, y).lineTo(x, y + h).stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  row(input.votes.columns, true);
  input.votes.rows.forEach((r, i) => row(r, i === input.votes.rows.length - 1));

  doc.moveDown(0.8).font('Helvetica').fontSize(9);
  for (const p of input.closing) {
    doc.text(p, MARGIN, doc.y, { width: INNER, align: 'justify' });
    doc.moveDown(0.3);
  }

  // Signature blocks, three a row; each kept whole on its page. A name where it is known,
  // otherwise a line to write it on: every official signs in their own name.
  const perRow = 3;
  const colW = INNER / perRow;
  const blockH = mm(34);
  doc.fontSize(10);
  if (doc.y + mm(10) + blockH > bottom) doc.addPage();
  doc.moveDown(0.8).text(input.placeDate, MARGIN, doc.y, { width: INNER, align: 'right' });
  doc.moveDown(0.6);
  for (let i = 0; i < input.signatures.length; i += perRow) {
    if (doc.y + blockH > bottom) doc.addPage();
    const top = doc.y;
    input.signatures.slice(i, i + perRow).forEach((sig, j) => {
      const x = MARGIN + j * colW;
      doc.font('Helvetica').text(sig.title, x, top, { width: colW, align: 'center' });
      const line = top + mm(22);
      doc.lineWidth(0.5).moveTo(x + mm(6), line).lineTo(x + colW - mm(6), line).stroke();
      doc.font(sig.name ? 'Helvetica-Bold' : 'Helvetica').text(sig.name || '(nama dan tanda tangan)', x, line + 3, { width: colW, align: 'center' });
    });
    doc.x = MARGIN;
    doc.y = top + blockH;
  }
  doc.end();
  return done;
}
