import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { formatDate } from '../../platform/format/format.js';
import type { Lang } from '../../platform/i18n/i18n.js';
import { codeLabel, FIELD_CODE_LIST, type CodedField } from './codes.js';
import { maskNik } from './nik.js';
import * as repo from './population.repository.js';
import { areaPath } from './views/components.js';
import { FIELD_GROUPS } from './views/fields.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Everything the register holds about one person, for their data export (the data subject's
 * right of access, UU 27/2022): the record as stored and in words, the family card, the
 * events, the photo. No access check and no audit here: the caller (the privacy module's
 * use case) does both. Other members of the family card appear as on the card, NIK masked.
 */
export async function residentDossier(db: Q, village: string, id: number, lang: Lang) {
  const resident = await repo.findResident(db, village, id);
  if (!resident) return null;
  const [family, members, events, areas, photo] = await Promise.all([
    resident.family_id ? repo.findFamily(db, village, resident.family_id) : undefined,
    resident.family_id ? repo.familyMembers(db, village, resident.family_id) : [],
    repo.residentEvents(db, village, id),
    repo.findAreas(db, village),
    repo.findResidentPhoto(db, village, id),
  ]);
  const value = (name: string, kind: string): string => {
    const v = (resident as Record<string, unknown>)[name];
    if (v === null || v === undefined || v === '') return '';
    if (kind === 'date') return formatDate(String(v), lang);
    if (name in FIELD_CODE_LIST) return codeLabel(FIELD_CODE_LIST[name as CodedField], v as number) || String(v);
    return String(v);
  };
  return {
    /** The row as stored (codes as numbers), photo bytes aside. */
    record: resident,
    /** The same in words, grouped as on the resident page. */
    readable: [
      {
        title: lang === 'id' ? 'Data pokok' : 'Basic data',
        fields: [
          { label: 'NIK', value: resident.nik + (resident.nik_temporary ? (lang === 'id' ? ' (sementara)' : ' (temporary)') : '') },
          { label: lang === 'id' ? 'Status' : 'Status', value: codeLabel('lifeStatus', resident.life_status) },
          { label: lang === 'id' ? 'Hubungan dalam KK' : 'Family relation', value: codeLabel('familyRelation', resident.family_relation) },
          { label: lang === 'id' ? 'Wilayah' : 'Area', value: areaPath(areas, resident.area_id ?? family?.area_id ?? null) },
          { label: lang === 'id' ? 'Dicatat sejak' : 'Recorded since', value: formatDate(resident.created_at, lang) },
        ],
      },
      ...FIELD_GROUPS.map((g) => ({ title: g[lang], fields: g.fields.map((f) => ({ label: f[lang], value: value(f.name, f.kind) })).filter((f) => f.value) })),
    ].filter((g) => g.fields.length),
    photo: photo?.photo ? { type: photo.photo_type, base64: Buffer.from(photo.photo).toString('base64') } : null,
    family: family
      ? {
          kk_number: family.kk_number,
          address: family.address,
          area: areaPath(areas, family.area_id),
          status: family.status,
          members: members.map((m) => ({
            name: m.name,
            relation: codeLabel('familyRelation', m.family_relation),
            nik: m.id === id ? m.nik : maskNik(m.nik),
            self: m.id === id,
          })),
        }
      : null,
    events: events.map((e) => ({
      kind: e.kind,
      date: e.event_date,
      recorded_at: e.recorded_at,
      recorded_by: e.recorded_by_name,
      details: e.details,
    })),
  };
}
export type ResidentDossier = NonNullable<Awaited<ReturnType<typeof residentDossier>>>;
