import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { writeWithAudit } from '../../platform/audit/audit.js';
import { villageScope } from '../villages/index.js';
import { userIdOf } from '../../platform/access/access.js';
import type { UseCaseContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { badRequest } from '../../platform/http/errors.js';
import { zodIssueToError } from '../../platform/http/validation.js';
import * as repo from './letters.repository.js';
import { checkNumberPattern, DEFAULT_NUMBER_PATTERN } from './numbering.js';

export interface LetterSettings {
  number_pattern: string;
  number_scope: 'village_year' | 'type_year';
  paper: 'A4' | 'F4';
  citizen_download: boolean;
  staff_number_label: string;
  /** The official who checked a request may also sign it: for villages with few officials, off by default. */
  checker_may_sign: boolean;
}

export const DEFAULT_SETTINGS: LetterSettings = {
  number_pattern: DEFAULT_NUMBER_PATTERN,
  number_scope: 'village_year',
  paper: 'A4',
  citizen_download: true,
  staff_number_label: 'NIPD',
  checker_may_sign: false,
};

export async function settingsOf(db: Kysely<Database> | Transaction<Database>, village: string): Promise<LetterSettings> {
  const row = await repo.findSettings(db, village);
  return row
    ? { number_pattern: row.number_pattern, number_scope: row.number_scope, paper: row.paper, citizen_download: row.citizen_download, staff_number_label: row.staff_number_label, checker_may_sign: row.checker_may_sign }
    : DEFAULT_SETTINGS;
}

export async function getLetterSettings(ctx: UseCaseContext, villageInput: string) {
  const village = await villageScope(ctx, villageInput, 'letters.read');
  return settingsOf(ctx.db.kysely, village);
}

export const LetterSettingsInput = z.object({
  number_pattern: z.string().trim().min(1).max(80),
  number_scope: z.enum(['village_year', 'type_year']),
  paper: z.enum(['A4', 'F4']),
  citizen_download: z.boolean(),
  staff_number_label: z.string().trim().min(1).max(20),
  checker_may_sign: z.boolean().default(false),
});

/**
 * Numbering and paper of the village's letters. Changing the scope mid-year starts the new
 * counters at 1 — numbers already given stay as they are (each is unique within its scope).
 */
export async function saveLetterSettings(ctx: UseCaseContext, villageInput: string, input: unknown) {
  const village = await villageScope(ctx, villageInput, 'letters.configure');
  const parsed = LetterSettingsInput.safeParse(input);
  if (!parsed.success) throw zodIssueToError(parsed.error, ctx.lang);
  const s = parsed.data;
  const check = checkNumberPattern(s.number_pattern);
  if (!check.ok) {
    const key = check.problem === 'missing_number' ? 'letters.pattern_missing_number' : check.problem === 'unknown_token' ? 'letters.pattern_unknown_token' : 'letters.pattern_invalid';
    throw badRequest(key, 'number_pattern', { token: check.token ?? '' });
  }
  await writeWithAudit(ctx, async (trx, audit) => {
    await repo.upsertSettings(trx, village, { ...s, updated_by: userIdOf(ctx.actor) });
    await audit({ action: 'letter_settings.update', villageCode: village, detail: { ...s } });
  });
  return s;
}
