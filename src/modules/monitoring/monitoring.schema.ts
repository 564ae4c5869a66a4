import { z } from '@hono/zod-openapi';

const count = z.number().int();
const STATUS = z.enum(['sangat_tertinggal', 'tertinggal', 'berkembang', 'maju', 'mandiri']);
const statusCounts = z.object({ sangat_tertinggal: count, tertinggal: count, berkembang: count, maju: count, mandiri: count }).openapi('IndexStatusCounts');

export const MonitoringCodeParam = z.object({
  code: z.string().min(1).max(20).openapi({ param: { name: 'code', in: 'path' }, example: '18.09', description: 'Region code (dots optional), or "nasional" for the whole country' }),
});

export const RegionRefSchema = z
  .object({ code: z.string().openapi({ example: '18.09', description: '"" for the whole country' }), name: z.string(), level: z.number().int().openapi({ description: '0 national … 4 village' }) })
  .openapi('MonitoringRegion');

const child = { code: z.string(), name: z.string() };

export const AdoptionSchema = z
  .object({
    region: RegionRefSchema,
    date: z.string().openapi({ example: '2025-07-01' }),
    totals: z.object({ villages: count, activated: count, target: count, initiative: count, active7: count, active30: count, actions30: count, citizen_actions30: count }),
    children: z.array(z.object({ ...child, villages: count, activated: count, target: count, initiative: count, active7: count, active30: count, actions30: count, quiet: count })),
    timeline: z.array(z.object({ month: z.string().openapi({ example: '2021-03' }), new_target: count, new_initiative: count, total: count })),
    quiet: z.object({ total: count, villages: z.array(z.object({ code: z.string(), name: z.string(), activated_at: z.string(), last_active_day: z.string().nullable() })) }),
  })
  .openapi('Adoption');

const letterSums = { requested: count, requested_online: count, issued: count, ready: count, rejected: count };
export const ServicesQuery = z.object({
  from: z.string().optional().openapi({ example: '2025-06-01' }),
  to: z.string().optional().openapi({ example: '2025-06-30' }),
});
export const ServicesSchema = z
  .object({
    region: RegionRefSchema,
    period: z.object({ from: z.string(), to: z.string() }),
    totals: z.object(letterSums),
    median_seconds_to_ready: z.number().nullable(),
    median_at_least: z.boolean().openapi({ description: 'true when the median lies in the last, open bucket (more than 14 days)' }),
    median_bucket: z.object({ from_seconds: z.number(), to_seconds: z.number().nullable() }).nullable().openapi({ description: 'the bucket that holds the median: exact bounds (median_seconds_to_ready is interpolated inside it)' }),
    mean_seconds_to_ready: z.number().nullable(),
    types: z.array(z.object({ type_code: z.string(), title: z.string(), ...letterSums })),
    children: z.array(z.object({ ...child, ...letterSums })),
    months: z.array(z.object({ month: z.string(), ...letterSums })),
  })
  .openapi('Services');

export const PopulationSchema = z
  .object({
    region: RegionRefSchema,
    year: count,
    totals: z.object({ male: count, female: count, total: count, families: count }),
    age_groups: z.array(z.object({ label: z.string().openapi({ example: '0–4' }), male: count, female: count, total: count })),
    unknown_age: z.object({ male: count, female: count, total: count }),
    life_status: z.array(z.object({ code: count, male: count, female: count, total: count })),
    children: z.array(z.object({ ...child, male: count, female: count, total: count, families: count, births: count, deaths: count, move_in: count, move_out: count })),
    months: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  })
  .openapi('Population');

export const IndexQuery = z.object({
  model: z.enum(['idm', 'id2024']).optional(),
  year: z.string().regex(/^\d{4}$/).optional().openapi({ example: '2024' }),
});
export const IndexSchema = z
  .object({
    region: RegionRefSchema,
    model: z.enum(['idm', 'id2024']),
    year: count,
    scored: count,
    villages: count,
    mean: z.number().nullable(),
    current: statusCounts,
    previous: statusCounts,
    moves: z.object({ up: count, same: count, down: count }),
    children: z.array(z.object({ ...child, villages: count, scored: count, mean: z.number().nullable(), statuses: statusCounts })),
  })
  .openapi('IndexDistribution');

export const FeedSchema = z
  .object({
    region: RegionRefSchema,
    since: z.string(),
    activated: z.array(z.object({ code: z.string(), name: z.string(), activated_at: z.string(), activation_kind: z.string() })),
    letters: z.array(z.object({ code: z.string(), name: z.string(), issued: count, requested: count, requested_online: count })),
    imports: z.array(z.object({ at: z.string(), action: z.string(), code: z.string().nullable(), by: z.string(), detail: z.record(z.string(), z.unknown()) })),
    stopped: z.array(z.object({ code: z.string(), name: z.string(), last_active_day: z.string() })),
  })
  .openapi('ActivityFeed');

export const IndexEntrySchema = z
  .object({
    model: z.enum(['idm', 'id2024']),
    year: count,
    score: z.number(),
    status: STATUS,
    dimensions: z.record(z.string(), z.number()),
    indicators: z.record(z.string(), z.number()),
    source: z.string(),
  })
  .openapi('IndexEntry');

export const IndexEntryInput = z
  .object({
    model: z.enum(['idm', 'id2024']).openapi({ example: 'idm' }),
    year: z.number().int().min(2015).max(2100).openapi({ example: 2024 }),
    dimensions: z.record(z.string(), z.union([z.number(), z.string()])).default({}).openapi({ example: { iks: 0.7412, ike: 0.6, ikl: 0.8 } }),
    indicators: z.record(z.string(), z.union([z.number(), z.string()])).default({}).openapi({ example: { 'iks.kes.jkn': 4 } }),
  })
  .openapi('IndexEntryInput');

export const PublicFiguresSchema = z
  .object({
    region: RegionRefSchema,
    date: z.string(),
    totals: z.object({ villages: count, activated: count, target: count, initiative: count }),
    timeline: z.array(z.object({ month: z.string(), total: count })),
    children: z.array(z.object({ ...child, villages: count, activated: count, statuses: statusCounts })),
    index: z.object({ model: z.literal('idm'), year: count.nullable(), scored: count, statuses: statusCounts }),
  })
  .openapi('PublicRegionFigures');
