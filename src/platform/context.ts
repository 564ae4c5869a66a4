import type { Actor } from './access/access.js';
import type { Db } from './db/connect.js';
import type { Lang } from './i18n/i18n.js';

/** What a use case gets from its caller (an HTTP request, the CLI, a test). */
export interface UseCaseContext {
  db: Db;
  actor: Actor | null;
  /** Client address, for the audit log; 'cli' from the command line. */
  ip: string;
  lang: Lang;
}
