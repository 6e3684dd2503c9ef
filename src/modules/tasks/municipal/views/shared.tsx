import { type BadgeVariant, StatusBadge as Badge } from '../../../../platform/views/badge.tsx';
import type { FieldErrors } from '../../../../platform/errors.ts';
import { renderMarkdown } from '../../markdown.ts';
import type { TargetStatus } from '../../schema.ts';
import { TARGET_STATUS_DA } from '../../status.ts';

export const NOTICES: Record<string, string> = {
  'trin-gemt': 'Trinnet er gemt.',
  'personer-gemt': 'Ansvarlig og udfører er gemt.',
  'besked-sendt': 'Beskeden er sendt.',
  'ikke-relevant': 'Opgaven er markeret som ikke relevant for kommunen.',
  relevant: 'Markeringen "ikke relevant" er fortrudt.',
  'lokal-oprettet': 'Den lokale opgave er oprettet. Kun jeres kommune kan se den.',
  'ingen-aendring': 'Der var ingen ændringer at gemme.',
};

const STATUS_VARIANT: Record<TargetStatus, BadgeVariant> = {
  ikke_startet: null,
  i_gang: 'info',
  loest: 'success',
  ikke_relevant: null,
};


/** Task descriptions, consequences and step instructions are Markdown, rendered by the authors' safe renderer (no raw HTML). */
export function TaskText(p: { text: string }): JSX.Element {
  return <div class="samspil-task-text">{renderMarkdown(p.text) as 'safe'}</div>;
}

export function StatusBadge(p: { status: TargetStatus; overdue: boolean }): JSX.Element {
  return (
    <>
      <Badge label={TARGET_STATUS_DA[p.status]} variant={STATUS_VARIANT[p.status]} />
      {p.overdue ? (
        <>
          {' '}
          <Badge label="Forsinket" variant="error" />
        </>
      ) : (
        ''
      )}
    </>
  );
}

/** Task flags as DKFDS badges (DKFDS's .tag is an interactive filter chip, so static flags are badges). */
export function Flags(p: { critical: boolean; crossCutting: boolean; optional: boolean; local: boolean; closed: boolean }): JSX.Element {
  const flags: [boolean, string, string][] = [
    [p.critical, 'badge badge-warning', 'Kritisk'],
    [p.crossCutting, 'badge badge-info', 'Tværgående'],
    [p.optional, 'badge', 'Valgfri'],
    [p.local, 'badge badge-info', 'Lokal opgave'],
    [p.closed, 'badge', 'Lukket'],
  ];
  return (
    <>
      {flags
        .filter(([on]) => on)
        .map(([, cls, label]) => (
          <>
            <span class={cls} safe>
              {label}
            </span>{' '}
          </>
        ))}
    </>
  );
}

// ---------------------------------------------------------------- One task

export type TaskPageMode =
  | { kind: 'municipal'; canAct: boolean }
  /** Central staff looking at one municipality; they reply in the thread. */
  | { kind: 'central' };

export type TaskPageState = {
  notice?: string | undefined;
  errors?: FieldErrors;
  /** The form that failed, so its fields show the user's input again. */
  form?: { kind: 'step'; stepId: string } | { kind: 'people' | 'message' | 'not-relevant' };
  values?: Record<string, unknown>;
};
