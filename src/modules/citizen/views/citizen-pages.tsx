import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { formatDate, formatDateTime } from '../../../platform/format/format.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { CORRECTION_FIELDS, correctionFieldLabel } from '../citizen.schema.js';
import type { MyCorrection, MyData } from '../self.service.js';
import { words, type Words } from './words.js';

const GUIDE = 'layanan-mandiri';

/** Marks the field the message is about, so a screen reader and the eye both find it. */
const invalid = (field: string | undefined, name: string) =>
  field === name ? { 'aria-invalid': 'true', 'aria-describedby': 'form-error' } : {};

function Problem({ message }: { message?: string }) {
  return message ? <p id="form-error" class="notice error" role="alert">{message}</p> : null;
}

export function CitizenLoginPage({ c, error, field, nik }: { c: Context<AppEnv>; error?: string; field?: string; nik?: string }) {
  const w = words(c.get('lang'));
  return (
    <Layout c={c} title={w.loginTitle} guide={GUIDE}>
      <p>{w.loginIntro}</p>
      <Problem message={error} />
      <form method="post" action="/warga/masuk" class="card narrow">
        <Csrf c={c} />
        <label>
          {w.nik}
          <input name="nik" value={nik ?? ''} inputmode="numeric" autocomplete="username" maxlength={16} required autofocus={!nik} {...invalid(field, 'nik')} />
          <small class="muted">{w.nikHint}</small>
        </label>
        <label>
          {w.pin}
          <input name="pin" type="password" inputmode="numeric" maxlength={6} autocomplete="one-time-code" required autofocus={Boolean(nik)} {...invalid(field, 'pin')} />
          <small class="muted">{w.pinHint}</small>
        </label>
        <button type="submit">{w.loginButton}</button>
      </form>
      <p>{w.noPin}</p>
      <p><a href="/masuk">{w.officerLogin}</a></p>
    </Layout>
  );
}

function FamilyList({ data, w }: { data: MyData; w: Words }) {
  if (!data.family.length) return <p>{w.noFamily}</p>;
  return (
    <ul class="plain">
      {data.family.map((m) => (
        <li>
          {m.self ? <strong>{m.name}</strong> : m.name}
          {m.self ? ` (${w.you})` : ''} — {m.relation || '—'}
          <br /><span class="mono">{m.nik}</span>
        </li>
      ))}
    </ul>
  );
}

const place = (d: MyData['self']) => [d.address, d.area].filter(Boolean).join(', ') || '—';

export function CitizenHomePage({ c, data, links = [] }: { c: Context<AppEnv>; data: MyData; links?: { href: string; label: string }[] }) {
  const w = words(c.get('lang'));
  const s = data.self;
  return (
    <Layout c={c} title={`${w.hello}, ${s.name}`} guide={GUIDE}>
      <p class="muted">{w.homeIntro} · {data.village.name}</p>
      <section class="card">
        <dl>
          <dt>{w.nik}</dt><dd class="mono">{s.nik}</dd>
          <dt>{w.kk}</dt><dd class="mono">{s.kk_number ?? '—'}</dd>
          <dt>{w.address}</dt><dd>{place(s)}</dd>
          <dt>{w.status}</dt><dd>{s.status}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>{w.family}</h2>
        <FamilyList data={data} w={w} />
      </section>
      <ul class="tiles">
        <li><a href="/warga/data">{w.myData}</a></li>
        <li><a href="/warga/perbaikan">{w.askCorrection}</a></li>
        <li><a href="/warga/surat">{w.letters}</a></li>
        <li><a href="/warga/usulan">{w.proposals}</a></li>
        <li><a href="/warga/pengaduan">{w.complaints}</a></li>
        <li><a href="/warga/pengumuman">{w.announcements}</a></li>
        <li><a href="/warga/akses">{w.accessLog}</a></li>
        {links.map((l) => <li><a href={l.href}>{l.label}</a></li>)}
      </ul>
      <LogoutButton c={c} w={w} />
    </Layout>
  );
}

function LogoutButton({ c, w }: { c: Context<AppEnv>; w: Words }) {
  return (
    <form method="post" action="/keluar">
      <Csrf c={c} />
      <button type="submit" class="secondary">{w.logout}</button>
    </form>
  );
}

