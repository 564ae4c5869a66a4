import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime, formatNumber } from '../../../platform/format/format.js';
import { codeLabel } from '../../population/index.js';
import type { householdDetail, householdList } from '../households.service.js';
import { ASSETS, HOUSING, housingLabel } from '../housing.js';

const TEXT = {
  id: {
    title: 'Rumah tangga', intro: 'Rumah tangga adalah orang-orang yang tinggal di bawah satu atap dan makan dari satu dapur; satu rumah tangga dapat berisi beberapa KK. Anggotanya diambil dari data penduduk: bila ada yang meninggal atau pindah, rumah tangga ikut berubah.',
    counts: 'Rumah tangga', surveyed: 'Sudah didata rumahnya', dirt: 'Lantai tanah', noPower: 'Tanpa listrik', noToilet: 'Tanpa jamban', water: 'Air minum tidak layak',
    all: 'Semua', filter: 'Kondisi rumah', show: 'Tampilkan', no: 'No.', head: 'Kepala rumah tangga', members: 'Anggota', address: 'Alamat', housing: 'Rumah',
    none: 'Belum ada rumah tangga. Buat dari KK di bawah.', create: 'Buat rumah tangga dari KK', kk: 'Nomor KK (16 angka)', addressOpt: 'Alamat (kosong: alamat KK)', make: 'Buat',
    prev: '‹ Sebelumnya', next: 'Berikutnya ›', page: 'Halaman', notSurveyed: 'belum didata', back: 'Semua rumah tangga', dissolved: 'Bubar (semua KK sudah keluar)',
    familiesTitle: 'Kartu keluarga', since: 'sejak', left: 'keluar', reason: 'Alasan', takeOut: 'Keluarkan KK ini', addKk: 'Tambah KK di rumah yang sama', add: 'Tambah',
    membersTitle: 'Anggota (yang tinggal di sini)', name: 'Nama', nik: 'NIK', relation: 'Hubungan dalam KK', born: 'Tanggal lahir', setHead: 'Jadikan kepala rumah tangga',
    housingTitle: 'Kondisi rumah', floorArea: 'Luas lantai (m²)', assets: 'Aset', surveyedOn: 'Tanggal pendataan', save: 'Simpan', choose: '— belum didata —', saved: 'Tersimpan.',
    ofFamily: 'KK', familyLink: 'buka KK',
  },
  en: {
    title: 'Households', intro: 'A household is the people living under one roof and eating from one kitchen; one household may hold several family cards. Its members come from the population register: when someone dies or moves away, the household follows.',
    counts: 'Households', surveyed: 'Housing surveyed', dirt: 'Earth floor', noPower: 'No electricity', noToilet: 'No toilet', water: 'Unsafe drinking water',
    all: 'All', filter: 'Housing condition', show: 'Show', no: 'No.', head: 'Head of household', members: 'Members', address: 'Address', housing: 'Housing',
    none: 'No household yet. Create one from a family card below.', create: 'Create a household from a family card', kk: 'Family card number (16 digits)', addressOpt: 'Address (blank: the card\'s)', make: 'Create',
    prev: '‹ Previous', next: 'Next ›', page: 'Page', notSurveyed: 'not surveyed', back: 'All households', dissolved: 'Dissolved (every card left)',
    familiesTitle: 'Family cards', since: 'since', left: 'left', reason: 'Reason', takeOut: 'Take this card out', addKk: 'Add a card living in the same house', add: 'Add',
    membersTitle: 'Members (living here)', name: 'Name', nik: 'NIK', relation: 'Relation on the card', born: 'Born', setHead: 'Make head of household',
    housingTitle: 'Housing', floorArea: 'Floor area (m²)', assets: 'Assets', surveyedOn: 'Survey date', save: 'Save', choose: '— not surveyed —', saved: 'Saved.',
    ofFamily: 'Card', familyLink: 'open the card',
  },
} as const;

