import type { NotificationChannel } from '../db/schema.js';
import { emailChannel, logChannel, smsChannel, telegramChannel, whatsappChannel, type Channel } from './channels.js';

/** Both variables of a pair, or neither: half a configuration fails at start, not on every message. */
function pair(env: NodeJS.ProcessEnv, a: string, b: string): [string, string] | undefined {
  const va = env[a]?.trim();
  const vb = env[b]?.trim();
  if (!va && !vb) return undefined;
  if (!va || !vb) throw new Error(`${va ? b : a} must be set together with ${va ? a : b}`);
  return [va, vb];
}

/**
 * The channels this server can send through. `log` is always there; the others only
 * when configured, so a message for a missing one is marked failed by the worker.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env, logSink?: string[]): Map<NotificationChannel, Channel> {
  const channels = new Map<NotificationChannel, Channel>([['log', logChannel(logSink)]]);
  const smtp = pair(env, 'BALAI_SMTP_URL', 'BALAI_MAIL_FROM');
  if (smtp) channels.set('email', emailChannel(smtp[0], smtp[1]));
  const telegram = env.BALAI_TELEGRAM_BOT_TOKEN?.trim();
  if (telegram) channels.set('telegram', telegramChannel(telegram, env.BALAI_TELEGRAM_API_BASE?.trim() || undefined));
  const whatsapp = pair(env, 'BALAI_WHATSAPP_URL', 'BALAI_WHATSAPP_TOKEN');
  if (whatsapp) channels.set('whatsapp', whatsappChannel(whatsapp[0], whatsapp[1]));
  const sms = pair(env, 'BALAI_SMS_URL', 'BALAI_SMS_TOKEN');
  if (sms) channels.set('sms', smsChannel(sms[0], sms[1]));
  return channels;
}
