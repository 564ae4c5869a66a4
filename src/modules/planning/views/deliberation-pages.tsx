import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, formatRupiah } from '../../../platform/format/format.js';
import type { ReferenceRow } from '../../budget/index.js';
import type { deliberationOverview, getMeeting } from '../deliberation.service.js';
import { MEETING_LABEL, SOURCE_LABEL } from '../deliberation.service.js';
import type { PageMessages } from './plan-pages.js';

const TEXT = {
  id: {
    title: 'Usulan dan musyawarah', intro: 'Usulan kegiatan dari dusun, kelompok masyarakat dan warga untuk RKPDes, dan musyawarah yang memeringkatnya. Daftar hadir diambil dari data penduduk; daftar prioritas Musdes yang sudah ditutup menjadi dasar RKPDes.',
    year: 'Tahun RKPDes', show: 'Tampilkan', proposals: 'Usulan', none: 'Belum ada usulan untuk tahun ini.', no: 'No.', origin: 'Asal usulan', proposer: 'Pengusul',
    field: 'Bidang/kegiatan', description: 'Uraian', location: 'Lokasi', beneficiaries: 'Sasaran/penerima manfaat', cost: 'Perkiraan biaya', status: 'Hasil Musdes',
    rank: (n: number) => `Prioritas ke-${n}`, waiting: 'Menunggu Musdes', withdrawn: 'Ditarik', withdraw: 'Tarik', withdrawReason: 'Alasan ditarik', unknownCost: '—',
    addProposal: 'Catat usulan', add: 'Simpan usulan', choose: '— pilih —', costHelp: 'Perkiraan biaya boleh dikosongkan bila belum diketahui; tulis rupiah utuh, misalnya 75.000.000.',
    meetings: 'Musyawarah', noMeetings: 'Belum ada musyawarah.', meeting: 'Musyawarah', heldOn: 'Tanggal', place: 'Tempat', attendees: 'Hadir', open: 'Berlangsung', closed: 'Ditutup',
    startMeeting: 'Mulai musyawarah', kind: 'Jenis musyawarah', meetingTitle: 'Nama musyawarah', agenda: 'Agenda', start: 'Mulai', plans: 'Perencanaan (RPJMDes, RKPDes)',
    back: 'Usulan dan musyawarah', attendance: 'Daftar hadir', noAttendance: 'Belum ada peserta.', name: 'Nama', nik: 'NIK', attendAs: 'Hadir sebagai', remove: 'Hapus',
    addAttendees: 'Tambah peserta dari data penduduk', niks: 'NIK peserta (satu per baris; boleh diikuti koma dan perannya, misalnya "1809…, Ketua RT 001")', attendAsAll: 'Hadir sebagai (untuk baris tanpa peran)',
    addAttendeesButton: 'Tambahkan', scores: 'Skor usulan', scoreHelp: 'Isi jumlah suara atau nilai yang diberikan musyawarah; kosong atau 0 berarti tidak masuk prioritas.', score: 'Skor',
    saveScores: 'Simpan skor', minutes: 'Notulen/hasil musyawarah', saveMinutes: 'Simpan notulen', close: 'Tutup musyawarah dan tetapkan daftar prioritas',
    closeHelp: 'Setelah ditutup, daftar hadir, skor dan notulen tidak dapat diubah. Usulan diberi peringkat dari skor tertinggi.', closeButton: 'Tutup dan tetapkan',
    priority: 'Daftar prioritas', minutesPdf: 'Cetak berita acara (PDF)', musdesusList: 'Daftar calon penerima bantuan yang dibahas, dan penetapannya', men: 'laki-laki', women: 'perempuan', closedBy: 'Ditutup',
  },
  en: {
    title: 'Proposals and meetings', intro: 'Activities proposed by hamlets, community groups and citizens for the RKPDes, and the meetings that rank them. Attendance comes from the population register; the priority list of a closed Musdes is what the RKPDes is built from.',
    year: 'RKPDes year', show: 'Show', proposals: 'Proposals', none: 'No proposal for this year yet.', no: 'No.', origin: 'Proposed by', proposer: 'Proposer',
    field: 'Field/activity', description: 'Description', location: 'Location', beneficiaries: 'Beneficiaries', cost: 'Estimated cost', status: 'Musdes result',
    rank: (n: number) => `Priority ${n}`, waiting: 'Waiting for the Musdes', withdrawn: 'Withdrawn', withdraw: 'Withdraw', withdrawReason: 'Why it is withdrawn', unknownCost: '—',
    addProposal: 'Record a proposal', add: 'Save the proposal', choose: '— choose —', costHelp: 'The estimated cost may stay empty when not known; whole rupiah, e.g. 75,000,000.',
    meetings: 'Meetings', noMeetings: 'No meeting yet.', meeting: 'Meeting', heldOn: 'Date', place: 'Place', attendees: 'Present', open: 'Under way', closed: 'Closed',
    startMeeting: 'Start a meeting', kind: 'Kind of meeting', meetingTitle: 'Meeting name', agenda: 'Agenda', start: 'Start', plans: 'Village plans (RPJMDes, RKPDes)',
    back: 'Proposals and meetings', attendance: 'Attendance', noAttendance: 'No attendee yet.', name: 'Name', nik: 'NIK', attendAs: 'Attends as', remove: 'Remove',
    addAttendees: 'Add attendees from the register', niks: 'Attendees\' NIK (one a line; may be followed by a comma and a role, e.g. "1809…, RT 001 head")', attendAsAll: 'Attends as (for lines without a role)',
    addAttendeesButton: 'Add', scores: 'Scores', scoreHelp: 'The votes or points the meeting gave; empty or 0 means not a priority.', score: 'Score',
    saveScores: 'Save the scores', minutes: 'Minutes', saveMinutes: 'Save the minutes', close: 'Close the meeting and adopt the priority list',
    closeHelp: 'Once closed, the attendance, scores and minutes cannot change. Proposals are ranked from the highest score.', closeButton: 'Close and adopt',
    priority: 'Priority list', minutesPdf: 'Print the minutes (PDF)', musdesusList: 'The aid candidate list under discussion, and its adoption', men: 'men', women: 'women', closedBy: 'Closed',
  },
} as const;

