import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah } from '../../../platform/format/format.js';
import { FUNDS, type Fund } from '../../budget/index.js';
import type { getProject, listVillageProjects } from '../project.service.js';
import { MAX_PHOTOS } from '../project.service.js';

const TEXT = {
  id: {
    title: 'Proyek pembangunan', intro: 'Kegiatan RKPDes yang dikerjakan di lapangan: lokasi, anggaran per sumber dana, pelaksana, jadwal, dan laporan kemajuan dengan foto. Proyek, kemajuan dan fotonya tampil di halaman publik desa.',
    year: 'Tahun', show: 'Tampilkan', none: 'Belum ada proyek tahun ini.', name: 'Proyek', location: 'Lokasi', budget: 'Anggaran', progress: 'Kemajuan', schedule: 'Seharusnya',
    late: 'Terlambat', onTrack: 'Sesuai jadwal', done: 'Selesai', start: 'Buka proyek dari kegiatan RKPDes', activity: 'Kegiatan RKPDes', choose: '— pilih —',
    noActivity: 'Semua kegiatan RKPDes tahun ini sudah punya proyek, atau RKPDes tahun ini belum ditetapkan.', nameOptional: 'Nama proyek (kosong: uraian kegiatan)',
    locationOptional: 'Lokasi (kosong: lokasi kegiatan)', latitude: 'Lintang (misalnya -5.4291)', longitude: 'Bujur (misalnya 105.2611)', volume: 'Volume (kosong: volume kegiatan)',
    implementer: 'Pelaksana (TPK atau pihak ketiga)', startsOn: 'Tanggal mulai', endsOn: 'Tanggal selesai', funds: 'Anggaran per sumber dana (rupiah utuh; kosongkan yang tidak membiayai)',
    open: 'Buka proyek', back: 'Semua proyek', map: 'Lihat di peta', implementerLabel: 'Pelaksana', period: 'Jadwal', volumeLabel: 'Volume', stages: 'Foto 0 %, 50 %, 100 %',
    noPhoto: 'Belum ada foto', reports: 'Laporan kemajuan', noReports: 'Belum ada laporan kemajuan.', report: 'Laporkan kemajuan', reportedOn: 'Tanggal laporan', progressField: 'Kemajuan fisik (%)',
    note: 'Catatan (pekerjaan yang sudah selesai, kendala)', photos: `Foto (paling banyak ${MAX_PHOTOS}; JPEG, PNG atau WebP; jumlah paling besar 10 MB)`, keep: 'Simpan lokasi GPS di foto (biasanya tidak perlu; lokasi proyek sudah tercatat)',
    send: 'Simpan laporan', by: 'oleh', photo: (n: number) => `Foto ${n}`, publicPage: 'Halaman publik proyek', plans: 'Perencanaan (RPJMDes, RKPDes)', budgetPage: 'APBDes desa',
  },
  en: {
    title: 'Development projects', intro: 'RKPDes activities carried out on the ground: place, budget by fund, implementer, schedule, and progress reports with photos. Projects, progress and photos show on the village\'s public page.',
    year: 'Year', show: 'Show', none: 'No project this year yet.', name: 'Project', location: 'Location', budget: 'Budget', progress: 'Progress', schedule: 'Expected',
    late: 'Late', onTrack: 'On schedule', done: 'Finished', start: 'Open a project from an RKPDes activity', activity: 'RKPDes activity', choose: '— choose —',
    noActivity: 'Every RKPDes activity of this year already has a project, or this year\'s RKPDes is not adopted.', nameOptional: 'Project name (empty: the activity\'s description)',
    locationOptional: 'Location (empty: the activity\'s)', latitude: 'Latitude (e.g. -5.4291)', longitude: 'Longitude (e.g. 105.2611)', volume: 'Volume (empty: the activity\'s)',
    implementer: 'Implementer (activity team or third party)', startsOn: 'Start date', endsOn: 'End date', funds: 'Budget by fund (whole rupiah; leave empty the funds that pay nothing)',
    open: 'Open the project', back: 'All projects', map: 'See on the map', implementerLabel: 'Implementer', period: 'Schedule', volumeLabel: 'Volume', stages: 'Photos at 0 %, 50 %, 100 %',
    noPhoto: 'No photo yet', reports: 'Progress reports', noReports: 'No progress report yet.', report: 'Report progress', reportedOn: 'Report date', progressField: 'Physical progress (%)',
    note: 'Note (work done, problems)', photos: `Photos (at most ${MAX_PHOTOS}; JPEG, PNG or WebP; 10 MB in all)`, keep: 'Keep the GPS location in the photos (rarely needed: the project\'s place is recorded)',
    send: 'Save the report', by: 'by', photo: (n: number) => `Photo ${n}`, publicPage: 'Public project page', plans: 'Village plans (RPJMDes, RKPDes)', budgetPage: 'Village budget',
  },
} as const;

