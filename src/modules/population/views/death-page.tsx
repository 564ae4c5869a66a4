import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate } from '../../../platform/format/format.js';
import { codeLabel, HEAD_OF_FAMILY, HOLDS_NIK } from '../codes.js';
import { todayInWib } from '../population.common.js';
import type { getResident } from '../residents.service.js';
import { DeathFields } from './resident-page.js';
import { PopulationNav } from './list-page.js';
import { words } from './words.js';

/**
 * The check before a death is recorded: it cannot be undone, so the officer sees who and what,
 * may still correct it, chooses the new head when the deceased headed a family with members,
 * and records it with a button that says so.
 */
export function DeathConfirmPage({ c, village, record, values, error }: { c: Context<AppEnv>; village: string; record: Awaited<ReturnType<typeof getResident>>; values: Record<string, string>; error?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const r = record.resident;
  const base = `/desa/${village}/penduduk/${r.id}`;
  const others = record.members.filter((m) => m.id !== r.id && HOLDS_NIK.includes(m.life_status));
  const needsHead = r.family_relation === HEAD_OF_FAMILY && others.length > 0;
  return (
    <Layout c={c} title={`${w.deathTitle}: ${r.name}`} guide="penduduk">
      <PopulationNav c={c} village={village} />
      {error && <Notice kind="error">{error}</Notice>}
      <Notice kind="warn">{w.deathWarning.replace('{name}', r.name)}</Notice>
      <dl class="card">
        <dt>{w.name}</dt><dd>{r.name}</dd>
        <dt>{w.nik}</dt><dd class="mono">{r.nik}</dd>
        <dt>{w.birth}</dt><dd>{[r.birth_place, r.birth_date ? formatDate(r.birth_date, lang) : null].filter(Boolean).join(', ') || '—'}</dd>
        <dt>{w.relation}</dt><dd>{codeLabel('familyRelation', r.family_relation) || '—'}</dd>
      </dl>
      <form method="post" action={`${base}/peristiwa/kematian`} class="card">
        <Csrf c={c} />
        <input type="hidden" name="confirm" value="1" />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key || crypto.randomUUID()} />
        <label>{w.eventDate}<input name="date" type="date" value={values.date ?? todayInWib()} max={todayInWib()} required /></label>
        <DeathFields c={c} values={values} />
        {needsHead && (
          <fieldset>
            <legend>{w.deathNewHead}</legend>
            <p>{w.deathNewHeadHelp}</p>
            <label>{w.deathNewHead} *
              <select name="new_head_id" required>
                <option value="">—</option>
                {others.map((m) => <option value={String(m.id)} selected={values.new_head_id === String(m.id)}>{m.name} ({codeLabel('familyRelation', m.family_relation)})</option>)}
              </select>
            </label>
          </fieldset>
        )}
        <button type="submit">{w.deathConfirm}</button>
        <p><a href={base}>{w.cancel}</a></p>
      </form>
    </Layout>
  );
}
