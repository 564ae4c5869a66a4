import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../platform/http/env.js';

/** A section another module adds to the public budget page (the projects of the year); null when it has none. */
export type PublicBudgetSection = (c: Context<AppEnv>, village: string, year: number) => Promise<Child | null> | Child | null;

const sections: PublicBudgetSection[] = [];

/**
 * Lets a module that builds on the budget (projects) add to the public budget page, so the
 * budget never imports it: arrows keep pointing down.
 */
export function addPublicBudgetSection(section: PublicBudgetSection): void {
  if (!sections.includes(section)) sections.push(section);
}

export async function renderPublicBudgetSections(c: Context<AppEnv>, village: string, year: number): Promise<Child[]> {
  const out = await Promise.all(sections.map((s) => s(c, village, year)));
  return out.filter((x) => x !== null && x !== undefined);
}
