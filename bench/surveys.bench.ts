import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/platform/access/access.js';
import type { UseCaseContext } from '../src/platform/context.js';
import type { Db } from '../src/platform/db/connect.js';
import { todayInWib } from '../src/platform/format/format.js';
import { HANURA, seedDemo } from '../src/modules/demo/seed-demo.js';
import { populateVillage } from '../src/modules/population/generator.js';
import { copyTemplate, saveAnswers, setStatus } from '../src/modules/surveys/index.js';
import { summaryWorkbook } from '../src/modules/surveys/results.service.js';
import { latency, pageMeasurements, serverTimes, signIn, time, timed, withPglite, withPostgres, type Benchmark, type Measurement } from './harness.js';

/**
 * The village's questionnaires (issue 18, item 4): a village of 12,000 residents whose ~3,000
 * family cards are each a household (bulk SQL), the housing questionnaire copied from its
 * template and opened through the use cases, then answered for every household (bulk SQL: 11
 * answers each, about 33,000). Measured as server time through the pages:
 *  - the results page by dusun and by RT (every answer grouped by the database): ≤ 300 ms p95;
 *  - the fill page (subjects with their state and the progress), first and a deep page;
 *  - saving one household's answers through the use case (rollup recounted in it);
 *  - the summary workbook, written in a worker thread.
 */
const RESIDENTS = Number(process.env.BENCH_SURVEY_RESIDENTS ?? 12_000);
const ROUNDS = 30;
const TARGET_MS = 300;

