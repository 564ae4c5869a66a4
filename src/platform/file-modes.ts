import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded database and its backups hold every resident's data: on a shared village
 * computer no other account may read or change them. What the process creates is owner-only
 * (umask 077); a directory left wider by an older version or by hand is reported at start.
 */
const OWNER_ONLY_UMASK = 0o077;

export function ownerOnlyFiles(): void {
  process.umask(OWNER_ONLY_UMASK);
}

/** Creates the directory owner-only when missing; when it exists and others may enter it, the warning to print. */
export function ensurePrivateDir(dir: string): string | null {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return null;
  }
  const mode = statSync(dir).mode & 0o777;
  if (!(mode & 0o077)) return null;
  return [
    `PERINGATAN: folder ${dir} (mode ${mode.toString(8).padStart(4, '0')}) dapat dibuka akun lain di komputer ini, dan data pribadi warga ada di sana.`,
    `  Perbaiki dengan: chmod -R go-rwx '${dir}'`,
    `  WARNING: other accounts on this computer can open ${dir}; run the command above.`,
  ].join('\n');
}

/**
 * PGlite (Emscripten's file system) creates the database's files with mode 0666 whatever the
 * umask; the owner-only directory keeps others out, and this takes the bits off the files too.
 * Returns how many were tightened.
 */
export function tightenFiles(dir: string, limit = 100_000): number {
  let changed = 0;
  const stack = [dir];
  for (let seen = 0; stack.length && seen < limit; seen++) {
    const path = stack.pop()!;
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
    if (st.mode & 0o077 && (st.isFile() || st.isDirectory())) {
      chmodSync(path, st.mode & 0o700);
      changed++;
    }
  }
  return changed;
}
