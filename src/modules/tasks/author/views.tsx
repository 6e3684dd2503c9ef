import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, ErrorText, fieldId, Notice, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { audienceText, type AuthoringReference, type TaskDefinition, type TaskSummary } from './queries.ts';
import { STEP_FIELDS, stepLabel, taskLabels, type FormBody } from '../inputs.ts';
import { renderMarkdown } from '../markdown.ts';
import type { AnswerKind, TaskStatus } from '../schema.ts';
import { danishDay, formatDeadline, TASK_STATUS_DA } from '../status.ts';
import { formatDateTime } from '../../../platform/views/format.ts';

/** Messages after a redirect (?besked=…); the central overview may show the same ones. */
export const AUTHOR_NOTICES: Record<string, string> = {
  oprettet: 'Kladden er gemt. Den er kun synlig for KOMBIT, indtil den annonceres eller publiceres.',
  gemt: 'Ændringerne er gemt.',
  uaendret: 'Der var ingen ændringer at gemme.',
  annonceret: 'Opgaven er annonceret og vises nu under Kommende opgaver hos de kommuner, den er rettet til.',
  planlagt: 'Opgaven er annonceret og publiceres automatisk på publiceringsdatoen. Modtagerne får besked, når den publiceres.',
  publiceret: 'Opgaven er publiceret, og modtagerne har fået besked.',
  lukket: 'Opgaven er lukket.',
  'frist-aendret': 'Fristen er ændret. Ændringen og begrundelsen er gemt i historikken.',
  'frist-uaendret': 'Opgaven havde allerede den frist; intet er ændret.',
  bilag: 'Bilagene er gemt.',
  'projekt-oprettet': 'Projektet er oprettet.',
};

export const ANSWER_KIND_DA: Record<AnswerKind, string> = {
  none: 'Intet svar – trinnet markeres blot som udført',
  text: 'Fritekst',
  identifier: 'Identifikator med mønster (fx AftaleID)',
  date: 'Dato',
  yes_no: 'Ja/nej',
  file: 'Fil',
};

const STATUS_BADGE: Record<TaskStatus, string> = { draft: 'badge', announced: 'badge badge-info', published: 'badge badge-success', closed: 'badge' };

const instantDa = (d: Date | null) => (d ? formatDeadline(danishDay(d)) : '');
const dateTimeDa = formatDateTime;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());
const fileSize = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} kB` : `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);

/** Markdown rendered safely (markdown.ts escapes all text and allows no raw HTML). */
export function Markdown(p: { source: string | null | undefined; topLevel?: 2 | 3 | 4 }): JSX.Element {
  const safeHtml = renderMarkdown(p.source, { topLevel: p.topLevel ?? 2 });
  return safeHtml ? <div class="samspil-markdown">{safeHtml}</div> : <></>;
}

export function StatusBadge(p: { status: TaskStatus }): JSX.Element {
  return (
    <span class={STATUS_BADGE[p.status]}>
      {TASK_STATUS_DA[p.status]}
    </span>
  );
}

function labelsFor(errors: FieldErrors): Record<string, string> {
  const labels: Record<string, string> = { ...taskLabels };
  for (const key of Object.keys(errors)) {
    const step = stepLabel(key);
    if (step) labels[key] = step;
  }
  return labels;
}

function Checkbox(p: { name: string; label: string; checked: boolean; error?: string | undefined; value?: string; id?: string }): JSX.Element {
  const id = p.id ?? fieldId(p.name);
  return (
    <div class={p.error ? 'form-group-checkbox form-error' : 'form-group-checkbox'}>
      <input type="checkbox" id={id} name={p.name} value={p.value ?? 'on'} class="form-checkbox" checked={p.checked} aria-describedby={p.error ? `${id}-error` : undefined} />
      <label for={id} class="form-label" safe>
        {p.label}
      </label>
      <ErrorText id={id} error={p.error} />
    </div>
  );
}

function Radio(p: { name: string; value: string; label: string; checked: boolean; id: string }): JSX.Element {
  return (
    <div class="form-group-radio">
      <input type="radio" id={p.id} name={p.name} value={p.value} class="form-radio" checked={p.checked} />
      <label for={p.id} class="form-label" safe>
        {p.label}
      </label>
    </div>
  );
}

