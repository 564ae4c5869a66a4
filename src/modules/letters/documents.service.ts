import ExcelJS from 'exceljs';
import { recordAudit } from '../../platform/audit/audit.js';
import { villageScope } from '../villages/index.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/connect.js';
import { formatDate, formatDateTime, todayInWib } from '../../platform/format/format.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { maskNik } from '../population/index.js';
import { verifyPdfSignature } from '../../platform/esign/verify.js';
import { configuredTrust } from './certified.js';
import { drawIssuedLetter } from './letter-pdf.js';
import { signedByLine, type IssuedLetter } from './issue.js';
import { STATUS_LABEL } from './letters.common.js';
import * as repo from './letters.repository.js';
import { citizenMayTake, listLetters, readableLetter, type Desk } from './requests.service.js';
import { settingsOf } from './settings.service.js';

export { verificationUrl } from './letter-pdf.js';

/**
 * The signed letter as PDF, drawn from the text frozen at signing. Officers of the village
 * may print it; the citizen may download their family's letters once ready, if the village
 * allows it. Every download is logged.
 */
export async function letterPdf(ctx: UseCaseContext, villageInput: string, id: number, baseUrl: string, desk: Desk = 'any') {
  const { village, letter, citizen } = await readableLetter(ctx, villageInput, id, desk);
  if (!letter.issued || !letter.verify_code) throw notFound('letters.not_found');
  if (citizen) {
    const settings = await settingsOf(ctx.db.kysely, village);
    if (!settings.citizen_download) throw new AppError(403, 'forbidden', 'letters.download_off');
    if (!(await citizenMayTake(ctx.db.kysely, village, letter))) throw notFound('letters.not_found');
  }
  // A letter with a certified signature is the very file that was signed: never drawn again.
  const signed = await repo.findSignature(ctx.db.kysely, village, id);
  const pdf = signed
    ? Buffer.from(signed.pdf)
    : await drawIssuedLetter(ctx.db.kysely, village, letter.issued as IssuedLetter, { baseUrl, code: letter.verify_code }, letter.signed_at ? new Date(letter.signed_at) : undefined);
  await recordAudit(ctx.db.kysely, ctx, { action: 'letter.download', villageCode: village, subject: `letter:${id}` });
  return { pdf, filename: `${letter.type_code}-${(letter.number ?? String(id)).replace(/[^0-9A-Za-z.-]+/g, '-')}.pdf` };
}

export type VerificationState = 'valid' | 'expired' | 'revoked';

/**
 * What anyone holding the letter (or its QR code) may learn: genuine or not, and its state,
 * with the holder's name and a masked NIK — never more personal data than that.
 */
export async function verifyLetter(db: Db, code: string) {
  if (!/^[A-Za-z0-9_-]{12}$/.test(code)) return null;
  const row = await repo.findLetterByVerifyCode(db.kysely, code);
  if (!row || !row.number) return null;
  const issued = row.issued as IssuedLetter | null;
  const esign = await certifiedSignatureOf(db, row.village_code, row.id);
  const today = todayInWib();
  const state: VerificationState = row.revoked_at ? 'revoked' : row.valid_until && row.valid_until < today ? 'expired' : 'valid';
  return {
    state,
    type: row.type_title,
    number: row.number,
    signedOn: row.signed_at ? formatDate(row.signed_at) : null,
    validUntil: row.valid_until ? formatDate(row.valid_until) : null,
    village: issued?.letterhead.village ?? row.village_name,
    district: issued?.letterhead.district ?? '',
    regency: issued?.letterhead.regency.replace(/^PEMERINTAH /, '') ?? '',
    holder: issued?.holder.name ?? '',
    holderNik: issued?.holder.maskedNik ?? '',
    revokedOn: row.revoked_at ? formatDate(row.revoked_at) : null,
    revokeReason: row.revoke_reason,
    signer: issued ? { mode: issued.signature.mode, title: issued.signature.signerTitle, name: issued.signature.signerName, line: signedByLine(issued.signature) } : null,
    esign,
  };
}

/**
 * The certified signature of a letter, checked now on the kept PDF (platform/esign/verify.ts,
 * about a millisecond): valid or not and why, whose certificate, when, and which provider;
 * apart from that, whether its certificate chains to the server's trust list, and to whom.
 * A kept file changed by a single byte shows as not valid.
 */
