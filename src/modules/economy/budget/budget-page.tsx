import type { FastifyRequest } from 'fastify';
import { Notice } from '../../../platform/views/components.tsx';
import { formatKroner } from '../../../platform/views/format.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { ResponsiveTable } from '../../../platform/views/table.tsx';
import type { CostBudgetStage } from '../schema.ts';
import { BUDGET_PARTS, budgeted, changePercent, STAGE_LABEL, STAGE_WORD, stageChange, stageSums, yearPool, type SolutionBudget } from './budget-sums.ts';
import { Crumbs, YearNav } from './year-nav.tsx';

export type BudgetPageProps = {
  request: FastifyRequest;
  year: number;
  solutions: SolutionBudget[];
  canEdit: boolean;
  notice?: string | undefined;
};

/** A cell without an amount: a dash to the eye, words to a screen reader. */
const NONE = (
  <>
    <span aria-hidden="true">–</span>
    <span class="sr-only">ikke angivet</span>
  </>
);
const money = (ore: number | null | undefined) => (ore === null || ore === undefined ? NONE : <span safe>{formatKroner(ore)}</span>);
const signed = (ore: number) => `${ore > 0 ? '+' : ''}${formatKroner(ore)}`;

/** The solution's name; for an editor a link to its forms. */
function SolutionCell(p: { year: number; s: SolutionBudget; canEdit: boolean }): JSX.Element {
  return (
    <th scope="row">
      {p.canEdit ? (
        <a href={`/oekonomi/budget/${p.year}/${p.s.solutionKey}`} safe>
          {p.s.solutionName}
        </a>
      ) : (
        <span safe>{p.s.solutionName}</span>
      )}
    </th>
  );
}