type Overview = Awaited<ReturnType<typeof deliberationOverview>>;
type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

/** "2.3.10 Pembangunan … Jalan Desa" or "2. Pelaksanaan Pembangunan Desa". */
export const fieldName = (activities: ReferenceRow[], code: string) => {
  const a = activities.find((r) => r.code === code);
  return a ? `${a.code}${a.level === 1 ? '.' : ''} ${a.name}` : code;
};

/** The choosable bidang, sub-bidang and activities, indented by level. */
export function FieldOptions({ activities, selected }: { activities: ReferenceRow[]; selected?: string }) {
  return (
    <>
      {activities.filter((r) => r.level === 1).map((b) => (
        <optgroup label={`${b.code}. ${b.name}`}>
          <option value={b.code} selected={selected === b.code}>{`${b.code}. ${b.name}`}</option>
          {activities.filter((r) => r.level === 3 && r.code.startsWith(`${b.code}.`)).map((r) => <option value={r.code} selected={selected === r.code}>{`${r.code} ${r.name}`}</option>)}
        </optgroup>
      ))}
    </>
  );
}

export function DeliberationPage({ c, view, msg, today }: { c: Context<AppEnv>; view: Overview; msg: PageMessages; today: string }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const base = `/desa/${code}/musyawarah`;
  return (
    <Layout c={c} title={`${w.title} ${view.year} · ${view.village.name}`} guide="musyawarah">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="get" action={base} class="card filters">
        <label>{w.year}<input name="tahun" type="number" inputmode="numeric" min={2000} max={2100} value={String(view.year)} /></label>
        <button type="submit" class="secondary">{w.show}</button>
      </form>

      <h2>{`${w.proposals} (${view.proposals.length})`}</h2>
      {view.proposals.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.proposals}>
          <thead><tr><th>{w.description}</th><th>{w.status}</th><th>{w.proposer}</th><th>{w.location}</th><th>{w.cost}</th><th>{w.field}</th><th>{w.beneficiaries}</th>{view.canWrite && <th>{w.withdraw}</th>}</tr></thead>
          <tbody>
            {view.proposals.map((p) => (
              <tr>
                <td>{p.description}</td>
                <td>{p.withdrawn_at ? `${w.withdrawn}: ${p.withdrawn_reason}` : p.rank ? w.rank(p.rank) : w.waiting}</td>
                <td>{`${p.proposer} (${SOURCE_LABEL[p.source][lang]})`}</td>
                <td>{p.location}</td>
                <td class="num">{p.cost === null ? w.unknownCost : formatRupiah(p.cost)}</td>
                <td>{fieldName(view.reference.activities, p.field_code)}</td>
                <td>{p.beneficiaries}</td>
                {view.canWrite && (
                  <td>
                    {!p.withdrawn_at && (
                      <form method="post" action={`${base}/usulan/${p.id}/tarik`} class="inline">
                        <Csrf c={c} />
                        <input name="reason" required minlength={5} maxlength={300} aria-label={w.withdrawReason} placeholder={w.withdrawReason} />
                        <button type="submit" class="link">{w.withdraw}</button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`${base}/usulan`} class="card">
          <h2>{w.addProposal}</h2>
          <Csrf c={c} />
          <input type="hidden" name="year" value={String(view.year)} />
          <div class="row">
            <label>{w.origin} *
              <select name="origin" required>{Object.entries(SOURCE_LABEL).map(([k, l]) => <option value={k} selected={v.origin === k}>{l[lang]}</option>)}</select>
            </label>
            <label>{w.proposer} *<input name="proposer" required maxlength={120} value={v.proposer ?? ''} placeholder="Dusun II" /></label>
          </div>
          <label>{w.field} *<select name="field_code" required><option value="">{w.choose}</option><FieldOptions activities={view.reference.activities} selected={v.field_code} /></select></label>
          <label>{w.description} *<input name="description" required maxlength={300} value={v.description ?? ''} /></label>
          <label>{w.location} *<input name="location" required maxlength={120} value={v.location ?? ''} /></label>
          <label>{w.beneficiaries} *<input name="beneficiaries" required maxlength={200} value={v.beneficiaries ?? ''} /></label>
          <label>{w.cost} (Rp)<input name="cost" inputmode="numeric" maxlength={25} value={v.cost ?? ''} /></label>
          <small>{w.costHelp}</small>
          <button type="submit">{w.add}</button>
        </form>
      )}

      <h2>{w.meetings}</h2>
      {view.meetings.length === 0 ? <p>{w.noMeetings}</p> : (
        <DataTable aria-label={w.meetings}>
          <thead><tr><th>{w.meeting}</th><th>{w.kind}</th><th>{w.heldOn}</th><th>{w.attendees}</th><th>{w.status}</th></tr></thead>
          <tbody>
            {view.meetings.map((m) => (
              <tr>
                <td><a href={`${base}/${m.id}`}>{m.title}</a></td>
                <td>{MEETING_LABEL[m.kind][lang]}</td>
                <td>{formatDate(m.held_on, lang)}</td>
                <td class="num">{formatNumber(m.attendees, lang)}</td>
                <td>{m.status === 'open' ? w.open : w.closed}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={base} class="card">
          <h2>{w.startMeeting}</h2>
          <Csrf c={c} />
          <input type="hidden" name="year" value={String(view.year)} />
          <label>{w.kind} *
            <select name="kind" required>{Object.entries(MEETING_LABEL).map(([k, l]) => <option value={k} selected={(v.kind ?? 'musdes') === k}>{l[lang]}</option>)}</select>
          </label>
          <label>{w.meetingTitle} *<input name="meeting_title" required maxlength={160} value={v.meeting_title ?? `Musrenbangdes RKPDes ${view.year}`} /></label>
          <div class="row">
            <label>{w.heldOn} *<input name="held_on" type="date" required value={v.held_on ?? today} /></label>
            <label>{w.place} *<input name="place" required maxlength={120} value={v.place ?? 'Balai desa'} /></label>
          </div>
          <label>{w.agenda}<textarea name="agenda" maxlength={2000} rows={3}>{v.agenda ?? ''}</textarea></label>
          <button type="submit">{w.start}</button>
        </form>
      )}
      <p><a href={`/desa/${code}/perencanaan`}>{w.plans}</a></p>
    </Layout>
  );
}

export function MeetingPage({ c, view, msg }: { c: Context<AppEnv>; view: MeetingView; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const { meeting: m, may } = view;
  const code = view.village.village_code;
  const base = `/desa/${code}/musyawarah/${m.id}`;
  const v = msg.values ?? {};
  const men = view.attendees.filter((a) => a.sex === 1).length;
  const ranked = view.proposals.filter((p) => p.meetingRank !== null).sort((a, b) => a.meetingRank! - b.meetingRank!);
  // A musdesus adopts an aid list, closed from its programme's page.
  const musdesus = m.kind === 'musdesus';
  return (
    <Layout c={c} title={`${m.title} · ${view.village.name}`} guide="musyawarah">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{musdesus ? <a href={`/desa/${code}/bansos/musdesus/${m.id}`}>{w.musdesusList}</a> : <a href={`/desa/${code}/musyawarah?tahun=${m.year}`}>{w.back}</a>}</p>
      <p><strong>{m.status === 'open' ? w.open : w.closed}</strong>{` · ${MEETING_LABEL[m.kind][lang]} · ${formatDate(m.held_on, lang)} · ${m.place}`}</p>
      {m.closed_at && <p>{`${w.closedBy}: ${formatDate(m.closed_at, lang)} · ${m.closed_by_name ?? ''}`} · <a href={`${base}/berita-acara.pdf`}>{w.minutesPdf}</a></p>}

      {ranked.length > 0 && (
        <>
          <h2>{w.priority}</h2>
          <DataTable aria-label={w.priority}>
            <thead><tr><th>{w.no}</th><th>{w.description}</th><th>{w.location}</th><th>{w.proposer}</th><th>{w.cost}</th><th>{w.score}</th></tr></thead>
            <tbody>
              {ranked.map((p) => (
                <tr><td>{String(p.meetingRank)}</td><td>{p.description}</td><td>{p.location}</td><td>{p.proposer}</td><td class="num">{p.cost === null ? w.unknownCost : formatRupiah(p.cost)}</td><td class="num">{formatNumber(p.score ?? 0, lang)}</td></tr>
              ))}
            </tbody>
          </DataTable>
        </>
      )}

      <h2>{`${w.attendance} (${formatNumber(view.attendees.length, lang)}: ${formatNumber(men, lang)} ${w.men}, ${formatNumber(view.attendees.length - men, lang)} ${w.women})`}</h2>
      {view.attendees.length === 0 ? <p>{w.noAttendance}</p> : (
        <DataTable aria-label={w.attendance}>
          <thead><tr><th>{w.no}</th><th>{w.name}</th><th>{w.nik}</th><th>{w.attendAs}</th>{may.edit && <th>{w.remove}</th>}</tr></thead>
          <tbody>
            {view.attendees.map((a, i) => (
              <tr>
                <td>{String(i + 1)}</td><td>{a.name}</td><td>{a.nik}</td><td>{a.role}</td>
                {may.edit && (
                  <td>
                    <form method="post" action={`${base}/peserta/${a.id}/hapus`} class="inline"><Csrf c={c} /><button type="submit" class="link">{w.remove}</button></form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {may.edit && (
        <form method="post" action={`${base}/peserta`} class="card">
          <h2>{w.addAttendees}</h2>
          <Csrf c={c} />
          <label>{w.niks} *<textarea name="niks" required rows={6} inputmode="numeric">{v.niks ?? ''}</textarea></label>
          <label>{w.attendAsAll}<input name="attend_as" maxlength={60} value={v.attend_as ?? 'Warga'} /></label>
          <button type="submit">{w.addAttendeesButton}</button>
        </form>
      )}

      {may.edit && !musdesus && (
        <form method="post" action={`${base}/skor`} class="card">
          <h2>{w.scores}</h2>
          <Csrf c={c} />
          <p class="muted">{w.scoreHelp}</p>
          {view.proposals.filter((p) => !p.withdrawn_at).map((p) => (
            <label>{`${p.description} — ${p.location} (${p.proposer})`}
              <input name={`skor_${p.id}`} type="number" inputmode="numeric" min={0} max={100000} value={v[`skor_${p.id}`] ?? (p.score === null ? '' : String(p.score))} />
            </label>
          ))}
          <button type="submit">{w.saveScores}</button>
        </form>
      )}

      {may.edit ? (
        <form method="post" action={`${base}/notulen`} class="card">
          <h2>{w.minutes}</h2>
          <Csrf c={c} />
          <label>{w.agenda}<textarea name="agenda" maxlength={2000} rows={3}>{v.agenda ?? m.agenda ?? ''}</textarea></label>
          <label>{w.minutes}<textarea name="minutes" maxlength={8000} rows={8}>{v.minutes ?? m.minutes ?? ''}</textarea></label>
          <button type="submit">{w.saveMinutes}</button>
        </form>
      ) : (
        <section>
          {m.agenda && <><h2>{w.agenda}</h2>{m.agenda.split('\n').map((l) => <p>{l}</p>)}</>}
          <h2>{w.minutes}</h2>
          {(m.minutes ?? '—').split('\n').map((l) => <p>{l}</p>)}
        </section>
      )}
      {may.edit && !musdesus && (
        <form method="post" action={`${base}/tutup`} class="card">
          <h2>{w.close}</h2>
          <Csrf c={c} />
          <p class="muted">{w.closeHelp}</p>
          <button type="submit">{w.closeButton}</button>
        </form>
      )}
    </Layout>
  );
}
