import { z } from 'zod';
import { AppError } from '../../platform/http/errors.js';
import { zodIssueToError } from '../../platform/http/validation.js';
import type { Lang } from '../../platform/i18n/i18n.js';

/** What a citizen may ask to have corrected: the data printed on their KK and KTP, or something else. */
export const CORRECTION_FIELDS = [
  'nama', 'tempat_lahir', 'tanggal_lahir', 'jenis_kelamin', 'agama', 'pendidikan', 'pekerjaan', 'status_perkawinan', 'alamat', 'lainnya',
] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];

export const CORRECTION_FIELD_LABEL: Record<CorrectionField, Record<Lang, string>> = {
  nama: { id: 'Nama', en: 'Name' },
  tempat_lahir: { id: 'Tempat lahir', en: 'Place of birth' },
  tanggal_lahir: { id: 'Tanggal lahir', en: 'Date of birth' },
  jenis_kelamin: { id: 'Jenis kelamin', en: 'Sex' },
  agama: { id: 'Agama', en: 'Religion' },
  pendidikan: { id: 'Pendidikan', en: 'Education' },
  pekerjaan: { id: 'Pekerjaan', en: 'Occupation' },
  status_perkawinan: { id: 'Status perkawinan', en: 'Marital status' },
  alamat: { id: 'Alamat', en: 'Address' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export const correctionFieldLabel = (field: string, lang: Lang) => CORRECTION_FIELD_LABEL[field as CorrectionField]?.[lang] ?? field;

/** The names of the form fields as the forms show them, so a message says which one is wrong. */
export const INPUT_LABEL: Record<string, Record<Lang, string>> = {
  nik: { id: 'NIK', en: 'NIK' },
  pin: { id: 'PIN', en: 'PIN' },
  about_resident_id: { id: 'Data milik', en: 'Whose data' },
  field: { id: 'Data yang diperbaiki', en: 'Data to correct' },
  proposed: { id: 'Data yang benar', en: 'Correct data' },
  note: { id: 'Keterangan', en: 'Note' },
  outcome: { id: 'Hasil', en: 'Outcome' },
  answer: { id: 'Jawaban untuk warga', en: 'Answer to the citizen' },
  status: { id: 'Status', en: 'Status' },
};

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const id = z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : blank(v)), z.number().int().positive());

export const CorrectionRequestInput = z.object({
  about_resident_id: id,
  // a string first, so an empty choice says "required" rather than "unknown choice"
  field: z.string().trim().min(1).pipe(z.enum(CORRECTION_FIELDS)),
  proposed: z.string().trim().min(1).max(300),
  note: z.preprocess(blank, z.string().trim().max(500).optional()),
});
export type CorrectionRequestInput = z.infer<typeof CorrectionRequestInput>;

export const CORRECTION_STATUSES = ['open', 'done', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export const CloseCorrectionInput = z.object({
  outcome: z.string().trim().min(1).pipe(z.enum(['done', 'rejected'])),
  answer: z.preprocess(blank, z.string().trim().max(500).optional()),
});
export type CloseCorrectionInput = z.infer<typeof CloseCorrectionInput>;

/** Validates with a schema; the error names the field as the form labels it ("Data yang benar"), in the user's language. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, lang: Lang): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const err = zodIssueToError(r.error, lang);
  const label = err.field ? INPUT_LABEL[err.field]?.[lang] : undefined;
  throw label ? new AppError(err.status, err.code, err.key, { ...err.params, field: label }, err.field) : err;
}
