import type { FastifyRequest } from 'fastify';
import { StatusBadge, type BadgeVariant } from '../../../../platform/views/badge.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Notice } from '../../../../platform/views/components.tsx';
import { formatDate, formatDeadline, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { TARGET_STATUS_DA } from '../../../tasks/index.ts';
import { PROGRESS_STATE_DA, type Progress, type ProgressState } from '../load-progress.ts';

const VARIANT: Record<ProgressState, BadgeVariant> = { faerdig: 'success', i_gang: 'info', ikke_startet: null };

/** Central staff's view of the assessment: how far the municipalities are, what they closed for youth. */
export function ProgressPage(p: { request: FastifyRequest; progress: Progress; notice?: string | undefined }): JSX.Element {
  const { assessment: a, totals: t } = p.progress;
  return (
    <Layout title={a.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: '/borgerblikket/vurdering', label: 'Vurdering' },
        ]}
        current={a.title}
      />
      <h1 safe>{a.title}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p>
        KLIK-opgave{' '}
        <a href={`/opgaver/${a.task.id}/overblik`} safe>
          {`${a.task.code} – ${a.task.title}`}
        </a>
        <span safe>{`, frist ${formatDeadline(a.task.deadline)}.`}</span>
      </p>
      <h2>Status</h2>
      <ul class="nobullet-list" data-totals>
        <li safe>{`${formatNumber(t.done)} af ${formatNumber(t.municipalities)} kommuner er færdige, ${formatNumber(t.inProgress)} er i gang, ${formatNumber(t.notStarted)} er ikke startet.`}</li>
        <li safe>{`${formatNumber(t.decided)} af ${formatNumber(t.listed)} KLE-numre er vurderet.`}</li>
        <li safe>{`${formatNumber(t.closed)} KLE-numre er lukket for unge (ikke klar).`}</li>
      </ul>
      <h2 id="oftest">De numre, der oftest er lukket for unge</h2>
      {p.progress.mostClosed.length === 0 ? (
        <p>Ingen kommuner har markeret et nummer som ikke klar endnu.</p>
      ) : (
        <ResponsiveTable>
          <table class="table table--compact" aria-labelledby="oftest">
            <thead>
              <tr>
                <th scope="col">KLE-nummer</th>
                <th scope="col">Titel</th>
                <th scope="col" class="text-align-right">
                  Kommuner: ikke klar
                </th>
                <th scope="col" class="text-align-right">
                  Kommuner med nummeret
                </th>
              </tr>
            </thead>
            <tbody>
              {p.progress.mostClosed.map((n) => (
                <tr data-kle={n.kle}>
                  <th scope="row" safe>
                    {n.kle}
                  </th>
                  <td safe>{n.title ?? ''}</td>
                  <td class="text-align-right" safe>{formatNumber(n.closed)}</td>
                  <td class="text-align-right" safe>{formatNumber(n.listed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      )}
      <h2 id="kommuner">Kommunerne</h2>
      <ResponsiveTable>
        <table class="table table--compact" aria-labelledby="kommuner">
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Vurdering</th>
              <th scope="col" class="text-align-right">
                Vurderet
              </th>
              <th scope="col" class="text-align-right">
                Ikke klar
              </th>
              <th scope="col">Senest vurderet</th>
              <th scope="col">Opgaven i KLIK</th>
            </tr>
          </thead>
          <tbody>
            {p.progress.municipalities.map((m) => (
              <tr data-kommune={m.code}>
                <th scope="row">
                  <a href={`/borgerblikket/vurdering/${a.id}/kommuner/${m.code}`} safe>
                    {m.name}
                  </a>
                </th>
                <td>
                  <StatusBadge label={PROGRESS_STATE_DA[m.state]} variant={VARIANT[m.state]} />
                </td>
                <td class="text-align-right" safe>{`${formatNumber(m.decided)} af ${formatNumber(m.listed)}`}</td>
                <td class="text-align-right" safe>{formatNumber(m.closed)}</td>
                <td>{m.lastDecidedAt ? formatDate(m.lastDecidedAt) : ''}</td>
                <td>{m.taskStatus ? TARGET_STATUS_DA[m.taskStatus] : 'Ikke med i opgaven'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ResponsiveTable>
    </Layout>
  );
}
