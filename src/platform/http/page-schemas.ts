import { z } from 'zod';

/**
 * The pieces the server-rendered pages declare as route schemas (params, querystring, body), shared
 * by every module so a new page validates its input the same way as the API does.
 *
 * Pages differ from the API in what a failure looks like to the user, not in whether input is
 * checked: a param that cannot name anything (a malformed id or code) is answered 404 by the error
 * handler, as an unknown id is; query fields fall back to their defaults (`.catch`), so a mangled
 * link still shows the page; a form body is checked at transport level (fields are text, lists of
 * text or uploaded files) and the use case behind it still answers each field in Danish, so the form
 * is redrawn with the messages next to the fields.
 */

/** An id in a URL: only something PostgreSQL can read as a uuid gets as far as a query. */
export const uuidParam = z.string().uuid('Ugyldigt id');

/** A municipality code in a URL: four digits. */
export const municipalityCodeParam = z.string().regex(/^\d{4}$/, 'Kommunekoden består af fire cifre');

/** Params of a page about one thing by id. */
export const idParams = z.object({ id: uuidParam });

/** Params of a page about one municipality. */
export const codeParams = z.object({ code: municipalityCodeParam });

/** True when the value is a uuid: the one check for ids that arrive inside a body or reach a use case directly. */
export const isUuid = (s: unknown): s is string => uuidParam.safeParse(s).success;

/** A text field of a form, trimmed; absent is the empty text. */
export const formString = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim());

/** A Danish calendar day as the date inputs send it, `YYYY-MM-DD`, and one that exists. */
export const calendarDay = z.string().refine((s) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'Skriv datoen som åååå-mm-dd');

/** A checkbox: browsers send "on" when it is ticked and nothing when it is not; JSON callers send a boolean. */
export const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

/** A page number from `?side=`: a mangled or absent one is the first page. */
export const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

/** A query field shown back as a choice (a notice key, a filter value): anything but one text is absent. */
export const queryText = z.string().optional().catch(undefined);

/**
 * A page's query string: the known fields are parsed with their fallbacks and everything else is
 * kept as sent, for the filter parsers a module shares with its API (which ignore what they cannot read).
 */
export const pageQuery = <T extends z.ZodRawShape>(shape: T) => z.looseObject({ besked: queryText, ...shape });

const formValue = z.union([z.string(), z.array(z.string())]);

/** A query string read whole (a filter form sent back as it came): text, or a list of texts. */
export const queryFields = z.record(z.string(), formValue);

/**
 * An urlencoded form's fields as browsers send them: text, or a list of texts for a repeated field.
 * What each field must contain is the use case's to say, in Danish and after its policy check.
 */
export const formBody = z.record(z.string(), formValue).optional().transform((b) => b ?? {});

/** A form of single text fields only (no repeated field, no file). */
export const textFormBody = z.record(z.string(), z.string()).optional().transform((b) => b ?? {});

/**
 * A multipart form read by the app-wide multipart set-up: text fields, and the chosen file's bytes.
 */
export const multipartBody = z
  .record(z.string(), z.union([formValue, z.instanceof(Buffer), z.array(z.union([z.string(), z.instanceof(Buffer)]))]))
  .optional()
  .transform((b) => b ?? {});

/**
 * A multipart form read by the platform's buffered parser (several named files): its text fields are
 * checked here, and the very object is kept, since the files ride on it out of reach of a JSON body.
 */
export const uploadBody = z
  .custom<Record<string, string | string[]>>(
    (v) => typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string' || (Array.isArray(x) && x.every((y) => typeof y === 'string'))),
    'Formularen kunne ikke læses.',
  )
  .optional()
  .transform((b) => b ?? {});
