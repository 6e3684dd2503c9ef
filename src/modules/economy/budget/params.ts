import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR } from './load-budget.ts';

/** A budget year in a URL. */
export const yearParam = z.coerce.number().int('Ugyldigt år').min(MIN_YEAR, 'Ugyldigt år').max(MAX_YEAR, 'Ugyldigt år');
/** A solution's key as the portfolio writes it; an unknown one is answered 404 by the use case. */
export const solutionParam = z.string().regex(/^[a-z0-9-]{1,60}$/, 'Ugyldig løsning');
