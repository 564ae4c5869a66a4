import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/env.js';
import { formatRupiah } from '../../../platform/format/format.js';
import type { publicProjects } from '../project.service.js';
import { percent, ProgressBar } from './project-pages.js';

/** The year's projects on the public budget page: progress, budget, latest photo, each linked to its page. */
export function PublicProjectList({ c, code, projects }: { c: Context<AppEnv>; code: string; projects: Awaited<ReturnType<typeof publicProjects>> }) {
  const lang = c.get('lang');
  const en = lang === 'en';
  return (
    <section>
      <h2>{en ? 'Development projects' : 'Proyek pembangunan'}</h2>
      <ul class="plain projects">
        {projects.map((p) => (
          <li class="card">
            {p.latest_photo !== null && <img src={`/publik/desa/${code}/proyek/foto/${p.latest_photo}`} alt={p.name} loading="lazy" />}
            <a href={`/publik/desa/${code}/proyek/${p.id}`}><strong>{p.name}</strong></a>
            <br />{`${p.location} · ${formatRupiah(p.budget)}`}
            <br /><ProgressBar value={Number(p.progress)} label={percent(p.progress, lang)} />{` ${percent(p.progress, lang)}${Number(p.progress) < 100 && p.late ? (en ? ' · late' : ' · terlambat') : ''}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
