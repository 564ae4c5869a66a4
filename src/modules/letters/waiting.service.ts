import type { UseCaseContext } from '../../platform/context.js';
import { villageScope } from '../villages/index.js';
import * as repo from './letters.repository.js';

export interface LettersWaiting {
  village: string;
  /** Requests nobody has checked yet. */
  toCheck: number;
  /** Checked, waiting for a signature. */
  toSign: number;
  /** Signed, not yet marked ready. */
  toMarkReady: number;
  /** Ready, waiting for the citizen to collect them. */
  toHandOver: number;
}

/** The letter desk's work in numbers, for the home page of the village's officers. */
export async function lettersWaiting(ctx: UseCaseContext, villageInput: string): Promise<LettersWaiting> {
  const village = await villageScope(ctx, villageInput, 'letters.read');
  const rows = await repo.countWaiting(ctx.db.kysely, village);
  const n = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
  return { village, toCheck: n('requested'), toSign: n('checked'), toMarkReady: n('signed'), toHandOver: n('ready') };
}
