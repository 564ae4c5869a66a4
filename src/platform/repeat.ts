/**
 * Runs `work` every `everyMs` in the background (a failed run is tried again next time, never
 * logged as the server's error); the timer never keeps the process alive. Returns the stop.
 */
export function repeatEvery(everyMs: number, work: () => Promise<unknown>): () => void {
  const timer = setInterval(() => {
    work().catch(() => {});
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
