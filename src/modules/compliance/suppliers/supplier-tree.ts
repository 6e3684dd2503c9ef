import { byDanishName } from '../../../platform/views/format.ts';
import type { ContentSupplier } from '../content.ts';
import { processingArea } from './countries.ts';

export type SupplierNode = {
  supplier: ContentSupplier;
  children: SupplierNode[];
  /** A sub-processor whose processor is not in the package: shown at the top with a hint. */
  parentMissing: boolean;
};

/**
 * A package's suppliers as their chains: each processor followed by its sub-processors (and theirs),
 * names in Danish order on every level. A sub-processor whose processor is not in the package
 * stands on its own at the top; a loop in the data (which the forms refuse) cannot hang the page.
 */
export function supplierTree(suppliers: ContentSupplier[]): SupplierNode[] {
  const ids = new Set(suppliers.map((s) => s.id));
  const childrenOf = new Map<string, ContentSupplier[]>();
  for (const s of suppliers) {
    if (s.parentId !== null && ids.has(s.parentId)) childrenOf.set(s.parentId, [...(childrenOf.get(s.parentId) ?? []), s]);
  }
  const placed = new Set<string>();
  const build = (s: ContentSupplier, parentMissing: boolean): SupplierNode => {
    placed.add(s.id);
    const children = (childrenOf.get(s.id) ?? []).filter((c) => !placed.has(c.id)).sort(byDanishName);
    return { supplier: s, parentMissing, children: children.map((c) => build(c, false)) };
  };
  const roots = suppliers.filter((s) => s.parentId === null || !ids.has(s.parentId)).sort(byDanishName);
  const tree = roots.map((s) => build(s, s.parentId !== null));
  // Whatever a loop kept out of reach still shows.
  for (const s of suppliers.filter((x) => !placed.has(x.id)).sort(byDanishName)) tree.push(build(s, false));
  return tree;
}

/**
 * The warning a supplier earns when data may leave EU/EØS without a basis: the basis says "none",
 * or none is chosen and the locations do not show that data stays inside EU/EØS.
 */
export function transferWarning(s: Pick<ContentSupplier, 'transferBasis' | 'locations'>): string | null {
  if (s.transferBasis === 'none') return 'Overførsel til tredjeland uden grundlag';
  if (s.transferBasis === null && processingArea(s.locations) !== 'inside') {
    return processingArea(s.locations) === 'outside' ? 'Behandles uden for EU/EØS uden overførselsgrundlag' : 'Overførselsgrundlag mangler';
  }
  return null;
}
