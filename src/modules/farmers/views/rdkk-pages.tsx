import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import type { RdkkStatus } from '../../../platform/db/schema.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatDateTime } from '../../../platform/format/format.js';
import { REFUSAL_LABEL } from '../catalog.js';
import type { rdkkPage, rdkkQueue } from '../rdkk.service.js';
import { qty, seasonName } from './farmer-pages.js';

export const RDKK_STATUS: Record<RdkkStatus, { id: string; en: string }> = {
  draft: { id: 'Rancangan', en: 'Draft' },
  submitted: { id: 'Diajukan ke kecamatan', en: 'Submitted to the district' },
  verified: { id: 'Diverifikasi kecamatan', en: 'Verified by the district' },
  approved: { id: 'Disetujui kabupaten (berlaku)', en: 'Approved by the regency (in force)' },
  superseded: { id: 'Digantikan revisi', en: 'Superseded by a revision' },
};

const TEXT = {
  id: {
    version: 'versi', back: 'Kelompok', steps: 'Tahapan', drafted: 'Disusun', submitted: 'Diajukan', verified: 'Diverifikasi', approved: 'Disetujui', returned: 'Dikembalikan', by: 'oleh',
    farmers: 'Petani berhak', refused: 'Baris tidak berhak', lines: 'Baris RDKK', name: 'Petani', nik: 'NIK', season: 'Musim', commodity: 'Komoditas', area: 'Luas (ha)', reason: 'Keterangan',
    total: 'Jumlah (kg)', none: 'Belum ada baris: catat dulu komoditas yang ditanam anggota, lalu hitung ulang.', eligible: 'berhak', remove: 'Hapus',
    regenerate: 'Hitung ulang dari data tanam anggota', addLine: 'Tambah baris', nikInput: 'NIK petani', areaInput: 'Luas tanam (ha)', save: 'Tambahkan',
    submit: 'Ajukan ke kecamatan', verify: 'Verifikasi (kecamatan)', approve: 'Setujui (Dinas Pertanian kabupaten)', revise: 'Buat revisi', returnIt: 'Kembalikan ke kelompok', reasonInput: 'Alasan dikembalikan',
    versions: 'Semua versi', returnedNote: 'Dikembalikan', approveNote: 'Persetujuan menetapkan alokasi pupuk tiap petani; revisi kelak menggantikannya, dan yang sudah ditebus tetap terhitung.',
    queue: 'RDKK', queueIntro: 'RDKK kelompok tani di wilayah ini yang menunggu langkah Anda: rancangan yang disusun bersama kelompok (penyuluh), yang diajukan (kecamatan memverifikasi), dan yang sudah diverifikasi (kabupaten menyetujui).',
    village: 'Desa', group: 'Poktan', year: 'Tahun', status: 'Status', since: 'Sejak', nothing: 'Tidak ada RDKK yang menunggu.', open: 'Buka',
  },
  en: {
    version: 'version', back: 'Group', steps: 'Steps', drafted: 'Drafted', submitted: 'Submitted', verified: 'Verified', approved: 'Approved', returned: 'Sent back', by: 'by',
    farmers: 'Eligible farmers', refused: 'Lines refused', lines: 'RDKK lines', name: 'Farmer', nik: 'NIK', season: 'Season', commodity: 'Commodity', area: 'Area (ha)', reason: 'Note',
    total: 'Total (kg)', none: 'No line yet: record what the members grow, then compute again.', eligible: 'eligible', remove: 'Remove',
    regenerate: 'Compute again from the members\' crops', addLine: 'Add a line', nikInput: 'Farmer\'s NIK', areaInput: 'Planted area (ha)', save: 'Add',
    submit: 'Submit to the district', verify: 'Verify (district)', approve: 'Approve (regency agriculture office)', revise: 'Make a revision', returnIt: 'Send back to the group', reasonInput: 'Why it is sent back',
    versions: 'All versions', returnedNote: 'Sent back', approveNote: 'Approval sets each farmer\'s fertiliser allocation; a later revision replaces it, and what was already redeemed still counts.',
    queue: 'RDKK', queueIntro: 'Farmer groups\' RDKK in this region waiting for your step: drafts made with the group (extension officer), submitted ones (the district verifies), verified ones (the regency approves).',
    village: 'Village', group: 'Group', year: 'Year', status: 'Status', since: 'Since', nothing: 'No RDKK is waiting.', open: 'Open',
  },
} as const;

