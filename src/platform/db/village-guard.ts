import { sql, type Expression, type KyselyPlugin, type OperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { VILLAGE_TABLES } from './village-tables.js';

/**
 * The village guard: a Kysely plugin that refuses a select, update or delete on a village
 * table (village-tables.ts) without a `village_code` condition in its WHERE or JOIN … ON.
 * Tests run with it (test/support/test-db.ts), so a query that forgot its village fails
 * there, naming the table, instead of leaking another village's rows in production.
 *
 * What it checks, per query (each subquery on its own): every village table in FROM, JOIN,
 * UPDATE or USING has a condition on its `village_code` — by its alias, its name, or
 * unqualified. A join on `a.village_code = b.village_code` counts: the village then comes
 * from the other side, which must itself be filtered; `l.village_code = g.code` (a region)
 * does not. Raw SQL is checked by its text: a
 * village table after FROM, JOIN or UPDATE needs `village_code` somewhere in the statement.
 * It does not prove the value is the right village — the access check before it does that.
 *
 * A deliberate read across villages says so at the query: `.$call(crossVillage('why'))`
 * (or `/* cross-village: why *\/` in raw SQL). The reason travels with the SQL as a comment.
 */
export class VillageGuardPlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const problems = unfilteredVillageTables(args.node);
    if (problems.length) throw new VillageFilterMissing(problems);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export class VillageFilterMissing extends Error {
  constructor(readonly tables: string[]) {
    super(
      `village guard: a query on ${tables.map((t) => `"${t}"`).join(', ')} has no village_code condition. ` +
        `Filter it by village (.where('village_code', '=', village), or join on village_code), ` +
        `or, if reading across villages is the point, mark it .$call(crossVillage('why')) — see docs/security.md.`,
    );
    this.name = 'VillageFilterMissing';
  }
}

const MARK = 'cross-village:';

/** Marks one query as reading across villages on purpose; the reason ends up in the SQL as a comment. */
export function crossVillage(reason: string) {
  const comment = sql.raw(`/* ${MARK} ${reason.replace(/\*\/|\/\*/g, '')} */`);
  return <QB extends { modifyEnd(modifier: Expression<any>): QB }>(qb: QB): QB => qb.modifyEnd(comment);
}

type Node = OperationNode & Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string';
const QUERY_KINDS = new Set(['SelectQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);

/** The child nodes of a node; values (which may be any JSON) are not looked into. */
function children(node: Node): Node[] {
  if (node.kind === 'ValueNode' || node.kind === 'PrimitiveValueListNode') return [];
  const out: Node[] = [];
  for (const v of Object.values(node)) {
    if (Array.isArray(v)) for (const x of v) isNode(x) && out.push(x);
    else if (isNode(v)) out.push(v);
  }
  return out;
}

const identifierName = (n: unknown): string | null => (isNode(n) && n.kind === 'IdentifierNode' ? String(n.name) : null);
const tableName = (n: unknown): string | null =>
  isNode(n) && n.kind === 'TableNode' ? identifierName((n.table as Node).identifier) : null;

/** The village tables a query names itself (not those of its subqueries), with the name they go by. */
function villageTablesOf(q: Node): { table: string; alias: string }[] {
  const from = q.from as Node | undefined;
  const using = q.using as Node | undefined;
  const joins = (q.joins as Node[] | undefined) ?? [];
  const refs: unknown[] = [
    ...(q.kind === 'UpdateQueryNode' ? [q.table] : []),
    ...((from?.froms as unknown[]) ?? []),
    ...((using?.tables as unknown[]) ?? []),
    ...joins.map((j) => j.table),
  ];
  const out: { table: string; alias: string }[] = [];
  for (const ref of refs) {
    if (!isNode(ref)) continue;
    const direct = tableName(ref);
    const aliased = ref.kind === 'AliasNode' ? tableName(ref.node) : null;
    const table = direct ?? aliased;
    if (!table || !VILLAGE_TABLES.has(table)) continue;
    out.push({ table, alias: aliased ? identifierName(ref.alias) ?? table : table });
  }
  return out;
}

/** For a reference to a village_code column: the table or alias it is qualified with ('' when not); otherwise null. */
function villageCodeOf(n: Node): string | null {
  if (n.kind !== 'ReferenceNode') return null;
  const column = n.column as Node;
  return column.kind === 'ColumnNode' && identifierName(column.column) === 'village_code' ? tableName(n.table) ?? '' : null;
}

/** Who the query's conditions name a village_code of: a table or alias, '' for unqualified, '*' for raw SQL. */
function villageConditions(q: Node): Set<string> {
  const found = new Set<string>();
  const visit = (n: Node) => {
    if (QUERY_KINDS.has(n.kind)) return; // a subquery's conditions are its own
    if (n.kind === 'ReferenceNode') {
      const who = villageCodeOf(n);
      if (who !== null) found.add(who);
      return;
    }
    if (n.kind === 'BinaryOperationNode') {
      // `l.village_code = g.code` ties the village to a row of another table (a region), not to a village.
      const [left, right] = [n.leftOperand as Node, n.rightOperand as Node];
      const otherColumn = (x: Node) => x.kind === 'ReferenceNode' && villageCodeOf(x) === null;
      if ((villageCodeOf(left) !== null && otherColumn(right)) || (villageCodeOf(right) !== null && otherColumn(left))) return;
    }
    if (n.kind === 'ColumnNode' && identifierName(n.column) === 'village_code') found.add('');
    if (n.kind === 'RawNode' && rawText(n).includes('village_code')) found.add('*');
    for (const c of children(n)) visit(c);
  };
  const where = q.where as Node | undefined;
  if (where) visit(where);
  for (const j of (q.joins as Node[] | undefined) ?? []) if (j.on) visit(j.on as Node);
  return found;
}

/**
 * Raw SQL as text: pieces of raw SQL passed in are inlined, tables, columns and identifiers
 * by name, anything else (values, builder subqueries, checked on their own) as `?`.
 */
function rawText(raw: Node): string {
  const fragments = raw.sqlFragments as string[];
  const params = raw.parameters as Node[];
  const inline = (p: Node): string => {
    if (p.kind === 'RawNode') return rawText(p);
    if (p.kind === 'ReferenceNode') return (p.column as Node).kind === 'ColumnNode' ? identifierName((p.column as Node).column) ?? '?' : '?';
    return tableName(p) ?? identifierName(p) ?? '?';
  };
  return fragments.reduce((text, f, i) => text + f + (params[i] ? ` ${inline(params[i]!)} ` : ''), '');
}

const marked = (q: Node): boolean => {
  const search = (n: Node): boolean => (n.kind === 'RawNode' && rawText(n).includes(MARK)) || children(n).some(search);
  return ((q.endModifiers as Node[] | undefined) ?? []).some(search);
};

/** The village tables a statement reads or changes without saying which village (empty when it is fine). */
export function unfilteredVillageTables(root: OperationNode): string[] {
  const problems: string[] = [];
  const visit = (n: Node) => {
    if (QUERY_KINDS.has(n.kind) && !marked(n)) {
      const tables = villageTablesOf(n);
      if (tables.length) {
        const named = villageConditions(n);
        for (const { table, alias } of tables)
          if (!named.has('') && !named.has('*') && !named.has(alias) && !named.has(table)) problems.push(table);
      }
    }
    if (n.kind === 'RawNode') {
      const text = rawText(n);
      if (!text.includes(MARK) && !text.includes('village_code')) {
        for (const m of text.matchAll(/\b(?:from|join|update)\s+"?([a-z_]+)"?/gi)) {
          const table = m[1]!.toLowerCase();
          if (VILLAGE_TABLES.has(table)) problems.push(table);
        }
      }
    }
    for (const c of children(n)) visit(c);
  };
  visit(root as Node);
  return [...new Set(problems)];
}
