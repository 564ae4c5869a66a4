import { sql, type RawBuilder } from 'kysely';

/**
 * The areas above an area, joined as a0 (the area) → a1 (its parent) → a2 (the parent's
 * parent): an RT sits under an RW under a dusun, and a village may skip the RW. Aid lists
 * read the dusun's name from it, announcements choose the residents of one dusun with it.
 */
export const areaChainJoins = (village: string, areaId: RawBuilder<unknown>) => sql`
  left join village_areas a0 on a0.village_code = ${village} and a0.id = ${areaId}
  left join village_areas a1 on a1.village_code = a0.village_code and a1.id = a0.parent_id
  left join village_areas a2 on a2.village_code = a1.village_code and a2.id = a1.parent_id`;

/** The name of the dusun in the chain, or null when the area is under none. */
export const chainDusunName = sql<string | null>`coalesce(case when a0.level = 'dusun' then a0.name end, case when a1.level = 'dusun' then a1.name end, a2.name)`;

/** The chain lies in (or is) the given area. */
export const chainWithin = (areaId: number) => sql<boolean>`${areaId} in (a0.id, a1.id, a2.id)`;