/** One stage: the solutions × the four parts and their total, the column sums in the footer. */
function StageTable(p: { year: number; stage: CostBudgetStage; solutions: SolutionBudget[]; canEdit: boolean }): JSX.Element {
  const sums = stageSums(p.solutions, p.stage);
  const of = (s: SolutionBudget) => (p.stage === 'samlet' ? s.final : s.preliminary);
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-stage={p.stage}>
        <caption safe>{`${STAGE_LABEL[p.stage]} ${p.year} pr. løsning, fordelt på drift, vedligehold, udvikling og prioriteringspulje`}</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            {BUDGET_PARTS.map((part) => (
              <th scope="col" class="align-text-right" safe>
                {part.label}
              </th>
            ))}
            <th scope="col" class="align-text-right">
              I alt
            </th>
          </tr>
        </thead>
        <tbody>
          {p.solutions.map((s) => {
            const b = of(s);
            return (
              <tr data-loesning={s.solutionKey}>
                <SolutionCell year={p.year} s={s} canEdit={p.canEdit} />
                {BUDGET_PARTS.map((part) => (
                  <td class="align-text-right">{money(b?.[part.key])}</td>
                ))}
                <td class="align-text-right" data-total>
                  {b ? <strong safe>{formatKroner(b.totalOre)}</strong> : NONE}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">I alt</th>
            {BUDGET_PARTS.map((part) => (
              <td class="align-text-right" safe>
                {formatKroner(sums[part.key])}
              </td>
            ))}
            <td class="align-text-right" data-total>
              <strong safe>{formatKroner(sums.totalOre)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </ResponsiveTable>
  );
}

function ChangeTable(p: { year: number; solutions: SolutionBudget[]; canEdit: boolean }): JSX.Element {
  const from = stageSums(p.solutions, 'foreloebigt').totalOre;
  const to = stageSums(p.solutions, 'samlet').totalOre;
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-table="aendring">
        <caption safe>{`Ændringen fra foreløbigt til samlet budget ${p.year} pr. løsning`}</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            <th scope="col" class="align-text-right">
              Foreløbigt
            </th>
            <th scope="col" class="align-text-right">
              Samlet
            </th>
            <th scope="col" class="align-text-right">
              Ændring
            </th>
          </tr>
        </thead>
        <tbody>
          {p.solutions.map((s) => {
            const change = stageChange(s);
            const percent = change === null ? null : changePercent(s.preliminary!.totalOre, s.final!.totalOre);
            return (
              <tr data-loesning={s.solutionKey}>
                <SolutionCell year={p.year} s={s} canEdit={p.canEdit} />
                <td class="align-text-right">{money(s.preliminary?.totalOre)}</td>
                <td class="align-text-right">{money(s.final?.totalOre)}</td>
                <td class="align-text-right" data-change>
                  {change === null ? NONE : <span safe>{percent ? `${signed(change)} (${percent})` : signed(change)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">I alt</th>
            <td class="align-text-right" safe>
              {formatKroner(from)}
            </td>
            <td class="align-text-right" safe>
              {formatKroner(to)}
            </td>
            <td class="align-text-right" safe>
              {signed(to - from)}
            </td>
          </tr>
        </tfoot>
      </table>
    </ResponsiveTable>
  );
}

function ActualTable(p: { year: number; solutions: SolutionBudget[]; canEdit: boolean }): JSX.Element {
  return (
    <ResponsiveTable>
      <table class="table table--compact" data-table="regnskab">
        <caption safe>{`Faktiske omkostninger ${p.year} pr. løsning mod budgettet`}</caption>
        <thead>
          <tr>
            <th scope="col">Løsning</th>
            <th scope="col" class="align-text-right">
              Budget
            </th>
            <th scope="col" class="align-text-right">
              Faktisk
            </th>
            <th scope="col" class="align-text-right">
              Forskel
            </th>
          </tr>
        </thead>
        <tbody>
          {p.solutions.map((s) => {
            const b = budgeted(s);
            return (
              <tr data-loesning={s.solutionKey}>
                <SolutionCell year={p.year} s={s} canEdit={p.canEdit} />
                <td class="align-text-right">
                  {b ? <span safe>{`${formatKroner(b.totalOre)} (${STAGE_WORD[b.stage]})`}</span> : NONE}
                </td>
                <td class="align-text-right">{money(s.actualOre)}</td>
                <td class="align-text-right">{s.actualOre !== null && b ? <span safe>{signed(s.actualOre - b.totalOre)}</span> : NONE}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ResponsiveTable>
  );
}

/** The year's cost budget: the total and the preliminary stage, the change between them, and the actual costs. */
export function BudgetPage(p: BudgetPageProps): JSX.Element {
  const pool = yearPool(p.solutions);
  const withFinal = p.solutions.filter((s) => s.final).length;
  const title = `Omkostningsbudget ${p.year}`;
  return (
    <Layout title={`${title} – Økonomi`} actor={p.request.actor} csrfToken={p.request.csrfToken} nav="oekonomi">
      <Crumbs trail={[]} current={title} />
      <h1 safe>{title}</h1>
      <YearNav year={p.year} current="budget" />
      {p.notice ? <Notice kind="success" text={p.notice} /> : ''}
      <p class="font-lead">
        Budgettet for hver løsning, fordelt på drift, vedligehold, udvikling og prioriteringspuljen. Først lægges et foreløbigt budget, siden
        det samlede; året regner med det samlede budget, hvor det findes, ellers med det foreløbige.
      </p>
      <dl class="samspil-facts">
        <dt>Prioriteringspuljen</dt>
        <dd data-pool safe>
          {formatKroner(pool)}
        </dd>
        <dt>Samlet budget</dt>
        <dd safe>{`${withFinal} af ${p.solutions.length} løsninger`}</dd>
      </dl>
      {p.canEdit ? <p>Vælg en løsning for at rette dens budget eller faktiske omkostning.</p> : ''}

      <h2>Samlet budget</h2>
      <StageTable year={p.year} stage="samlet" solutions={p.solutions} canEdit={p.canEdit} />
      <h2>Foreløbigt budget</h2>
      <StageTable year={p.year} stage="foreloebigt" solutions={p.solutions} canEdit={p.canEdit} />
      <h2>Fra foreløbigt til samlet budget</h2>
      <ChangeTable year={p.year} solutions={p.solutions} canEdit={p.canEdit} />
      <h2>Faktiske omkostninger</h2>
      <p>Det, løsningerne faktisk kostede i året, når regnskabet er afsluttet. Årsopgørelsen gør op mod disse beløb.</p>
      <ActualTable year={p.year} solutions={p.solutions} canEdit={p.canEdit} />
    </Layout>
  );
}
