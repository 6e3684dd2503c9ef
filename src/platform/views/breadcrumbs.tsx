const separator = (
  <svg class="icon-svg" focusable="false" aria-hidden="true">
    <use href="/static/dkfds/img/all-svg-icons.svg#chevron-right"></use>
  </svg>
);

/**
 * DKFDS breadcrumbs: the trail back as links, then the current page. DKFDS draws the separator as
 * an icon after each link; without it the crumbs run together.
 */
export function Breadcrumbs(p: { trail: readonly { href: string; label: string }[]; current: string }): JSX.Element {
  return (
    <nav aria-label="Brødkrumme" class="breadcrumbs">
      <ol class="breadcrumbs__list">
        {p.trail.map((c) => (
          <li class="breadcrumbs__list-item">
            <a href={c.href} class="breadcrumbs__link" safe>
              {c.label}
            </a>
            {separator}
          </li>
        ))}
        <li class="breadcrumbs__list-item" aria-current="page" safe>
          {p.current}
        </li>
      </ol>
    </nav>
  );
}
