import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { LetterDocument } from '../../platform/pdf/letter-pdf.js';
import { formatDate, titleCase } from '../../platform/format/format.js';
import { codeLabel, maskNik, type LetterSubject } from '../population/index.js';
import { ancestorCodes, findRegions } from '../regions/index.js';
import { findVillage } from '../villages/index.js';
import type { LetterType } from './catalogue.js';
import { printedFieldValue } from './fields.js';
import { renderTemplate } from './template.js';

type Q = Kysely<Database> | Transaction<Database>;

/** What a signed letter prints, frozen at signing (letters.issued). */
export interface IssuedLetter {
  paper: 'A4' | 'F4';
  letterhead: { regency: string; district: string; village: string; address?: string; contact?: string };
  title: string;
  number: string;
  opening: string;
  identity: [string, string][];
  paragraphs: string[];
  validUntil?: string;
  place: string;
  dateText: string;
  signature: LetterDocument['signature'] & { staffNumber: string | null };
  /** For the public verification page: the holder's name and masked NIK, nothing more. */
  holder: { name: string; maskedNik: string };
}

export interface VillageNames {
  village: string;
  villageKind: 'desa' | 'kelurahan';
  district: string;
  regency: string;
  province: string;
  address: string | null;
  headName: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Names for the letterhead: 'PEMERINTAH KABUPATEN PESAWARAN', 'KECAMATAN TELUK PANDAN', 'DESA HANURA'. */
export async function villageNames(db: Q, village: string): Promise<VillageNames> {
  const [v, regions] = await Promise.all([findVillage(db, village), findRegions(db, ancestorCodes(village))]);
  const byLevel = new Map(regions.map((r) => [r.level, r.name]));
  return {
    village: titleCase(v?.name ?? village),
    villageKind: v?.kind === 'kelurahan' ? 'kelurahan' : 'desa',
    district: titleCase(byLevel.get(3) ?? ''),
    regency: titleCase(byLevel.get(2) ?? ''),
    province: titleCase(byLevel.get(1) ?? ''),
    address: v?.office_address ?? null,
    headName: v?.head_name ?? null,
    postalCode: v?.postal_code ?? null,
    phone: v?.phone ?? null,
    email: v?.email ?? null,
  };
}

const villageWord = (n: VillageNames) => (n.villageKind === 'kelurahan' ? 'Kelurahan' : 'Desa');
export const headTitleOf = (n: VillageNames) => `${n.villageKind === 'kelurahan' ? 'Lurah' : 'Kepala Desa'} ${n.village}`;

/** 'Laki-laki', 'Perempuan': the registry's label in sentence case (title case would print 'Laki-Laki'). */
const sentenceCase = (label: string) => (label ? label.charAt(0).toUpperCase() + label.slice(1).toLowerCase() : '');

/**
 * Every value a template may use, for this subject, village and letter. A map without a
 * prototype, and fields read only when the request has them: a field named `constructor`
 * must print what was typed (or nothing), never something inherited from Object.
 */
export function templateValues(s: LetterSubject, n: VillageNames, type: LetterType, fields: Record<string, string>, letter: { number: string; date: string; validUntil: string | null }) {
  const r = s.resident;
  const values: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
    'penduduk.nama': r.name,
    'penduduk.nik': r.nik,
    'penduduk.tempat_lahir': titleCase(r.birth_place ?? ''),
    'penduduk.tanggal_lahir': r.birth_date ? formatDate(r.birth_date) : '',
    'penduduk.jenis_kelamin': sentenceCase(codeLabel('sex', r.sex)),
    'penduduk.agama': titleCase(codeLabel('religion', r.religion)),
    'penduduk.pekerjaan': titleCase(codeLabel('occupation', r.occupation)),
    'penduduk.status_perkawinan': titleCase(codeLabel('maritalStatus', r.marital_status)),
    'penduduk.kewarganegaraan': codeLabel('citizenship', r.citizenship),
    'penduduk.pendidikan': titleCase(codeLabel('educationOnFamilyCard', r.education_kk)),
    'penduduk.golongan_darah': codeLabel('bloodType', r.blood_type),
    'penduduk.nama_ayah': r.father_name ?? '',
    'penduduk.nama_ibu': r.mother_name ?? '',
    'penduduk.alamat': s.address,
    'keluarga.no_kk': s.family?.kk_number ?? '',
    'keluarga.kepala': s.head?.name ?? '',
    'keluarga.jumlah_anggota': String(s.presentMembers || 1),
    'desa.nama': n.village,
    'desa.kecamatan': n.district,
    'desa.kabupaten': n.regency,
    'desa.provinsi': n.province,
    'desa.kepala': n.headName ?? '',
    'surat.nomor': letter.number,
    'surat.tanggal': formatDate(letter.date),
    'surat.berlaku_sampai': letter.validUntil ? formatDate(letter.validUntil) : '',
  });
  for (const f of type.fields) values[`isian.${f.name}`] = printedFieldValue(f, Object.hasOwn(fields, f.name) ? fields[f.name] : undefined);
  return values;
}

