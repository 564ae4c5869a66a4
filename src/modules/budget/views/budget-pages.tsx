import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { DataTable } from '../../../platform/http/views/data-table.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { formatDate, formatRupiah, formatShare } from '../../../platform/format/format.js';
import type { getBudget, listVillageBudgets } from '../budget.service.js';
import { FUNDS, STATUS_LABEL, versionLabel } from '../budget.service.js';
import { formatVolume, volumeFromText } from '../money.js';
import type { ReferenceRow } from '../budget.repository.js';

const TEXT = {
  id: {
    title: 'APBDes', intro: 'Anggaran Pendapatan dan Belanja Desa menurut Permendagri 20/2018. Bendahara (Kaur Keuangan) menyusun, Sekretaris Desa memverifikasi, Kepala Desa menetapkan dengan Peraturan Desa. APBDes yang sudah ditetapkan tidak diubah: perubahannya disusun sebagai APBDes Perubahan, dan versi sebelumnya tetap dapat dilihat.',
    year: 'Tahun', version: 'Versi', status: 'Status', income: 'Pendapatan', spending: 'Belanja', regulation: 'Perdes', open: 'Buka', none: 'Belum ada APBDes.',
    start: 'Mulai menyusun APBDes', startButton: 'Mulai', budgetYear: 'Tahun anggaran', reason: 'Alasan perubahan (wajib untuk APBDes Perubahan)',
    preparedBy: 'Disusun', verifiedBy: 'Diverifikasi', adoptedBy: 'Ditetapkan', by: 'oleh', reasonLabel: 'Alasan perubahan',
    summary: 'Ringkasan', surplus: 'Surplus/(Defisit)', receipts: 'Penerimaan pembiayaan', expenses: 'Pengeluaran pembiayaan', netFinancing: 'Pembiayaan netto', remainder: 'Sisa lebih/(kurang) yang belum dianggarkan',
    blt: (blt: string, share: string, dd: string, pct: string, limit: string, source: string) => `BLT Dana Desa ${blt} = ${share}% dari Dana Desa ${dd}. Batas: ${pct}% (${limit}) — ${source}.`,
    balanced: 'Seimbang: surplus/defisit tertutup pembiayaan.', notBalanced: 'Belum seimbang: sisa {amount}. APBDes tidak dapat diverifikasi atau ditetapkan sebelum sisa ini nol.',
    financing: 'Pembiayaan', code: 'Kode', description: 'Uraian', volume: 'Volume', unitPrice: 'Harga satuan', amount: 'Jumlah', fund: 'Sumber dana', remove: 'Hapus', noLines: 'Belum ada baris.',
    addLine: 'Tambah baris anggaran', account: 'Kode rekening', activity: 'Kegiatan (untuk belanja)', fundField: 'Sumber dana (untuk belanja)', unit: 'Satuan', add: 'Tambah',
    choose: '— pilih —', lineHelp: 'Jumlah = volume × harga satuan, dibulatkan ke rupiah. Harga ditulis rupiah utuh, misalnya 1.500.000. Volume boleh desimal, misalnya 2,5.',
    verify: 'Verifikasi (Sekretaris Desa)', verifyButton: 'Nyatakan sudah diverifikasi', sendBack: 'Kembalikan untuk diperbaiki', sendBackButton: 'Kembalikan',
    adopt: 'Tetapkan dengan Peraturan Desa (Kepala Desa)', regulationNumber: 'Nomor Peraturan Desa', regulationDate: 'Tanggal Peraturan Desa', adoptButton: 'Tetapkan APBDes',
    ownWork: 'Anda ikut menyusun APBDes ini, jadi tidak dapat menetapkannya.', revise: 'Susun APBDes Perubahan', reviseButton: 'Mulai APBDes Perubahan',
    publicPage: 'Halaman publik APBDes', realisation: 'Realisasi dan buku kas umum', siskeudes: 'Impor/ekspor Siskeudes', back: 'Semua APBDes', sendBackReason: 'Alasan dikembalikan',
  },
  en: {
    title: 'Village budget (APBDes)', intro: 'The village budget on the Permendagri 20/2018 accounts. The treasurer prepares it, the secretary verifies it, the head adopts it by village regulation. An adopted budget is never changed: a revision is prepared as a new version, and earlier versions stay visible.',
    year: 'Year', version: 'Version', status: 'Status', income: 'Income', spending: 'Spending', regulation: 'Regulation', open: 'Open', none: 'No budget yet.',
    start: 'Start preparing a budget', startButton: 'Start', budgetYear: 'Budget year', reason: 'Reason for the revision (required for a revision)',
    preparedBy: 'Prepared', verifiedBy: 'Verified', adoptedBy: 'Adopted', by: 'by', reasonLabel: 'Reason for the revision',
    summary: 'Summary', surplus: 'Surplus/(deficit)', receipts: 'Financing receipts', expenses: 'Financing expenses', netFinancing: 'Net financing', remainder: 'Left over/(short), not yet planned',
    blt: (blt: string, share: string, dd: string, pct: string, limit: string, source: string) => `BLT Dana Desa ${blt} = ${share}% of the village fund ${dd}. Cap: ${pct}% (${limit}) — ${source}.`,
    balanced: 'Balanced: the surplus or deficit is covered by financing.', notBalanced: 'Not balanced: {amount} remains. The budget cannot be verified or adopted until this is zero.',
    financing: 'Financing', code: 'Code', description: 'Description', volume: 'Volume', unitPrice: 'Unit price', amount: 'Amount', fund: 'Fund', remove: 'Remove', noLines: 'No lines yet.',
    addLine: 'Add a budget line', account: 'Account', activity: 'Activity (for spending)', fundField: 'Fund (for spending)', unit: 'Unit', add: 'Add',
    choose: '— choose —', lineHelp: 'Amount = volume × unit price, rounded to whole rupiah. Prices in whole rupiah, e.g. 1,500,000. Volumes may have decimals, e.g. 2.5.',
    verify: 'Verification (village secretary)', verifyButton: 'Mark as verified', sendBack: 'Send back to be changed', sendBackButton: 'Send back',
    adopt: 'Adopt by village regulation (village head)', regulationNumber: 'Village regulation number', regulationDate: 'Village regulation date', adoptButton: 'Adopt the budget',
    ownWork: 'You helped prepare this budget, so you cannot adopt it.', revise: 'Prepare a revision', reviseButton: 'Start a revision',
    publicPage: 'Public budget page', realisation: 'Realisation and cash book', siskeudes: 'Siskeudes import/export', back: 'All budgets', sendBackReason: 'Why it goes back',
  },
} as const;

