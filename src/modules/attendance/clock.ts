import { dayInWib } from '../../platform/format/format.js';
import { badRequest } from '../../platform/http/errors.js';
import { dateOf } from '../../platform/http/text-input.js';

/**
 * Days and times of the office, in WIB (UTC+7, no daylight saving): the server's clock is the
 * time of every check-in; what a browser says the time is never counts.
 */
const WIB_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** "07:45" of a moment, in WIB. */
export const wibTime = (at: Date) => new Date(at.getTime() + WIB_MS).toISOString().slice(11, 16);
/** The WIB day of a moment, "2026-12-07". */
export const wibDay = (at: Date) => dayInWib(at);
/** The moment of a WIB day and time. */
export const wibMoment = (day: string, time: string) => new Date(Date.parse(`${day}T${time}:00Z`) - WIB_MS);

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
/** 0 Sunday … 6 Saturday. */
export const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
export const isWorkday = (day: string) => weekday(day) >= 1 && weekday(day) <= 5;

const MONTH = /^\d{4}-\d{2}$/;
const TIME = /^\d{1,2}[:.]\d{2}$/;

/** A real date "YYYY-MM-DD", or a 400 naming the field: the forms' own check. */
export const parseDay = (input: string | undefined, field: string): string => dateOf(input, field);

/** "2026-12" (a month of the years Balai can hold), or a 400 naming the field. */
export function parseMonth(input: string | undefined, field: string): string {
  const s = (input ?? '').trim();
  const [y, m] = s.split('-').map(Number) as [number, number];
  if (!MONTH.test(s) || y < 2000 || y > 2100 || m < 1 || m > 12) throw badRequest('attendance.month', field);
  return s;
}

/** "07.45" or "7:45" as "07:45", or a 400 naming the field. */
export function parseTime(input: string | undefined, field: string): string {
  const s = (input ?? '').trim();
  if (!TIME.test(s)) throw badRequest('attendance.time', field);
  const [h, m] = s.split(/[:.]/).map(Number) as [number, number];
  if (h > 23 || m > 59) throw badRequest('attendance.time', field);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Every day of a month, "2026-12-01" … "2026-12-31". */
export function daysOf(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}
