import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CITIZEN, HANURA } from '../src/modules/demo/seed-demo.js';
import { ListInput as LetterListQuery } from '../src/modules/letters/requests.service.js';
import { ListQuery as ResidentListQuery } from '../src/modules/population/population.schema.js';
import { decideAccess, declaredRoutes, type AccessActor, type DeclaredRoute } from '../src/platform/access/route-access.js';
import { FIELD_LABELS, fieldLabel } from '../src/platform/i18n/field-labels.js';
import { Client, createTestApp, type TestApp } from './support/test-app.js';

/**
 * What the router does with input nobody should send: ids out of range, junk in every
 * declared query parameter. Each route is called as an actor its rule allows, so the
 * request reaches the handler. Nothing may end in a 500; an id that cannot exist is a 404;
 * a refused value names its field by its label, never by the identifier in the code.
 */

let t: TestApp;
let actors: { actor: AccessActor | null; client: Client }[];
let resident = 0;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  const province = await t.login('provinsi');
  const operator = await t.login('hanura');
  const secretary = await t.login('sekdes.hanura');
  const head = await t.login('kades.hanura');
  const citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  const kiosk = await t.login('kios.hanura');
  const [districtOfficer, agriculture, committee] = await Promise.all([t.login('telukpandan'), t.login('distan.pesawaran'), t.login('panitia.hanura')]);
  actors = [
    { actor: { kind: 'user', role: 'village_operator', regionCode: HANURA }, client: operator },
    { actor: { kind: 'user', role: 'village_secretary', regionCode: HANURA }, client: secretary },
    { actor: { kind: 'user', role: 'province_admin', regionCode: '18' }, client: province },
    { actor: { kind: 'citizen', role: 'citizen', regionCode: HANURA }, client: citizen },
    { actor: null, client: t.anonymous },
    { actor: { kind: 'user', role: 'village_head', regionCode: HANURA }, client: head },
    { actor: { kind: 'user', role: 'fertiliser_kiosk', regionCode: '18.09.10' }, client: kiosk },
    { actor: { kind: 'user', role: 'district_officer', regionCode: '18.09.10' }, client: districtOfficer },
    { actor: { kind: 'user', role: 'agriculture_officer', regionCode: '18.09' }, client: agriculture },
    { actor: { kind: 'user', role: 'election_committee', regionCode: HANURA }, client: committee },
  ];
  resident = (await t.db.kysely.selectFrom('residents').select('id').where('village_code', '=', HANURA).executeTakeFirstOrThrow()).id;
});
afterAll(() => t?.close());

const routes = () => declaredRoutes(t.app).filter((r) => r.access);

/** The first actor the route's rule lets in, so that the request reaches the handler. */
function allowedClient(route: DeclaredRoute, params: Record<string, string>) {
  return actors.find((a) => decideAccess(route.access!.rule, a.actor, params).allowed)?.client;
}

/** Path parameters other than the one under test get a value that exists. */
function fill(path: string, values: Record<string, string>) {
  const params: Record<string, string> = {};
  const url = path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name: string) => (params[name] = values[name] ?? FIXED[name] ?? 'x'));
  return { url, params };
}
const FIXED: Record<string, string> = { code: HANURA, village: HANURA, card: 'ZZZZZZZZZZ', type: 'sktm', kind: 'kematian', action: 'periksa', name: 'masuk', lang: 'id', verify: 'x', verify_code: 'x', job: '00000000-0000-4000-8000-000000000000' };

function send(client: Client, method: string, url: string) {
  if (method === 'GET') return client.get(url, { accept: 'application/json' });
  if (url.startsWith('/api/')) return client.json(method, url, {});
  return client.form(url, {});
}

