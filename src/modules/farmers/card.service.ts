import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { todayInWib } from '../../platform/format/format.js';
import { conflict, notFound } from '../../platform/http/errors.js';
import { runInWorker } from '../../platform/workers/run.js';
import { citizenOf } from '../citizen/index.js';
import { COUNTED_IN_POPULATION, maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import { CARD_PDF_WORKER, cardQrUrl, type CardSheetInput, type FarmerCardFace } from './card-pdf.js';
import { allocationsOf, redemptionsOf } from './farmers.service.js';
import { groupOf } from './groups.service.js';
import { receipt } from './kiosks.service.js';

/**
 * The farmer card: printed at the village office (one farmer, or a Poktan's members ten to a
 * sheet) and shown by the farmer from self-service with what is left of their allocation and
 * the receipts of what they took. The QR carries only the kiosk's link with the card's random
 * code. Every read of the holder's data is logged.
 */
type Db = UseCaseContext['db']['kysely'];
const counted = [...COUNTED_IN_POPULATION];

interface CardRow { id: number; resident_id: number; name: string; nik: string; living: boolean; card_code: string; village: string; poktan: string | null }

/** The cards of one farmer (`farmer`) or of a Poktan's current members (`group`), by name. */
async function cardRows(db: Db, village: string, of: { farmer: number } | { group: number }) {
  const r = await sql<CardRow>`
    select f.id, f.resident_id, r.name, r.nik, r.life_status in (${sql.join(counted)}) as living, f.card_code, v.name as village,
      (select g.name from farmer_group_members m join farmer_groups g on g.village_code = m.village_code and g.id = m.group_id
        where m.village_code = f.village_code and m.farmer_id = f.id and m.left_on is null) as poktan
    from farmers f join residents r on r.village_code = f.village_code and r.id = f.resident_id
      join regions v on v.code = f.village_code
    where f.village_code = ${village} and ${'farmer' in of
      ? sql`f.id = ${of.farmer}`
      : sql`f.id in (select m.farmer_id from farmer_group_members m where m.village_code = ${village} and m.group_id = ${of.group} and m.left_on is null)`}
    order by r.name, f.id`.execute(db);
  return r.rows.map((c) => ({ ...c, id: Number(c.id), resident_id: Number(c.resident_id) }));
}

const faceOf = (c: CardRow, origin: string): FarmerCardFace =>
  ({ name: c.name, nik: maskNik(c.nik), village: c.village, poktan: c.poktan, code: c.card_code, qrUrl: cardQrUrl(origin, c.card_code) });

/** The PDF, drawn in a worker thread: a Poktan's sheets never hold up the other requests. */
export const renderCardSheet = async (input: CardSheetInput) =>
  Buffer.from(await runInWorker<Uint8Array>(CARD_PDF_WORKER, input, { timeoutMs: 60_000, memoryMb: 256 }));

/** One farmer's card, for the village office to print. A farmer who moved away or died gets none. */
export async function farmerCardSheet(ctx: UseCaseContext, villageInput: string, farmerId: number, origin: string) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const [card] = await cardRows(ctx.db.kysely, code, { farmer: farmerId });
  if (!card) throw notFound('farmers.not_found');
  if (!card.living) throw conflict('farmers.card_not_living');
  await recordAudit(ctx.db.kysely, ctx, { action: 'farmers.card_print', villageCode: code, subject: `resident:${card.resident_id}`, detail: { farmer: farmerId } });
  return { input: { cards: [faceOf(card, origin)] } satisfies CardSheetInput, filename: `kartu-tani-${card.card_code}.pdf` };
}

/** The cards of a Poktan's current members living in the village, ten to an A4 sheet. */
export async function groupCardSheet(ctx: UseCaseContext, villageInput: string, groupId: number, origin: string) {
  const village = await villageInScope(ctx, villageInput, 'farmers.write');
  const code = village.village_code;
  const group = await groupOf(ctx.db.kysely, code, groupId);
  if (group.kind !== 'poktan') throw notFound('farmers.group_not_found');
  const cards = (await cardRows(ctx.db.kysely, code, { group: groupId })).filter((c) => c.living);
  if (cards.length === 0) throw conflict('farmers.card_no_members');
  await recordAudit(ctx.db.kysely, ctx, { action: 'farmers.card_print', villageCode: code, subject: `farmer_group:${groupId}`, detail: { residents: cards.map((c) => c.resident_id) } });
  return { input: { cards: cards.map((c) => faceOf(c, origin)) } satisfies CardSheetInput, filename: `kartu-tani-poktan-${groupId}.pdf` };
}

// ---- the farmer's self-service ----------------------------------------------------------

/** The logged-in citizen's farmer record in their village, or null: one look-up on (village_code, resident_id). */
async function myFarmerId(db: Db, village: string, residentId: number): Promise<number | null> {
  const f = await db.selectFrom('farmers').select('id').where('village_code', '=', village).where('resident_id', '=', residentId).executeTakeFirst();
  return f ? Number(f.id) : null;
}

/** For the citizen's home page: whether to offer the farmer card at all. */
export const isRegisteredFarmer = async (db: Db, village: string, residentId: number) => (await myFarmerId(db, village, residentId)) !== null;

/**
 * What the citizen sees of their own card: the card, this year's allocation per season and
 * fertiliser with what is left, and their redemptions; null when they are not a farmer.
 */
export async function myFarmerCard(ctx: UseCaseContext, origin: string) {
  const { village, residentId } = citizenOf(ctx, 'self.farmer');
  const db = ctx.db.kysely;
  const id = await myFarmerId(db, village, residentId);
  if (id === null) return null;
  const year = Number(todayInWib().slice(0, 4));
  const [[card], allocations, redemptions] = await Promise.all([cardRows(db, village, { farmer: id }), allocationsOf(db, village, id, year), redemptionsOf(db, village, id, 50)]);
  await recordAudit(db, ctx, { action: 'resident.read', villageCode: village, subject: `resident:${residentId}`, detail: { purpose: 'kartu tani (layanan mandiri)' } });
  return { year, living: card!.living, card: faceOf(card!, origin), allocations, redemptions: redemptions.map((r) => ({ ...r, id: Number(r.id) })) };
}
export type MyFarmerCard = NonNullable<Awaited<ReturnType<typeof myFarmerCard>>>;

/** The citizen's own card as PDF; refused when they are not a farmer. */
export async function myCardSheet(ctx: UseCaseContext, origin: string) {
  const { village, residentId } = citizenOf(ctx, 'self.farmer');
  const db = ctx.db.kysely;
  const id = await myFarmerId(db, village, residentId);
  if (id === null) throw notFound('farmers.self_not_registered');
  const [card] = await cardRows(db, village, { farmer: id });
  await recordAudit(db, ctx, { action: 'resident.read', villageCode: village, subject: `resident:${residentId}`, detail: { purpose: 'kartu tani (layanan mandiri)' } });
  return { input: { cards: [faceOf(card!, origin)] } satisfies CardSheetInput, filename: `kartu-tani-${card!.card_code}.pdf` };
}

/** One of the citizen's own receipts; anyone else's is "not found", as is a made-up id. */
export async function myReceipt(ctx: UseCaseContext, id: number) {
  const { village, residentId } = citizenOf(ctx, 'self.farmer');
  const db = ctx.db.kysely;
  const farmerId = await myFarmerId(db, village, residentId);
  const r = farmerId === null ? null : await receipt(db, village, id);
  if (!r || Number(r.farmer_id) !== farmerId) throw notFound('farmers.receipt_not_found');
  return r;
}
