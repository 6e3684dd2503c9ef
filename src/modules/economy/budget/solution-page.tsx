import type { FastifyRequest } from 'fastify';
import type { FieldErrors } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, TextField } from '../../../platform/views/components.tsx';
import { formatDateTime, formatKroner } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { costBudgetStages, type CostBudgetStage } from '../schema.ts';
import { ACTUAL_FIELD, MAX_AMOUNT_ORE, partField } from './budget-input.ts';
import { BUDGET_PARTS, STAGE_LABEL, type SolutionBudget } from './budget-sums.ts';
import { Crumbs } from './year-nav.tsx';

export type SolutionPageProps = {
  request: FastifyRequest;
  year: number;
  solution: SolutionBudget;
  errors?: FieldErrors;
  message?: string;
  /** What was typed into the refused form, shown again as typed. */
  values?: Record<string, unknown>;
};

/**
 * "1.234.567,50": an amount as the form shows it for editing (it is read back with or without "kr.").
 * A budget not yet saved starts at 0,00 in each part, since most solutions leave some part empty; an
 * actual cost not yet known starts empty, so it is never saved as 0 by accident.
 */
const asInput = (ore: number | null | undefined, none: string) => (ore === null || ore === undefined ? none : formatKroner(ore).replace(/ kr\.$/, ''));
const HINT = 'I kroner, fx 1.234.567,50';

function typed(values: Record<string, unknown> | undefined, name: string, stored: string): string {
  const v = values?.[name];
  return typeof v === 'string' ? v : stored;
}

/** A solution's budget for the year, both stages, and its actual cost: one form each, on one page. */
export function SolutionPage(p: SolutionPageProps): JSX.Element {
  const errors = p.errors ?? {};
  const s = p.solution;
  const labels: Record<string, string> = { [ACTUAL_FIELD]: 'Faktisk omkostning' };
  for (const stage of costBudgetStages) for (const part of BUDGET_PARTS) labels[partField(stage, part.field)] = `${STAGE_LABEL[stage]}, ${part.label.toLowerCase()}`;
  const stored = (stage: CostBudgetStage) => (stage === 'samlet' ? s.final : s.preliminary);
  const title = `${s.solutionName}: budget ${p.year}`;
  return (
    <Layout title={`${title} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Crumbs trail={[{ href: `/oekonomi/budget/${p.year}`, label: `Omkostningsbudget ${p.year}` }]} current={s.solutionName} />
      <h1 safe>{title}</h1>
      <ErrorSummary errors={p.message ? { _: p.message, ...errors } : errors} labels={labels} />
      <p class="font-lead" safe>
        {`Budgettet deles i drift, vedligehold, udvikling og bidraget til prioriteringspuljen. Hvert beløb kan højst være ${formatKroner(MAX_AMOUNT_ORE)}. Gemmes de samme beløb igen, ændres intet.`}
      </p>
      <>
      {(['foreloebigt', 'samlet'] as const).map((stage) => {
        const b = stored(stage);
        return (
          <section aria-labelledby={`trin-${stage}`}>
            <h2 id={`trin-${stage}`} safe>
              {STAGE_LABEL[stage]}
            </h2>
            <p>{b ? <span safe>{`I alt ${formatKroner(b.totalOre)}, gemt ${formatDateTime(b.updatedAt)}.`}</span> : 'Endnu ikke gemt.'}</p>
            <form method="post" action={`/oekonomi/budget/${p.year}/${s.solutionKey}/${stage}`} novalidate>
              <CsrfField token={p.request.csrfToken} />
              {BUDGET_PARTS.map((part) => {
                const name = partField(stage, part.field);
                return <TextField name={name} label={`${part.label} (kr.)`} hint={HINT} value={typed(p.values, name, asInput(b?.[part.key], '0,00'))} error={errors[name]} required />;
              })}
              <button type="submit" class="button button-primary" safe>
                {`Gem ${STAGE_LABEL[stage].toLowerCase()}`}
              </button>
            </form>
          </section>
        );
      })}
      </>
      <section aria-labelledby="regnskab">
        <h2 id="regnskab">Faktisk omkostning</h2>
        <p>Det, løsningen faktisk kostede i året, når regnskabet er afsluttet. Årsopgørelsen gør op mod beløbet.</p>
        <form method="post" action={`/oekonomi/budget/${p.year}/${s.solutionKey}/regnskab`} novalidate>
          <CsrfField token={p.request.csrfToken} />
          <TextField
            name={ACTUAL_FIELD}
            label="Faktisk omkostning (kr.)"
            hint={HINT}
            value={typed(p.values, ACTUAL_FIELD, asInput(s.actualOre, ''))}
            error={errors[ACTUAL_FIELD]}
            required
          />
          <button type="submit" class="button button-primary">
            Gem faktisk omkostning
          </button>
        </form>
      </section>
      <p>
        <a href={`/oekonomi/budget/${p.year}`} class="function-link" safe>{`Tilbage til omkostningsbudget ${p.year}`}</a>
      </p>
    </Layout>
  );
}
