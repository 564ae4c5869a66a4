import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.js';
import { projectRoot } from '../paths.js';
import { splitSqlStatements } from './split-sql.js';

describe('splitSqlStatements', () => {
  it('splits at semicolons outside strings, names, dollar-quoted bodies and comments', () => {
    const text = `-- a comment; not a statement
create table "a;b" (x text default 'it''s; fine');
/* block; /* nested; */ still */ create function f() returns int language sql as $body$ select 1; $body$;
do $$ begin execute 'select 2; select 3'; end $$;
select $1::int, '$x$';
-- trailing comment`;
    expect(splitSqlStatements(text)).toEqual([
      `-- a comment; not a statement\ncreate table "a;b" (x text default 'it''s; fine')`,
      '/* block; /* nested; */ still */ create function f() returns int language sql as $body$ select 1; $body$',
      "do $$ begin execute 'select 2; select 3'; end $$",
      "select $1::int, '$x$'",
    ]);
  });

  it('refuses an unterminated quote or body rather than guessing', () => {
    expect(() => splitSqlStatements("select 'open")).toThrow(/unterminated/);
    expect(() => splitSqlStatements('do $$ begin')).toThrow(/unterminated/);
  });

  it('reads every migration of the project', () => {
    for (const name of listMigrations()) {
      const text = readFileSync(join(projectRoot, 'migrations', name), 'utf8');
      const statements = splitSqlStatements(text);
      expect(statements.length, name).toBeGreaterThan(0);
      for (const s of statements) expect(s.trim().endsWith(';'), `${name}: ${s.slice(0, 60)}`).toBe(false);
    }
  });
});
