import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf } from '../../../platform/http/views/layout.js';
import { formatDate } from '../../../platform/format/format.js';
import type { FieldConflict } from '../residents.service.js';
import { shownValue } from './components.js';
import { ALL_FIELDS } from './fields.js';

export interface ConflictState {
  items: FieldConflict[];
  /** What the refused form sent (fields and `asal.*` bases), sent again with the choices. */
  submitted: Record<string, string>;
}

const TEXT = {
  id: { title: 'Pilih nilai yang benar', was: 'Saat Anda membuka', theirs: 'Sekarang (diubah orang lain)', mine: 'Isian Anda', save: 'Simpan pilihan', kept: 'Nilai yang tidak dipilih tetap tercatat di riwayat.' },
  en: { title: 'Choose the right values', was: 'When you opened it', theirs: 'Now (changed by someone else)', mine: 'Your entry', save: 'Save the choices', kept: 'The value not chosen stays in the history.' },
};

/**
 * Two officers changed the same data while apart: both values side by side, chosen by a person
 * (no default), the form's other changes carried along; both values go into the history.
 */
export function CorrectionConflictForm({ c, action, conflict }: { c: Context<AppEnv>; action: string; conflict: ConflictState }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const specs = new Map(ALL_FIELDS.map((f) => [f.name, f]));
  const fields = new Set(conflict.items.map((i) => i.field));
  const carried = Object.entries(conflict.submitted).filter(([k]) => !fields.has(k) && !fields.has(k.replace(/^asal\./, '')) && k !== '_csrf' && k !== 'idempotency_key' && !k.startsWith('konflik.'));
  const show = (field: string, v: unknown) => {
    const f = specs.get(field);
    return f ? shownValue(f, v, (d) => formatDate(d, lang)) : String(v ?? '') || '—';
  };
  return (
    <section class="card conflict" id="konflik">
      <h2>{w.title}</h2>
      <form method="post" action={action}>
        <Csrf c={c} />
        <input type="hidden" name="idempotency_key" value={crypto.randomUUID()} />
        {carried.map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        {conflict.items.map((i) => {
          const theirs = String(i.theirs ?? '');
          const mine = String(i.mine ?? '');
          const label = specs.get(i.field)?.[lang] ?? i.field;
          return (
            <fieldset>
              <legend>{label}</legend>
              <input type="hidden" name={`asal.${i.field}`} value={theirs} />
              <input type="hidden" name={`konflik.${i.field}`} value={JSON.stringify({ theirs, mine })} />
              <p class="muted">{w.was}: {show(i.field, i.base)}</p>
              <label class="choice"><input type="radio" name={i.field} value={theirs} required /> {w.theirs}: <strong>{show(i.field, i.theirs)}</strong></label>
              <label class="choice"><input type="radio" name={i.field} value={mine} required /> {w.mine}: <strong>{show(i.field, i.mine)}</strong></label>
            </fieldset>
          );
        })}
        <p class="muted">{w.kept}</p>
        <button type="submit">{w.save}</button>
      </form>
    </section>
  );
}
