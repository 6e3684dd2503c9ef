import { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/views/format.ts';

/** The Danish calendar year of the request: /oekonomi/priser and /oekonomi/fordeling open on it. */
export const thisYear = (ctx: Ctx) => Number(danishDay(ctx.now).slice(0, 4));

/** A year in a page address; another value is an address that names nothing (the page answers 404). */
export const pageYear = z.coerce.number().int().min(2000).max(2100);

/** A year in an API path, refused in words (422). */
export const apiYear = z.coerce
  .number({ message: 'Året skal være et årstal' })
  .int('Året skal være et årstal')
  .min(2000, 'Året skal være mellem 2000 og 2100')
  .max(2100, 'Året skal være mellem 2000 og 2100');
