import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate } from '../../../platform/format/format.js';
import type { listCaps } from '../caps.js';

const TEXT = {
  id: {
    title: 'Batas APBDes per tahun', intro: 'Batas dari aturan nasional yang diperiksa Balai saat APBDes diverifikasi dan ditetapkan. Tahun tanpa baris sendiri memakai tahun terakhir sebelumnya.',
    year: 'Tahun', blt: 'Batas BLT (% dari Dana Desa)', source: 'Dasar aturan', updated: 'Diubah', set: 'Tetapkan batas untuk satu tahun', save: 'Simpan',
  },
  en: {
    title: 'Yearly budget caps', intro: 'Caps from national rules that Balai checks when a village budget is verified and adopted. A year without its own row takes the latest year before it.',
    year: 'Year', blt: 'BLT cap (% of the village fund)', source: 'Rule', updated: 'Changed', set: 'Set the cap of a year', save: 'Save',
  },
} as const;

/** /pengaturan/apbdes: the national administrator's table of caps (budget_caps). */
export function CapsPage({ c, caps, msg }: { c: Context<AppEnv>; caps: Awaited<ReturnType<typeof listCaps>>; msg: { ok?: string; error?: string; values?: Record<string, string> } }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = msg.values ?? {};
  return (
    <Layout c={c} title={w.title} guide="apbdes">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      <DataTable aria-label={w.title}>
        <thead><tr><th>{w.year}</th><th>{w.blt}</th><th>{w.source}</th><th>{w.updated}</th></tr></thead>
        <tbody>{caps.map((r) => <tr><td>{String(r.year)}</td><td class="num">{`${String(Number(r.blt_percent)).replace('.', lang === 'id' ? ',' : '.')} %`}</td><td>{r.source}</td><td>{formatDate(r.updated_at, lang)}</td></tr>)}</tbody>
      </DataTable>
      <form method="post" action="/pengaturan/apbdes" class="card">
        <h2>{w.set}</h2>
        <Csrf c={c} />
        <div class="row">
          <label>{w.year} *<input name="year" type="number" inputmode="numeric" min={2000} max={2100} required value={v.year ?? ''} /></label>
          <label>{w.blt} *<input name="blt_percent" inputmode="decimal" required maxlength={6} value={v.blt_percent ?? ''} /></label>
        </div>
        <label>{w.source} *<input name="source" required maxlength={200} value={v.source ?? ''} placeholder="PMK …/2026" /></label>
        <button type="submit">{w.save}</button>
      </form>
    </Layout>
  );
}
