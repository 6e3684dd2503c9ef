import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { RequestKeyField } from '../../../../platform/idempotency/request-key-field.tsx';
import { Breadcrumbs } from '../../../../platform/views/breadcrumbs.tsx';
import { Radio } from '../../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, TextField } from '../../../../platform/views/components.tsx';
import { formatDate, formatDeadline, formatNumber } from '../../../../platform/views/format.ts';
import { Layout } from '../../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../../platform/views/table.tsx';
import { TARGET_STATUS_DA } from '../../../tasks/index.ts';
import type { AssessmentDecision } from '../../schema.ts';
import type { ListedNumber, MunicipalityAssessment } from '../load-municipality-assessment.ts';

export const DECISION_DA: Record<AssessmentDecision, string> = { klar: 'Klar til visning', ikke_klar: 'Ikke klar' };

/** What the form sent back after a refused submit, so the choices are not lost. */
export type DecisionFormValues = { decisions: Record<string, string>; notes: Record<string, string>; requestKey?: string | undefined };

export const decisionField = (kle: string) => `beslutning-${kle}`;
export const noteField = (kle: string) => `note-${kle}`;

function DecisionCell(p: { n: ListedNumber; chosen: string | undefined; error: string | undefined }): JSX.Element {
  const id = fieldId(`kle-${p.n.kle}`);
  return (
    <fieldset id={id} aria-describedby={p.error ? `${id}-error` : undefined}>
      <legend class="sr-only" safe>{`Vurdering af ${p.n.kle}`}</legend>
      <ErrorText id={id} error={p.error} />
      {(['klar', 'ikke_klar'] as const).map((d) => (
        <Radio name={decisionField(p.n.kle)} value={d} label={DECISION_DA[d]} checked={p.chosen === d} id={`${id}-${d}`} />
      ))}
    </fieldset>
  );
}

/**
 * A municipality's numbers from its extract with the youth setting that holds now and the
 * decision. Its keepers decide one or many in one submit; everyone else reads.
 */
export function DecisionPage(p: { request: FastifyRequest; data: MunicipalityAssessment; values?: DecisionFormValues; errors?: FieldErrors; notice?: string | undefined }): JSX.Element {
  const { assessment: a, municipality: m, numbers } = p.data;
  const errors = p.errors ?? {};
  const decided = numbers.filter((n) => n.decision !== null).length;
  const labels = Object.fromEntries(numbers.map((n) => [`kle-${n.kle}`, n.kle]));
  const chosen = (n: ListedNumber) => p.values?.decisions[n.kle] ?? n.decision ?? undefined;
  const title = `${a.title}: ${m.name} Kommune`;
  const configBase = `/borgerblikket/kommuner/${m.code}`;
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="borgerblikket">
      <Breadcrumbs
        trail={[
          { href: '/borgerblikket', label: 'Borgerblikket' },
          { href: '/borgerblikket/vurdering', label: 'Vurdering' },
        ]}
        current={`${m.name} Kommune`}
      />
      <h1 safe>{title}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={errors} labels={{ ...labels, beslutninger: 'Vurderinger' }} />
      <p>
        KLIK-opgave{' '}
        <a href={`/opgaver/${a.task.id}`} safe>
          {`${a.task.code} – ${a.task.title}`}
        </a>
        <span safe>{`, frist ${formatDeadline(a.task.deadline)}. Kommunens status i KLIK: ${p.data.taskStatus ? TARGET_STATUS_DA[p.data.taskStatus] : 'ikke med i opgaven'}.`}</span>
      </p>
      <p safe>{`${formatNumber(decided)} af ${formatNumber(numbers.length)} KLE-numre er vurderet.`}</p>
      <p>
        «Ikke klar» sætter visning for unge 15–17 år til Nej på nummeret i kommunens <a href={configBase}>KLE-opsætning</a>, så sagerne først vises, når borgeren fylder
        18. Ændres en vurdering fra «ikke klar» til «klar til visning», fjernes det Nej igen, så nummeret arver visningen for unge fra gruppen (Ja, medmindre gruppen
        siger Nej). Trinnet i KLIK-opgaven bliver udført, når alle numre er vurderet.
      </p>
      {p.data.notRelevant ? <Notice kind="info" text="Kommunen har markeret opgaven som ikke relevant i KLIK; trinnet udføres derfor ikke her." /> : ''}
      <form method="post" action={`/borgerblikket/vurdering/${a.id}/kommuner/${m.code}`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={p.values?.requestKey} />
        <ResponsiveTable>
          <table class="table" id={fieldId('beslutninger')}>
            <caption safe>{`KLE-numre i ${m.name} Kommunes udtræk`}</caption>
            <thead>
              <tr>
                <th scope="col">KLE-nummer</th>
                <th scope="col">Titel</th>
                <th scope="col" class="text-align-right">
                  Sager med unge
                </th>
                <th scope="col">Unge 15–17 nu</th>
                <th scope="col">Vurdering</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {numbers.map((n) => (
                <tr data-kle={n.kle}>
                  <th scope="row" safe>
                    {n.kle}
                  </th>
                  <td>
                    <span safe>{n.title ?? 'Ukendt i KLE-planen'}</span>
                    {n.expiredOn ? <span class="badge badge-small">Udgået</span> : ''}
                  </td>
                  <td class="text-align-right" safe>{formatNumber(n.youthCases)}</td>
                  <td>
                    <a href={`${configBase}/kle/${n.kle}`}>
                      {n.youth ? 'Ja' : 'Nej'}
                    </a>
                    <span class="form-hint" safe>{n.youthFrom === null ? 'standard' : n.youthFrom === n.kle ? 'sat her' : `arvet fra ${n.youthFrom}`}</span>
                  </td>
                  {p.data.canDecide ? (
                    <>
                      <td>
                        <input type="hidden" name="kle" value={n.kle} />
                        <DecisionCell n={n} chosen={chosen(n)} error={errors[`kle-${n.kle}`]} />
                      </td>
                      <td>
                        <TextField name={noteField(n.kle)} label={`Note til ${n.kle}`} value={p.values?.notes[n.kle] ?? n.note} />
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{n.decision ? DECISION_DA[n.decision] : 'Ikke vurderet'}</td>
                      <td safe>{n.note}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
        {numbers.some((n) => n.decidedAt) ? (
          <p class="form-hint" safe>
            {`Senest vurderet ${formatDate(new Date(Math.max(...numbers.map((n) => n.decidedAt?.getTime() ?? 0))))}.`}
          </p>
        ) : (
          ''
        )}
        {p.data.canDecide ? (
          <button type="submit" class="button button-primary">
            Gem vurderingerne
          </button>
        ) : (
          <p>Kun kommunens systemansvarlige for Borgerblikket og programlederen kan vurdere numrene, og kun mens opgaven er åben.</p>
        )}
      </form>
    </Layout>
  );
}
