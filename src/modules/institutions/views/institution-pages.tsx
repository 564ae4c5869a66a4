import type { Context } from 'hono';
import { can } from '../../../platform/access/access.js';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, todayInWib } from '../../../platform/format/format.js';
import type { institutionPage, institutionsPage, trainingPage } from '../institutions.service.js';
import { INSTITUTION_KINDS, TRAINING_TOPICS } from '../kinds.js';

const TEXT = {
  id: {
    title: 'Kelembagaan desa', intro: 'Lembaga desa (BPD, LPM, PKK, Karang Taruna, Posyandu, RT/RW, lembaga adat) dan kelompok masyarakat: anggotanya diambil dari data penduduk, dengan jabatan dan masa jabatan. Masa jabatan yang berakhir tetap tersimpan sebagai riwayat.',
    institutions: 'Lembaga', activeMembers: 'Pengurus/anggota aktif', trainings: 'Pelatihan', trained: 'Warga terlatih', cadres: 'Kader digital',
    kind: 'Jenis', name: 'Nama lembaga', area: 'Wilayah', members: 'Anggota aktif', records: 'Catatan', last: 'Kegiatan terakhir', none: 'Belum ada lembaga. Catat yang pertama di bawah.',
    newInstitution: 'Catat lembaga', areaOpt: 'Wilayah (untuk RT, RW, Posyandu dusun)', wholeVillage: '— seluruh desa —', decreeNumber: 'Nomor SK pembentukan', decreeOn: 'Tanggal SK', note: 'Catatan', save: 'Simpan', dissolvedTag: 'bubar',
    trainingsTitle: 'Pelatihan dan pembelajaran warga', noTraining: 'Belum ada pelatihan.', newTraining: 'Catat pelatihan', trainingTitle: 'Judul pelatihan', topic: 'Topik', heldOn: 'Tanggal', place: 'Tempat', organiser: 'Penyelenggara',
    cadreBox: 'Peserta yang selesai menjadi kader digital desa', material: 'Tautan materi belajar untuk warga (https://…)', participants: 'Peserta', cadre: 'kader digital',
    back: 'Semua lembaga', saved: 'Tersimpan.', decree: 'SK', dissolved: 'Lembaga ini sudah bubar sejak', current: 'Pengurus dan anggota saat ini', history: 'Riwayat jabatan (masa jabatan yang sudah berakhir)',
    resident: 'Nama', nik: 'NIK', position: 'Jabatan', term: 'Masa jabatan', until: 's.d.', open: 'belum ditentukan', ended: 'Berakhir', reason: 'Alasan',
    endTerm: 'Akhiri masa jabatan', endedOn: 'Tanggal berakhir', addMember: 'Tambah pengurus/anggota dari data penduduk', nikInput: 'NIK penduduk (16 angka)', positionInput: 'Jabatan (Ketua, Sekretaris, Anggota …)', termStart: 'Awal masa jabatan', termEnd: 'Akhir masa jabatan (bila ada)',
    recordsTitle: 'Kegiatan dan keputusan', noRecord: 'Belum ada catatan.', activity: 'Kegiatan', decision: 'Keputusan', recordTitle: 'Judul', summary: 'Ringkasan', count: 'Jumlah peserta', addRecord: 'Catat kegiatan atau keputusan',
    withdraw: 'Tarik catatan ini (salah catat)', withdrawn: 'ditarik', dissolve: 'Bubarkan lembaga', dissolveNote: 'Semua masa jabatan yang masih berjalan ikut berakhir; riwayat tetap tersimpan.',
    noMembers: 'Belum ada pengurus atau anggota.', backTraining: 'Semua pelatihan', addPeople: 'Tambah peserta', niksInput: 'NIK peserta, satu per baris (dari daftar hadir)', noPeople: 'Belum ada peserta.', materialLink: 'Materi belajar',
  },
  en: {
    title: 'Village institutions', intro: 'The village institutions (BPD, LPM, PKK, Karang Taruna, Posyandu, RT/RW, customary institutions) and community groups: members come from the population register, with a position and a term. A term that ended is kept as history.',
    institutions: 'Institutions', activeMembers: 'Active members', trainings: 'Trainings', trained: 'Residents trained', cadres: 'Digital cadres',
    kind: 'Kind', name: 'Institution', area: 'Area', members: 'Active members', records: 'Records', last: 'Last activity', none: 'No institution yet. Record the first below.',
    newInstitution: 'Record an institution', areaOpt: 'Area (for an RT, RW, a dusun Posyandu)', wholeVillage: '— whole village —', decreeNumber: 'Decree number', decreeOn: 'Decree date', note: 'Note', save: 'Save', dissolvedTag: 'dissolved',
    trainingsTitle: 'Trainings and learning for residents', noTraining: 'No training yet.', newTraining: 'Record a training', trainingTitle: 'Title', topic: 'Topic', heldOn: 'Date', place: 'Place', organiser: 'Organiser',
    cadreBox: 'Participants who complete it become the village\'s digital cadres', material: 'Learning material link for residents (https://…)', participants: 'Participants', cadre: 'digital cadres',
    back: 'All institutions', saved: 'Saved.', decree: 'Decree', dissolved: 'This institution was dissolved on', current: 'Current members', history: 'Past terms',
    resident: 'Name', nik: 'NIK', position: 'Position', term: 'Term', until: 'to', open: 'open', ended: 'Ended', reason: 'Reason',
    endTerm: 'End this term', endedOn: 'Ended on', addMember: 'Add a member from the register', nikInput: 'Resident\'s NIK (16 digits)', positionInput: 'Position (Chair, Secretary, Member …)', termStart: 'Term start', termEnd: 'Term end (if set)',
    recordsTitle: 'Activities and decisions', noRecord: 'Nothing recorded yet.', activity: 'Activity', decision: 'Decision', recordTitle: 'Title', summary: 'Summary', count: 'Participants', addRecord: 'Record an activity or a decision',
    withdraw: 'Withdraw this record (recorded by mistake)', withdrawn: 'withdrawn', dissolve: 'Dissolve the institution', dissolveNote: 'Every running term ends with it; the history is kept.',
    noMembers: 'No member yet.', backTraining: 'All trainings', addPeople: 'Add participants', niksInput: 'Participants\' NIKs, one per line (from the sign-in sheet)', noPeople: 'No participant yet.', materialLink: 'Learning material',
  },
} as const;

