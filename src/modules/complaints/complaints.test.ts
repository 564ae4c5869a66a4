import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { DEMO_CITIZEN } from '../demo/seed-demo.js';
import { PUBLIC_LIMIT } from './complaints.service.js';

const V = '18.09.10.2004';
let t: TestApp;
let citizen: Client;
let operator: Client;
let head: Client;
let district: Client;

beforeAll(async () => {
  t = await createTestApp({ citizen: true });
  citizen = await t.loginCitizen(DEMO_CITIZEN.nik, DEMO_CITIZEN.pin);
  [operator, head, district] = await Promise.all(['hanura', 'kades.hanura', 'telukpandan'].map((u) => t.login(u)));
});
afterAll(() => t.close());

const text = async (res: Response) => (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const db = () => t.db.kysely;

function multipart(client: Client, path: string, fields: Record<string, string>, photo?: Uint8Array, headers: Record<string, string> = {}) {
  const form = new FormData();
  if (client.csrf) form.set('_csrf', client.csrf);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (photo) form.set('photo', new File([new Uint8Array(photo)], 'jalan.jpg', { type: 'image/jpeg' }));
  return client.request(path, { method: 'POST', body: form, headers });
}

/** The public form's question and its answer, read from the page as a person would. */
async function question(client: Client = t.anonymous) {
  const html = await (await client.get(`/publik/desa/${V}/pengaduan/kirim`)).text();
  const token = /name="question" value="([^"]+)"/.exec(html)![1]!;
  const [a, b] = /berapa (\d+) \+ (\d+)\?/.exec(html)!.slice(1).map(Number) as [number, number];
  return { question: token, sum: String(a + b) };
}

let complaintId = 0;

