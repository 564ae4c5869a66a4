import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { formatNumber, formatRupiah } from '../../../platform/format/format.js';
import { TARGETS } from '../catalog.js';
import { SMALLEST_SHOWN, type publicAidTotals } from '../public-totals.js';

/** The public budget page's aid section: totals per programme and per dusun, small counts hidden. */
export function PublicAid({ c, programmes }: { c: Context<AppEnv>; programmes: Awaited<ReturnType<typeof publicAidTotals>> }) {
  const lang = c.get('lang');
  const en = lang === 'en';
  const count = (n: number | null) => (n === null ? `< ${SMALLEST_SHOWN}` : formatNumber(n, lang));
  return (
    <section>
      <h2>{en ? 'Social assistance' : 'Bantuan sosial'}</h2>
      {programmes.map((p) => (
        <div class="card">
          <p><strong>{p.name}</strong>{` · ${count(p.recipients)} ${TARGETS[p.target][lang].toLowerCase()} · ${en ? 'paid out' : 'tersalur'} ${formatRupiah(p.paid ?? '0')}`}</p>
          {p.areas.length > 0 && (
            <DataTable aria-label={`${p.name}: ${en ? 'per dusun' : 'per dusun'}`}>
              <thead><tr><th>Dusun</th><th class="num">{en ? 'Recipients' : 'Penerima'}</th></tr></thead>
              <tbody>{p.areas.map((a) => <tr><td>{a.area ?? (en ? 'No dusun recorded' : 'Dusun belum dicatat')}</td><td class="num">{count(a.n)}</td></tr>)}</tbody>
            </DataTable>
          )}
        </div>
      ))}
      <p class="muted">{en
        ? `Totals only: the names are kept by the village. A count under ${SMALLEST_SHOWN} is not shown, so that no one can be recognised.`
        : `Hanya jumlah: nama penerima disimpan oleh desa. Jumlah di bawah ${SMALLEST_SHOWN} tidak ditampilkan agar tidak ada yang dapat dikenali.`}</p>
    </section>
  );
}
