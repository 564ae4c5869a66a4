import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import { CODE_LISTS, codeLabel, HOLDS_NIK } from '../codes.js';
import type { getFamily, listFamilies } from '../families.service.js';
import { todayInWib } from '../population.common.js';
import { FieldInput } from './components.js';
import { PopulationNav } from './list-page.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

export function FamiliesPage({ c, village, rows, q }: { c: Context<AppEnv>; village: string; rows: Awaited<ReturnType<typeof listFamilies>>; q?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.families} guide="keluarga">
      <PopulationNav c={c} village={village} />
      {/* Posted: a KK number or a name never goes into a URL. */}
      <form method="post" action={`/desa/${village}/keluarga`} class="search" role="search"><Csrf c={c} /><label>{w.searchFamilies}<input name="q" type="search" value={q ?? ''} maxlength={100} /></label><button type="submit">{w.searchButton}</button></form>
      <DataTable>
          <thead><tr><th>{w.kk}</th><th>{w.head}</th></tr></thead>
          <tbody>{rows.map((f) => <tr><td class="mono"><a href={`/desa/${village}/keluarga/${f.id}`}>{f.kk_number}</a></td><td>{f.head_name ?? '—'}</td></tr>)}</tbody>
        </DataTable>
    </Layout>
  );
}

export function FamilyPage({ c, village, data, error, ok }: { c: Context<AppEnv>; village: string; data: Awaited<ReturnType<typeof getFamily>>; error?: string; ok?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const { family, members } = data;
  const present = members.filter((m) => HOLDS_NIK.includes(m.life_status));
  const canWrite = can(c.get('ctx').actor, 'population.write', village) && family.status === 'active';
  const base = `/desa/${village}/keluarga/${family.id}`;
  return (
    <Layout c={c} title={`${w.kk} ${family.kk_number}`} guide="keluarga">
      <PopulationNav c={c} village={village} />
      {error && <Notice kind="error">{error}</Notice>}
      {ok && <Notice kind="ok">{ok}</Notice>}
      {family.address && <p>{family.address}</p>}
      <DataTable>
          <thead><tr><th>{w.nik}</th><th>{w.name}</th><th>{w.relation}</th><th>{w.birth}</th><th>{w.status}</th></tr></thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <td class="mono">{m.nik}</td>
                <td><a href={`/desa/${village}/penduduk/${m.id}`}>{m.name}</a></td>
                <td>{codeLabel('familyRelation', m.family_relation)}</td>
                <td>{m.birth_date ? formatDate(m.birth_date, lang) : '—'}</td>
                <td>{codeLabel('lifeStatus', m.life_status)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      {canWrite && (
        <section class="card">
          <details>
            <summary>{w.changeHead}</summary>
            <form method="post" action={`${base}/kepala`}>
              <Csrf c={c} />
              <label>{w.newHead}<select name="new_head_id">{present.filter((m) => m.family_relation !== 1).map((m) => <option value={String(m.id)}>{m.name}</option>)}</select></label>
              <FieldInput c={c} f={{ name: 'old_head_relation', id: w.oldHeadRelation, en: w.oldHeadRelation, kind: 'code', list: 'familyRelation', required: true }} value={2} />
              <label>{w.note}<input name="reason" /></label>
              <button type="submit">{w.changeHead}</button>
            </form>
          </details>
          <details>
            <summary>{w.split}</summary>
            <form method="post" action={`${base}/pecah`}>
              <Csrf c={c} />
              <p>{w.splitHelp}</p>
              {present.filter((m) => m.family_relation !== 1).map((m) => <label class="check"><input type="checkbox" name="member_ids" value={String(m.id)} /> {m.name}</label>)}
              <label>{w.newHead}<select name="new_head_id">{present.filter((m) => m.family_relation !== 1).map((m) => <option value={String(m.id)}>{m.name}</option>)}</select></label>
              <label>{w.newKk}<input name="kk_number" inputmode="numeric" maxlength={16} required /></label>
              <label>{w.note}<input name="reason" /></label>
              <button type="submit">{w.split}</button>
            </form>
          </details>
          <details>
            <summary>{w.birthRecord}</summary>
            <form method="post" action={`/desa/${village}/kelahiran`}>
              <Csrf c={c} />
              <input type="hidden" name="family_id" value={String(family.id)} />
              <input type="hidden" name="idempotency_key" value={crypto.randomUUID()} />
              <label>{w.name}<input name="name" required /></label>
              <FieldInput c={c} f={{ name: 'sex', id: 'Jenis kelamin', en: 'Sex', kind: 'code', list: 'sex', required: true }} value={undefined} />
              <label>{w.eventDate}<input name="birth_date" type="date" max={todayInWib()} required /></label>
              <label>{w.place}<input name="birth_place" /></label>
              <FieldInput c={c} f={{ name: 'religion', id: 'Agama', en: 'Religion', kind: 'code', list: 'religion', required: true }} value={1} />
              <label>NIK<input name="nik" inputmode="numeric" maxlength={16} /></label>
              <label class="check"><input type="checkbox" name="temporary_nik" checked /> {w.temporaryNik}</label>
              <button type="submit">{w.birthRecord}</button>
            </form>
          </details>
        </section>
      )}
    </Layout>
  );
}

export { CODE_LISTS };
