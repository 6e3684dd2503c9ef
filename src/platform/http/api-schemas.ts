import { z } from 'zod';

/** The error shape every API route answers with on 4xx/5xx. */
export const apiError = z
  .object({
    code: z.string(),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.string()),
    requestId: z.string(),
  })
  .meta({ id: 'Error' });

export const errorResponses = {
  400: apiError,
  401: apiError,
  403: apiError,
  404: apiError,
  409: apiError,
  422: apiError,
};

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export { municipalityCodeParam, uuidParam } from './page-schemas.ts';

/**
 * An API route's body as validated at transport level: a JSON object (or a parsed multipart form),
 * kept as the very object the parser made. The fields are the use case's to check, after its policy,
 * with Danish messages; `documented` is what OpenAPI shows as the body, and is not a claim about the
 * handler's input, which stays `Record<string, unknown>`.
 */
export function apiBody(documented: z.ZodType) {
  const shown = z.toJSONSchema(documented, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' });
  delete shown.$schema;
  return z
    .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v), 'Indholdet skal være et JSON-objekt.')
    .meta(shown as Record<string, unknown>);
}
