import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { todayInWib } from '../population.common.js';
import { AreaSelect, FieldInput } from './components.js';
import { FIELD_GROUPS } from './fields.js';
import { PopulationNav } from './list-page.js';
import { words } from './words.js';

interface Props {
  c: Context<AppEnv>;
  village: string;
  areas: { id: number; parent_id: number | null; level: string; name: string }[];
  moveIn: boolean;
  values?: Record<string, string>;
  error?: string;
  field?: string;
}

/** Register a resident (or someone moving in): NIK, family, then the family card's fields. */
export function ResidentFormPage({ c, village, areas, moveIn, values = {}, error, field }: Props) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={moveIn ? w.newMoveIn : w.newResident} guide="penduduk">
      <PopulationNav c={c} village={village} />
      {error && <Notice kind="error">{error}</Notice>}
      <form method="post" action={`/desa/${village}/penduduk/baru${moveIn ? '?jenis=pindah-masuk' : ''}`} class="card">
        <Csrf c={c} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? crypto.randomUUID()} />
        <fieldset>
          <legend>NIK</legend>
          <label>NIK<input name="nik" value={values.nik ?? ''} inputmode="numeric" maxlength={16} autofocus={field === 'nik' || !field} aria-invalid={field === 'nik' ? 'true' : undefined} /></label>
          <label class="check"><input type="checkbox" name="temporary_nik" checked={values.temporary_nik === 'on'} /> {w.temporaryNik}</label>
        </fieldset>
        <fieldset>
          <legend>{w.family}</legend>
          <label>{w.familyExisting}<input name="family_kk" value={values.family_kk ?? ''} inputmode="numeric" maxlength={16} aria-invalid={field === 'family_id' ? 'true' : undefined} /></label>
          <label>{w.familyNew}<input name="kk_number" value={values.kk_number ?? ''} inputmode="numeric" maxlength={16} aria-invalid={field === 'kk_number' ? 'true' : undefined} /></label>
          <AreaSelect areas={areas} name="area_id" value={values.area_id} label={w.areaPlace} empty="—" />
        </fieldset>
        {moveIn && (
          <fieldset>
            <legend>{w.moveIn}</legend>
            <label>{w.eventDate}<input name="date" type="date" value={values.date ?? todayInWib()} max={todayInWib()} required /></label>
            <label>{w.from}<textarea name="from" rows={2} required>{values.from ?? ''}</textarea></label>
          </fieldset>
        )}
        {FIELD_GROUPS.map((g) => (
          <fieldset>
            <legend>{g[lang]}</legend>
            {g.fields.map((f) => <FieldInput c={c} f={f} value={values[f.name] ?? (f.name === 'citizenship' ? '1' : undefined)} />)}
            {g.id === 'Identitas' && (
              <label>{w.relation}
                <FieldInput c={c} f={{ name: 'family_relation', id: 'Hubungan dalam keluarga', en: 'Relation in the family', kind: 'code', list: 'familyRelation' }} value={values.family_relation} />
              </label>
            )}
          </fieldset>
        ))}
        <button type="submit">{w.save}</button>
      </form>
    </Layout>
  );
}
