/**
 * Personal data must not reach logs: a server log is copied, mailed and kept far longer
 * than the data it mentions. These helpers make what is logged safe by construction.
 */

/** A run of exactly 16 digits: a NIK or a KK number. */
const SIXTEEN_DIGITS = /(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)/g;

/** `1809101708859901` → `1809********9901` anywhere in the text (as maskNik shows a NIK). */
export const redactNiks = (text: string): string => text.replace(SIXTEEN_DIGITS, '$1********$2');

/** Every string inside a JSON-like value with its NIKs and KK numbers masked. */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactNiks(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)])) as T;
  }
  return value;
}

/**
 * An error as one safe log line plus its stack frames. A database error keeps its SQLSTATE
 * and the schema object it names, never its message, detail or parameters: PostgreSQL
 * quotes the offending value ("Key (nik)=(…) already exists", "invalid input syntax:
 * \"Budi\""), and PGlite attaches the query's parameters to the error.
 */
export function errorForLog(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown: ${typeof err}`;
  const e = err as Error & Record<string, unknown>;
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  const sqlState = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : null;
  if (sqlState) {
    const where = ['table', 'column', 'constraint', 'routine'].flatMap((k) => (typeof e[k] === 'string' ? [`${k}=${e[k]}`] : []));
    return `${e.name} (database, SQLSTATE ${sqlState}${where.length ? `, ${where.join(', ')}` : ''})\n${frames}`;
  }
  return `${e.name}: ${redactNiks(e.message)}${typeof e.code === 'string' ? ` (${e.code})` : ''}\n${frames}`;
}

/**
 * Masks NIK-shaped numbers in everything the process writes to stdout and stderr — every
 * log line, whoever wrote it (a rejection reason in a notification, a library's warning) —
 * rather than trusting each call site. Installed at process start; returns the undo.
 */
export function redactOutput(streams: Array<Pick<NodeJS.WriteStream, 'write'>> = [process.stdout, process.stderr]): () => void {
  const undo = streams.map((stream) => {
    const original = stream.write;
    const write = original.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? redactNiks(chunk) : chunk instanceof Uint8Array ? redactNiks(Buffer.from(chunk).toString('utf8')) : chunk, ...rest)) as typeof stream.write;
    return () => {
      stream.write = original;
    };
  });
  return () => undo.forEach((f) => f());
}
