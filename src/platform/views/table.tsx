import { contentsToString } from '@kitajs/html';

/**
 * A data table that reads on a phone. Below DKFDS's md breakpoint (768 px) each row becomes a block
 * and each cell shows its column header above its value (DKFDS `table--responsive-headers`, which
 * takes the header from the cell's `data-title`); wider, the table is as usual, inside DKFDS's
 * scroll container in case a tablet is still too narrow. Either way the page itself never scrolls
 * sideways.
 *
 * Views write an ordinary `<table>` with a `<thead>` as the child; the class and each cell's
 * `data-title` are filled in here from the header row, so a column's header is written once and
 * cannot drift from what a phone shows.
 */
export function ResponsiveTable(p: { children?: JSX.Element | JSX.Element[] }): JSX.Element {
  const html = contentsToString([p.children]);
  const titled = typeof html === 'string' ? withCellTitles(html) : html.then(withCellTitles);
  return <div class="table--responsive-scroll">{titled as 'safe'}</div>;
}

const RESPONSIVE = 'table--responsive-headers';

/**
 * Adds DKFDS's responsive-headers class to each table in `html` and a `data-title` with its column's
 * header to each body cell. The markup is our own server-rendered table (no nested tables, cells
 * never contain another cell), which is what makes a scan by tags sound. Left alone: a cell that
 * spans columns (a message row such as "Der er ingen aftaler endnu." has no single header), a cell
 * whose header is empty, and a cell that already has a data-title.
 */
export function withCellTitles(html: string): string {
  return html.replace(/<table\b([^>]*)>([\s\S]*?)<\/table>/g, (whole, attrs: string, body: string) => {
    if (/<table\b/.test(body)) return whole;
    const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(body);
    if (!head) return whole;
    const titles = headerTitles(head[1]!);
    const afterHead = head.index + head[0].length;
    return `<table${withClass(attrs)}>${body.slice(0, afterHead)}${titleRows(body.slice(afterHead), titles)}</table>`;
  });
}

/** The header text of each column of the header's last row, a spanning header repeated over its columns. */
function headerTitles(thead: string): string[] {
  const rows = thead.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? [thead];
  const titles: string[] = [];
  for (const m of rows.at(-1)!.matchAll(/<(th|td)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
    const text = m[3]!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    for (let i = 0; i < span(m[2]!); i++) titles.push(text);
  }
  return titles;
}

function titleRows(rows: string, titles: string[]): string {
  return rows.replace(/<tr\b[^>]*>[\s\S]*?<\/tr>/g, (row) => {
    let column = 0;
    return row.replace(/<(td|th)\b([^>]*)>/g, (cell: string, tag: string, attrs: string) => {
      const width = span(attrs);
      const title = titles[column];
      column += width;
      if (width > 1 || !title || /\sdata-title=/.test(attrs)) return cell;
      return `<${tag} data-title="${title.replace(/"/g, '&#34;')}"${attrs}>`;
    });
  });
}

const span = (attrs: string) => Number(/\scolspan="?(\d+)/.exec(attrs)?.[1] ?? 1);

function withClass(attrs: string): string {
  const cls = /\sclass="([^"]*)"/.exec(attrs);
  if (!cls) return `${attrs} class="${RESPONSIVE}"`;
  if (cls[1]!.split(/\s+/).includes(RESPONSIVE)) return attrs;
  return attrs.replace(cls[0], ` class="${cls[1]} ${RESPONSIVE}"`);
}
