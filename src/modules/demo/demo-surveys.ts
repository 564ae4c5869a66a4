import type { UseCaseContext } from '../../platform/context.js';
import { copyTemplate, saveAnswers, setStatus } from '../surveys/index.js';

/**
 * A questionnaire to look at in the demo village: the housing template copied and opened, and
 * filled for the first households — most of them fully, the last one halfway, as an enumerator
 * leaves a house to come back to — so the results page has bars and the fill page a progress.
 */
export async function seedDemoSurveys(ctx: UseCaseContext, village: string, households: number[], today: string) {
  const { id } = await copyTemplate(ctx, village, { template: 'kondisi-rumah', period: today.slice(0, 4) });
  await setStatus(ctx, village, String(id), 'open');
  const questions = await ctx.db.kysely.selectFrom('survey_questions').select(['id', 'kind', 'options']).where('village_code', '=', village).where('questionnaire_id', '=', id).orderBy('position').execute();
  for (const [i, household] of households.entries()) {
    const answers: Record<string, string> = {};
    for (const [k, q] of questions.entries()) {
      if (i === households.length - 1 && k > 2) break;
      const key = `a_${q.id}`;
      if (q.kind === 'choice') answers[key] = q.options![(i + k) % 5 === 0 ? q.options!.length - 1 : (i + k) % 2]!.code;
      else if (q.kind === 'number') answers[key] = String(k === 3 ? 36 + (i % 5) * 12 : 1 + (i % 4));
      else if (q.kind === 'date') answers[key] = today;
    }
    await saveAnswers(ctx, village, String(id), String(household), answers);
  }
}
