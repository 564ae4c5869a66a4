import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInWib } from '../../platform/format/format.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';

const V = '18.09.10.2004'; // Hanura: the demo's plans, adopted APBDes, proposals, Musdes and road project
const YEAR = Number(todayInWib().slice(0, 4));
let t: TestApp;
let treasurer: Client;
let secretary: Client;
let district: Client;

beforeAll(async () => {
  t = await createTestApp();
  [treasurer, secretary, district] = await Promise.all(['bendahara.hanura', 'sekdes.hanura', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const data = async (res: Response) => {
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { data: never }).data;
};

describe('the budget, plans and projects API (read-only)', () => {
  it('gives the budget with money as exact whole-rupiah strings, its totals the sum of its lines', async () => {
    const budgets: { id: number; year: number; status: string; spending: string }[] = await data(await treasurer.get(`/api/v1/villages/${V}/budgets`));
    const adopted = budgets.find((b) => b.year === YEAR && b.status === 'adopted')!;
    expect(adopted.spending).toBe('1158300000');
    const one: { lines: { account_code: string; amount: string }[]; totals: Record<string, string>; blt: { over: boolean; cap_percent: string } } = await data(await treasurer.get(`/api/v1/villages/${V}/budgets/${adopted.id}`));
    const sum = (prefix: string) => one.lines.filter((l) => l.account_code.startsWith(prefix)).reduce((s, l) => s + BigInt(l.amount), 0n).toString();
    expect([one.totals.income, one.totals.spending, one.totals.remainder]).toEqual([sum('4.'), sum('5.'), '0']);
    expect(one.blt).toMatchObject({ over: false, cap_percent: '15.00' });
    const report: { totals: { spending: { budget: string; realised: string } } } = await data(await treasurer.get(`/api/v1/villages/${V}/realisation?tahun=${YEAR}&periode=s1`));
    expect(report.totals.spending).toEqual({ budget: '1158300000', realised: '0' });
    // The district sees the budget on dashboards, not the village's working records.
    expect((await district.get(`/api/v1/villages/${V}/budgets`)).status).toBe(403);
    // Everyone sees the budget in force, without who prepared it.
    const pub = await t.anonymous.get(`/api/v1/public/villages/${V}/budget`);
    const body = await pub.clone().text();
    const shown: { income_by_source: { name: string; amount: string }[] } = await data(pub);
    expect(shown.income_by_source.find((f) => f.name === 'Dana Desa')!.amount).toBe('1024000000');
    expect(body).not.toContain('Dewi Lestari');
  });

  it('gives the plans, the proposals and meetings, and the projects', async () => {
    const plans: { plans: { id: number; kind: string; first_year: number }[] } = await data(await secretary.get(`/api/v1/villages/${V}/plans`));
    expect(plans.plans.map((p) => `${p.kind} ${p.first_year}`).sort()).toEqual([`rkpdes ${YEAR}`, `rpjmdes ${YEAR - 1}`]);
    const rkpdes: { activities: { cost: string }[]; total: string } = await data(await secretary.get(`/api/v1/villages/${V}/plans/${plans.plans.find((p) => p.kind === 'rkpdes')!.id}`));
    expect(rkpdes.activities).toHaveLength(5);
    expect(rkpdes.total).toBe(rkpdes.activities.reduce((s, a) => s + BigInt(a.cost), 0n).toString());
    const proposals: { proposals: unknown[]; meetings: { id: number; attendees: number }[] } = await data(await secretary.get(`/api/v1/villages/${V}/proposals?tahun=${YEAR + 1}`));
    expect(proposals.proposals).toHaveLength(4);
    const meeting: { attendees: unknown[]; meeting: { status: string } } = await data(await secretary.get(`/api/v1/villages/${V}/meetings/${proposals.meetings[0]!.id}`));
    expect(meeting).toMatchObject({ attendees: [], meeting: { status: 'open' } });
    const projects: { projects: { id: number; name: string; budget: string }[] } = await data(await secretary.get(`/api/v1/villages/${V}/projects?tahun=${YEAR}`));
    expect(projects.projects.map((p) => [p.name, p.budget])).toEqual([['Rabat beton jalan Dusun II', '483000000']]);
    const project: { reports: { progress: string; photos: unknown[] }[] } = await data(await t.anonymous.get(`/api/v1/public/villages/${V}/projects/${projects.projects[0]!.id}`));
    expect(project.reports).toEqual([expect.objectContaining({ progress: '0.00', photos: [] })]);
  });
});
