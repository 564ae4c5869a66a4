import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber } from '../../../platform/format/format.js';
import type { groupPage, groupsPage } from '../groups.service.js';
import { qty } from './farmer-pages.js';
import { RDKK_STATUS } from './rdkk-pages.js';

const TEXT = {
  id: {
    title: 'Kelompok tani', intro: 'Poktan (kelompok tani) dengan ketua dan anggotanya, dan Gapoktan (gabungan kelompok tani) desa. Seorang petani hanya anggota satu Poktan; yang pindah kelompok atau keluar tetap tercatat dalam riwayat.',
    name: 'Nama', kind: 'Jenis', gapoktan: 'Gapoktan', leader: 'Ketua', members: 'Anggota', rdkk: 'RDKK tahun ini', none: 'Belum ada kelompok tani.', noRdkk: 'belum ada',
    create: 'Bentuk kelompok', poktan: 'Poktan (kelompok tani)', gapoktanKind: 'Gapoktan (gabungan kelompok tani)', inGapoktan: 'Anggota Gapoktan', noGapoktan: '— tidak —', save: 'Simpan',
    farmers: 'Semua petani', back: 'Semua kelompok', current: 'Anggota saat ini', history: 'Riwayat (sudah keluar)', nik: 'NIK', area: 'Lahan (ha)', joined: 'Masuk', left: 'Keluar', gone: 'pindah/meninggal',
    remove: 'Keluarkan', addMember: 'Tambah anggota (petani terdaftar desa ini)', nikInput: 'NIK petani (16 angka)', setLeader: 'Tetapkan ketua', noLeader: 'Belum ada ketua.', noMembers: 'Belum ada anggota.',
    poktanOf: 'Poktan anggota', noPoktan: 'Belum ada Poktan yang bergabung.', plans: 'RDKK (rencana definitif kebutuhan kelompok)', noPlans: 'Belum ada RDKK.', version: 'Versi', status: 'Status', year: 'Tahun',
    draft: 'Susun RDKK tahun', draftNote: 'Baris RDKK dihitung dari komoditas yang ditanam anggota tahun itu dan tabel dosis pupuk; yang tidak berhak tetap tampil dengan alasannya.', cards: 'Cetak kartu semua anggota (PDF)',
    moveGapoktan: 'Gapoktan', leaderBadge: 'ketua',
  },
  en: {
    title: 'Farmer groups', intro: 'Farmer groups (Poktan) with their leader and members, and the village\'s federation (Gapoktan). A farmer belongs to one group; who moved or left stays in the history.',
    name: 'Name', kind: 'Kind', gapoktan: 'Federation', leader: 'Leader', members: 'Members', rdkk: 'RDKK this year', none: 'No farmer group yet.', noRdkk: 'none yet',
    create: 'Form a group', poktan: 'Poktan (farmer group)', gapoktanKind: 'Gapoktan (federation)', inGapoktan: 'Member of federation', noGapoktan: '— none —', save: 'Save',
    farmers: 'All farmers', back: 'All groups', current: 'Current members', history: 'History (left)', nik: 'NIK', area: 'Land (ha)', joined: 'Joined', left: 'Left', gone: 'moved/died',
    remove: 'Remove', addMember: 'Add a member (a registered farmer of this village)', nikInput: 'Farmer\'s NIK (16 digits)', setLeader: 'Set as leader', noLeader: 'No leader yet.', noMembers: 'No member yet.',
    poktanOf: 'Member groups', noPoktan: 'No group has joined yet.', plans: 'RDKK (group fertiliser requirement plan)', noPlans: 'No RDKK yet.', version: 'Version', status: 'Status', year: 'Year',
    draft: 'Draft the RDKK of', draftNote: 'Lines are computed from what the members grow that year and the dosage table; lines that do not qualify stay with their reason.', cards: 'Print every member\'s card (PDF)',
    moveGapoktan: 'Federation', leaderBadge: 'leader',
  },
} as const;

type Msg = { ok?: string; error?: string; values?: Record<string, string>; form?: string };

