import { formatDate, formatNumber, formatRupiah } from '../../../platform/format/format.js';
import { besideModule } from '../../../platform/paths.js';
import type { getMeeting } from '../deliberation.service.js';
import { MEETING_LABEL } from '../deliberation.service.js';
import type { MeetingList } from '../deliberation.service.js';
import type { MinutesInput } from './minutes-pdf.js';

/** The worker thread that draws it (minutes-pdf-worker.ts, or .js in the build). */
export const MINUTES_PDF_WORKER = besideModule('./minutes-pdf-worker', import.meta.url);

const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/**
 * A closed meeting worded for its berita acara (Bahasa Indonesia: the official record is
 * written in it whatever language the officer reads). Signed by the officials who hold the
 * positions now: the village head and, as the minute-taker, the village secretary.
 */
export function minutesInput(
  view: Awaited<ReturnType<typeof getMeeting>>,
  regions: { regency: string; district: string; village: string },
  signers: { head: { name: string; title: string } | null; secretary: { name: string; title: string } | null },
  list: MeetingList | null = null,
): MinutesInput {
  const m = view.meeting;
  const day = DAYS[new Date(`${m.held_on}T00:00:00Z`).getUTCDay()]!;
  const men = view.attendees.filter((a) => a.sex === 1).length;
  const ranked = view.proposals.filter((p) => p.meetingRank !== null).sort((a, b) => a.meetingRank! - b.meetingRank!);
  const paragraphs = (text: string | null) => (text ?? '—').split('\n').filter((l) => l.trim() !== '');
  return {
    letterhead: [`PEMERINTAH ${regions.regency.toUpperCase()}`, `${regions.district.toUpperCase()}`, `${regions.village.toUpperCase()}`],
    title: 'BERITA ACARA',
    subtitle: `${MEETING_LABEL[m.kind].id}: ${m.title}`,
    opening: `Pada hari ini ${day} tanggal ${formatDate(m.held_on)}, bertempat di ${m.place}, telah dilaksanakan ${MEETING_LABEL[m.kind].id} `
      + `${list ? list.purpose : `untuk menyusun RKPDes tahun ${m.year}`}, dihadiri ${formatNumber(view.attendees.length)} orang (${formatNumber(men)} laki-laki, `
      + `${formatNumber(view.attendees.length - men)} perempuan) sebagaimana daftar hadir terlampir.`,
    sections: [
      { heading: 'Agenda', paragraphs: paragraphs(m.agenda) },
      { heading: 'Jalannya musyawarah dan kesepakatan', paragraphs: paragraphs(m.minutes) },
    ],
    priority: list ? { heading: list.heading, columns: list.columns, rows: list.rows, widths: list.widths } : ranked.length === 0 ? null : {
      heading: `Daftar prioritas usulan kegiatan yang disepakati (${formatNumber(ranked.length)} usulan)`,
      columns: ['No.', 'Usulan dan lokasi', 'Pengusul', 'Perkiraan biaya', 'Skor'],
      rows: ranked.map((p) => [String(p.meetingRank), `${p.description} — ${p.location}`, p.proposer, p.cost === null ? '—' : formatRupiah(p.cost), formatNumber(p.score ?? 0)]),
    },
    signatures: [
      { title: `${signers.secretary?.title ?? 'Sekretaris Desa'},\nselaku notulen`, name: signers.secretary?.name ?? '' },
      { title: signers.head?.title ?? 'Kepala Desa', name: signers.head?.name ?? '' },
    ],
    placeDate: `${regions.village.replace(/^(Desa|Kelurahan) /, '')}, ${formatDate(m.held_on)}`,
    attendance: {
      heading: `DAFTAR HADIR ${m.title.toUpperCase()}`,
      columns: ['No.', 'Nama', 'NIK', 'Hadir sebagai', 'Tanda tangan'],
      rows: view.attendees.map((a, i) => [String(i + 1), a.name, a.nik, a.role, '']),
    },
  };
}
