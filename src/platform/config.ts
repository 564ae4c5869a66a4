import { join } from 'node:path';
import { projectRoot } from './paths.js';

export interface Config {
  port: number;
  /** PostgreSQL when set; otherwise the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Create the demo on start: default on for a new embedded database, off for PostgreSQL. */
  demo: 'auto' | 'yes' | 'no';
  /** Send cookies with `Secure` (behind HTTPS in production). */
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.BALAI_DEMO === '1' || env.BALAI_DEMO === 'yes' ? 'yes' : env.BALAI_DEMO === '0' || env.BALAI_DEMO === 'no' ? 'no' : 'auto';
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? join(projectRoot, 'data'),
    demo,
    secureCookies: env.COOKIE_SECURE === '1' || env.NODE_ENV === 'production',
  };
}