/** The followers as one paragraph after the first (before the closing "Demikian …"). */
function withFollowers(paragraphs: string[], followers: { name: string; nik: string }[]): string[] {
  if (!followers.length) return paragraphs;
  const list = `Anggota keluarga yang ikut pindah: ${followers.map((m, i) => `${i + 1}. ${m.name} (NIK ${m.nik})`).join('; ')}.`;
  return [...paragraphs.slice(0, 1), list, ...paragraphs.slice(1)];
}

export interface Signer {
  mode: 'self' | 'an' | 'ub';
  name: string;
  title: string;
  staffNumber: string | null;
  /** The official (village_officials) who signs; absent in a preview signed as the head. */
  officialId?: number;
  /** The official's NIK, for a certified electronic signature; never printed. */
  nik?: string | null;
}

/** The letterhead's contact line, from what the village recorded: 'Kode Pos 35450 · Telepon 0721-000000 · Pos-el desa@…'. */
export const contactLine = (n: VillageNames) =>
  [n.postalCode && `Kode Pos ${n.postalCode}`, n.phone && `Telepon ${n.phone}`, n.email && `Pos-el ${n.email}`].filter(Boolean).join(' · ');

/** "Siti Rahmawati, Sekretaris Desa, a.n. Kepala Desa Hanura": who signed, in whose name. */
export function signedByLine(sig: IssuedLetter['signature']): string {
  const onBehalf = sig.mode === 'an' ? `, a.n. ${sig.headTitle}` : sig.mode === 'ub' ? `, u.b. ${sig.secretaryTitle || 'Sekretaris Desa'}, a.n. ${sig.headTitle}` : '';
  return `${sig.signerName}, ${sig.signerTitle}${onBehalf}`;
}

export function buildIssuedLetter(args: {
  subject: LetterSubject;
  names: VillageNames;
  type: LetterType;
  fields: Record<string, string>;
  number: string;
  date: string;
  validUntil: string | null;
  signer: Signer;
  paper: 'A4' | 'F4';
  staffNumberLabel: string;
  /** A moving-out letter's followers, listed under its body. */
  followers?: { name: string; nik: string }[];
}): IssuedLetter {
  const { subject: s, names: n, signer } = args;
  const r = s.resident;
  const values = templateValues(s, n, args.type, args.fields, { number: args.number, date: args.date, validUntil: args.validUntil });
  const headTitle = headTitleOf(n);
  // NIP when the signer has a civil-servant number (over 10 characters), else the village's own label.
  const label = signer.staffNumber && signer.staffNumber.replace(/\s/g, '').length > 10 ? 'NIP' : args.staffNumberLabel;
  return {
    paper: args.paper,
    letterhead: {
      regency: `PEMERINTAH ${n.regency.toUpperCase()}`,
      district: `KECAMATAN ${n.district.toUpperCase()}`,
      village: `${villageWord(n).toUpperCase()} ${n.village.toUpperCase()}`,
      ...(n.address ? { address: n.address } : {}),
      ...(contactLine(n) ? { contact: contactLine(n) } : {}),
    },
    title: args.type.title.toUpperCase(),
    number: args.number,
    opening: `Yang bertanda tangan di bawah ini, ${headTitle}, Kecamatan ${n.district}, ${n.regency}, menerangkan dengan sebenarnya bahwa:`,
    identity: [
      ['Nama', r.name],
      ['NIK', r.nik],
      ['Tempat/Tanggal Lahir', [values['penduduk.tempat_lahir'], values['penduduk.tanggal_lahir']].filter(Boolean).join(', ')],
      ['Jenis Kelamin', values['penduduk.jenis_kelamin']!],
      ['Agama', values['penduduk.agama']!],
      ['Pekerjaan', values['penduduk.pekerjaan']!],
      ['Status Perkawinan', values['penduduk.status_perkawinan']!],
      ['Kewarganegaraan', values['penduduk.kewarganegaraan']!],
      ['Alamat', values['penduduk.alamat']!],
    ],
    paragraphs: withFollowers(renderTemplate(args.type.template, values), args.followers ?? []),
    ...(args.validUntil ? { validUntil: formatDate(args.validUntil) } : {}),
    place: n.village,
    dateText: formatDate(args.date),
    signature: {
      mode: signer.mode,
      headTitle,
      ...(signer.mode === 'self' ? {} : { secretaryTitle: `Sekretaris ${villageWord(n)}` }),
      signerTitle: signer.mode === 'self' ? headTitle : signer.title,
      signerName: signer.name,
      staffNumberLabel: label,
      staffNumber: signer.staffNumber,
    },
    holder: { name: r.name, maskedNik: maskNik(r.nik) },
  };
}
