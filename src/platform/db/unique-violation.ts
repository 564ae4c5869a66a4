const DUPLICATE = 'duplicate key value violates unique constraint "';

/**
 * The unique index a write broke, by name, or null for any other error. The same on every
 * engine: on Citus the error comes from a shard, names the shard's index (`active_niks_pkey_102767`)
 * without the constraint field, and has code XX000 when Citus copied many rows into the shard.
 */
export function violatedUniqueIndex(err: unknown): string | null {
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return null;
  if (e.code === '23505' && typeof e.constraint === 'string') return e.constraint;
  if ((e.code !== '23505' && e.code !== 'XX000') || typeof e.message !== 'string' || !e.message.startsWith(DUPLICATE)) return null;
  const name = e.message.slice(DUPLICATE.length, e.message.indexOf('"', DUPLICATE.length));
  return withoutShardSuffix(name);
}

/** `families_kk_active_102040` → `families_kk_active`: the digits Citus appends for the shard. */
function withoutShardSuffix(name: string): string {
  const cut = name.lastIndexOf('_');
  const tail = name.slice(cut + 1);
  return cut > 0 && tail.length > 0 && [...tail].every((c) => c >= '0' && c <= '9') ? name.slice(0, cut) : name;
}
