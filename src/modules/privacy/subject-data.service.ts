import { accessLogOf } from '../../platform/audit/access-log.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { notFound } from '../../platform/http/errors.js';
import { citizenOf, selfServiceDossier } from '../citizen/index.js';
import { lettersAboutResident } from '../letters/index.js';
import { residentDossier, villageScope } from '../population/index.js';
import { findRegion } from '../regions/index.js';

export type SubjectDataFormat = 'json' | 'pdf';

/**
 * Everything one village holds about one person (UU 27/2022, the data subject's right of
 * access and to a copy): the register's record and family card, population events, letters,
 * correction requests, self-service PIN status (never the hash) and who accessed the record.
 * The export itself is logged against the person, so it shows in their own access log.
 */
async function assemble(ctx: UseCaseContext, village: string, residentId: number, by: 'officer' | 'self', format: SubjectDataFormat) {
  const db = ctx.db.kysely;
  const dossier = await residentDossier(db, village, residentId, ctx.lang);
  if (!dossier) throw notFound('population.resident_not_found');
  const [letters, selfService, region] = await Promise.all([
    lettersAboutResident(db, village, residentId),
    selfServiceDossier(db, village, residentId),
    findRegion(db, village),
  ]);
  // Logged before it is handed over: an export that left is always on record.
  await recordAudit(db, ctx, {
    action: 'resident.export',
    villageCode: village,
    subject: `resident:${residentId}`,
    detail: { format, by, purpose: by === 'self' ? 'permintaan warga sendiri (hak akses)' : 'hak akses subjek data' },
  });
  const accessLog = await accessLogOf(db, village, residentId, { limit: 1000 });
  return {
    format: 'balai-data-subjek',
    version: 1,
    generated_at: new Date().toISOString(),
    requested_by: by,
    controller: { village_code: village, village_name: region?.name ?? village, kind: region?.kind ?? null },
    resident: dossier.record,
    readable: dossier.readable,
    photo: dossier.photo,
    family: dossier.family,
    events: dossier.events,
    letters,
    self_service: selfService,
    access_log: accessLog.map((e) => ({ at: e.at, action: e.action, actor: e.actor, name: e.name, role: e.role, purpose: e.purpose })),
  };
}
export type SubjectData = Awaited<ReturnType<typeof assemble>>;

/** An officer with population.export downloads a resident's data (their request at the office). */
export async function exportResidentData(ctx: UseCaseContext, villageInput: string, residentId: number, format: SubjectDataFormat): Promise<SubjectData> {
  const village = await villageScope(ctx, villageInput, 'population.export');
  return assemble(ctx, village, residentId, 'officer', format);
}

/** A citizen downloads their own data from self-service. */
export async function exportMyData(ctx: UseCaseContext, format: SubjectDataFormat): Promise<SubjectData> {
  const { village, residentId } = citizenOf(ctx);
  return assemble(ctx, village, residentId, 'self', format);
}
