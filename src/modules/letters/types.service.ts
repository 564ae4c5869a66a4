import { z } from 'zod';
import { villageScope } from '../villages/index.js';
import { userIdOf } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database, LetterRule } from '../../platform/db/schema.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { zodIssueToError } from '../../platform/http/validation.js';
import type { Kysely, Transaction } from 'kysely';
import { BUILT_IN_LETTER_TYPES, builtInLetterType, type LetterField, type LetterType } from './catalogue.js';
import { LetterFieldSchema, parseFieldLines } from './fields.js';
import * as repo from './letters.repository.js';
import { checkTemplate, renderTemplate } from './template.js';

type Q = Kysely<Database> | Transaction<Database>;
type Row = Awaited<ReturnType<typeof repo.villageLetterTypes>>[number];

const fromRow = (r: Row): LetterType => ({
  code: r.code,
  title: r.title,
  classification: r.classification,
  template: r.template,
  fields: z.array(LetterFieldSchema).catch([]).parse(r.fields) as LetterField[],
  requirements: Array.isArray(r.requirements) ? r.requirements.map(String) : [],
  validityDays: r.validity_days,
  online: r.online,
  rule: r.rule,
  active: r.active,
  builtIn: Boolean(builtInLetterType(r.code)),
  certified: r.certified_signature,
});

/** The village's letter types: the built-in catalogue with the village's changes, then its own types. */
export async function villageTypes(db: Q, village: string): Promise<LetterType[]> {
  const own = new Map((await repo.villageLetterTypes(db, village)).map((r) => [r.code, fromRow(r)]));
  const merged = BUILT_IN_LETTER_TYPES.map((t) => own.get(t.code) ?? t);
  const extra = [...own.values()].filter((t) => !builtInLetterType(t.code)).sort((a, b) => a.title.localeCompare(b.title));
  return [...merged, ...extra];
}

export async function findType(db: Q, village: string, code: string): Promise<LetterType> {
  const row = await repo.findVillageLetterType(db, village, code);
  const type = row ? fromRow(row) : builtInLetterType(code);
  if (!type) throw notFound('letters.type_not_found', { code });
  return type;
}

/** Letter types as an officer manages them (all, active or not). */
export async function listLetterTypes(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'letters.read');
  return { village, types: await villageTypes(ctx.db.kysely, village) };
}

export const LetterTypeInput = z.object({
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_]{1,39}$/),
  title: z.string().trim().min(3).max(120),
  classification: z.string().trim().regex(/^[0-9]{3}(\.[0-9]{1,3}){0,3}$/),
  template: z.string().max(8000),
  /** One field a line (see parseFieldLines), or the fields themselves from the JSON API. */
  fields: z.union([z.string().max(4000), z.array(LetterFieldSchema).max(20)]),
  requirements: z.union([z.string().max(2000), z.array(z.string().trim().min(1).max(200)).max(20)]),
  validity_days: z.coerce.number().int().min(0).max(3650),
  online: z.coerce.boolean(),
  rule: z.enum(['none', 'subject_dead', 'family_head', 'records_move', 'subject_alive']),
  active: z.coerce.boolean(),
  /** Issued only with a certified electronic signature; left out, a saved type keeps its choice. */
  certified_signature: z.coerce.boolean().optional(),
});
export type LetterTypeInput = z.input<typeof LetterTypeInput>;

/** Checks a template against the fixed placeholders and the type's fields; a 400 names the line. */
export function checkTemplateOrFail(template: string, fields: readonly LetterField[]) {
  const r = checkTemplate(template, fields.map((f) => f.name));
  if (r.ok) return;
  const key = ({ unknown_placeholder: 'letters.template_unknown', unclosed: 'letters.template_unclosed', too_long: 'letters.template_too_long', empty: 'letters.template_empty' } as const)[r.problem];
  throw badRequest(key, 'template', { placeholder: r.placeholder ?? '', line: r.line });
}

function normalise(input: LetterTypeInput, lang: UseCaseContext['lang']) {
  const parsed = LetterTypeInput.safeParse(input);
  if (!parsed.success) throw zodIssueToError(parsed.error, lang);
  const v = parsed.data;
  const fields = typeof v.fields === 'string' ? parseFieldLines(v.fields) : (v.fields as LetterField[]);
  const requirements = typeof v.requirements === 'string' ? v.requirements.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 20) : v.requirements;
  checkTemplateOrFail(v.template, fields);
  return { ...v, fields, requirements };
}

/**
 * Adds a village's own letter type, or saves its changes to one (built-in or not). A
 * letter already issued keeps the text it was signed with (letters.issued).
 */
