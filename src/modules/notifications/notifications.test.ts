import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANURA } from '../demo/seed-demo.js';
import { enqueueNotification } from '../../platform/notify/index.js';
import { createTestApp, type Client, type TestApp } from '../../../test/support/test-app.js';
import { maskError, maskRecipient } from './mask.js';

const BATU_MENYAN = '18.09.10.2001';
let t: TestApp;
let operator: Client;
const ids = { failed: 0, sent: 0, pending: 0, elsewhere: 0 };

beforeAll(async () => {
  t = await createTestApp();
  operator = await t.login('hanura');
  const db = t.db.kysely;
  ids.failed = await enqueueNotification(db, { villageCode: HANURA, channel: 'email', recipient: 'budi.santoso@contoh.id', subject: 'Surat siap diambil', body: 'Surat Anda siap.', subjectRef: 'letter:7' });
  await db.updateTable('notification_outbox').set({ status: 'failed', attempts: 6, last_error: '550 mailbox budi.santoso@contoh.id unknown (NIK 1809101708859901)' }).where('village_code', '=', HANURA).where('id', '=', ids.failed).execute();
  ids.sent = await enqueueNotification(db, { villageCode: HANURA, channel: 'whatsapp', recipient: '081234567789', subject: 'Permohonan ditolak', body: 'Maaf.' });
  await db.updateTable('notification_outbox').set({ status: 'sent', attempts: 1, sent_at: new Date() }).where('village_code', '=', HANURA).where('id', '=', ids.sent).execute();
  ids.pending = await enqueueNotification(db, { villageCode: HANURA, channel: 'sms', recipient: '085711112222', subject: 'Surat siap', body: 'Siap.' });
  ids.elsewhere = await enqueueNotification(db, { villageCode: BATU_MENYAN, channel: 'email', recipient: 'warga@batumenyan.id', subject: 'Lain desa', body: 'x' });
  await db.updateTable('notification_outbox').set({ status: 'failed' }).where('village_code', '=', BATU_MENYAN).where('id', '=', ids.elsewhere).execute();
});
afterAll(() => t?.close());

const retryPath = (id: number, village = HANURA) => `/desa/${village}/notifikasi/${id}/ulang`;

describe('the notifications page', () => {
  it('lists what was sent to whom (masked), when, on which channel, and why it failed', async () => {
    const res = await operator.get(`/desa/${HANURA}/notifikasi`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('b***@contoh.id');
    expect(html).toContain('0812****789');
    expect(html).toContain('0857****222');
    expect(html).not.toContain('budi.santoso@contoh.id');
    expect(html).not.toContain('081234567789');
    expect(html).not.toContain('1809101708859901');
    expect(html).toContain('550 mailbox b***@contoh.id unknown');
    expect(html).toMatch(/Gagal[\s\S]*Terkirim|Terkirim[\s\S]*Gagal/);
    expect(html).toContain(`href="/desa/${HANURA}/surat/7"`);
    expect(html).not.toContain('batumenyan');
    // One retry button: on the failed message only.
    expect(html.match(/\/ulang"/g)).toEqual([`/ulang"`]);
    expect(html).toContain(`action="${retryPath(ids.failed)}"`);
  });

  it('filters by status', async () => {
    const html = await (await operator.get(`/desa/${HANURA}/notifikasi?status=failed`)).text();
    expect(html).toContain('b***@contoh.id');
    expect(html).not.toContain('0812****789');
  });

  it('sends a failed message again: back in the queue with a fresh schedule, audited', async () => {
    const res = await operator.form(retryPath(ids.failed), {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`^/desa/${HANURA}/notifikasi\\?ok=`));
    const row = await t.db.kysely.selectFrom('notification_outbox').select(['status', 'attempts']).where('village_code', '=', HANURA).where('id', '=', ids.failed).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    const audit = await t.db.kysely.selectFrom('audit_log').select(['action', 'actor_label', 'village_code']).where('subject', '=', `notification:${ids.failed}`).execute();
    expect(audit).toEqual([{ action: 'notification.retry', actor_label: 'hanura', village_code: HANURA }]);
    expect(await (await operator.get(res.headers.get('location')!)).text()).toContain('dikirim ulang');

    // Again: it is no longer a failed message.
    const again = await operator.form(retryPath(ids.failed), {});
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Hanya pesan yang gagal yang dapat dikirim ulang');
  });

  it('never reaches another village\'s message, and only the letter desk may retry', async () => {
    expect((await operator.form(retryPath(ids.elsewhere), {})).status).toBe(404);
    expect((await operator.form(retryPath(ids.elsewhere, BATU_MENYAN), {})).status).toBe(403);
    const head = await t.login('kades.hanura');
    const page = await head.get(`/desa/${HANURA}/notifikasi`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('/ulang"');
    expect((await head.form(retryPath(ids.sent), {})).status).toBe(403);
    const province = await t.login('provinsi');
    expect((await province.get(`/desa/${HANURA}/notifikasi`)).status).toBe(403);
  });
});

describe('masking', () => {
  it('shows enough to recognise a recipient, not to copy it', () => {
    expect(maskRecipient('email', 'budi@x.id')).toBe('b***@x.id');
    expect(maskRecipient('whatsapp', '081234567789')).toBe('0812****789');
    expect(maskRecipient('sms', '+6281234567789')).toBe('+628****789');
    expect(maskRecipient('telegram', '123456789')).toBe('1234****89');
    expect(maskRecipient('telegram', '12345')).toBe('*****');
    expect(maskError('timeout sending to 081234567789', 'sms', '081234567789')).toBe('timeout sending to 0812****789');
  });
});
