import { z } from '@hono/zod-openapi';

/** The one error shape every endpoint returns. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_input' }),
      message: z.string().openapi({ example: 'Kolom username wajib diisi.' }),
      field: z.string().nullable().openapi({ example: 'username' }),
    }),
  })
  .openapi('Error');

/** An OpenAPI response with a JSON body of this schema. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
/** An OpenAPI error response (always the Error shape). */
export const errorResponse = (description: string) => jsonResponse(ErrorSchema, description);