describe('numeric ids in the path', () => {
  const JUNK_IDS = ['99999999999999999999', '9223372036854775808', '9007199254740993', '-1', '0', 'abc', '1.5', '1e3', '0x10'];

  it('an id that cannot exist answers 404 on every route with an id, never 500', async () => {
    const withId = routes().filter((r) => /:id\b/.test(r.path));
    expect(withId.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of withId) {
      for (const id of JUNK_IDS) {
        const { url, params } = fill(route.path, { id });
        const client = allowedClient(route, params);
        if (!client) throw new Error(`no test actor may call ${route.method} ${route.path}`);
        const res = await send(client, route.method, url);
        await res.arrayBuffer();
        if (res.status !== 404) failures.push(`${route.method} ${url}: ${res.status}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 180_000);

  it('a real id still works beside them', async () => {
    const res = await actors[0]!.client.get(`/desa/${HANURA}/penduduk/${resident}`);
    expect(res.status).toBe(200);
  });
});

describe('a 500 page', () => {
  it('shows a reference that the server log line carries', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    // A dropped table is a server fault the user cannot cause by typing.
    await t.db.kysely.schema.alterTable('letter_types').renameTo('letter_types_away').execute();
    try {
      const page = await actors[0]!.client.get(`/desa/${HANURA}/surat/jenis`);
      expect(page.status).toBe(500);
      const html = await page.text();
      const ref = /data-ref="([A-Za-z0-9]{6,12})"/.exec(html)?.[1];
      expect(ref, html).toBeTruthy();
      expect(html).toContain(ref!);
      const api = await actors[0]!.client.get(`/api/v1/villages/${HANURA}/letter-types`);
      expect(api.status).toBe(500);
      const body = await api.json();
      expect(body.error.reference).toMatch(/^[A-Za-z0-9]{6,12}$/);
      const lines = errors.mock.calls.map((call) => call.join(' '));
      expect(lines.some((l) => l.includes(ref!))).toBe(true);
      expect(lines.some((l) => l.includes(body.error.reference))).toBe(true);
      expect(ref).not.toBe(body.error.reference);
    } finally {
      await t.db.kysely.schema.alterTable('letter_types_away').renameTo('letter_types').execute();
      errors.mockRestore();
    }
  });
});

/**
 * The query parameters each page reads (the API's are declared in its OpenAPI schemas). A
 * page that reads a new one must be listed here: the last test below scans the source for them.
 */
const residentQuery = Object.keys(ResidentListQuery.shape);
const letterQuery = Object.keys(LetterListQuery.shape);
const PAGE_QUERIES: Record<string, string[]> = {
  '/masuk': ['next'],
  '/v': ['kode'],
  '/bahasa/:lang': ['next'],
  '/wilayah': ['q'],
  '/pantau/:code/layanan': ['dari', 'sampai'],
  '/pantau/:code/layanan.xlsx': ['dari', 'sampai'],
  '/pantau/:code/idm': ['model', 'tahun', 'tersimpan'],
  '/pantau/:code/idm.xlsx': ['model', 'tahun'],
  '/pantau/:code/idm/templat.xlsx': ['model'],
  '/desa/:code/surat': letterQuery,
  '/desa/:code/surat/arsip.xlsx': letterQuery,
  '/desa/:code/surat/baru': ['jenis', 'penduduk'],
  '/desa/:code/surat/:id{[0-9]+}': ['ok'],
  '/desa/:code/surat/jenis/:type{[a-z][a-z0-9_]+}': ['ok'],
  '/desa/:code/surat/pengaturan': ['ok'],
  '/desa/:code/surat/angka': ['from', 'to'],
  '/warga/surat/baru': ['jenis'],
  '/warga/surat/:id{[0-9]+}': ['terkirim'],
  '/desa/:code/penduduk': residentQuery,
  '/desa/:code/penduduk/baru': ['jenis'],
  '/desa/:code/penduduk/:id{[0-9]+}': ['keperluan', 'disimpan'],
  '/desa/:code/keluarga': ['q'],
  '/desa/:code/laporan-bulanan': ['tahun', 'bulan'],
  '/desa/:code/statistik': ['wilayah', 'tanggal'],
  '/desa/:code/statistik.xlsx': ['wilayah', 'tanggal'],
  '/desa/:code/penduduk/ekspor.xlsx': ['status'],
  '/desa/:code/penduduk/ekspor.csv': ['status'],
  '/desa/:code/penduduk/buku-induk.xlsx': ['status', 'kertas'],
  '/desa/:code/penduduk/buku-induk.pdf': ['status', 'kertas'],
  '/warga/perbaikan': ['terkirim'],
  '/desa/:code/perbaikan-data': ['status', 'ditutup'],
  '/desa/:code/apbdes': ['ok'],
  '/desa/:code/apbdes/:id{[0-9]+}': ['ok', 'mulai'],
  '/publik/desa/:code/apbdes': ['tahun'],
  '/publik/desa/:code/apbdes/poster.pdf': ['tahun', 'ukuran'],
  '/desa/:code/perencanaan': ['ok'],
  '/desa/:code/perencanaan/:id{[0-9]+}': ['ok', 'mulai', 'usulan'],
  '/desa/:code/musyawarah': ['tahun', 'ok'],
  '/desa/:code/musyawarah/:id{[0-9]+}': ['ok'],
  '/warga/usulan': ['terkirim'],
  '/desa/:code/realisasi': ['tahun', 'periode', 'ok'],
  '/desa/:code/realisasi/:book{bku|bank|tunai|pajak}': ['tahun', 'bulan', 'ok'],
  '/desa/:code/realisasi.xlsx': ['tahun', 'periode'],
  '/desa/:code/realisasi/siskeudes': ['tahun', 'ok'],
  '/desa/:code/rumah-tangga': ['page', 'kondisi'],
  '/desa/:code/rumah-tangga/:id{[0-9]+}': ['ok'],
  '/desa/:code/bansos/:id{[0-9]+}': ['ok', 'page'],
  '/desa/:code/bansos/dtsen': ['ok'],
  '/desa/:code/pengaduan': ['status', 'page'],
  '/desa/:code/pengaduan/:id{[0-9]+}': ['ok'],
  '/publik/desa/:code/pengaduan': ['page'],
  '/publik/desa/:code/pengaduan/lacak': ['tracking'],
  '/warga/pengaduan/:id{[0-9]+}': ['terkirim'],
  '/desa/:code/pengumuman': ['ok'],
  '/warga/pengumuman': ['ok'],
  '/desa/:code/berita': ['halaman'],
  '/desa/:code/foto/:id{[0-9]+}': ['kecil'],
  '/desa/:code/realisasi/siskeudes.xlsx': ['kind', 'tahun'],
  '/desa/:code/realisasi.pdf': ['tahun', 'periode', 'kertas'],
  '/pantau/:code/apbdes': ['tahun'],
  '/desa/:code/petani': ['q', 'page'],
  '/desa/:code/petani/panen': ['page'],
  '/publik/panen/:code': ['komoditas', 'page'],
  '/pantau/:code/petani': ['tahun'],
  '/pantau/:code/petani.xlsx': ['tahun'],
  '/kios/kartu': ['nomor_kartu'],
  '/kios/laporan': ['tanggal'],
  '/kios/laporan.xlsx': ['tanggal'],
  '/pasar': ['q', 'kategori', 'wilayah', 'page'],
  '/pasar/:code/produk/:id{[0-9]+}/pesan': ['jumlah'],
  '/pasar/pesanan/:code/:order{[A-Z2-9]+}': ['dipesan'],
  '/pasar/keranjang': ['ditambah'],
  '/desa/:code/surat-masuk': ['tahun', 'q', 'status', 'page', 'ok'],
  '/desa/:code/surat-masuk/:id{[0-9]+}': ['ok'],
  '/desa/:code/disposisi': ['ok'],
  '/desa/:code/buku-agenda': ['tahun', 'bulan', 'page'],
  '/desa/:code/buku-agenda.xlsx': ['tahun', 'bulan'],
  '/desa/:code/buku-agenda.pdf': ['tahun', 'bulan', 'kertas'],
  '/desa/:code/aset': ['jenis', 'kondisi', 'tahun', 'keadaan', 'page', 'ok'],
  '/desa/:code/aset/:id{[0-9]+}': ['ok'],
  '/desa/:code/aset/buku': ['tahun', 'page'],
  '/desa/:code/aset/buku.xlsx': ['tahun'],
  '/desa/:code/aset/buku.pdf': ['tahun', 'kertas'],
  '/desa/:code/tanah': ['page', 'ok'],
  '/desa/:code/tanah/buku-tanah-di-desa': ['page'],
  '/desa/:code/tanah/kas-desa/:id{[0-9]+}': ['ok'],
  '/desa/:code/tanah/di-desa/:id{[0-9]+}': ['ok'],
  '/desa/:code/tanah/buku-kas-desa': ['tahun'],
  '/desa/:code/tanah/buku-kas-desa.xlsx': ['tahun'],
  '/desa/:code/tanah/buku-kas-desa.pdf': ['tahun', 'kertas'],
  '/desa/:code/tanah/buku-tanah-di-desa.pdf': ['kertas'],
  '/desa/:code/peraturan': ['tahun', 'kind', 'q', 'page', 'ok'],
  '/desa/:code/peraturan/:id{[0-9]+}': ['ok'],
  '/desa/:code/dukcapil': ['page', 'dibuat'],
  '/desa/:code/dukcapil/impor/:id{[0-9]+}': ['jenis', 'page', 'diterapkan'],
  '/desa/:code/peraturan/buku-peraturan': ['tahun', 'page'],
  '/desa/:code/peraturan/buku-peraturan.xlsx': ['tahun'],
  '/desa/:code/peraturan/buku-peraturan.pdf': ['tahun', 'kertas'],
  '/desa/:code/peraturan/buku-keputusan': ['tahun', 'page'],
  '/desa/:code/peraturan/buku-keputusan.xlsx': ['tahun'],
  '/desa/:code/peraturan/buku-keputusan.pdf': ['tahun', 'kertas'],
  '/desa/:code/peraturan/lembaran-desa': ['tahun', 'page'],
  '/desa/:code/peraturan/lembaran-desa.xlsx': ['tahun'],
  '/desa/:code/peraturan/lembaran-desa.pdf': ['tahun', 'kertas'],
  '/desa/:code/buku/mutasi-penduduk': ['tahun', 'bulan', 'page'],
  '/desa/:code/buku/mutasi-penduduk.xlsx': ['tahun', 'bulan'],
  '/desa/:code/buku/rekapitulasi-penduduk': ['tahun', 'bulan', 'page'],
  '/desa/:code/buku/ktp-kk.pdf': ['kertas'],
  '/desa/:code/buku/penduduk-sementara': ['tahun', 'bulan', 'page'],
  '/desa/:code/buku/penduduk-sementara.xlsx': ['tahun', 'bulan'],
  '/desa/:code/buku/penduduk-sementara.pdf': ['tahun', 'bulan', 'kertas'],
  '/desa/:code/penduduk-sementara': ['status', 'dusun', 'tahun', 'page', 'ok'],
  '/desa/:code/pilkades': ['ok'],
  '/desa/:code/pilkades/:id{[0-9]+}': ['ok', 'dps'],
  '/desa/:code/pilkades/:id{[0-9]+}/dps': ['tps'],
  '/desa/:code/pilkades/:id{[0-9]+}/pemilih': ['ok', 'tps'],
  '/desa/:code/pilkades/:id{[0-9]+}/tps': ['ok', 'n', 'suara'],
  '/desa/:code/pilkades/:id{[0-9]+}/hitung-ulang': ['ok'],
  '/desa/:code/penduduk-sementara/:id{[0-9]+}': ['ok'],
  '/pantau/:code/surat-masuk': ['tahun'],
  '/pantau/:code/surat-masuk.xlsx': ['tahun'],
  '/pasar/pesanan-saya': ['dipesan'],
  '/pantau/:code/pasar': ['tahun'],
  '/pantau/:code/pasar.xlsx': ['tahun'],
  '/desa/:code/pasar/layanan': ['ok'],
  '/desa/:code/pasar/layanan/:id{[0-9]+}': ['ok'],
  '/desa/:code/pasar/layanan/rekap': ['tanggal', 'ok'],
  '/desa/:code/pasar/layanan/rekap.xlsx': ['tanggal'],
  '/wisata': ['wilayah', 'jenis', 'q', 'page'],
  '/pasar/bayar-uji': ['kunci'],
  '/desa/:code/potensi': ['ok'],
  '/desa/:code/potensi/:id{[0-9]+}': ['ok'],
  '/desa/:code/kehadiran': ['ok'],
  '/desa/:code/kehadiran/harian': ['tanggal', 'ok'],
  '/desa/:code/kehadiran/rekap': ['bulan'],
  '/desa/:code/kehadiran/rekap.xlsx': ['bulan'],
  '/desa/:code/kehadiran/pengaturan': ['ok'],
  '/desa/:code/buku-tamu': ['q', 'dari', 'sampai', 'page', 'ok'],
  '/desa/:code/buku-tamu.xlsx': ['q', 'dari', 'sampai'],
  '/pantau/:code/kehadiran': ['bulan'],
  '/pantau/:code/kehadiran.xlsx': ['bulan'],
  '/desa/:code/audit': ['dari', 'sampai', 'pelaku', 'peran', 'aksi', 'page'],
  '/desa/:code/audit.xlsx': ['dari', 'sampai', 'pelaku', 'peran', 'aksi'],
  '/pantau/:code/audit': ['dari', 'sampai', 'peran', 'aksi', 'page'],
  '/pantau/:code/audit.xlsx': ['dari', 'sampai', 'peran', 'aksi'],
  '/desa/:code/survei': ['ok'],
  '/desa/:code/survei/:id{[0-9]+}': ['ok'],
  '/desa/:code/survei/:id{[0-9]+}/isi': ['q', 'wilayah', 'status', 'page', 'ok'],
  '/desa/:code/survei/:id{[0-9]+}/isi/:subject{[0-9]+}': ['ok'],
  '/desa/:code/survei/:id{[0-9]+}/hasil': ['per'],
  '/desa/:code/survei/:id{[0-9]+}/hasil.xlsx': ['per'],
  '/desa/:code/profil-desa': ['tahun', 'ok'],
  '/desa/:code/profil-desa.xlsx': ['tahun'],
  '/pantau/:code/profil-desa': ['tahun'],
};
/** Query parameters of POST routes (only read by the page behind a form post). */
const POST_QUERIES = ['semua', 'jenis', 'model', 'tahun'];
/** Flags a page sets on its own redirect to show a notice ("saved"): never validated, so no label. */
const FLAGS = new Set(['ok', 'disimpan', 'tersimpan', 'terkirim', 'ditutup', 'mulai', 'dipesan', 'ditambah', 'dibuat', 'diterapkan']);

async function apiQueries(): Promise<Record<string, string[]>> {
  const doc = (await (await t.anonymous.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
  const out: Record<string, string[]> = {};
  for (const [path, ops] of Object.entries(doc.paths)) {
    const names = (ops.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    if (names.length) out[path.replace(/\{(\w+)\}/g, ':$1')] = names;
  }
  return out;
}

/** The text of the error the user reads: the JSON message, or the page's alert. */
async function errorText(res: Response): Promise<string> {
  const body = await res.text();
  if ((res.headers.get('content-type') ?? '').includes('json')) return (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? '';
  return [...body.matchAll(/role="alert"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
}

/** The raw name as a word of its own ("page", "per_page"), where the label is something else. */
const showsIdentifier = (message: string, name: string) => new RegExp(`(^|[^A-Za-z0-9_])${name}($|[^A-Za-z0-9_])`).test(message);

describe('query parameters', () => {
  const JUNK = ['99999999999999999999', '-1', '0', 'x', '2024-02-31', '9999-99-99', '1e400', ' '];

  it('junk in each declared query parameter of every route never ends in a 500, and a refusal names the field by its label', async () => {
    const declared = { ...(await apiQueries()), ...PAGE_QUERIES };
    const byPath = new Map(routes().filter((r) => r.method === 'GET').map((r) => [r.path, r]));
    const failures: string[] = [];
    let refused = 0;
    for (const [path, names] of Object.entries(declared)) {
      const route = byPath.get(path);
      if (!route) throw new Error(`no GET route ${path}: update PAGE_QUERIES`);
      const { url, params } = fill(path, { id: String(resident) });
      const client = allowedClient(route, params);
      if (!client) throw new Error(`no test actor may call ${path}`);
      for (const name of names) {
        for (const junk of JUNK) {
          const res = await client.get(`${url}?${new URLSearchParams({ [name]: junk })}`, { accept: 'application/json' });
          if (res.status >= 500) failures.push(`${path}?${name}=${junk}: ${res.status}`);
          if (res.status === 400) {
            refused++;
            const message = await errorText(res);
            if (fieldLabel('id', name).toLowerCase() !== name.toLowerCase() && showsIdentifier(message, name)) failures.push(`${path}?${name}=${junk}: "${message}" shows the name in the code`);
          } else await res.arrayBuffer();
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(refused).toBeGreaterThan(20);
  }, 180_000);

  it('the services dashboard refuses an impossible date with 400, naming the field', async () => {
    const province = actors[2]!.client;
    const page = await province.get('/pantau/18/layanan?dari=2024-02-31', { accept: 'application/json' });
    expect(page.status).toBe(400);
    expect((await page.json()).error).toMatchObject({ field: 'dari', message: expect.stringContaining('Dari tanggal') });
    const api = await province.get('/api/v1/monitoring/regions/18/services?from=2024-13-01');
    expect(api.status).toBe(400);
    expect((await api.json()).error.message).toContain('Dari tanggal');
  });

  it('every query parameter a page reads is declared above', () => {
    const declared = new Set([...Object.values(PAGE_QUERIES).flat(), ...POST_QUERIES]);
    const read = new Set<string>();
    for (const file of sourceFiles(join(import.meta.dirname, '..', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/req\.query\('(\w+)'\)/g)) read.add(m[1]!);
    }
    expect([...read].filter((n) => !declared.has(n))).toEqual([]);
  });
});

describe('field labels', () => {
  it('every field of every API schema and page query has a label in both languages', async () => {
    const doc = (await (await t.anonymous.get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, any> } };
    const names = new Set<string>([...Object.values(PAGE_QUERIES).flat(), ...POST_QUERIES]);
    const walk = (s: any): void => {
      if (!s || typeof s !== 'object') return;
      if (s.$ref) return walk(doc.components?.schemas?.[String(s.$ref).split('/').pop()!]);
      for (const [k, v] of Object.entries<any>(s.properties ?? {})) (names.add(k), walk(v));
      walk(s.items);
      for (const x of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(x);
    };
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        for (const p of op.parameters ?? []) names.add(p.name);
        walk(op.requestBody?.content?.['application/json']?.schema);
      }
    }
    const missing = [...names].filter((n) => !FLAGS.has(n) && (!FIELD_LABELS[n]?.id || !FIELD_LABELS[n]?.en));
    expect(missing, `add these to src/platform/i18n/field-labels.ts`).toEqual([]);
  });

  it('a message names the field by its label in the user\'s language', async () => {
    const op = actors[0]!.client;
    const id = await op.get(`/api/v1/villages/${HANURA}/residents?page=0`);
    expect((await id.json()).error).toEqual({ code: 'invalid_input', message: 'Kolom Halaman minimal 1.', field: 'page' });
    const en = await op.get(`/api/v1/villages/${HANURA}/residents?per_page=5`, { 'accept-language': 'en' });
    expect((await en.json()).error).toEqual({ code: 'invalid_input', message: 'The field Rows per page must be at least 10.', field: 'per_page' });
    expect(fieldLabel('id', 'fields.keperluan')).toBe('Isian surat: keperluan');
    expect(fieldLabel('en', 'member_ids.0')).toBe('Family members');
    expect(fieldLabel('id', 'some_new_thing')).toBe('some new thing');
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}
