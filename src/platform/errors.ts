import type { ZodType } from 'zod';

export type FieldErrors = Record<string, string>;

/** A failure the caller can act on; the HTTP layer turns it into a structured error or a Danish page. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }
}

export const notFound = (message = 'Siden eller ressourcen findes ikke.') => new AppError(404, 'not_found', message);
export const forbidden = (message = 'Du har ikke adgang til at gøre dette.') => new AppError(403, 'forbidden', message);
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'Du skal være logget ind.');
export const conflict = (message: string, fieldErrors: FieldErrors = {}) => new AppError(409, 'conflict', message, fieldErrors);
export const invalid = (fieldErrors: FieldErrors, message = 'Der er fejl i det indsendte. Ret felterne og prøv igen.') =>
  new AppError(422, 'validation_failed', message, fieldErrors);

/** Parses input with a Zod schema whose messages are Danish; failures become one 422 with every field's error. */
export function parseInput<T>(schema: ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    fieldErrors[key] ??= issue.message;
  }
  throw invalid(fieldErrors);
}

/**
 * A refused import on the command line: the message, then each bad line as "Linje 7: …" (the
 * `linje-N` field errors every file import uses) and any other field's message. Returns the exit
 * code; anything but an AppError is a bug and is thrown on.
 */
export function printImportError(error: unknown): 1 {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  for (const [key, message] of Object.entries(error.fieldErrors)) {
    const line = /^linje-(\d+)$/.exec(key)?.[1];
    if (line) console.error(`Linje ${line}: ${message}`);
    else if (message !== error.message) console.error(message);
  }
  return 1;
}
