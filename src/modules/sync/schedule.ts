import type { Db } from '../../platform/db/connect.js';
import { copyLink, syncOnce } from './copy-sync.js';

/**
 * On a village's copy, a sync round every few minutes (BALAI_SYNC_MINUTES, 5 by default) and
 * shortly after start; nothing on an installation that is not a copy. A failed round (no
 * signal) is only noted on the sync page: the changes wait, and the next round sends them.
 */
/** Minutes between two rounds on a copy. */
export const syncMinutes = (env: NodeJS.ProcessEnv = process.env) => Math.max(1, Number(env.BALAI_SYNC_MINUTES ?? 5) || 5);

export function startSyncSchedule(db: Db, env: NodeJS.ProcessEnv = process.env): () => Promise<void> {
  const minutes = syncMinutes(env);
  let current: Promise<unknown> = Promise.resolve();
  const round = async () => {
    const copy = await copyLink(db).catch(() => undefined);
    if (!copy) return;
    current = syncOnce(db)
      .then((r) => console.log(`[balai] sinkron: ${r.pushed.sent} perubahan terkirim, ${r.pulled.rows} baris diperbarui dari server, ${r.pushed.conflicts + r.pushed.refused} bentrokan (${r.seconds.toFixed(1)} s)`))
      .catch((err) => console.warn(`[balai] sinkron gagal: ${err instanceof Error ? err.message : String(err)}`));
    await current;
  };
  const first = setTimeout(round, 10_000);
  const timer = setInterval(round, minutes * 60_000);
  first.unref();
  timer.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await current;
  };
}