type List = Awaited<ReturnType<typeof householdList>>;
type Detail = Awaited<ReturnType<typeof householdDetail>>;
const POOR: { field: 'floor' | 'electricity' | 'sanitation' | 'water'; key: 'dirt' | 'noPower' | 'noToilet' | 'water'; rollup: 'dirt_floor' | 'no_electricity' | 'no_sanitation' | 'unsafe_water' }[] = [
  { field: 'floor', key: 'dirt', rollup: 'dirt_floor' }, { field: 'electricity', key: 'noPower', rollup: 'no_electricity' },
  { field: 'sanitation', key: 'noToilet', rollup: 'no_sanitation' }, { field: 'water', key: 'water', rollup: 'unsafe_water' },
];

export function HouseholdListPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: List; msg?: { error?: string; values?: Record<string, string> } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const r = view.rollup;
  const query = (page: number) => `/desa/${code}/rumah-tangga?${new URLSearchParams({ ...(view.poor ? { kondisi: view.poor } : {}), page: String(page) })}`;
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="rumah-tangga">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <dl class="figures">
        <dt>{w.counts}</dt><dd class="num">{n(r?.households ?? 0)}</dd>
        <dt>{w.surveyed}</dt><dd class="num">{n(r?.surveyed ?? 0)}</dd>
        {POOR.map((p) => <><dt>{w[p.key]}</dt><dd class="num">{n(r?.[p.rollup] ?? 0)}</dd></>)}
      </dl>
      <form method="get" action={`/desa/${code}/rumah-tangga`} class="card filters">
        <label>{w.filter}<select name="kondisi"><option value="">{w.all}</option>{POOR.map((p) => <option value={p.field} selected={view.poor === p.field}>{w[p.key]}</option>)}</select></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th class="num">{w.no}</th><th>{w.head}</th><th class="num">{w.members}</th><th>{w.address}</th><th>{w.housing}</th></tr></thead>
          <tbody>{view.rows.map((h) => (
            <tr>
              <td class="num"><a href={`/desa/${code}/rumah-tangga/${h.id}`}>{String(h.number)}</a></td>
              <td><a href={`/desa/${code}/rumah-tangga/${h.id}`}>{h.head_name ?? '—'}</a></td>
              <td class="num">{n(Number(h.members))}</td>
              <td>{h.address ?? ''}</td>
              <td>{h.surveyed_on === null ? w.notSurveyed : POOR.filter((p) => HOUSING.find((x) => x.field === p.field)!.poor.includes(h[p.field] ?? -1)).map((p) => w[p.key]).join(', ') || '✓'}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      <p>
        {view.page > 1 && <a href={query(view.page - 1)}>{w.prev}</a>}{` ${w.page} ${view.page} `}
        {view.rows.length === view.pageSize && <a href={query(view.page + 1)}>{w.next}</a>}
      </p>
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/rumah-tangga`} class="card">
          <h2>{w.create}</h2>
          <Csrf c={c} />
          <label>{w.kk} *<input name="kk_number" required inputmode="numeric" pattern="[0-9]{16}" maxlength={16} value={msg.values?.kk_number ?? ''} /></label>
          <label>{w.addressOpt}<input name="address" maxlength={200} value={msg.values?.address ?? ''} /></label>
          <button type="submit">{w.make}</button>
        </form>
      )}
    </Layout>
  );
}

export function HouseholdPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Detail; msg?: { ok?: boolean; error?: string } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const h = view.household;
  const base = `/desa/${code}/rumah-tangga/${h.id}`;
  const current = view.families.filter((f) => f.removed_at === null);
  return (
    <Layout c={c} title={`${w.title} No. ${h.number} · ${view.village.name}`} guide="rumah-tangga">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/rumah-tangga`}>{w.back}</a></p>
      {h.status === 'dissolved' && <Notice kind="warn">{w.dissolved}</Notice>}
      <dl class="figures">
        <dt>{w.head}</dt><dd>{view.head?.name ?? '—'}</dd>
        <dt>{w.members}</dt><dd class="num">{String(view.members.length)}</dd>
        <dt>{w.address}</dt><dd>{h.address ?? ''}</dd>
      </dl>
      <h2>{w.membersTitle}</h2>
      <DataTable aria-label={w.membersTitle}>
        <thead><tr><th>{w.name}</th><th>{w.nik}</th><th>{w.relation}</th><th>{w.born}</th><th>{w.ofFamily}</th></tr></thead>
        <tbody>{view.members.map((m) => (
          <tr>
            <td>
              <a href={`/desa/${code}/penduduk/${m.id}`}>{m.name}</a>
              {view.canWrite && m.id !== view.head?.id && (
                <form method="post" action={`${base}/kepala`} class="inline"><Csrf c={c} /><input type="hidden" name="head_resident_id" value={String(m.id)} /><button type="submit" class="link">{w.setHead}</button></form>
              )}
            </td>
            <td class="mono">{m.nik}</td>
            <td>{m.family_relation === null ? '' : codeLabel('familyRelation', m.family_relation)}</td>
            <td>{m.birth_date ? formatDate(m.birth_date, lang) : ''}</td>
            <td><a href={`/desa/${code}/keluarga/${m.family_id}`}>{current.find((f) => f.family_id === m.family_id)?.kk_number ?? ''}</a></td>
          </tr>
        ))}</tbody>
      </DataTable>
      <h2>{w.familiesTitle}</h2>
      <ul class="plain">{view.families.map((f) => (
        <li>
          <a href={`/desa/${code}/keluarga/${f.family_id}`}>{`${w.ofFamily} ${f.kk_number}`}</a>
          {` · ${w.since} ${formatDateTime(f.added_at, lang)}`}
          {f.removed_at !== null ? ` · ${w.left} ${formatDateTime(f.removed_at, lang)} (${f.reason ?? ''})` : view.canWrite && (
            <details>
              <summary>{w.takeOut}</summary>
              <form method="post" action={`${base}/kk/${f.family_id}/keluar`}>
                <Csrf c={c} />
                <label>{w.reason} *<input name="reason" required minlength={5} maxlength={300} /></label>
                <button type="submit" class="secondary">{w.takeOut}</button>
              </form>
            </details>
          )}
        </li>
      ))}</ul>
      {view.canWrite && (
        <form method="post" action={`${base}/kk`} class="card">
          <h3>{w.addKk}</h3>
          <Csrf c={c} />
          <label>{w.kk} *<input name="kk_number" required inputmode="numeric" pattern="[0-9]{16}" maxlength={16} /></label>
          <button type="submit" class="secondary">{w.add}</button>
        </form>
      )}
      <h2>{w.housingTitle}</h2>
      {view.canWrite ? (
        <form method="post" action={`${base}/rumah`} class="card">
          <Csrf c={c} />
          {HOUSING.map((item) => (
            <label>{item.label[lang]}
              <select name={item.field}><option value="">{w.choose}</option>{item.codes.map(([value, label]) => <option value={String(value)} selected={h[item.field] === value}>{label[lang]}</option>)}</select>
            </label>
          ))}
          <label>{w.floorArea}<input name="floor_area" inputmode="decimal" maxlength={9} value={h.floor_area ?? ''} /></label>
          <fieldset><legend>{w.assets}</legend>
            {ASSETS.map(([key, label]) => <label class="check"><input type="checkbox" name="assets" value={key} checked={h.assets.includes(key)} /> {label[lang]}</label>)}
          </fieldset>
          <label>{w.surveyedOn}<input name="surveyed_on" type="date" value={h.surveyed_on ?? ''} /></label>
          <button type="submit">{w.save}</button>
        </form>
      ) : (
        <dl>{HOUSING.map((item) => <><dt>{item.label[lang]}</dt><dd>{housingLabel(item.field, h[item.field], lang) || w.notSurveyed}</dd></>)}</dl>
      )}
    </Layout>
  );
}
