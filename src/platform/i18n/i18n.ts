import { fieldLabel } from './field-labels.js';
import { messages, type MessageKey } from './messages.js';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

export type Params = Record<string, string | number>;

/**
 * Message in the user's language, with `{name}` placeholders filled in. `{field}` is the
 * field's name in the code; the user reads its label (field-labels.ts).
 */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const entry = messages[key];
  const text = entry[lang] ?? entry.id;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return name === 'field' && typeof value === 'string' ? fieldLabel(lang, value) : String(value);
  });
}

/** Bahasa Indonesia unless the user chose English (cookie first, then the browser's header). */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (cookie === 'en' || cookie === 'id') return cookie;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'id';
}

export type { MessageKey };
