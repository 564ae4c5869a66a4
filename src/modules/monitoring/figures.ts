/**
 * Pure arithmetic on rollup rows: ages from birth years, the median from a histogram.
 * No database here, so the numbers can be tested on their own.
 */

/** Upper bounds (seconds) of the request→ready buckets; the same list is in migrations/0010 (monitoring_ready_bucket). */
export const READY_BUCKETS = [900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 259200, 604800, 1209600] as const;

export function readyBucketOf(seconds: number): number {
  return READY_BUCKETS.filter((b) => seconds >= b).length;
}

export interface Median {
  /** Seconds, interpolated inside the bucket; for the open last bucket, its lower bound. */
  seconds: number;
  /** The median lies in the open last bucket: "at least". */
  atLeast: boolean;
  /** The bucket that holds the median: what the pages show (its bounds are exact). */
  bucket: number;
}

/**
 * The median of the request→ready times from bucket counts, interpolating linearly inside
 * the bucket that holds it: exact to within that bucket (15 minutes near the start, a day
 * after two days). Null when no letter was made ready.
 */
export function medianFromHistogram(rows: { bucket: number; letters: number }[]): Median | null {
  const counts = new Array<number>(READY_BUCKETS.length + 1).fill(0);
  for (const r of rows) if (r.bucket >= 0 && r.bucket < counts.length) counts[r.bucket]! += r.letters;
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  const half = n / 2;
  let before = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    if (c > 0 && before + c >= half) {
      const lo = b === 0 ? 0 : READY_BUCKETS[b - 1]!;
      if (b === READY_BUCKETS.length) return { seconds: lo, atLeast: true, bucket: b };
      const hi = READY_BUCKETS[b]!;
      return { seconds: Math.round(lo + ((half - before) / c) * (hi - lo)), atLeast: false, bucket: b };
    }
    before += c;
  }
  return null;
}

/** Five-year age groups 0–4 … 75+, as on the village statistics page. */
export const AGE_GROUPS = 16;
export const ageGroupLabel = (g: number) => (g >= AGE_GROUPS - 1 ? `${g * 5}+` : `${g * 5}–${g * 5 + 4}`);

/**
 * The age group of a birth year in a given year: the age reached during that year. Against
 * an exact birth date this is at most one year too old for those whose birthday is still to
 * come; what is kept per village is the birth year, so the rows stay right as years pass.
 */
export function ageGroupOf(birthYear: number, inYear: number): number | null {
  if (!birthYear) return null;
  const age = Math.max(0, inYear - birthYear);
  return Math.min(AGE_GROUPS - 1, Math.floor(age / 5));
}

/** Residents aged from..to (inclusive) in a year, from per-birth-year counts. */
export function residentsAged(rows: { birth_year: number; residents: number }[], inYear: number, from: number, to = Infinity): number {
  return rows.reduce((n, r) => {
    if (!r.birth_year) return n;
    const age = inYear - r.birth_year;
    return age >= from && age <= to ? n + r.residents : n;
  }, 0);
}

/** "3 jam 20 menit", "2 hari 4 jam" / "3 h 20 min", "2 d 4 h". */
export function formatDuration(seconds: number, lang: 'id' | 'en'): string {
  const w = lang === 'en' ? { d: 'd', h: 'h', m: 'min' } : { d: 'hari', h: 'jam', m: 'menit' };
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} ${w.m}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${w.h}${minutes % 60 ? ` ${minutes % 60} ${w.m}` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} ${w.d}${hours % 24 ? ` ${hours % 24} ${w.h}` : ''}`;
}

export const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