function Page(p: { request: FastifyRequest; title: string; children: JSX.Element | JSX.Element[] }): JSX.Element {
  return (
    <Layout title={p.title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="opgaver">
      {p.children as 'safe'}
    </Layout>
  );
}

function SubNav(p: { canAuthor: boolean; central: boolean }): JSX.Element {
  return (
    <div class="samspil-actions">
      {p.canAuthor ? (
        <a href="/opgaver/ny" class="button button-primary">
          Opret opgave
        </a>
      ) : (
        ''
      )}
      {p.central ? (
        <a href="/opgaver/kladder" class="function-link">
          Kladder
        </a>
      ) : (
        ''
      )}
      <a href="/opgaver/kommende" class="function-link">
        Kommende opgaver
      </a>
      {p.central ? (
        <a href="/projekter" class="function-link">
          Projekter
        </a>
      ) : (
        ''
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The task form

export type TaskFormProps = {
  request: FastifyRequest;
  ref: AuthoringReference;
  /** the submitted or stored values, as form fields */
  values: FormBody;
  errors?: FieldErrors;
  stepRows: number;
  action: string;
  /** The deadline is edited here only for drafts; announced tasks use "Ændr frist". */
  deadlineLocked?: { deadline: string; href: string } | undefined;
  /** An announced task's announce date is history, not a plan: shown, not edited. */
  announcedAt?: Date | null | undefined;
  submitLabel: string;
};

function TargetsFieldset(p: { ref: AuthoringReference; values: FormBody; errors: FieldErrors }): JSX.Element {
  const v = p.values;
  const e = p.errors;
  const mode = one(v['targets.mode']) || 'all';
  const picked = new Set(many(v['targets.codes']));
  const regions = [...new Set(p.ref.municipalities.map((m) => m.region))].sort();
  const kkrs = [...new Set(p.ref.municipalities.map((m) => m.kkr))].sort();
  const modeError = e['targets.mode'] ?? e.targets;
  return (
    <fieldset class={modeError ? 'form-group form-error' : 'form-group'} id={fieldId('targets')} aria-describedby="targets-hint">
      <legend class="h3">Kommuner</legend>
      <span class="form-hint" id="targets-hint">
        Hvilke kommuner skal løse opgaven? Kladder er kun synlige for KOMBIT, uanset hvad der vælges her.
      </span>
      <ErrorText id={fieldId('targets.mode')} error={modeError} />
      <Radio name="targets.mode" value="all" id={fieldId('targets.mode')} label="Alle 98 kommuner" checked={mode === 'all'} />
      <Radio name="targets.mode" value="region" id="felt-targets-mode-region" label="Kommunerne i én region" checked={mode === 'region'} />
      <Radio name="targets.mode" value="kkr" id="felt-targets-mode-kkr" label="Kommunerne i ét KKR" checked={mode === 'kkr'} />
      <Radio name="targets.mode" value="list" id="felt-targets-mode-list" label="Udvalgte kommuner (vælg nedenfor eller indsæt en liste)" checked={mode === 'list'} />
      <div class="samspil-indent">
        <SelectField
          name="targets.region"
          label="Region (når opgaven er til én region)"
          value={one(v['targets.region'])}
          error={e['targets.region']}
          emptyLabel="Vælg region"
          options={regions.map((r) => ({ value: r, label: r }))}
        />
        <SelectField
          name="targets.kkr"
          label="KKR (når opgaven er til ét KKR)"
          value={one(v['targets.kkr'])}
          error={e['targets.kkr']}
          emptyLabel="Vælg KKR"
          options={kkrs.map((k) => ({ value: k, label: k }))}
        />
        <fieldset class={e['targets.codes'] ? 'form-group form-error' : 'form-group'} id={fieldId('targets.codes')}>
          <legend class="form-label">Udvalgte kommuner</legend>
          <ErrorText id={fieldId('targets.codes')} error={e['targets.codes']} />
          {regions.map((region) => {
            const inRegion = p.ref.municipalities.filter((m) => m.region === region);
            const n = inRegion.filter((m) => picked.has(m.code)).length;
            return (
              <details class="details" open={n > 0}>
                <summary class="details-summary">
                  <span class="details-summary-text" safe>
                    {`${region} (${n} af ${inRegion.length} valgt)`}
                  </span>
                </summary>
                <div class="details-text samspil-columns">
                  {inRegion.map((m) => (
                    <Checkbox name="targets.codes" value={m.code} id={`felt-kommune-${m.code}`} label={`${m.name} (${m.code})`} checked={picked.has(m.code)} />
                  ))}
                </div>
              </details>
            );
          })}
        </fieldset>
        <TextArea
          name="targets.pasted"
          label="Eller indsæt en liste over kommuner"
          hint="Kommunekoder eller navne adskilt af komma, semikolon, mellemrum eller linjeskift, fx 0320, 0153, 0101 eller Faxe; Brøndby."
          value={one(v['targets.pasted'])}
          error={e['targets.pasted']}
          rows={3}
        />
      </div>
    </fieldset>
  );
}

function StepRow(p: { i: number; values: FormBody; errors: FieldErrors }): JSX.Element {
  const name = (f: (typeof STEP_FIELDS)[number]) => `steps.${p.i}.${f}`;
  const val = (f: (typeof STEP_FIELDS)[number]) => one(p.values[name(f)]);
  return (
    <fieldset class="samspil-step">
      <legend class="h4" safe>{`Trin ${p.i + 1}`}</legend>
      <TextField name={name('title')} label="Titel" value={val('title')} error={p.errors[name('title')]} />
      <TextArea name={name('instructions')} label="Vejledning" value={val('instructions')} error={p.errors[name('instructions')]} rows={3} hint="Markdown er tilladt." />
      <SelectField
        name={name('answerKind')}
        label="Svar"
        value={val('answerKind') || 'none'}
        error={p.errors[name('answerKind')]}
        options={Object.entries(ANSWER_KIND_DA).map(([value, label]) => ({ value, label }))}
      />
      <TextField name={name('answerLabel')} label="Svarfeltets navn" hint="Fx AftaleID. Vises som kolonne i overblikket." value={val('answerLabel')} error={p.errors[name('answerLabel')]} />
      <TextField
        name={name('answerPattern')}
        label="Mønster for identifikatoren"
        hint="Et regulært udtryk, fx ^[0-9]{6}$ for seks cifre. Kun for identifikatorer."
        value={val('answerPattern')}
        error={p.errors[name('answerPattern')]}
      />
      <TextField
        name={name('answerHint')}
        label="Hjælpetekst når svaret ikke passer"
        hint="Fx AftaleID består af 6 cifre."
        value={val('answerHint')}
        error={p.errors[name('answerHint')]}
      />
    </fieldset>
  );
}

export function TaskForm(p: TaskFormProps): JSX.Element {
  const v = p.values;
  const e = p.errors ?? {};
  const rows = Array.from({ length: p.stepRows }, (_, i) => i);
  return (
    <form method="post" action={p.action} novalidate>
      {/* Enter in a field submits with the form's first submit button, which would otherwise be
          "Tilføj flere trin". This invisible copy of the save button comes first, so Enter saves;
          it is out of the tab order and hidden from screen readers, which use the visible one. */}
      <button type="submit" name="handling" value="gem" class="sr-only" tabindex="-1" aria-hidden="true" safe>
        {p.submitLabel}
      </button>
      <CsrfField token={p.request.csrfToken} />
      <input type="hidden" name="antalTrin" value={String(p.stepRows)} />
      <h2>Opgaven</h2>
      <TextField name="code" label="Kode" hint="Entydig, fx KLIK - KR MI 02" value={one(v.code)} error={e.code} required />
      <TextField name="title" label="Titel" value={one(v.title)} error={e.title} required />
      <SelectField
        name="projectId"
        label="Projekt (valgfrit)"
        value={one(v.projectId)}
        error={e.projectId}
        emptyLabel="Intet projekt"
        options={p.ref.projects.map((x) => ({ value: x.id, label: x.name }))}
      />
      <SelectField
        name="solutionKey"
        label="Løsning opgaven handler om (valgfrit)"
        value={one(v.solutionKey)}
        error={e.solutionKey}
        emptyLabel="Ingen bestemt løsning"
        options={p.ref.solutions.map((s) => ({ value: s.key, label: s.name }))}
      />
      <TextArea
        name="description"
        label="Beskrivelse"
        hint="Markdown: **fed**, *kursiv*, lister med - eller 1., overskrifter med # og links som [tekst](https://…)."
        value={one(v.description)}
        error={e.description}
        rows={8}
      />
      <TextArea name="consequence" label="Konsekvens hvis opgaven ikke løses" value={one(v.consequence)} error={e.consequence} rows={3} />

      <fieldset class="form-group">
        <legend class="h3">Hvem i kommunen skal løse opgaven</legend>
        <SelectField
          name="audienceRoleKey"
          label="Rolle"
          value={one(v.audienceRoleKey)}
          error={e.audienceRoleKey}
          emptyLabel="Vælg rolle"
          options={p.ref.roleTypes.map((r) => ({ value: r.key, label: r.perSolution ? `${r.labelDa} (pr. løsning)` : r.labelDa }))}
        />
        <SelectField
          name="audienceSolutionKey"
          label="Løsning (for roller pr. løsning)"
          value={one(v.audienceSolutionKey)}
          error={e.audienceSolutionKey}
          emptyLabel="Ingen løsning"
          options={p.ref.solutions.map((s) => ({ value: s.key, label: s.name }))}
        />
        <Checkbox name="audiencePrimaryOnly" label="Kun den primære systemansvarlige" checked={one(v.audiencePrimaryOnly) === 'on'} error={e.audiencePrimaryOnly} />
      </fieldset>

      <TargetsFieldset ref={p.ref} values={v} errors={e} />

      <fieldset class="form-group">
        <legend class="h3">Kendetegn</legend>
        <Checkbox name="critical" label="Kritisk" checked={one(v.critical) === 'on'} />
        <Checkbox name="crossCutting" label="Tværgående" checked={one(v.crossCutting) === 'on'} />
        <Checkbox name="optional" label="Valgfri – kommunen kan vælge ikke at løse den" checked={one(v.optional) === 'on'} />
      </fieldset>

      <fieldset class="form-group">
        <legend class="h3">Datoer</legend>
        {p.announcedAt ? (
          <div class="form-group">
            <p class="form-label">Annonceret</p>
            <p safe>{instantDa(p.announcedAt)}</p>
          </div>
        ) : (
          <TextField
            name="announceAt"
            type="date"
            label="Annonceringsdato"
            hint="Den planlagte dato for annonceringen under Kommende opgaver."
            value={one(v.announceAt)}
            error={e.announceAt}
          />
        )}
        <TextField
          name="publishAt"
          type="date"
          label="Publiceringsdato"
          hint="Publicerer man før denne dato, annonceres opgaven, og den publiceres automatisk på datoen."
          value={one(v.publishAt)}
          error={e.publishAt}
        />
        {p.deadlineLocked ? (
          <div class="form-group">
            <p class="form-label">Frist</p>
            <p>
              <strong safe>{formatDeadline(p.deadlineLocked.deadline)}</strong>{' '}
              <a href={p.deadlineLocked.href} class="function-link">
                Ændr frist
              </a>
            </p>
          </div>
        ) : (
          <TextField name="deadline" type="date" label="Frist" hint="Sidste dag opgaven kan løses rettidigt." value={one(v.deadline)} error={e.deadline} required />
        )}
      </fieldset>

      <fieldset class="form-group" id={fieldId('steps')}>
        <legend class="h3">Trin</legend>
        <span class="form-hint">Udfyld trinnene i rækkefølge; tomme rækker springes over. En opgave kan have op til 30 trin.</span>
        <ErrorText id={fieldId('steps')} error={e.steps} />
        {rows.map((i) => (
          <StepRow i={i} values={v} errors={e} />
        ))}
        {p.stepRows < 30 ? (
          <button type="submit" name="handling" value="flere-trin" class="button button-secondary">
            Tilføj flere trin
          </button>
        ) : (
          ''
        )}
      </fieldset>

      <button type="submit" name="handling" value="gem" class="button button-primary" safe>
        {p.submitLabel}
      </button>
    </form>
  );
}

export function NewTaskPage(p: Omit<TaskFormProps, 'action' | 'submitLabel'>): JSX.Element {
  const e = p.errors ?? {};
  return (
    <Page request={p.request} title="Opret opgave">
      <p>
        <a href="/opgaver/kladder" class="function-link">
          Tilbage til kladder
        </a>
      </p>
      <h1>Opret opgave</h1>
      <p class="font-lead">Opgaven gemmes som kladde. Kommunerne ser den først, når den annonceres eller publiceres.</p>
      <ErrorSummary errors={e} labels={labelsFor(e)} />
      <TaskForm {...p} action="/opgaver" submitLabel="Gem kladde" />
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// Editing and lifecycle

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
          {t.publishedAt ? dateTimeDa(t.publishedAt) : futurePublish ? `Publiceres automatisk ${instantDa(t.publishAt)}` : 'Ikke endnu'}
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
              <td safe>{dateTimeDa(c.changedAt)}</td>
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
              <span class="text-muted" safe>{`(${fileSize(a.size)})`}</span>
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
                <td safe>{fileSize(a.size)}</td>
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

// ---------------------------------------------------------------------------------------------
// Deadline

export function DeadlinePage(p: {
  request: FastifyRequest;
  task: TaskDefinition;
  values?: FormBody;
  errors?: FieldErrors;
}): JSX.Element {
  const t = p.task;
  const e = p.errors ?? {};
  const v = p.values ?? {};
  return (
    <Page request={p.request} title={`Ændr frist – ${t.code}`}>
      <p>
        <a href={t.status === 'published' ? `/opgaver/${t.id}/overblik` : `/opgaver/${t.id}/rediger`} class="function-link">
          Tilbage til opgaven
        </a>
      </p>
      <h1 safe>{`Ændr frist for ${t.code}`}</h1>
      <p class="font-lead" safe>
        {`${t.title}. Nuværende frist: ${formatDeadline(t.deadline)}.`}
      </p>
      {t.status === 'published' ? (
        <p>Modtagerne i de kommuner, der endnu ikke har løst opgaven, får besked om den nye frist og begrundelsen.</p>
      ) : (
        <p>Opgaven er ikke publiceret endnu, så ingen får besked. Ændringen gemmes i historikken.</p>
      )}
      <ErrorSummary errors={e} labels={{ deadline: 'Ny frist', reason: 'Begrundelse' }} />
      <form method="post" action={`/opgaver/${t.id}/frist`} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="deadline" type="date" label="Ny frist" value={one(v.deadline)} error={e.deadline} required />
        <TextArea name="reason" label="Begrundelse" hint="Vises for kommunerne og i mailen." value={one(v.reason)} error={e.reason} rows={3} required />
        <button type="submit" class="button button-primary">
          Ændr frist
        </button>
      </form>
      <DeadlineHistory task={t} />
    </Page>
  );
}

// ---------------------------------------------------------------------------------------------
// Lists

export function DraftsPage(p: { request: FastifyRequest; drafts: TaskSummary[]; canAuthor: boolean }): JSX.Element {
  return (
    <Page request={p.request} title="Kladder">
      <h1>Kladder</h1>
      <p class="font-lead">Opgaver, der endnu ikke er annonceret eller publiceret. Kommunerne kan ikke se dem.</p>
      <SubNav canAuthor={p.canAuthor} central />
      <table class="table table--zebra">
        <caption safe>{`Kladder (${p.drafts.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Kode</th>
            <th scope="col">Titel</th>
            <th scope="col">Projekt</th>
            <th scope="col">Frist</th>
            <th scope="col" class="text-align-right">
              Kommuner
            </th>
            <th scope="col" class="text-align-right">
              Trin
            </th>
            <th scope="col">Senest ændret</th>
          </tr>
        </thead>
        <tbody>
          {p.drafts.length === 0 ? (
            <tr>
              <td colspan="7">Der er ingen kladder.</td>
            </tr>
          ) : (
            p.drafts.map((d) => (
              <tr>
                <td>
                  <a href={`/opgaver/${d.id}/rediger`} safe>
                    {d.code}
                  </a>
                </td>
                <td safe>{d.title}</td>
                <td safe>{d.projectName ?? '–'}</td>
                <td safe>{formatDeadline(d.deadline)}</td>
                <td class="text-align-right" safe>
                  {String(d.targetCount)}
                </td>
                <td class="text-align-right" safe>
                  {String(d.stepCount)}
                </td>
                <td safe>{dateTimeDa(d.updatedAt)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Page>
  );
}

export function UpcomingPage(p: { request: FastifyRequest; tasks: TaskSummary[]; central: boolean; canAuthor: boolean }): JSX.Element {
  return (
    <Page request={p.request} title="Kommende opgaver">
      <h1>Kommende opgaver</h1>
      <p class="font-lead">
        {p.central
          ? 'Annoncerede opgaver. Kommunerne kan se dem, men ikke løse dem endnu.'
          : 'Opgaver, der er på vej til jeres kommune. De kan ikke løses endnu; I får besked, når de publiceres.'}
      </p>
      <SubNav canAuthor={p.canAuthor} central={p.central} />
      {p.tasks.length === 0 ? <p>Der er ingen kommende opgaver.</p> : ''}
      <div>
        {p.tasks.map((t) => (
          <section class="samspil-upcoming" aria-labelledby={`kommende-${t.id}`}>
            <h2 id={`kommende-${t.id}`} safe>{`${t.code} – ${t.title}`}</h2>
            <dl class="samspil-details">
              <dt>Forventet frist</dt>
              <dd safe>{formatDeadline(t.deadline)}</dd>
              {t.publishAt ? (
                <>
                  <dt>Forventes publiceret</dt>
                  <dd safe>{instantDa(t.publishAt)}</dd>
                </>
              ) : (
                ''
              )}
              {t.projectName ? (
                <>
                  <dt>Projekt</dt>
                  <dd safe>{t.projectName}</dd>
                </>
              ) : (
                ''
              )}
              {t.critical || t.crossCutting || t.optional ? (
                <>
                  <dt>Kendetegn</dt>
                  <dd safe>{[t.critical ? 'Kritisk' : '', t.crossCutting ? 'Tværgående' : '', t.optional ? 'Valgfri' : ''].filter(Boolean).join(', ')}</dd>
                </>
              ) : (
                ''
              )}
            </dl>
            <Markdown source={t.description} topLevel={3} />
            {p.canAuthor ? (
              <p>
                <a href={`/opgaver/${t.id}/rediger`} class="function-link" safe>
                  {`Redigér ${t.code}`}
                </a>
              </p>
            ) : (
              ''
            )}
          </section>
        ))}
      </div>
    </Page>
  );
}

type ProjectRow = { id: string; key: string; name: string; description: string; solutionName: string | null; taskCount: number };

export function ProjectsPage(p: {
  request: FastifyRequest;
  projects: ProjectRow[];
  solutions: { key: string; name: string }[];
  canAuthor: boolean;
  values?: FormBody;
  errors?: FieldErrors;
  notice?: string | undefined;
}): JSX.Element {
  const e = p.errors ?? {};
  const v = p.values ?? {};
  return (
    <Page request={p.request} title="Projekter">
      <h1>Projekter</h1>
      <p class="font-lead">Programmer som Kontanthjælpsreformen, Valg 2025 og FLIS samler opgaverne.</p>
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <ErrorSummary errors={e} labels={{ name: 'Navn', key: 'Nøgle', description: 'Beskrivelse', solutionKey: 'Løsning' }} />
      <SubNav canAuthor={p.canAuthor} central />
      <table class="table table--zebra">
        <caption safe>{`Projekter (${p.projects.length})`}</caption>
        <thead>
          <tr>
            <th scope="col">Navn</th>
            <th scope="col">Nøgle</th>
            <th scope="col">Løsning</th>
            <th scope="col">Beskrivelse</th>
            <th scope="col" class="text-align-right">
              Opgaver
            </th>
          </tr>
        </thead>
        <tbody>
          {p.projects.length === 0 ? (
            <tr>
              <td colspan="5">Der er endnu ingen projekter.</td>
            </tr>
          ) : (
            p.projects.map((x) => (
              <tr>
                <td safe>{x.name}</td>
                <td safe>{x.key}</td>
                <td safe>{x.solutionName ?? '–'}</td>
                <td safe>{x.description}</td>
                <td class="text-align-right" safe>
                  {String(x.taskCount)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {p.canAuthor ? (
        <section aria-labelledby="nyt-projekt" class="mt-6">
          <h2 id="nyt-projekt">Opret projekt</h2>
          <form method="post" action="/projekter" novalidate>
            <CsrfField token={p.request.csrfToken} />
            <TextField name="name" label="Navn" value={one(v.name)} error={e.name} required />
            <TextField name="key" label="Nøgle" hint="Små bogstaver, tal og bindestreger. Udfyldes ud fra navnet, hvis feltet er tomt." value={one(v.key)} error={e.key} />
            <TextArea name="description" label="Beskrivelse" value={one(v.description)} error={e.description} rows={3} />
            <SelectField
              name="solutionKey"
              label="Løsning (valgfri)"
              value={one(v.solutionKey)}
              error={e.solutionKey}
              emptyLabel="Ingen bestemt løsning"
              options={p.solutions.map((s) => ({ value: s.key, label: s.name }))}
            />
            <button type="submit" class="button button-primary">
              Opret projekt
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Page>
  );
}
