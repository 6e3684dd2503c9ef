import { StatusBadge } from '../../../platform/views/badge.tsx';
import { formatDeadline } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { MUNICIPAL_STATUS_LABELS, signedText, TYPE_LABELS } from '../../agreements/index.ts';
import type { Programme } from '../load-programmes.ts';
import type { ProgrammeAgreement } from '../programme-agreements.ts';

const DRAFT = 'Kladde – ikke sendt endnu';

/** Central staff read how the addressed municipalities stand; a municipality's user reads its own status. */
function standing(a: ProgrammeAgreement, central: boolean): string {
  if (a.status === 'draft') return DRAFT;
  if (central) return a.counts ? `${signedText(a.counts)}, ${String(a.counts.outstanding)} mangler` : 'Ikke sendt til nogen kommune';
  return a.ownStatus ? MUNICIPAL_STATUS_LABELS[a.ownStatus] : '–';
}

/** The agreements concerning the programme's solution, each with where it stands for the reader. */
export function ProgrammeAgreements(p: { programme: Programme; central: boolean; municipalityName: string | null }): JSX.Element {
  const g = p.programme;
  const heading = p.central ? 'Underskrevet' : `Status for ${p.municipalityName ?? 'jeres kommune'}`;
  return (
    <section aria-labelledby="aftaler">
      <h2 id="aftaler">Aftaler</h2>
      {g.solutionKey === null ? (
        <p>Programmet hører ikke til en bestemt løsning, så der er ingen aftaler knyttet til det.</p>
      ) : g.agreements.length === 0 ? (
        <p safe>{p.central ? `Der er ingen aftaler om ${g.solutionName ?? g.solutionKey}.` : `Der er ingen aftaler om ${g.solutionName ?? g.solutionKey} sendt til jeres kommune.`}</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-agreements>
            <caption safe>{`Aftaler om ${g.solutionName ?? g.solutionKey}`}</caption>
            <thead>
              <tr>
                <th scope="col">Aftale</th>
                <th scope="col">Type</th>
                <th scope="col" safe>
                  {heading}
                </th>
              </tr>
            </thead>
            <tbody>
              {g.agreements.map((a) => (
                <tr data-aftale={a.id}>
                  <td>
                    <a href={`/aftaler/${a.id}`} safe>
                      {a.title}
                    </a>
                  </td>
                  <td safe>{TYPE_LABELS[a.type]}</td>
                  <td safe>{standing(a, p.central)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
    </section>
  );
}

/** The newest news about the programme the reader may see; central staff also see items waiting for their day. */
export function ProgrammeNewsList(p: { programme: Programme; today: string }): JSX.Element {
  const { items, total } = p.programme.news;
  return (
    <section aria-labelledby="nyt">
      <h2 id="nyt">Nyt om programmet</h2>
      {items.length === 0 ? (
        <p>Der er ingen nyheder om programmet.</p>
      ) : (
        <>
          <ul class="nobullet-list" data-news>
            {items.map((n) => (
              <li class="mb-3">
                <a href={`/nyt/${n.id}`} safe>
                  {n.title}
                </a>{' '}
                <span class="form-hint" safe>
                  {formatDeadline(n.publishOn)}
                </span>
                {n.publishOn > p.today ? (
                  <>
                    {' '}
                    <StatusBadge label={`Vises fra ${formatDeadline(n.publishOn)}`} variant="warning" />
                  </>
                ) : (
                  ''
                )}
                {n.contact ? <span class="d-block form-hint" safe>{`Kontakt: ${n.contact.name}`}</span> : ''}
              </li>
            ))}
          </ul>
          {total > items.length ? <p safe>{`Her vises de ${String(items.length)} nyeste af ${String(total)}. Alle nyheder står under Nyt.`}</p> : ''}
        </>
      )}
    </section>
  );
}
