import { z } from 'zod';
import { invalid, type FieldErrors } from '../../../platform/errors.ts';
import type { Kink } from '../price-models.ts';
import { priceModelKinds, type PriceModelKind } from '../schema.ts';

/**
 * What a price model is made of, as the API sends it (øre as whole numbers) and as the form's
 * fields become once their kroner are read. One checker for both, so the page and the API refuse
 * the same things with the same Danish words.
 */
export type PriceModelInput = {
  solution: string;
  label: string;
  kind: PriceModelKind;
  rateOre: number | null;
  amountOre: number | null;
  kink: Kink | null;
  usageUnit: string | null;
  unitPrices: { label: string; unitPriceOre: number }[];
  sort: number;
};

/**
 * Upper bounds that keep every sum exact in a JS number (2^53 øre): 98 municipalities × the largest
 * rate × the largest population, or × five unit prices × the largest count, stay far below it.
 */
export const LIMITS = {
  rateOre: 10_000_000, // 100.000,00 kr. per citizen
  amountOre: 1_000_000_000_000, // 10 mia. kr.
  unitPriceOre: 1_000_000, // 10.000,00 kr. per unit
  threshold: 10_000_000,
  quantity: 10_000_000,
  unitPrices: 5,
  label: 120,
  usageUnit: 40,
  unitLabel: 60,
  sort: 1000,
} as const;

export const KIND_NAMES: Record<PriceModelKind, string> = {
  per_citizen: 'Pris pr. indbygger',
  per_citizen_kink: 'Pris pr. indbygger med knækrabat',
  fixed: 'Fast beløb pr. kommune',
  distributed: 'Samlet beløb fordelt efter indbyggertal',
  usage: 'Forbrug × enhedspris',
};

/** Which fields each kind uses; a field of another kind sent anyway is refused, since it was meant for something. */
export const KIND_FIELDS: Record<PriceModelKind, { rate: boolean; amount: boolean; kink: 'required' | 'optional' | 'none'; usage: boolean }> = {
  per_citizen: { rate: true, amount: false, kink: 'none', usage: false },
  per_citizen_kink: { rate: true, amount: false, kink: 'required', usage: false },
  fixed: { rate: false, amount: true, kink: 'none', usage: false },
  distributed: { rate: false, amount: true, kink: 'optional', usage: false },
  usage: { rate: false, amount: false, kink: 'none', usage: true },
};

const oreSchema = (description: string) => z.number().int().min(0).nullable().optional().describe(description);

/** The documented JSON body of create and update; the checking itself is `checkPriceModel`, with Danish messages. */
export const priceModelInputSchema = z
  .object({
    solution: z.string().describe('Løsningens nøgle, fx infrastruktur'),
    label: z.string().max(LIMITS.label).describe('Linjens navn på fakturaen, fx "Infrastruktur pr. indbygger"; entydig pr. løsning og år'),
    kind: z.enum(priceModelKinds).describe('per_citizen, per_citizen_kink, fixed, distributed eller usage'),
    rateOre: oreSchema('per_citizen og per_citizen_kink: prisen pr. indbygger i øre (25 kr. = 2500)'),
    amountOre: oreSchema('fixed: beløbet pr. kommune; distributed: det samlede beløb, der fordeles; i øre'),
    kink: z
      .object({
        thresholdCitizens: z.number().int().min(0).describe('Grænsen, fx 150000'),
        reducedPercent: z.number().int().min(0).max(100).describe('Hvor mange procent indbyggere over grænsen tæller, fx 50'),
      })
      .nullable()
      .optional()
      .describe('per_citizen_kink (skal) og distributed (kan): knækrabatten'),
    usageUnit: z.string().max(LIMITS.usageUnit).nullable().optional().describe('usage: hvad der tælles, fx valgkort'),
    unitPrices: z
      .array(z.object({ label: z.string().max(LIMITS.unitLabel), unitPriceOre: z.number().int().min(0) }))
      .max(LIMITS.unitPrices)
      .optional()
      .describe('usage: 1-5 enhedspriser i øre, fx [{"label":"tryk","unitPriceOre":190},{"label":"porto","unitPriceOre":740}]'),
    sort: z.number().int().min(0).max(LIMITS.sort).optional().describe('Rækkefølgen inden for løsningen (lavest først)'),
  })
  .meta({ id: 'EconomyPriceModelSave' });

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const has = (v: unknown) => v !== undefined && v !== null;

function text(raw: unknown, field: string, errors: FieldErrors, o: { missing: string; max: number }): string {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    errors[field] = o.missing;
    return '';
  }
  const s = (raw ?? '').trim().replace(/\s+/g, ' ');
  if (s === '') errors[field] = o.missing;
  else if (s.length > o.max) errors[field] = `Højst ${o.max} tegn`;
  return s;
}

