/** A field's name as forms send it: lower case and underscores (never `__proto__`-like keys into an object). */
const FIELD_NAME = /^[a-z][a-z_]{0,39}$/;

function choice(text: string): { theirs: string; mine: string } | null {
  try {
    const x = JSON.parse(text) as { theirs?: unknown; mine?: unknown };
    return typeof x?.theirs === 'string' && typeof x.mine === 'string' ? { theirs: x.theirs, mine: x.mine } : null;
  } catch {
    return null;
  }
}

/**
 * The correction form as the service takes it: `asal.<field>` (what the form saw when opened)
 * into `base`, `konflik.<field>` (both values of a settled conflict, JSON) into `resolved`.
 */
export function correctionFromForm(form: Record<string, string>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  const base: Record<string, string> = {};
  const resolved: Record<string, { theirs: string; mine: string }> = {};
  for (const [key, value] of Object.entries(form)) {
    const dot = key.indexOf('.');
    const prefix = dot < 0 ? '' : key.slice(0, dot);
    const field = key.slice(dot + 1);
    if (prefix === 'asal' && FIELD_NAME.test(field)) base[field] = value;
    else if (prefix === 'konflik' && FIELD_NAME.test(field)) {
      const c = choice(value);
      if (c) resolved[field] = c;
    } else if (!prefix) plain[key] = value;
  }
  return { ...plain, ...(Object.keys(base).length ? { base } : {}), ...(Object.keys(resolved).length ? { resolved } : {}) };
}
