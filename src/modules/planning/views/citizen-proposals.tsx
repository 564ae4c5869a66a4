import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah } from '../../../platform/format/format.js';
import type { myProposals } from '../deliberation.service.js';

const TEXT = {
  id: {
    title: 'Usulan pembangunan desa', intro: 'Usulkan kegiatan untuk rencana kerja desa (RKPDes) tahun depan: jalan, saluran air, posyandu, pelatihan, dan lainnya. Usulan Anda dibahas dalam musyawarah desa (Musdes) bersama usulan dusun dan kelompok masyarakat; hasilnya tampil di bawah.',
    year: 'Untuk RKPDes tahun', field: 'Bidang', description: 'Usulan kegiatan', location: 'Lokasi', beneficiaries: 'Siapa yang mendapat manfaat', cost: 'Perkiraan biaya (Rp, boleh dikosongkan)',
    send: 'Kirim usulan', mine: 'Usulan saya', none: 'Anda belum mengirim usulan.', choose: '— pilih —', sent: 'Dikirim',
    rank: (n: number) => `Masuk daftar prioritas Musdes, urutan ke-${n}`, notRanked: 'Sudah dibahas Musdes, belum masuk daftar prioritas', waiting: 'Menunggu dibahas dalam Musdes', withdrawn: 'Ditarik', back: 'Beranda warga',
  },
  en: {
    title: 'Propose a village project', intro: 'Propose an activity for next year\'s village work plan (RKPDes): roads, drains, the health post, training and more. The village meeting (Musdes) discusses it with the hamlets\' and groups\' proposals; what it decided shows below.',
    year: 'For the RKPDes of', field: 'Field', description: 'Proposed activity', location: 'Location', beneficiaries: 'Who benefits', cost: 'Estimated cost (Rp, may stay empty)',
    send: 'Send the proposal', mine: 'My proposals', none: 'You have not sent a proposal yet.', choose: '— choose —', sent: 'Sent',
    rank: (n: number) => `On the Musdes priority list, number ${n}`, notRanked: 'Discussed by the Musdes, not on the priority list', waiting: 'Waiting for the Musdes', withdrawn: 'Withdrawn', back: 'Citizen home',
  },
} as const;

export function CitizenProposalsPage({ c, view, today, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof myProposals>>; today: string; msg: { ok?: string; error?: string; values?: Record<string, string> } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = msg.values ?? {};
  const next = Number(today.slice(0, 4)) + 1;
  return (
    <Layout c={c} title={w.title} guide="musyawarah">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <form method="post" action="/warga/usulan" class="card narrow">
        <Csrf c={c} />
        <label>{w.year} *<select name="year" required>{[next, next + 1].map((y) => <option value={String(y)} selected={v.year === String(y)}>{String(y)}</option>)}</select></label>
        <label>{w.field} *<select name="field_code" required><option value="">{w.choose}</option>{view.fields.map((f) => <option value={f.code} selected={v.field_code === f.code}>{`${f.code}. ${f.name}`}</option>)}</select></label>
        <label>{w.description} *<input name="description" required maxlength={300} value={v.description ?? ''} placeholder="Perbaikan jalan rusak di depan SD" /></label>
        <label>{w.location} *<input name="location" required maxlength={120} value={v.location ?? ''} placeholder="Dusun II, RT 003" /></label>
        <label>{w.beneficiaries} *<input name="beneficiaries" required maxlength={200} value={v.beneficiaries ?? ''} /></label>
        <label>{w.cost}<input name="cost" inputmode="numeric" maxlength={25} value={v.cost ?? ''} /></label>
        <button type="submit">{w.send}</button>
      </form>
      <h2>{w.mine}</h2>
      {view.rows.length === 0 ? <p>{w.none}</p> : (
        <ul class="plain">
          {view.rows.map((p) => (
            <li class="card">
              <strong>{p.description}</strong>
              <br />{`${p.location} · RKPDes ${p.year}${p.cost === null ? '' : ` · ${formatRupiah(p.cost)}`} · ${w.sent} ${formatDate(p.created_at, lang)}`}
              <br /><em>{p.withdrawn_at ? `${w.withdrawn}: ${p.withdrawn_reason}` : p.rank ? w.rank(p.rank) : p.decided ? w.notRanked : w.waiting}</em>
            </li>
          ))}
        </ul>
      )}
      <p><a href="/warga">{w.back}</a></p>
    </Layout>
  );
}
