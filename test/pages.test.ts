import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ population: true, citizen: true });
});
afterAll(() => t.close());

/** Every page the server renders for a role, found from the router itself. */
function pagePaths(village: string): string[] {
  const params: Record<string, string> = { code: village, lang: 'id', name: 'masuk', id: '1', type: 'sktm', book: 'pajak', sid: '1', oid: '1' };
  const paths = t.app.routes
    .filter((r) => r.method === 'GET' && !r.path.startsWith('/api/') && !r.path.startsWith('/static/') && !/\/(logo|foto|bukti|pindaian|berkas)($|\/:)/.test(r.path) && !r.path.startsWith('/bahasa'))
    .filter((r) => !/\.(xlsx|csv|pdf|json|xml|js|webmanifest)$/.test(r.path) && !/\/pdf$/.test(r.path) && !/:job\b/.test(r.path)) // files and one-off job pages
    .filter((r) => !r.path.startsWith('/v/')) // letter verification: public, tested with real codes
    .filter((r) => !r.path.includes('/musdesus/:meeting')) // a redirect to the programme of a musdesus
    .filter((r) => !r.path.startsWith('/pasar/pesanan/')) // a buyer's order: its phone's, tested in the market's own tests
    .filter((r) => r.path !== '/pasar/bayar-uji') // the test gateway's page for a buyer's order, tested in the market's own tests
    .filter((r) => !r.path.startsWith('/desa/:code/disposisi/surat/')) // a letter routed to the official, tested in the module's own tests
    .filter((r) => !r.path.includes('/survei/:id{[0-9]+}/isi/:subject')) // one subject's form, tested in the module's own tests
    .filter((r) => !r.path.startsWith('/desa/:code/dukcapil/impor/')) // a comparison of an uploaded file, tested in the module's own tests
    .filter((r) => !r.path.includes('/berita-acara/')) // a TPS's record (a PDF), tested in the module's own tests
    .map((r) => r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, p: string) => params[p] ?? p));
  return [...new Set(paths)];
}

const JS_BUDGET_BYTES = 50 * 1024;

/** Bytes of JavaScript a page makes the phone download, gzip-compressed as served. */
async function javascriptBytes(client: Client, html: string): Promise<number> {
  let total = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const src = /src="([^"]+)"/.exec(m[1]!)?.[1];
    const body = src ? Buffer.from(await (await client.get(src)).arrayBuffer()) : Buffer.from(m[2]!);
    total += gzipSync(body).length;
  }
  return total;
}

