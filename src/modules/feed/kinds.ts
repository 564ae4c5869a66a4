import { can, type Actor } from '../../platform/access/access.js';

/**
 * What the change feed carries, in three groups, and who may read each: population events for
 * whoever sees population figures, issued and revoked letters for whoever sees letter figures,
 * budget postings for whoever reads the budget or the dashboards of the scope. Names and NIKs
 * are a further permission (feed.service.ts).
 */
export const FEED_GROUPS = ['population', 'letter', 'budget'] as const;
export type FeedGroup = (typeof FEED_GROUPS)[number];

/** Every kind a client may ask for by name (a population event kind added later is still fed under its group). */
export const FEED_KINDS = [
  'population.registration', 'population.birth', 'population.death', 'population.move_in', 'population.move_out',
  'population.lost', 'population.temporary_departure', 'population.return', 'population.correction', 'population.family_change',
  'letter.issued', 'letter.revoked', 'budget.realisation', 'budget.treasury',
] as const;

export const groupOf = (kind: string): FeedGroup => kind.slice(0, kind.indexOf('.')) as FeedGroup;

/** The groups this actor may read at all. */
export function readableGroups(actor: Actor | null): FeedGroup[] {
  const out: FeedGroup[] = [];
  if (can(actor, 'population.statistics')) out.push('population');
  if (can(actor, 'letters.statistics')) out.push('letter');
  if (can(actor, 'budget.read') || can(actor, 'monitoring.read')) out.push('budget');
  return out;
}

export interface KindFilter {
  groups: FeedGroup[];
  kinds: string[];
}

/**
 * `kinds=population,letter.issued` → the groups and single kinds asked for; null for a name
 * that is neither (the caller answers 400 naming it). Empty asks for everything readable.
 */
export function parseKinds(input: string | undefined): KindFilter | { unknown: string } {
  const groups = new Set<FeedGroup>();
  const kinds = new Set<string>();
  for (const raw of (input ?? '').split(',')) {
    const name = raw.trim();
    if (!name) continue;
    if ((FEED_GROUPS as readonly string[]).includes(name)) groups.add(name as FeedGroup);
    else if ((FEED_KINDS as readonly string[]).includes(name)) kinds.add(name);
    else return { unknown: name.slice(0, 40) };
  }
  return { groups: [...groups], kinds: [...kinds].filter((k) => !groups.has(groupOf(k))) };
}
