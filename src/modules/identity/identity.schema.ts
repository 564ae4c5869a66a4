import { z } from '@hono/zod-openapi';
import { ROLES, STAFF_ROLES } from '../../platform/access/roles.js';

const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

export const LoginInput = z
  .object({
    username: z.string().trim().min(1).max(60).openapi({ example: 'hanura' }),
    password: z.string().min(1).max(200).openapi({ example: 'balai-demo' }),
  })
  .openapi('LoginInput');

export const CreateAccountInput = z
  .object({
    username: z.string().trim().min(3).max(40).openapi({ example: 'operator.hanura' }),
    full_name: z.string().trim().min(2).max(100),
    role: z.enum(STAFF_ROLES),
    region_code: optional(z.string().max(20)).openapi({ example: '18.09.10.2004' }),
    password: z.string().min(1).max(200),
    position_title: optional(z.string().trim().max(100)),
    nip: optional(z.string().trim().max(30)),
    email: optional(z.email().max(120)),
    phone: optional(z.string().trim().max(20)),
  })
  .openapi('CreateAccountInput');
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const ChangePasswordInput = z.object({
  current_password: z.string().min(1).max(200),
  new_password: z.string().min(1).max(200),
  confirm_password: z.string().min(1).max(200),
});

export const ActorSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    full_name: z.string(),
    role: z.enum(ROLES),
    region_code: z.string(),
  })
  .openapi('Actor');
