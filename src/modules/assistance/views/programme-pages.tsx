import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatNumber, formatRupiah, todayInWib } from '../../../platform/format/format.js';
import { FUNDS, KINDS, kindOf, PERIOD_KINDS, TARGETS } from '../catalog.js';
import type { programmeDetail, programmeList } from '../programme.service.js';
import { MANUAL_REASONS, type Reason, type Rules } from '../rules.js';

const TEXT = {
  id: {
    title: 'Bantuan sosial', intro: 'Program bantuan desa: aturan penerima, daftar calon dari data penduduk beserta alasannya, musdesus yang menetapkan daftar, dan penyaluran tiap periode. Satu bantuan hanya diterima di satu desa dalam satu tahun.',
    programmes: 'Program', none: 'Belum ada program bantuan.', kind: 'Jenis bantuan', name: 'Nama program', year: 'Tahun', target: 'Sasaran', period: 'Penyaluran', periods: 'Jumlah periode',
    amount: 'Nilai per penerima per periode (Rp)', fund: 'Sumber dana', listed: 'Di daftar', paid: 'Tersalur', status: 'Status', draft: 'Disusun', adopted: 'Ditetapkan musdesus',
    create: 'Program bantuan baru', make: 'Buat program', rules: 'Kriteria penerima (salah satu cukup)', exclusions: 'Pengecualian', desil: 'Desil DTSEN paling tinggi', elderly: 'Umur lansia tunggal paling rendah',
    c_disabled_member: 'Ada anggota penyandang disabilitas', c_chronic_illness: 'Ada anggota sakit menahun', c_single_elderly: 'Lansia tinggal sendiri', c_no_worker: 'Tidak ada anggota yang bekerja', c_poor_housing: 'Rumah tidak layak (lantai tanah, tanpa jamban atau tanpa listrik)',
    c_desil: 'Terdaftar di DTSEN dengan desil', x_official: 'Ada anggota PNS/TNI/Polri/pejabat/perangkat desa', x_receives: 'Sudah menerima bantuan', welfare: 'Data desil DTSEN', welfareLink: 'Impor dan lihat data desil (DTSEN/DTKS)',
    back: 'Semua program', rulesNow: 'Aturan', generate: 'Susun daftar calon dari data penduduk', generateHelp: 'Nama yang sudah di daftar, atau yang sudah dikeluarkan dengan alasan, tidak ditambahkan lagi.',
    list: 'Daftar penerima', no: 'No.', who: 'Nama (kepala)', nik: 'NIK', area: 'Dusun', why: 'Alasan', prio: 'Prioritas', remove: 'Keluarkan', end: 'Akhiri', reasonField: 'Alasan (wajib)',
    emptyList: 'Daftar masih kosong.', addTitle: 'Tambah nama ke daftar', unit_household: 'Nomor rumah tangga', unit_family: 'Nomor KK (16 angka)', unit_person: 'NIK (16 angka)', reason: 'Alasan', note: 'Catatan', noteOpt: 'Catatan', add: 'Tambah',
    musdesus: 'Musdesus', openMusdesus: 'Buka musdesus', heldOn: 'Tanggal', place: 'Tempat', agenda: 'Acara', meetingLink: 'Halaman musdesus: daftar hadir dan notulen', minutesPdf: 'Berita acara (PDF)',
    adopt: 'Tetapkan daftar penerima (musdesus selesai)', adoptHelp: 'Musdesus ditutup, daftar ditetapkan, dan setiap NIK/KK tercatat menerima program ini tahun ini. Penerima yang sama tidak dapat menerima program ini di desa lain.',
    total: 'Jumlah bantuan setahun', bltBudget: 'Anggaran BLT di APBDes', noBudget: 'APBDes tahun ini belum ditetapkan', payouts: 'Penyaluran', periodCol: 'Periode', paidOn: 'Tanggal', recipients: 'Penerima', proof: 'Bukti', photo: 'Foto', signature: 'Tanda tangan di daftar penerimaan',
    payTitle: 'Catat penyaluran', absent_household: 'Tidak hadir / belum menerima: nomor rumah tangga, dipisah koma (kosong: semua menerima)', absent_family: 'Tidak hadir / belum menerima: nomor KK, dipisah koma (kosong: semua menerima)', absent_person: 'Tidak hadir / belum menerima: NIK, dipisah koma (kosong: semua menerima)', prev: '‹ Sebelumnya', next: 'Berikutnya ›', pageWord: 'Halaman', proofPhoto: 'Foto bukti (wajib bila bukti foto)', record: 'Catat penyaluran', none2: 'Belum ada penyaluran.',
    dropped: 'dikeluarkan', ended: 'diakhiri', proposed: 'calon', adoptedOne: 'penerima', manual: 'ditambahkan petugas', by: 'oleh', guideNote: 'Daftar ini hanya untuk petugas desa dan musdesus. Publik hanya melihat jumlah per program dan per dusun.',
  },
  en: {
    title: 'Social assistance', intro: 'The village\'s aid programmes: who qualifies, the candidate list from the population register with each reason, the musdesus that adopts it, and each period\'s payout. An aid is received in one village only in a year.',
    programmes: 'Programmes', none: 'No aid programme yet.', kind: 'Kind of aid', name: 'Programme name', year: 'Year', target: 'Goes to', period: 'Paid', periods: 'Number of periods',
    amount: 'Amount per recipient per period (Rp)', fund: 'Fund', listed: 'Listed', paid: 'Paid out', status: 'Status', draft: 'Being prepared', adopted: 'Adopted by the musdesus',
    create: 'New aid programme', make: 'Create programme', rules: 'Who qualifies (any one)', exclusions: 'Exclusions', desil: 'Highest DTSEN desil', elderly: 'Lowest age of a single elderly person',
    c_disabled_member: 'A member with a disability', c_chronic_illness: 'A chronically ill member', c_single_elderly: 'An elderly person living alone', c_no_worker: 'No member working', c_poor_housing: 'Unfit housing (earth floor, no toilet or no electricity)',
    c_desil: 'In DTSEN with desil', x_official: 'A member who is a civil servant, soldier, police officer, official or village officer', x_receives: 'Already receives', welfare: 'DTSEN desil data', welfareLink: 'Import and see the desil data (DTSEN/DTKS)',
    back: 'All programmes', rulesNow: 'Rules', generate: 'Build the candidate list from the register', generateHelp: 'Names already on the list, or taken off with a reason, are not added again.',
    list: 'Recipient list', no: 'No.', who: 'Name (head)', nik: 'NIK', area: 'Dusun', why: 'Reason', prio: 'Priority', remove: 'Take off', end: 'End', reasonField: 'Reason (required)',
    emptyList: 'The list is empty.', addTitle: 'Add a name to the list', unit_household: 'Household number', unit_family: 'Family card number (16 digits)', unit_person: 'NIK (16 digits)', reason: 'Reason', note: 'Note', noteOpt: 'Note', add: 'Add',
    musdesus: 'Musdesus', openMusdesus: 'Open the musdesus', heldOn: 'Date', place: 'Place', agenda: 'Agenda', meetingLink: 'The musdesus page: attendance and minutes', minutesPdf: 'Minutes (PDF)',
    adopt: 'Adopt the recipient list (musdesus done)', adoptHelp: 'The musdesus closes, the list is adopted, and every NIK/KK is recorded as receiving this programme this year. The same recipient cannot receive it in another village.',
    total: 'Aid for the year', bltBudget: 'BLT budget in the APBDes', noBudget: 'No APBDes adopted for this year yet', payouts: 'Payouts', periodCol: 'Period', paidOn: 'Date', recipients: 'Recipients', proof: 'Proof', photo: 'Photo', signature: 'Signed receipt list',
    payTitle: 'Record a payout', absent_household: 'Absent / not yet paid: household numbers, separated by commas (blank: everyone was paid)', absent_family: 'Absent / not yet paid: family card numbers, separated by commas (blank: everyone was paid)', absent_person: 'Absent / not yet paid: NIKs, separated by commas (blank: everyone was paid)', prev: '‹ Previous', next: 'Next ›', pageWord: 'Page', proofPhoto: 'Photo proof (required for a photo proof)', record: 'Record payout', none2: 'No payout yet.',
    dropped: 'taken off', ended: 'ended', proposed: 'candidate', adoptedOne: 'recipient', manual: 'added by an officer', by: 'by', guideNote: 'This list is for the village officers and the musdesus only. The public sees totals per programme and per dusun.',
  },
} as const;
type W = (typeof TEXT)['id'] | (typeof TEXT)['en'];

