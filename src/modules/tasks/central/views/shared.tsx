import { formatDateTime, formatDeadline } from '../../../../platform/views/format.ts';
import { StatusBadge as Badge } from '../../../../platform/views/badge.tsx';
import { Pager as PlatformPager } from '../../../../platform/views/pager.tsx';
import type { dashboard, municipalityTasks, OverviewRow, TaskListItem } from '../queries.ts';
import { PAGE_SIZE } from '../queries.ts';
import { TARGET_STATUS_DA } from '../../status.ts';
import type { TaskStatus } from '../../schema.ts';

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
export type MunicipalityTasks = Awaited<ReturnType<typeof municipalityTasks>>;

/** "20.05.2025 kl. 10.15" in Danish time. */
export const dateTime = (d: Date | null) => (d ? formatDateTime(d) : '');

/** Drafts are opened in the editor; everything that has gone out in the overview. */
export const taskHref = (t: { id: string; status: TaskStatus }) => (t.status === 'draft' ? `/opgaver/${t.id}/rediger` : `/opgaver/${t.id}/overblik`);

const query = (params: Record<string, string | number | null | undefined>) => {
  const entries = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
};

export function Character(p: { t: Pick<TaskListItem, 'critical' | 'crossCutting' | 'optional'> }) {
  return (
    <>
      {p.t.critical ? <Badge variant="error" label="Kritisk" /> : ''} {p.t.crossCutting ? <Badge variant="info" label="Tværgående" /> : ''}{' '}
      {p.t.optional ? <Badge variant="success" label="Valgfri" /> : ''}
    </>
  );
}

export function Deadline(p: { deadline: string; overdue: boolean }) {
  return (
    <>
      <span safe>{formatDeadline(p.deadline)}</span>
      {p.overdue ? (
        <>
          {' '}
          <Badge variant="error" label="Overskredet" />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** "Side 2 af 20" with links to the neighbours, keeping the filters. */
export function Pager(p: { base: string; params: Record<string, string | number | null>; page: number; total: number }) {
  const pages = Math.max(1, Math.ceil(p.total / PAGE_SIZE));
  if (pages === 1 && p.page === 1) return <></>;
  const link = (page: number) => `${p.base}${query({ ...p.params, side: page === 1 ? null : page })}`;
  return <PlatformPager text={`Side ${p.page} af ${pages}`} previous={p.page > 1 ? link(Math.min(p.page - 1, pages)) : null} next={p.page < pages ? link(p.page + 1) : null} />;
}

export function Responsible(p: { r: OverviewRow['responsible'] }) {
  if (!p.r) return <span class="text-muted">Ikke angivet</span>;
  return (
    <>
      <span safe>{p.r.name}</span>
      {p.r.phone ? <br /> : ''}
      <span safe>{p.r.phone}</span>
    </>
  );
}

export function StatusCell(p: { status: OverviewRow['status']; overdue: boolean }) {
  return (
    <>
      <span safe>{TARGET_STATUS_DA[p.status]}</span>
      {p.overdue ? (
        <>
          {' '}
          <Badge variant="error" label="forsinket" />
        </>
      ) : (
        ''
      )}
    </>
  );
}
