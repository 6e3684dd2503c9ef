import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { RequestKeyField } from '../../../platform/idempotency/request-key-field.tsx';
import { Checkbox } from '../../../platform/views/choices.tsx';
import { CsrfField, ErrorSummary, ErrorText, fieldId, SelectField, TextArea, TextField } from '../../../platform/views/components.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { PROPOSAL_LABELS } from './proposal-input.ts';
import type { Named } from './queries.ts';

export type NewProposalPageProps = {
  request: FastifyRequest;
  solutions: Named[];
  years: number[];
  defaultYear: number;
  values?: Record<string, unknown>;
  errors?: FieldErrors;
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const ticked = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** "Indsend input til kommende møder": a proposal for the pool, on the municipality's behalf (or KOMBIT's). */
export function NewProposalPage(p: NewProposalPageProps): JSX.Element {
  const v = p.values ?? {};
  const errors = p.errors ?? {};
  const chosen = new Set(ticked(v.solutions));
  const actor = p.request.actor!;
  const onBehalf = actor.municipalityName ? `${actor.municipalityName} Kommune` : 'KOMBIT';
  const groupId = fieldId('solutions');
  return (
    <Layout title="Indsend input til kommende møder – Prioriteringspuljen" actor={actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href="/styring/puljen" class="function-link">
          Tilbage til prioriteringspuljen
        </a>
      </p>
      <h1>Indsend input til kommende møder</h1>
      <p class="font-lead" safe>
        {`Et forslag til prioriteringspuljen fra ${onBehalf}. Sekretariatet lægger det op til behandling i det relevante fagråd, og I kan følge det på puljens side.`}
      </p>
      <ErrorSummary errors={errors} labels={PROPOSAL_LABELS} />
      <form method="post" action="/styring/puljen" novalidate>
        <CsrfField token={p.request.csrfToken} />
        <RequestKeyField value={v.requestKey} />
        <TextField name="title" label="Titel" value={text(v.title)} error={errors.title} required />
        <TextArea name="description" label="Beskrivelse" hint="Hvad forslaget går ud på, og hvad det giver kommunerne" value={text(v.description)} error={errors.description} rows={8} required />
        <fieldset id={groupId} aria-describedby={errors.solutions ? `${groupId}-error` : undefined}>
          <legend class="form-label">Løsninger</legend>
          <span class="form-hint">Vælg de løsninger, forslaget vedrører</span>
          <ErrorText id={groupId} error={errors.solutions} />
          <div class="samspil-columns">
            {p.solutions.map((s) => (
              <Checkbox name="solutions" value={s.key} id={`${groupId}-${s.key}`} label={s.name} checked={chosen.has(s.key)} />
            ))}
          </div>
        </fieldset>
        <TextField
          name="estimatedCost"
          label="Anslået pris i kroner"
          hint="Fx 250.000 eller 1.234.500,50"
          value={text(v.estimatedCost)}
          error={errors.estimatedCost}
          autocomplete="off"
          required
        />
        <SelectField
          name="year"
          label="Puljens år (det år, forslaget søger penge til)"
          value={text(v.year) || String(p.defaultYear)}
          error={errors.year}
          options={p.years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <button type="submit" class="button button-primary">
          Indsend forslag
        </button>
      </form>
    </Layout>
  );
}
