import { can } from '../../platform/access/access.js';
import { ROLE_LABEL, isVillageRole } from '../../platform/access/roles.js';
import { formatDate, formatNumber, titleCase, todayInWib } from '../../platform/format/format.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { Layout } from '../../platform/http/views/layout.js';
import { lettersWaiting, type LettersWaiting } from '../letters/index.js';
import { LateRkpdes, lateRkpdes } from '../planning/index.js';
import { listResidents } from '../population/index.js';
import { findRegion, totalsBelow } from '../regions/index.js';
import { getVillage, listActivatedVillages, provincesWithVillages } from '../villages/index.js';
import { GettingStarted } from './getting-started.js';
import { words } from './words.js';

/** The first page: what this role can do, over which region. */
export function registerHomePage(app: Router) {
  // The landing page's "check a letter" form: works without JavaScript, lands on the letter's page.
  app.get('/v', access('public'), (c) => {
    const code = (c.req.query('kode') ?? '').replace(/\s/g, '');
    return c.redirect(/^[A-Za-z0-9_-]{1,64}$/.test(code) ? `/v/${code}` : '/#periksa', 303);
  });

  app.get('/', access('public'), async (c) => {
    const ctx = c.get('ctx');
    const lang = c.get('lang');
    const w = words(lang);
    const actor = ctx.actor;
    if (!actor) {
      // Three kinds of visitor: an officer, a citizen, and anyone holding a letter or curious about a village.
      const provinces = await provincesWithVillages(ctx.db.kysely);
      return c.html(
        <Layout c={c} title={w.welcome}>
          <p>{w.intro}</p>
          <div class="doors">
            <section class="card">
              <h2>{w.officers}</h2>
              <p>{w.officersText}</p>
              <p><a class="button" href="/masuk">{w.login}</a></p>
            </section>
            <section class="card">
              <h2>{w.citizens}</h2>
              <p>{w.citizensText}</p>
              <p><a class="button" href="/warga/masuk">{w.citizenLogin}</a></p>
            </section>
            <section class="card" id="periksa">
              <h2>{w.verify}</h2>
              <form method="get" action="/v">
                <label for="kode">{w.verifyCode}</label>
                <p class="muted">{w.verifyText}</p>
                <input id="kode" name="kode" required maxlength={64} autocomplete="off" autocapitalize="off" spellcheck={false} />
                <button type="submit">{w.verifyButton}</button>
              </form>
            </section>
            <section class="card">
              <h2>{w.publicPages}</h2>
              {provinces.length === 0 ? <p>{w.publicNone}</p> : (
                <>
                  <p>{w.publicText}</p>
                  <ul class="plain">
                    {provinces.map((p) => <li><a href={`/publik/wilayah/${p.code}`}>{titleCase(p.name)}</a> <span class="muted">({formatNumber(p.villages, lang)} {w.villagesIn})</span></li>)}
                  </ul>
                </>
              )}
            </section>
            <section class="card">
              <h2>{lang === 'en' ? 'Village market and tourism' : 'Pasar dan wisata desa'}</h2>
              <ul class="plain">
                <li><a href="/pasar">{lang === 'en' ? 'Village Market: products of the BUMDes and small businesses' : 'Pasar Desa: produk BUMDes dan UMKM'}</a></li>
                <li><a href="/wisata">{lang === 'en' ? 'Tourism and local potential' : 'Wisata dan potensi desa'}</a></li>
              </ul>
            </section>
          </div>
        </Layout>,
      );
    }
    if (actor.kind === 'citizen') return c.redirect('/warga');
    // A fertiliser kiosk's account has one job: its own start page.
    if (actor.role === 'fertiliser_kiosk') return c.redirect('/kios');
    // The election committee and the TPS officers work the village's election only.
    if (actor.role === 'election_committee' || actor.role === 'polling_officer') return c.redirect(`/desa/${actor.regionCode}/pilkades`);
    if (isVillageRole(actor.role)) {
      const village = await getVillage(ctx, actor.regionCode);
      const code = village.village_code;
      const [waiting, residents, late] = await Promise.all([
        can(actor, 'letters.read', code) ? lettersWaiting(ctx, code) : Promise.resolve(null),
        can(actor, 'population.read', code) ? listResidents(ctx, code, { per_page: 1 }) : Promise.resolve(null),
        can(actor, 'planning.read', code) ? lateRkpdes(ctx, code, todayInWib()) : Promise.resolve(null),
      ]);
      return c.html(
        <Layout c={c} title={`${w.home} · ${village.name}`} guide="beranda">
          {residents?.total === 0 && <GettingStarted code={code} lang={lang} canWrite={can(actor, 'population.write', code)} />}
          {late && <LateRkpdes late={late} code={code} lang={lang} />}
          {waiting && <WorkWaiting waiting={waiting} canCheck={can(actor, 'letters.check', code)} canSign={can(actor, 'letters.sign', code)} lang={lang} />}
          <p>{w.villageIntro}</p>
          <ul class="tiles">
            {can(actor, 'population.read', code) && <li><a href={`/desa/${code}/penduduk`}>{w.residents}</a></li>}
            {can(actor, 'population.read', code) && <li><a href={`/desa/${code}/keluarga`}>{w.families}</a></li>}
            {can(actor, 'civil_registry.manage', code) && <li><a href={`/desa/${code}/dukcapil`}>{lang === 'en' ? 'Civil registry: reports and reconciliation' : 'Dukcapil: laporan dan pemadanan data'}</a></li>}
            {can(actor, 'population.read', code) && <li><a href={`/desa/${code}/rumah-tangga`}>{lang === 'en' ? 'Households' : 'Rumah tangga'}</a></li>}
            {can(actor, 'population.read', code) && <li><a href={`/desa/${code}/penduduk-sementara`}>{lang === 'en' ? 'Temporary residents (newcomers)' : 'Penduduk sementara (pendatang)'}</a></li>}
            {can(actor, 'assistance.read', code) && <li><a href={`/desa/${code}/bansos`}>{lang === 'en' ? 'Social assistance' : 'Bantuan sosial'}</a></li>}
            <li><a href={`/desa/${code}/buku`}>{lang === 'en' ? 'Village administration books' : 'Buku administrasi desa'}</a></li>
            {can(actor, 'mail.read', code) && <li><a href={`/desa/${code}/surat-masuk`}>{lang === 'en' ? 'Incoming letters and the agenda book' : 'Surat masuk dan buku agenda'}</a></li>}
            {can(actor, 'mail.queue', code) && <li><a href={`/desa/${code}/disposisi`}>{lang === 'en' ? 'My routings (disposisi)' : 'Disposisi saya'}</a></li>}
            {can(actor, 'regulation.read', code) && <li><a href={`/desa/${code}/peraturan`}>{lang === 'en' ? 'Regulations and decisions, village gazette' : 'Peraturan, keputusan dan Lembaran Desa'}</a></li>}
            {can(actor, 'asset.read', code) && <li><a href={`/desa/${code}/aset`}>{lang === 'en' ? 'Village inventory and land' : 'Inventaris dan tanah desa'}</a></li>}
            {can(actor, 'complaints.read', code) && <li><a href={`/desa/${code}/pengaduan`}>{lang === 'en' ? 'Complaints' : 'Pengaduan'}</a></li>}
            {can(actor, 'announcements.send', code) && <li><a href={`/desa/${code}/pengumuman`}>{lang === 'en' ? 'Announcements' : 'Pengumuman'}</a></li>}
            {can(actor, 'market.verify', code) && <li><a href={`/desa/${code}/pasar`}>{lang === 'en' ? 'Village market: sellers, BUMDes shop, orders' : 'Pasar desa: penjual, toko BUMDes, pesanan'}</a></li>}
            {can(actor, 'farmers.read', code) && <li><a href={`/desa/${code}/petani`}>{lang === 'en' ? 'Farmers and farmer groups (farmer card)' : 'Petani dan kelompok tani (Kartu Petani)'}</a></li>}
            {can(actor, 'institutions.read', code) && <li><a href={`/desa/${code}/kelembagaan`}>{lang === 'en' ? 'Institutions and trainings' : 'Kelembagaan dan pelatihan'}</a></li>}
            {can(actor, 'site.write', code) && <li><a href={`/desa/${code}/situs`}>{lang === 'en' ? 'Village website' : 'Situs desa'}</a></li>}
            {can(actor, 'site.write', code) && <li><a href={`/desa/${code}/potensi`}>{lang === 'en' ? 'Tourism and local potential' : 'Wisata dan potensi desa'}</a></li>}
            {can(actor, 'attendance.self', code) && <li><a href={`/desa/${code}/kehadiran`}>{lang === 'en' ? 'Attendance: check in and out' : 'Kehadiran: absen masuk dan pulang'}</a></li>}
            {can(actor, 'guestbook.write', code) && <li><a href={`/desa/${code}/buku-tamu`}>{lang === 'en' ? 'Guest book' : 'Buku tamu'}</a></li>}
            {can(actor, 'election.read', code) && <li><a href={`/desa/${code}/pilkades`}>{lang === 'en' ? 'Village head election (e-voting)' : 'Pilkades (pemilihan kepala desa elektronik)'}</a></li>}
            {can(actor, 'survey.fill', code) && <li><a href={`/desa/${code}/survei`}>{lang === 'en' ? 'Surveys and the village data bank' : 'Survei dan bank data desa'}</a></li>}
            <li><a href={`/desa/${village.village_code}/statistik`}>{w.statistics}</a></li>
            {can(actor, 'profile.read', code) && <li><a href={`/desa/${code}/profil-desa`}>{lang === 'en' ? 'Village profile for Prodeskel and SDGs Desa' : 'Profil desa untuk Prodeskel dan SDGs Desa'}</a></li>}
            <li><a href={`/desa/${code}/laporan-bulanan`}>{w.monthly}</a></li>
            {can(actor, 'planning.read', code) && <li><a href={`/desa/${code}/perencanaan`}>{lang === 'en' ? 'Village plans (RPJMDes, RKPDes)' : 'Perencanaan (RPJMDes, RKPDes)'}</a></li>}
            {can(actor, 'planning.read', code) && <li><a href={`/desa/${code}/musyawarah`}>{lang === 'en' ? 'Proposals and meetings (Musdes)' : 'Usulan dan musyawarah (Musdes)'}</a></li>}
            {can(actor, 'planning.read', code) && <li><a href={`/desa/${code}/proyek`}>{lang === 'en' ? 'Development projects' : 'Proyek pembangunan'}</a></li>}
            {can(actor, 'budget.read', code) && <li><a href={`/desa/${code}/apbdes`}>APBDes</a></li>}
            {can(actor, 'budget.read', code) && <li><a href={`/desa/${code}/realisasi`}>{lang === 'en' ? 'Budget realisation' : 'Realisasi APBDes'}</a></li>}
            {can(actor, 'citizen.pin', village.village_code) && <li><a href={`/desa/${village.village_code}/perbaikan-data`}>{w.corrections}</a></li>}
            {can(actor, 'notifications.read', code) && <li><a href={`/desa/${code}/notifikasi`}>{w.notifications}</a></li>}
            {can(actor, 'population.read', code) && <li><a href={`/desa/${code}/sinkron`}>{lang === 'en' ? 'Sync with the server (village copy)' : 'Sinkron dengan server (salinan desa)'}</a></li>}
            <li><a href={`/desa/${village.village_code}`}>{w.villageProfile}</a></li>
            <li><a href={`/publik/desa/${village.village_code}`}>{w.publicPage}</a></li>
            {actor.role !== 'village_operator' && actor.role !== 'village_treasurer' && <li><a href="/akun">{w.villageAccounts}</a></li>}
            {can(actor, 'token.manage') && <li><a href="/akun/token">{lang === 'en' ? 'API tokens for other programs' : 'Token API untuk program lain'}</a></li>}
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
          {can(actor, 'account.read') && <li><a href="/akun">{w.manageAccounts}</a></li>}
          {can(actor, 'token.manage') && <li><a href="/akun/token">{lang === 'en' ? 'API tokens for other programs' : 'Token API untuk program lain'}</a></li>}
          {can(actor, 'farmers.read') && <li><a href={`/pantau/${actor.regionCode || '18'}/rdkk`}>{lang === 'en' ? 'RDKK and farmer groups' : 'RDKK dan kelompok tani'}</a></li>}
          {can(actor, 'farmers.kiosks') && <li><a href={`/pantau/${actor.regionCode || '18'}/kios`}>{lang === 'en' ? 'Fertiliser kiosks' : 'Kios pupuk'}</a></li>}
          {can(actor, 'budget.caps') && <li><a href="/pengaturan/apbdes">{lang === 'en' ? 'Yearly budget caps (BLT)' : 'Batas APBDes per tahun (BLT)'}</a></li>}
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

/** The letter desk's queue as links: each count opens the desk filtered to that step. */
function WorkWaiting({ waiting, canCheck, canSign, lang }: { waiting: LettersWaiting; canCheck: boolean; canSign: boolean; lang: 'id' | 'en' }) {
  const w = words(lang);
  const desk = `/desa/${waiting.village}/surat?status=`;
  const items = [
    canCheck && { n: waiting.toCheck, text: w.toCheck, href: `${desk}requested` },
    { n: waiting.toSign, text: canSign ? w.toSignYours : w.toSign, href: `${desk}checked` },
    canCheck && { n: waiting.toMarkReady, text: w.toMarkReady, href: `${desk}signed` },
    canCheck && { n: waiting.toHandOver, text: w.toHandOver, href: `${desk}ready` },
  ].filter((i): i is { n: number; text: string; href: string } => !!i && i.n > 0);
  // A signer's own queue comes first: that is what only they can do.
  if (canSign) items.sort((a, b) => Number(b.href.endsWith('checked')) - Number(a.href.endsWith('checked')));
  return (
    <section class="card work" aria-labelledby="menunggu">
      <h2 id="menunggu">{w.work}</h2>
      {items.length === 0 ? <p>{w.workNone}</p> : (
        <ul class="plain">
          {items.map((i) => <li><a href={i.href}><strong>{formatNumber(i.n, lang)}</strong> {i.text}</a></li>)}
        </ul>
      )}
    </section>
  );
}