export async function saveLetterType(ctx: UseCaseContext, villageInput: string, input: LetterTypeInput, mode: 'create' | 'update') {
  const village = await villageScope(ctx, villageInput, 'letters.configure');
  const v = normalise(input, ctx.lang);
  return writeWithAudit(ctx, async (trx, audit) => {
    const exists = Boolean(builtInLetterType(v.code)) || Boolean(await repo.findVillageLetterType(trx, village, v.code));
    if (mode === 'create' && exists) throw badRequest('letters.code_taken', 'code', { code: v.code });
    if (mode === 'update' && !exists) throw notFound('letters.type_not_found', { code: v.code });
    const before = mode === 'update' ? await findType(trx, village, v.code) : null;
    const certified = v.certified_signature ?? before?.certified ?? false;
    await repo.upsertLetterType(trx, {
      village_code: village, code: v.code, title: v.title, classification: v.classification, template: v.template,
      fields: JSON.stringify(v.fields), requirements: JSON.stringify(v.requirements), validity_days: v.validity_days,
      online: v.online, rule: v.rule as LetterRule, active: v.active, certified_signature: certified, updated_by: userIdOf(ctx.actor),
    });
    await audit({
      action: mode === 'create' ? 'letter_type.create' : 'letter_type.update', villageCode: village, subject: `letter_type:${v.code}`,
      // Turning the certified signature on or off is a decision about who may issue: say it.
      ...(certified !== (before?.certified ?? false) ? { detail: { certified_signature: certified } } : {}),
    });
    return { code: v.code };
  });
}

/**
 * A built-in type back to the catalogue's wording (the village's change is removed). Whether
 * its letters need a certified signature is the village's rule, not wording: it stays.
 */
export async function resetLetterType(ctx: UseCaseContext, villageInput: string, code: string) {
  const village = await villageScope(ctx, villageInput, 'letters.configure');
  const t = builtInLetterType(code);
  if (!t) throw notFound('letters.type_not_found', { code });
  await writeWithAudit(ctx, async (trx, audit) => {
    if ((await repo.findVillageLetterType(trx, village, code))?.certified_signature)
      await repo.upsertLetterType(trx, {
        village_code: village, code, title: t.title, classification: t.classification, template: t.template, fields: JSON.stringify(t.fields),
        requirements: JSON.stringify(t.requirements), validity_days: t.validityDays, online: t.online, rule: t.rule, active: t.active,
        certified_signature: true, updated_by: userIdOf(ctx.actor),
      });
    else await repo.deleteVillageLetterType(trx, village, code);
    await audit({ action: 'letter_type.reset', villageCode: village, subject: `letter_type:${code}` });
  });
}

/** Sample values for the preview: a made-up resident, so previewing reads no one's data. */
export const SAMPLE_VALUES: Record<string, string> = {
  'penduduk.nama': 'BUDI SANTOSO', 'penduduk.nik': '1809101708900001', 'penduduk.tempat_lahir': 'Pesawaran',
  'penduduk.tanggal_lahir': '17 Agustus 1990', 'penduduk.jenis_kelamin': 'Laki-laki', 'penduduk.agama': 'Islam',
  'penduduk.pekerjaan': 'Petani/Pekebun', 'penduduk.status_perkawinan': 'Kawin', 'penduduk.alamat': 'Dusun Sukajaya RT 001 RW 002',
  'penduduk.kewarganegaraan': 'WNI', 'penduduk.pendidikan': 'SLTA/Sederajat', 'penduduk.nama_ayah': 'SUPARMAN', 'penduduk.nama_ibu': 'SITI AMINAH',
  'penduduk.golongan_darah': 'O', 'keluarga.no_kk': '1809100101200001', 'keluarga.kepala': 'BUDI SANTOSO', 'keluarga.jumlah_anggota': '4',
  'surat.nomor': '400/001/1809102004/I/2026', 'surat.tanggal': '5 Januari 2026', 'surat.berlaku_sampai': '4 Februari 2026',
};

/** The body of a type (saved, or as being edited) with sample values, to see before saving. */
export async function previewLetterType(ctx: UseCaseContext, villageInput: string, input: LetterTypeInput) {
  const village = await villageScope(ctx, villageInput, 'letters.configure');
  const v = normalise(input, ctx.lang);
  const values: Record<string, string> = Object.assign(Object.create(null), SAMPLE_VALUES);
  for (const f of v.fields) values[`isian.${f.name}`] = `[${f.label}]`;
  return { village, title: v.title, paragraphs: renderTemplate(v.template, values) };
}
