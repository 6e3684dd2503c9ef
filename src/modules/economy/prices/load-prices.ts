import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { solution } from '../../../platform/identity/schema.ts';
import type { Kink } from '../price-models.ts';
import { priceModel, priceUnitPrice, priceUsage, type PriceModelKind } from '../schema.ts';

/** A price model as stored, with its unit prices and usage counts; the one shape the allocation and the pages read. */
export type StoredPriceModel = {
  id: string;
  year: number;
  solutionKey: string;
  solutionName: string;
  label: string;
  kind: PriceModelKind;
  rateOre: number | null;
  amountOre: number | null;
  kink: Kink | null;
  usageUnit: string | null;
  unitPrices: { label: string; unitPriceOre: number }[];
  /** usage models: the count per municipality code; a municipality without an entry used none */
  usage: Map<string, number>;
  sort: number;
  updatedAt: Date;
};

/**
 * A year's price models (optionally one solution's) in the order the invoice shows them: by the
 * solution's sort, then the model's. Three statements whatever the number of models.
 */
export async function loadPriceModels(db: Db, year: number, solutionKey?: string): Promise<StoredPriceModel[]> {
  const where = solutionKey ? and(eq(priceModel.year, year), eq(priceModel.solutionKey, solutionKey)) : eq(priceModel.year, year);
  const rows = await db
    .select({ m: priceModel, solutionName: solution.name, solutionSort: solution.sort })
    .from(priceModel)
    .innerJoin(solution, eq(solution.key, priceModel.solutionKey))
    .where(where)
    .orderBy(asc(solution.sort), asc(solution.key), asc(priceModel.sort), asc(priceModel.label));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.m.id);
  const usageIds = rows.filter((r) => r.m.kind === 'usage').map((r) => r.m.id);
  // Sequential, not Promise.all: publishing calls this inside a transaction, whose one connection runs one statement at a time.
  const units = usageIds.length ? await db.select().from(priceUnitPrice).where(inArray(priceUnitPrice.priceModelId, usageIds)).orderBy(asc(priceUnitPrice.position)) : [];
  const usages = usageIds.length ? await db.select().from(priceUsage).where(inArray(priceUsage.priceModelId, usageIds)) : [];
  const byId = new Map(
    rows.map(({ m, solutionName }) => [
      m.id,
      {
        id: m.id,
        year: m.year,
        solutionKey: m.solutionKey,
        solutionName,
        label: m.label,
        kind: m.kind,
        rateOre: m.rateOre,
        amountOre: m.amountOre,
        kink: m.kinkThreshold === null || m.kinkReducedPercent === null ? null : { thresholdCitizens: m.kinkThreshold, reducedPercent: m.kinkReducedPercent },
        usageUnit: m.usageUnit,
        unitPrices: [] as { label: string; unitPriceOre: number }[],
        usage: new Map<string, number>(),
        sort: m.sort,
        updatedAt: m.updatedAt,
      } satisfies StoredPriceModel,
    ]),
  );
  for (const u of units) byId.get(u.priceModelId)?.unitPrices.push({ label: u.label, unitPriceOre: u.unitPriceOre });
  for (const u of usages) byId.get(u.priceModelId)?.usage.set(u.municipalityCode, u.quantity);
  return ids.map((id) => byId.get(id)!);
}
