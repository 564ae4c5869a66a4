import { z } from '@hono/zod-openapi';
import { FEED_GROUPS, FEED_KINDS } from './kinds.js';
import { MAX_LIMIT } from './feed.service.js';

export const FeedQuery = z.object({
  since: z.string().optional().openapi({ description: 'The `next` of the previous page; empty or absent to start from the beginning', example: 'MXwyMDI2LTEyLTA3VDA4OjE1OjMwLjEyMzQ1Nlp8MTguMDkuMTAuMjAwNHw0Mg' }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().openapi({ description: `Entries per page, at most ${MAX_LIMIT} (default 100)`, example: 100 }),
  kinds: z.string().optional().openapi({ description: `Comma-separated groups (${FEED_GROUPS.join(', ')}) or kinds (${FEED_KINDS.join(', ')}); default every group you may read`, example: 'population,letter.issued' }),
  wilayah: z.string().optional().openapi({ description: 'A region code inside your scope (dots optional) to narrow the feed to', example: '18.09.10' }),
});

const person = z.object({ name: z.string().nullable(), nik: z.string().nullable().openapi({ description: 'masked (1809********0001) without population.full_nik' }), sex: z.number().int().nullable().optional() });
const money = z.string().openapi({ description: 'whole rupiah, exact', example: '15900000' });

export const FeedEntrySchema = z
  .object({
    kind: z.string().openapi({ example: 'population.birth' }),
    village_code: z.string().openapi({ example: '18.09.10.2004' }),
    recorded_at: z.string().openapi({ description: 'when the change was recorded on the server (UTC)', example: '2026-12-07T08:15:30.123456Z' }),
    date: z.string().nullable().openapi({ description: 'the day the change is about: event date, day signed or revoked (WIB), entry date', example: '2026-12-01' }),
    source_id: z.number().int().openapi({ description: 'the id of the event, letter or entry in its village' }),
    population: z.object({ population_change: z.number().int().openapi({ description: '+1 joins the population, -1 leaves it, 0 neither' }), resident_id: z.number().int(), family_id: z.number().int().nullable(), resident: person.optional().openapi({ description: 'only with population.read' }) }).optional(),
    letter: z.object({ type_code: z.string(), type_title: z.string(), number: z.string().nullable(), resident_id: z.number().int(), resident: person.optional().openapi({ description: 'only with population.read' }) }).optional(),
    budget: z.object({ year: z.number().int(), account_code: z.string(), activity_code: z.string().nullable(), fund: z.string().nullable(), amount: money, tax_ppn: money, tax_pph: money, corrects: z.number().int().nullable(), description: z.string().optional().openapi({ description: 'only with budget.read' }) }).optional(),
    treasury: z.object({ year: z.number().int(), kind: z.string().openapi({ example: 'withdrawal' }), method: z.string(), tax: z.string().nullable(), amount: money, corrects: z.number().int().nullable(), reference: z.string().nullable().optional(), description: z.string().optional() }).optional(),
  })
  .openapi('FeedEntry');

export const FeedPageSchema = z
  .object({
    entries: z.array(FeedEntrySchema),
    next: z.string().openapi({ description: 'the cursor to pass as `since` for what comes after this page' }),
    more: z.boolean().openapi({ description: 'true when more entries are ready now: ask again at once' }),
  })
  .openapi('FeedPage');
