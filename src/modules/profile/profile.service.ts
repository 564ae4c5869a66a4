import { can, userIdOf } from '../../platform/access/access.js';
import { writeWithAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { violatedUniqueIndex } from '../../platform/db/unique-violation.js';
import { todayInWib } from '../../platform/format/format.js';
import { badRequest, conflict, forbidden } from '../../platform/http/errors.js';
import { clean, yearOf } from '../../platform/http/text-input.js';
import { villageInScope } from '../villages/index.js';
import { MANUAL_ITEMS, MANUAL_KEYS, manualItem } from './catalog.js';
import { fillProfile } from './fill.js';
import { typedValue } from './manual-input.js';
import * as repo from './profile.repository.js';
import { gatherSources } from './sources.js';

/**
 * The village's ministry profile (Prodeskel and SDGs Desa) for one year: read by the village's
 * officials and the levels above (counts only, no personal data, so no access-log entry), typed
 * by the village office. Figures of the current year are today's; of a past year, the register
 * as it stood on 31 December (the statistics page's figures on that day).
 */

/** The profile's year: this year when not given; never a year still to come. */
export function profileYear(input: string | undefined, today = todayInWib()): number {
  const now = Number(today.slice(0, 4));
  if (input === undefined || input.trim() === '') return now;
  const year = yearOf(input, 'tahun');
  if (year > now) throw badRequest('profile.future_year', 'tahun', { year: now });
  return year;
}

/** The day a year's figures are counted on: today for this year, the year's last day before. */
export const asOfFor = (year: number, today = todayInWib()) => (String(year) === today.slice(0, 4) ? today : `${year}-12-31`);

/** The manual items with their value now: what the form shows and the completeness counts. */
function manualState(typed: Awaited<ReturnType<typeof repo.typedValues>>) {
  return MANUAL_ITEMS.map((item) => ({ ...item, typed: typed.get(item.manual.key) ?? null }));
}
export type ManualState = ReturnType<typeof manualState>[number];

export async function villageProfile(ctx: UseCaseContext, villageInput: string, yearInput?: string) {
  const village = await villageInScope(ctx, villageInput, 'profile.read');
  const code = village.village_code;
  const today = todayInWib();
  const year = profileYear(yearInput, today);
  const asOf = asOfFor(year, today);
  const [sources, typed] = await Promise.all([gatherSources(ctx, code, year, asOf), repo.typedValues(ctx.db.kysely, code, year)]);
  const sections = fillProfile({ code, year, asOf, today, sources, typed });
  const manual = manualState(typed);
  return {
    village, year, asOf, today, sections, manual,
    filled: manual.filter((m) => m.typed).length,
    canWrite: can(ctx.actor, 'profile.write', code),
  };
}
export type VillageProfile = Awaited<ReturnType<typeof villageProfile>>;

export interface ValueInput { tahun?: string; indikator?: string; nilai?: string; revisi?: string }

/**
 * Types or corrects one item for a year. A correction is a new revision: the earlier value stays
 * (and is in the audit log with who typed it). `revisi`, the revision the form showed, refuses a
 * save over a change someone else made meanwhile; the same value again changes nothing.
 */
export async function saveProfileValue(ctx: UseCaseContext, villageInput: string, input: ValueInput) {
  const village = await villageInScope(ctx, villageInput, 'profile.write');
  const code = village.village_code;
  const year = profileYear(input.tahun);
  const item = manualItem(clean(input.indikator));
  if (!item) throw badRequest('validation.choice', 'indikator');
  const first = item.answers[0]!.indicator;
  const field = `${item.answers.map((a) => a.indicator.code).join(' / ')} ${first.label}${item.unit ? ` (${item.unit})` : ''}`;
  const value = typedValue(item.manual, input.nilai, field);
  const userId = userIdOf(ctx.actor);
  if (userId === null) throw forbidden();
  const seen = clean(input.revisi);
  return writeWithAudit(ctx, async (trx, audit) => {
    const latest = await repo.latestRevision(trx, code, year, item.manual.key);
    if (seen !== '' && /^\d{1,9}$/.test(seen) && Number(seen) !== latest) throw conflict('profile.changed_meanwhile', field);
    if (latest > 0) {
      const now = (await repo.typedValues(trx, code, year)).get(item.manual.key);
      if (now && now.value_text === value.value_text && (now.value_number === null ? null : Number(now.value_number)) === (value.value_number === null ? null : Number(value.value_number))) {
        return { revision: latest, changed: false };
      }
    }
    const revision = latest + 1;
    try {
      await repo.insertValue(trx, { village_code: code, year, indicator: item.manual.key, revision, ...value, entered_by: userId });
    } catch (err) {
      if (violatedUniqueIndex(err) === 'village_profile_values_pkey') throw conflict('profile.changed_meanwhile', field);
      throw err;
    }
    await repo.recountFilled(trx, code, year, MANUAL_KEYS);
    await audit({
      action: latest === 0 ? 'profile.value.enter' : 'profile.value.correct',
      villageCode: code,
      subject: `profile:${year}:${item.manual.key}`,
      detail: { year, item: item.manual.key, revision, value: value.value_number ?? value.value_text },
    });
    return { revision, changed: true };
  });
}
