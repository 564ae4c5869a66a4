import type { Lang } from '../../platform/i18n/i18n.js';
import { Notice } from '../../platform/http/views/layout.js';
import { words } from './words.js';

/**
 * What a newly activated village sees instead of empty lists: the three ways to get its
 * residents in, each with its page and its guide. Used by the home page and the resident list.
 */
export function GettingStarted({ code, lang, canWrite }: { code: string; lang: Lang; canWrite: boolean }) {
  const w = words(lang);
  return (
    <section class="card getting-started" aria-labelledby="mulai">
      <h2 id="mulai">{w.startTitle}</h2>
      <p>{w.startText}</p>
      <ol>
        <li><a href={`/desa/${code}`}>{w.startProfile}</a> (<a href="/panduan/desa">{w.guide}</a>)</li>
        {canWrite && <li><a href={`/desa/${code}/penduduk/impor`}>{w.startImport}</a>, {w.startImportNote} (<a href="/panduan/impor">{w.guide}</a>)</li>}
        {canWrite && <li><a href={`/desa/${code}/penduduk/baru`}>{w.startAdd}</a>, {w.startAddNote} (<a href="/panduan/penduduk">{w.guide}</a>)</li>}
      </ol>
    </section>
  );
}

/** The public page of a village without residents yet: it says so, instead of a page of zeros. */
export function VillageStarting({ name, lang }: { name: string; lang: Lang }) {
  const w = words(lang);
  return (
    <Notice kind="ok">
      <strong>{name} {w.startingPublic}.</strong> {w.startingPublicText}
    </Notice>
  );
}
