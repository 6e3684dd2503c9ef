import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Radio } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, TextArea } from '../../../platform/views/components.tsx';
import { formatDateTime, formatDeadline } from '../../../platform/views/format.ts';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { ContentRisk } from '../content.ts';
import { riskLevel, type RiskAxisLevel, type RiskScale } from '../risk-scales.ts';
import { riskResponses } from '../schema.ts';
import type { MunicipalityResponse } from './load-responses.ts';
import { MAX_MEASURES, RESPONSE_LABELS, responseFieldLabels } from './response-input.ts';

/** The form's fields as text: a stored response, or what was posted when it is shown again with errors. */
export type ResponseFormValues = {
  response: string;
  reason: string;
  residualLikelihood: string;
  residualConsequence: string;
  measures: { description: string; owner: string; deadline: string }[];
  requestKey?: unknown;
};

/** A stored response as the form shows it; without one, KOMBIT's residual assessment is the starting point. */
export function formValuesOf(current: MunicipalityResponse | null, risk: ContentRisk): ResponseFormValues {
  return {
    response: current?.response ?? '',
    reason: current?.reason ?? '',
    residualLikelihood: String(current?.residualLikelihood ?? risk.residualLikelihood),
    residualConsequence: String(current?.residualConsequence ?? risk.residualConsequence),
    measures: (current?.measures ?? []).map((m) => ({ description: m.description, owner: m.owner, deadline: m.deadline ?? '' })),
  };
}

const levelText = (scale: RiskScale, likelihood: number, consequence: number) => {
  const l = scale.likelihoods[likelihood - 1];
  const c = scale.consequences[consequence - 1];
  return `${riskLevel(scale, likelihood, consequence).label} (sandsynlighed ${likelihood}${l ? ` ${l.label}` : ''}, konsekvens ${consequence}${c ? ` ${c.label}` : ''})`;
};

