import type { Db } from '../db/connect.js';
import type { UseCaseContext } from '../context.js';
import type { Lang } from '../i18n/i18n.js';

export interface Session {
  tokenHash: string;
  csrfToken: string;
}

/** What every request carries through Hono's context. */
export type AppEnv = {
  Variables: {
    ctx: UseCaseContext;
    lang: Lang;
    session: Session | null;
  };
};

export interface AppServices {
  db: Db;
  secureCookies: boolean;
}
