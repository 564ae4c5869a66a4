/**
 * The feed's cursor: a position in its order (the change's time, its village, its id),
 * opaque to clients — base64url of `1|<time>|<village>|<id>`. The leading 1 is the format's
 * version, so the form can change without breaking the cursors clients hold.
 */
export interface FeedPosition {
  /** ISO time with microseconds, UTC: `2026-12-07T08:15:30.123456Z`. */
  at: string;
  village: string;
  /** The change_feed id, as text (a bigint). */
  id: string;
}

const FORMAT = /^1\|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{2}(?:\.\d{2}){0,2}(?:\.\d{4})?|)\|(\d{1,19})$/;
const MAX_ID = 9223372036854775807n;

export function encodeCursor(p: FeedPosition): string {
  return Buffer.from(`1|${p.at}|${p.village}|${p.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or null for anything Balai did not give out. */
export function decodeCursor(cursor: string): FeedPosition | null {
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const m = FORMAT.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) return null;
  const [, at, village, id] = m as unknown as [string, string, string, string];
  // A time the calendar has (PostgreSQL would refuse 31 February with a server error).
  const time = new Date(at);
  if (Number.isNaN(time.getTime()) || time.toISOString().slice(0, 19) !== at.slice(0, 19) || BigInt(id) > MAX_ID) return null;
  return { at, village, id };
}

/** Which of two positions comes later in the feed's order. */
export function laterOf(a: FeedPosition, b: FeedPosition): FeedPosition {
  if (a.at !== b.at) return a.at > b.at ? a : b;
  if (a.village !== b.village) return a.village > b.village ? a : b;
  return BigInt(a.id) >= BigInt(b.id) ? a : b;
}
