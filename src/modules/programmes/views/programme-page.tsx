import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { CsrfField, ErrorSummary, Notice, PlainText, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { byDanishName, formatDateTime, formatDeadline } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { milestoneStates, TASK_STATUS_DA } from '../../tasks/index.ts';
import { MILESTONE_STATE_DA, STATUS_DA } from '../inputs.ts';
import type { Programme, ProgrammeMilestone } from '../load-programmes.ts';
import { programmeStatuses } from '../schema.ts';
import { FigureChart } from './figure-chart.tsx';
import { ProgrammeStatusBadge } from './status-badge.tsx';

export type ProgrammeForm = 'status' | 'milestone' | 'figure' | 'details';
/** A refused form drawn again with what was typed, its errors and its request key. */
export type FailedForm = { which: ProgrammeForm; values: Record<string, string>; errors: FieldErrors; requestKey?: unknown };

export const FORM_LABELS: Record<string, string> = {
  status: 'Status',
  statusOn: 'Dato for status',
  comment: 'Kommentar',
  title: 'Titel',
  startsOn: 'Dato',
  endsOn: 'Slutdato',
  state: 'Tilstand',
  name: 'Nøgletallets navn',
  unit: 'Enhed',
  target: 'Mål',
  points: 'Målinger',
  description: 'Beskrivelse',
  responsiblePersonId: 'Ansvarlig',
};

const statusOptions = programmeStatuses.map((s) => ({ value: s, label: STATUS_DA[s] }));
export const stateOptions = milestoneStates.map((s) => ({ value: s, label: MILESTONE_STATE_DA[s] }));

function MilestoneDay(p: { m: ProgrammeMilestone }): JSX.Element {
  const day = p.m.endsOn ? `${formatDeadline(p.m.startsOn)}–${formatDeadline(p.m.endsOn)}` : formatDeadline(p.m.startsOn);
  return (
    <>
      <span safe>{day}</span>
      {p.m.originalOn && p.m.originalOn !== p.m.startsOn ? <span class="form-hint" safe>{` (først planlagt ${formatDeadline(p.m.originalOn)})`}</span> : ''}
    </>
  );
}

function EditForms(p: { programme: Programme; request: FastifyRequest; today: string; people: { id: string; name: string; title: string }[]; failed?: FailedForm | undefined }): JSX.Element {
  const v = (which: ProgrammeForm, name: string, fallback = '') => (p.failed?.which === which ? (p.failed.values[name] ?? '') : fallback);
  const e = (which: ProgrammeForm): FieldErrors => (p.failed?.which === which ? p.failed.errors : {});
  const key = (which: ProgrammeForm) => (p.failed?.which === which ? p.failed.requestKey : undefined);
  const base = `/programmer/${p.programme.key}`;
  const csrf = <CsrfField token={p.request.csrfToken} />;
  const people = [...p.people].sort(byDanishName).map((x) => ({ value: x.id, label: x.title ? `${x.name}, ${x.title}` : x.name }));
  return (
    <section aria-labelledby="ret">
      <h2 id="ret">Ret programmet</h2>
      <form method="post" action={`${base}/status`} novalidate id="form-status">
        <h3>Sæt status</h3>
        {csrf}
        <RequestKeyField value={key('status')} />
        <SelectField name="status" label={FORM_LABELS.status!} options={statusOptions} value={v('status', 'status', 'groen')} error={e('status').status} required />
        <TextField name="statusOn" type="date" label={FORM_LABELS.statusOn!} value={v('status', 'statusOn', p.today)} error={e('status').statusOn} required />
        <TextArea name="comment" label={FORM_LABELS.comment!} value={v('status', 'comment')} error={e('status').comment} rows={3} />
        <button type="submit" class="button button-primary">
          Sæt status
        </button>
      </form>
      <form method="post" action={`${base}/milepaele`} novalidate id="form-milestone">
        <h3>Tilføj milepæl</h3>
        {csrf}
        <RequestKeyField value={key('milestone')} />
        <TextField name="title" label={FORM_LABELS.title!} value={v('milestone', 'title')} error={e('milestone').title} required />
        <TextField name="startsOn" type="date" label={FORM_LABELS.startsOn!} value={v('milestone', 'startsOn')} error={e('milestone').startsOn} required />
        <TextField name="endsOn" type="date" label={FORM_LABELS.endsOn!} hint="Kun for en periode, fx kurser august–oktober." value={v('milestone', 'endsOn')} error={e('milestone').endsOn} />
        <SelectField name="state" label={FORM_LABELS.state!} options={stateOptions} value={v('milestone', 'state', 'planlagt')} error={e('milestone').state} required />
        <button type="submit" class="button button-primary">
          Tilføj milepæl
        </button>
      </form>
      <form method="post" action={`${base}/noegletal`} novalidate id="form-figure">
        <h3>Nøgletal og målinger</h3>
        <p>Et nyt navn opretter et nøgletal; et eksisterende navn retter enhed og mål og tilføjer målingerne. En måling på en dag, der allerede har én, erstatter den.</p>
        {csrf}
        <RequestKeyField value={key('figure')} />
        <TextField name="name" label={FORM_LABELS.name!} value={v('figure', 'name')} error={e('figure').name} required />
        <TextField name="unit" label={FORM_LABELS.unit!} hint="Fx opgaver" value={v('figure', 'unit')} error={e('figure').unit} />
        <TextField name="target" label={FORM_LABELS.target!} hint="Tegnes som en stiplet linje." value={v('figure', 'target')} error={e('figure').target} />
        <TextArea name="points" label={FORM_LABELS.points!} hint="Én måling pr. linje: dd.mm.åååå;værdi, fx 01.05.2025;89000" value={v('figure', 'points')} error={e('figure').points} rows={5} />
        <button type="submit" class="button button-primary">
          Gem nøgletal
        </button>
      </form>
      <form method="post" action={`${base}/oplysninger`} novalidate id="form-details">
        <h3>Beskrivelse og ansvarlig</h3>
        {csrf}
        <TextArea name="description" label={FORM_LABELS.description!} value={v('details', 'description', p.programme.description)} error={e('details').description} rows={4} />
        <SelectField
          name="responsiblePersonId"
          label={FORM_LABELS.responsiblePersonId!}
          options={people}
          emptyLabel="Ingen ansvarlig"
          value={v('details', 'responsiblePersonId', p.programme.responsible?.id ?? '')}
          error={e('details').responsiblePersonId}
        />
        <button type="submit" class="button button-primary">
          Gem
        </button>
      </form>
    </section>
  );
}

export type ProgrammePageProps = {
  request: FastifyRequest;
  programme: Programme;
  canEdit: boolean;
  /** The Danish day, the status form's default. */
  today: string;
  people: { id: string; name: string; title: string }[];
  notice?: string | undefined;
  failed?: FailedForm | undefined;
};

/** A programme's status page: description, responsible person, status history, milestones, key figures and tasks. */
export function ProgrammePage(p: ProgrammePageProps): JSX.Element {
  const g = p.programme;
  const errors = p.failed?.errors ?? {};
  return (
    <Layout title={`${g.name} – Programmer`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs trail={[{ href: '/programmer', label: 'Programmer' }]} current={g.name} />
      <h1 safe>{g.name}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={errors} labels={FORM_LABELS} />
      <PlainText text={g.description} />
      <dl>
        <dt>Løsning</dt>
        <dd safe>{g.solutionName ?? '–'}</dd>
        <dt>Ansvarlig</dt>
        <dd>
          {g.responsible ? (
            <>
              <span safe>{g.responsible.name}</span>
              {g.responsible.title ? <span safe>{`, ${g.responsible.title}`}</span> : ''}{' '}
              <a href={`mailto:${g.responsible.email}`} safe>
                {g.responsible.email}
              </a>
            </>
          ) : (
            'Ingen ansvarlig angivet'
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <ProgrammeStatusBadge status={g.status?.status ?? null} />
          {g.status ? <span safe>{` pr. ${formatDeadline(g.status.statusOn)}`}</span> : ''}
        </dd>
      </dl>

      <h2>Statushistorik</h2>
      {g.statuses.length === 0 ? (
        <p>Der er ikke sat nogen status endnu.</p>
      ) : (
        <ol class="nobullet-list" data-status-history>
          {g.statuses.map((s) => (
            <li class="mb-4">
              <ProgrammeStatusBadge status={s.status} /> <strong safe>{formatDeadline(s.statusOn)}</strong>{' '}
              <span class="form-hint" safe>{`(registreret ${formatDateTime(s.createdAt)})`}</span>
              {s.comment ? <PlainText text={s.comment} /> : ''}
            </li>
          ))}
        </ol>
      )}

      <h2>Milepæle</h2>
      {g.milestones.length === 0 ? (
        <p>Der er ingen milepæle endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" data-milestones>
            <caption class="sr-only">Milepæle</caption>
            <thead>
              <tr>
                <th scope="col">Dato</th>
                <th scope="col">Milepæl</th>
                <th scope="col">Tilstand</th>
                {p.canEdit ? <th scope="col">Ret</th> : ''}
              </tr>
            </thead>
            <tbody>
              {g.milestones.map((m) => (
                <tr>
                  <td>
                    <MilestoneDay m={m} />
                  </td>
                  <td>
                    <span safe>{m.title}</span>
                    {m.description ? <span class="form-hint d-block" safe>{m.description}</span> : ''}
                  </td>
                  <td safe>{MILESTONE_STATE_DA[m.state]}</td>
                  {p.canEdit ? (
                    <td>
                      <a href={`/programmer/${g.key}/milepaele/${m.id}`} safe>{`Ret ${m.title}`}</a>
                    </td>
                  ) : (
                    ''
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}

      <h2>Nøgletal</h2>
      {g.figures.length === 0 ? <p>Der er ingen nøgletal endnu.</p> : <>{g.figures.map((f, i) => <FigureChart figure={f} index={i + 1} />)}</>}

      <h2>Opgaver</h2>
      {g.tasks.length === 0 ? (
        <p>Der er ingen opgaver i programmet, som du kan se.</p>
      ) : (
        <ul data-tasks>
          {g.tasks.map((t) => (
            <li>
              <a href={`/opgaver/${t.id}`} safe>{`${t.code}: ${t.title}`}</a> <span class="form-hint" safe>{`frist ${formatDeadline(t.deadline)}, ${TASK_STATUS_DA[t.status as keyof typeof TASK_STATUS_DA]}`}</span>
            </li>
          ))}
        </ul>
      )}
      {p.canEdit ? <EditForms programme={g} request={p.request} today={p.today} people={p.people} failed={p.failed} /> : ''}
    </Layout>
  );
}
