import { can } from '../../platform/access/access.js';
import { ROLE_LABEL, isVillageRole } from '../../platform/access/roles.js';
import { formatDate, formatNumber, titleCase } from '../../platform/format/format.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { Layout } from '../../platform/http/views/layout.js';
import { findRegion, totalsBelow } from '../regions/index.js';
import { getVillage, listActivatedVillages } from '../villages/index.js';
import { words } from './words.js';

/** The first page: what this role can do, over which region. */
export function registerHomePage(app: Router) {
  app.get('/', access('public'), async (c) => {
    const ctx = c.get('ctx');
    const lang = c.get('lang');
    const w = words(lang);
    const actor = ctx.actor;
    if (!actor) {
      return c.html(
        <Layout c={c} title={w.welcome}>
          <p>{w.intro}</p>
          <p><a class="button" href="/masuk">{w.login}</a></p>
        </Layout>,
      );
    }
    if (actor.kind === 'citizen') return c.redirect('/warga');
    if (isVillageRole(actor.role)) {
      const village = await getVillage(ctx, actor.regionCode);
      return c.html(
        <Layout c={c} title={`${w.home} · ${village.name}`} guide="beranda">
          <p>{w.villageIntro}</p>
          <ul class="tiles">
            <li><a href={`/desa/${village.village_code}/penduduk`}>{w.residents}</a></li>
            <li><a href={`/desa/${village.village_code}/keluarga`}>{w.families}</a></li>
            <li><a href={`/desa/${village.village_code}/statistik`}>{w.statistics}</a></li>
            <li><a href={`/desa/${village.village_code}/laporan-bulanan`}>{w.monthly}</a></li>
            {can(actor, 'citizen.pin', village.village_code) && <li><a href={`/desa/${village.village_code}/perbaikan-data`}>{w.corrections}</a></li>}
            <li><a href={`/desa/${village.village_code}`}>{w.villageProfile}</a></li>
            <li><a href={`/publik/desa/${village.village_code}`}>{w.publicPage}</a></li>
            {actor.role !== 'village_operator' && <li><a href="/akun">{w.villageAccounts}</a></li>}
            <li><a href="/akun/kata-sandi">{w.changePassword}</a></li>
          </ul>
        </Layout>,
      );
    }
    const db = ctx.db.kysely;
    const [scope, totals, villages] = await Promise.all([
      actor.regionCode ? findRegion(db, actor.regionCode) : Promise.resolve(null),
      totalsBelow(db, actor.regionCode),
      listActivatedVillages(ctx),
    ]);
    const scopeName = scope ? titleCase(scope.name) : w.indonesia;
    return c.html(
      <Layout c={c} title={`${w.home} · ${scopeName}`} guide="beranda">
        <p>
          {ROLE_LABEL[actor.role][lang]} — {w.scope}: <a href={actor.regionCode ? `/wilayah/${actor.regionCode}` : '/wilayah'}>{scopeName}</a>
        </p>
        <p class="summary">
          <strong>{formatNumber(totals.activated, lang)}</strong> {w.of} {formatNumber(totals.villages, lang)} {w.villagesActive}
        </p>
        <ul class="tiles">
          <li><a href={actor.regionCode ? `/wilayah/${actor.regionCode}` : '/wilayah'}>{w.browse}</a></li>
          <li><a href="/akun">{w.manageAccounts}</a></li>
        </ul>
        <h2>{w.recent}</h2>
        {villages.length === 0 ? <p>{w.noneActive}</p> : (
          <ul class="plain">
            {[...villages].sort((a, b) => +new Date(b.activated_at) - +new Date(a.activated_at)).slice(0, 20).map((v) => (
              <li><a href={`/desa/${v.village_code}`}>{v.name}</a> <span class="muted">({v.village_code}) · {formatDate(v.activated_at, lang)}</span></li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
