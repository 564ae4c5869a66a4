import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import { CODE_LISTS, codeLabel, HOLDS_NIK } from '../codes.js';
import type { getFamily, listFamilies } from '../families.service.js';
import { todayInWib } from '../population.common.js';
import { areaChain, formatAddress } from '../address.js';
import { parentsOnCard } from '../events.service.js';
import { FieldInput } from './components.js';
import { PopulationNav } from './list-page.js';
import { words } from './words.js';
import { DataTable } from '../../../platform/http/views/data-table.js';

export function FamiliesPage({ c, village, found, q }: { c: Context<AppEnv>; village: string; found: Awaited<ReturnType<typeof listFamilies>>; q?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const { rows, total, page, perPage } = found;
  const pages = total === null ? null : Math.max(1, Math.ceil(total / perPage));
  const more = pages === null ? rows.length === perPage : page < pages;
  // A search's next page is posted like the search itself.
  const pageButton = (p: number, label: string) =>
    q ? (
      <form method="post" action={`/desa/${village}/keluarga`} class="inline">
        <Csrf c={c} />
        <input type="hidden" name="q" value={q} />
        <input type="hidden" name="page" value={String(p)} />
        <button type="submit" class="link">{label}</button>
      </form>
    ) : <a href={`/desa/${village}/keluarga?page=${p}`}>{label}</a>;
  return (
    <Layout c={c} title={w.families} guide="keluarga">
      <PopulationNav c={c} village={village} />
      {/* Posted: a KK number or a name never goes into a URL. */}
      <form method="post" action={`/desa/${village}/keluarga`} class="search" role="search"><Csrf c={c} /><label>{w.searchFamilies}<input name="q" type="search" value={q ?? ''} maxlength={100} /></label><button type="submit">{w.searchButton}</button></form>
      {total !== null && <p>{formatNumber(total, lang)} {w.familiesCount}</p>}
      <DataTable>
          <thead><tr><th>{w.kk}</th><th>{w.head}</th></tr></thead>
          <tbody>{rows.map((f) => <tr><td class="mono"><a href={`/desa/${village}/keluarga/${f.id}`}>{f.kk_number}</a></td><td>{f.head_name ?? w.noHead}</td></tr>)}</tbody>
        </DataTable>
      {(page > 1 || more) && (
        <nav class="pager">
          {page > 1 && pageButton(page - 1, w.prev)} {w.page} {page}{pages !== null && ` / ${pages}`} {more && pageButton(page + 1, w.next)}
        </nav>
      )}
    </Layout>
  );
}

type Area = { id: number; parent_id: number | null; level: string; name: string };

export function FamilyPage({ c, village, data, areas, error, ok, values = {} }: { c: Context<AppEnv>; village: string; data: Awaited<ReturnType<typeof getFamily>>; areas: Area[]; error?: string; ok?: string; values?: Record<string, string> }) {
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
          <BirthForm c={c} village={village} family={family} present={present} areas={areas} values={values} open={!!values.name} />
        </section>
      )}
    </Layout>
  );
}

export { CODE_LISTS };

/** Relations a newborn can have on the card (SHDK): a child, a grandchild, other family, other. */
const NEWBORN_RELATIONS = [4, 6, 9, 11];

/**
 * A birth into this family: what the family card already says (area, address, parents) is
 * taken from it, the parents preselected from the head and spouse and changeable.
 */
function BirthForm({ c, village, family, present, areas, values, open }: {
  c: Context<AppEnv>; village: string; family: Awaited<ReturnType<typeof getFamily>>['family']; present: Awaited<ReturnType<typeof getFamily>>['members'];
  areas: Area[]; values: Record<string, string>; open: boolean;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const parents = parentsOnCard(present);
  const head = present.find((m) => m.family_relation === 1);
  const address = formatAddress(family.address, areaChain(areas, family.area_id)) || '—';
  const parentSelect = (name: 'father_id' | 'mother_id', sex: 1 | 2, label: string, preset: number | null) => {
    const chosen = name in values ? values[name] : preset === null ? '' : String(preset);
    return (
      <label>{label}
        <select name={name}>
          <option value="">{w.noParent}</option>
          {present.filter((m) => m.sex === sex).map((m) => <option value={String(m.id)} selected={chosen === String(m.id)}>{m.name}</option>)}
        </select>
      </label>
    );
  };
  return (
    <details open={open}>
      <summary>{w.birthRecord}</summary>
      <form method="post" action={`/desa/${village}/kelahiran`}>
        <Csrf c={c} />
        <input type="hidden" name="family_id" value={String(family.id)} />
        <input type="hidden" name="idempotency_key" value={values.idempotency_key ?? crypto.randomUUID()} />
        <p class="muted">{w.birthFollows.replace('{address}', address)}</p>
        <label>{w.name} *<input name="name" value={values.name ?? ''} required maxlength={150} /></label>
        <FieldInput c={c} f={{ name: 'sex', id: 'Jenis kelamin', en: 'Sex', kind: 'code', list: 'sex', required: true }} value={values.sex} />
        <label>{w.eventDate} *<input name="birth_date" type="date" value={values.birth_date ?? ''} max={todayInWib()} required /></label>
        <label>{w.birthPlace}<input name="birth_place" value={values.birth_place ?? ''} maxlength={80} /></label>
        <label>{w.birthRelation} *
          <select name="family_relation" required>
            {NEWBORN_RELATIONS.map((code) => <option value={String(code)} selected={(values.family_relation ?? '4') === String(code)}>{codeLabel('familyRelation', code)}</option>)}
          </select>
        </label>
        {parentSelect('father_id', 1, w.father, parents.father)}
        {parentSelect('mother_id', 2, w.mother, parents.mother)}
        <FieldInput c={c} f={{ name: 'religion', id: 'Agama', en: 'Religion', kind: 'code', list: 'religion', required: true }} value={values.religion ?? head?.religion ?? 1} />
        <label>NIK<input name="nik" value={values.nik ?? ''} inputmode="numeric" maxlength={16} /></label>
        <label class="check"><input type="checkbox" name="temporary_nik" checked={values.name ? values.temporary_nik === 'on' : true} /> {w.temporaryNik}</label>
        <button type="submit">{w.birthSave}</button>
      </form>
    </details>
  );
}
