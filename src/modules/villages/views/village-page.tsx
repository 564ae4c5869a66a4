import type { Context } from 'hono';
import { can, type Actor } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate } from '../../../platform/format/format.js';
import { KIND_LABEL } from '../../regions/index.js';
import type { getVillage } from '../villages.service.js';
import { words } from './words.js';

type Village = Awaited<ReturnType<typeof getVillage>>;
type Area = Village['areas'][number];

export function VillagePage({ c, actor, village, error, ok }: { c: Context<AppEnv>; actor: Actor; village: Village; error?: string; ok?: string }) {
  const lang = c.get('lang');
  const w = words(lang);
  const code = village.village_code;
  const editable = can(actor, 'village.profile.write', code);
  const kind = KIND_LABEL[village.kind as keyof typeof KIND_LABEL]?.[lang] ?? '';
  const profile: [string, keyof Village, string?][] = [
    [w.headName, 'head_name'], [w.headNip, 'head_nip'], [w.officeAddress, 'office_address'],
    [w.postalCode, 'postal_code', 'numeric'], [w.phone, 'phone', 'tel'], [w.email, 'email', 'email'], [w.website, 'website', 'url'],
  ];
  const byParent = new Map<number | null, Area[]>();
  for (const a of village.areas) byParent.set(a.parent_id, [...(byParent.get(a.parent_id) ?? []), a]);
  // "Dusun I" stays "Dusun I", not "Dusun Dusun I"; a bare "001" becomes "RT 001".
  const label = (a: Area) => (a.name.toLowerCase().startsWith(w[a.level].toLowerCase()) ? a.name : `${w[a.level]} ${a.name}`);
  const tree = (parent: number | null) => {
    const items = byParent.get(parent) ?? [];
    return items.length ? <ul class="tree">{items.map((a) => <li>{label(a)}{tree(a.id)}</li>)}</ul> : null;
  };
  const parents = village.areas.filter((a) => a.level !== 'rt');
  const fullLabel = (a: Area): string => {
    const p = village.areas.find((x) => x.id === a.parent_id);
    return p ? `${fullLabel(p)} › ${label(a)}` : label(a);
  };
  return (
    <Layout c={c} title={`${kind} ${village.name}`} guide="desa">
      {error && <Notice kind="error">{error}</Notice>}
      {ok && <Notice kind="ok">{ok}</Notice>}
      <p class="muted">
        {code} · {w.activeSince} {formatDate(village.activated_at, lang)} · {village.activation_kind === 'target' ? w.target : w.initiative}
      </p>
      <nav class="subnav">
        {can(actor, 'population.read', code) && <a href={`/desa/${code}/penduduk`}>{w.residents}</a>}
        {can(actor, 'population.statistics', code) && <a href={`/desa/${code}/statistik`}>{w.statistics}</a>}
        {can(actor, 'letters.read', code) && <a href={`/desa/${code}/surat`}>{w.letters}</a>}
        {can(actor, 'letters.statistics', code) && <a href={`/desa/${code}/surat/angka`}>{w.letterFigures}</a>}
        {editable && <a href={`/desa/${code}/perangkat`}>{lang === 'en' ? 'Village officials' : 'Perangkat desa'}</a>}
        {(can(actor, 'population.read', code) || can(actor, 'village.activate', code)) && <a href={`/desa/${code}/sinkron`}>{lang === 'en' ? 'Village copy and sync' : 'Salinan desa dan sinkron'}</a>}
        <a href={`/publik/desa/${code}`}>{w.publicPage}</a>
        <a href={`/desa/${code}/beranda`}>{lang === 'en' ? 'Village website' : 'Situs desa'}</a>
      </nav>
      {village.has_logo && <img class="logo" src={`/desa/${code}/logo`} alt={w.logo} width="96" height="96" />}
      <section class="card">
        <h2>{w.profile}</h2>
        {editable ? (
          <form method="post" action={`/desa/${code}/profil`}>
            <Csrf c={c} />
            {profile.map(([text, key, type]) => (
              <label>
                {text}
                {key === 'office_address' ? (
                  <textarea name={key} rows={3}>{(village[key] as string | null) ?? ''}</textarea>
                ) : (
                  <input name={key} value={(village[key] as string | null) ?? ''} type={type === 'numeric' ? 'text' : type ?? 'text'} inputmode={type === 'numeric' ? 'numeric' : undefined} />
                )}
              </label>
            ))}
            <button type="submit">{w.save}</button>
          </form>
        ) : (
          <dl>
            {profile.map(([text, key]) => (
              <>
                <dt>{text}</dt>
                <dd>{(village[key] as string | null) || w.none}</dd>
              </>
            ))}
          </dl>
        )}
      </section>
      {editable && (
        <section class="card">
          <h2>{w.logo}</h2>
          <form method="post" action={`/desa/${code}/logo`} enctype="multipart/form-data">
            <Csrf c={c} />
            <label>
              {w.uploadLogo}
              <input type="file" name="logo" accept="image/png,image/jpeg" required />
            </label>
            <small>{w.logoHint}</small>
            <button type="submit">{w.uploadLogo}</button>
          </form>
        </section>
      )}
      <section class="card">
        <h2>{w.areas}</h2>
        {village.areas.length ? tree(null) : <p>{w.noAreas}</p>}
        {editable && (
          <form method="post" action={`/desa/${code}/wilayah`}>
            <h3>{w.addArea}</h3>
            <Csrf c={c} />
            <label>
              {w.level}
              <select name="level">
                <option value="dusun">{w.dusun}</option>
                <option value="rw">{w.rw}</option>
                <option value="rt">{w.rt}</option>
              </select>
            </label>
            <label>
              {w.parent}
              <select name="parent_id">
                <option value="">{w.none}</option>
                {parents.map((a) => <option value={String(a.id)}>{fullLabel(a)}</option>)}
              </select>
            </label>
            <label>
              {w.name}
              <input name="name" required maxlength={60} />
            </label>
            <button type="submit">{w.addArea}</button>
          </form>
        )}
      </section>
    </Layout>
  );
}
