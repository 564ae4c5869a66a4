import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { formatDateTime } from '../../../platform/format/format.js';
import { Csrf, Layout, Notice } from '../../../platform/http/views/layout.js';
import { t } from '../../../platform/i18n/i18n.js';
import { correctionFieldLabel, type CorrectionStatus } from '../citizen.schema.js';
import type { CorrectionRequestRow } from '../corrections.service.js';
import { words } from './words.js';

const GUIDE = 'layanan-mandiri';

/** The "Layanan mandiri" section of the resident page: PIN status and the button to issue or reset it. */
export function PinPanel({ c, village, residentId, pin, eligible }: {
  c: Context<AppEnv>; village: string; residentId: number; pin: { issued_at: Date; last_login_at: Date | null } | null; eligible: boolean;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <section class="card" id="layanan-mandiri">
      <h2>{w.selfService}</h2>
      <p>
        {pin
          ? `${w.pinIssuedAt} ${formatDateTime(pin.issued_at, lang)} · ${pin.last_login_at ? `${w.lastLogin} ${formatDateTime(pin.last_login_at, lang)}` : w.never}`
          : w.pinNone}
      </p>
      {eligible ? (
        <form method="post" action={`/desa/${village}/penduduk/${residentId}/pin`}>
          <Csrf c={c} />
          {pin && <small class="muted">{w.resetHint}</small>}
          <br />
          <button type="submit" class={pin ? 'secondary' : undefined}>{pin ? w.resetPin : w.issuePin}</button>
        </form>
      ) : <p class="muted">{w.pinOnlyPresent}</p>}
      <p><a href={`/desa/${village}/perbaikan-data`}>{w.corrections}</a></p>
    </section>
  );
}

/** Shown once, right after issuing: the PIN is not stored anywhere it could be shown from again. */
export function PinIssuedPage({ c, village, residentId, name, pin, reset }: { c: Context<AppEnv>; village: string; residentId: number; name: string; pin: string; reset: boolean }) {
  const lang = c.get('lang');
  const w = words(lang);
  return (
    <Layout c={c} title={w.pinTitle} guide={GUIDE}>
      <Notice kind="ok">{t(lang, reset ? 'citizen.pin_reset' : 'citizen.pin_issued', { name })}</Notice>
      <section class="card narrow">
        <p>{w.pinFor} <strong>{name}</strong>:</p>
        <p class="pin-once mono">{pin}</p>
        <p><strong>{t(lang, 'citizen.pin_once')}</strong></p>
        <p class="muted">{w.pinGive}</p>
      </section>
      <p><a href={`/desa/${village}/penduduk/${residentId}`}>{w.backToResident}</a></p>
    </Layout>
  );
}

export function CorrectionsPage({ c, village, status, items, ok, error, failedId, values = {} }: {
  c: Context<AppEnv>; village: string; status: CorrectionStatus; items: CorrectionRequestRow[]; ok?: string; error?: string; failedId?: number; values?: Record<string, string>;
}) {
  const lang = c.get('lang');
  const w = words(lang);
  const base = `/desa/${village}/perbaikan-data`;
  return (
    <Layout c={c} title={w.correctionsTitle} guide={GUIDE}>
      {ok && <Notice kind="ok">{ok}</Notice>}
      {error && <p id="form-error" class="notice error" role="alert">{error}</p>}
      <nav class="actions">
        {(['open', 'done', 'rejected'] as const).map((s) => (
          <a class="button secondary" href={s === 'open' ? base : `${base}?status=${s}`} aria-current={s === status ? 'page' : undefined}>{w[`s_${s}`]}</a>
        ))}
      </nav>
      {status === 'open' && items.length > 0 && <p class="muted">{w.applyHint}</p>}
      {items.length === 0 ? <p>{w.noneOpen}</p> : items.map((r) => {
        const mine = failedId === r.id;
        return (
          <section class="card" id={`permohonan-${r.id}`}>
            <h2>{correctionFieldLabel(r.field, lang)} — {r.about_name}</h2>
            <dl>
              <dt>{w.proposed}</dt><dd>{r.proposed}</dd>
              {r.note && (<><dt>{w.note}</dt><dd>{r.note}</dd></>)}
              <dt>{w.requester}</dt><dd>{r.requester_name}</dd>
              <dt>{w.received}</dt><dd>{formatDateTime(r.created_at, lang)}</dd>
              {r.status !== 'open' && (<><dt>{w.status}</dt><dd>{w[`s_${r.status}`]}{r.closed_at ? `, ${formatDateTime(r.closed_at, lang)}` : ''}{r.closed_by_name ? ` (${w.closedBy} ${r.closed_by_name})` : ''}</dd></>)}
              {r.answer && (<><dt>{w.answer}</dt><dd>{r.answer}</dd></>)}
            </dl>
            <p><a href={`/desa/${village}/penduduk/${r.about_resident_id}/untuk-perbaikan`}>{w.openResident}</a></p>
            {r.status === 'open' && (
              <form method="post" action={`${base}/${r.id}`}>
                <Csrf c={c} />
                <fieldset>
                  <legend>{w.outcome}</legend>
                  <label class="check"><input type="radio" name="outcome" value="done" checked={!mine || values.outcome !== 'rejected'} /> {w.done}</label>
                  <label class="check"><input type="radio" name="outcome" value="rejected" checked={mine && values.outcome === 'rejected'} /> {w.rejected}</label>
                </fieldset>
                <label>
                  {w.answerLabel}
                  <textarea name="answer" rows={2} maxlength={500} {...(mine ? { 'aria-invalid': 'true', 'aria-describedby': 'form-error' } : {})}>{mine ? values.answer ?? '' : ''}</textarea>
                  <small class="muted">{w.answerHint}</small>
                </label>
                <button type="submit">{w.close}</button>
              </form>
            )}
          </section>
        );
      })}
    </Layout>
  );
}
