import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { DEMO_CITIZEN, HANURA } from '../../src/modules/demo/seed-demo.js';
import { decideAccess, declaredRoutes, type AccessActor } from '../../src/platform/access/route-access.js';
import { useE2E, type E2E } from '../support/e2e-server.js';
import { httpLogin } from '../support/server-process.js';
import { PHONE_WIDTH, TAP_MIN, measurePhonePage } from '../support/phone-check.js';
import { SAMPLE_PARAMS } from '../support/route-params.js';

/**
 * Every page on a 360-px phone, as every role: nothing wider than the screen, and every
 * tap target at least 24×24 px (WCAG 2.2, 2.5.8), links inside running text excepted.
 * The pages come from the router itself, so a new page is swept without touching this file.
 */

interface Role {
  name: string;
  actor: AccessActor | null;
  /** The region whose dashboards and region pages this role opens. */
  region: string;
  login?: (base: string) => Promise<string>;
}

const officer = (username: string) => async (base: string) => (await httpLogin(base, username)).cookie;
async function citizen(base: string): Promise<string> {
  const res = await fetch(`${base}/warga/masuk`, { method: 'POST', body: new URLSearchParams({ nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }), redirect: 'manual' });
  if (res.status !== 303) throw new Error(`citizen login: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const ROLES: Role[] = [
  { name: 'anonymous', actor: null, region: '18.09' },
  { name: 'citizen', actor: { kind: 'citizen', role: 'citizen', regionCode: HANURA }, region: HANURA, login: citizen },
  { name: 'operator', actor: { kind: 'user', role: 'village_operator', regionCode: HANURA }, region: HANURA, login: officer('hanura') },
  { name: 'secretary', actor: { kind: 'user', role: 'village_secretary', regionCode: HANURA }, region: HANURA, login: officer('sekdes.hanura') },
  { name: 'village head', actor: { kind: 'user', role: 'village_head', regionCode: HANURA }, region: HANURA, login: officer('kades.hanura') },
  { name: 'treasurer', actor: { kind: 'user', role: 'village_treasurer', regionCode: HANURA }, region: HANURA, login: officer('bendahara.hanura') },
  { name: 'district', actor: { kind: 'user', role: 'district_officer', regionCode: '18.09.10' }, region: '18.09.10', login: officer('telukpandan') },
  { name: 'province', actor: { kind: 'user', role: 'province_admin', regionCode: '18' }, region: '18', login: officer('provinsi') },
  { name: 'kiosk', actor: { kind: 'user', role: 'fertiliser_kiosk', regionCode: '18.09.10' }, region: '18.09.10', login: officer('kios.hanura') },
];

/** Region-level pages open on the role's own region; village pages on Hanura. */
const REGION_PAGES = /^\/(pantau|wilayah|publik\/wilayah)\//;
/** GET routes that are actions, not pages: opening them would end the role's session. */
const NOT_PAGES = new Set(['/anjungan/:code/selesai', '/desa/:code/bansos/musdesus/:meeting{[0-9]+}']);
/** Routes that name a file (a workbook, a PDF, a photo): not fetched at all, to keep the sweep fast. Any other non-page is skipped by its content type. */
const FILE = /\.[a-z]+$|\/(pdf|foto|logo|bukti)$|\/cetak\/|\/foto\/:/;
const QUERY: Record<string, string> = { '/warga/surat/baru': '?jenis=sktm' };

let e2e: E2E;
useE2E((started) => (e2e = started));

// The app is built only to read its route table; it is never asked anything, so it needs no database.
const pageRoutes = declaredRoutes(createApp({ db: undefined as never, secureCookies: false }))
  .filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !r.path.startsWith('/static/') && !NOT_PAGES.has(r.path) && !FILE.test(r.path));

const ids = {
  resident: '', family: '', letter: '', verify: '', budget: '', plan: '', meeting: '', project: '', household: '', programme: '', complaint: '', institution: '', training: '', post: '',
  farmer: '', poktan: '', rdkk: '', card: '', receipt: '', product: '', seller: '', order: '', orderCode: '', agentTx: '', listing: '', incoming: '', regulation: '', survey: '', assetItem: '', landParcel: '', holding: '', temporaryResident: '', civilImport: '',
};

beforeAll(async () => {
  // The demo's rows: Budi Santoso, his family, his letter that is ready and its QR code.
  const op = await httpLogin(e2e.base, 'hanura');
  const letters = (await (await op.get(`/api/v1/villages/${HANURA}/letters`)).json()).data as { id: number; status: string; resident_id: number }[];
  const ready = letters.find((l) => l.status === 'ready')!;
  const letter = (await (await op.get(`/api/v1/villages/${HANURA}/letters/${ready.id}`)).json()).data.letter;
  const resident = (await (await op.get(`/api/v1/villages/${HANURA}/residents/${ready.resident_id}`)).json()).data.resident;
  Object.assign(ids, { resident: String(resident.id), family: String(resident.family_id), letter: String(ready.id), verify: letter.verify_code });
  // The demo's adopted APBDes, linked from the budget list.
  ids.budget = /\/apbdes\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/apbdes`)).text())![1]!;
  // The demo's adopted RKPDes (the first plan listed), with its activities.
  ids.plan = /\/perencanaan\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/perencanaan`)).text())![1]!;
  // The demo's open Musrenbangdes.
  ids.meeting = /\/musyawarah\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/musyawarah`)).text())![1]!;
  // The demo's road project.
  ids.project = /\/proyek\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/proyek`)).text())![1]!;
  // The demo family's household (two cards in some others), with its housing survey.
  ids.household = /\/rumah-tangga\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/rumah-tangga`)).text())![1]!;
  // The demo's BLT programme for next year, with its candidate list.
  ids.programme = /\/bansos\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/bansos`)).text())![1]!;
  // The demo citizen's complaints (one answered).
  ids.complaint = /\/pengaduan\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/pengaduan`)).text())![1]!;
  // The demo's BPD (the first institution listed, with its members and a decision) and its digital cadre training.
  const institutions = await (await op.get(`/desa/${HANURA}/kelembagaan`)).text();
  ids.institution = /\/kelembagaan\/(\d+)"/.exec(institutions)![1]!;
  ids.training = /\/pelatihan\/(\d+)"/.exec(institutions)![1]!;
  // The demo's latest post on the village website (the same id in the editor).
  ids.post = /\/berita\/(\d+)"/.exec(await (await fetch(`${e2e.base}/desa/${HANURA}/berita`)).text())![1]!;
  // The demo's farmers: the first listed, his card, the first Poktan with its approved RDKK, the kiosk's receipt.
  ids.farmer = /\/petani\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/petani`)).text())![1]!;
  ids.card = /([A-Z2-9]{5})-([A-Z2-9]{5})/.exec(await (await op.get(`/desa/${HANURA}/petani/${ids.farmer}`)).text())!.slice(1).join('');
  const groups = await (await op.get(`/desa/${HANURA}/petani/poktan`)).text();
  ids.poktan = [...groups.matchAll(/\/petani\/poktan\/(\d+)"/g)].map((m) => m[1]!).sort()[1]!;
  ids.rdkk = /\/petani\/rdkk\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/petani/poktan/${ids.poktan}`)).text())![1]!;
  ids.receipt = /\/kios\/struk\/[^/]+\/(\d+)"/.exec(await (await (await httpLogin(e2e.base, 'kios.hanura')).get('/kios/laporan')).text())![1]!;
  // The demo's market: the BUMDes (its shop and its order) and its first product.
  const market = await (await op.get(`/desa/${HANURA}/pasar`)).text();
  ids.seller = /\/pasar\/toko\/(\d+)"/.exec(market)![1]!;
  const shop = await (await op.get(`/desa/${HANURA}/pasar/toko/${ids.seller}`)).text();
  ids.product = /\/pasar\/[0-9.]+\/produk\/(\d+)"/.exec(shop)![1]!;
  [, ids.order, ids.orderCode] = /\/pesanan\/(\d+)">([A-Z2-9]{8})</.exec(shop)!;
  // The BUMDes's payment counter: the first of today's transactions listed (a receipt).
  ids.agentTx = /\/pasar\/layanan\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/pasar/layanan`)).text())![1]!;
  // The demo's first listing on the village website (the same id in the office).
  ids.listing = /\/wisata\/(\d+)"/.exec(await (await fetch(`${e2e.base}/desa/${HANURA}/wisata`)).text())![1]!;
  // The demo's incoming letter routed to the secretary (the first listed is the newest; any will do).
  ids.incoming = /\/surat-masuk\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/surat-masuk`)).text())![1]!;
  // The demo's regulations: the newest listed.
  ids.regulation = /\/peraturan\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/peraturan?tahun=`)).text())![1]!;
  // The demo's housing questionnaire (open, partly filled).
  ids.survey = /\/survei\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/survei`)).text())![1]!;
  // The demo's goods and land: the newest item listed, the first parcel and holding.
  ids.assetItem = /\/aset\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/aset`)).text())![1]!;
  const land = await (await op.get(`/desa/${HANURA}/tanah`)).text();
  ids.landParcel = /\/tanah\/kas-desa\/(\d+)"/.exec(land)![1]!;
  ids.holding = /\/tanah\/di-desa\/(\d+)"/.exec(land)![1]!;
  // The demo's newcomers: the newest still staying.
  ids.temporaryResident = /\/penduduk-sementara\/(\d+)"/.exec(await (await op.get(`/desa/${HANURA}/penduduk-sementara`)).text())![1]!;
  // A comparison with the civil registry's list: the demo citizen's birth place and KK differ, one person is only there (cards of differences).
  const list = new FormData();
  list.set('file', new Blob([`NIK;NO_KK;NAMA_LGKP;TMPT_LHR\n${DEMO_CITIZEN.nik};1809100101100001;BUDI SANTOSO;PALEMBANG\n1809105708240999;1809100101100001;ORANG DARI DUKCAPIL;PESAWARAN\n`]), 'dukcapil.csv');
  const compared = await op.form(`/desa/${HANURA}/dukcapil/impor`, list);
  if (compared.status !== 303) throw new Error(`civil registry comparison: ${compared.status}`);
  ids.civilImport = compared.headers.get('location')!.split('/').pop()!;
  // An API token of Hanura, so that /akun/token lists one (a card on the phone) for the village and the officers above.
  const token = await op.form('/akun/token', { token_name: 'Aplikasi posyandu Hanura', region_code: HANURA, permissions: 'village.profile.read', expires_on: new Date(Date.now() + 7 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10) });
  if (token.status !== 201) throw new Error(`API token: ${token.status}`);
});

function fillPath(path: string, role: Role): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string, __: string, offset: number) => (params[name] = value(name, path.slice(0, offset))));
  return { url, params };

  function value(name: string, before: string): string {
    switch (name) {
      case 'code':
        return REGION_PAGES.test(path) ? role.region : HANURA;
      case 'id':
        if (before.endsWith('/penduduk/')) return ids.resident;
        if (before.endsWith('/keluarga/')) return ids.family;
        if (before.endsWith('/apbdes/')) return ids.budget;
        if (before.endsWith('/perencanaan/')) return ids.plan;
        if (before.endsWith('/musyawarah/')) return ids.meeting;
        if (before.endsWith('/proyek/')) return ids.project;
        if (before.endsWith('/rumah-tangga/')) return ids.household;
        if (before.endsWith('/bansos/')) return ids.programme;
        if (before.endsWith('/pengaduan/')) return ids.complaint;
        if (before.endsWith('/kelembagaan/')) return ids.institution;
        if (before.endsWith('/pelatihan/')) return ids.training;
        if (before.endsWith('/berita/') || before.endsWith('/situs/tulisan/')) return ids.post;
        if (before.endsWith('/petani/poktan/')) return ids.poktan;
        if (before.endsWith('/petani/rdkk/')) return ids.rdkk;
        if (before.endsWith('/petani/')) return ids.farmer;
        if (/\/struk\/([^/]+\/)?$/.test(before)) return ids.receipt;
        if (/^\/pasar\/[^/]+\/produk\/$/.test(before)) return ids.product;
        if (/^\/pasar\/[^/]+\/penjual\/$/.test(before)) return ids.seller;
        if (before.endsWith('/pasar/layanan/')) return ids.agentTx;
        if (before.endsWith('/wisata/') || before.endsWith('/potensi/')) return ids.listing;
        if (before.endsWith('/surat-masuk/') || before.endsWith('/disposisi/surat/')) return ids.incoming;
        if (before.endsWith('/peraturan/')) return ids.regulation;
        if (before.endsWith('/survei/')) return ids.survey;
        if (before.endsWith('/aset/')) return ids.assetItem;
        if (before.endsWith('/tanah/kas-desa/')) return ids.landParcel;
        if (before.endsWith('/tanah/di-desa/')) return ids.holding;
        if (before.endsWith('/penduduk-sementara/')) return ids.temporaryResident;
        if (before.endsWith('/dukcapil/impor/')) return ids.civilImport;
        return ids.letter;
      case 'subject':
        return ids.household;
      case 'verify':
        return ids.verify;
      case 'card':
        return ids.card;
      case 'sid':
        return ids.seller;
      case 'oid':
        return ids.order;
      case 'order':
        return ids.orderCode;
      case 'village':
        return HANURA;
      default:
        if (SAMPLE_PARAMS[name]) return SAMPLE_PARAMS[name];
        throw new Error(`phone sweep: no value for :${name} in ${path} — add one to fillPath or SAMPLE_PARAMS`);
    }
  }
}

async function contextFor(role: Role): Promise<BrowserContext> {
  const context = await e2e.browser.newContext({ viewport: { width: PHONE_WIDTH, height: 780 }, acceptDownloads: false });
  if (role.login) {
    const [name, value] = (await role.login(e2e.base)).split('=') as [string, string];
    await context.addCookies([{ name, value, url: e2e.base }]);
  }
  return context;
}

// The roles run side by side, each in its own browser context: the server and the browser overlap their work.
// An officer's sweep visits well over a hundred pages (about 190 s here beside another browser test): the timeout leaves room.
// Layout does not depend on the database: swept on the embedded one, left out of the PostgreSQL run for the CI's time.
(process.env.TEST_DATABASE_URL ? describe.skip : describe.concurrent)('every page on a 360-px phone', () => {
  it.for(ROLES)('fits the screen and has tap targets of 24 px or more, as $name', { timeout: 420_000 }, async (role, { expect }) => {
    const context = await contextFor(role);
    const page = await context.newPage();
    const seen = new Set<string>();
    const problems: string[] = [];
    // The pages this role may open (a refusal is one error page, swept once as the 404 below).
    const urls = pageRoutes.flatMap((route) => {
      const { url, params } = fillPath(route.path, role);
      return decideAccess(route.access!.rule, role.actor, params).allowed ? [url + (QUERY[route.path] ?? '')] : [];
    });
    for (const url of [...urls, '/tidak-ada']) {
      const res = await page.goto(e2e.base + url).catch((err: Error) => (/download/i.test(err.message) ? null : Promise.reject(err)));
      if (!res || !(res.headers()['content-type'] ?? '').startsWith('text/html')) continue; // a file, not a page
      const landed = new URL(page.url()).pathname;
      if (seen.has(landed)) continue; // a redirect to a page already swept (the login page, the kiosk's start)
      seen.add(landed);
      const found = await page.evaluate(measurePhonePage, TAP_MIN);
      if (found.width > PHONE_WIDTH) problems.push(`${url}: ${found.width} px wide (${found.widest})`);
      for (const t of found.small) problems.push(`${url}: tap target ${t}`);
    }
    await context.close();
    expect(seen.size).toBeGreaterThan(role.login ? 10 : 5);
    expect(problems, `${role.name}:\n${problems.join('\n')}`).toEqual([]);
  });
});
