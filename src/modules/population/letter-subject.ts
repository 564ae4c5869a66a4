import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { areaChain, formatAddress } from './address.js';
import { HEAD_OF_FAMILY, HOLDS_NIK } from './codes.js';
import * as repo from './population.repository.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * What a letter says about its subject: the resident, their family card and its members,
 * and the area names of the address. No access check and no audit here: the letters
 * module calls it from use cases that have checked both (an officer of the village, or
 * the citizen about their own family).
 */
export async function residentForLetter(db: Q, village: string, id: number) {
  const resident = await repo.findResident(db, village, id);
  if (!resident) return null;
  const [family, members, areas] = await Promise.all([
    resident.family_id ? repo.findFamily(db, village, resident.family_id) : undefined,
    resident.family_id ? repo.familyMembers(db, village, resident.family_id) : [],
    repo.findAreas(db, village),
  ]);
  // dusun / RW / RT of the address: the resident's own area, else their family's.
  const path = areaChain(areas, resident.area_id ?? family?.area_id ?? null);
  const present = members.filter((m) => HOLDS_NIK.includes(m.life_status));
  return {
    resident,
    family: family ?? null,
    members,
    head: members.find((m) => m.family_relation === HEAD_OF_FAMILY && HOLDS_NIK.includes(m.life_status)) ?? null,
    presentMembers: present.length,
    areaPath: path,
    /** The address as letters print it. */
    address: formatAddress(resident.address || family?.address, path),
  };
}

export type LetterSubject = NonNullable<Awaited<ReturnType<typeof residentForLetter>>>;

/** Which residents share a family card with `id` (a citizen's own family), ids only. */
export async function familyIdsOf(db: Q, village: string, id: number): Promise<number[]> {
  const r = await repo.findResident(db, village, id);
  if (!r?.family_id) return [id];
  return (await repo.familyMembers(db, village, r.family_id)).map((m) => m.id);
}

/** The recorded death of a resident (date and what the reporter said), to fill a death letter. */
export async function recordedDeath(db: Q, village: string, id: number) {
  const death = (await repo.residentEvents(db, village, id)).find((e) => e.kind === 'death');
  if (!death) return null;
  const d = (death.details ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  return { date: death.event_date, place: str('place'), cause: str('cause'), reporterName: str('reporter_name'), reporterRelation: str('reporter_relation') };
}
