import { z } from '@hono/zod-openapi';
import { CODE_LISTS, FIELD_CODE_LIST, isValidCode, type CodeListName } from './codes.js';
import { REPORTER_RELATIONS } from './reporter.js';

/** Empty form fields are "not given", not "". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().max(max).nullable().optional());
const date = z.preprocess(blank, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => !Number.isNaN(Date.parse(s)), { params: { key: 'validation.format' } }).nullable().optional());
const digits16 = z.preprocess(blank, z.string().trim().regex(/^\d{16}$/).nullable().optional());

/** A code from one of the official lists; the message names the field. */
const code = (list: CodeListName) =>
  z.preprocess(
    (v) => (blank(v) === null ? null : typeof v === 'string' ? Number(v) : v),
    z
      .number()
      .int()
      .refine((n) => isValidCode(list, n), { params: { key: 'validation.choice' } })
      .nullable()
      .optional(),
  );
const requiredCode = (list: CodeListName) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int().refine((n) => isValidCode(list, n), { params: { key: 'validation.choice' } }));

export const ResidentFields = z.object({
  nik: z.preprocess(blank, z.string().trim().max(16).nullable().optional()).openapi({ description: '16 digits; empty with temporary_nik=true for a resident who has none yet', example: '1809104512900001' }),
  temporary_nik: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).optional(),
  name: z.string().trim().min(1).max(150),
  sex: requiredCode('sex'),
  birth_place: text(80),
  birth_date: date,
  religion: requiredCode('religion'),
  education_kk: code('educationOnFamilyCard'),
  education_current: code('educationInProgress'),
  occupation: code('occupation'),
  marital_status: code('maritalStatus'),
  family_relation: code('familyRelation'),
  citizenship: code('citizenship'),
  passport_number: text(30),
  passport_expiry: date,
  kitas_number: text(30),
  father_nik: digits16,
  father_name: text(150),
  mother_nik: digits16,
  mother_name: text(150),
  blood_type: code('bloodType'),
  disability: code('disability'),
  chronic_illness: code('chronicIllness'),
  contraception: code('contraception'),
  pregnant: code('pregnant'),
  insurance_type: code('healthInsurance'),
  insurance_number: text(30),
  ektp: code('electronicIdCard'),
  ektp_recording: code('idCardRecording'),
  ektp_tag: text(40),
  birth_certificate: text(40),
  marriage_certificate: text(40),
  marriage_date: date,
  divorce_certificate: text(40),
  divorce_date: date,
  phone: z.preprocess(blank, z.string().trim().regex(/^[+\d][\d\s-]{5,19}$/).nullable().optional()),
  email: z.preprocess(blank, z.email().max(120).nullable().optional()),
  ethnicity: text(60),
  area_id: z.preprocess((v) => (blank(v) === null ? null : typeof v === 'string' ? Number(v) : v), z.number().int().positive().nullable().optional()),
  address: text(300),
  current_address: text(300),
  previous_address: text(300),
});
export type ResidentFields = z.infer<typeof ResidentFields>;

/** Registering a resident: into an existing family, or with a new family card. */
export const NewResidentInput = ResidentFields.extend({
  family_id: z.preprocess((v) => (blank(v) === null ? null : typeof v === 'string' ? Number(v) : v), z.number().int().positive().nullable().optional()),
  kk_number: digits16.openapi({ description: 'a new family card, when family_id is not given' }),
  idempotency_key: text(100),
}).openapi('NewResident');
export type NewResidentInput = z.infer<typeof NewResidentInput>;

export const CorrectionInput = ResidentFields.partial().extend({
  reason: z.string().trim().min(3).max(300).openapi({ description: 'why the data is corrected (kept with the old value)' }),
  base: z.record(z.string(), z.string()).optional().openapi({
    description: 'each field as it was when the form was opened (text form, empty for none): a field left as it was is not written, and one changed meanwhile by someone else is a conflict (409)',
  }),
  resolved: z.record(z.string(), z.object({ theirs: z.string(), mine: z.string() })).optional().openapi({
    description: 'a conflict settled by the officer: both values, kept in the resident\'s history whichever was chosen',
  }),
  idempotency_key: text(100),
}).openapi('ResidentCorrection');
export type CorrectionInput = z.infer<typeof CorrectionInput>;

const optionalId = z.preprocess((v) => (blank(v) === null ? null : typeof v === 'string' ? Number(v) : v), z.number().int().positive().nullable().optional());

export const DeathInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  place: text(120),
  cause: text(200),
  reporter_name: text(150),
  reporter_relation: z.preprocess(blank, z.enum(REPORTER_RELATIONS).nullable().optional()).openapi({ description: 'the same list as the birth and death letters' }),
  new_head_id: optionalId.openapi({ description: 'when the deceased headed a family with members: who heads it now (changed in the same transaction)' }),
  idempotency_key: text(100),
}).openapi('DeathInput');
export type DeathInput = z.infer<typeof DeathInput>;

/** A newborn into a family: parents chosen among its members (left out: the head and spouse; null: none). */
export const BirthInput = NewResidentInput.extend({
  family_id: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number().int().positive()),
  birth_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  father_id: optionalId,
  mother_id: optionalId,
}).openapi('BirthInput');
export type BirthInput = z.infer<typeof BirthInput>;

export const MOVE_CLASSIFICATIONS = ['village', 'district', 'regency', 'province'] as const;
export const MoveOutInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  destination: z.string().trim().min(3).max(300),
  classification: z.enum(MOVE_CLASSIFICATIONS).openapi({ description: 'how far: out of the village, district, regency or province' }),
  reason: text(200),
  idempotency_key: text(100),
}).openapi('MoveOutInput');

export const SimpleEventInput = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  note: text(300),
  idempotency_key: text(100),
}).openapi('PopulationEventInput');

export const SplitFamilyInput = z.object({
  member_ids: z.array(z.number().int().positive()).min(1),
  new_head_id: z.number().int().positive(),
  kk_number: z.string().regex(/^\d{16}$/),
  address: text(300),
  reason: text(300),
}).openapi('SplitFamilyInput');

export const ChangeHeadInput = z.object({
  new_head_id: z.number().int().positive(),
  old_head_relation: requiredCode('familyRelation'),
  reason: text(300),
}).openapi('ChangeHeadInput');

export const MoveMemberInput = z.object({
  resident_id: z.number().int().positive(),
  family_relation: requiredCode('familyRelation'),
  reason: text(300),
}).openapi('MoveMemberInput');

export const ListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  area_id: z.coerce.number().int().positive().optional(),
  sex: z.coerce.number().int().min(1).max(2).optional(),
  age_min: z.coerce.number().int().min(0).max(150).optional(),
  age_max: z.coerce.number().int().min(0).max(150).optional(),
  life_status: z.coerce.number().int().optional(),
  field: z.enum(Object.keys(FIELD_CODE_LIST) as [string, ...string[]]).optional(),
  value: z.coerce.number().int().optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  per_page: z.coerce.number().int().min(10).max(200).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export { CODE_LISTS };
