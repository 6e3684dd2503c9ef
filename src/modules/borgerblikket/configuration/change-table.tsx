import { formatDateTime } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { KIND_LABEL } from './labels.ts';

/** What every history row says of a change: when, who, how and why. */
export type ChangeHead = { changedAt: Date; changedByName: string; kind: string; reason: string };

/** A change's first four cells; the row's last cell (before → after) is the caller's. */
export function ChangeCells(p: { c: ChangeHead }): JSX.Element {
  return (
    <>
      <td safe>{formatDateTime(p.c.changedAt)}</td>
      <td safe>{p.c.changedByName}</td>
      <td safe>{KIND_LABEL[p.c.kind] ?? p.c.kind}</td>
      <td safe>{p.c.reason}</td>
    </>
  );
}

/** The history table of the municipality's page and of one number's page: the same columns, the rows the caller's. */
export function ChangeTable(p: { caption: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact">
        <caption safe>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Hvem</th>
            <th scope="col">Hvordan</th>
            <th scope="col">Hvorfor</th>
            <th scope="col">Før → efter</th>
          </tr>
        </thead>
        <tbody>{p.children as 'safe'}</tbody>
      </table>
    </ResponsiveTable>
  );
}
