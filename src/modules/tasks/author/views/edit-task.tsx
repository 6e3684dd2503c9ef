import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, TextArea } from '../../../../platform/views/components.tsx';
import { formatDateTime, formatDeadline, formatSize } from '../../../../platform/views/format.ts';
import { audienceText, type AuthoringReference, type TaskDefinition } from '../queries.ts';
import type { FormBody } from '../../inputs.ts';
import { ANSWER_KIND_DA, Markdown, Page, StatusBadge, instantDa, labelsFor, one } from './shared.tsx';
import { TaskForm } from './task-form.tsx';

function Lifecycle(p: { request: FastifyRequest; task: TaskDefinition; now: Date }): JSX.Element {
  const t = p.task;
  const base = `/opgaver/${t.id}`;
  const csrf = p.request.csrfToken;
  const futurePublish = t.publishAt && t.publishAt > p.now;
  return (
    <section class="samspil-lifecycle" aria-labelledby="livsforloeb">
      <h2 id="livsforloeb">Status og publicering</h2>
      <dl class="samspil-details">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={t.status} />
        </dd>
        <dt>Frist</dt>
        <dd safe>{formatDeadline(t.deadline)}</dd>
        <dt>Annonceret</dt>
        <dd safe>{t.status === 'draft' ? `Ikke endnu${t.announceAt ? ` (planlagt ${instantDa(t.announceAt)})` : ''}` : instantDa(t.announceAt) || '–'}</dd>
        <dt>Publiceret</dt>
        <dd safe>
          {t.publishedAt ? formatDateTime(t.publishedAt) : futurePublish ? `Publiceres automatisk ${instantDa(t.publishAt)}` : 'Ikke endnu'}
        </dd>
        <dt>Rettet til</dt>
        <dd safe>{`${audienceText(t)} i ${t.targetCodes.length} ${t.targetCodes.length === 1 ? 'kommune' : 'kommuner'}`}</dd>
      </dl>
      <div class="samspil-actions">
        {t.status === 'draft' ? (
          <form method="post" action={`${base}/annoncer`} class="samspil-inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button button-secondary">
              Annoncér
            </button>
          </form>
        ) : (
          ''
        )}
        {(t.status === 'draft' || t.status === 'announced') && !(t.status === 'announced' && futurePublish) ? (
          <form method="post" action={`${base}/publicer`} class="samspil-inline-form">
            <CsrfField token={csrf} />
            <button type="submit" class="button button-primary">
              {futurePublish ? 'Publicér på publiceringsdatoen' : 'Publicér og send besked'}
            </button>
          </form>
        ) : (
          ''
        )}
        {t.status !== 'closed' && t.status !== 'draft' ? (
          <a href={`${base}/frist`} class="button button-secondary">
            Ændr frist
          </a>
        ) : (
          ''
        )}
        {t.status === 'published' ? (
          <>
            <a href={`${base}/overblik`} class="function-link">
              Se overblik over kommunerne
            </a>
            <form method="post" action={`${base}/luk`} class="samspil-inline-form">
              <CsrfField token={csrf} />
              <button type="submit" class="button button-tertiary">
                Luk opgaven
              </button>
            </form>
          </>
        ) : (
          ''
        )}
      </div>
      {t.status === 'draft' ? (
        <p class="form-hint">Annoncering viser titel, forventet frist og beskrivelse under Kommende opgaver uden at sende mails. Publicering sender en mail til modtagerne.</p>
      ) : (
        ''
      )}
    </section>
  );
}

