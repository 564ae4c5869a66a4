import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * The village's row of monitoring_surveys counted again from its questionnaires and responses:
 * in the same transaction as every change of a questionnaire's status and every save of a
 * response (a few thousand rows on their index), and by `balai rebuild-rollups`. Counts only.
 */
export async function recountSurveys(trx: Transaction<Database>, village: string) {
  const n = (await sql<{ questionnaires: number; open: number; responses: number; complete: number }>`select
      (select count(*)::int from survey_questionnaires where village_code = ${village}) as questionnaires,
      (select count(*)::int from survey_questionnaires where village_code = ${village} and status = 'open') as open,
      (select count(*)::int from survey_responses where village_code = ${village}) as responses,
      (select count(*)::int from survey_responses where village_code = ${village} and complete) as complete`.execute(trx)).rows[0]!;
  // The time as a value: Citus runs no now() in the update of a distributed table.
  await sql`insert into monitoring_surveys (village_code, questionnaires, open, responses, complete, updated_at)
    values (${village}, ${n.questionnaires}, ${n.open}, ${n.responses}, ${n.complete}, ${new Date()}::timestamptz)
    on conflict (village_code) do update set questionnaires = excluded.questionnaires, open = excluded.open, responses = excluded.responses,
      complete = excluded.complete, updated_at = excluded.updated_at`.execute(trx);
}

export const rebuildSurveyRollup = recountSurveys;