type Msg = { ok?: boolean; error?: string; values?: Record<string, string>; form?: string };
const day = (d: string | Date | null, lang: 'id' | 'en') => (d ? formatDate(String(d instanceof Date ? d.toISOString() : d).slice(0, 10), lang) : '');

export function InstitutionsPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof institutionsPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const n = (x: number) => formatNumber(x, lang);
  const write = can(c.get('ctx').actor, 'institutions.write');
  const v = (form: string, k: string) => (msg.form === form ? msg.values?.[k] ?? '' : '');
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="kelembagaan">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <dl class="figures">
        <dt>{w.institutions}</dt><dd class="num">{n(view.totals.institutions)}</dd>
        <dt>{w.activeMembers}</dt><dd class="num">{n(view.totals.active_members)}</dd>
        <dt>{w.trainings}</dt><dd class="num">{n(view.totals.trainings)}</dd>
        <dt>{w.trained}</dt><dd class="num">{n(view.totals.people_trained)}</dd>
        <dt>{w.cadres}</dt><dd class="num">{n(view.totals.digital_cadres)}</dd>
      </dl>
      {view.institutions.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.institutions}>
          <thead><tr><th>{w.name}</th><th>{w.kind}</th><th>{w.area}</th><th class="num">{w.members}</th><th>{w.last}</th></tr></thead>
          <tbody>{view.institutions.map((i) => (
            <tr>
              <td><a href={`/desa/${code}/kelembagaan/${i.id}`}>{i.name}</a>{i.dissolved_on && <small>{` (${w.dissolvedTag})`}</small>}</td>
              <td>{INSTITUTION_KINDS[i.kind][lang]}</td>
              <td>{i.area_name ?? ''}</td>
              <td class="num">{n(i.members)}</td>
              <td>{day(i.last_held_on, lang)}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {write && (
        <form method="post" action={`/desa/${code}/kelembagaan`} class="card">
          <h2>{w.newInstitution}</h2>
          <Csrf c={c} />
          <label>{w.kind} *<select name="kind" required>{Object.entries(INSTITUTION_KINDS).map(([k, l]) => <option value={k} selected={v('institution', 'kind') === k}>{l[lang]}</option>)}</select></label>
          <label>{w.name} *<input name="name" required minlength={2} maxlength={120} value={v('institution', 'name')} /></label>
          <label>{w.areaOpt}<select name="area_id"><option value="">{w.wholeVillage}</option>{view.areas.map((a) => <option value={String(a.id)} selected={v('institution', 'area_id') === String(a.id)}>{`${a.level.toUpperCase()} ${a.name}`}</option>)}</select></label>
          <label>{w.decreeNumber}<input name="decree_number" maxlength={80} value={v('institution', 'decree_number')} /></label>
          <label>{w.decreeOn}<input type="date" name="decree_on" max={todayInWib()} value={v('institution', 'decree_on')} /></label>
          <label>{w.note}<textarea name="note" maxlength={1000} rows={2}>{v('institution', 'note')}</textarea></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
      <h2>{w.trainingsTitle}</h2>
      {view.trainings.length === 0 ? <p>{w.noTraining}</p> : (
        <DataTable aria-label={w.trainingsTitle}>
          <thead><tr><th>{w.trainingTitle}</th><th>{w.heldOn}</th><th>{w.topic}</th><th class="num">{w.participants}</th></tr></thead>
          <tbody>{view.trainings.map((t) => (
            <tr>
              <td><a href={`/desa/${code}/pelatihan/${t.id}`}>{t.title}</a>{t.makes_digital_cadres && <small>{` · ${w.cadre}`}</small>}</td>
              <td>{day(t.held_on, lang)}</td>
              <td>{TRAINING_TOPICS[t.topic as keyof typeof TRAINING_TOPICS]?.[lang] ?? t.topic}</td>
              <td class="num">{n(t.participants)}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {write && (
        <form method="post" action={`/desa/${code}/pelatihan`} class="card">
          <h2>{w.newTraining}</h2>
          <Csrf c={c} />
          <label>{w.trainingTitle} *<input name="title" required minlength={3} maxlength={200} value={v('training', 'title')} /></label>
          <label>{w.topic} *<select name="topic" required>{Object.entries(TRAINING_TOPICS).map(([k, l]) => <option value={k} selected={v('training', 'topic') === k}>{l[lang]}</option>)}</select></label>
          <label>{w.heldOn} *<input type="date" name="held_on" required value={v('training', 'held_on')} /></label>
          <label>{w.place}<input name="place" maxlength={200} value={v('training', 'place')} /></label>
          <label>{w.organiser}<input name="organiser" maxlength={200} value={v('training', 'organiser')} /></label>
          <label class="check"><input type="checkbox" name="makes_digital_cadres" value="1" checked={v('training', 'makes_digital_cadres') === '1'} /> {w.cadreBox}</label>
          <label>{w.material}<input type="url" name="material_url" maxlength={500} value={v('training', 'material_url')} /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}

export function InstitutionPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof institutionPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const i = view.institution;
  const base = `/desa/${code}/kelembagaan/${i.id}`;
  const write = can(c.get('ctx').actor, 'institutions.write');
  const v = (form: string, k: string) => (msg.form === form ? msg.values?.[k] ?? '' : '');
  const today = todayInWib();
  const term = (m: { term_start: string; term_end: string | null }) => `${day(m.term_start, lang)} ${w.until} ${m.term_end ? day(m.term_end, lang) : w.open}`;
  return (
    <Layout c={c} title={`${i.name} · ${view.village.name}`} guide="kelembagaan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/kelembagaan`}>{w.back}</a></p>
      {i.dissolved_on && <Notice kind="warn">{`${w.dissolved} ${day(i.dissolved_on, lang)}.`}</Notice>}
      <dl class="figures">
        <dt>{w.kind}</dt><dd>{INSTITUTION_KINDS[i.kind][lang]}</dd>
        {view.area && <><dt>{w.area}</dt><dd>{`${view.area.level.toUpperCase()} ${view.area.name}`}</dd></>}
        {i.decree_number && <><dt>{w.decree}</dt><dd>{`${i.decree_number}${i.decree_on ? ` · ${day(i.decree_on, lang)}` : ''}`}</dd></>}
        <dt>{w.members}</dt><dd class="num">{String(view.current.length)}</dd>
      </dl>
      {i.note && <p>{i.note}</p>}
      <h2>{w.current}</h2>
      {view.current.length === 0 && <p>{w.noMembers}</p>}
      {view.current.length > 0 && (
        <DataTable aria-label={w.current}>
          <thead><tr><th>{w.resident}</th><th>{w.position}</th><th>{w.term}</th><th>{w.nik}</th></tr></thead>
          <tbody>{view.current.map((m) => (
            <tr>
              <td>
                <a href={`/desa/${code}/penduduk/${m.resident_id}`}>{m.name}</a>
                {write && (
                  <details open={msg.form === `end:${m.id}`}>
                    <summary>{w.endTerm}</summary>
                    <form method="post" action={`${base}/anggota/${m.id}/selesai`}>
                      <Csrf c={c} />
                      <label>{w.endedOn} *<input type="date" name="ended_on" required max={today} value={v(`end:${m.id}`, 'ended_on') || today} /></label>
                      <label>{w.reason} *<input name="reason" required minlength={3} maxlength={300} value={v(`end:${m.id}`, 'reason')} /></label>
                      <button type="submit" class="secondary">{w.endTerm}</button>
                    </form>
                  </details>
                )}
              </td>
              <td>{m.position}</td>
              <td>{term(m)}</td>
              <td class="mono">{m.nik}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {write && !i.dissolved_on && (
        <form method="post" action={`${base}/anggota`} class="card">
          <h3>{w.addMember}</h3>
          <Csrf c={c} />
          <label>{w.nikInput} *<input name="nik" required inputmode="numeric" pattern="[0-9]{16}" maxlength={16} value={v('member', 'nik')} /></label>
          <label>{w.positionInput} *<input name="position" required minlength={2} maxlength={80} value={v('member', 'position')} /></label>
          <label>{w.termStart} *<input type="date" name="term_start" required value={v('member', 'term_start')} /></label>
          <label>{w.termEnd}<input type="date" name="term_end" value={v('member', 'term_end')} /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
      {view.history.length > 0 && (
        <>
          <h2>{w.history}</h2>
          <DataTable aria-label={w.history}>
            <thead><tr><th>{w.resident}</th><th>{w.position}</th><th>{w.term}</th><th>{w.ended}</th></tr></thead>
            <tbody>{view.history.map((m) => (
              <tr>
                <td>{m.name}</td>
                <td>{m.position}</td>
                <td>{term(m)}</td>
                <td>{`${day(m.ended_on, lang)} · ${m.end_reason ?? ''}`}</td>
              </tr>
            ))}</tbody>
          </DataTable>
        </>
      )}
      <h2>{w.recordsTitle}</h2>
      {view.records.length === 0 ? <p>{w.noRecord}</p> : (
        <ul class="plain">{view.records.map((r) => (
          <li class={r.withdrawn_at ? 'muted' : undefined}>
            <strong>{`${day(r.held_on, lang)} · ${r.kind === 'decision' ? w.decision : w.activity}: `}</strong>
            {r.withdrawn_at ? <s>{r.title}</s> : r.title}
            {r.participants !== null && ` · ${w.count} ${formatNumber(r.participants, lang)}`}
            {r.withdrawn_at && ` (${w.withdrawn}: ${r.withdrawn_reason ?? ''})`}
            {r.summary && !r.withdrawn_at && <p>{r.summary}</p>}
            {write && !r.withdrawn_at && (
              <details open={msg.form === `withdraw:${r.id}`}>
                <summary>{w.withdraw}</summary>
                <form method="post" action={`${base}/catatan/${r.id}/tarik`}>
                  <Csrf c={c} />
                  <label>{w.reason} *<input name="reason" required minlength={3} maxlength={300} value={v(`withdraw:${r.id}`, 'reason')} /></label>
                  <button type="submit" class="secondary">{w.withdraw}</button>
                </form>
              </details>
            )}
          </li>
        ))}</ul>
      )}
      {write && (
        <form method="post" action={`${base}/catatan`} class="card">
          <h3>{w.addRecord}</h3>
          <Csrf c={c} />
          <label>{w.kind} *<select name="kind" required>
            <option value="activity" selected={v('record', 'kind') !== 'decision'}>{w.activity}</option>
            <option value="decision" selected={v('record', 'kind') === 'decision'}>{w.decision}</option>
          </select></label>
          <label>{w.heldOn} *<input type="date" name="held_on" required max={today} value={v('record', 'held_on')} /></label>
          <label>{w.recordTitle} *<input name="title" required minlength={3} maxlength={200} value={v('record', 'title')} /></label>
          <label>{w.summary}<textarea name="summary" maxlength={2000} rows={3}>{v('record', 'summary')}</textarea></label>
          <label>{w.count}<input type="number" name="participants" min={0} max={100000} value={v('record', 'participants')} /></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
      {write && !i.dissolved_on && (
        <details class="card" open={msg.form === 'dissolve'}>
          <summary>{w.dissolve}</summary>
          <form method="post" action={`${base}/bubarkan`}>
            <Csrf c={c} />
            <p>{w.dissolveNote}</p>
            <label>{w.endedOn} *<input type="date" name="ended_on" required max={today} value={v('dissolve', 'ended_on') || today} /></label>
            <label>{w.reason} *<input name="reason" required minlength={3} maxlength={300} value={v('dissolve', 'reason')} /></label>
            <button type="submit" class="secondary">{w.dissolve}</button>
          </form>
        </details>
      )}
    </Layout>
  );
}

export function TrainingPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof trainingPage>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const t = view.training;
  const write = can(c.get('ctx').actor, 'institutions.write');
  return (
    <Layout c={c} title={`${t.title} · ${view.village.name}`} guide="kelembagaan">
      {msg.ok && <Notice kind="ok">{w.saved}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/kelembagaan`}>{w.backTraining}</a></p>
      <dl class="figures">
        <dt>{w.heldOn}</dt><dd>{day(t.held_on, lang)}</dd>
        <dt>{w.topic}</dt><dd>{TRAINING_TOPICS[t.topic][lang]}</dd>
        {t.place && <><dt>{w.place}</dt><dd>{t.place}</dd></>}
        {t.organiser && <><dt>{w.organiser}</dt><dd>{t.organiser}</dd></>}
        <dt>{w.participants}</dt><dd class="num">{String(view.participants.length)}</dd>
      </dl>
      {t.makes_digital_cadres && <p>{w.cadreBox}.</p>}
      {t.material_url && <p><a href={t.material_url} rel="noopener nofollow">{w.materialLink}</a></p>}
      <h2>{w.participants}</h2>
      {view.participants.length === 0 ? <p>{w.noPeople}</p> : (
        <DataTable aria-label={w.participants}>
          <thead><tr><th>{w.resident}</th><th>{w.nik}</th></tr></thead>
          <tbody>{view.participants.map((p) => <tr><td><a href={`/desa/${code}/penduduk/${p.resident_id}`}>{p.name}</a></td><td class="mono">{p.nik}</td></tr>)}</tbody>
        </DataTable>
      )}
      {write && (
        <form method="post" action={`/desa/${code}/pelatihan/${t.id}/peserta`} class="card">
          <h3>{w.addPeople}</h3>
          <Csrf c={c} />
          <label>{w.niksInput} *<textarea name="niks" required rows={5} inputmode="numeric">{msg.values?.niks ?? ''}</textarea></label>
          <button type="submit">{w.save}</button>
        </form>
      )}
    </Layout>
  );
}