/** What the municipality has answered, with its measures and who answered when. */
export function CurrentResponse(p: { current: MunicipalityResponse | null; scale: RiskScale; municipalityName: string }): JSX.Element {
  const c = p.current;
  if (!c) return <p safe>{`${p.municipalityName} har ikke svaret på risikoen endnu.`}</p>;
  return (
    <>
      <dl class="samspil-details">
        <dt>Jeres svar</dt>
        <dd safe>{RESPONSE_LABELS[c.response]}</dd>
        {c.response === 'not-relevant' ? (
          <>
            <dt>Begrundelse</dt>
            <dd safe>{c.reason}</dd>
          </>
        ) : (
          ''
        )}
        {c.residualLikelihood !== null && c.residualConsequence !== null ? (
          <>
            <dt>Jeres restrisiko</dt>
            <dd safe>{levelText(p.scale, c.residualLikelihood, c.residualConsequence)}</dd>
          </>
        ) : (
          ''
        )}
        <dt>Gemt</dt>
        <dd safe>{`${formatDateTime(c.updatedAt)}${c.updatedByName ? ` af ${c.updatedByName}` : ''}`}</dd>
      </dl>
      {c.measures.length > 0 ? (
        <ResponsiveTable>
          <table class="table table--compact">
            <caption>Jeres egne supplerende foranstaltninger</caption>
            <thead>
              <tr>
                <th scope="col">Foranstaltning</th>
                <th scope="col">Ansvarlig</th>
                <th scope="col">Frist</th>
              </tr>
            </thead>
            <tbody>
              {c.measures.map((m) => (
                <tr>
                  <td safe>{m.description}</td>
                  <td safe>{m.owner || 'Ikke angivet'}</td>
                  <td>{m.deadline ? formatDeadline(m.deadline) : 'Ingen frist'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ResponsiveTable>
      ) : (
        ''
      )}
    </>
  );
}

/** A radio group over one axis of the scale, each value with the definition the scale gives it. */
function AxisRadios(p: { name: string; legend: string; levels: RiskAxisLevel[]; value: string; error: string | undefined; hint: string }): JSX.Element {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <fieldset aria-describedby={`${id}-hint`}>
        <legend class="form-label" safe>
          {p.legend}
        </legend>
        <span class="form-hint" id={`${id}-hint`} safe>
          {p.hint}
        </span>
        <ErrorText id={id} error={p.error} />
        {p.levels.map((l, i) => (
          <Radio
            name={p.name}
            id={i === 0 ? id : `${id}-${l.value}`}
            value={String(l.value)}
            label={`${l.value} ${l.label}`}
            hint={l.definition}
            checked={p.value === String(l.value)}
          />
        ))}
      </fieldset>
    </div>
  );
}

function MeasureRow(p: { index: number; value: { description: string; owner: string; deadline: string }; errors: FieldErrors }): JSX.Element {
  const field = (name: string, label: string, input: { name: string; type?: string; value: string; hint?: string }) => {
    const key = `measures.${p.index}.${name}`;
    const id = fieldId(key);
    const error = p.errors[key];
    const describedBy = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div class={error ? 'form-group form-error' : 'form-group'}>
        <label class="form-label" for={id} safe>
          {label}
        </label>
        {input.hint ? (
          <span class="form-hint" id={`${id}-hint`} safe>
            {input.hint}
          </span>
        ) : (
          ''
        )}
        <ErrorText id={id} error={error} />
        <input
          class="form-input"
          id={id}
          name={input.name}
          type={input.type ?? 'text'}
          value={input.value}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
    );
  };
  return (
    <fieldset class="samspil-response-measure">
      <legend class="h5" safe>{`Foranstaltning ${p.index + 1}`}</legend>
      {field('description', 'Beskrivelse', { name: 'measureDescription', value: p.value.description, hint: 'Hvad gør kommunen selv for at mindske risikoen?' })}
      {field('owner', 'Ansvarlig', { name: 'measureOwner', value: p.value.owner, hint: 'Person eller enhed i kommunen' })}
      {field('deadline', 'Frist', { name: 'measureDeadline', type: 'date', value: p.value.deadline, hint: 'Dato, fx 31.12.2026' })}
    </fieldset>
  );
}

/**
 * The recipient's form: the answer as three radios (the two that need more say so), the own
 * measures with owner and deadline, the own residual assessment on the package's scale (each value
 * with its definition), and the reason for "not relevant". Blank measure rows are left out when
 * saved, so no script is needed to add a row.
 */
export function ResponseForm(p: {
  action: string;
  csrfToken: string | undefined;
  risk: ContentRisk;
  scale: RiskScale;
  values: ResponseFormValues;
  errors: FieldErrors;
  hasResponse: boolean;
}): JSX.Element {
  const { scale, risk, values: v, errors: e } = p;
  const rows = Math.min(MAX_MEASURES, v.measures.length + 2);
  const blank = { description: '', owner: '', deadline: '' };
  const kombitResidual = levelText(scale, risk.residualLikelihood, risk.residualConsequence);
  const hints: Record<string, string> = {
    accepted: `Vi accepterer risikoen, som KOMBIT har vurderet den (restrisiko ${kombitResidual}).`,
    'own-measures': 'Vi supplerer med egne foranstaltninger og vurderer selv restrisikoen. Udfyld foranstaltningerne og jeres vurdering nedenfor.',
    'not-relevant': 'Risikoen gælder ikke hos os. Skriv begrundelsen nedenfor.',
  };
  const l = Number(v.residualLikelihood);
  const c = Number(v.residualConsequence);
  const shownLevel = Number.isInteger(l) && Number.isInteger(c) && scale.matrix[c - 1]?.[l - 1] ? levelText(scale, l, c) : null;
  const responseId = fieldId('response');
  return (
    <form method="post" action={p.action} novalidate class="samspil-response-form">
      <ErrorSummary errors={e} labels={responseFieldLabels(rows)} />
      <CsrfField token={p.csrfToken} />
      <RequestKeyField value={v.requestKey} />
      <h3>{p.hasResponse ? 'Ret jeres svar' : 'Giv jeres svar'}</h3>
      <div class={e.response ? 'form-group form-error' : 'form-group'}>
        <fieldset>
          <legend class="form-label">Hvordan forholder I jer til risikoen?</legend>
          <ErrorText id={responseId} error={e.response} />
          {riskResponses.map((r, i) => (
            <Radio name="response" id={i === 0 ? responseId : `${responseId}-${r}`} value={r} label={RESPONSE_LABELS[r]} hint={hints[r]} checked={v.response === r} />
          ))}
        </fieldset>
      </div>
      <fieldset class="samspil-response-own">
        <legend class="h4">Egne supplerende foranstaltninger</legend>
        <p class="form-hint">Udfyldes, når I svarer «Egne supplerende foranstaltninger». Tomme rækker gemmes ikke.</p>
        {Array.from({ length: rows }, (_, i) => (
          <MeasureRow index={i} value={v.measures[i] ?? blank} errors={e} />
        ))}
        <AxisRadios
          name="residualLikelihood"
          legend="Jeres sandsynlighed efter foranstaltningerne"
          hint={`KOMBITs vurdering efter KOMBITs foranstaltninger: ${risk.residualLikelihood}.`}
          levels={scale.likelihoods}
          value={v.residualLikelihood}
          error={e.residualLikelihood}
        />
        <AxisRadios
          name="residualConsequence"
          legend="Jeres konsekvens for de registrerede efter foranstaltningerne"
          hint={`KOMBITs vurdering efter KOMBITs foranstaltninger: ${risk.residualConsequence}.`}
          levels={scale.consequences}
          value={v.residualConsequence}
          error={e.residualConsequence}
        />
        {shownLevel ? <p safe>{`Med de valgte værdier er risikoniveauet ${shownLevel}, aflæst i risikomatricen. Vælger I andre værdier, vises det nye niveau, når svaret er gemt.`}</p> : ''}
      </fieldset>
      <TextArea
        name="reason"
        label="Hvorfor er risikoen ikke relevant for jer?"
        hint="Skal udfyldes, når I svarer «Ikke relevant for os»."
        value={v.reason}
        error={e.reason}
        rows={3}
        required
      />
      <button type="submit" class="button button-primary">
        Gem svar
      </button>
    </form>
  );
}
