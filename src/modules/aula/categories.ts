/**
 * The nine categories of Aula's secure files (sikre filer), as Aula names them. The set is Aula's,
 * not ours, so it is fixed here and in the tables' checks; what is data is each category's deletion
 * rule and whether a municipality considers it relevant for journalisation.
 */
export const aulaCategories = [
  { key: 'dagsordener', name: 'Dagsordener', relevantByDefault: false },
  { key: 'handleplaner', name: 'Handleplaner', relevantByDefault: true },
  { key: 'indstillinger', name: 'Indstillinger', relevantByDefault: true },
  { key: 'magtanvendelsesskemaer', name: 'Magtanvendelsesskemaer', relevantByDefault: true },
  { key: 'observationer', name: 'Observationer', relevantByDefault: true },
  { key: 'paedagogiske-noter', name: 'Pædagogiske noter', relevantByDefault: false },
  { key: 'referater', name: 'Referater', relevantByDefault: true },
  { key: 'rive-kradseskema', name: 'Rive/kradseskema', relevantByDefault: true },
  { key: 'oevrige-noter', name: 'Øvrige noter', relevantByDefault: false },
] as const;

export type AulaCategory = (typeof aulaCategories)[number]['key'];
export const aulaCategoryKeys = aulaCategories.map((c) => c.key) as unknown as readonly [AulaCategory, ...AulaCategory[]];
export const categoryName = (key: string): string => aulaCategories.find((c) => c.key === key)?.name ?? key;
/** The SQL list for the tables' checks. */
export const categoryCheckList = aulaCategories.map((c) => `'${c.key}'`).join(',');
