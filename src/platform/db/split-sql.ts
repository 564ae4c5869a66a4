/**
 * Splits a migration file into its statements, so each runs on its own (in the migration's one
 * transaction). Citus passes some commands on to the workers as the text it received (an
 * index, a trigger), and refuses a text of several statements there. Knows what can hide a
 * semicolon in PostgreSQL's SQL: '…' strings (with '' inside), "…" names, $tag$…$tag$ bodies,
 * -- and nested /* … *\/ comments. A single pass over the text, no backtracking. Only for the
 * project's own migration files.
 */
export function splitSqlStatements(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end: number) => {
    const s = text.slice(start, end).trim();
    if (s && !isOnlyComments(s)) out.push(s);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      i = text.indexOf(c, i + 1);
      while (i !== -1 && text[i + 1] === c) i = text.indexOf(c, i + 2);
      if (i === -1) throw new Error('unterminated quote in SQL');
      i++;
    } else if (c === '-' && text[i + 1] === '-') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text[i] === '/' && text[i + 1] === '*') (depth++, (i += 2));
        else if (text[i] === '*' && text[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
    } else if (c === '$' && (i === 0 || !isIdentChar(text[i - 1]!))) {
      const close = text.indexOf('$', i + 1);
      const tag = close === -1 ? '' : text.slice(i, close + 1);
      if (close !== -1 && [...tag.slice(1, -1)].every(isIdentChar) && !/^\$\d/.test(tag)) {
        const end = text.indexOf(tag, close + 1);
        if (end === -1) throw new Error(`unterminated ${tag} in SQL`);
        i = end + tag.length;
      } else i++;
    } else if (c === ';') {
      push(i);
      start = ++i;
    } else i++;
  }
  push(n);
  return out;
}

const isIdentChar = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';

function isOnlyComments(s: string): boolean {
  return s.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
