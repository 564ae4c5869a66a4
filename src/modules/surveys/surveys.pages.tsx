import type { Context } from 'hono';
import { access } from '../../platform/access/route-access.js';
import { noStore, privateFile, XLSX } from '../../platform/http/download.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import type { Router } from '../../platform/http/router.js';
import { fillForm, nextSubject, saveAnswers, subjects } from './fill.service.js';
import { surveyDashboard } from './figures.service.js';
import { addQuestion, arrangeQuestion, copyTemplate, createQuestionnaire, editQuestion, editQuestionnaire, listQuestionnaires, questionnaire, setStatus } from './questionnaires.service.js';
import { responsesWorkbook, summaryWorkbook, surveyResults } from './results.service.js';
import { BuilderPage, FillPage, ResultsPage, SubjectsPage, SurveyFiguresPage, surveyBase, SurveyListPage, type SurveyMsg } from './views/pages.js';

type Status = 200 | 400 | 404 | 409;
const statusOf = (s: number): Status => ([400, 404, 409].includes(s) ? (s as Status) : 400);

/**
 * The village's questionnaires (issue 18, item 4: analisis / bank data desa).
 * /desa/<kode>/survei (the list, "Salin dari contoh", a new one), /survei/<id> (the builder),
 * /survei/<id>/isi (the subjects and the progress), /survei/<id>/isi/<subjek> (the phone form),
 * /survei/<id>/hasil (+ .xlsx, the summary) and /survei/<id>/jawaban.xlsx (every response, audited);
 * the levels above: /pantau/<kode>/survei, counts only.
 */
