import PDFDocument from 'pdfkit';
import { ROLE_LABEL } from '../../platform/access/roles.js';
import { accessActionLabel } from '../../platform/audit/access-log.js';
import { formatDate, formatDateTime } from '../../platform/format/format.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { printable } from '../../platform/pdf/letter-pdf.js';
import type { SubjectData } from './subject-data.service.js';
import { words } from './words.js';

const ROMAN = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MARGIN = 50;

const when = (v: Date | string | null | undefined, lang: Lang) => (v ? formatDateTime(v, lang) : '—');
const day = (v: string | null | undefined, lang: Lang) => (v ? formatDate(v, lang) : '—');

/** The export as a document a person can read and keep: the same content as the JSON, in words. */
export function subjectDataPdf(data: SubjectData, lang: Lang): Promise<Buffer> {
  const w = words(lang);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, font: ROMAN, info: { Title: printable(`${w.pdfTitle} — ${data.resident.name}`), Producer: 'Balai' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    doc.moveDown(0.8).font(BOLD).fontSize(12).text(printable(text), MARGIN, doc.y, { width });
    doc.moveDown(0.3).font(ROMAN).fontSize(9.5);
  };
  const pair = (label: string, value: string) => {
    const y = doc.y;
    doc.font(ROMAN).fontSize(9.5).fillColor('#555').text(printable(label), MARGIN, y, { width: 170 });
    const after = doc.y;
    doc.fillColor('#000').text(printable(value || '—'), MARGIN + 180, y, { width: width - 180 });
    doc.y = Math.max(after, doc.y);
  };
  const line = (text: string, bold = false) => doc.font(bold ? BOLD : ROMAN).fontSize(9.5).fillColor('#000').text(printable(text), MARGIN, doc.y, { width });
  const none = (text: string) => doc.font(ROMAN).fontSize(9.5).fillColor('#555').text(printable(text), MARGIN, doc.y, { width }).fillColor('#000');

  doc.font(BOLD).fontSize(15).text(printable(w.pdfTitle), { width });
  doc.font(ROMAN).fontSize(10).moveDown(0.3);
  line(`${data.resident.name} · NIK ${data.resident.nik}`, true);
  line(`${w.controller}: ${data.controller.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${data.controller.village_name} (${data.controller.village_code})`);
  line(`${w.generated}: ${when(data.generated_at, lang)} · ${data.requested_by === 'self' ? w.bySelf : w.byOfficer}`);
  doc.moveDown(0.4);
  doc.fontSize(8.5).fillColor('#555').text(printable(w.pdfIntro), { width }).fillColor('#000');

  for (const group of data.readable) {
    heading(group.title);
    for (const f of group.fields) pair(f.label, f.value);
  }
  if (data.photo) pair(w.photo, w.photoKept);

  heading(w.family);
  if (!data.family) none(w.noFamily);
  else {
    pair(w.kk, data.family.kk_number);
    pair(w.address, [data.family.address, data.family.area].filter(Boolean).join(', '));
    for (const m of data.family.members) pair(m.relation || '—', `${m.name} · ${m.nik}${m.self ? ` (${w.you})` : ''}`);
  }

  heading(w.events);
  if (!data.events.length) none(w.none);
  for (const e of data.events) pair(day(e.date, lang), `${w.eventKind[e.kind as keyof typeof w.eventKind] ?? e.kind}${e.recorded_by ? ` — ${w.recordedBy} ${e.recorded_by}` : ''}`);

  heading(w.letters);
  if (!data.letters.length) none(w.none);
  for (const l of data.letters) {
    line(`${l.type}${l.number ? ` — ${l.number}` : ''}`, true);
    pair(w.status, `${w.letterStatus[l.status as keyof typeof w.letterStatus] ?? l.status}${l.revoked_at ? ` (${w.revoked})` : ''}`);
    pair(w.requested, when(l.requested_at, lang));
    for (const [k, v] of Object.entries(l.fields)) if (v) pair(k.replace(/_/g, ' '), String(v));
  }

  heading(w.corrections);
  if (!data.self_service.corrections.length) none(w.none);
  for (const c of data.self_service.corrections) pair(when(c.created_at, lang), `${c.field}: ${c.proposed} — ${w.correctionStatus[c.status as keyof typeof w.correctionStatus] ?? c.status}${c.answer ? ` (${c.answer})` : ''}`);

  heading(w.pin);
  const pin = data.self_service.pin;
  line(pin.issued ? `${w.pinIssued} ${when(pin.issued_at, lang)}; ${w.lastLogin}: ${when(pin.last_login_at, lang)}. ${w.pinHashNote}` : w.pinNone);

  heading(w.accessLog);
  if (!data.access_log.length) none(w.none);
  for (const a of data.access_log) {
    const who = a.actor === 'officer' ? `${a.name ?? '—'} (${a.role ? ROLE_LABEL[a.role][lang] : '—'})` : a.actor === 'self' ? w.self : a.actor === 'citizen' ? w.familyMember : w.system;
    pair(when(a.at, lang), `${who}: ${accessActionLabel(a.action, lang)}${a.purpose ? ` — ${a.purpose}` : ''}`);
  }

  heading(w.rightsTitle);
  doc.fontSize(9).text(printable(w.rights), { width });
  doc.end();
  return done;
}
