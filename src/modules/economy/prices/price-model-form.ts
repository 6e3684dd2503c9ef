import type { FieldErrors } from '../../../platform/errors.ts';
import { parseKroner } from '../../../platform/money.ts';
import { formatKroner, formatNumber } from '../../../platform/views/format.ts';
import { priceModelKinds, type PriceModelKind } from '../schema.ts';
import type { StoredPriceModel } from './load-prices.ts';
import { KIND_FIELDS, LIMITS } from './price-model-input.ts';

/**
 * The price model form's fields and the API's shape, in both directions: amounts are typed in
 * kroner ("1.234,50") and become øre here; a field's error from the shared checker is put back on
 * the field it came from.
 */
export type FormValues = Record<string, string>;

export const UNIT_PRICE_ROWS = LIMITS.unitPrices;

export const kindOf = (raw: unknown): PriceModelKind | undefined => priceModelKinds.find((k) => k === raw);

const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/** The form's own fields as text, for showing them again after an error. */
export function formValues(body: Record<string, unknown>): FormValues {
  const names = ['solution', 'label', 'kind', 'rate', 'amount', 'kinkThreshold', 'kinkPercent', 'usageUnit', 'sort'];
  for (let i = 0; i < UNIT_PRICE_ROWS; i++) names.push(`unitPrices.${i}.label`, `unitPrices.${i}.price`);
  return Object.fromEntries(names.map((n) => [n, one(body[n]).trim()]));
}

/** "150.000", "150000", "50", "50 %": a whole number as people type it, or undefined. */
function wholeNumber(text: string): number | undefined {
  const cleaned = text.replace(/\s*%$/, '').replace(/[\s\u00a0]/g, '');
  if (!/^\d{1,3}(\.\d{3})+$|^\d+$/.test(cleaned)) return undefined;
  const n = Number(cleaned.replaceAll('.', ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The form as the API's body, with the errors only the form can have (kroner that cannot be read).
 * Only the chosen kind's fields are read: the form shows no others.
 */
export function priceModelFromForm(v: FormValues): { raw: Record<string, unknown>; errors: FieldErrors; unitRows: number[] } {
  const errors: FieldErrors = {};
  const kind = kindOf(v.kind);
  const raw: Record<string, unknown> = { solution: v.solution, label: v.label, kind: v.kind };
  if (v.sort) {
    const sort = wholeNumber(v.sort);
    if (sort === undefined) errors.sort = `Rækkefølgen skal være et helt tal fra 0 til ${LIMITS.sort}`;
    else raw.sort = sort;
  }
  const kroner = (field: string, text: string | undefined, what: string): number | null => {
    if (!text) return null; // the checker says what is missing
    const parsed = parseKroner(text);
    if (parsed.ok) return parsed.ore;
    errors[field] = `${what}: ${parsed.message}`;
    return null;
  };
  const rowOf: number[] = [];
  if (!kind) return { raw, errors, unitRows: rowOf };
  const uses = KIND_FIELDS[kind];
  if (uses.rate) raw.rateOre = kroner('rate', v.rate, 'Prisen pr. indbygger');
  if (uses.amount) raw.amountOre = kroner('amount', v.amount, 'Beløbet');
  if (uses.kink !== 'none') {
    const threshold = v.kinkThreshold ?? '';
    const percent = v.kinkPercent ?? '';
    if (uses.kink === 'optional' && threshold === '' && percent === '') raw.kink = null;
    else {
      const t = threshold === '' ? null : wholeNumber(threshold);
      const p = percent === '' ? null : wholeNumber(percent);
      if (t === undefined) errors.kinkThreshold = 'Grænsen skal være et helt antal indbyggere, fx 150.000';
      if (p === undefined) errors.kinkPercent = 'Procentsatsen skal være et helt tal fra 0 til 100, fx 50';
      raw.kink = { thresholdCitizens: t ?? null, reducedPercent: p ?? null };
    }
  }
  if (uses.usage) {
    raw.usageUnit = v.usageUnit;
    const unitPrices: { label: string; unitPriceOre: number | null }[] = [];
    for (let i = 0; i < UNIT_PRICE_ROWS; i++) {
      const label = v[`unitPrices.${i}.label`] ?? '';
      const price = v[`unitPrices.${i}.price`] ?? '';
      if (label === '' && price === '') continue;
      rowOf.push(i);
      unitPrices.push({ label, unitPriceOre: price === '' ? null : kroner(`unitPrices.${i}.price`, price, 'Enhedsprisen') });
    }
    raw.unitPrices = unitPrices;
  }
  // The checker numbers the unit prices it was given; the form's blank rows are skipped, so unitRows says which row each was.
  return { raw, errors, unitRows: rowOf };
}

/** The checker's field (the JSON path) as the form's field. */
export function formField(apiField: string, unitRows: readonly number[] = []): string {
  const unit = /^unitPrices\.(\d+)\.(label|unitPriceOre)$/.exec(apiField);
  if (unit) return `unitPrices.${unitRows[Number(unit[1])] ?? Number(unit[1])}.${unit[2] === 'label' ? 'label' : 'price'}`;
  const map: Record<string, string> = {
    rateOre: 'rate',
    amountOre: 'amount',
    kink: 'kinkThreshold',
    'kink.thresholdCitizens': 'kinkThreshold',
    'kink.reducedPercent': 'kinkPercent',
    unitPrices: 'unitPrices.0.label',
  };
  return map[apiField] ?? apiField;
}

/** The checker's errors on the form's fields; an error the form found itself (unreadable kroner) wins. */
export function formErrors(apiErrors: FieldErrors, own: FieldErrors, unitRows: readonly number[] = []): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, message] of Object.entries(apiErrors)) out[formField(k, unitRows)] ??= message;
  return { ...out, ...own };
}

/** "25,00" from 2500 øre: the amount as the form shows it. */
const krText = (ore: number | null) => (ore === null ? '' : formatKroner(ore).replace(/ kr\.$/, ''));

/** A stored model as the form's values (the edit page's starting point). */
export function storedFormValues(m: StoredPriceModel): FormValues {
  const v: FormValues = {
    solution: m.solutionKey,
    label: m.label,
    kind: m.kind,
    rate: krText(m.rateOre),
    amount: krText(m.amountOre),
    kinkThreshold: m.kink ? formatNumber(m.kink.thresholdCitizens) : '',
    kinkPercent: m.kink ? String(m.kink.reducedPercent) : '',
    usageUnit: m.usageUnit ?? '',
    sort: String(m.sort),
  };
  m.unitPrices.forEach((u, i) => {
    v[`unitPrices.${i}.label`] = u.label;
    v[`unitPrices.${i}.price`] = krText(u.unitPriceOre);
  });
  return v;
}

/** Labels for the error summary's links. */
export const FIELD_LABELS: Record<string, string> = {
  solution: 'Løsning',
  label: 'Linjens navn',
  kind: 'Type',
  rate: 'Pris pr. indbygger',
  amount: 'Beløb',
  kinkThreshold: 'Grænse for knækrabat',
  kinkPercent: 'Procent over grænsen',
  usageUnit: 'Enhed',
  sort: 'Rækkefølge',
  fil: 'Fil',
  aar: 'År',
  ...Object.fromEntries(
    Array.from({ length: UNIT_PRICE_ROWS }, (_, i) => [
      [`unitPrices.${i}.label`, `Enhedspris ${i + 1}: navn`],
      [`unitPrices.${i}.price`, `Enhedspris ${i + 1}: pris`],
    ]).flat(),
  ),
};
