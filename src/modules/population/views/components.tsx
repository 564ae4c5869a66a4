import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { CODE_LISTS, codeLabel } from '../codes.js';
import type { FieldSpec } from './fields.js';

// One collator for every sort: creating one per comparison (localeCompare with options) is slow.
const collator = new Intl.Collator('id', { numeric: true });

/** "Dusun I › RT 001" for an area id. */
export function areaPath(areas: { id: number; parent_id: number | null; level: string; name: string }[], id: number | null): string {
  if (!id) return '';
  const parts: string[] = [];
  let cur = areas.find((a) => a.id === id);
  while (cur) {
    const label = cur.level === 'dusun' ? (cur.name.toLowerCase().startsWith('dusun') ? cur.name : `Dusun ${cur.name}`) : `${cur.level.toUpperCase()} ${cur.name}`;
    parts.unshift(label);
    cur = areas.find((a) => a.id === cur!.parent_id);
  }
  return parts.join(' › ');
}

export function AreaSelect({ areas, name, value, label, empty }: { areas: { id: number; parent_id: number | null; level: string; name: string }[]; name: string; value?: number | string | null; label: string; empty: string }) {
  const paths = new Map(areas.map((a) => [a.id, areaPath(areas, a.id)]));
  const sorted = [...areas].sort((a, b) => collator.compare(paths.get(a.id)!, paths.get(b.id)!));
  return (
    <label>
      {label}
      <select name={name}>
        <option value="">{empty}</option>
        {sorted.map((a) => <option value={String(a.id)} selected={String(value ?? '') === String(a.id)}>{areaPath(areas, a.id)}</option>)}
      </select>
    </label>
  );
}

/** One input for a resident field, its kind decided by the field spec. */
export function FieldInput({ c, f, value }: { c: Context<AppEnv>; f: FieldSpec; value: unknown }) {
  const lang = c.get('lang');
  const v = value === null || value === undefined ? '' : String(value);
  if (f.kind === 'code') {
    const list = CODE_LISTS[f.list!];
    return (
      <label>
        {f[lang]}{f.required ? ' *' : ''}
        <select name={f.name} required={f.required}>
          <option value="">—</option>
          {list.codes.map(([code, text]) => <option value={String(code)} selected={v === String(code)}>{text}</option>)}
        </select>
      </label>
    );
  }
  if (f.kind === 'textarea') return <label>{f[lang]}<textarea name={f.name} rows={2}>{v}</textarea></label>;
  return (
    <label>
      {f[lang]}{f.required ? ' *' : ''}
      <input name={f.name} value={v} type={f.kind === 'date' ? 'date' : f.kind === 'email' ? 'email' : f.kind === 'tel' ? 'tel' : 'text'} required={f.required}
        inputmode={f.name.endsWith('_nik') ? 'numeric' : undefined} maxlength={f.name.endsWith('_nik') ? 16 : undefined} />
    </label>
  );
}

/** A field's value as a person reads it: code labels, dates as "10 September 2021". */
export function shownValue(f: FieldSpec, value: unknown, formatDate: (d: string) => string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (f.kind === 'code') return codeLabel(f.list!, Number(value));
  if (f.kind === 'date') return formatDate(String(value));
  return String(value);
}

export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}
