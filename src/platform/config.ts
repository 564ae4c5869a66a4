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
  /** BALAI_PUBLIC_URL: the addresses Balai is reached at, the first the default (letters' QR links). */
  publicUrls: string[];
}

/** A setting the server cannot start with; the message says which and what to write. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const demo = env.BALAI_DEMO === '1' || env.BALAI_DEMO === 'yes' ? 'yes' : env.BALAI_DEMO === '0' || env.BALAI_DEMO === 'no' ? 'no' : 'auto';
  const publicUrls = parsePublicUrls(env.BALAI_PUBLIC_URL);
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? join(projectRoot, 'data'),
    demo,
    secureCookies: env.COOKIE_SECURE === '1' || env.NODE_ENV === 'production',
    publicUrls,
  };
}

/**
 * What only the server needs: a link printed in a letter lives for years, so in production it
 * must never come from a request's Host header, which whoever sends the request chooses.
 */
export function checkServerConfig(config: Config, env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production' && !config.publicUrls.length)
    throw new ConfigError(
      'BALAI_PUBLIC_URL wajib diisi di produksi (NODE_ENV=production): alamat yang dicetak di kode QR surat, ' +
        'mis. BALAI_PUBLIC_URL=https://balai.lampungprov.go.id (beberapa alamat dipisah koma, yang pertama bawaannya). ' +
        "/ BALAI_PUBLIC_URL is required in production: the address printed in letters' QR codes.",
    );
}

/** `https://a.go.id, https://b.desa.id/` → their origins; anything but an http(s) origin is refused by name. */
export function parsePublicUrls(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return entries.map((entry) => {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {}
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
      throw new ConfigError(`BALAI_PUBLIC_URL: "${entry.slice(0, 100)}" bukan alamat seperti https://balai.contoh.go.id / is not an address like https://balai.example.go.id`);
    return url.origin;
  });
}
