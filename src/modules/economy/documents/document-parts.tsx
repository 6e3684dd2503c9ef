import type { Programme } from '../pool/programmes.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { formatDeadline, formatKroner } from '../../../platform/views/format.ts';
import { meetingPath, type DocumentContent, type MinutesLink } from './content.ts';
import { documentFacts, documentNotes, documentTable } from './document-text.ts';

/** Pieces of a document page, drawn from the same text table as the PDF. */


export function DocumentFacts(p: { content: DocumentContent }): JSX.Element {
  return (
    <dl class="samspil-details">
      {documentFacts(p.content).map(([k, v]) => (
        <>
          <dt safe>{k}</dt>
          <dd safe>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** The document's lines; a price model's part of a solution sits under the solution, marked as a part. */
export function DocumentTable(p: { content: DocumentContent }): JSX.Element {
  const t = documentTable(p.content);
  const align = (i: number) => (t.numeric[i] ? 'align-text-right' : undefined);
  return (
    <ResponsiveTable>
      <table class="table table--compact" id="dokument-linjer">
        <caption safe>{t.caption}</caption>
        <thead>
          <tr>
            {t.headers.map((h, i) => (
              <th scope="col" class={align(i)} safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr>
              {r.cells.map((cell, i) =>
                i === 0 ? (
                  <th scope="row" class={r.role === 'model' ? 'weight-normal' : undefined}>
                    {r.role === 'model' ? <span class="sr-only">Heraf </span> : ''}
                    {r.role === 'model' ? '– ' : ''}
                    <span safe>{cell}</span>
                  </th>
                ) : r.role === 'total' ? (
                  <td class={align(i)}>
                    <strong safe>{cell}</strong>
                  </td>
                ) : (
                  <td class={align(i)} safe>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export function DocumentNotes(p: { content: DocumentContent }): JSX.Element {
  return (
    <ul>
      {documentNotes(p.content).map((n) => (
        <li safe>{n}</li>
      ))}
    </ul>
  );
}

/** The minutes of the year's council meetings, each a link to the meeting's page. */
/** The programmes started with money from the year's pool, each linking to its proposal. */
export function ProgrammeList(p: { programmes: Programme[]; year: number }): JSX.Element {
  if (p.programmes.length === 0) return <p safe>{`Porteføljerådet har endnu ikke prioriteret forslag i puljen for ${p.year}.`}</p>;
  return (
    <ul id="programmer">
      {p.programmes.map((g) => (
        <li>
          <a href={g.href} safe>
            {`Forslag ${g.number}: ${g.title}`}
          </a>
          <span safe>{` – ${g.proposedBy ?? 'KOMBIT'}, anslået ${formatKroner(g.estimatedCostOre)}, prioriteret ${formatDeadline(g.decidedOn)}`}</span>
        </li>
      ))}
    </ul>
  );
}

export function MinutesList(p: { minutes: MinutesLink[]; year: number }): JSX.Element {
  if (p.minutes.length === 0) return <p safe>{`Der er endnu ingen referater fra K98-styringens møder i ${p.year}.`}</p>;
  return (
    <ul id="referater">
      {p.minutes.map((m) => (
        <li>
          <a href={meetingPath(m.meetingId)} safe>
            {`${m.council}: ${m.title}`}
          </a>
          <span safe>{` (${formatDeadline(m.date)})`}</span>
        </li>
      ))}
    </ul>
  );
}
