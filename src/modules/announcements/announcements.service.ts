import { sql } from 'kysely';
import { userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { badRequest } from '../../platform/http/errors.js';
import { clean, paragraphs, text } from '../../platform/http/text-input.js';
import { citizenOf } from '../citizen/index.js';
import { areaChainJoins, chainWithin, COUNTED_IN_POPULATION } from '../population/index.js';
import { villageInScope } from '../villages/index.js';

/**
 * Announcements from the village to its residents' phones, through the notification outbox:
 * to everyone, to one dusun, or to an aid programme's recipients (the head of each household,
 * family or the person). One message per phone number; residents who opted out are left out
 * and counted. What the outbox delivered is counted per announcement.
 */
const counted = [...COUNTED_IN_POPULATION];
/** Rows per insert into the outbox: a few thousand messages go in a handful of statements. */
const CHUNK = 500;

export async function announcementPage(ctx: UseCaseContext, villageInput: string) {
  const village = await villageInScope(ctx, villageInput, 'announcements.send');
  const code = village.village_code;
  const db = ctx.db.kysely;
  const [rows, dusun, programmes, delivery] = await Promise.all([
    db.selectFrom('announcements as a').leftJoin('users as u', 'u.id', 'a.created_by')
      .select(['a.id', 'a.title', 'a.body', 'a.audience', 'a.area_id', 'a.programme_id', 'a.recipients', 'a.opted_out', 'a.created_at', 'u.full_name as created_by_name'])
      .where('a.village_code', '=', code).orderBy('a.id', 'desc').limit(50).execute(),
    db.selectFrom('village_areas').select(['id', 'name']).where('village_code', '=', code).where('level', '=', 'dusun').orderBy('name').execute(),
    db.selectFrom('assistance_programmes').select(['id', 'name', 'year']).where('village_code', '=', code).where('status', '=', 'adopted').orderBy('year', 'desc').orderBy('id', 'desc').execute(),
    sql<{ ref: string; status: string; n: string }>`
      select subject_ref as ref, status, count(*) as n from notification_outbox
      where village_code = ${code} and subject_ref like 'announcement:%' group by 1, 2`.execute(db),
  ]);
  const counts = new Map<string, Record<string, number>>();
  for (const d of delivery.rows) counts.set(d.ref, { ...(counts.get(d.ref) ?? {}), [d.status]: Number(d.n) });
  return {
    village, dusun, programmes,
    rows: rows.map((r) => ({ ...r, delivery: { pending: 0, sent: 0, failed: 0, ...(counts.get(`announcement:${r.id}`) ?? {}) } })),
  };
}

export interface AnnouncementInput { title?: string; body?: string; audience?: string }

/** The residents an announcement goes to: phone, resident, opted out or not. */
async function audienceOf(db: UseCaseContext['db']['kysely'], village: string, audience: { kind: 'all' } | { kind: 'dusun'; area: number } | { kind: 'programme'; programme: number }) {
  const base = sql`r.village_code = ${village} and r.life_status in (${sql.join(counted)}) and r.phone is not null and r.phone <> ''`;
  const optedOut = sql`exists (select 1 from announcement_opt_outs o where o.village_code = r.village_code and o.resident_id = r.id)`;
  if (audience.kind === 'all') {
    return (await sql<{ id: number; phone: string; opted_out: boolean }>`select r.id, r.phone, ${optedOut} as opted_out from residents r where ${base} order by r.id`.execute(db)).rows;
  }
  if (audience.kind === 'dusun') {
    // The resident's area is an RT under an RW under the dusun, or the dusun itself.
    return (await sql<{ id: number; phone: string; opted_out: boolean }>`
      select r.id, r.phone, ${optedOut} as opted_out from residents r ${areaChainJoins(village, sql.ref('r.area_id'))}
      where ${base} and ${chainWithin(audience.area)} order by r.id`.execute(db)).rows;
  }
  // An aid programme: the head of each listed household or family card, or the listed person.
  return (await sql<{ id: number; phone: string; opted_out: boolean }>`
    select r.id, r.phone, ${optedOut} as opted_out
    from assistance_recipients x
    left join households h on h.village_code = x.village_code and h.id = x.household_id
    join residents r on r.village_code = x.village_code and (
      r.id = x.resident_id
      or (x.family_id is not null and r.family_id = x.family_id and r.family_relation = 1)
      or (x.household_id is not null and r.family_id = h.main_family_id and r.family_relation = 1))
    where x.village_code = ${village} and x.programme_id = ${audience.programme} and x.status = 'adopted' and ${base}
    order by r.id`.execute(db)).rows;
}

export async function sendAnnouncement(ctx: UseCaseContext, villageInput: string, input: AnnouncementInput) {
  const village = await villageInScope(ctx, villageInput, 'announcements.send');
  const code = village.village_code;
  const title = text(input.title, 'title', 3, 120);
  const body = paragraphs(input.body, 'body', 1000) ?? '';
  if (body.length < 10) throw badRequest(body.length === 0 ? 'validation.required' : 'validation.too_short', 'message', { min: 10 });
  // "all", "dusun:<id>" or "programme:<id>".
  const [kind, idText] = clean(input.audience).split(':') as [string, string | undefined];
  const id = Number(idText);
  const db = ctx.db.kysely;
  let audience: Parameters<typeof audienceOf>[2];
  if (kind === 'all') audience = { kind: 'all' };
  else if (kind === 'dusun' && (await db.selectFrom('village_areas').select('id').where('village_code', '=', code).where('id', '=', Number.isSafeInteger(id) ? id : 0).where('level', '=', 'dusun').executeTakeFirst())) audience = { kind: 'dusun', area: id };
  else if (kind === 'programme' && (await db.selectFrom('assistance_programmes').select('id').where('village_code', '=', code).where('id', '=', Number.isSafeInteger(id) ? id : 0).where('status', '=', 'adopted').executeTakeFirst())) audience = { kind: 'programme', programme: id };
  else throw badRequest('validation.choice', 'audience');
  return writeWithAudit(ctx, async (trx, audit) => {
    const people = await audienceOf(trx, code, audience);
    const optedOut = people.filter((p) => p.opted_out).length;
    // One message per phone number: a family sharing a phone gets it once.
    const phones = [...new Set(people.filter((p) => !p.opted_out).map((p) => p.phone.trim()))];
    if (phones.length === 0) throw badRequest('announcements.nobody', 'audience');
    const { id: announcementId } = await trx.insertInto('announcements').values({
      village_code: code, title, body, audience: audience.kind, area_id: audience.kind === 'dusun' ? audience.area : null,
      programme_id: audience.kind === 'programme' ? audience.programme : null, recipients: phones.length, opted_out: optedOut, created_by: userIdOf(ctx.actor)!,
    }).returning('id').executeTakeFirstOrThrow();
    const message = `[${village.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${village.name}] ${title}\n\n${body}\n\nTidak ingin menerima pengumuman? Buka Layanan mandiri desa, menu Pengumuman.`;
    const now = new Date();
    for (let i = 0; i < phones.length; i += CHUNK) {
      await trx.insertInto('notification_outbox').values(phones.slice(i, i + CHUNK).map((phone) => ({
        village_code: code, channel: 'whatsapp' as const, recipient: phone, subject: title, body: message, subject_ref: `announcement:${announcementId}`, next_attempt_at: now,
      }))).execute();
    }
    await audit({ action: 'announcement.send', villageCode: code, subject: `announcement:${announcementId}`, detail: { audience: clean(input.audience), recipients: phones.length, opted_out: optedOut } });
    return { id: announcementId, recipients: phones.length, optedOut };
  });
}

/** A citizen stops (or resumes) announcements to their phone. */
export async function myAnnouncementChoice(ctx: UseCaseContext) {
  const { village, residentId } = citizenOf(ctx, 'self.announcements');
  const row = await ctx.db.kysely.selectFrom('announcement_opt_outs').select('since').where('village_code', '=', village).where('resident_id', '=', residentId).executeTakeFirst();
  return { optedOut: row !== undefined, since: row?.since ?? null };
}

export async function setAnnouncementChoice(ctx: UseCaseContext, receive: boolean) {
  const { village, residentId } = citizenOf(ctx, 'self.announcements');
  return writeWithAudit(ctx, async (trx, audit) => {
    if (receive) await trx.deleteFrom('announcement_opt_outs').where('village_code', '=', village).where('resident_id', '=', residentId).execute();
    else await trx.insertInto('announcement_opt_outs').values({ village_code: village, resident_id: residentId }).onConflict((oc) => oc.columns(['village_code', 'resident_id']).doNothing()).execute();
    await audit({ action: receive ? 'announcement.opt_in' : 'announcement.opt_out', villageCode: village, subject: `resident:${residentId}` });
  });
}
