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
export const municipalityCodeParam = z.string().regex(/^\d{4}$/, 'Kommunekoden består af fire cifre');
export const uuidParam = z.string().uuid('Ugyldigt id');
