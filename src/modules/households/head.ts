import { HEAD_OF_FAMILY } from '../population/index.js';

/** The household's head: the member chosen, while still a member, else the head of its main card. */
export function headOf<P extends { id: number; family_id: number | null; family_relation: number | null }>(h: { head_resident_id: number | null; main_family_id: number }, people: P[]): P | null {
  return people.find((p) => p.id === h.head_resident_id) ?? people.find((p) => p.family_id === h.main_family_id && p.family_relation === HEAD_OF_FAMILY) ?? null;
}
