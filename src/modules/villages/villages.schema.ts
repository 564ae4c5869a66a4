import { z } from '@hono/zod-openapi';

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), z.string().max(max).nullable().optional());

export const ActivateVillageInput = z
  .object({
    activation_kind: z.enum(['target', 'initiative']).openapi({ description: 'target: one of the province\'s target villages; initiative: joined on its own' }),
  })
  .openapi('ActivateVillageInput');

export const VillageProfileInput = z
  .object({
    head_name: optionalText(100),
    head_nip: optionalText(30),
    office_address: optionalText(300),
    postal_code: z.preprocess((v) => (v === '' ? null : v), z.string().regex(/^\d{5}$/).nullable().optional()),
    phone: z.preprocess((v) => (v === '' ? null : v), z.string().regex(/^[+\d][\d\s-]{5,19}$/).nullable().optional()),
    email: z.preprocess((v) => (v === '' ? null : v), z.email().max(120).nullable().optional()),
    website: z.preprocess((v) => (v === '' ? null : v), z.url({ protocol: /^https?$/ }).max(200).nullable().optional()),
  })
  .strict()
  .openapi('VillageProfileInput');
export type VillageProfileInput = z.infer<typeof VillageProfileInput>;

export const AreaInput = z
  .object({
    level: z.enum(['dusun', 'rw', 'rt']),
    parent_id: z.coerce.number().int().positive().nullable().optional(),
    name: z.string().trim().min(1).max(60),
  })
  .openapi('AreaInput');
export type AreaInput = z.infer<typeof AreaInput>;

export const VillageSchema = z
  .object({
    village_code: z.string(),
    name: z.string(),
    kind: z.string(),
    activated_at: z.string(),
    activation_kind: z.enum(['target', 'initiative']),
    head_name: z.string().nullable(),
    head_nip: z.string().nullable(),
    office_address: z.string().nullable(),
    postal_code: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    has_logo: z.boolean(),
    areas: z.array(z.object({ id: z.number(), parent_id: z.number().nullable(), level: z.enum(['dusun', 'rw', 'rt']), name: z.string() })),
  })
  .openapi('Village');