const REASON_LABEL = {
  id: { disabled_member: 'disabilitas', chronic_illness: 'sakit menahun', single_elderly: 'lansia tunggal', no_worker: 'tidak ada yang bekerja', poor_housing: 'rumah tidak layak', lost_livelihood: 'kehilangan mata pencaharian', disability: 'disabilitas', other: 'lainnya' },
  en: { disabled_member: 'disability', chronic_illness: 'chronic illness', single_elderly: 'single elderly', no_worker: 'nobody working', poor_housing: 'unfit housing', lost_livelihood: 'lost livelihood', disability: 'disability', other: 'other' },
} as const;

export function reasonText(r: Reason, lang: 'id' | 'en'): string {
  if (r.key === 'desil') return `desil ${r.desil}`;
  if (r.key === 'manual') return `${REASON_LABEL[lang][r.why]} (${lang === 'id' ? 'petugas' : 'officer'})`;
  return REASON_LABEL[lang][r.key];
}

type Msg = { ok?: string; error?: string; values?: Record<string, string> };

export function ProgrammeListPage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof programmeList>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const v = msg.values ?? {};
  const blt = kindOf('BLT-DD')!;
  const year = Number(todayInWib().slice(0, 4));
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="bansos">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <p><a href={`/desa/${code}/bansos/dtsen`}>{w.welfareLink}</a></p>
      <h2>{w.programmes}</h2>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.programmes}>
          <thead><tr><th>{w.name}</th><th class="num">{w.year}</th><th>{w.target}</th><th class="num">{w.listed}</th><th class="num">{w.paid}</th><th>{w.status}</th></tr></thead>
          <tbody>{view.rows.map((p) => (
            <tr>
              <td><a href={`/desa/${code}/bansos/${p.id}`}>{p.name}</a></td>
              <td class="num">{String(p.year)}</td>
              <td>{TARGETS[p.target][lang]}</td>
              <td class="num">{formatNumber(Number(p.listed ?? 0), lang)}</td>
              <td class="num">{formatRupiah(p.paid ?? '0')}</td>
              <td>{p.status === 'adopted' ? w.adopted : w.draft}</td>
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/bansos`} class="card">
          <h2>{w.create}</h2>
          <Csrf c={c} />
          <label>{w.kind} *<select name="kind" required>{KINDS.map((k) => <option value={k.kind} selected={(v.kind ?? 'BLT-DD') === k.kind}>{k.label[lang]}</option>)}</select></label>
          <label>{w.name} *<input name="name" required maxlength={120} value={v.name ?? `${blt.label.id}`} /></label>
          <div class="row">
            <label>{w.year} *<input name="year" required inputmode="numeric" value={v.year ?? String(year)} /></label>
            <label>{w.target} *<select name="target">{Object.entries(TARGETS).map(([k, l]) => <option value={k} selected={(v.target ?? blt.target) === k}>{l[lang]}</option>)}</select></label>
          </div>
          <div class="row">
            <label>{w.period} *<select name="period_kind">{Object.entries(PERIOD_KINDS).map(([k, p]) => <option value={k} selected={(v.period_kind ?? blt.period_kind) === k}>{p.label[lang]}</option>)}</select></label>
            <label>{w.periods} *<input name="periods" required inputmode="numeric" value={v.periods ?? String(blt.periods)} /></label>
          </div>
          <div class="row">
            <label>{w.amount}<input name="amount" inputmode="numeric" value={v.amount ?? String(blt.amount)} /></label>
            <label>{w.fund} *<select name="fund">{FUNDS.map(([f, l]) => <option value={f} selected={(v.fund ?? blt.fund) === f}>{l[lang]}</option>)}</select></label>
          </div>
          <RulesFields w={w} rules={blt.rules} values={msg.values} />
          <button type="submit">{w.make}</button>
        </form>
      )}
    </Layout>
  );
}

/** The rule boxes, ticked as the kind's defaults (or as the officer left them on a refused form). */
function RulesFields({ w, rules, values }: { w: W; rules: Rules; values?: Record<string, string> }) {
  const has = (key: string) => (values ? values[key] === '1' : rules.criteria.some((c) => `c_${c.key}` === key) || rules.exclusions.some((x) => `x_${x.key}` === key));
  const desil = rules.criteria.find((c) => c.key === 'desil');
  const elderly = rules.criteria.find((c) => c.key === 'single_elderly');
  const box = (name: string, label: string) => <label class="check"><input type="checkbox" name={name} value="1" checked={has(name)} />{label}</label>;
  return (
    <fieldset>
      <legend>{w.rules}</legend>
      {box('c_desil', w.c_desil)}
      <label>{w.desil}<input name="desil_max" inputmode="numeric" value={values?.desil_max ?? String(desil && desil.key === 'desil' ? desil.max : 4)} /></label>
      {(['c_disabled_member', 'c_chronic_illness', 'c_no_worker', 'c_poor_housing'] as const).map((k) => box(k, w[k]))}
      {box('c_single_elderly', w.c_single_elderly)}
      <label>{w.elderly}<input name="elderly_age" inputmode="numeric" value={values?.elderly_age ?? String(elderly && elderly.key === 'single_elderly' ? elderly.age : 60)} /></label>
      <p><strong>{w.exclusions}</strong></p>
      {box('x_official', w.x_official)}
      {box('x_receives', w.x_receives)}
      <label>{w.x_receives}<select name="receives_kind">{KINDS.filter((k) => k.across === 'kind').map((k) => <option value={k.kind} selected={(values?.receives_kind ?? 'PKH') === k.kind}>{k.kind}</option>)}</select></label>
    </fieldset>
  );
}

function rulesSummary(rules: Rules, w: W, lang: 'id' | 'en') {
  const criteria = rules.criteria.map((c) => (c.key === 'desil' ? `${w.c_desil} 1–${c.max}` : c.key === 'single_elderly' ? `${w.c_single_elderly} (≥ ${c.age})` : w[`c_${c.key}`]));
  const exclusions = rules.exclusions.map((x) => (x.key === 'official' ? w.x_official : `${w.x_receives} ${x.kind}`));
  return { criteria, exclusions: exclusions.length ? exclusions : [lang === 'id' ? 'tidak ada' : 'none'] };
}

export function ProgrammePage({ c, view, msg = {} }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof programmeDetail>>; msg?: Msg }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const p = view.programme;
  const code = view.village.village_code;
  const base = `/desa/${code}/bansos/${p.id}`;
  const draft = p.status === 'draft';
  const n = (x: number) => formatNumber(x, lang);
  const active = view.recipients;
  const off = view.off;
  const pages = Math.ceil(view.listed / view.pageSize);
  const pageLink = (k: number) => `${base}?page=${k}`;
  const summary = rulesSummary(view.rules, w, lang);
  const paidPeriods = new Set(view.payouts.map((o) => o.period));
  const nextPeriod = Array.from({ length: p.periods }, (_, i) => i + 1).find((i) => !paidPeriods.has(i));
  const v = msg.values ?? {};
  return (
    <Layout c={c} title={`${p.name} ${p.year} · ${view.village.name}`} guide="bansos">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/bansos`}>{w.back}</a></p>
      <p><strong>{draft ? w.draft : w.adopted}</strong>{` · ${kindOf(p.kind)?.label[lang] ?? p.kind} · ${TARGETS[p.target][lang]} · ${PERIOD_KINDS[p.period_kind].label[lang]} × ${p.periods} · ${formatRupiah(p.amount)}`}</p>
      <dl class="figures">
        <dt>{w.listed}</dt><dd class="num">{n(view.listed)}</dd>
        <dt>{w.total}</dt><dd class="num">{formatRupiah(view.total)}</dd>
        {p.kind === 'BLT-DD' && <><dt>{w.bltBudget}</dt><dd class="num">{view.blt ? formatRupiah(view.blt.budgeted) : w.noBudget}</dd></>}
      </dl>
      <h2>{w.rulesNow}</h2>
      <p>{summary.criteria.join('; ')}</p>
      <p>{`${w.exclusions}: ${summary.exclusions.join('; ')}`}</p>
      <p class="muted">{w.guideNote}</p>

      {draft && view.canWrite && (
        <form method="post" action={`${base}/calon`} class="card">
          <Csrf c={c} />
          <p class="muted">{w.generateHelp}</p>
          <button type="submit">{w.generate}</button>
        </form>
      )}

      <h2>{`${w.list} (${n(view.listed)})`}</h2>
      {active.length === 0 ? <p>{w.emptyList}</p> : (
        <DataTable aria-label={w.list}>
          <thead><tr><th class="num">{w.no}</th><th>{w.who}</th><th>{w.nik}</th><th>{w.area}</th><th>{w.why}</th><th class="num">{w.prio}</th>{view.canWrite && <th>{draft ? w.remove : w.end}</th>}</tr></thead>
          <tbody>{active.map((r, i) => (
            <tr>
              <td class="num">{String(view.firstNumber + i)}</td>
              <td>{`${r.number !== null ? `No. ${r.number} · ` : ''}${r.name ?? '—'}`}</td>
              <td class="nik">{r.nik ?? ''}</td>
              <td>{r.area ?? ''}</td>
              <td>{r.reasons.map((x) => reasonText(x, lang)).join(', ')}{r.note ? ` — ${r.note}` : ''}</td>
              <td class="num">{String(r.priority)}</td>
              {view.canWrite && (
                <td>
                  <form method="post" action={`${base}/penerima/${r.id}/keluar`} class="inline">
                    <Csrf c={c} />
                    <input name="reason" required minlength={5} maxlength={300} aria-label={w.reasonField} placeholder={w.reasonField} />
                    <button type="submit" class="link">{draft ? w.remove : w.end}</button>
                  </form>
                </td>
              )}
            </tr>
          ))}</tbody>
        </DataTable>
      )}
      {pages > 1 && (
        <p>
          {view.page > 1 && <a href={pageLink(view.page - 1)}>{w.prev}</a>}{` ${w.pageWord} ${view.page} / ${pages} `}
          {view.page < pages && <a href={pageLink(view.page + 1)}>{w.next}</a>}
        </p>
      )}
      {off.length > 0 && (
        <details>
          <summary>{`${w.dropped} / ${w.ended} (${n(off.length)})`}</summary>
          <ul>{off.map((r) => <li>{`${r.name ?? '—'} — ${r.status === 'dropped' ? w.dropped : w.ended}: ${r.change_reason ?? ''} (${r.changed_by_name ?? ''}${r.changed_at ? `, ${formatDate(r.changed_at, lang)}` : ''})`}</li>)}</ul>
        </details>
      )}
      {draft && view.canWrite && (
        <form method="post" action={`${base}/penerima`} class="card">
          <h2>{w.addTitle}</h2>
          <Csrf c={c} />
          <label>{w[`unit_${p.target}`]} *<input name="recipient" required inputmode="numeric" maxlength={20} value={v.recipient ?? ''} /></label>
          <label>{w.reason} *<select name="reason">{MANUAL_REASONS.map((k) => <option value={k} selected={v.reason === k}>{REASON_LABEL[lang][k]}</option>)}</select></label>
          <label>{w.note} *<input name="note" required minlength={5} maxlength={300} value={v.note ?? ''} /></label>
          <button type="submit">{w.add}</button>
        </form>
      )}

      <h2>{w.musdesus}</h2>
      {view.meeting ? (
        <p>
          <a href={`/desa/${code}/musyawarah/${view.meeting.id}`}>{`${w.meetingLink} (${formatDate(view.meeting.held_on, lang)}, ${view.meeting.place})`}</a>
          {view.meeting.status === 'closed' && <>{' · '}<a href={`/desa/${code}/musyawarah/${view.meeting.id}/berita-acara.pdf`}>{w.minutesPdf}</a></>}
        </p>
      ) : draft && view.canWrite ? (
        <form method="post" action={`${base}/musdesus`} class="card">
          <Csrf c={c} />
          <div class="row">
            <label>{w.heldOn} *<input name="held_on" type="date" required value={v.held_on ?? ''} /></label>
            <label>{w.place} *<input name="place" required maxlength={120} value={v.place ?? 'Balai desa'} /></label>
          </div>
          <label>{w.agenda}<textarea name="agenda" rows={2} maxlength={2000}>{v.agenda ?? `Pembahasan dan penetapan daftar penerima ${p.name} tahun ${p.year}`}</textarea></label>
          <button type="submit">{w.openMusdesus}</button>
        </form>
      ) : <p>—</p>}
      {draft && view.canWrite && view.meeting && (
        <form method="post" action={`${base}/tetapkan`} class="card">
          <Csrf c={c} />
          <p class="muted">{w.adoptHelp}</p>
          <button type="submit">{w.adopt}</button>
        </form>
      )}

      {!draft && (
        <>
          <h2>{w.payouts}</h2>
          {view.payouts.length === 0 ? <p>{w.none2}</p> : (
            <DataTable aria-label={w.payouts}>
              <thead><tr><th>{w.periodCol}</th><th>{w.paidOn}</th><th class="num">{w.recipients}</th><th class="num">{w.paid}</th><th>{w.proof}</th></tr></thead>
              <tbody>{view.payouts.map((o) => (
                <tr>
                  <td>{PERIOD_KINDS[p.period_kind].name(o.period)[lang]}</td>
                  <td>{formatDate(o.paid_on, lang)}</td>
                  <td class="num">{n(o.recipients)}</td>
                  <td class="num">{formatRupiah(o.total)}</td>
                  <td>{o.proof === 'photo' ? <a href={`${base}/penyaluran/${o.id}/foto`}>{w.photo}</a> : w.signature}{o.note ? ` — ${o.note}` : ''}</td>
                </tr>
              ))}</tbody>
            </DataTable>
          )}
          {view.canWrite && nextPeriod !== undefined && (
            <form method="post" action={`${base}/penyaluran`} enctype="multipart/form-data" class="card">
              <h2>{w.payTitle}</h2>
              <Csrf c={c} />
              <div class="row">
                <label>{w.periodCol} *<select name="period">{Array.from({ length: p.periods }, (_, i) => i + 1).filter((i) => !paidPeriods.has(i)).map((i) => <option value={String(i)} selected={i === nextPeriod}>{PERIOD_KINDS[p.period_kind].name(i)[lang]}</option>)}</select></label>
                <label>{w.paidOn} *<input name="paid_on" type="date" required value={v.paid_on ?? todayInWib()} /></label>
              </div>
              <label>{w.proof} *<select name="proof"><option value="signature">{w.signature}</option><option value="photo" selected={v.proof === 'photo'}>{w.photo}</option></select></label>
              <label>{w.proofPhoto}<input name="photo" type="file" accept="image/jpeg,image/png,image/webp" capture="environment" /></label>
              <label>{w.noteOpt}<input name="note" maxlength={300} value={v.note ?? ''} /></label>
              <label>{w[`absent_${p.target}`]}<input name="absent" inputmode="numeric" maxlength={2000} value={v.absent ?? ''} /></label>
              <button type="submit">{w.record}</button>
            </form>
          )}
        </>
      )}
    </Layout>
  );
}
