import type { Context } from 'hono';
import { can } from '../../platform/access/access.js';
import { access } from '../../platform/access/route-access.js';
import type { AppEnv } from '../../platform/http/env.js';
import { formFields, formProblem } from '../../platform/http/forms.js';
import { idParam } from '../../platform/http/id-param.js';
import type { Router } from '../../platform/http/router.js';
import { Csrf, Layout, Notice } from '../../platform/http/views/layout.js';
import { fieldLabel } from '../../platform/i18n/field-labels.js';
import { formatDate } from '../../platform/format/format.js';
import { redactNiks } from '../../platform/redact.js';
import { resolveConflict, syncPage, type ConflictView } from './conflicts.js';
import { SyncError, syncOnce } from './copy-sync.js';
import { syncMinutes } from './schedule.js';
import { createSyncKey, revokeSyncKey } from './sync-keys.js';

type Status = 200 | 400 | 403 | 404 | 409;
const statusOf = (s: number): Status => ([400, 403, 404, 409].includes(s) ? (s as Status) : 400);
type Msg = { ok?: string; error?: string; key?: string; form?: string; values?: Record<string, string> };

const when = (d: Date | string | null) => {
  if (!d) return 'belum pernah';
  const t = d instanceof Date ? d : new Date(d);
  const wib = new Date(t.getTime() + 7 * 3600_000).toISOString();
  return `${formatDate(wib.slice(0, 10), 'id')} pukul ${wib.slice(11, 16)} WIB`;
};

/** A stored value as an officer reads it ("—" for empty; a NIK masked). */
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : redactNiks(typeof v === 'string' ? v : JSON.stringify(v)));

function Conflict({ c, code, x, write }: { c: Context<AppEnv>; code: string; x: ConflictView; write: boolean }) {
  const field = x.field ? fieldLabel('id', x.field) : null;
  return (
    <li class="card">
      <p><strong>{x.subject}</strong>{field && <> · {field}</>}</p>
      <p>{x.message}{x.otherVillage && <> (desa lain: {x.otherVillage})</>}</p>
      {x.kind === 'field' && (
        <dl class="pairs">
          <dt>Sebelum diubah</dt><dd>{shown(x.base)}</dd>
          <dt>Nilai di server</dt><dd>{shown(x.server)}</dd>
          <dt>Nilai di salinan desa</dt><dd>{shown(x.copy)}</dd>
        </dl>
      )}
      <p class="muted">Ditemukan {when(x.createdAt)}</p>
      {x.resolvedAt ? (
        <p>Selesai {when(x.resolvedAt)}: {x.resolution?.choice === 'server' ? 'nilai server dipakai' : x.resolution?.choice === 'salinan' ? 'nilai salinan desa dipakai' : 'ditandai selesai'}
          {x.resolution?.note ? ` — ${String(x.resolution.note)}` : ''}</p>
      ) : write ? (
        <form method="post" action={`/desa/${code}/sinkron/bentrok/${x.id}`}>
          <Csrf c={c} />
          {x.kind === 'field' ? (
            <fieldset>
              <legend>Pilih nilai yang benar</legend>
              <label><input type="radio" name="pilihan" value="server" required /> Nilai server: {shown(x.server)}</label>
              <label><input type="radio" name="pilihan" value="salinan" /> Nilai salinan desa: {shown(x.copy)}</label>
            </fieldset>
          ) : null}
          <label>Catatan{x.kind === 'field' ? ' (bila perlu)' : ' (apa yang sudah dilakukan)'}
            <input name="catatan" maxlength={500} required={x.kind !== 'field'} />
          </label>
          <button type="submit">{x.kind === 'field' ? 'Simpan pilihan' : 'Tandai selesai'}</button>
        </form>
      ) : null}
    </li>
  );
}

