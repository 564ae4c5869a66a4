import { can, regionWithin } from '../../platform/access/access.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { UseCaseContext } from '../../platform/context.js';
import { AppError, badRequest, forbidden, unauthenticated } from '../../platform/http/errors.js';
import { maskNik } from '../population/index.js';
import { normalizeRegionCode } from '../regions/index.js';
import { decodeCursor, encodeCursor, laterOf, type FeedPosition } from './cursor.js';
import * as repo from './feed.repository.js';
import { FEED_GROUPS, groupOf, parseKinds, readableGroups, type FeedGroup } from './kinds.js';

/**
 * The change feed (docs/change-feed.md): what changed in the caller's region since a cursor,
 * in a stable order, a bounded page at a time. Who reads sees the groups their permissions
 * allow; names and NIKs only with the resident permission (NIK masked without
 * `population.full_nik`), and such a read goes to the access log.
 */

export const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;
/** A district's villages are read one by one (an index each); a wider region as a range. */
const VILLAGES_ONE_BY_ONE = 32;
/** Milliseconds an entry waits after its transaction's start before it is served, and the longest one open transaction may hold the feed. */
const lagMs = () => clampMs(process.env.BALAI_FEED_LAG_MS, 2000);
const holdMs = () => clampMs(process.env.BALAI_FEED_HOLD_MS, 15 * 60_000);
const clampMs = (value: string | undefined, fallback: number) => {
  const n = Number(value ?? fallback);
  return Number.isInteger(n) && n >= 0 && n <= 24 * 3600_000 ? n : fallback;
};

export interface FeedInput {
  since?: string;
  limit?: number;
  kinds?: string;
  wilayah?: string;
}

export interface FeedPerson {
  name: string | null;
  nik: string | null;
  sex?: number | null;
}

export interface FeedEntry {
  kind: string;
  village_code: string;
  /** When the change was recorded on this server (ISO, UTC, microseconds). */
  recorded_at: string;
  /** The day it is about: the event's date, the day a letter was signed or revoked, the entry's date. */
  date: string | null;
  source_id: number;
  population?: { population_change: number; resident_id: number; family_id: number | null; resident?: FeedPerson };
  letter?: { type_code: string; type_title: string; number: string | null; resident_id: number; resident?: FeedPerson };
  budget?: { year: number; account_code: string; activity_code: string | null; fund: string | null; amount: string; tax_ppn: string; tax_pph: string; corrects: number | null; description?: string };
  treasury?: { year: number; kind: string; method: string; tax: string | null; amount: string; corrects: number | null; reference?: string | null; description?: string };
}

export interface FeedPage {
  entries: FeedEntry[];
  next: string;
  more: boolean;
}

export async function readFeed(ctx: UseCaseContext, input: FeedInput): Promise<FeedPage> {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  const readable = readableGroups(actor);
  if (!readable.length) throw forbidden();

  const region = scopeOf(actor.regionCode, input.wilayah);
  const asked = parseKinds(input.kinds);
  if ('unknown' in asked) throw badRequest('feed.unknown_kind', 'kinds', { kind: asked.unknown });
  const refused = [...asked.groups, ...asked.kinds.map(groupOf)].find((g) => !readable.includes(g));
  if (refused) throw forbidden('feed.kind_forbidden', { kind: refused });
  const everything = !asked.groups.length && !asked.kinds.length;
  // No condition on kinds at all when every group is read: the common case, and the plan's best.
  const kinds = !everything ? asked : readable.length === FEED_GROUPS.length ? null : { groups: readable, kinds: [] };

  let after: FeedPosition | null = null;
  if (input.since !== undefined && input.since !== '') {
    after = decodeCursor(input.since);
    if (!after) throw badRequest('feed.invalid_cursor', 'since');
  }
  const limit = Math.min(input.limit ?? DEFAULT_LIMIT, MAX_LIMIT);

  const db = ctx.db.kysely;
  const villages = await repo.villagesIn(db, region, VILLAGES_ONE_BY_ONE + 1);
  // First the time before which the feed is complete, then the page: in this order (the repository says why).
  const before = await repo.completeBefore(db, lagMs(), holdMs());
  const rows = await repo.feedPage(db, {
    villages: villages.length <= VILLAGES_ONE_BY_ONE ? villages : { region },
    after, before, kinds, limit: limit + 1,
  });
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // A page that reached the end moves the cursor up to where the feed is complete (every entry
  // served is older), so the next read starts there instead of at this scope's last entry, long ago.
  const end: FeedPosition = { at: before, village: '', id: '0' };
  const position = more && last ? { at: last.at, village: last.village_code, id: last.id } : after ? laterOf(after, end) : end;

  const entries = await presentEntries(ctx, page);
  return { entries, next: encodeCursor(position), more };
}