async function certifiedSignatureOf(db: Db, village: string, letterId: number) {
  const kept = await repo.findSignature(db.kysely, village, letterId);
  if (!kept) return null;
  const check = verifyPdfSignature(kept.pdf, { signatureSha256: kept.signature_sha256, trust: configuredTrust() });
  return {
    valid: check.valid,
    trusted: check.trusted,
    trustAnchor: check.trustAnchor ?? null,
    problem: check.problem ?? null,
    provider: kept.provider,
    certified: kept.provider !== 'uji',
    signerName: check.signerName ?? null,
    signerTitle: check.signerTitle ?? null,
    issuerName: check.issuerName ?? null,
    signedAt: check.signedAt ?? kept.signed_at,
  };
}

/** The archive (buku agenda surat keluar) as an Excel workbook; the export is logged. */
export async function exportArchive(ctx: UseCaseContext, villageInput: string, input: Record<string, unknown>) {
  const { village, rows } = await listLetters(ctx, villageInput, { ...input, status: input.status ?? 'issued', page: 1 }, 100_000);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Balai';
  const ws = wb.addWorksheet('Surat Keluar');
  ws.columns = [
    { header: 'No.', key: 'no', width: 6 },
    { header: 'Nomor Surat', key: 'number', width: 30 },
    { header: 'Tanggal', key: 'signed', width: 18 },
    { header: 'Jenis Surat', key: 'type', width: 36 },
    { header: 'Nama', key: 'name', width: 28 },
    { header: 'NIK', key: 'nik', width: 20 },
    { header: 'Status', key: 'status', width: 16 },
    { header: 'Berlaku Sampai', key: 'valid', width: 18 },
    { header: 'Dicabut', key: 'revoked', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) =>
    ws.addRow({
      no: i + 1, number: r.number ?? '', signed: r.signed_at ? formatDate(r.signed_at) : '', type: r.type_title, name: r.resident_name,
      nik: r.resident_nik ?? '', status: STATUS_LABEL[r.status].id, valid: r.valid_until ? formatDate(r.valid_until) : '',
      revoked: r.revoked_at ? formatDateTime(r.revoked_at) : '',
    }),
  );
  ws.getColumn('nik').numFmt = '@';
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await recordAudit(ctx.db.kysely, ctx, { action: 'letter.export', villageCode: village, detail: { rows: rows.length, purpose: 'buku agenda surat keluar' } });
  return { buffer, filename: `surat-keluar-${village.replace(/\./g, '')}-${todayInWib()}.xlsx` };
}

/** Letters per type and day, and the median time from request to ready: no personal data. */
export async function letterFigures(ctx: UseCaseContext, villageInput: string, from: string, to: string) {
  const village = await villageScope(ctx, villageInput, 'letters.statistics');
  const db = ctx.db.kysely;
  const [days, median] = await Promise.all([repo.dailyFigures(db, village, from, to), repo.medianHoursToReady(db, village, from, to)]);
  const byType = new Map<string, { type_code: string; requested: number; issued: number; ready: number; rejected: number; online: number }>();
  const byDay = new Map<string, { day: string; requested: number; issued: number }>();
  for (const d of days) {
    const t = byType.get(d.type_code) ?? { type_code: d.type_code, requested: 0, issued: 0, ready: 0, rejected: 0, online: 0 };
    t.requested += d.requested; t.issued += d.issued; t.ready += d.ready; t.rejected += d.rejected; t.online += d.requested_online;
    byType.set(d.type_code, t);
    const day = byDay.get(d.day) ?? { day: d.day, requested: 0, issued: 0 };
    day.requested += d.requested; day.issued += d.issued;
    byDay.set(d.day, day);
  }
  const readyCount = days.reduce((s, d) => s + d.ready, 0);
  const readySeconds = days.reduce((s, d) => s + Number(d.ready_seconds), 0);
  return {
    village, from, to,
    byType: [...byType.values()].sort((a, b) => b.issued - a.issued || a.type_code.localeCompare(b.type_code)),
    byDay: [...byDay.values()],
    medianHoursToReady: median?.median === null || median?.median === undefined ? null : Number(median.median),
    meanHoursToReady: readyCount ? readySeconds / readyCount / 3600 : null,
  };
}

