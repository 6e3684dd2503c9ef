import type { FieldErrors } from '../errors.ts';
import { fieldId } from './components.tsx';

/** An import's per-line errors are field errors keyed "linje-<n>"; this is n, or undefined for other fields. */
export const lineOf = (key: string) => /^linje-(\d+)$/.exec(key)?.[1];

/** The line errors of a refused import, and the labels the error summary links them with ("Linje 7"). */
export function lineErrors(errors: FieldErrors): { lines: [string, string][]; labels: Record<string, string> } {
  const lines = Object.entries(errors).filter(([k]) => lineOf(k));
  return { lines, labels: Object.fromEntries([['fil', 'Fil'], ...lines.map(([k]) => [k, `Linje ${lineOf(k)}`])]) };
}

/** The report under a refused import: one row per line with its problem, each row the summary's link target. */
export function LineErrorTable(p: { lines: [string, string][]; noun: readonly [singular: string, plural: string] }): JSX.Element {
  if (p.lines.length === 0) return <></>;
  const n = p.lines.length;
  return (
    <table class="table table--compact">
      <caption safe>{`Fejlrapport (${n} ${n === 1 ? p.noun[0] : p.noun[1]} med fejl)`}</caption>
      <thead>
        <tr>
          <th scope="col">Linje</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {p.lines.map(([k, message]) => (
          <tr id={fieldId(k)}>
            <th scope="row" safe>
              {lineOf(k)}
            </th>
            <td safe>{message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
