import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, testDatabaseKind } from '../../../test/support/test-db.js';
import type { Db } from '../db/connect.js';
import {
  backoffAfter,
  channelsFromEnv,
  deliverDueNotifications,
  emailChannel,
  enqueueNotification,
  logChannel,
  notificationCounts,
  smsChannel,
  startNotificationWorker,
  telegramChannel,
  whatsappChannel,
  type Channel,
} from './index.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.kysely.deleteFrom('notification_outbox').execute();
});

const row = (id: number) => db.kysely.selectFrom('notification_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60_000;

describe(`notification outbox (${testDatabaseKind()})`, () => {
  it('never sends a message whose transaction rolled back', async () => {
    const sink: string[] = [];
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await enqueueNotification(trx, { channel: 'log', recipient: 'warga', body: 'Surat siap' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await deliverDueNotifications(db, { log: logChannel(sink) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sink).toEqual([]);
    expect(await notificationCounts(db.kysely)).toEqual({ pending: 0, sent: 0, failed: 0 });
  });

  it('delivers through the log channel and marks the message sent', async () => {
    const sink: string[] = [];
    const id = await db.kysely.transaction().execute((trx) =>
      enqueueNotification(trx, { villageCode: '1801012001', channel: 'log', recipient: 'warga@desa', subject: 'Surat', body: 'Surat Anda\nsiap', subjectRef: 'letter:7' }),
    );
    expect(await notificationCounts(db.kysely, '1801012001')).toEqual({ pending: 1, sent: 0, failed: 0 });
    expect(await deliverDueNotifications(db, channelsFromEnv({}, sink))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sink).toEqual(['[balai] notify → warga@desa: Surat — Surat Anda siap']);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'sent', attempts: 1, last_error: null, subject_ref: 'letter:7' });
    expect(r.sent_at).toBeInstanceOf(Date);
    expect(await notificationCounts(db.kysely, '1801012001')).toEqual({ pending: 0, sent: 1, failed: 0 });
    expect(await notificationCounts(db.kysely, '1801012002')).toEqual({ pending: 0, sent: 0, failed: 0 });
    // Sent once only.
    expect(await deliverDueNotifications(db, channelsFromEnv({}, sink))).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries a failing channel with growing waits and ends sent', async () => {
    let calls = 0;
    const flaky: Channel = {
      name: 'sms',
      async send() {
        calls += 1;
        if (calls <= 2) throw new Error(`gateway down ${calls}`);
      },
    };
    const id = await enqueueNotification(db.kysely, { channel: 'sms', recipient: '+6281234', body: 'Halo' });
    const t0 = new Date(Date.now() + 1000);

    expect(await deliverDueNotifications(db, { sms: flaky }, { now: t0 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    let r = await row(id);
    expect(r).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway down 1' });
    expect(r.next_attempt_at).toEqual(at(t0, 1 * MINUTE));

    // Not due yet.
    expect(await deliverDueNotifications(db, { sms: flaky }, { now: at(t0, 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });

    const t1 = at(t0, 1 * MINUTE);
    expect(await deliverDueNotifications(db, { sms: flaky }, { now: t1 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    r = await row(id);
    expect(r).toMatchObject({ attempts: 2, last_error: 'gateway down 2' });
    expect(r.next_attempt_at).toEqual(at(t1, 5 * MINUTE));

    expect(await deliverDueNotifications(db, { sms: flaky }, { now: at(t1, 5 * MINUTE) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(calls).toBe(3);
    expect([1, 2, 3, 4].map(backoffAfter)).toEqual([1, 5, 30, 120].map((m) => m * MINUTE));
  });

  it('gives up after the last attempt and keeps the error', async () => {
    const down: Channel = { name: 'whatsapp', send: () => Promise.reject(new Error('HTTP 503')) };
    const id = await enqueueNotification(db.kysely, { channel: 'whatsapp', recipient: '+6281', body: 'x' });
    let now = new Date(Date.now() + 1000);
    const results = [];
    for (let i = 0; i < 3; i++) {
      results.push(await deliverDueNotifications(db, { whatsapp: down }, { now, maxAttempts: 3 }));
      now = at(now, 24 * 60 * MINUTE);
    }
    expect(results.map((r) => [r.retried, r.failed])).toEqual([[1, 0], [1, 0], [0, 1]]);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'HTTP 503' });
    expect(await deliverDueNotifications(db, { whatsapp: down }, { now, maxAttempts: 3 })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('fails a message for an unconfigured channel at once', async () => {
    const id = await enqueueNotification(db.kysely, { channel: 'telegram', recipient: '12345', body: 'x' });
    expect(await deliverDueNotifications(db, channelsFromEnv({}))).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'channel not configured' });
  });

  it('sends each message once when two workers run at the same time', async () => {
    const seen: string[] = [];
    const slow: Channel = {
      name: 'log',
      async send(msg) {
        await new Promise((r) => setTimeout(r, 5));
        seen.push(msg.recipient);
      },
    };
    for (let i = 0; i < 6; i++) await enqueueNotification(db.kysely, { channel: 'log', recipient: `r${i}`, body: 'x' });
    const [a, b] = await Promise.all([
      deliverDueNotifications(db, { log: slow }, { batch: 4 }),
      deliverDueNotifications(db, { log: slow }, { batch: 4 }),
    ]);
    expect(a.sent + b.sent).toBe(6);
    expect(seen.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
  });

  it('takes over a message whose sender died, and gives up once its attempts are spent', async () => {
    const sink: string[] = [];
    const now = new Date(Date.now() + 1000);
    // As a replica leaves a message it claimed and never settled: attempts counted, lease expired.
    const a = await enqueueNotification(db.kysely, { channel: 'log', recipient: 'a', body: 'x' });
    const b = await enqueueNotification(db.kysely, { channel: 'log', recipient: 'b', body: 'x' });
    await db.kysely.updateTable('notification_outbox').set({ attempts: 2, next_attempt_at: now }).where('id', '=', a).execute();
    await db.kysely.updateTable('notification_outbox').set({ attempts: 6, next_attempt_at: now }).where('id', '=', b).execute();
    expect(await deliverDueNotifications(db, { log: logChannel(sink) }, { now })).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(await row(a)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await row(b)).toMatchObject({ status: 'failed', attempts: 6, last_error: 'no answer after the last attempt' });
    expect(sink).toHaveLength(1);
  });

  it('rejects an empty recipient and shortens an over-long body', async () => {
    await expect(enqueueNotification(db.kysely, { channel: 'log', recipient: ' ', body: 'x' })).rejects.toThrow(/recipient/);
    const id = await enqueueNotification(db.kysely, { channel: 'log', recipient: 'a', body: 'x'.repeat(5000) });
    expect((await row(id)).body).toHaveLength(4000);
  });

  it('runs in the background and keeps running after a failed run', async () => {
    const sink: string[] = [];
    await enqueueNotification(db.kysely, { channel: 'log', recipient: 'bg', body: 'x' });
    const stop = startNotificationWorker(db, { log: logChannel(sink) }, 20);
    await vi.waitFor(() => expect(sink).toHaveLength(1), { timeout: 2000, interval: 10 });
    await stop();

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = { ...db, kysely: { transaction: () => { throw new Error('database gone'); } } } as unknown as Db;
    const stopBroken = startNotificationWorker(broken, { log: logChannel(sink) }, 10);
    await vi.waitFor(() => expect(errors.mock.calls.length).toBeGreaterThanOrEqual(2), { timeout: 2000, interval: 10 });
    await stopBroken();
    expect(String(errors.mock.calls[0][1])).toContain('database gone');
    errors.mockRestore();
  });
});

describe('channel configuration', () => {
  it('configures a channel only from a complete pair of variables', () => {
    expect([...channelsFromEnv({}).keys()]).toEqual(['log']);
    const all = channelsFromEnv({
      BALAI_SMTP_URL: 'smtp://localhost:2525',
      BALAI_MAIL_FROM: 'Balai <noreply@desa.id>',
      BALAI_TELEGRAM_BOT_TOKEN: '1:abc',
      BALAI_WHATSAPP_URL: 'http://wa.local/send',
      BALAI_WHATSAPP_TOKEN: 't',
      BALAI_SMS_URL: 'http://sms.local/send',
      BALAI_SMS_TOKEN: 't',
    });
    expect([...all.keys()].sort()).toEqual(['email', 'log', 'sms', 'telegram', 'whatsapp']);
    expect(() => channelsFromEnv({ BALAI_SMS_URL: 'http://sms.local/send' })).toThrow(/BALAI_SMS_TOKEN/);
  });
});

describe('HTTP channels', () => {
  let server: ReturnType<typeof createHttpServer>;
  let base: string;
  const requests: { path: string; headers: IncomingHttpHeaders; body: unknown }[] = [];
  let status = 200;

  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        requests.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(data) });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status < 300 ? '{"ok":true}' : '{"error":"provider exploded"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    requests.length = 0;
    status = 200;
  });

  it('posts { to, message } with a bearer token to a gateway', async () => {
    await smsChannel(`${base}/sms`, 'sekret').send({ recipient: '+62812', subject: 'Surat', body: 'siap diambil' });
    await whatsappChannel(`${base}/wa`, 'wa-token').send({ recipient: '+62813', subject: '', body: 'halo' });
    expect(requests).toMatchObject([
      { path: '/sms', headers: { authorization: 'Bearer sekret', 'content-type': 'application/json' }, body: { to: '+62812', message: 'Surat\n\nsiap diambil' } },
      { path: '/wa', headers: { authorization: 'Bearer wa-token' }, body: { to: '+62813', message: 'halo' } },
    ]);
  });

  it('treats a non-2xx answer as a failure naming the status', async () => {
    status = 500;
    await expect(smsChannel(`${base}/sms`, 't').send({ recipient: '1', subject: '', body: 'x' })).rejects.toThrow(/HTTP 500.*provider exploded/);
    await expect(telegramChannel('9:secret', base).send({ recipient: '1', subject: '', body: 'x' })).rejects.toThrow(
      /^telegram: HTTP 500(?!.*secret)/,
    );
  });

  it('sends a Telegram message to the chat id', async () => {
    await telegramChannel('123:abc', base).send({ recipient: '-1001', subject: 'Info', body: 'Posyandu besok' });
    expect(requests).toMatchObject([{ path: '/bot123:abc/sendMessage', body: { chat_id: '-1001', text: 'Info\n\nPosyandu besok' } }]);
  });
});

describe('email channel', () => {
  it('hands the message to an SMTP server', async () => {
    const transcript: string[] = [];
    let data = '';
    const smtp = createTcpServer((socket) => {
      let inData = false;
      let buffer = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              socket.write('250 queued\r\n');
            } else data += `${line}\n`;
            continue;
          }
          transcript.push(line);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250 test\r\n');
          else if (verb === 'MAIL' || verb === 'RCPT') socket.write('250 ok\r\n');
          else if (verb === 'DATA') {
            inData = true;
            socket.write('354 go on\r\n');
          } else if (verb === 'QUIT') socket.end('221 bye\r\n');
          else socket.write('502 no\r\n');
        }
      });
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    try {
      const port = (smtp.address() as AddressInfo).port;
      await emailChannel(`smtp://127.0.0.1:${port}`, 'Balai <noreply@desa.id>').send({
        recipient: 'warga@example.id',
        subject: 'Surat keterangan siap',
        body: 'Silakan ambil di kantor desa.',
      });
      expect(transcript).toContain('RCPT TO:<warga@example.id>');
      expect(data).toContain('Subject: Surat keterangan siap');
      expect(data).toContain('Silakan ambil di kantor desa.');
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