describe('complaints', () => {
  it('a citizen sends one with a photo; the officer reads who sent it (logged), answers, and the citizen reads the answer but not the internal note', async () => {
    const photo = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#654' } }).jpeg().toBuffer();
    const short = await multipart(citizen, '/warga/pengaduan', { category: 'infrastruktur', complaint: 'Rusak' });
    expect(short.status).toBe(400);
    expect(await text(short)).toContain('Kolom Isi pengaduan minimal 10 karakter');
    const sent = await multipart(citizen, '/warga/pengaduan', { category: 'infrastruktur', complaint: 'Jalan di depan SD Hanura berlubang besar, berbahaya bagi anak-anak.', location: 'Dusun II, depan SD', latitude: '-5.5512', longitude: '105.2251' }, photo);
    expect(sent.status).toBe(303);
    complaintId = Number(/\/warga\/pengaduan\/(\d+)/.exec(sent.headers.get('location')!)![1]);
    expect(sent.headers.get('location')).toBe(`/warga/pengaduan/${complaintId}?terkirim=1`);
    const mine = await text(await citizen.get(sent.headers.get('location')!));
    expect(mine).toMatch(/Terkirim sebagai pengaduan No\. \d+\/\d{4}\./);
    expect(mine).toContain('Diterima');
    expect(mine).toContain('Belum ada jawaban.');
    // The sender sees the location they typed and their own photo.
    expect(mine).toContain('Lokasi: Dusun II, depan SD');
    const own = await citizen.get(`/warga/pengaduan/${complaintId}/foto`);
    expect([own.status, own.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect((await operator.get(`/warga/pengaduan/${complaintId}/foto`)).status).not.toBe(200);

    // The officers' list shows what was raised, not who; the complaint's page names the citizen and logs the read.
    const list = await text(await operator.get(`/desa/${V}/pengaduan`));
    expect(list).toContain('Jalan di depan SD Hanura berlubang besar');
    expect(list).not.toContain(DEMO_CITIZEN.name);
    const page = await text(await operator.get(`/desa/${V}/pengaduan/${complaintId}`));
    expect(page).toContain(`Dari: ${DEMO_CITIZEN.name} — Warga (layanan mandiri)`);
    expect(page).toContain('lihat peta');
    const read = await db().selectFrom('audit_log').select(['actor_label', 'detail']).where('action', '=', 'complaint.read').where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(read.actor_label).toBe('hanura');
    const img = await operator.get(`/desa/${V}/pengaduan/${complaintId}/foto`);
    expect((await sharp(Buffer.from(await img.arrayBuffer())).metadata()).width).toBe(1280);

    const act = (client: Client, fields: Record<string, string>) => client.form(`/desa/${V}/pengaduan/${complaintId}/tindak`, fields);
    expect((await act(operator, { action: 'note', message: 'Cek lokasi bersama Kadus II hari Senin.' })).status).toBe(303);
    const kades = await db().selectFrom('users').select('id').where('username', '=', 'kades.hanura').executeTakeFirstOrThrow();
    expect((await act(operator, { action: 'assign', assigned_to: String(kades.id) })).status).toBe(303);
    expect((await act(operator, { action: 'close' })).status).toBe(400);
    await db().updateTable('residents_rows').set({ phone: '081399990002' }).where('village_code', '=', V).where('nik', '=', DEMO_CITIZEN.nik).execute();
    expect((await act(head, { action: 'reply', message: 'Terima kasih. Jalan akan ditambal pekan depan dari dana pemeliharaan.' })).status).toBe(303);
    const answered = await text(await citizen.get(`/warga/pengaduan/${complaintId}`));
    expect(answered).toContain('Dijawab');
    expect(answered).toContain('Jalan akan ditambal pekan depan');
    expect(answered).toContain('Ahmad Suhendra');
    expect(answered).not.toContain('Cek lokasi bersama Kadus II');
    // The citizen is told by the phone and e-mail the register has for them (nothing was queued for the note).
    const me = await db().selectFrom('residents').select(['phone', 'email']).where('village_code', '=', V).where('nik', '=', DEMO_CITIZEN.nik).executeTakeFirstOrThrow();
    const notices = await db().selectFrom('notification_outbox').select(['channel', 'recipient', 'body']).where('subject_ref', '=', `complaint:${complaintId}`).orderBy('id').execute();
    expect(notices.map((n) => n.recipient)).toEqual(['081399990002', me.email].filter(Boolean));
    expect(notices[0]!.body).toMatch(/^Pengaduan Anda No\. \d+\/\d{4} sudah dijawab:\n\nTerima kasih\. Jalan akan ditambal/);
    expect((await act(operator, { action: 'close' })).status).toBe(303);
    expect((await act(operator, { action: 'reply', message: 'lagi' })).status).toBe(409);
    // The district officer sees no complaint and cannot act on one.
    expect((await district.get(`/desa/${V}/pengaduan`)).status).toBe(403);
    expect((await act(district, { action: 'reply', message: 'x' })).status).toBe(403);
  });

  it('the public list shows the complaint and the answer without the name', async () => {
    const page = await text(await t.anonymous.get(`/publik/desa/${V}/pengaduan`));
    expect(page).toContain('Jalan di depan SD Hanura berlubang besar');
    expect(page).toContain('Jawaban: Terima kasih. Jalan akan ditambal pekan depan');
    expect(page).not.toContain(DEMO_CITIZEN.name);
    expect(page).not.toContain('Dusun II, depan SD');
    // Kept off the list by an officer, it is gone from it.
    await operator.form(`/desa/${V}/pengaduan/${complaintId}/tindak`, { action: 'hide' });
    expect(await text(await t.anonymous.get(`/publik/desa/${V}/pengaduan`))).not.toContain('Jalan di depan SD Hanura');
  });

  it('anyone sends one from the public form with the sum answered, and follows it by its code; bots and floods are refused', async () => {
    const fields = { category: 'pelayanan', complaint: 'Surat keterangan usaha saya belum jadi sejak dua minggu.', name: 'Rina', phone: '0812 3456 7890' };
    const wrong = await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...fields, ...(await question()), sum: '999' });
    expect(wrong.status).toBe(400);
    const wrongPage = await text(wrong);
    expect(wrongPage).toContain('Kolom Soal hitungan: hasil hitungan salah');
    expect(wrongPage).toContain('Surat keterangan usaha saya belum jadi');
    const bot = await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...fields, ...(await question()), website: 'http://spam.example' });
    expect(bot.status).toBe(400);
    const sent = await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...fields, ...(await question()) });
    expect(sent.status).toBe(200);
    const code = /Simpan kode ini untuk melacak pengaduan Anda: ([A-Z0-9]{10})/.exec(await text(sent))![1]!;
    const tracked = await text(await t.anonymous.get(`/publik/desa/${V}/pengaduan/lacak?tracking=${code}`));
    expect(tracked).toContain('Surat keterangan usaha saya belum jadi');
    expect(tracked).not.toContain('Rina');
    // Officers see the name and phone; the public list does not.
    const row = await db().selectFrom('complaints').select(['id', 'reporter_phone', 'due_on']).where('village_code', '=', V).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(row.reporter_phone).toBe('081234567890');
    expect(await text(await operator.get(`/desa/${V}/pengaduan/${row.id}`))).toContain('Rina · 081234567890 — Formulir publik');
    expect(await text(await t.anonymous.get(`/publik/desa/${V}/pengaduan`))).not.toContain('Rina');
    // Answered: the sender hears it on the phone they gave, with the code to follow it.
    expect((await operator.form(`/desa/${V}/pengaduan/${row.id}/tindak`, { action: 'reply', message: 'Surat sudah jadi, silakan ambil di kantor desa.' })).status).toBe(303);
    const notice = await db().selectFrom('notification_outbox').select(['channel', 'recipient', 'body']).where('subject_ref', '=', `complaint:${row.id}`).executeTakeFirstOrThrow();
    expect([notice.channel, notice.recipient]).toEqual(['whatsapp', '081234567890']);
    expect(notice.body).toContain(`kode lacak ${code}`);
    // Past the limit for one phone in an hour: refused with when to try again, from another address too.
    for (let i = 1; i < PUBLIC_LIMIT.perPhone; i++) {
      expect((await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...fields, ...(await question()) }, undefined, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(200);
    }
    const flood = await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...fields, ...(await question()) }, undefined, { 'x-forwarded-for': '10.0.0.99' });
    expect(flood.status).toBe(429);
    expect(await text(flood)).toContain('Coba lagi dalam 60 menit');
    // Without a phone, another person is not locked out by that phone's limit.
    const { phone: _p, ...noPhone } = fields;
    expect((await multipart(t.anonymous, `/publik/desa/${V}/pengaduan/kirim`, { ...noPhone, ...(await question()) }, undefined, { 'x-forwarded-for': '10.0.0.98' })).status).toBe(200);
  });

  it('a citizen at the village hall\'s kiosk sends one by e-KTP and PIN; the officer sees it came from the kiosk', async () => {
    const login = await t.anonymous.form(`/anjungan/${V}`, { nik: DEMO_CITIZEN.nik, pin: DEMO_CITIZEN.pin }, false);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const menu = await (await t.app.request(`/anjungan/${V}/menu`, { headers: { cookie } })).text();
    expect(menu).toContain(`href="/anjungan/${V}/pengaduan"`);
    const form = await (await t.app.request(`/anjungan/${V}/pengaduan`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
    const sent = await t.app.request(`/anjungan/${V}/pengaduan`, {
      method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, category: 'kesehatan', complaint: 'Jadwal posyandu Dusun III mohon diumumkan lebih awal.' }),
    });
    expect(sent.status).toBe(200);
    const ticket = await sent.text();
    expect(ticket).toMatch(/class="queue-number">\d+\/\d{4}</);
    expect(ticket).not.toContain(DEMO_CITIZEN.name); // a public screen
    const row = await db().selectFrom('complaints').select(['id', 'source']).where('village_code', '=', V).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.source).toBe('kiosk');
    expect(await text(await operator.get(`/desa/${V}/pengaduan/${row.id}`))).toContain(`Dari: ${DEMO_CITIZEN.name} — Warga (anjungan di kantor desa)`);
  });

  it('counts the open and the overdue ones', async () => {
    await db().updateTable('complaints').set({ due_on: '2020-01-01' }).where('village_code', '=', V).where('status', '=', 'received').execute();
    const list = await text(await operator.get(`/desa/${V}/pengaduan?status=open`));
    const open = await db().selectFrom('complaints').select('id').where('village_code', '=', V).where('status', '=', 'received').execute();
    expect(list).toContain(`Belum dijawab ${open.length} Lewat tenggat ${open.length}`);
    expect(list).toContain('lewat tenggat');
  });
});
