import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { ROLE_LABEL, STAFF_ROLES, isVillageRole, type Role } from '../../platform/access/roles.js';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Who takes part: the village's officials are its active officer accounts (head, secretary,
 * treasurer, operator …), since checking in needs a login. Where an account is linked to a
 * person of the officials' list (village_officials, the perangkat who sign letters), that
 * person's position is shown.
 */
export const VILLAGE_ROLES = STAFF_ROLES.filter((r) => isVillageRole(r));

export interface Official { id: number; full_name: string; role: Role; position: string }

export async function officialsOf(db: Q, village: string, lang: 'id' | 'en' = 'id'): Promise<Official[]> {
  const rows = await sql<{ id: number; full_name: string; role: Role; title: string | null }>`
    select u.id, u.full_name, u.role, coalesce(o.position_title, u.position_title) as title
    from users u left join village_officials o on o.village_code = ${village} and o.user_id = u.id and o.active
    where u.region_code = ${village} and u.active and u.role in (${sql.join(VILLAGE_ROLES)})
    order by u.full_name, u.id`.execute(db);
  return rows.rows.map((r) => ({ id: Number(r.id), full_name: r.full_name, role: r.role, position: r.title ?? ROLE_LABEL[r.role][lang] }));
}

/** An official of this village picked in a form (a correction, whom a guest met), or a 400 naming the field. */
export async function officialOf(db: Q, village: string, input: string | undefined, field: string): Promise<Official> {
  const id = Number(input);
  const found = Number.isSafeInteger(id) ? (await officialsOf(db, village)).find((o) => o.id === id) : undefined;
  if (!found) throw badRequest('validation.choice', field);
  return found;
}
