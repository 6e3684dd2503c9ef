import { createHash } from 'node:crypto';
import type { KleSettings } from '../visibility/effective-entry.ts';
import type { PlanNumber } from './load-configuration-view.ts';

/**
 * The plan page's table, kept while what it shows is the same. The table (~2,200 rows, 1–2 MB of
 * HTML) is a pure function of the plan, the municipality's entries, the filter and whether the
 * reader gets checkboxes; rendering it is most of the page's cost, while the data behind it is read
 * in three cheap statements on every request. So the data is read each time and the table is kept
 * under a key made from that data: a write anywhere (another process, the CLI) changes the key, and
 * nothing stale can be served. A few tables are kept, the least recently used dropped first.
 */
const MAX_KEPT = 16;
const kept = new Map<string, KeptTable>();
const planPrints = new WeakMap<readonly PlanNumber[], string>();

export type KeptTable = { html: string; shown: number };

/** What of the plan the table shows, hashed; once per plan array (the embedded database keeps the array until a write). */
function planPrint(plan: readonly PlanNumber[]): string {
  let print = planPrints.get(plan);
  if (print === undefined) {
    const h = createHash('sha256');
    for (const n of plan) h.update(`${n.number}\t${n.title}\t${n.expiredOn ?? ''}\n`);
    print = h.digest('hex');
    planPrints.set(plan, print);
  }
  return print;
}

/** The entries as stored (jsonb keeps its keys in one order), in number order. */
function entriesPrint(entries: ReadonlyMap<string, Partial<KleSettings>>): string {
  return JSON.stringify([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function keptTable(
  facts: { code: string; plan: readonly PlanNumber[]; entries: ReadonlyMap<string, Partial<KleSettings>>; filter: string; select: boolean },
  render: () => KeptTable,
): KeptTable {
  const key = createHash('sha256').update(`${facts.code}\n${facts.select}\n${facts.filter}\n${planPrint(facts.plan)}\n`).update(entriesPrint(facts.entries)).digest('hex');
  const hit = kept.get(key);
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const table = render();
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, table);
  return table;
}
