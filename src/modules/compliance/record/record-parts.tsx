import type { Choice, Choices } from '../choices.ts';
import type { ContentActivity } from '../content.ts';

/** The personal-data groups of Skema 1, in the order the deck lists them. */
export const DATA_GROUPS: { grp: string; label: string }[] = [
  { grp: 'almindelig', label: 'Almindelige personoplysninger' },
  { grp: 'foelsom', label: 'Følsomme personoplysninger (art. 9)' },
  { grp: 'cpr', label: 'CPR-nummer' },
  { grp: 'strafbare', label: 'Strafbare forhold (art. 10)' },
];

/** The legal-basis groups, as the choice list's `grp` names them. */
export const BASIS_GROUPS: { grp: string; label: string }[] = [
  { grp: 'art6', label: 'Databeskyttelsesforordningens art. 6' },
  { grp: 'art9', label: 'Databeskyttelsesforordningens art. 9 (følsomme oplysninger)' },
  { grp: 'art10', label: 'Databeskyttelsesforordningens art. 10 (strafbare forhold)' },
  { grp: 'national', label: 'National bestemmelse' },
];

/** The chosen keys of a list in the list's own order (art. 6 before art. 9); an unknown key last, as itself. */
export function chosen(list: Choice[], keys: string[]): Choice[] {
  const picked = list.filter((c) => keys.includes(c.key));
  const unknown = keys.filter((k) => !list.some((c) => c.key === k)).map((key) => ({ key, label: key, detail: '', grp: '' }));
  return [...picked, ...unknown];
}

/** Personal-data categories of an activity without any data subject in column G. */
export const unlinkedData = (a: ContentActivity) => a.personalData.filter((d) => !a.columnG.some((g) => g.personalData === d && g.dataSubjects.length > 0));

/** An activity's personal data by group, each category with its label (a sensitive one with its subtype). */
export function DataByGroup({ a, choices }: { a: ContentActivity; choices: Choices }): JSX.Element {
  const all = chosen(choices['personal-data'], a.personalData);
  if (all.length === 0) return <p>Ingen kategorier angivet.</p>;
  return (
    <ul class="nobullet-list">
      {DATA_GROUPS.map((g) => {
        const inGroup = all.filter((c) => c.grp === g.grp);
        if (inGroup.length === 0) return '';
        return (
          <li>
            <strong safe>{`${g.label}: `}</strong>
            <span safe>{inGroup.map((c) => c.label).join(', ')}</span>
          </li>
        );
      })}
      {all.some((c) => !DATA_GROUPS.some((g) => g.grp === c.grp)) ? (
        <li safe>{`Andre: ${all
          .filter((c) => !DATA_GROUPS.some((g) => g.grp === c.grp))
          .map((c) => c.label)
          .join(', ')}`}</li>
      ) : (
        ''
      )}
    </ul>
  );
}

/** Column G written out: "personal data → data subjects", and which personal data is linked to nobody. */
export function ColumnGList({ a, choices }: { a: ContentActivity; choices: Choices }): JSX.Element {
  const missing = unlinkedData(a);
  return (
    <>
      {a.columnG.length === 0 ? (
        <p>Ingen sammenhænge angivet.</p>
      ) : (
        <ul class="nobullet-list">
          {chosen(choices['personal-data'], a.columnG.map((g) => g.personalData)).map((d) => {
            const subjects = a.columnG.find((g) => g.personalData === d.key)?.dataSubjects ?? [];
            return <li safe>{`${d.label} → ${chosen(choices['data-subject'], subjects).map((s) => s.label).join(', ')}`}</li>;
          })}
        </ul>
      )}
      {missing.length > 0 ? (
        <p>
          <strong>Mangler i kolonne G: </strong>
          <span safe>{`${chosen(choices['personal-data'], missing)
            .map((c) => c.label)
            .join(', ')} er ikke knyttet til nogen kategori af registrerede.`}</span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}
