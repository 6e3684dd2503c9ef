import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { Checkbox, Radio } from '../../../../platform/views/choices.tsx';
import { CsrfField, ErrorText, fieldId, SelectField, TextArea, TextField } from '../../../../platform/views/components.tsx';
import type { AuthoringReference } from '../queries.ts';
import { STEP_FIELDS, type FormBody } from '../../inputs.ts';
import { ANSWER_KIND_DA, instantDa, many, one } from './shared.tsx';
import { danishCompare, formatDeadline } from '../../../../platform/views/format.ts';

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
  const regions = [...new Set(p.ref.municipalities.map((m) => m.region))].sort(danishCompare);
  const kkrs = [...new Set(p.ref.municipalities.map((m) => m.kkr))].sort(danishCompare);
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