type ListView = Awaited<ReturnType<typeof listVillageBudgets>>;
type BudgetView = Awaited<ReturnType<typeof getBudget>>;
type Line = BudgetView['lines'][number];

export interface PageMessages { ok?: string; error?: string; values?: Record<string, string> }

export function BudgetListPage({ c, view, msg }: { c: Context<AppEnv>; view: ListView; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
  return (
    <Layout c={c} title={`${w.title} · ${view.village.name}`} guide="apbdes">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p>{w.intro}</p>
      {view.budgets.length === 0 ? <p>{w.none}</p> : (
        <DataTable aria-label={w.title}>
          <thead><tr><th>{w.year}</th><th>{w.version}</th><th>{w.status}</th><th>{w.income}</th><th>{w.spending}</th><th>{w.regulation}</th></tr></thead>
          <tbody>
            {view.budgets.map((b) => (
              <tr>
                <td><a href={`/desa/${code}/apbdes/${b.id}`}>{`APBDes ${b.year}`}</a></td>
                <td>{versionLabel(b.version, lang)}</td>
                <td>{STATUS_LABEL[b.status][lang]}</td>
                <td class="num">{formatRupiah(b.income)}</td>
                <td class="num">{formatRupiah(b.spending)}</td>
                <td>{b.regulation_number ? `${b.regulation_number} · ${formatDate(b.regulation_date!, lang)}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {view.canWrite && (
        <form method="post" action={`/desa/${code}/apbdes`} class="card">
          <h2>{w.start}</h2>
          <Csrf c={c} />
          <label>{w.budgetYear} *<input name="year" type="number" inputmode="numeric" min={2000} max={2100} required value={msg.values?.year ?? String(thisYear)} /></label>
          <label>{w.reason}<textarea name="reason" maxlength={500} rows={2}>{msg.values?.reason ?? ''}</textarea></label>
          <button type="submit">{w.startButton}</button>
        </form>
      )}
      <p><a href={`/desa/${code}/realisasi`}>{w.realisation}</a> · <a href={`/desa/${code}/realisasi/siskeudes`}>{w.siskeudes}</a> · <a href={`/publik/desa/${code}/apbdes`}>{w.publicPage}</a></p>
    </Layout>
  );
}

/** The lines of one part of the budget (income, spending or financing) with a subtotal row per group. */
function LinesTable({ c, view, lines, groups, spending, caption }: {
  c: Context<AppEnv>; view: BudgetView; lines: Line[]; groups: { code: string; name: string; total: bigint; level: number }[]; spending: boolean; caption: string;
}) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const code = view.village.village_code;
  if (lines.length === 0) return <p>{w.noLines}</p>;
  // Each line under the deepest group its code starts with, groups in code order.
  const keyOf = (l: Line) => (spending ? l.activity_code! : l.account_code);
  const rows: unknown[] = [];
  for (const g of groups) {
    rows.push(
      // No colspan: each cell keeps its column's label when the table turns into cards on a phone.
      <tr class={`subtotal level-${g.level}`}>
        <td>{g.code}</td>
        <td><strong>{g.name}</strong></td>
        {spending && <td></td>}
        <td></td>
        <td></td>
        <td class="num"><strong>{formatRupiah(g.total)}</strong></td>
        {view.may.edit && <td></td>}
      </tr>,
    );
    const deepest = !groups.some((other) => other.code.startsWith(`${g.code}.`));
    if (!deepest) continue;
    for (const l of lines.filter((x) => keyOf(x) === g.code)) {
      rows.push(
        <tr>
          <td>{spending ? l.account_code : ''}</td>
          <td>{l.description}</td>
          {spending && <td>{l.fund ? FUNDS[l.fund as keyof typeof FUNDS] : ''}</td>}
          <td class="num">{`${formatVolume(volumeFromText(l.volume), lang)} ${l.unit}`}</td>
          <td class="num">{formatRupiah(l.unit_price)}</td>
          <td class="num">{formatRupiah(l.amount)}</td>
          {view.may.edit && (
            <td>
              <form method="post" action={`/desa/${code}/apbdes/${view.budget.id}/baris/${l.id}/hapus`} class="inline">
                <Csrf c={c} />
                <button type="submit" class="link">{w.remove}</button>
              </form>
            </td>
          )}
        </tr>,
      );
    }
  }
  return (
    <DataTable aria-label={caption}>
      <thead>
        <tr>
          <th>{w.code}</th><th>{w.description}</th>{spending && <th>{w.fund}</th>}<th>{w.volume}</th><th>{w.unitPrice}</th><th>{w.amount}</th>{view.may.edit && <th>{w.remove}</th>}
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </DataTable>
  );
}

/** The groups a part's lines fall in (every level down to the lines' own code), with totals. */
function groupsOf(reference: ReferenceRow[], totals: Map<string, bigint>, root: string) {
  return reference
    .filter((r) => (r.code === root || r.code.startsWith(`${root}.`)) && totals.has(r.code))
    .map((r) => ({ code: r.code, name: r.name, total: totals.get(r.code)!, level: r.level }));
}

function LineForm({ c, view, values }: { c: Context<AppEnv>; view: BudgetView; values?: Record<string, string> }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const v = values ?? {};
  const { accounts, activities } = view.reference;
  // The choosable codes (level 3) under their level-2 heading.
  const optgroups = (list: ReferenceRow[], field: 'account_code' | 'activity_code') =>
    list.filter((r) => r.level === 2).map((g) => {
      const items = list.filter((r) => r.level === 3 && r.parent_code === g.code);
      return items.length === 0 ? null : (
        <optgroup label={`${g.code} ${g.name}`}>
          {items.map((r) => <option value={r.code} selected={v[field] === r.code}>{`${r.code} ${r.name}`}</option>)}
        </optgroup>
      );
    });
  return (
    <form method="post" action={`/desa/${view.village.village_code}/apbdes/${view.budget.id}/baris`} class="card">
      <h2>{w.addLine}</h2>
      <Csrf c={c} />
      <label>{w.account} *<select name="account_code" required><option value="">{w.choose}</option>{optgroups(accounts, 'account_code')}</select></label>
      <label>{w.activity}<select name="activity_code"><option value="">{w.choose}</option>{optgroups(activities, 'activity_code')}</select></label>
      <label>{w.fundField}
        <select name="fund"><option value="">{w.choose}</option>{Object.entries(FUNDS).map(([k, name]) => <option value={k} selected={v.fund === k}>{name}</option>)}</select>
      </label>
      <label>{w.description} *<input name="description" required maxlength={200} value={v.description ?? ''} /></label>
      <div class="row">
        <label>{w.volume} *<input name="volume" required inputmode="decimal" maxlength={20} value={v.volume ?? ''} /></label>
        <label>{w.unit} *<input name="unit" required maxlength={30} value={v.unit ?? ''} placeholder="paket, m², orang-bulan" /></label>
      </div>
      <label>{w.unitPrice} (Rp) *<input name="unit_price" required inputmode="numeric" maxlength={25} value={v.unit_price ?? ''} /></label>
      <small>{w.lineHelp}</small>
      <button type="submit">{w.add}</button>
    </form>
  );
}

export function BudgetPage({ c, view, msg }: { c: Context<AppEnv>; view: BudgetView; msg: PageMessages }) {
  const lang = c.get('lang');
  const w = TEXT[lang];
  const { budget: b, totals, may } = view;
  const code = view.village.village_code;
  const byPart = (prefix: string) => view.lines.filter((l) => l.account_code.startsWith(prefix));
  const stamp = (label: string, at: Date | null, name: string | null) => (at ? <li>{`${label}: ${formatDate(at, lang)} ${w.by} ${name ?? '—'}`}</li> : null);
  const money = (n: bigint) => (n < 0n ? `(${formatRupiah(-n)})` : formatRupiah(n));
  return (
    <Layout c={c} title={`APBDes ${b.year} (${versionLabel(b.version, lang)}) · ${view.village.name}`} guide="apbdes">
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      <p><a href={`/desa/${code}/apbdes`}>{w.back}</a></p>
      <p><strong>{STATUS_LABEL[b.status][lang]}</strong>{b.regulation_number ? ` · Perdes ${b.regulation_number}, ${formatDate(b.regulation_date!, lang)}` : ''}</p>
      <ul class="plain">
        {stamp(w.preparedBy, b.prepared_at, b.prepared_by_name)}
        {stamp(w.verifiedBy, b.verified_at, b.verified_by_name)}
        {stamp(w.adoptedBy, b.adopted_at, b.adopted_by_name)}
        {b.reason && <li>{`${w.reasonLabel}: ${b.reason}`}</li>}
      </ul>
      <section class="card">
        <h2>{w.summary}</h2>
        <dl class="figures">
          <dt>{w.income}</dt><dd class="num">{formatRupiah(totals.income)}</dd>
          <dt>{w.spending}</dt><dd class="num">{formatRupiah(totals.spending)}</dd>
          <dt>{w.surplus}</dt><dd class="num">{money(totals.surplus)}</dd>
          <dt>{w.receipts}</dt><dd class="num">{formatRupiah(totals.financingReceipts)}</dd>
          <dt>{w.expenses}</dt><dd class="num">{formatRupiah(totals.financingExpenses)}</dd>
          <dt>{w.netFinancing}</dt><dd class="num">{money(totals.netFinancing)}</dd>
          <dt>{w.remainder}</dt><dd class="num">{money(totals.remainder)}</dd>
        </dl>
        {view.lines.length > 0 && (totals.remainder === 0n
          ? <Notice kind="ok">{w.balanced}</Notice>
          : <Notice kind="warn">{w.notBalanced.replace('{amount}', money(totals.remainder))}</Notice>)}
        {view.blt && view.blt.blt > 0n && (
          // BLT against the year's cap: shown before anyone tries to verify, refused past it.
          <p class={view.blt.over ? 'notice warn' : 'muted'}>
            {w.blt(formatRupiah(view.blt.blt), formatShare(view.blt.blt, view.blt.dd, 1, lang), formatRupiah(view.blt.dd), String(Number(view.blt.percent)).replace('.', lang === 'id' ? ',' : '.'), formatRupiah(view.blt.limit), view.blt.source)}
          </p>
        )}
      </section>
      <h2>{w.income}</h2>
      <LinesTable c={c} view={view} lines={byPart('4.')} groups={groupsOf(view.reference.accounts, totals.byAccount, '4')} spending={false} caption={w.income} />
      <h2>{w.spending}</h2>
      <LinesTable c={c} view={view} lines={byPart('5.')} groups={view.reference.activities.filter((r) => totals.byActivity.has(r.code)).map((r) => ({ code: r.code, name: r.name, total: totals.byActivity.get(r.code)!, level: r.level }))} spending={true} caption={w.spending} />
      <h2>{w.financing}</h2>
      <LinesTable c={c} view={view} lines={byPart('6.')} groups={groupsOf(view.reference.accounts, totals.byAccount, '6')} spending={false} caption={w.financing} />
      {may.edit && <LineForm c={c} view={view} values={msg.values} />}
      {may.verify && (
        <form method="post" action={`/desa/${code}/apbdes/${b.id}/verifikasi`} class="card">
          <h2>{w.verify}</h2>
          <Csrf c={c} />
          <button type="submit">{w.verifyButton}</button>
        </form>
      )}
      {may.adopt && (may.adoptBlockedAsAuthor ? <Notice kind="warn">{w.ownWork}</Notice> : (
        <form method="post" action={`/desa/${code}/apbdes/${b.id}/tetapkan`} class="card">
          <h2>{w.adopt}</h2>
          <Csrf c={c} />
          <label>{w.regulationNumber} *<input name="regulation_number" required maxlength={60} value={msg.values?.regulation_number ?? ''} placeholder={`3 Tahun ${b.year}`} /></label>
          <label>{w.regulationDate} *<input name="regulation_date" type="date" required value={msg.values?.regulation_date ?? ''} /></label>
          <button type="submit">{w.adoptButton}</button>
        </form>
      ))}
      {may.sendBack && (
        <form method="post" action={`/desa/${code}/apbdes/${b.id}/kembalikan`} class="card">
          <h2>{w.sendBack}</h2>
          <Csrf c={c} />
          <label>{w.sendBackReason} *<textarea name="reason" required maxlength={500} rows={2}></textarea></label>
          <button type="submit" class="secondary">{w.sendBackButton}</button>
        </form>
      )}
      {may.revise && (
        <form method="post" action={`/desa/${code}/apbdes`} class="card">
          <h2>{w.revise}</h2>
          <Csrf c={c} />
          <input type="hidden" name="year" value={String(b.year)} />
          <label>{w.reasonLabel} *<textarea name="reason" required minlength={10} maxlength={500} rows={2}></textarea></label>
          <button type="submit">{w.reviseButton}</button>
        </form>
      )}
      <p><a href={`/publik/desa/${code}/apbdes?tahun=${b.year}`}>{w.publicPage}</a></p>
    </Layout>
  );
}
