import { z } from '@hono/zod-openapi';

export const RegionSchema = z
  .object({
    code: z.string().openapi({ example: '18.09.10.2004' }),
    parent_code: z.string().nullable().openapi({ example: '18.09.10' }),
    level: z.number().int().openapi({ description: '1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan' }),
    kind: z.enum(['provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan', 'desa_adat']),
    name: z.string().openapi({ example: 'Hanura' }),
  })
  .openapi('Region');

export const RegionWithTotalsSchema = RegionSchema.extend({
  villages: z.number().int().openapi({ description: 'desa/kelurahan below this region' }),
  activated: z.number().int().openapi({ description: 'of which activated on Balai' }),
}).openapi('RegionWithTotals');

export const RegionCodeParam = z.object({
  code: z.string().min(1).max(20).openapi({ param: { name: 'code', in: 'path' }, example: '1809102004' }),
});

export const RegionSearchQuery = z.object({
  q: z.string().min(2).max(60).openapi({ example: 'hanura' }),
  within: z.string().max(20).optional().openapi({ example: '18' }),
  level: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
