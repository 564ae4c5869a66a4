import type { UseCaseContext } from '../../platform/context.js';

/** A tile another module adds to the citizen's home page (/warga); null when it has nothing for this citizen. */
export type CitizenHomeLink = (ctx: UseCaseContext, me: { village: string; residentId: number }) => Promise<{ href: string; label: { id: string; en: string } } | null>;

const links: CitizenHomeLink[] = [];

/**
 * Lets a module built on self-service (the farmer card, later others) offer the citizen a link
 * from the home page only when it concerns them, so citizen never imports it: arrows keep
 * pointing down. Each link should cost one indexed query at most: the home page is the most visited.
 */
export function addCitizenHomeLink(link: CitizenHomeLink): void {
  if (!links.includes(link)) links.push(link);
}

export async function citizenHomeLinks(ctx: UseCaseContext, me: { village: string; residentId: number }, lang: 'id' | 'en') {
  const found = await Promise.all(links.map((l) => l(ctx, me)));
  return found.filter((l) => l !== null).map((l) => ({ href: l.href, label: l.label[lang] }));
}
