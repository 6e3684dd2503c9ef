import { Breadcrumbs } from '../../platform/views/breadcrumbs.tsx';
import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../platform/errors.ts';
import { CsrfField, ErrorSummary, fieldId, SelectField, TextArea, TextField } from '../../platform/views/components.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../platform/views/table.tsx';
import { AXIS_MAX, AXIS_MIN, LEVELS_MAX, LEVELS_MIN } from './create-risk-scale.ts';
import { riskColourTokens, type RiskColourToken } from './schema.ts';

export type ScaleSize = { likelihoods: number; consequences: number; levels: number };
export type ScaleFormValues = Record<string, string>;

const COLOUR_LABELS: Record<RiskColourToken, string> = { groen: 'Grøn', gul: 'Gul', orange: 'Orange', roed: 'Rød' };
const DEFAULT_COLOURS: RiskColourToken[][] = [[], [], ['groen', 'roed'], ['groen', 'gul', 'roed'], ['groen', 'gul', 'orange', 'roed'], ['groen', 'gul', 'gul', 'orange', 'roed']];

/** A size from the query, kept inside the limits the use case accepts. */
export function scaleSize(q: { sandsynligheder?: string | undefined; konsekvenser?: string | undefined; niveauer?: string | undefined }): ScaleSize {
  const clamp = (raw: string | undefined, min: number, max: number) => {
    const n = Number(raw);
    return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : 4;
  };
  return {
    likelihoods: clamp(q.sandsynligheder, AXIS_MIN, AXIS_MAX),
    consequences: clamp(q.konsekvenser, AXIS_MIN, AXIS_MAX),
    levels: clamp(q.niveauer, LEVELS_MIN, LEVELS_MAX),
  };
}

/**
 * The form's flat fields ("likelihoods.0.label", "matrix.2.1" = a level number) as the use case's
 * input, where a cell names its level by label as the API does.
 */
export function scaleFromForm(body: Record<string, unknown>, size: ScaleSize) {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const axis = (name: string, n: number) => Array.from({ length: n }, (_, i) => ({ label: s(`${name}.${i}.label`), definition: s(`${name}.${i}.definition`) }));
  const levels = Array.from({ length: size.levels }, (_, i) => ({ label: s(`levels.${i}.label`), colour: s(`levels.${i}.colour`) }));
  const matrix = Array.from({ length: size.consequences }, (_, c) =>
    Array.from({ length: size.likelihoods }, (__, l) => {
      const n = Number(s(`matrix.${c}.${l}`));
      return Number.isInteger(n) && n >= 1 && n <= size.levels ? levels[n - 1]!.label : '';
    }),
  );
  return { name: s('name'), description: s('description'), likelihoods: axis('likelihoods', size.likelihoods), consequences: axis('consequences', size.consequences), levels, matrix };
}

/** A starting matrix that rises with both axes, so the author only adjusts it. */
const defaultCell = (c: number, l: number, size: ScaleSize) => {
  const spread = (c + l) / (size.consequences + size.likelihoods - 2);
  return String(Math.min(size.levels, 1 + Math.floor(spread * size.levels)));
};

function AxisFields(p: { name: string; title: string; count: number; values: ScaleFormValues; errors: FieldErrors }): JSX.Element {
  return (
    <fieldset>
      <legend class="h3" safe>{p.title}</legend>
      <p class="form-hint">Trin 1 er det laveste. Definitionen vises, hvor værdien vælges på en risiko.</p>
      {Array.from({ length: p.count }, (_, i) => (
        <div class="samspil-scale-step">
          <TextField name={`${p.name}.${i}.label`} label={`Trin ${i + 1}: betegnelse`} value={p.values[`${p.name}.${i}.label`] ?? ''} error={p.errors[`${p.name}.${i}.label`]} required />
          <TextArea name={`${p.name}.${i}.definition`} label={`Trin ${i + 1}: definition`} value={p.values[`${p.name}.${i}.definition`] ?? ''} error={p.errors[`${p.name}.${i}.definition`]} rows={2} required />
        </div>
      ))}
    </fieldset>
  );
}