export function CitizenDataPage({ c, data }: { c: Context<AppEnv>; data: MyData }) {
  const lang = c.get('lang');
  const w = words(lang);
  const s = data.self;
  const birth = [s.birth_place, s.birth_date ? formatDate(s.birth_date, lang) : null].filter(Boolean).join(', ') || '—';
  return (
    <Layout c={c} title={w.dataTitle} guide={GUIDE}>
      <section class="card">
        <dl>
          <dt>{w.name}</dt><dd>{s.name}</dd>
          <dt>{w.nik}</dt><dd class="mono">{s.nik}</dd>
          <dt>{w.kk}</dt><dd class="mono">{s.kk_number ?? '—'}</dd>
          <dt>{w.birth}</dt><dd>{birth}</dd>
          <dt>{w.sex}</dt><dd>{s.sex || '—'}</dd>
          <dt>{w.religion}</dt><dd>{s.religion || '—'}</dd>
          <dt>{w.education}</dt><dd>{s.education || '—'}</dd>
          <dt>{w.occupation}</dt><dd>{s.occupation || '—'}</dd>
          <dt>{w.marital}</dt><dd>{s.marital_status || '—'}</dd>
          <dt>{w.relation}</dt><dd>{s.family_relation || '—'}</dd>
          <dt>{w.address}</dt><dd>{place(s)}</dd>
          <dt>{w.status}</dt><dd>{s.status}</dd>
        </dl>
      </section>
      <section class="card">
        <h2>{w.family}</h2>
        <FamilyList data={data} w={w} />
      </section>
      <p>{w.wrongData} <a href="/warga/perbaikan">{w.askCorrection}</a></p>
      <section class="card" id="my-data-download">
        <h2>{w.downloadData}</h2>
        <p class="muted">{w.downloadHint}</p>
        <p><a href="/warga/data/unduh.pdf">PDF</a> · <a href="/warga/data/unduh.json">JSON</a> · <a href="/warga/akses">{w.accessLog}</a></p>
      </section>
      <p><a href="/warga">{w.back}</a></p>
    </Layout>
  );
}

export function CorrectionPage({ c, data, requests, error, field, ok, values = {} }: {
  c: Context<AppEnv>; data: MyData; requests: MyCorrection[]; error?: string; field?: string; ok?: string; values?: Record<string, string>;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const people = data.family.length ? data.family : [{ id: data.self.id, name: data.self.name, self: true }];
  const about = values.about_resident_id ?? String(data.self.id);
  return (
    <Layout c={c} title={w.correctionTitle} guide={GUIDE}>
      {ok && <Notice kind="ok">{ok}</Notice>}
      <Problem message={error} />
      <form method="post" action="/warga/perbaikan" class="card narrow">
        <Csrf c={c} />
        <label>
          {w.about}
          <select name="about_resident_id" {...invalid(field, 'about_resident_id')}>
            {people.map((p) => <option value={String(p.id)} selected={String(p.id) === about}>{p.name}{p.self ? ` (${w.you})` : ''}</option>)}
          </select>
        </label>
        <label>
          {w.field}
          <select name="field" required {...invalid(field, 'field')}>
            <option value="">{w.choose}</option>
            {CORRECTION_FIELDS.map((f) => <option value={f} selected={values.field === f}>{correctionFieldLabel(f, lang)}</option>)}
          </select>
        </label>
        <label>
          {w.proposed}
          <input name="proposed" value={values.proposed ?? ''} maxlength={300} required {...invalid(field, 'proposed')} />
          <small class="muted">{w.proposedHint}</small>
        </label>
        <label>
          {w.note}
          <textarea name="note" rows={2} maxlength={500} {...invalid(field, 'note')}>{values.note ?? ''}</textarea>
          <small class="muted">{w.noteHint}</small>
        </label>
        <button type="submit">{w.send}</button>
      </form>
      <h2>{w.myRequests}</h2>
      {requests.length === 0 ? <p>{w.noRequests}</p> : (
        <ul class="plain">
          {requests.map((r) => (
            <li class="card">
              <strong>{correctionFieldLabel(r.field, lang)}</strong> — {r.about_name}: {r.proposed}
              <br /><small class="muted">{w.sent} {formatDateTime(r.created_at, lang)} · </small>
              <strong>{w[`s_${r.status}`]}</strong>
              {r.answer && <p>{w.answer}: {r.answer}</p>}
            </li>
          ))}
        </ul>
      )}
      <p><a href="/warga">{w.back}</a></p>
    </Layout>
  );
}
