import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../src/db/client.ts';
import { percentile } from './load.ts';
import type { RouteResult } from './report.ts';

/**
 * A programme page at the size of issue #14 point 9: five years of weekly key figures and 50
 * milestones, on the cash-benefit programme bench/tasks.ts makes (its ~170 tasks, addressed to all
 * 98, and the bench agreements of its solution come with it), plus news about it.
 */

/** The programme bench/tasks.ts creates; its solution (ky) has bench agreements sent to all 98. */
export const BENCH_PROGRAMME = 'bench-kontanthjaelp';
const FIGURES = ['Overgangsopgaver oprettet', 'Overgangsopgaver behandlet'];
/** Five years of weeks. */
const WEEKS = 260;
const MILESTONES = 50;
const NEWS = 15;
/** The issue's target for the programme page. */
export const PROGRAMME_TARGET_P95_MS = 250;

export type ProgrammeVolume = { figures: number; points: number; milestones: number; news: number; seconds: number };

/**
 * Figures, points, milestones, statuses and news in a few INSERT … SELECT statements. The series
 * end this week, so the chart and the monthly table cover the five years before the run.
 */
export async function addProgrammes(db: Db): Promise<ProgrammeVolume> {
  const t0 = performance.now();
  const [p] = await rawRows<{ id: string }>(db, sql`select id from project where key = ${BENCH_PROGRAMME}`);
  if (!p) throw new Error(`bench: the programme ${BENCH_PROGRAMME} is missing (bench/tasks.ts makes it)`);
  const names = sql.raw(`array[${FIGURES.map((f) => `'${f}'`).join(',')}]::text[]`);
  await db.execute(sql`insert into programme_figure (project_id, name, unit, target, position)
    select ${p.id}, n, 'opgaver', 89000, i - 1 from unnest(${names}) with ordinality as f(n, i)`);
  // Created climbs to the target over the first year; processed follows a year behind, with a weekly wobble.
  await db.execute(sql`insert into programme_figure_point (figure_id, point_on, value)
    select f.id, current_date - (7 * (${WEEKS} - w)),
      case when f.position = 0 then least(89000, 89000 * w / 52.0)
           else greatest(0, least(89000, 89000 * (w - 52) / 104.0 + 500 * sin(w))) end
    from programme_figure f cross join generate_series(1, ${WEEKS}) w
    where f.project_id = ${p.id}`);
  await db.execute(sql`insert into project_milestone (project_id, title, description, starts_on, state, original_on)
    select ${p.id}, 'Milepæl ' || m, 'Bench-milepæl nummer ' || m, current_date + (m - 25) * 30,
      case when m < 25 then 'naaet' when m % 7 = 0 then 'flyttet' else 'planlagt' end,
      case when m % 7 = 0 then current_date + (m - 26) * 30 end
    from generate_series(1, ${MILESTONES}) m`);
  await db.execute(sql`insert into programme_status (project_id, status, status_on, comment)
    select ${p.id}, (array['groen','gul','roed'])[1 + s % 3], current_date - 30 * s, 'Bench-status ' || s from generate_series(0, 11) s`);
  await db.execute(sql`with items as (
      insert into news_item (title, body, publish_on)
      select 'Bench-nyhed om reformen ' || n, 'Nyt om *reformen*', current_date - n from generate_series(1, ${NEWS}) n
      returning id)
    insert into news_item_programme (news_id, project_id) select id, ${p.id} from items`);
  const [n] = await rawRows<{ points: number; milestones: number }>(
    db,
    sql`select (select count(*)::int from programme_figure_point pp join programme_figure f on f.id = pp.figure_id where f.project_id = ${p.id}) as points,
               (select count(*)::int from project_milestone where project_id = ${p.id}) as milestones`,
  );
  return { figures: FIGURES.length, points: n!.points, milestones: n!.milestones, news: NEWS, seconds: (performance.now() - t0) / 1000 };
}

export type ProgrammeRoute = { label: string; paths: string[]; headers: Record<string, string>; group: 'programmer' };

/** The programme page for central staff and for Faxe's programleder, each checked once before it is measured. */
export async function programmeRoutes(origin: string, cookie: string, leaderCookie: string, v: ProgrammeVolume): Promise<ProgrammeRoute[]> {
  const path = `/programmer/${BENCH_PROGRAMME}`;
  const size = `${v.figures} figures × ${v.points / v.figures} weekly points, ${v.milestones} milestones`;
  const routes: ProgrammeRoute[] = [
    { label: `GET /programmer/:key (programmer: ${size}, consultant with the edit forms)`, paths: [path], headers: { cookie }, group: 'programmer' },
    { label: `GET /programmer/:key (programmer: the same page, Faxe programleder)`, paths: [path], headers: { cookie: leaderCookie }, group: 'programmer' },
  ];
  for (const r of routes) {
    const res = await fetch(`${origin}${path}`, { headers: r.headers });
    const html = await res.text();
    const problem =
      res.status !== 200
        ? `status ${res.status}`
        : (html.match(/data-chart="noegletal"/g) ?? []).length !== v.figures
          ? 'not every figure drawn'
          : !html.includes('den sidste måling i hver måned')
            ? 'no monthly table'
            : !html.includes('data-agreements') || !html.includes('data-news')
              ? 'no agreements or news'
              : null;
    if (problem) throw new Error(`check of GET ${path} failed: ${problem}`);
  }
  return routes;
}

export function programmeLines(v: ProgrammeVolume, results: readonly RouteResult[]): string[] {
  const lines = [`Programmes: ${BENCH_PROGRAMME} with ${v.figures} key figures (${v.points} weekly points), ${v.milestones} milestones and ${v.news} news items, loaded in ${v.seconds.toFixed(1)} s`];
  for (const r of results.filter((x) => x.label.includes('(programmer:'))) {
    const p95 = percentile(r.result.latenciesMs, 95);
    const who = r.label.includes('Faxe programleder') ? 'Faxe programleder' : 'consultant';
    lines.push(`  GET /programmer/${BENCH_PROGRAMME} (${who}): p95 ${p95.toFixed(1)} ms – target ≤ ${PROGRAMME_TARGET_P95_MS} ms: ${p95 <= PROGRAMME_TARGET_P95_MS ? 'PASS' : 'FAIL'}`);
  }
  return lines;
}
