import type { Kysely } from 'kysely';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { formatNumber, formatRupiah } from '../../platform/format/format.js';
import { notFound } from '../../platform/http/errors.js';
import type { MeetingList } from '../planning/index.js';
import { maskNik } from '../population/index.js';
import { villageInScope } from '../villages/index.js';
import * as repo from './assistance.repository.js';
import { TARGETS } from './catalog.js';
import type { Reason } from './rules.js';
import { reasonText } from './views/programme-pages.js';

/**
 * What a musdesus's berita acara prints: the programme it met for and the list it adopted, each
 * name with its masked NIK, dusun and reasons (the record is in Bahasa Indonesia).
 */
export async function musdesusList(db: Kysely<Database>, village: string, meetingId: number): Promise<MeetingList | null> {
  const found = await repo.programmeByMeeting(db, village, meetingId);
  if (!found) return null;
  const p = (await repo.findProgramme(db, village, Number(found.id)))!;
  const list = await repo.withHeads(db, village, p.target, await repo.recipientRows(db, village, p.id, ['adopted', 'ended']));
  return {
    purpose: `untuk membahas dan menetapkan daftar penerima ${p.name} tahun ${p.year} (${TARGETS[p.target].id.toLowerCase()}, ${formatRupiah(p.amount)} per periode)`,
    heading: `Daftar penerima ${p.name} tahun ${p.year} yang ditetapkan (${formatNumber(list.length)} ${TARGETS[p.target].id.toLowerCase()})`,
    columns: ['No.', 'Nama (kepala)', 'NIK', 'Dusun', 'Alasan'],
    rows: list.map((r, i) => [String(i + 1), r.name ?? '—', r.nik ? maskNik(r.nik) : '', r.area ?? '', (r.reasons as Reason[]).map((x) => reasonText(x, 'id')).join(', ')]),
    widths: [10, 34, 28, 50],
  };
}

export async function programmeOfMeeting(ctx: UseCaseContext, villageInput: string, meetingId: number) {
  const village = await villageInScope(ctx, villageInput, 'assistance.read');
  const found = await repo.programmeByMeeting(ctx.db.kysely, village.village_code, meetingId);
  if (!found) throw notFound('assistance.not_found');
  return Number(found.id);
}
