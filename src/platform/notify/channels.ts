import nodemailer from 'nodemailer';
import type { NotificationChannel } from '../db/schema.js';

export interface ChannelMessage {
  recipient: string;
  subject: string;
  body: string;
}

/** One way of sending. `send` resolves once the provider accepted the message and throws otherwise. */
export interface Channel {
  name: NotificationChannel;
  send(msg: ChannelMessage): Promise<void>;
}

export type ChannelMap = ReadonlyMap<NotificationChannel, Channel> | Partial<Record<NotificationChannel, Channel>>;

export function findChannel(channels: ChannelMap, name: NotificationChannel): Channel | undefined {
  return channels instanceof Map ? channels.get(name) : (channels as Partial<Record<NotificationChannel, Channel>>)[name];
}

const HTTP_TIMEOUT_MS = 10_000;

/** Development and tests: one line per message, to the console or into `sink`. */
export function logChannel(sink?: string[]): Channel {
  return {
    name: 'log',
    async send(msg) {
      const text = [msg.subject, msg.body].filter(Boolean).join(' — ').replace(/\s+/g, ' ');
      const line = `[balai] notify → ${msg.recipient}: ${text}`;
      if (sink) sink.push(line);
      else console.log(line);
    },
  };
}

/** `smtpUrl` like `smtps://user:pass@mail.example.id:465`; nodemailer reads host, port, TLS and auth from it. */
export function emailChannel(smtpUrl: string, from: string): Channel {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // A stuck mail server must not hold a worker run forever (the URL may override these).
    connectionTimeout: HTTP_TIMEOUT_MS,
    greetingTimeout: HTTP_TIMEOUT_MS,
    socketTimeout: 2 * HTTP_TIMEOUT_MS,
  });
  return {
    name: 'email',
    async send(msg) {
      await transport.sendMail({ from, to: msg.recipient, subject: msg.subject, text: msg.body });
    },
  };
}

/** Chat apps have no subject line: put it on the first line. */
const plainText = (msg: ChannelMessage) => (msg.subject ? `${msg.subject}\n\n${msg.body}` : msg.body);

async function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
}

/** The start of the provider's answer, enough to tell why it refused. */
async function failureDetail(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').trim();
  return text ? ` ${text.slice(0, 200)}` : '';
}

/** Telegram Bot API; the recipient is the chat id. */
export function telegramChannel(botToken: string, apiBase = 'https://api.telegram.org'): Channel {
  const url = `${apiBase.replace(/\/+$/, '')}/bot${botToken}/sendMessage`;
  return {
    name: 'telegram',
    async send(msg) {
      const res = await postJson(url, { chat_id: msg.recipient, text: plainText(msg) });
      // The error names the status only, never the URL: it holds the bot token.
      if (!res.ok) throw new Error(`telegram: HTTP ${res.status}${await failureDetail(res)}`);
      await res.body?.cancel();
    },
  };
}

/** A provider-neutral gateway: POST `{ to, message }` with a bearer token; any 2xx is accepted. */
function httpGateway(name: 'whatsapp' | 'sms', url: string, token: string): Channel {
  return {
    name,
    async send(msg) {
      const res = await postJson(url, { to: msg.recipient, message: plainText(msg) }, { authorization: `Bearer ${token}` });
      if (!res.ok) throw new Error(`${name} gateway: HTTP ${res.status}${await failureDetail(res)}`);
      await res.body?.cancel();
    },
  };
}

export function whatsappChannel(url: string, token: string): Channel {
  return httpGateway('whatsapp', url, token);
}

export function smsChannel(url: string, token: string): Channel {
  return httpGateway('sms', url, token);
}