describe('pages', () => {
  // [account, its village, the pages its role may not open]: regional officers see counts, not people;
  // the head reads but does not type into the register.
  const personal = /^\/desa\/[^/]+\/(penduduk|penduduk-sementara|keluarga|rumah-tangga)(\/|$)/;
  // Citizen self-service pages are for citizens (NIK + PIN), not officers; the login form is for anyone.
  const citizenOnly = /^\/warga(?!\/masuk)(\/|$)/;
  const corrections = /\/perbaikan-data$/; // the letter desk handles citizens' correction requests
  const notifications = /\/notifikasi$/; // messages to the village's citizens: their addresses, masked, are still personal
  const officials = /\/perangkat$/; // the village keeps its own officials (names, NIP, who signs)
  // The letter desk is the village's; regional officers see only the letter figures.
  const letterDesk = /^\/desa\/[^/]+\/surat(?!\/angka)(\/|$)/;
  // The budget's and the plans' working pages are the village's; the levels above see the public page and the dashboard.
  const budget = /^\/desa\/[^/]+\/(apbdes|realisasi|perencanaan|musyawarah|proyek)(\/|$)/;
  // The yearly caps on every village's budget are the national administrator's alone.
  const caps = /^\/pengaturan\/apbdes$/;
  // Aid lists and welfare ranks are the village's officers' (the levels above see counts on the dashboards).
  const aid = /^\/desa\/[^/]+\/bansos(\/|$)/;
  // Complaints name who sent them, announcements reach the residents: the village's officers handle both, the treasurer neither.
  const complaints = /^\/desa\/[^/]+\/(pengaduan|pengumuman)(\/|$)/;
  // Institutions (members from the register) and the website's editor are the village office's; the levels above see counts.
  const community = /^\/desa\/[^/]+\/(kelembagaan|pelatihan|situs|potensi)(\/|$)/;
  // The link to a village's own copy: its officers (the clashes name residents) and who may activate the village (the keys; the district too).
  const sync = /^\/desa\/[^/]+\/sinkron(\/|$)/;
  // Farmers (NIK, land, allocation) are the village's and the agriculture offices'; the kiosk pages are the kiosk's; the regency's agriculture office registers kiosks.
  const farmers = /^\/desa\/[^/]+\/petani(\/|$)|^\/pantau\/[^/]+\/rdkk$/;
  const kioskOnly = /^\/kios(\/|$)|^\/pantau\/[^/]+\/kios$/;
  // The market's sellers and disputes are the village office's (the head verifies but does not run the BUMDes's shop).
  const market = /^\/desa\/[^/]+\/pasar(\/|$)/;
  const marketShop = /^\/desa\/[^/]+\/pasar\/toko(\/|$)/;
  // The BUMDes's payment counter is the office's (the head reads its daily settlement and receipts only).
  const agentCounter = /^\/desa\/[^/]+\/pasar\/layanan$/;
  // Accounts are managed by heads, secretaries and the officers above; the audit log is read by the same.
  const accounts = /^\/akun(\/tak-dipakai)?$/;
  // API tokens are made by those who manage accounts, and by the village operator for the village's own programs.
  const tokens = /^\/akun\/token$/;
  const audit = /^\/(desa|pantau)\/[^/]+\/audit$/;
  // Incoming letters and the agenda book are the village office's; every official works the letters routed to them.
  const mailDesk = /^\/desa\/[^/]+\/(surat-masuk|buku-agenda)(\/|$)/;
  const mailQueue = /^\/desa\/[^/]+\/disposisi(\/|$)/;
  // The register of regulations and its books are the village's officials'.
  const regulations = /^\/desa\/[^/]+\/peraturan(\/|$)/;
  // The village's questionnaires are its officials'; the results and the responses' export its builders' (the treasurer fills only).
  const surveys = /^\/desa\/[^/]+\/survei(\/|$)/;
  const surveyResults = /^\/desa\/[^/]+\/survei\/[^/]+\/hasil$/;
  // Attendance is the village's officials' own; its rules, corrections and recap the head's and the secretary's; the guest book the office's.
  const attendance = /^\/desa\/[^/]+\/(kehadiran|buku-tamu)(\/|$)/;
  const attendanceManage = /^\/desa\/[^/]+\/kehadiran\/(harian|rekap|pengaturan)$/;
  const guestBook = /^\/desa\/[^/]+\/buku-tamu$/;
  // The administration books name residents, letters and plans: the levels above read only the recapitulation's counts;
  // the treasurer reads the budget's and the plans' books, not the register's or the letters'.
  const books = /^\/desa\/[^/]+\/buku\/(?!rekapitulasi-penduduk$)/;
  const booksOfPeople = /^\/desa\/[^/]+\/buku\/(aparat|ekspedisi|mutasi-penduduk|penduduk-sementara|ktp-kk|kader-pemberdayaan)$/;
  // The village's goods and land (owners named) are its office's.
  const assets = /^\/desa\/[^/]+\/(aset|tanah)(\/|$)/;
  // Reports to the civil registry and the comparison with its list are kept by those who keep the register (operator, secretary).
  const civilRegistry = /^\/desa\/[^/]+\/dukcapil(\/|$)/;
  // The election is its committee's: the officials read it, the levels above see its public pages and the Pantau tab;
  // the TPS desk, the booth and the recount are the committee's and the KPPS's alone.
  const election = /^\/desa\/[^/]+\/pilkades(?!\/[^/]+\/(dps|hasil)$)(\/|$)/;
  const electionDesk = /^\/desa\/[^/]+\/pilkades\/[^/]+\/(tps\/|hitung-ulang)/;
  const roles = [
    ['provinsi', '18.09.10.2004', [personal, citizenOnly, corrections, letterDesk, notifications, officials, budget, caps, aid, complaints, community, farmers, kioskOnly, market, mailDesk, mailQueue, attendance, regulations, books, surveys, assets, civilRegistry, election]],
    ['telukpandan', '18.09.10.2004', [personal, citizenOnly, corrections, letterDesk, notifications, officials, budget, caps, aid, complaints, community, kioskOnly, market, mailDesk, mailQueue, attendance, regulations, books, surveys, assets, civilRegistry, election]],
    ['hanura', '18.09.10.2004', [accounts, audit, citizenOnly, caps, kioskOnly, attendanceManage, electionDesk]],
    // The treasurer keeps the money, not the register or the letter desk.
    ['bendahara.hanura', '18.09.10.2004', [personal, citizenOnly, corrections, letterDesk, notifications, officials, accounts, tokens, audit, caps, complaints, community, sync, farmers, kioskOnly, market, mailDesk, attendanceManage, guestBook, booksOfPeople, surveyResults, civilRegistry, electionDesk]],
    ['kades.hanura', '18.09.10.2004', [/\/penduduk\/baru/, /^\/desa\/[^/]+\/surat\/baru/, citizenOnly, corrections, caps, kioskOnly, marketShop, agentCounter, civilRegistry, electionDesk]], // the import page also offers the exports the head may make
  ] as const;

  for (const [username, village, refused] of roles) {
    it(`render for ${username} within the JavaScript budget and without inline script`, async () => {
      const client = await t.login(username);
      for (const path of pagePaths(village)) {
        const res = await client.get(path);
        if ((refused as readonly RegExp[]).some((r) => r.test(path))) {
          expect(res.status, path).toBe(403);
          continue;
        }
        expect(res.status, path).toBeLessThan(400);
        if (res.status !== 200) continue; // e.g. /masuk sends a logged-in user home
        const html = await res.text();
        expect(html, path).toMatch(/^<!doctype html><html lang="id">/);
        expect(html, path).toContain('name="viewport"');
        expect(await javascriptBytes(client, html), path).toBeLessThanOrEqual(JS_BUDGET_BYTES);
        expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // CSP forbids inline script anyway
        expect(html, path).not.toMatch(/\son[a-z]+="/i); // no inline event handlers
      }
    });
  }

  it('links every page to its guide, and the guides exist', async () => {
    const client = await t.login('provinsi');
    for (const path of ['/', '/wilayah/18.09.10', '/akun', '/desa/18.09.10.2004']) {
      const guide = /href="(\/panduan\/[a-z-]+)"/.exec(await (await client.get(path)).text())?.[1];
      expect(guide, path).toBeTruthy();
      const res = await client.get(guide!);
      expect(res.status, guide).toBe(200);
    }
  });
});

describe('the province officer, as a new user would', () => {
  it('browses Lampung down to a district, activates a village, creates its operator, who sees only that village', async () => {
    const province = await t.login('provinsi');
    const lampung = await (await province.get('/wilayah/18')).text();
    expect(lampung).toContain('href="/wilayah/18.09"');
    expect(lampung).toContain('Kabupaten Pesawaran');
    const pesawaran = await (await province.get('/wilayah/18.09')).text();
    expect(pesawaran).toContain('href="/wilayah/18.09.10"');
    const telukPandan = await (await province.get('/wilayah/18.09.10')).text();
    expect(telukPandan).toContain('action="/wilayah/18.09.10.2005/aktivasi"'); // Hurun, not active yet

    const activated = await province.form('/wilayah/18.09.10.2005/aktivasi', { activation_kind: 'initiative' });
    expect(activated.status).toBe(201);
    const after = await activated.text();
    expect(after).toContain('Desa Hurun berhasil diaktifkan.');
    expect(after).not.toContain('action="/wilayah/18.09.10.2005/aktivasi"');

    const created = await province.form('/akun', { username: 'operator.hurun', full_name: 'Operator Hurun', role: 'village_operator', region_code: '18.09.10.2005', password: 'hurun di teluk pandan' });
    expect(created.status).toBe(201);
    expect(await created.text()).toContain('Akun operator.hurun berhasil dibuat.');

    const login = await t.anonymous.request('/masuk', { method: 'POST', body: new URLSearchParams({ username: 'operator.hurun', password: 'hurun di teluk pandan' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const home = await t.app.request('/', { headers: { cookie } });
    expect(await home.text()).toContain('Beranda · Hurun');
    // Another village's office is closed to them; its address shows them that village's public site.
    const other = await t.app.request('/desa/18.09.10.2004/penduduk', { headers: { cookie } });
    expect(other.status).toBe(403);
    expect(await (await t.app.request('/desa/18.09.10.2004', { headers: { cookie } })).text()).toContain('<body class="site">');
    expect(await other.text()).toContain('Anda tidak berhak mengakses wilayah 18.09.10.2004.');
  });

  it('keeps what was typed and names the problem when a form is wrong', async () => {
    const province = await t.login('provinsi');
    const res = await province.form('/akun', { username: 'operator.baru', full_name: 'Operator Baru', role: 'village_operator', region_code: '18.09.10.2005', password: 'short' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Kata sandi minimal 10 karakter.');
    expect(html).toContain('value="operator.baru"');
    expect(await t.db.kysely.selectFrom('users').select('id').where('username', '=', 'operator.baru').executeTakeFirst()).toBeUndefined();
  });
});
