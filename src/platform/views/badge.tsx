/** DKFDS badge variants; none is the neutral grey badge. */
export type BadgeVariant = 'info' | 'success' | 'warning' | 'error' | null;

/**
 * A status as a DKFDS badge. Each module keeps its own mapping from a status to the label and the
 * variant, so the platform knows no module's statuses.
 */
export function StatusBadge(p: { label: string; variant: BadgeVariant }): JSX.Element {
  return (
    <span class={p.variant ? `badge badge-${p.variant}` : 'badge'} safe>
      {p.label}
    </span>
  );
}
