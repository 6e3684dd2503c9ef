import type { FastifyRequest } from 'fastify';
import { isCentral } from '../../../platform/context.ts';
import { Breadcrumbs } from '../../../platform/views/breadcrumbs.tsx';
import { ErrorSummary, Notice, PlainText } from '../../../platform/views/components.tsx';
import { formatDateTime, formatDeadline, formatNumber } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import { TASK_STATUS_DA } from '../../tasks/index.ts';
import { MILESTONE_STATE_DA } from '../inputs.ts';
import type { Programme, ProgrammeMilestone } from '../load-programmes.ts';
import { EditForms, FORM_LABELS, type FailedForm } from './edit-forms.tsx';
import { FigureChart } from './figure-chart.tsx';
import { ProgrammeAgreements, ProgrammeNewsList } from './linked-sections.tsx';
import { ProgrammeStatusBadge } from './status-badge.tsx';

/** The page lists the tasks due next; the rest are one link away in the task lists. */
const TASKS_SHOWN = 25;

function MilestoneDay(p: { m: ProgrammeMilestone }): JSX.Element {
  const day = p.m.endsOn ? `${formatDeadline(p.m.startsOn)}–${formatDeadline(p.m.endsOn)}` : formatDeadline(p.m.startsOn);
  return (
    <>
      <span safe>{day}</span>
      {p.m.originalOn && p.m.originalOn !== p.m.startsOn ? <span class="form-hint" safe>{` (først planlagt ${formatDeadline(p.m.originalOn)})`}</span> : ''}
    </>
  );
}

function Milestones(p: { programme: Programme; canEdit: boolean }): JSX.Element {
  const g = p.programme;
  const base = `/programmer/${g.key}/milepaele`;
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-milestones>
        <caption class="sr-only">Milepæle</caption>
        <thead>
          <tr>
            <th scope="col">Dato</th>
            <th scope="col">Milepæl</th>
            <th scope="col">Tilstand</th>
            {p.canEdit ? <th scope="col">Ret eller slet</th> : ''}
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
                  <a href={`${base}/${m.id}`}>
                    Ret<span class="sr-only" safe>{` ${m.title}`}</span>
                  </a>{' '}
                  <a href={`${base}/${m.id}/slet`} data-delete-milestone={m.id}>
                    Slet<span class="sr-only" safe>{` ${m.title}`}</span>
                  </a>
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

export type ProgrammePageProps = {
  request: FastifyRequest;
  programme: Programme;
  canEdit: boolean;
  /** The Danish day, the status form's default. */
  today: string;
  people: { id: string; name: string; title: string }[];
  notice?: { kind: 'success' | 'info'; text: string } | undefined;
  failed?: FailedForm | undefined;
};

/**
 * A programme's status page: description, responsible person, status history, milestones, key
 * figures, tasks, the agreements of its solution and its news.
 */
export function ProgrammePage(p: ProgrammePageProps): JSX.Element {
  const g = p.programme;
  const errors = p.failed?.errors ?? {};
  const actor = p.request.actor ?? null;
  const base = `/programmer/${g.key}`;
  return (
    <Layout title={`${g.name} – Programmer`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="programmer">
      <Breadcrumbs trail={[{ href: '/programmer', label: 'Programmer' }]} current={g.name} />
      <h1 safe>{g.name}</h1>
      {p.notice ? <Notice kind={p.notice.kind} text={p.notice.text} /> : ''}
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
      {g.milestones.length === 0 ? <p>Der er ingen milepæle endnu.</p> : <Milestones programme={g} canEdit={p.canEdit} />}

      <h2>Nøgletal</h2>
      {g.figures.length === 0 ? (
        <p>Der er ingen nøgletal endnu.</p>
      ) : (
        <>
          <p>
            Alle målinger af alle nøgletal: <a href={`${base}/noegletal.xlsx`}>hent som Excel (XLSX)</a> eller <a href={`${base}/noegletal.csv`}>som CSV</a>.
          </p>
          {g.figures.map((f, i) => (
            <FigureChart figure={f} index={i + 1} deleteHref={p.canEdit ? `${base}/noegletal/${f.id}/slet` : undefined} />
          ))}
        </>
      )}

      <h2>Opgaver</h2>
      {g.tasks.length === 0 ? (
        <p>Der er ingen opgaver i programmet, som du kan se.</p>
      ) : (
        <ul data-tasks>
          {g.tasks.slice(0, TASKS_SHOWN).map((t) => (
            <li>
              <a href={`/opgaver/${t.id}`} safe>{`${t.code}: ${t.title}`}</a> <span class="form-hint" safe>{`frist ${formatDeadline(t.deadline)}, ${TASK_STATUS_DA[t.status as keyof typeof TASK_STATUS_DA]}`}</span>
            </li>
          ))}
        </ul>
      )}
      {g.tasksTotal > TASKS_SHOWN ? (
        <p>
          <a href={isCentral(actor) ? `/overblik?projekt=${g.id}` : `/opgaver?projekt=${encodeURIComponent(g.key)}`} class="function-link" safe>
            {`Se alle ${formatNumber(g.tasksTotal)} opgaver i programmet`}
          </a>
        </p>
      ) : (
        ''
      )}
      <ProgrammeAgreements programme={g} central={isCentral(actor)} municipalityName={actor?.municipalityName ?? null} />
      <ProgrammeNewsList programme={g} today={p.today} />
      {p.canEdit ? <EditForms programme={g} request={p.request} today={p.today} people={p.people} failed={p.failed} /> : ''}
    </Layout>
  );
}
