import { formatDateTime } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { SEVERITY_DA } from '../inputs.ts';
import type { IncidentRow } from '../load-operations.ts';

/**
 * Incidents as the operations page and the editors' page both list them; the last column is the
 * page's own (when it was resolved, or the button that resolves it).
 */
export function IncidentsTable(p: {
  rows: IncidentRow[];
  caption: string;
  /** The table's data attribute, e.g. `data-incidents`. */
  marker: string;
  /** The description under the title (the overview; the editors' page keeps rows short). */
  withDescription: boolean;
  resolved: (i: IncidentRow) => JSX.Element;
}): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact" {...{ [p.marker]: '' }}>
        <caption class="sr-only" safe>
          {p.caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Begyndt</th>
            <th scope="col">Løsning</th>
            <th scope="col">Hændelse</th>
            <th scope="col">Alvorlighed</th>
            <th scope="col">Løst</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((i) => (
            <tr>
              <td safe>{formatDateTime(i.startedAt)}</td>
              <td safe>{i.solutionName}</td>
              {p.withDescription ? (
                <td>
                  <span safe>{i.title}</span>
                  {i.description ? <span class="form-hint d-block" safe>{i.description}</span> : ''}
                </td>
              ) : (
                <td safe>{i.title}</td>
              )}
              <td safe>{SEVERITY_DA[i.severity]}</td>
              <td>{p.resolved(i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}
