import { signatureTitles, staffNumberLine } from '../../../platform/pdf/letter-pdf.js';
import type { LetterField, LetterType } from '../catalogue.js';
import type { IssuedLetter } from '../issue.js';
import { fieldInputName } from '../fields.js';
import { words } from './words.js';
import type { Lang } from '../../../platform/i18n/i18n.js';

/** The inputs of a letter type's own fields, named `isian.<name>`, the wrong one marked. */
export function LetterFieldInputs({ fields, values = {}, field }: { fields: readonly LetterField[]; values?: Record<string, string>; field?: string }) {
  return (
    <>
      {fields.map((f) => {
        const name = fieldInputName(f.name);
        const v = values[name] ?? '';
        const invalid = field === name ? 'true' : undefined;
        const label = `${f.label}${f.required ? ' *' : ''}`;
        if (f.kind === 'select')
          return (
            <label>
              {label}
              <select name={name} required={f.required} aria-invalid={invalid}>
                <option value="">—</option>
                {(f.options ?? []).map((o) => <option value={o} selected={v === o}>{o}</option>)}
              </select>
            </label>
          );
        if (f.kind === 'textarea') return <label>{label}<textarea name={name} rows={3} maxlength={f.max ?? 1000} aria-invalid={invalid}>{v}</textarea></label>;
        return (
          <label>
            {label}
            <input name={name} value={v} required={f.required} aria-invalid={invalid}
              type={f.kind === 'date' ? 'date' : 'text'}
              inputmode={f.kind === 'number' || f.kind === 'money' ? 'numeric' : undefined}
              maxlength={f.kind === 'text' ? f.max ?? 200 : undefined} />
          </label>
        );
      })}
    </>
  );
}

/** What to bring and how long the letter lasts: shown before anyone asks. */
export function TypeFacts({ type, lang }: { type: LetterType; lang: Lang }) {
  const w = words(lang);
  return (
    <div class="facts">
      {type.requirements.length > 0 && (
        <>
          <p><strong>{w.requirements}</strong></p>
          <ul>{type.requirements.map((r) => <li>{r}</li>)}</ul>
        </>
      )}
      <p>{w.validity}: {type.validityDays > 0 ? `${type.validityDays} ${w.days}` : w.noEnd}</p>
    </div>
  );
}

/** `download`: the letter goes to the citizen as a file, so "ready" means ready to download, not to pick up. */
export function StatusTag({ status, revoked, lang, download }: { status: string; revoked?: boolean; lang: Lang; download?: boolean }) {
  const w = words(lang);
  const label = revoked ? w.step.revoked : status === 'ready' && download ? w.readyDownload : w.step[status] ?? status;
  return <span class={`tag tag-${revoked ? 'revoked' : status}`}>{label}</span>;
}

/** The village's letter pages, one link each. */
export function LetterNav({ code, here, lang }: { code: string; here: string; lang: Lang }) {
  const w = words(lang);
  const links: [string, string][] = [
    [`/desa/${code}/surat`, w.queue],
    [`/desa/${code}/surat/baru`, w.newLetter],
    [`/desa/${code}/surat?status=issued`, w.archive],
    [`/desa/${code}/surat/jenis`, w.types],
    [`/desa/${code}/surat/pengaturan`, w.settings],
    [`/desa/${code}/surat/angka`, w.figures],
  ];
  return (
    <nav class="tabs">
      {links.map(([href, text]) => <a href={href} aria-current={href === here ? 'page' : undefined}>{text}</a>)}
    </nav>
  );
}

/**
 * A letter as it prints, in HTML: the same letterhead, text, identity rows and signature
 * lines the PDF draws (from the same IssuedLetter), for reading before signing and after.
 */
export function LetterSheet({ letter, heading }: { letter: IssuedLetter; heading?: string }) {
  const h = letter.letterhead;
  const staff = staffNumberLine(letter.signature);
  return (
    <section class="letter-preview" aria-label={heading ?? letter.title}>
      {heading && <h2>{heading}</h2>}
      <div class="letterhead">
        <strong>{h.regency}</strong><br /><strong>{h.district}</strong><br /><strong>{h.village}</strong>
        {h.address && <><br /><small>{h.address}</small></>}
        {h.contact && <><br /><small>{h.contact}</small></>}
      </div>
      <p class="letter-title"><strong><u>{letter.title}</u></strong><br />Nomor: {letter.number}</p>
      {letter.opening && <p>{letter.opening}</p>}
      <table class="kv"><tbody>{letter.identity.map(([k, v]) => <tr><th>{k}</th><td>: {v}</td></tr>)}</tbody></table>
      {letter.paragraphs.map((p) => <p>{p}</p>)}
      {letter.validUntil && <p>Surat ini berlaku sampai dengan tanggal {letter.validUntil}.</p>}
      <p class="signature">
        {[`${letter.place}, ${letter.dateText}`, ...signatureTitles(letter.signature)].map((line) => <>{line}<br /></>)}
        <br /><strong><u>{letter.signature.signerName}</u></strong>
        {staff && <><br />{staff}</>}
      </p>
    </section>
  );
}