type ListView = Awaited<ReturnType<typeof listVillageProjects>>;
type ProjectView = Awaited<ReturnType<typeof getProject>>;
export interface PageMessages { ok?: string; error?: string; values?: Record<string, string> }

/** "52,5 %": a percentage as reported (0–100, at most two decimals, no trailing zeros). */
export const percent = (v: string | number, lang: 'id' | 'en') => `${String(Number(v)).replace('.', lang === 'id' ? ',' : '.')} %`;
const status = (p: { late: boolean; progress: string | number }, w: (typeof TEXT)['id' | 'en']) => (Number(p.progress) >= 100 ? w.done : p.late ? w.late : w.onTrack);

/** A progress bar the screen reader reads as a number, drawn without inline style. */
export const ProgressBar = ({ value, label }: { value: number; label: string }) => <progress max={100} value={value} aria-label={label}>{label}</progress>;

export function ProjectListPage({ c, view, msg }: { c: Context<AppEnv>; view: ListView; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  return (
    <Layout c={c} title={`${w.title} ${view.year} · ${view.village.name}`} guide="proyek">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="get" action={`/desa/${code}/proyek`} class="card filters">
        <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(view.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>
      {view.projects.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.name}</th><th>{w.progress}</th><th>{w.schedule}</th><th>{w.location}</th><th>{w.budget}</th></tr></thead>
          <tbody>
            {view.projects.map((p) => (
              <tr>
                <td><a href={`/desa/${code}/proyek/${p.id}`}>{p.name}</a></td>
                <td><ProgressBar value={Number(p.progress)} label={percent(p.progress, lang)} />{` ${percent(p.progress, lang)} · ${status(p, w)}`}</td>
                <td>{`${p.expected} %`}</td>
                <td>{p.location}</td>
                <td class="num">{formatRupiah(p.budget)}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canWrite && (view.candidates.length === 0 ? <p class="muted">{w.noActivity}</p> : (
        <form method="post" action={`/desa/${code}/proyek`} class="card">
          <h2>{w.start}</h2>
          <Csrf c={c} />
          <label>{w.activity} *
            <select name="plan_item_id" required>
              <option value="">{w.choose}</option>
              {view.candidates.map((i) => <option value={String(i.id)} selected={v.plan_item_id === String(i.id)}>{`${i.activity_code} ${i.description} — ${i.location} (${formatRupiah(i.cost)})`}</option>)}
            </select>
          </label>
          <label>{w.nameOptional}<input name="name" maxlength={200} value={v.name ?? ''} /></label>
          <label>{w.locationOptional}<input name="location" maxlength={120} value={v.location ?? ''} /></label>
          <div class="row">
            <label>{w.latitude}<input name="latitude" inputmode="decimal" maxlength={12} value={v.latitude ?? ''} /></label>
            <label>{w.longitude}<input name="longitude" inputmode="decimal" maxlength={12} value={v.longitude ?? ''} /></label>
          </div>
          <label>{w.volume}<input name="volume" maxlength={40} value={v.volume ?? ''} /></label>
          <label>{w.implementer} *<input name="implementer" required maxlength={120} value={v.implementer ?? ''} placeholder="TPK Desa" /></label>
          <div class="row">
            <label>{w.startsOn} *<input name="starts_on" type="date" required value={v.starts_on ?? ''} /></label>
            <label>{w.endsOn} *<input name="ends_on" type="date" required value={v.ends_on ?? ''} /></label>
          </div>
          <fieldset>
            <legend>{w.funds}</legend>
            {(Object.keys(FUNDS) as Fund[]).map((f) => <label>{FUNDS[f]}<input name={`dana_${f}`} inputmode="numeric" maxlength={25} value={v[`dana_${f}`] ?? ''} /></label>)}
          </fieldset>
          <button type="submit">{w.open}</button>
        </form>
      ))}
      <p><a href={`/desa/${code}/perencanaan`}>{w.plans}</a></p>
    </Layout>
  );
}

/** The project's facts, its photos at 0, 50 and 100 %, and its reports: the same for officers and the public. */
export function ProjectBody({ c, view, photoUrl }: { c: Context<AppEnv>; view: ProjectView; photoUrl: (id: number) => string }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const p = view.project;
  return (
    <>
      <p><ProgressBar value={view.progress} label={percent(view.progress, lang)} />{` ${percent(view.progress, lang)} · ${status({ late: view.schedule.late, progress: view.progress }, w)} (${w.schedule.toLowerCase()} ${view.schedule.expected} %)`}</p>
      <dl class="figures">
        <dt>{w.location}</dt>
        <dd>{p.location}{p.latitude && p.longitude ? <>{' · '}<a href={`https://www.openstreetmap.org/?mlat=${p.latitude}&mlon=${p.longitude}#map=17/${p.latitude}/${p.longitude}`} rel="noopener noreferrer">{w.map}</a></> : ''}</dd>
        <dt>{w.volumeLabel}</dt><dd>{p.volume}</dd>
        <dt>{w.implementerLabel}</dt><dd>{p.implementer}</dd>
        <dt>{w.period}</dt><dd>{`${formatDate(p.starts_on, lang)} – ${formatDate(p.ends_on, lang)}`}</dd>
        <dt>{w.budget}</dt><dd class="num">{formatRupiah(view.budget)}</dd>
        {view.funds.map((f) => <><dt>{FUNDS[f.fund]}</dt><dd class="num">{formatRupiah(f.amount)}</dd></>)}
      </dl>
      <h2>{w.stages}</h2>
      <div class="stages">
        {view.stages.map((s) => (
          <figure>
            {s.report ? <img src={photoUrl(s.report.photo)} alt={`${p.name} ${percent(s.report.progress, lang)}`} loading="lazy" /> : <div class="no-photo">{w.noPhoto}</div>}
            <figcaption>{s.report ? `${percent(s.report.progress, lang)} · ${formatDate(s.report.reported_on, lang)}` : `${s.target} %`}</figcaption>
          </figure>
        ))}
      </div>
      <h2>{w.reports}</h2>
      {view.reports.length === 0 ? <p>{w.noReports}</p> : (
        <ol class="plain reports">
          {[...view.reports].reverse().map((r) => (
            <li class="card">
              <strong>{`${formatDate(r.reported_on, lang)} · ${percent(r.progress, lang)}`}</strong>
              <p>{r.note}</p>
              {r.photos.length > 0 && (
                <div class="stages">{r.photos.map((ph, i) => <a href={photoUrl(ph.id)}><img src={photoUrl(ph.id)} alt={w.photo(i + 1)} width={ph.width} height={ph.height} loading="lazy" /></a>)}</div>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ProjectPage({ c, view, msg, today }: { c: Context<AppEnv>; view: ProjectView; msg: PageMessages; today: string }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  return (
    <Layout c={c} title={`${view.project.name} · ${view.village.name}`} guide="proyek">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/proyek?tahun=${view.project.year}`}>{w.back}</a> · <a href={`/publik/desa/${code}/proyek/${view.project.id}`}>{w.publicPage}</a></p>
      <ProjectBody c={c} view={view} photoUrl={(id) => `/publik/desa/${code}/proyek/foto/${id}`} />
      {view.canReport && (
        <form method="post" action={`/desa/${code}/proyek/${view.project.id}/laporan`} enctype="multipart/form-data" class="card">
          <h2>{w.report}</h2>
          <Csrf c={c} />
          <div class="row">
            <label>{w.reportedOn} *<input name="reported_on" type="date" required max={today} value={v.reported_on ?? today} /></label>
            <label>{w.progressField} *<input name="progress" inputmode="decimal" required maxlength={6} value={v.progress ?? ''} /></label>
          </div>
          <label>{w.note} *<textarea name="note" required maxlength={2000} rows={3}>{v.note ?? ''}</textarea></label>
          <label>{w.photos}<input name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple /></label>
          <label class="check"><input type="checkbox" name="keep_location" value="1" />{w.keep}</label>
          <button type="submit">{w.send}</button>
        </form>
      )}
      <p><a href={`/publik/desa/${code}/apbdes?tahun=${view.project.year}`}>{w.budgetPage}</a></p>
    </Layout>
  );
}

/** /publik/desa/<code>/proyek/<id>: the project for everyone, no forms. */
export function PublicProjectPage({ c, view }: { c: Context<AppEnv>; view: ProjectView }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  return (
    <Layout c={c} title={`${view.project.name} · ${view.village.name}`} guide="proyek">
      <ProjectBody c={c} view={view} photoUrl={(id) => `/publik/desa/${code}/proyek/foto/${id}`} />
      <p><a href={`/publik/desa/${code}/apbdes?tahun=${view.project.year}`}>{w.budgetPage}</a></p>
    </Layout>
  );
}
