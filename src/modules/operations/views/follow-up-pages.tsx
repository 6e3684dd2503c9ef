import type { FastifyRequest } from 'fastify';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { formatDeadline, formatMonth, formatMonthNumeric } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { LABELS, MEASURE_STATE_DA, RCA_STATE_DA, SEVERITY_DA } from '../inputs.ts';
import type { IncidentRow, MeasureRow, RcaRow } from '../load-operations.ts';
import { incidentSeverities, measureStates, rcaStates } from '../schema.ts';
import { IncidentsTable } from './incidents-table.tsx';
import type { FormState, Option } from './sla-form-page.tsx';

export const FOLLOW_UP_NOTICES: Record<string, string> = {
  oprettet: 'Registreret.',
  gemt: 'Ændringen er gemt.',
  uaendret: 'Der var intet at ændre.',
};

const severityOptions = incidentSeverities.map((s) => ({ value: s, label: SEVERITY_DA[s] }));
const rcaOptions = rcaStates.map((s) => ({ value: s, label: RCA_STATE_DA[s] }));
const measureOptions = measureStates.map((s) => ({ value: s, label: MEASURE_STATE_DA[s] }));

type PageProps = { request: FastifyRequest; state: FormState; solutions: Option[]; notice?: string | undefined };

function Page({ children, ...p }: { request: FastifyRequest; title: string; notice?: string | undefined; state: FormState; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <Layout title={`${p.title} – Drift`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs trail={[{ href: '/drift', label: 'Drift' }]} current={p.title} />
      <h1 safe>{p.title}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={p.state.errors} labels={LABELS} />
      {children as 'safe'}
    </Layout>
  );
}

/** Open incidents with a button each to mark them resolved, and the form for a new one. */
export function IncidentsPage(p: PageProps & { open: IncidentRow[] }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const csrf = <CsrfField token={p.request.csrfToken} />;
  return (
    <Page request={p.request} title="Driftshændelser" notice={p.notice} state={p.state}>
      <h2>Uløste hændelser</h2>
      {p.open.length === 0 ? (
        <p>Der er ingen uløste hændelser.</p>
      ) : (
        <IncidentsTable
          rows={p.open}
          caption="Uløste driftshændelser"
          marker="data-open-incidents"
          withDescription={false}
          resolved={(i) => (
            <form method="post" action={`/drift/haendelser/${i.id}/loest`}>
              {csrf}
              <button type="submit" class="button button-secondary" aria-label={`Markér ${i.title} som løst`}>
                Markér som løst
              </button>
            </form>
          )}
        />
      )}
      <h2>Registrér en hændelse</h2>
      <form method="post" action="/drift/haendelser" novalidate>
        {csrf}
        <RequestKeyField value={v.requestKey} />
        <SelectField name="solutionKey" label={LABELS.solutionKey!} options={p.solutions} emptyLabel="Vælg løsning" value={v.solutionKey ?? ''} error={e.solutionKey} required />
        <TextField name="title" label={LABELS.title!} value={v.title ?? ''} error={e.title} required />
        <TextArea name="description" label={LABELS.description!} value={v.description ?? ''} error={e.description} rows={3} />
        <SelectField name="severity" label={LABELS.severity!} options={severityOptions} value={v.severity ?? 'mindre'} error={e.severity} required />
        <TextField name="startedOn" label={LABELS.startedOn!} hint="dd.mm.åååå" value={v.startedOn ?? ''} error={e.startedOn} required />
        <TextField name="startedTime" label={LABELS.startedTime!} hint="tt.mm, fx 14.30" value={v.startedTime ?? ''} error={e.startedTime} />
        <button type="submit" class="button button-primary">
          Registrér hændelsen
        </button>
      </form>
    </Page>
  );
}

/** Every RCA item with a form to change its state, and the form for a new one. */
export function RcaPage(p: PageProps & { items: RcaRow[] }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const csrf = <CsrfField token={p.request.csrfToken} />;
  return (
    <Page request={p.request} title="RCA-opfølgningspunkter" notice={p.notice} state={p.state}>
      <p>Lukkes et punkt, gemmes dagen; genåbnes det, fjernes dagen igen.</p>
      {p.items.length === 0 ? (
        <p>Der er ingen opfølgningspunkter endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-rca-edit>
            <caption class="sr-only">RCA-opfølgningspunkter</caption>
            <thead>
              <tr>
                <th scope="col">Opfølgningspunkt</th>
                <th scope="col">Ejer</th>
                <th scope="col">Frist</th>
                <th scope="col">Tilstand</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((r) => (
                <tr>
                  <td safe>{r.title}</td>
                  <td safe>{r.owner}</td>
                  <td>{r.dueOn ? formatDeadline(r.dueOn) : '–'}</td>
                  <td>
                    <form method="post" action={`/drift/rca/${r.id}/tilstand`}>
                      {csrf}
                      <SelectField id={`rca-${r.id}`} name="state" label={`Tilstand for ${r.title}`} options={rcaOptions} value={r.state} />
                      {r.closedOn ? <p class="form-hint" safe>{`Lukket ${formatDeadline(r.closedOn)}`}</p> : ''}
                      <button type="submit" class="button button-secondary">
                        Gem tilstand
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      <h2>Tilføj et opfølgningspunkt</h2>
      <form method="post" action="/drift/rca" novalidate>
        {csrf}
        <RequestKeyField value={v.requestKey} />
        <TextField name="title" label={LABELS.title!} value={v.title ?? ''} error={e.title} required />
        <TextField name="owner" label={LABELS.owner!} hint="Fx KMD eller KOMBIT" value={v.owner ?? ''} error={e.owner} required />
        <SelectField name="solutionKey" label={LABELS.solutionKey!} options={p.solutions} emptyLabel="Ingen bestemt løsning" value={v.solutionKey ?? ''} error={e.solutionKey} />
        <TextField name="dueOn" label={LABELS.dueOn!} hint="dd.mm.åååå" value={v.dueOn ?? ''} error={e.dueOn} />
        <SelectField name="state" label={LABELS.state!} options={rcaOptions} value={v.state ?? 'aaben'} error={e.state} required />
        <button type="submit" class="button button-primary">
          Tilføj punktet
        </button>
      </form>
    </Page>
  );
}

/** Every measure with a form to change its state and end month, and the form for a new one. */
export function MeasuresPage(p: PageProps & { measures: MeasureRow[] }): JSX.Element {
  const v = p.state.values;
  const e = p.state.errors;
  const csrf = <CsrfField token={p.request.csrfToken} />;
  return (
    <Page request={p.request} title="Tiltag" notice={p.notice} state={p.state}>
      {p.measures.length === 0 ? (
        <p>Der er ingen tiltag endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-measures-edit>
            <caption class="sr-only">Tiltag</caption>
            <thead>
              <tr>
                <th scope="col">Tiltag</th>
                <th scope="col">Ejer</th>
                <th scope="col">Tilstand og slutmåned</th>
              </tr>
            </thead>
            <tbody>
              {p.measures.map((m) => (
                <tr>
                  <td safe>{m.title}</td>
                  <td safe>{m.owner}</td>
                  <td>
                    <form method="post" action={`/drift/tiltag/${m.id}`}>
                      {csrf}
                      <SelectField id={`tiltag-${m.id}`} name="state" label={`Tilstand for ${m.title}`} options={measureOptions} value={m.state} />
                      <TextField
                        id={`tiltag-${m.id}-slut`}
                        name="endMonth"
                        label={`Slutmåned for ${m.title}`}
                        hint={m.endMonth ? `mm.åååå, nu ${formatMonth(m.endMonth)}` : 'mm.åååå'}
                        value={m.endMonth ? formatMonthNumeric(m.endMonth) : ''}
                      />
                      <button type="submit" class="button button-secondary">
                        Gem
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      <h2>Tilføj et tiltag</h2>
      <form method="post" action="/drift/tiltag" novalidate>
        {csrf}
        <RequestKeyField value={v.requestKey} />
        <TextField name="title" label={LABELS.title!} value={v.title ?? ''} error={e.title} required />
        <TextArea name="description" label={LABELS.description!} value={v.description ?? ''} error={e.description} rows={3} />
        <TextField name="owner" label={LABELS.owner!} hint="Fx KMD eller KOMBIT" value={v.owner ?? ''} error={e.owner} required />
        <SelectField name="solutionKey" label={LABELS.solutionKey!} options={p.solutions} emptyLabel="Ingen bestemt løsning" value={v.solutionKey ?? ''} error={e.solutionKey} />
        <SelectField name="state" label={LABELS.state!} options={measureOptions} value={v.state ?? 'planlagt'} error={e.state} required />
        <TextField name="endMonth" label={LABELS.endMonth!} hint="mm.åååå, fx 06.2025" value={v.endMonth ?? ''} error={e.endMonth} />
        <button type="submit" class="button button-primary">
          Tilføj tiltaget
        </button>
      </form>
    </Page>
  );
}