export function DeadlineHistory(p: { task: Pick<TaskDefinition, 'deadlineChanges'> }): JSX.Element {
  if (p.task.deadlineChanges.length === 0) return <></>;
  return (
    <section aria-labelledby="fristhistorik">
      <h2 id="fristhistorik">Ændringer af fristen</h2>
      <table class="table table--compact">
        <caption class="sr-only">Ændringer af fristen</caption>
        <thead>
          <tr>
            <th scope="col">Ændring</th>
            <th scope="col">Begrundelse</th>
            <th scope="col">Ændret</th>
          </tr>
        </thead>
        <tbody>
          {p.task.deadlineChanges.map((c) => (
            <tr>
              <td safe>{`${formatDeadline(c.fromDeadline)} → ${formatDeadline(c.toDeadline)}`}</td>
              <td safe>{c.reason}</td>
              <td safe>{formatDateTime(c.changedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Attachments(p: { request: FastifyRequest; task: TaskDefinition; errors: FieldErrors; names: Map<string, string> }): JSX.Element {
  const t = p.task;
  const base = `/opgaver/${t.id}`;
  const common = t.attachments.filter((a) => a.municipalityCode === null);
  const perMunicipality = t.attachments.filter((a) => a.municipalityCode !== null);
  const withFiles = new Set(perMunicipality.map((a) => a.municipalityCode!));
  const missing = t.targetCodes.filter((c) => !withFiles.has(c));
  const canUpload = t.status !== 'closed';
  return (
    <section aria-labelledby="bilag">
      <h2 id="bilag">Bilag</h2>
      <h3>Fælles bilag</h3>
      {common.length === 0 ? (
        <p>Ingen fælles bilag.</p>
      ) : (
        <ul>
          {common.map((a) => (
            <li>
              <a href={`${base}/bilag/${a.id}`} safe>
                {a.filename}
              </a>{' '}
              <span class="text-muted" safe>{`(${formatSize(a.size)})`}</span>
            </li>
          ))}
        </ul>
      )}
      {canUpload ? (
        <form method="post" action={`${base}/bilag`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <div class={p.errors.filer ? 'form-group form-error' : 'form-group'}>
            <label class="form-label" for={fieldId('filer')}>
              Tilføj fælles bilag
            </label>
            <span class="form-hint">Højst 10 MB pr. fil. En fil med samme navn erstatter den tidligere.</span>
            <ErrorText id={fieldId('filer')} error={p.errors.filer} />
            <input type="file" id={fieldId('filer')} name="filer" class="form-input" multiple />
          </div>
          <button type="submit" class="button button-secondary">
            Upload fælles bilag
          </button>
        </form>
      ) : (
        ''
      )}
      <h3>Bilag pr. kommune</h3>
      {perMunicipality.length === 0 ? (
        <p>Ingen bilag pr. kommune.</p>
      ) : (
        <table class="table table--compact">
          <caption safe>{`${withFiles.size} af ${t.targetCodes.length} kommuner har et bilag`}</caption>
          <thead>
            <tr>
              <th scope="col">Kommune</th>
              <th scope="col">Fil</th>
              <th scope="col">Størrelse</th>
            </tr>
          </thead>
          <tbody>
            {perMunicipality.map((a) => (
              <tr>
                <td safe>{`${p.names.get(a.municipalityCode!) ?? ''} (${a.municipalityCode!})`}</td>
                <td>
                  <a href={`${base}/bilag/${a.id}`} safe>
                    {a.filename}
                  </a>
                </td>
                <td safe>{formatSize(a.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {perMunicipality.length > 0 && missing.length > 0 ? (
        <p safe>{`Uden bilag: ${missing.map((c) => p.names.get(c) ?? c).join(', ')}`}</p>
      ) : (
        ''
      )}
      {canUpload ? (
        <form method="post" action={`${base}/bilag-pr-kommune`} enctype="multipart/form-data" novalidate>
          <CsrfField token={p.request.csrfToken} />
          <div class={p.errors.kommunefiler ? 'form-group form-error' : 'form-group'}>
            <label class="form-label" for={fieldId('kommunefiler')}>
              Tilføj bilag pr. kommune
            </label>
            <span class="form-hint">
              Vælg flere filer på én gang. Hvert filnavn skal begynde med kommunekoden, fx 0320-faxe-udtraek.xlsx. Højst 100 filer og 50 MB i alt pr. upload.
            </span>
            <ErrorText id={fieldId('kommunefiler')} error={p.errors.kommunefiler} />
            <input type="file" id={fieldId('kommunefiler')} name="filer" class="form-input" multiple />
          </div>
          <button type="submit" class="button button-secondary">
            Upload bilag pr. kommune
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}

export type EditPageProps = {
  request: FastifyRequest;
  ref: AuthoringReference;
  task: TaskDefinition;
  values: FormBody;
  stepRows: number;
  errors?: FieldErrors;
  notice?: string | undefined;
  now: Date;
};

export function EditTaskPage(p: EditPageProps): JSX.Element {
  const t = p.task;
  const e = p.errors ?? {};
  const names = new Map(p.ref.municipalities.map((m) => [m.code, m.name]));
  const heading = `${t.code} – ${t.title}`;
  const labels = { ...labelsFor(e), kommunefiler: 'Bilag pr. kommune', filer: 'Fælles bilag' };
  return (
    <Page request={p.request} title={`Redigér ${t.code}`}>
      <p>
        {t.status === 'draft' ? (
          <a href="/opgaver/kladder" class="function-link">
            Tilbage til kladder
          </a>
        ) : t.status === 'announced' ? (
          <a href="/opgaver/kommende" class="function-link">
            Tilbage til kommende opgaver
          </a>
        ) : (
          <a href={`/opgaver/${t.id}/overblik`} class="function-link">
            Tilbage til opgavens overblik
          </a>
        )}
      </p>
      <h1 safe>{heading}</h1>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={labels} />
      <Lifecycle request={p.request} task={t} now={p.now} />
      {t.status === 'draft' || t.status === 'announced' ? (
        <section aria-labelledby="rediger">
          <h2 id="rediger" class="sr-only">
            Redigér opgaven
          </h2>
          <TaskForm
            request={p.request}
            ref={p.ref}
            values={p.values}
            errors={e}
            stepRows={p.stepRows}
            action={`/opgaver/${t.id}/rediger`}
            submitLabel="Gem ændringer"
            deadlineLocked={t.status === 'announced' ? { deadline: t.deadline, href: `/opgaver/${t.id}/frist` } : undefined}
            announcedAt={t.status === 'announced' ? t.announceAt : undefined}
          />
        </section>
      ) : t.status === 'published' ? (
        <section aria-labelledby="praecisering">
          <h2 id="praecisering">Præcisér beskrivelsen</h2>
          <p>Opgaven er publiceret. Kode, trin, modtagere og datoer er låst; beskrivelsen kan suppleres med præciseringer.</p>
          <form method="post" action={`/opgaver/${t.id}/rediger`} novalidate>
            <CsrfField token={p.request.csrfToken} />
            <TextArea name="description" label="Beskrivelse" value={one(p.values.description)} error={e.description} rows={10} hint="Markdown er tilladt." />
            <button type="submit" class="button button-primary">
              Gem beskrivelse
            </button>
          </form>
          <TaskSummaryView task={t} />
        </section>
      ) : (
        <TaskSummaryView task={t} />
      )}
      <DeadlineHistory task={t} />
      <Attachments request={p.request} task={t} errors={e} names={names} />
    </Page>
  );
}

/** The locked definition of a published or closed task, read-only. */
function TaskSummaryView(p: { task: TaskDefinition }): JSX.Element {
  const t = p.task;
  return (
    <>
      <h2>Opgaven</h2>
      <dl class="samspil-details">
        <dt>Projekt</dt>
        <dd safe>{t.projectName ?? '–'}</dd>
        <dt>Konsekvens hvis opgaven ikke løses</dt>
        <dd>
          <Markdown source={t.consequence || '–'} topLevel={4} />
        </dd>
        <dt>Kendetegn</dt>
        <dd safe>{[t.critical ? 'Kritisk' : '', t.crossCutting ? 'Tværgående' : '', t.optional ? 'Valgfri' : ''].filter(Boolean).join(', ') || '–'}</dd>
      </dl>
      <h3>Trin</h3>
      <ol>
        {t.steps.map((s) => (
          <li>
            <strong safe>{s.title}</strong>
            <span safe>{s.answerKind === 'none' ? '' : ` – svar: ${s.answerLabel || ANSWER_KIND_DA[s.answerKind]}`}</span>
            <Markdown source={s.instructions} topLevel={4} />
          </li>
        ))}
      </ol>
    </>
  );
}
