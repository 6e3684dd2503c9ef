/**
 * Links to the previous and next page of a list around a line saying where the reader is
 * ("Side 2 af 20"). The caller builds the links, so its filters stay in them; null means no link.
 */
export function Pager(p: { text: string; previous: string | null; next: string | null }): JSX.Element {
  return (
    <nav class="samspil-actions" aria-label="Sider">
      {p.previous !== null ? (
        <a href={p.previous} class="function-link" rel="prev">
          Forrige side
        </a>
      ) : (
        ''
      )}
      <span safe>{p.text}</span>
      {p.next !== null ? (
        <a href={p.next} class="function-link" rel="next">
          Næste side
        </a>
      ) : (
        ''
      )}
    </nav>
  );
}