async function measure(db: Db, log: (l: string) => void): Promise<Measurement[]> {
  await seedDemo(db, { population: false, citizen: false });
  const k = db.kysely;
  const op = await k.selectFrom('users').select('id').where('username', '=', 'hanura').executeTakeFirstOrThrow();
  const operator: UseCaseContext = {
    db, ip: 'bench', lang: 'id',
    actor: { kind: 'user', id: op.id, username: 'hanura', fullName: 'hanura', role: 'village_operator' as Actor['role'], regionCode: HANURA, language: 'id' },
  };
  await populateVillage(k, HANURA, { residents: RESIDENTS, seed: 11, asOf: todayInWib(), userId: op.id, actorLabel: 'bench', ip: 'bench' });
  const started = performance.now();
  await sql`insert into households (village_code, number, main_family_id, created_by)
    select village_code, row_number() over (order by id) + coalesce((select max(number) from households where village_code = ${HANURA}), 0), id, ${op.id}
    from families_rows f where village_code = ${HANURA} and status = 'active'
      and not exists (select 1 from household_families hf where hf.village_code = f.village_code and hf.family_id = f.id and hf.removed_at is null)`.execute(k);
  await sql`insert into household_families (village_code, household_id, family_id, added_by)
    select h.village_code, h.id, h.main_family_id, ${op.id} from households h where h.village_code = ${HANURA}
      and not exists (select 1 from household_families hf where hf.village_code = h.village_code and hf.household_id = h.id)`.execute(k);
  const { id } = await copyTemplate(operator, HANURA, { template: 'kondisi-rumah', period: '2026' });
  await setStatus(operator, HANURA, String(id), 'open');
  await sql`insert into survey_responses (village_code, questionnaire_id, household_id, area_id, answered, complete, created_by, updated_by, updated_at)
    select h.village_code, ${id}, h.id, f.area_id, 11, true, ${op.id}, ${op.id}, now() from households h
    join families_rows f on f.village_code = h.village_code and f.id = h.main_family_id where h.village_code = ${HANURA} and h.status = 'active'`.execute(k);
  await sql`insert into survey_answers (village_code, response_id, question_id, value_text, value_number, value_date)
    select r.village_code, r.id, q.id,
      case when q.kind = 'choice' then (1 + (r.id + q.position) % jsonb_array_length(q.options))::text when q.kind = 'text' then 'Catatan ' || r.id end,
      case when q.kind = 'number' then (20 + (r.id * 7 + q.position) % 90)::numeric end,
      case when q.kind = 'date' then current_date - (r.id % 60)::int end
    from survey_responses r join survey_questions q on q.village_code = r.village_code and q.questionnaire_id = r.questionnaire_id
    where r.village_code = ${HANURA} and r.questionnaire_id = ${id}`.execute(k);
  await sql`analyze survey_responses`.execute(k);
  await sql`analyze survey_answers`.execute(k);
  const counts = (await sql<{ responses: number; answers: number }>`select (select count(*)::int from survey_responses where village_code = ${HANURA} and questionnaire_id = ${id}) as responses,
    (select count(*)::int from survey_answers where village_code = ${HANURA}) as answers`.execute(k)).rows[0]!;
  const out: Measurement[] = [{ what: `${counts.responses.toLocaleString('en-US')} household responses with ${counts.answers.toLocaleString('en-US')} answers (bulk SQL)`, database: db.kind, rows: counts.answers, seconds: (performance.now() - started) / 1000, note: 'rows/s = answers/s' }];
  log(`${db.kind}: ${counts.responses} responses, ${counts.answers} answers`);

  const app = createApp({ db, secureCookies: false });
  const officer = await signIn(app, 'hanura');
  const deep = Math.max(1, Math.floor(counts.responses / 25 / 2));
  const base = `/desa/${HANURA}/survei/${id}`;
  for (const [what, path] of [[`results page by dusun (${counts.responses.toLocaleString('en-US')} responses), server time`, `${base}/hasil`], ['results page by RT, server time', `${base}/hasil?per=rt`]] as const) {
    out.push(latency(db.kind, what, await serverTimes(app, path, { cookie: officer }, ROUNDS), TARGET_MS, log));
  }
  const pages: [string, string, string][] = [
    ['fill page: subjects with their state and the progress, first page', `${base}/isi`, officer],
    [`fill page, page ${deep}`, `${base}/isi?page=${deep}`, officer],
    ['fill page, households not complete (none left)', `${base}/isi?status=sebagian`, officer],
  ];
  out.push(...(await pageMeasurements(app, db.kind, pages, ROUNDS, log)));

  const households = (await k.selectFrom('households').select('id').where('village_code', '=', HANURA).orderBy('number').limit(ROUNDS + 3).execute()).map((h) => String(h.id));
  const qs = await k.selectFrom('survey_questions').select(['id', 'kind']).where('village_code', '=', HANURA).where('questionnaire_id', '=', id).orderBy('position').execute();
  const form = (i: number) => Object.fromEntries(qs.map((q) => [`a_${q.id}`, q.kind === 'choice' ? String(1 + (i % 2)) : q.kind === 'number' ? String(1 + (i % 5)) : q.kind === 'date' ? todayInWib() : `Catatan ${i}`]));
  for (let i = 0; i < 3; i++) await saveAnswers(operator, HANURA, String(id), households[i]!, form(i));
  out.push(latency(db.kind, 'saving one household\'s 11 answers (replaced, rollup recounted)', await timed(ROUNDS, (i) => saveAnswers(operator, HANURA, String(id), households[i + 3]!, form(i + 1))), null, log));
  const { seconds } = await time(() => summaryWorkbook(operator, HANURA, String(id), 'rt'));
  out.push({ what: 'summary workbook by RT (worker thread)', database: db.kind, rows: counts.responses, seconds, note: 'rows/s = responses/s' });
  return out;
}

export const benchmark: Benchmark = {
  name: 'surveys',
  description: `the village data bank: results of the housing questionnaire for ~3,000 households (≤ ${TARGET_MS} ms p95), the fill page, one save, the summary workbook`,
  async run(log) {
    const engines = (process.env.BENCH_ENGINES ?? 'postgresql,pglite').split(',');
    const a = engines.includes('postgresql') ? ((await withPostgres((db) => measure(db, log), log)) ?? []) : [];
    const b = engines.includes('pglite') ? await withPglite((db) => measure(db, log)) : [];
    return [...a, ...b];
  },
};