export function registerSurveyPages(app: Router) {
  const fill = access({ permission: 'survey.fill', scope: 'village' }, { login: '/masuk' });
  const fillWrite = access({ permission: 'survey.fill', scope: 'village' });
  const manage = access({ permission: 'survey.manage', scope: 'village' });
  const read = access({ permission: 'survey.read', scope: 'village' }, { login: '/masuk' });
  const readFile = access({ permission: 'survey.read', scope: 'village' });
  const figures = access({ permission: 'monitoring.read', scope: 'village' }, { login: '/masuk' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const id = (c: Context<AppEnv>) => c.req.param('id')!;

  const listPage = async (c: Context<AppEnv>, msg: SurveyMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<SurveyListPage c={c} view={await listQuestionnaires(c.get('ctx'), code(c))} msg={msg} />, status);
  };
  app.get('/desa/:code/survei', fill, (c) => listPage(c, { ok: c.req.query('ok') === '1' }));
  for (const [path, act] of [['', createQuestionnaire], ['/salin', copyTemplate]] as const) {
    app.post(`/desa/:code/survei${path}`, manage, async (c) => {
      const f = await formFields(c);
      try {
        const made = await act(c.get('ctx'), code(c), f);
        return c.redirect(`${surveyBase(code(c))}/${made.id}?ok=1`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return listPage(c, { error: p.message, values: f }, statusOf(p.status));
      }
    });
  }

  const builderPage = async (c: Context<AppEnv>, msg: SurveyMsg & { question?: number }, status: Status = 200) => {
    noStore(c);
    return c.html(<BuilderPage c={c} view={await questionnaire(c.get('ctx'), code(c), id(c))} msg={msg} />, status);
  };
  const here = (c: Context<AppEnv>) => `${surveyBase(code(c))}/${id(c)}`;
  app.get('/desa/:code/survei/:id{[0-9]+}', fill, (c) => builderPage(c, { ok: c.req.query('ok') === '1' }));
  /** A builder's form: done, back to the builder (at the question); refused, the builder with the message and what was typed. */
  const builderPost = (path: string, question: (c: Context<AppEnv>) => number, act: (c: Context<AppEnv>, f: Record<string, string>) => Promise<unknown>, anchor = '') => {
    app.post(`/desa/:code/survei/:id{[0-9]+}${path}`, manage, async (c) => {
      const f = await formFields(c);
      try {
        await act(c, f);
        return c.redirect(`${here(c)}?ok=1${anchor && c.req.param('qid') ? `#q${c.req.param('qid')}` : ''}`, 303);
      } catch (err) {
        const p = formProblem(c, err);
        return builderPage(c, { error: p.message, values: f, question: question(c) }, statusOf(p.status));
      }
    });
  };
  builderPost('/ubah', () => -1, (c, f) => editQuestionnaire(c.get('ctx'), code(c), id(c), f));
  builderPost('/status', () => -2, (c, f) => setStatus(c.get('ctx'), code(c), id(c), f.status));
  builderPost('/pertanyaan', () => 0, (c, f) => addQuestion(c.get('ctx'), code(c), id(c), f));
  builderPost('/pertanyaan/:qid{[0-9]+}', (c) => Number(c.req.param('qid')), (c, f) => editQuestion(c.get('ctx'), code(c), id(c), c.req.param('qid'), f), 'q');
  for (const [path, step] of [['naik', 'up'], ['turun', 'down'], ['hapus', 'remove']] as const) {
    builderPost(`/pertanyaan/:qid{[0-9]+}/${path}`, () => -2, (c) => arrangeQuestion(c.get('ctx'), code(c), id(c), c.req.param('qid'), step));
  }

  app.get('/desa/:code/survei/:id{[0-9]+}/isi', fill, async (c) => {
    noStore(c);
    const view = await subjects(c.get('ctx'), code(c), id(c), { q: c.req.query('q'), wilayah: c.req.query('wilayah'), status: c.req.query('status'), page: c.req.query('page') });
    return c.html(<SubjectsPage c={c} view={view} msg={{ ok: c.req.query('ok') !== undefined, state: c.req.query('ok') }} />);
  });
  const formPage = async (c: Context<AppEnv>, msg: SurveyMsg, status: Status = 200) => {
    noStore(c);
    return c.html(<FillPage c={c} view={await fillForm(c.get('ctx'), code(c), id(c), c.req.param('subject'))} msg={msg} />, status);
  };
  app.get('/desa/:code/survei/:id{[0-9]+}/isi/:subject{[0-9]+}', fill, (c) => formPage(c, { ok: c.req.query('ok') !== undefined, state: c.req.query('ok') }));
  app.post('/desa/:code/survei/:id{[0-9]+}/isi/:subject{[0-9]+}', fillWrite, async (c) => {
    const f = await formFields(c);
    try {
      const saved = await saveAnswers(c.get('ctx'), code(c), id(c), c.req.param('subject'), f);
      if (f.lanjut === '1') {
        const next = await nextSubject(c.get('ctx'), code(c), id(c), c.req.param('subject'));
        return c.redirect(next ? `${here(c)}/isi/${next}?ok=${saved.state}` : `${here(c)}/isi?ok=${saved.state}`, 303);
      }
      return c.redirect(`${here(c)}/isi/${c.req.param('subject')}?ok=${saved.state}`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return formPage(c, { error: p.message, values: f }, statusOf(p.status));
    }
  });

  app.get('/desa/:code/survei/:id{[0-9]+}/hasil', read, async (c) => {
    noStore(c);
    return c.html(<ResultsPage c={c} r={await surveyResults(c.get('ctx'), code(c), id(c), c.req.query('per'))} />);
  });
  app.get('/desa/:code/survei/:id{[0-9]+}/hasil.xlsx', readFile, async (c) => {
    const file = await summaryWorkbook(c.get('ctx'), code(c), id(c), c.req.query('per'));
    return privateFile(c, file.buffer, { type: XLSX, name: file.filename });
  });
  app.get('/desa/:code/survei/:id{[0-9]+}/jawaban.xlsx', readFile, async (c) => {
    const file = await responsesWorkbook(c.get('ctx'), code(c), id(c));
    return privateFile(c, file.buffer, { type: XLSX, name: file.filename });
  });

  app.get('/pantau/:code/survei', figures, async (c) => c.html(<SurveyFiguresPage c={c} d={await surveyDashboard(c.get('ctx'), code(c))} />));
}
