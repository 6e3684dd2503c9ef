import type { FastifyRequest } from 'fastify';
import { Radio } from '../../../../platform/views/choices.tsx';
import { ErrorSummary, ErrorText, fieldId, TextArea, TextField } from '../../../../platform/views/components.tsx';
import { Layout } from '../../../../platform/views/layout.tsx';
import { councilKinds } from '../../schema.ts';
import { councilLabels } from '../council-input.ts';
import { COUNCIL_KIND_LABELS } from '../labels.ts';
import { FormHead, valueOf, type FormState } from './forms.tsx';

const KIND_HINTS = {
  portefoeljeraad: 'Prioriterer på tværs af løsningerne og puljen. K98-aftalen har ét porteføljeråd.',
  fagraad: 'Forbereder sagerne inden for ét forvaltningsområde; dets forperson har en plads i Porteføljerådet.',
} as const;

/** Create a council (no key yet) or correct one; the key is part of its address and stays. */
export function CouncilFormPage(p: { request: FastifyRequest; councilKey: string | null; councilName?: string; state: FormState }): JSX.Element {
  const v = (name: string) => valueOf(p.state.values, name);
  const e = p.state.errors;
  const editing = p.councilKey !== null;
  const title = editing ? `Ret ${p.councilName ?? 'rådet'}` : 'Opret råd';
  const kindId = fieldId('kind');
  return (
    <Layout title={title} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="styring">
      <p>
        <a href={editing ? `/styring/raad/${p.councilKey}` : '/styring'} class="function-link">
          {editing ? 'Tilbage til rådet' : 'Tilbage til K98-styring'}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary errors={e} labels={councilLabels} />
      <form method="post" action={editing ? `/styring/raad/${p.councilKey}` : '/styring/raad'} novalidate>
        <FormHead csrfToken={p.request.csrfToken} />
        {editing ? (
          ''
        ) : (
          <TextField
            name="key"
            label="Nøgle"
            value={v('key')}
            error={e.key}
            hint="Bruges i rådets adresse og i API'et og kan ikke ændres siden: små bogstaver, tal og bindestreger, fx fagraad-beskaeftigelse."
            autocomplete="off"
            required
          />
        )}
        <fieldset class={e.kind ? 'form-group form-error' : 'form-group'} id={kindId}>
          <legend class="form-label">Slags råd</legend>
          <ErrorText id={kindId} error={e.kind} />
          {councilKinds.map((k) => (
            <Radio name="kind" value={k} id={`${kindId}-${k}`} label={COUNCIL_KIND_LABELS[k]} hint={KIND_HINTS[k]} checked={v('kind') === k} />
          ))}
        </fieldset>
        <TextField name="name" label="Navn" value={v('name')} error={e.name} hint="Fx Porteføljerådet eller Fagråd for beskæftigelse og ydelser." required />
        <TextField name="area" label="Område" value={v('area')} error={e.area} hint="Fagrådets forvaltningsområde. Tomt for Porteføljerådet." />
        <TextArea name="description" label="Beskrivelse" value={v('description')} error={e.description} rows={4} hint="Rådets opgaver, fx fra kommissoriet." />
        <button type="submit" class="button button-primary">
          {editing ? 'Gem rettelserne' : 'Opret rådet'}
        </button>
      </form>
    </Layout>
  );
}