/** The caller's region, narrowed by `wilayah` to a region inside it. */
function scopeOf(actorRegion: string, wilayah: string | undefined): string {
  if (wilayah === undefined || wilayah === '') return actorRegion;
  const code = normalizeRegionCode(wilayah);
  // Named "Wilayah" in the message itself: the label of `wilayah` elsewhere is a village's dusun/RW/RT.
  if (!code) throw new AppError(400, 'invalid_input', 'feed.invalid_region', { code: wilayah.trim().slice(0, 30) }, 'wilayah');
  if (!regionWithin(code, actorRegion)) throw forbidden('error.forbidden_region', { code });
  return code;
}

/** Each row as its readers may see it, read from its source; a read that shows residents is logged, per village. */
async function presentEntries(ctx: UseCaseContext, rows: repo.FeedRow[]): Promise<FeedEntry[]> {
  const db = ctx.db.kysely;
  const of = (group: FeedGroup, kind?: string) =>
    rows.filter((r) => groupOf(r.kind) === group && (!kind || r.kind === kind)).map((r) => ({ village: r.village_code, id: r.source_id }));
  const persons = can(ctx.actor, 'population.read');
  const fullNik = can(ctx.actor, 'population.full_nik');
  const bookkeeper = can(ctx.actor, 'budget.read');
  const nik = (n: string | null) => (n === null ? null : fullNik ? n : maskNik(n));

  const [events, letters, entries, movements] = await Promise.all([
    repo.populationEvents(db, of('population'), persons),
    repo.letters(db, of('letter')),
    repo.budgetEntries(db, of('budget', 'budget.realisation')),
    repo.treasuryEntries(db, of('budget', 'budget.treasury')),
  ]);
  const key = (village: string, id: number) => `${village}/${id}`;
  const byKey = <T extends { village_code: string; id: number }>(list: T[]) => new Map(list.map((r) => [key(r.village_code, Number(r.id)), r]));
  const [eventOf, letterOf, entryOf, movementOf] = [byKey(events), byKey(letters), byKey(entries), byKey(movements)];

  const shown = new Map<string, Set<number>>();
  const showResident = (village: string, id: number) => {
    const set = shown.get(village) ?? new Set<number>();
    set.add(id);
    shown.set(village, set);
  };

  const out = rows.map((r): FeedEntry => {
    const base: FeedEntry = { kind: r.kind, village_code: r.village_code, recorded_at: r.at, date: null, source_id: r.source_id };
    const k = key(r.village_code, r.source_id);
    const group = groupOf(r.kind);
    if (group === 'population') {
      const e = eventOf.get(k);
      if (!e) return base;
      const resident = persons && e.name !== null ? { name: e.name, nik: nik(e.nik), sex: e.sex } : undefined;
      if (resident) showResident(r.village_code, Number(e.resident_id));
      return { ...base, date: e.event_date, population: { population_change: Number(e.population_change), resident_id: Number(e.resident_id), family_id: e.family_id === null ? null : Number(e.family_id), ...(resident ? { resident } : {}) } };
    }
    if (group === 'letter') {
      const l = letterOf.get(k);
      if (!l) return base;
      const resident = persons && l.name !== null ? { name: l.name, nik: nik(l.nik) } : undefined;
      if (resident) showResident(r.village_code, Number(l.resident_id));
      return {
        ...base,
        date: r.kind === 'letter.revoked' ? l.revoked_on : l.signed_on,
        letter: { type_code: l.type_code, type_title: l.type_title, number: l.number, resident_id: Number(l.resident_id), ...(resident ? { resident } : {}) },
      };
    }
    if (r.kind === 'budget.realisation') {
      const b = entryOf.get(k);
      if (!b) return base;
      return {
        ...base,
        date: b.entry_date,
        budget: {
          year: Number(b.year), account_code: b.account_code, activity_code: b.activity_code, fund: b.fund, amount: String(b.amount), tax_ppn: String(b.tax_ppn), tax_pph: String(b.tax_pph),
          corrects: b.corrects === null ? null : Number(b.corrects), ...(bookkeeper ? { description: b.description } : {}),
        },
      };
    }
    const m = movementOf.get(k);
    if (!m) return base;
    return {
      ...base,
      date: m.entry_date,
      treasury: {
        year: Number(m.year), kind: m.kind, method: m.method, tax: m.tax, amount: String(m.amount), corrects: m.corrects === null ? null : Number(m.corrects),
        ...(bookkeeper ? { reference: m.reference, description: m.description } : {}),
      },
    };
  });

  // Residents named in the page: one access-log entry per village, naming them (UU 27/2022).
  for (const [village, ids] of shown) {
    await recordAudit(db, ctx, { action: 'feed.read', villageCode: village, subject: `village:${village}`, detail: { residents: [...ids], full_nik: fullNik } });
  }
  return out;
}
