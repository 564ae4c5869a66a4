import type { Child } from 'hono/jsx';

/** What hono/jsx builds for an element: the tag, its attributes and its children, before rendering. */
interface Node {
  tag: unknown;
  props: Record<string, unknown>;
  children: unknown[];
}
const isNode = (x: unknown): x is Node => typeof x === 'object' && x !== null && 'tag' in x && 'props' in x && Array.isArray((x as Node).children);
/** Children as one list: `.map` gives arrays inside arrays. */
const flat = (children: unknown[]): unknown[] => children.flatMap((c) => (Array.isArray(c) ? flat(c) : [c]));

/** The nodes of the tags anywhere below, through arrays (`.map`) and fragments but not inside a found one. */
function find(children: unknown[], tags: string[], out: Node[] = []): Node[] {
  for (const c of flat(children)) {
    if (!isNode(c)) continue;
    if (typeof c.tag === 'string' && tags.includes(c.tag)) out.push(c);
    else find(c.children, tags, out);
  }
  return out;
}

/** The plain text of a header cell (strings and numbers, through elements). */
function textOf(children: unknown[]): string {
  return flat(children)
    .map((c) => (typeof c === 'string' || typeof c === 'number' ? String(c) : isNode(c) ? textOf(c.children) : ''))
    .join('')
    .trim();
}

/**
 * A list table that becomes one card per row on a phone (below 40rem, web/app.css `.table-cards`):
 * every body cell gets its column's header as `data-label`, which the stylesheet shows before
 * the value, so no column is hidden and nothing scrolls sideways. Written as an ordinary
 * <thead>/<tbody> inside; wider screens see the table as before (scrolling inside the page).
 */
export function DataTable({ children, ...attrs }: { children?: Child; id?: string; 'aria-label'?: string; class?: string }) {
  const parts = [children];
  const headRows = find(parts, ['thead']).flatMap((h) => find(h.children, ['tr']));
  const header = find(headRows.at(-1)?.children ?? [], ['th', 'td']).map((th) => textOf(th.children));
  for (const row of find(parts, ['tbody']).flatMap((b) => find(b.children, ['tr']))) {
    find(row.children, ['th', 'td']).forEach((cell, i) => {
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
