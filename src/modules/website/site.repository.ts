import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { COUNTED_IN_POPULATION } from '../population/index.js';

type Q = Kysely<Database> | Transaction<Database>;

export const siteOf = (db: Q, village: string) => db.selectFrom('village_sites').selectAll().where('village_code', '=', village).executeTakeFirst();
export const villageOfSlug = (db: Q, slug: string) => db.selectFrom('village_sites').select('village_code').where('slug', '=', slug).executeTakeFirst();
export const siteDomains = (db: Q) => db.selectFrom('village_sites').select(['domain', 'village_code', 'slug']).where('domain', 'is not', null).execute();

/** The kecamatan, kabupaten/kota and province above a village, for the site's header. */
export async function regionNames(db: Q, village: string) {
  const [p, r, d] = village.split('.');
  const codes = [p!, `${p}.${r}`, `${p}.${r}.${d}`];
  const rows = await db.selectFrom('regions').select(['code', 'name', 'kind']).where('code', 'in', codes).execute();
  const by = new Map(rows.map((x) => [x.code, x]));
  return { province: by.get(codes[0]!) ?? null, regency: by.get(codes[1]!) ?? null, district: by.get(codes[2]!) ?? null };
}

export const recentPosts = (db: Q, village: string, limit: number, offset = 0, kinds: ('news' | 'announcement' | 'agenda')[] = ['news', 'announcement']) =>
  db.selectFrom('site_posts').select(['id', 'kind', 'title', 'body_md', 'published_at', 'event_on', 'event_time', 'event_place'])
    .where('village_code', '=', village).where('withdrawn_at', 'is', null).where('kind', 'in', kinds)
    .orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();

export const countPosts = async (db: Q, village: string) =>
  Number((await db.selectFrom('site_posts').select((eb) => eb.fn.countAll<string>().as('n')).where('village_code', '=', village).where('withdrawn_at', 'is', null)
    .where('kind', 'in', ['news', 'announcement']).executeTakeFirstOrThrow()).n);

export const agenda = (db: Q, village: string, from: string, upcoming: boolean, limit: number) =>
  db.selectFrom('site_posts').select(['id', 'title', 'body_md', 'event_on', 'event_time', 'event_place'])
    .where('village_code', '=', village).where('withdrawn_at', 'is', null).where('kind', '=', 'agenda')
    .where('event_on', upcoming ? '>=' : '<', from).orderBy('event_on', upcoming ? 'asc' : 'desc').orderBy('id').limit(limit).execute();

export const publishedPost = (db: Q, village: string, id: number) =>
  db.selectFrom('site_posts').select(['id', 'kind', 'title', 'body_md', 'body_html', 'published_at', 'updated_at', 'event_on', 'event_time', 'event_place'])
    .where('village_code', '=', village).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();

export const galleryPhotos = (db: Q, village: string, limit: number) =>
  db.selectFrom('site_photos').select(['id', 'caption', 'width', 'height', 'created_at']).where('village_code', '=', village).where('withdrawn_at', 'is', null)
    .where('official_id', 'is', null).orderBy('id', 'desc').limit(limit).execute();

export const photoBytes = (db: Q, village: string, id: number, small: boolean) =>
  db.selectFrom('site_photos').select([small ? 'thumb as bytes' : 'bytes', 'type']).where('village_code', '=', village).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();

/** Active officials in the order of the village's structure, each with a portrait when one was uploaded. */
export const officialsWithPortraits = (db: Q, village: string) =>
  db.selectFrom('village_officials as o')
    .leftJoin('site_photos as p', (j) => j.onRef('p.village_code', '=', 'o.village_code').onRef('p.official_id', '=', 'o.id').on('p.withdrawn_at', 'is', null))
    .select(['o.id', 'o.name', 'o.position', 'o.position_title', 'p.id as photo_id'])
    .where('o.village_code', '=', village).where('o.active', '=', true)
    .orderBy(sql`array_position(array['kepala_desa', 'sekretaris_desa', 'kaur', 'kasi', 'kepala_dusun', 'staf']::text[], o.position)`).orderBy('o.id')
    .execute();

/** Residents and family cards counted, from the rollups the dashboards read (no personal data). */
export async function populationFigures(db: Q, village: string) {
  const [people, families] = await Promise.all([
    sql<{ total: string | null; male: string | null; female: string | null }>`
      select sum(residents) as total, sum(residents) filter (where sex = 1) as male, sum(residents) filter (where sex = 2) as female
      from monitoring_population where village_code = ${village} and life_status in (${sql.join([...COUNTED_IN_POPULATION])})`.execute(db),
    sql<{ n: string | null }>`select sum(families) as n from monitoring_families where village_code = ${village} and status = 'active'`.execute(db),
  ]);
  const r = people.rows[0]!;
  return { residents: Number(r.total ?? 0), male: Number(r.male ?? 0), female: Number(r.female ?? 0), families: Number(families.rows[0]?.n ?? 0) };
}