export function RiskScaleFormPage(p: { request: FastifyRequest; size: ScaleSize; values: ScaleFormValues; errors: FieldErrors }): JSX.Element {
  const { size, values, errors } = p;
  const sizeOptions = (min: number, max: number) => Array.from({ length: max - min + 1 }, (_, i) => ({ value: String(min + i), label: String(min + i) }));
  const action = `/compliance/risikoskalaer/ny?sandsynligheder=${size.likelihoods}&konsekvenser=${size.consequences}&niveauer=${size.levels}`;
  return (
    <Layout title="Ny risikoskala" actor={p.request.actor} csrfToken={p.request.csrfToken} nav="compliance">
      <Breadcrumbs
        trail={[
          { href: '/compliance', label: 'Compliance' },
          { href: '/compliance/risikoskalaer', label: 'Risikoskalaer' },
        ]}
        current="Ny risikoskala"
      />
      <h1>Ny risikoskala</h1>
      <p class="font-lead">
        En skala har sine egne trin for sandsynlighed og konsekvens, sine risikoniveauer og en matrix, hvor niveauet aflæses. Datatilsynets 4×4 er
        standard; en ny skala kan vælges på en compliancepakke, der er under udarbejdelse.
      </p>
      <form method="get" action="/compliance/risikoskalaer/ny" class="samspil-inline-form">
        <SelectField name="sandsynligheder" label="Trin for sandsynlighed" value={String(size.likelihoods)} options={sizeOptions(AXIS_MIN, AXIS_MAX)} />
        <SelectField name="konsekvenser" label="Trin for konsekvens" value={String(size.consequences)} options={sizeOptions(AXIS_MIN, AXIS_MAX)} />
        <SelectField name="niveauer" label="Risikoniveauer" value={String(size.levels)} options={sizeOptions(LEVELS_MIN, LEVELS_MAX)} />
        <button type="submit" class="button button-secondary">Skift størrelse</button>
      </form>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} novalidate>
        <CsrfField token={p.request.csrfToken} />
        <TextField name="name" label="Skalaens navn" value={values.name ?? ''} error={errors.name} required />
        <TextArea name="description" label="Beskrivelse" value={values.description ?? ''} error={errors.description} rows={3} />
        <AxisFields name="likelihoods" title="Sandsynlighed" count={size.likelihoods} values={values} errors={errors} />
        <AxisFields name="consequences" title="Konsekvens for de registrerede" count={size.consequences} values={values} errors={errors} />
        <fieldset>
          <legend class="h3">Risikoniveauer</legend>
          <p class="form-hint">Niveau 1 er det laveste. Farven vises altid sammen med betegnelsen.</p>
          {Array.from({ length: size.levels }, (_, i) => (
            <div class="samspil-scale-step">
              <TextField name={`levels.${i}.label`} label={`Niveau ${i + 1}: betegnelse`} value={values[`levels.${i}.label`] ?? ''} error={errors[`levels.${i}.label`]} required />
              <SelectField
                name={`levels.${i}.colour`}
                label={`Niveau ${i + 1}: farve`}
                value={values[`levels.${i}.colour`] ?? DEFAULT_COLOURS[size.levels]![i]!}
                options={riskColourTokens.map((c) => ({ value: c, label: COLOUR_LABELS[c] }))}
                error={errors[`levels.${i}.colour`]}
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend class="h3">Matrix</legend>
          <p class="form-hint">Vælg niveauet for hver kombination. Niveauet må ikke falde, når sandsynlighed eller konsekvens stiger.</p>
          <ResponsiveTable>
            <table class="table table--compact">
              <caption>Risikoniveau (1 er laveste) efter konsekvens (rækker) og sandsynlighed (kolonner)</caption>
              <thead>
                <tr>
                  <th scope="col">Konsekvens \ sandsynlighed</th>
                  {Array.from({ length: size.likelihoods }, (_, l) => (
                    <th scope="col" safe>{`Trin ${l + 1}`}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: size.consequences }, (_, r) => {
                  const c = size.consequences - 1 - r;
                  return (
                    <tr>
                      <th scope="row" safe>{`Trin ${c + 1}`}</th>
                      {Array.from({ length: size.likelihoods }, (__, l) => {
                        const name = `matrix.${c}.${l}`;
                        const chosen = values[name] ?? defaultCell(c, l, size);
                        return (
                          <td class={errors[name] ? 'form-error' : undefined}>
                            <label class="sr-only" for={fieldId(name)} safe>{`Konsekvens ${c + 1}, sandsynlighed ${l + 1}`}</label>
                            <select class="form-select" id={fieldId(name)} name={name} aria-invalid={errors[name] ? 'true' : undefined}>
                              {Array.from({ length: size.levels }, (___, i) => (
                                <option value={String(i + 1)} selected={chosen === String(i + 1)} safe>{`Niveau ${i + 1}`}</option>
                              ))}
                            </select>
                            {errors[name] ? <span class="form-error-message" safe>{errors[name]}</span> : ''}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ResponsiveTable>
        </fieldset>
        <button type="submit" class="button button-primary">Opret risikoskala</button>
      </form>
    </Layout>
  );
}
