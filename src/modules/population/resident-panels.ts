import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../platform/http/env.js';

export interface ResidentPanelInput {
  village: string;
  id: number;
  name: string;
  life_status: number;
  nik_temporary: boolean;
}

/** A section another module adds to the resident page; null when it has nothing for this viewer. */
export type ResidentPanel = (c: Context<AppEnv>, resident: ResidentPanelInput) => Promise<Child | null> | Child | null;

const panels: ResidentPanel[] = [];

/**
 * Lets a module that builds on population (the citizen's PIN, later others) add a section
 * to the resident page, so population never imports it: arrows keep pointing down.
 */
export function addResidentPanel(panel: ResidentPanel): void {
  if (!panels.includes(panel)) panels.push(panel);
}

export async function renderResidentPanels(c: Context<AppEnv>, resident: ResidentPanelInput): Promise<Child[]> {
  const out = await Promise.all(panels.map((p) => p(c, resident)));
  return out.filter((x) => x !== null && x !== undefined);
}