function SyncPage({ c, view, msg }: { c: Context<AppEnv>; view: Awaited<ReturnType<typeof syncPage>>; msg: Msg }) {
  const code = view.village.village_code;
  const actor = c.get('ctx').actor;
  const write = can(actor, 'population.write', code);
  const open = view.conflicts.filter((x) => !x.resolvedAt);
  const done = view.conflicts.filter((x) => x.resolvedAt);
  return (
    <Layout c={c} title={`Sinkron dengan server · ${view.village.name}`} guide="sinkron">
      {msg.error && <Notice kind="error">{msg.error}</Notice>}
      {msg.ok && <Notice kind="ok">{msg.ok}</Notice>}
      {view.copy ? (
        <section>
          <h2>Salinan desa ini</h2>
          <p>Balai di komputer ini adalah salinan Desa {view.village.name}. Pekerjaan disimpan di sini dulu, lalu dikirim ke server provinsi setiap
            {' '}{syncMinutes()} menit bila sambungan ada; perubahan dari server ikut turun.</p>
          <dl class="pairs">
            <dt>Server</dt><dd>{view.copy.server}</dd>
            <dt>Menunggu dikirim</dt><dd>{view.copy.waiting} perubahan</dd>
            <dt>Terakhir terkirim</dt><dd>{when(view.copy.lastPush)}</dd>
            <dt>Terakhir diperbarui dari server</dt><dd>{when(view.copy.lastPull)}</dd>
          </dl>
          {view.copy.lastError && <Notice kind="warn">Percobaan terakhir ({when(view.copy.lastAttempt)}) gagal: {view.copy.lastError}</Notice>}
          {write && (
            <form method="post" action={`/desa/${code}/sinkron/jalankan`}>
              <Csrf c={c} />
              <button type="submit">Sinkronkan sekarang</button>
            </form>
          )}
        </section>
      ) : (
        <section>
          <h2>Salinan desa</h2>
          <p>Desa yang sinyalnya sering hilang dapat bekerja di salinan Balai di komputer kantor desa, yang bersinkron dengan server ini. Selama
            kunci salinan berlaku, surat desa dinomori dan ditandatangani di salinan itu.</p>
          {msg.key && (
            <Notice kind="ok">Kunci salinan (hanya ditampilkan sekali, simpan sekarang): <code class="secret">{msg.key}</code></Notice>
          )}
          {can(actor, 'village.activate', code) && (
            <>
              {view.keys.length ? (
                <ul class="cards">
                  {view.keys.map((k) => (
                    <li class="card">
                      <p><strong>{k.label}</strong> · dibuat {when(k.created_at)}{k.created_by_name ? ` oleh ${k.created_by_name}` : ''}</p>
                      {k.revoked_at ? <p>Dicabut {when(k.revoked_at)}</p> : (
                        <form method="post" action={`/desa/${code}/sinkron/kunci/${k.id}/cabut`}>
                          <Csrf c={c} />
                          <button type="submit">Cabut kunci</button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              ) : <p>Belum ada kunci salinan.</p>}
              <form method="post" action={`/desa/${code}/sinkron/kunci`}>
                <Csrf c={c} />
                <label>Nama salinan
                  <input name="label" maxlength={100} required value={msg.form === 'key' ? msg.values?.label ?? '' : 'Komputer kantor desa'} />
                </label>
                <button type="submit">Buat kunci salinan</button>
              </form>
            </>
          )}
        </section>
      )}
      {view.officer && (
        <section>
          <h2>Bentrokan yang perlu dipilih ({open.length})</h2>
          {open.length ? <ul class="cards">{open.map((x) => <Conflict c={c} code={code} x={x} write={write} />)}</ul> : <p>Tidak ada bentrokan.</p>}
          {done.length > 0 && (
            <>
              <h2>Sudah diselesaikan</h2>
              <ul class="cards">{done.map((x) => <Conflict c={c} code={code} x={x} write={false} />)}</ul>
            </>
          )}
        </section>
      )}
    </Layout>
  );
}

export function registerSyncPages(app: Router) {
  const read = access({ anyOf: [{ permission: 'population.read', scope: 'village' }, { permission: 'village.activate', scope: 'village' }] });
  const write = access({ permission: 'population.write', scope: 'village' });
  const admin = access({ permission: 'village.activate', scope: 'village' });
  const code = (c: Context<AppEnv>) => c.req.param('code')!;
  const page = async (c: Context<AppEnv>, msg: Msg = {}, status: Status = 200) => c.html(<SyncPage c={c} view={await syncPage(c.get('ctx'), code(c))} msg={msg} />, status);
  const OK: Record<string, string> = { saved: 'Tersimpan.', started: 'Sinkron dimulai; muat ulang halaman ini sebentar lagi.', revoked: 'Kunci dicabut: salinan itu tidak dapat bersinkron lagi, dan surat desa kembali ditandatangani di server.' };

  app.get('/desa/:code/sinkron', read, (c) => page(c, { ok: OK[c.req.query('ok') ?? ''] }));
  app.post('/desa/:code/sinkron/jalankan', write, async (c) => {
    const ctx = c.get('ctx');
    // Off the request path: a round may take a while on a slow link; the page shows how it went.
    const view = await syncPage(ctx, code(c));
    if (!view.copy) return page(c, { error: new SyncError('Instalasi ini bukan salinan desa.').message }, 409);
    syncOnce(ctx.db).catch(() => {});
    return c.redirect(`/desa/${code(c)}/sinkron?ok=started`, 303);
  });
  app.post('/desa/:code/sinkron/bentrok/:id{[0-9]+}', write, async (c) => {
    const f = await formFields(c);
    try {
      await resolveConflict(c.get('ctx'), code(c), idParam(c), f);
      return c.redirect(`/desa/${code(c)}/sinkron?ok=saved`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/sinkron/kunci', admin, async (c) => {
    const f = await formFields(c);
    try {
      const { key } = await createSyncKey(c.get('ctx'), code(c), f.label ?? '');
      c.header('cache-control', 'no-store');
      return page(c, { key }, 200);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message, form: 'key', values: f }, statusOf(p.status));
    }
  });
  app.post('/desa/:code/sinkron/kunci/:id{[0-9]+}/cabut', admin, async (c) => {
    try {
      await revokeSyncKey(c.get('ctx'), code(c), idParam(c));
      return c.redirect(`/desa/${code(c)}/sinkron?ok=revoked`, 303);
    } catch (err) {
      const p = formProblem(c, err);
      return page(c, { error: p.message }, statusOf(p.status));
    }
  });
}
