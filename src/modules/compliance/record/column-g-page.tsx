import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { CsrfField, ErrorSummary, fieldId, Notice } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { Choices } from '../choices.ts';
import type { ContentActivity } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { activityAnchor, recordUrl } from './record-page.tsx';
import { chosen } from './record-parts.tsx';
import { CELL_FIELD, cellValue } from './save-column-g.ts';

/**
 * Column G as a grid: the activity's personal-data categories as rows, its data-subject categories
 * as columns. The author ticks a labelled checkbox per cell and saves the grid as a whole; readers
 * see a tick with text. A row without any tick is pointed out: the column exists to make the link
 * explicit.
 */
export function ColumnGPage(p: {
  request: FastifyRequest;
  pkg: PackageRow;
  activity: ContentActivity;
  choices: Choices;
  edit: boolean;
  /** The ticked cells to show ("<data>|<subject>"): the saved ones, or the ones just sent back with an error. */
  ticked: Set<string>;
  requestKey?: string | string[] | undefined;
  errors?: FieldErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { pkg, activity: a, choices, edit, ticked } = p;
  const title = `Kolonne G: ${a.ref} ${a.name}`;
  const rows = chosen(choices['personal-data'], a.personalData);
  const cols = chosen(choices['data-subject'], a.dataSubjects);
  const linked = (d: string) => cols.some((s) => ticked.has(cellValue(d, s.key)));
  const missing = rows.filter((d) => !linked(d.key));
  const back = `${recordUrl(pkg.id)}#${activityAnchor(a)}`;
  const table = (
    <div class="table--responsive-scroll" id={fieldId('personalData')}>
      <table class="table table--compact" id={fieldId('dataSubjects')}>
        <caption>Hvilke kategorier af registrerede hver kategori af personoplysninger vedrører</caption>
        <thead>
          <tr>
            <th scope="col">Personoplysninger \ registrerede</th>
            {cols.map((s) => (
              <th scope="col" safe>
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr>
              <th scope="row">
                <span safe>{d.label}</span>
                {linked(d.key) ? (
                  ''
                ) : (
                  <>
                    <br />
                    <em>Ikke knyttet til nogen registrerede</em>
                  </>
                )}
              </th>
              {cols.map((s) => {
                const value = cellValue(d.key, s.key);
                const name = `${d.label} – ${s.label}`;
                const on = ticked.has(value);
                if (!edit) {
                  return on ? (
                    <td>
                      <span aria-hidden="true">✓ </span>Ja<span class="sr-only" safe>{`: ${name}`}</span>
                    </td>
                  ) : (
                    <td>
                      <span class="sr-only">Nej</span>
                    </td>
                  );
                }
                const id = `celle-${d.key}-${s.key}`;
                // DKFDS resets inputs to `appearance: none`, so a bare checkbox draws nothing: the
                // box is DKFDS's, drawn by the label, whose words only a screen reader needs.
                return (
                  <td>
                    <div class="form-group-checkbox">
                      <input type="checkbox" class="form-checkbox" id={id} name={CELL_FIELD} value={value} checked={on} />
                      <label for={id} class="form-label">
                        <span class="sr-only" safe>
                          {name}
                        </span>
                      </label>
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <Layout title={`${title} – ${pkg.title}`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <p>
        <a href={back} class="function-link" safe>
          {`${pkg.title}: Skema 1`}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.errors ?? {}} labels={{ personalData: 'Personoplysninger', dataSubjects: 'Registrerede' }} />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>Kolonne G viser, hvilke kategorier af personoplysninger der vedrører hvilke kategorier af registrerede i aktiviteten.</p>
      {rows.length === 0 || cols.length === 0 ? (
        <p>
          Aktiviteten mangler {rows.length === 0 ? 'kategorier af personoplysninger' : 'kategorier af registrerede'}.{' '}
          {edit ? <a href={`${recordUrl(pkg.id)}/${a.id}`}>Vælg dem på aktiviteten først.</a> : ''}
        </p>
      ) : (
        <>
          {missing.length > 0 ? (
            <Notice
              kind="warning"
              text={`${missing.map((d) => d.label).join(', ')} er ikke knyttet til nogen kategori af registrerede. Angiv, hvem oplysningerne vedrører.`}
            />
          ) : (
            ''
          )}
          {edit ? (
            <form method="post" action={`${recordUrl(pkg.id)}/${a.id}/kolonne-g`}>
              <CsrfField token={p.request.csrfToken} />
              <RequestKeyField value={p.requestKey} />
              {table}
              <div class="samspil-actions">
                <button type="submit" class="button button-primary">
                  Gem kolonne G
                </button>
                <a href={back} class="function-link">
                  Annullér
                </a>
              </div>
            </form>
          ) : (
            table
          )}
        </>
      )}
    </Layout>
  );
}
