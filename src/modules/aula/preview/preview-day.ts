import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { parseDay } from '../../../platform/days.ts';
import { AppError } from '../../../platform/errors.ts';
import { calendarDay } from '../../../platform/http/page-schemas.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { previewGroupings, type PreviewGrouping } from './deletion-preview.ts';

/** What the page says when the date cannot be read. */
export const BAD_DAY = 'Skriv datoen som dd.mm.åååå, fx 01.03.2027.';

/** The page's `?dato=`: absent or empty is today; dd.mm.yyyy and yyyy-mm-dd are read; anything else is refused. */
export function pageDay(raw: string | undefined, today: string): { day: string } | { error: string } {
  if (raw === undefined || raw.trim() === '') return { day: today };
  const day = parseDay(raw);
  return day ? { day } : { error: BAD_DAY };
}

const badRequest = (field: string, message: string) => new AppError(400, 'bad_request', message, { [field]: message });

/** The API's date (yyyy-mm-dd, absent: today); anything else is the caller's mistake, 400. */
export function apiDay(raw: string | undefined, field: string, today: string): string {
  if (raw === undefined) return today;
  if (!calendarDay.safeParse(raw).success) throw badRequest(field, 'Skriv datoen som åååå-mm-dd.');
  return raw;
}

export function apiGrouping(raw: string | undefined): PreviewGrouping {
  if (raw === undefined) return 'municipality';
  if (!(previewGroupings as readonly string[]).includes(raw)) throw badRequest('groupBy', `groupBy skal være ${previewGroupings.join(', ')}.`);
  return raw as PreviewGrouping;
}

export function apiMunicipalityCode(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{4}$/.test(raw)) throw badRequest('municipality', 'Kommunekoden består af fire cifre.');
  return raw;
}

/** The municipality's name, or null when the code is not one of the 98. */
export async function municipalityName(db: Db, code: string): Promise<string | null> {
  const [m] = await db.select({ name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  return m?.name ?? null;
}