type Msg = { ok?: string; error?: string; values?: Record<string, string> };

export function RdkkPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof rdkkPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const p = view.plan;
  const base = `/desa/${code}/petani/rdkk/${p.id}`;
  const v = (k: string) => msg.values?.[k] ?? '';
  const step = (label: string, at: Date | string | null, who: { full_name: string; position_title: string | null } | null) =>
    at ? <><dt>{label}</dt><dd>{`${formatDateTime(at, lang)}${who ? ` ${w.by} ${who.full_name}${who.position_title ? `, ${who.position_title}` : ''}` : ''}`}</dd></> : null;
  const cents = (n: bigint) => qty(`${n / 100n}.${String(n % 100n).padStart(2, '0')}`, lang);
  return (
    <Layout c={c} title={`RDKK ${p.year} ${w.version} ${p.version} · ${view.group.name}`} guide="rdkk">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {p.status === 'draft' && p.return_reason && <Notice kind="warn">{`${w.returnedNote}: ${p.return_reason}`}</Notice>}
      <p><a href={`/desa/${code}/petani/poktan/${view.group.id}`}>{`${w.back} ${view.group.name}`}</a> · {view.village.name}</p>
      <p><strong>{RDKK_STATUS[p.status][lang]}</strong></p>
      <h2>{w.steps}</h2>
      <dl>
        {step(w.drafted, p.drafted_at, view.steps.drafted)}
        {step(w.submitted, p.submitted_at, view.steps.submitted)}
        {step(w.verified, p.verified_at, view.steps.verified)}
        {step(w.approved, p.approved_at, view.steps.approved)}
        {p.returned_at && step(w.returned, p.returned_at, view.steps.returned)}
      </dl>
      {view.versions.length > 1 && <p>{`${w.versions}: `}{view.versions.map((x) => <>{' '}<a href={`/desa/${code}/petani/rdkk/${x.id}`}>{`v${x.version}`}</a>{` (${RDKK_STATUS[x.status][lang]})`}</>)}</p>}
      <dl class="figures">
        <dt>{w.farmers}</dt><dd class="num">{String(view.farmers)}</dd>
        <dt>{w.refused}</dt><dd class="num">{String(view.refused)}</dd>
        {view.types.map((t) => <><dt>{`${t.name} (kg)`}</dt><dd class="num">{cents(view.totals[t.code] ?? 0n)}</dd></>)}
      </dl>
      <h2>{w.lines}</h2>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.lines}>
          <thead><tr><th>{w.name}</th><th>{w.nik}</th><th>{w.season}</th><th>{w.commodity}</th><th class="num">{w.area}</th>{view.types.map((t) => <th class="num">{`${t.name} (kg)`}</th>)}<th>{w.reason}</th></tr></thead>
          <tbody>{view.rows.map((r) => (
            <tr>
              <td>{r.name}</td><td>{r.nik}</td><td>{seasonName(r.season, lang)}</td><td>{r.commodity_name}</td><td class="num">{qty(r.area_ha, lang)}</td>
              {view.types.map((t) => <td class="num">{r.quantities[t.code] ? qty(r.quantities[t.code]!, lang) : '–'}</td>)}
              <td>{r.refusal ? REFUSAL_LABEL[r.refusal][lang] : w.eligible}
                {view.can.draft && <form method="post" action={`${base}/hapus-baris`} class="inline"><Csrf c={c} /><input type="hidden" name="farmer_id" value={String(r.farmer_id)} /><input type="hidden" name="season" value={String(r.season)} /><input type="hidden" name="commodity" value={r.commodity} /><button type="submit" class="secondary">{w.remove}</button></form>}
              </td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {view.can.draft && (
        <>
          <form method="post" action={`${base}/hitung-ulang`} class="inline-form"><Csrf c={c} /><button type="submit" class="secondary">{w.regenerate}</button></form>
          <form method="post" action={`${base}/baris`} class="card">
            <h3>{w.addLine}</h3>
            <Csrf c={c} />
            <label>{w.nikInput} *<input name="nik" required inputmode="numeric" maxlength={20} autocomplete="off" value={v('nik')} /></label>
            <label>{w.season}<select name="season">{[1, 2, 3].map((s) => <option value={String(s)} selected={v('season') === String(s)}>{seasonName(s, lang)}</option>)}</select></label>
            <label>{w.commodity}<select name="commodity">{view.commodities.map((k) => <option value={k.code} selected={v('commodity') === k.code}>{lang === 'en' ? k.name_en : k.name}</option>)}</select></label>
            <label>{w.areaInput} *<input name="area_ha" required inputmode="decimal" value={v('area_ha')} /></label>
            <button type="submit">{w.save}</button>
          </form>
        </>
      )}
      {view.can.submit && <form method="post" action={`${base}/ajukan`} class="card"><Csrf c={c} /><button type="submit">{w.submit}</button></form>}
      {view.can.verify && <form method="post" action={`${base}/verifikasi`} class="card"><Csrf c={c} /><button type="submit">{w.verify}</button></form>}
      {view.can.approve && <form method="post" action={`${base}/setujui`} class="card"><p class="muted">{w.approveNote}</p><Csrf c={c} /><button type="submit">{w.approve}</button></form>}
      {view.can.revise && <form method="post" action={`/desa/${code}/petani/poktan/${view.group.id}/rdkk`} class="card"><Csrf c={c} /><input type="hidden" name="year" value={String(p.year)} /><button type="submit" class="secondary">{w.revise}</button></form>}
      {view.can.return && (
        <form method="post" action={`${base}/kembalikan`} class="card">
          <Csrf c={c} />
          <label>{w.reasonInput} *<input name="reason" required maxlength={300} value={v('reason')} /></label>
          <button type="submit" class="secondary">{w.returnIt}</button>
        </form>
      )}
    </Layout>
  );
}

export function RdkkQueuePage({ c, view, regionName }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof rdkkQueue>>; regionName: string }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  return (
    <Layout c={c} title={`${w.queue} · ${regionName}`} guide="rdkk">
      <p>{w.queueIntro}</p>
      {view.rows.length === 0 ? <p>{w.nothing}</p> : (
        <DataTable aria-label={w.queue}>
          <thead><tr><th>{w.group}</th><th>{w.village}</th><th>{w.year}</th><th>{w.status}</th><th>{w.since}</th></tr></thead>
          <tbody>{view.rows.map((r) => (
            <tr>
              <td><a href={`/desa/${r.village_code}/petani/rdkk/${r.id}`}>{`${r.group_name} (v${r.version})`}</a></td>
              <td><a href={`/desa/${r.village_code}/petani/poktan`}>{r.village}</a></td>
              <td>{String(r.year)}</td>
              <td>{RDKK_STATUS[r.status][lang]}</td>
              <td>{r.verified_at ? formatDate(r.verified_at, lang) : r.submitted_at ? formatDate(r.submitted_at, lang) : ''}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      <h2>{lang === 'en' ? 'Villages' : 'Desa'}</h2>
      <ul class="plain">{view.villages.map((v) => <li><a href={`/desa/${v.village_code}/petani/poktan`}>{v.name}</a>{` · ${v.farmers} ${lang === 'en' ? 'farmers' : 'petani'}`}</li>)}</ul>
    </Layout>
  );
}
