import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { Layout, Notice } from './layout.js';
import { ui } from './ui-text.js';

export function ErrorPage({ c, status, message }: { c: Context<AppEnv>; status: number; message: string }) {
  const tr = ui(c.get('lang') ?? 'id');
  return (
    <Layout c={c} title={`${tr.error} ${status}`}>
      <Notice kind="error">{message}</Notice>
      <p>
        <a href="/">{tr.backHome}</a>
        {status === 401 && (
          <>
            {' · '}
            <a href={c.req.path.startsWith('/warga') ? '/warga/masuk' : '/masuk'}>{tr.login}</a>
          </>
        )}
      </p>
    </Layout>
  );
}
