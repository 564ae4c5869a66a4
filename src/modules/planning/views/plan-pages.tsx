import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah } from '../../../platform/format/format.js';
import { FUNDS, versionLabel } from '../../budget/index.js';
import type { getPlan, listVillagePlans } from '../plan.service.js';
import { EXECUTION_LABEL, STATUS_LABEL } from '../plan.service.js';
import { LateRkpdes } from './late-rkpdes.js';

const TEXT = {
  id: {
    title: 'Perencanaan desa', intro: 'RPJMDes (rencana 6 atau 8 tahun sesuai masa jabatan kepala desa) dan RKPDes (rencana tahunan, dasar penyusunan APBDes). Sekretaris Desa bersama tim penyusun menyusun, Kepala Desa menetapkan dengan Peraturan Desa. Rencana yang sudah ditetapkan tidak diubah: perubahannya disusun sebagai versi baru, dan versi sebelumnya tetap dapat dilihat.',
    plan: 'Rencana', version: 'Versi', status: 'Status', items: 'Kegiatan', cost: 'Perkiraan biaya', regulation: 'Perdes', none: 'Belum ada rencana.',
    start: 'Mulai menyusun rencana', kind: 'Jenis rencana', firstYear: 'Tahun pertama (RKPDes: tahun rencana)', period: 'Masa RPJMDes', years: (n: number) => `${n} tahun`,
    vision: 'Visi', mission: 'Misi (satu per baris)', reason: 'Alasan perubahan (wajib bila rencana ini sudah ditetapkan)', startButton: 'Mulai',
    back: 'Semua rencana', preparedBy: 'Disusun', adoptedBy: 'Ditetapkan', by: 'oleh', reasonLabel: 'Alasan perubahan',
    saveText: 'Simpan visi dan misi', missionTitle: 'Misi', activity: 'Kegiatan (bidang · sub-bidang · kegiatan)', description: 'Uraian kegiatan', location: 'Lokasi', volume: 'Perkiraan volume',
    beneficiaries: 'Sasaran/penerima manfaat', runYears: 'Tahun pelaksanaan', fund: 'Sumber dana', execution: 'Pola pelaksanaan', add: 'Tambah kegiatan', addButton: 'Tambah',
    remove: 'Hapus', noItems: 'Belum ada kegiatan.', choose: '— pilih —', total: 'Jumlah', perYear: 'Kegiatan per tahun',
    costHelp: 'Perkiraan biaya ditulis rupiah utuh, misalnya 150.000.000. Volume ditulis dengan satuannya, misalnya 1.200 m.',
    carry: 'Ambil kegiatan dari RPJMDes', carryText: (y: number, a: number, b: number) => `Isi RKPDes ${y} dengan kegiatan RPJMDes ${a}–${b} yang dijadwalkan tahun ${y}. Kegiatan yang sudah diambil tidak diambil dua kali.`,
    carryButton: 'Ambil kegiatan', noRpjmdes: 'Belum ada RPJMDes yang ditetapkan untuk tahun ini: isi kegiatan satu per satu, atau tetapkan RPJMDes dulu.',
    adopt: 'Tetapkan dengan Peraturan Desa (Kepala Desa)', regulationNumber: 'Nomor Peraturan Desa', regulationDate: 'Tanggal Peraturan Desa', adoptButton: 'Tetapkan rencana',
    ownWork: 'Anda menyusun rencana ini, jadi tidak dapat menetapkannya.', revise: 'Susun perubahan', reviseButton: 'Mulai perubahan', fromRpjmdes: 'dari RPJMDes',
    deadline: (d: string) => `Batas penetapan RKPDes: ${d}.`, budget: 'APBDes',
    priority: (t: string, d: string) => `Daftar prioritas ${t} (${d})`, take: 'Masukkan ke RKPDes', taken: 'Sudah masuk', rank: 'Peringkat', proposer: 'Pengusul',
    noPriority: 'Belum ada Musdes yang ditutup untuk tahun ini.', deliberation: 'Usulan dan musyawarah', fromProposal: 'dari usulan Musdes',
  },
  en: {
    title: 'Village plans', intro: 'The RPJMDes (a 6 or 8-year plan, the head\'s term) and the RKPDes (the annual plan the budget is drawn up from). The secretary and the drafting team prepare a plan, the head adopts it by village regulation. An adopted plan is never changed: a revision is prepared as a new version, and earlier versions stay visible.',
    plan: 'Plan', version: 'Version', status: 'Status', items: 'Activities', cost: 'Estimated cost', regulation: 'Regulation', none: 'No plan yet.',
    start: 'Start preparing a plan', kind: 'Kind of plan', firstYear: 'First year (RKPDes: the plan\'s year)', period: 'RPJMDes period', years: (n: number) => `${n} years`,
    vision: 'Vision', mission: 'Mission (one per line)', reason: 'Reason for the revision (required when this plan is adopted)', startButton: 'Start',
    back: 'All plans', preparedBy: 'Prepared', adoptedBy: 'Adopted', by: 'by', reasonLabel: 'Reason for the revision',
    saveText: 'Save the vision and mission', missionTitle: 'Mission', activity: 'Activity (field · sub-field · activity)', description: 'Description', location: 'Location', volume: 'Estimated volume',
    beneficiaries: 'Beneficiaries', runYears: 'Years it runs', fund: 'Fund', execution: 'How it is carried out', add: 'Add an activity', addButton: 'Add',
    remove: 'Remove', noItems: 'No activity yet.', choose: '— choose —', total: 'Total', perYear: 'Activities per year',
    costHelp: 'Estimated cost in whole rupiah, e.g. 150,000,000. Volume with its unit, e.g. 1,200 m.',
    carry: 'Take activities from the RPJMDes', carryText: (y: number, a: number, b: number) => `Fill the ${y} RKPDes with the activities the ${a}–${b} RPJMDes schedules for ${y}. An activity already taken is not taken twice.`,
    carryButton: 'Take activities', noRpjmdes: 'No RPJMDes is adopted for this year: add activities one by one, or adopt the RPJMDes first.',
    adopt: 'Adopt by village regulation (village head)', regulationNumber: 'Village regulation number', regulationDate: 'Village regulation date', adoptButton: 'Adopt the plan',
    ownWork: 'You prepared this plan, so you cannot adopt it.', revise: 'Prepare a revision', reviseButton: 'Start a revision', fromRpjmdes: 'from the RPJMDes',
    deadline: (d: string) => `RKPDes adoption deadline: ${d}.`, budget: 'Budget',
    priority: (t: string, d: string) => `Priority list of ${t} (${d})`, take: 'Add to the RKPDes', taken: 'Already in', rank: 'Rank', proposer: 'Proposer',
    noPriority: 'No Musdes for this year has closed yet.', deliberation: 'Proposals and meetings', fromProposal: 'from a Musdes proposal',
  },
} as const;

