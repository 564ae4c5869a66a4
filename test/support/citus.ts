import pg from 'pg';

/**
 * A database on the Citus test cluster (TEST_CITUS_URL: the coordinator's database in which
 * the workers are registered, as scripts/citus-cluster.sh makes it). Citus keeps one set of
 * tables, shards and metadata per database on every node, so a test database is made on all
 * nodes at once: from a sealed template (each node copies its own part, so the copy is a
 * consistent cluster of its own: shards are found by host, port and the same database name),
 * or empty with the extension and the workers registered.
 */
export const citusUrl = () => process.env.TEST_CITUS_URL;

async function onNode<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the same server (or on another node's host and port). */
export function withDatabase(url: string, name: string, host?: string, port?: number): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  if (host) u.hostname = host;
  if (port) u.port = String(port);
  return u.toString();
}

/** The coordinator first, then the workers, each as a URL of its `postgres` database. */
export async function citusNodes(baseUrl: string): Promise<{ url: string; coordinator: boolean; host: string; port: number }[]> {
  const rows = await onNode(baseUrl, (c) =>
    c.query<{ nodename: string; nodeport: number; groupid: number }>('select nodename, nodeport, groupid from pg_dist_node where isactive order by groupid'));
  return rows.rows.map((r) => ({ url: withDatabase(baseUrl, 'postgres', r.nodename, r.nodeport), coordinator: r.groupid === 0, host: r.nodename, port: r.nodeport }));
}

export async function createCitusDatabase(baseUrl: string, name: string, template?: string): Promise<string> {
  const nodes = await citusNodes(baseUrl);
  for (const n of nodes) await onNode(n.url, (c) => c.query(`create database ${name}${template ? ` template ${template}` : ''}`));
  if (!template) {
    for (const n of nodes) await onNode(withDatabase(n.url, name), (c) => c.query('create extension citus'));
    const coordinator = nodes.find((n) => n.coordinator)!;
    await onNode(withDatabase(coordinator.url, name), async (c) => {
      await c.query('select citus_set_coordinator_host($1, $2)', [coordinator.host, coordinator.port]);
      for (const w of nodes.filter((n) => !n.coordinator)) await c.query('select citus_add_node($1, $2)', [w.host, w.port]);
    });
  }
  return withDatabase(baseUrl, name);
}

/** A template cannot be copied while anyone is connected: Citus's maintenance daemon is. */
export async function sealCitusTemplate(baseUrl: string, name: string): Promise<void> {
  for (const n of await citusNodes(baseUrl))
    await onNode(n.url, async (c) => {
      await c.query(`alter database ${name} allow_connections false`);
      await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    });
}

/**
 * Dropped on every node. FORCE ends the connections there, but a node's maintenance daemon or a
 * connection from another node may arrive in between ("is being accessed by other users",
 * SQLSTATE 55006): tried again a few times.
 */
export async function dropCitusDatabase(baseUrl: string, name: string): Promise<void> {
  for (const n of await citusNodes(baseUrl)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await onNode(n.url, (c) => c.query(`drop database if exists ${name} with (force)`));
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
  }
}
