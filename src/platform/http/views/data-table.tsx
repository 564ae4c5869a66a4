import type { Child } from 'hono/jsx';

/** What hono/jsx builds for an element: the tag, its attributes and its children, before rendering. */
interface Node {
  tag: unknown;
  props: Record<string, unknown>;
  children: unknown[];
}
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && 'tag' in x && 'props' in x && Array.isArray((x as Node).children);
/**
 * The nodes of the tags anywhere below, through arrays (`.map` gives arrays inside arrays) and
 * fragments but not inside a found one. Walked in place: this runs for every row of every
 * list page, and copying the tree into flat arrays was 7% of the resident list's time.
 */
function find(children: unknown, tags: readonly string[], out: Node[] = []): Node[] {
  if (Array.isArray(children)) {
    for (const c of children) find(c, tags, out);
  } else if (isNode(children)) {
    if (typeof children.tag === 'string' && tags.includes(children.tag)) out.push(children);
    else find(children.children, tags, out);
  }
  return out;
}

/** The plain text of a header cell (strings and numbers, through elements). */
const textOf = (children: unknown): string => textIn(children).trim();
function textIn(children: unknown): string {
  if (Array.isArray(children)) return children.map(textIn).join('');
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  return isNode(children) ? textIn(children.children) : '';
}

/**
 * A list table that becomes one card per row on a phone (below 40rem, web/app.css `.table-cards`):
 * every body cell gets its column's header as `data-label`, which the stylesheet shows before
 * the value, so no column is hidden and nothing scrolls sideways. Written as an ordinary
 * <thead>/<tbody> inside; wider screens see the table as before (scrolling inside the page).
 */
const THEAD = ['thead'];
const TBODY = ['tbody'];
const TR = ['tr'];
const CELLS = ['th', 'td'];

export function DataTable({ children, ...attrs }: { children?: Child; id?: string; 'aria-label'?: string; class?: string }) {
  const headRows = find(children, THEAD).flatMap((h) => find(h.children, TR));
  const header = find(headRows.at(-1)?.children ?? [], CELLS).map((th) => textOf(th.children));
  for (const row of find(children, TBODY).flatMap((b) => find(b.children, TR))) {
    find(row.children, CELLS).forEach((cell, i) => {
      if (cell.tag === 'td' && header[i] && cell.props['data-label'] === undefined) cell.props['data-label'] = header[i];
    });
  }
  // The class goes on the wrapper, so the table itself keeps exactly the attributes it was given.
  return (
    <div class="scroll table-cards">
      <table {...attrs}>{children}</table>
    </div>
  );
}