type ListView = Awaited<ReturnType<typeof listVillagePlans>>;
type PlanView = Awaited<ReturnType<typeof getPlan>>;
export interface PageMessages { ok?: string; error?: string; values?: Record<string, string> }

/** "RPJMDes 2026–2031", "RKPDes 2027". */
export const planName = (p: { kind: 'rpjmdes' | 'rkpdes'; first_year: number; years: number }) =>
  p.kind === 'rpjmdes' ? `RPJMDes ${p.first_year}–${p.first_year + p.years - 1}` : `RKPDes ${p.first_year}`;

export function PlanListPage({ c, view, msg, today }: { c: Context<AppEnv>; view: ListView; msg: PageMessages; today: string }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const nextYear = Number(today.slice(0, 4)) + 1;
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="perencanaan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {view.late && <LateRkpdes late={view.late} code={code} lang={lang} />}
      <p>{w.intro}</p>
      {view.plans.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.plan}</th><th>{w.version}</th><th>{w.status}</th><th>{w.items}</th><th>{w.cost}</th><th>{w.regulation}</th></tr></thead>
          <tbody>
            {view.plans.map((p) => (
              <tr>
                <td><a href={`/desa/${code}/perencanaan/${p.id}`}>{planName(p)}</a></td>
                <td>{versionLabel(p.version, lang)}</td>
                <td>{STATUS_LABEL[p.status][lang]}</td>
                <td class="num">{p.items}</td>
                <td class="num">{formatRupiah(p.cost)}</td>
                <td>{p.regulation_number ? `${p.regulation_number} · ${formatDate(p.regulation_date!, lang)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/perencanaan`} class="card">
          <h2>{w.start}</h2>
          <Csrf c={c} />
          <label>{w.kind} *
            <select name="kind" required>
              <option value="rkpdes" selected={v.kind !== 'rpjmdes'}>RKPDes</option>
              <option value="rpjmdes" selected={v.kind === 'rpjmdes'}>RPJMDes</option>
            </select>
          </label>
          <label>{w.firstYear} *<input name="first_year" type="number" inputmode="numeric" min={2000} max={2100} required value={v.first_year ?? String(nextYear)} /></label>
          <label>{w.period}
            <select name="years">{[6, 8].map((n) => <option value={String(n)} selected={v.years === String(n)}>{w.years(n)}</option>)}</select>
          </label>
          <label>{w.vision}<textarea name="vision" maxlength={1000} rows={2}>{v.vision ?? ''}</textarea></label>
          <label>{w.mission}<textarea name="mission" maxlength={4000} rows={4}>{v.mission ?? ''}</textarea></label>
          <label>{w.reason}<textarea name="reason" maxlength={500} rows={2}>{v.reason ?? ''}</textarea></label>
          <button type="submit">{w.startButton}</button>
        </form>
      )}
      <p><a href={`/desa/${code}/musyawarah`}>{w.deliberation}</a> · <a href={`/desa/${code}/apbdes`}>{w.budget}</a></p>
    </Layout>
  );
}