function money(raw: unknown, field: string, errors: FieldErrors, o: { what: string; max: number }): number | null {
  if (!has(raw)) {
    errors[field] = `Skriv ${o.what}`;
    return null;
  }
  if (!isWhole(raw)) errors[field] = `${capital(o.what)} skal være et helt antal øre`;
  else if (raw < 0) errors[field] = `${capital(o.what)} kan ikke være negativ`;
  else if (raw > o.max) errors[field] = `${capital(o.what)} er for stor`;
  else return raw;
  return null;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function kinkOf(raw: unknown, errors: FieldErrors): Kink | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.kink = 'Skriv grænsen og procentsatsen for knækrabatten';
    return null;
  }
  const k = raw as Record<string, unknown>;
  const t = k.thresholdCitizens;
  const p = k.reducedPercent;
  if (!has(t)) errors['kink.thresholdCitizens'] = 'Skriv grænsen i antal indbyggere, fx 150.000';
  else if (!isWhole(t) || t < 0 || t > LIMITS.threshold) errors['kink.thresholdCitizens'] = 'Grænsen skal være et helt antal indbyggere på 0 eller derover';
  if (!has(p)) errors['kink.reducedPercent'] = 'Skriv procentsatsen, fx 50';
  else if (!isWhole(p) || p < 0 || p > 100) errors['kink.reducedPercent'] = 'Procentsatsen skal være et helt tal fra 0 til 100';
  return isWhole(t) && isWhole(p) && !errors['kink.thresholdCitizens'] && !errors['kink.reducedPercent'] ? { thresholdCitizens: t, reducedPercent: p } : null;
}

function unitPricesOf(raw: unknown, errors: FieldErrors): { label: string; unitPriceOre: number }[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    errors.unitPrices = 'Skriv mindst én enhedspris, fx tryk 1,90 kr.';
    return [];
  }
  if (raw.length > LIMITS.unitPrices) {
    errors.unitPrices = `Højst ${LIMITS.unitPrices} enhedspriser`;
    return [];
  }
  const seen = new Set<string>();
  return raw.map((u: unknown, i) => {
    const row = u && typeof u === 'object' && !Array.isArray(u) ? (u as Record<string, unknown>) : {};
    const label = text(row.label, `unitPrices.${i}.label`, errors, { missing: 'Skriv, hvad prisen dækker, fx tryk', max: LIMITS.unitLabel });
    if (label && seen.has(label.toLowerCase())) errors[`unitPrices.${i}.label`] = 'Navnet er brugt af en anden enhedspris';
    seen.add(label.toLowerCase());
    const unitPriceOre = money(row.unitPriceOre, `unitPrices.${i}.unitPriceOre`, errors, { what: 'enhedsprisen', max: LIMITS.unitPriceOre }) ?? 0;
    return { label, unitPriceOre };
  });
}

/**
 * Checks a price model in the API's shape. Every field's problem is named at once (422 with
 * fieldErrors keyed like the JSON: `rateOre`, `kink.reducedPercent`, `unitPrices.1.unitPriceOre`).
 */
export function checkPriceModel(raw: unknown): PriceModelInput {
  const body = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const errors: FieldErrors = {};
  const solution = text(body.solution, 'solution', errors, { missing: 'Vælg en løsning', max: 100 });
  const label = text(body.label, 'label', errors, { missing: 'Skriv linjens navn, fx Infrastruktur pr. indbygger', max: LIMITS.label });
  const kind = priceModelKinds.find((k) => k === body.kind);
  if (!kind) errors.kind = 'Vælg en af prismodellens typer';
  let sort = 0;
  if (has(body.sort)) {
    if (isWhole(body.sort) && body.sort >= 0 && body.sort <= LIMITS.sort) sort = body.sort;
    else errors.sort = `Rækkefølgen skal være et helt tal fra 0 til ${LIMITS.sort}`;
  }
  const input: PriceModelInput = { solution, label, kind: kind ?? 'per_citizen', rateOre: null, amountOre: null, kink: null, usageUnit: null, unitPrices: [], sort };
  if (kind) {
    const uses = KIND_FIELDS[kind];
    const unused = (field: string) => (errors[field] = `Bruges ikke af typen «${KIND_NAMES[kind]}»; udelad feltet`);
    if (uses.rate) input.rateOre = money(body.rateOre, 'rateOre', errors, { what: 'prisen pr. indbygger', max: LIMITS.rateOre });
    else if (has(body.rateOre)) unused('rateOre');
    if (uses.amount) input.amountOre = money(body.amountOre, 'amountOre', errors, { what: 'beløbet', max: LIMITS.amountOre });
    else if (has(body.amountOre)) unused('amountOre');
    if (uses.kink === 'required' || (uses.kink === 'optional' && has(body.kink))) input.kink = kinkOf(body.kink, errors);
    else if (has(body.kink)) unused('kink');
    if (uses.usage) {
      input.usageUnit = text(body.usageUnit, 'usageUnit', errors, { missing: 'Skriv, hvad der tælles, fx valgkort', max: LIMITS.usageUnit });
      input.unitPrices = unitPricesOf(body.unitPrices, errors);
    } else {
      if (has(body.usageUnit)) unused('usageUnit');
      if (Array.isArray(body.unitPrices) ? body.unitPrices.length > 0 : has(body.unitPrices)) unused('unitPrices');
    }
  }
  if (Object.keys(errors).length > 0) throw invalid(errors, 'Prismodellen er ikke udfyldt rigtigt. Ret felterne og prøv igen.');
  return input;
}

/** Two inputs that would store the same model (used to make a repeated save change and log nothing). */
export function sameModel(a: PriceModelInput, b: PriceModelInput): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The price_model columns a checked input sets, as creating and editing write them. */
export function priceModelColumns(input: PriceModelInput, solutionKey: string, by: { userId: string; now: Date }) {
  return {
    solutionKey,
    label: input.label,
    kind: input.kind,
    rateOre: input.rateOre,
    amountOre: input.amountOre,
    kinkThreshold: input.kink?.thresholdCitizens ?? null,
    kinkReducedPercent: input.kink?.reducedPercent ?? null,
    usageUnit: input.usageUnit,
    sort: input.sort,
    updatedAt: by.now,
    updatedBy: by.userId,
  };
}