export function GroupsPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof groupsPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = (k: string) => msg.values?.[k] ?? '';
  const gapoktans = view.groups.filter((g) => g.kind === 'gapoktan');
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="poktan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <p><a href={`/desa/${code}/petani`}>{w.farmers}</a></p>
      {view.groups.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.name}</th><th>{w.kind}</th><th>{w.leader}</th><th class="num">{w.members}</th><th>{`${w.rdkk} (${view.year})`}</th></tr></thead>
          <tbody>{view.groups.map((g) => (
            <tr>
              <td><a href={`/desa/${code}/petani/poktan/${g.id}`}>{g.name}</a>{g.gapoktan && <small>{` · ${g.gapoktan}`}</small>}</td>
              <td>{g.kind === 'poktan' ? 'Poktan' : 'Gapoktan'}</td>
              <td>{g.leader ?? '—'}</td>
              <td class="num">{formatNumber(g.members, lang)}</td>
              <td>{g.kind === 'gapoktan' ? '' : g.rdkk_status ? `${RDKK_STATUS[g.rdkk_status as keyof typeof RDKK_STATUS]?.[lang] ?? g.rdkk_status} (v${g.rdkk_version})` : w.noRdkk}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/petani/poktan`} class="card">
          <h2>{w.create}</h2>
          <Csrf c={c} />
          <label>{w.kind}<select name="kind"><option value="poktan" selected={v('kind') !== 'gapoktan'}>{w.poktan}</option><option value="gapoktan" selected={v('kind') === 'gapoktan'}>{w.gapoktanKind}</option></select></label>
          <label>{w.name} *<input name="name" required maxlength={120} value={v('name')} /></label>
          {gapoktans.length > 0 && <label>{w.inGapoktan}<select name="gapoktan_id"><option value="">{w.noGapoktan}</option>{gapoktans.map((g) => <option value={String(g.id)} selected={v('gapoktan_id') === String(g.id)}>{g.name}</option>)}</select></label>}
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}

export function GroupPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof groupPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const g = view.group;
  const base = `/desa/${code}/petani/poktan/${g.id}`;
  const v = (k: string) => msg.values?.[k] ?? '';
  return (
    <Layout c={c} title={`${g.name} · ${view.village.name}`} guide="poktan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/petani/poktan`}>{w.back}</a></p>
      {g.kind === 'gapoktan' ? (
        <>
          <h2>{w.poktanOf}</h2>
          {view.poktan.length === 0 ? <p>{w.noPoktan}</p> : <ul class="plain">{view.poktan.map((p) => <li><a href={`/desa/${code}/petani/poktan/${p.id}`}>{p.name}</a></li>)}</ul>}
        </>
      ) : (
        <>
          <h2>{w.current}</h2>
          {view.current.length === 0 ? <p>{w.noMembers}</p> : (
            <DataTable aria-label={w.current}>
              <thead><tr><th>{w.name}</th><th>{w.nik}</th><th class="num">{w.area}</th><th>{w.joined}</th><th></th></tr></thead>
              <tbody>{view.current.map((m) => (
                <tr>
                  <td><a href={`/desa/${code}/petani/${m.farmer_id}`}>{m.name}</a>{g.leader_farmer_id === m.farmer_id && <strong>{` (${w.leaderBadge})`}</strong>}{!m.living && <small>{` · ${w.gone}`}</small>}</td>
                  <td>{m.nik}</td>
                  <td class="num">{qty(m.hectares, lang)}</td>
                  <td>{formatDate(m.joined_on, lang)}</td>
                  <td>{view.canWrite && (
                    <>
                      {g.leader_farmer_id !== m.farmer_id && <form method="post" action={`${base}/ketua`} class="inline"><Csrf c={c} /><input type="hidden" name="farmer_id" value={String(m.farmer_id)} /><button type="submit" class="secondary">{w.setLeader}</button></form>}
                      <form method="post" action={`${base}/anggota/${m.id}/keluar`} class="inline"><Csrf c={c} /><button type="submit" class="secondary">{w.remove}</button></form>
                    </>
                  )}</td>
                </tr>
              ))}</tbody>
            </DataTable>
          )}
          {view.current.length > 0 && <p><a href={`${base}/kartu.pdf`}>{w.cards}</a></p>}
          {view.canWrite && (
            <form method="post" action={`${base}/anggota`} class="card">
              <h3>{w.addMember}</h3>
              <Csrf c={c} />
              <label>{w.nikInput} *<input name="nik" required inputmode="numeric" maxlength={20} autocomplete="off" value={v('nik')} /></label>
              <button type="submit">{w.save}</button>
            </form>
          )}
          {view.canWrite && view.gapoktans.length > 0 && (
            <form method="post" action={`${base}/gapoktan`} class="card inline-form">
              <Csrf c={c} />
              <label>{w.moveGapoktan}<select name="gapoktan_id"><option value="">{w.noGapoktan}</option>{view.gapoktans.map((x) => <option value={String(x.id)} selected={g.gapoktan_id === x.id}>{x.name}</option>)}</select></label>
              <button type="submit" class="secondary">{w.save}</button>
            </form>
          )}
          {view.history.length > 0 && (
            <>
              <h2>{w.history}</h2>
              <ul class="plain">{view.history.map((m) => <li>{`${m.name} (${m.nik}) · ${w.joined} ${formatDate(m.joined_on, lang)} · ${w.left} ${formatDate(m.left_on!, lang)}`}</li>)}</ul>
            </>
          )}
          <h2>{w.plans}</h2>
          {view.plans.length === 0 ? <p>{w.noPlans}</p> : (
            <ul class="plain">{view.plans.map((p) => <li><a href={`/desa/${code}/petani/rdkk/${p.id}`}>{`RDKK ${p.year} ${w.version} ${p.version}`}</a>{` · ${RDKK_STATUS[p.status][lang]}`}</li>)}</ul>
          )}
          {view.canDraft && (
            <form method="post" action={`${base}/rdkk`} class="card">
              <h3>{w.draft}</h3>
              <p class="muted">{w.draftNote}</p>
              <Csrf c={c} />
              <label>{w.year}<input name="year" type="number" inputmode="numeric" min={2000} max={2100} value={v('year') || String(view.year)} /></label>
              <button type="submit">{w.draft} {v('year') || String(view.year)}</button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}