function ItemForm({ c, view, values }: { c: Context<AppEnv>; view: PlanView; values?: Record<string, string> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = values ?? {};
  const { activities } = view.reference;
  return (
    <form method="post" action={`/desa/${view.village.village_code}/perencanaan/${view.plan.id}/kegiatan`} class="card" id="tambah">
      <h2>{w.add}</h2>
      <Csrf c={c} />
      {v.source_proposal && <input type="hidden" name="source_proposal" value={v.source_proposal} />}
      <label>{w.activity} *
        <select name="activity_code" required>
          <option value="">{w.choose}</option>
          {activities.filter((r) => r.level === 2).map((g) => (
            <optgroup label={`${g.code} ${g.name}`}>
              {activities.filter((r) => r.level === 3 && r.parent_code === g.code).map((r) => <option value={r.code} selected={v.activity_code === r.code}>{`${r.code} ${r.name}`}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <label>{w.description} *<input name="description" required maxlength={200} value={v.description ?? ''} /></label>
      <label>{w.location} *<input name="location" required maxlength={120} value={v.location ?? ''} placeholder="Dusun II, RT 003" /></label>
      <div class="row">
        <label>{w.volume} *<input name="volume" required maxlength={40} value={v.volume ?? ''} placeholder="1.200 m" /></label>
        <label>{w.cost} (Rp) *<input name="cost" required inputmode="numeric" maxlength={25} value={v.cost ?? ''} /></label>
      </div>
      <label>{w.beneficiaries} *<input name="beneficiaries" required maxlength={200} value={v.beneficiaries ?? ''} /></label>
      {view.plan.kind === 'rpjmdes' && (
        <fieldset>
          <legend>{w.runYears} *</legend>
          {view.years.map((y) => <label class="check"><input type="checkbox" name={`tahun_${y}`} value="1" checked={v[`tahun_${y}`] === '1'} />{String(y)}</label>)}
        </fieldset>
      )}
      <div class="row">
        <label>{w.fund} *
          <select name="fund" required><option value="">{w.choose}</option>{Object.entries(FUNDS).map(([k, name]) => <option value={k} selected={v.fund === k}>{name}</option>)}</select>
        </label>
        <label>{w.execution} *
          <select name="execution" required>{Object.entries(EXECUTION_LABEL).map(([k, l]) => <option value={k} selected={v.execution === k}>{l[lang]}</option>)}</select>
        </label>
      </div>
      <small>{w.costHelp}</small>
      <button type="submit">{w.addButton}</button>
    </form>
  );
}

/** The Musdes priority list of an RKPDes's year, each proposal one click from the activity form. */
function PriorityList({ c, view }: { c: Context<AppEnv>; view: PlanView }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  if (!view.priority) return <p class="muted">{w.noPriority} <a href={`/desa/${code}/musyawarah?tahun=${view.plan.first_year}`}>{w.deliberation}</a></p>;
  return (
    <>
      <h2>{w.priority(view.priority.meeting.title, formatDate(view.priority.meeting.held_on, lang))}</h2>
      <DataTable aria-label={w.priority(view.priority.meeting.title, '')}>
        <thead><tr><th>{w.rank}</th><th>{w.description}</th><th>{w.location}</th><th>{w.proposer}</th><th>{w.cost}</th><th>{w.take}</th></tr></thead>
        <tbody>
          {view.priority.rows.map((r) => (
            <tr>
              <td>{String(r.rank)}</td><td>{r.description}</td><td>{r.location}</td><td>{r.proposer}</td>
              <td class="num">{r.cost === null ? '—' : formatRupiah(r.cost)}</td>
              <td>{r.taken ? w.taken : view.may.edit ? <a href={`/desa/${code}/perencanaan/${view.plan.id}?usulan=${r.id}#tambah`}>{w.take}</a> : ''}</td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </>
  );
}

/** The activity form filled from a prioritised proposal (?usulan=<id>): the officer adds the coding, volume and fund. */
export function valuesFromProposal(view: PlanView, proposalId: string | undefined): Record<string, string> | undefined {
  const r = view.priority?.rows.find((x) => String(x.id) === proposalId);
  if (!r) return undefined;
  const coded = view.reference.activities.some((a) => a.code === r.field_code && a.level === 3);
  return {
    source_proposal: String(r.id), description: r.description, location: r.location, beneficiaries: r.beneficiaries,
    cost: r.cost ?? '', activity_code: coded ? r.field_code : '', execution: 'swakelola',
  };
}

export function PlanPage({ c, view, msg }: { c: Context<AppEnv>; view: PlanView; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const { plan: p, may } = view;
  const code = view.village.village_code;
  const base = `/desa/${code}/perencanaan/${p.id}`;
  const name = new Map(view.reference.activities.map((a) => [a.code, a.name]));
  const stamp = (label: string, at: Date | null, who: string | null) => (at ? <li>{`${label}: ${formatDate(at, lang)} ${w.by} ${who ?? '—'}`}</li> : null);
  const v = msg.values ?? {};
  return (
    <Layout c={c} title={`${planName(p)} (${versionLabel(p.version, lang)}) · ${view.village.name}`} guide="perencanaan">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/perencanaan`}>{w.back}</a></p>
      <p><strong>{STATUS_LABEL[p.status][lang]}</strong>{p.regulation_number ? ` · Perdes ${p.regulation_number}, ${formatDate(p.regulation_date!, lang)}` : ''}</p>
      <ul class="plain">
        {stamp(w.preparedBy, p.prepared_at, p.prepared_by_name)}
        {stamp(w.adoptedBy, p.adopted_at, p.adopted_by_name)}
        {p.reason && <li>{`${w.reasonLabel}: ${p.reason}`}</li>}
        {p.kind === 'rkpdes' && <li>{w.deadline(formatDate(`${p.first_year - 1}-09-30`, lang))}</li>}
      </ul>

      {p.kind === 'rpjmdes' && (may.edit ? (
        <form method="post" action={`${base}/visi`} class="card">
          <Csrf c={c} />
          <label>{w.vision} *<textarea name="vision" maxlength={1000} rows={2}>{v.vision ?? p.vision ?? ''}</textarea></label>
          <label>{w.mission}<textarea name="mission" maxlength={4000} rows={4}>{v.mission ?? p.mission ?? ''}</textarea></label>
          <button type="submit">{w.saveText}</button>
        </form>
      ) : (
        <section>
          <h2>{w.vision}</h2><p>{p.vision ?? '—'}</p>
          <h2>{w.missionTitle}</h2>
          {p.mission ? <ol>{p.mission.split('\n').filter(Boolean).map((m) => <li>{m.replace(/^\d+[.)]\s*/, '')}</li>)}</ol> : <p>—</p>}
        </section>
      ))}

      <h2>{`${w.items} (${view.items.length}) · ${w.total} ${formatRupiah(view.total)}`}</h2>
      {p.kind === 'rpjmdes' && view.items.length > 0 && (
        <p>{`${w.perYear}: `}{view.byYear.map((y) => `${y.year}: ${y.items}`).join(' · ')}</p>
      )}
      {view.items.length === 0 ? <p>{w.noItems}</p> : (
        <DataTable aria-label={w.items}>
          <thead>
            <tr>
              <th>{w.activity}</th><th>{w.description}</th><th>{w.location}</th><th>{w.volume}</th><th>{w.beneficiaries}</th>
              {p.kind === 'rpjmdes' && <th>{w.runYears}</th>}<th>{w.cost}</th><th>{w.fund}</th><th>{w.execution}</th>{may.edit && <th>{w.remove}</th>}
            </tr>
          </thead>
          <tbody>
            {view.items.map((i) => (
              <tr>
                <td>{`${i.activity_code} ${name.get(i.activity_code) ?? ''}`}</td>
                <td>{i.description}{i.source_item && p.kind === 'rkpdes' ? <small>{` (${w.fromRpjmdes})`}</small> : ''}{i.source_proposal ? <small>{` (${w.fromProposal})`}</small> : ''}</td>
                <td>{i.location}</td>
                <td>{i.volume}</td>
                <td>{i.beneficiaries}</td>
                {p.kind === 'rpjmdes' && <td>{i.run_years.join(', ')}</td>}
                <td class="num">{formatRupiah(i.cost)}</td>
                <td>{FUNDS[i.fund as keyof typeof FUNDS] ?? i.fund}</td>
                <td>{EXECUTION_LABEL[i.execution][lang]}</td>
                {may.edit && (
                  <td>
                    <form method="post" action={`${base}/kegiatan/${i.id}/hapus`} class="inline">
                      <Csrf c={c} />
                      <button type="submit" class="link">{w.remove}</button>
                    </form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}

      {may.edit && p.kind === 'rkpdes' && (view.rpjmdes ? (
        <form method="post" action={`${base}/ambil-rpjmdes`} class="card">
          <h2>{w.carry}</h2>
          <Csrf c={c} />
          <p>{w.carryText(p.first_year, view.rpjmdes.first_year, view.rpjmdes.first_year + view.rpjmdes.years - 1)}</p>
          <button type="submit">{w.carryButton}</button>
        </form>
      ) : <p class="muted">{w.noRpjmdes}</p>)}
      {p.kind === 'rkpdes' && <PriorityList c={c} view={view} />}
      {may.edit && <ItemForm c={c} view={view} values={msg.values} />}

      {may.adopt && (may.adoptBlockedAsAuthor ? <p>{w.ownWork}</p> : (
        <form method="post" action={`${base}/tetapkan`} class="card">
          <h2>{w.adopt}</h2>
          <Csrf c={c} />
          <label>{w.regulationNumber} *<input name="regulation_number" required maxlength={60} value={v.regulation_number ?? ''} placeholder={`3 Tahun ${p.first_year - (p.kind === 'rkpdes' ? 1 : 0)}`} /></label>
          <label>{w.regulationDate} *<input name="regulation_date" type="date" required value={v.regulation_date ?? ''} /></label>
          <button type="submit">{w.adoptButton}</button>
        </form>
      ))}
      {may.revise && (
        <form method="post" action={`/desa/${code}/perencanaan`} class="card">
          <h2>{w.revise}</h2>
          <Csrf c={c} />
          <input type="hidden" name="kind" value={p.kind} />
          <input type="hidden" name="first_year" value={String(p.first_year)} />
          <input type="hidden" name="years" value={String(p.years)} />
          <label>{w.reasonLabel} *<textarea name="reason" required minlength={10} maxlength={500} rows={2}></textarea></label>
          <button type="submit">{w.reviseButton}</button>
        </form>
      )}
    </Layout>
  );
}
