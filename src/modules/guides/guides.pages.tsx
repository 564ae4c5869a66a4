import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { raw } from 'hono/html';
import { marked } from 'marked';
import { notFound } from '../../platform/http/errors.js';
import type { Router } from '../../platform/http/router.js';
import { access } from '../../platform/access/route-access.js';
import { Layout } from '../../platform/http/views/layout.js';
import { projectRoot } from '../../platform/paths.js';

const GUIDES_DIR = join(projectRoot, 'docs', 'panduan');

/** Guides are our own Markdown files, read once; none comes from users, so the HTML is trusted. */
const guides = new Map<string, { title: string; html: string }>();
for (const file of readdirSync(GUIDES_DIR).filter((f) => f.endsWith('.md'))) {
  const text = readFileSync(join(GUIDES_DIR, file), 'utf8');
  const title = /^#\s+(.+)$/m.exec(text)?.[1] ?? file;
  // A guide links another as `impor.md` (so it also works on GitHub); on the site that is /panduan/impor.
  const body = text.replace(/^#\s+.+\n/, '').replace(/\]\(([a-z0-9-]+)\.md\)/g, '](/panduan/$1)');
  guides.set(file.replace(/\.md$/, ''), { title, html: marked.parse(body, { async: false }) as string });
}

export function registerGuidePages(app: Router) {
  app.get('/panduan', access('public'), (c) =>
    c.html(
      <Layout c={c} title="Panduan">
        <ul class="plain">
          {[...guides].map(([name, g]) => <li><a href={`/panduan/${name}`}>{g.title}</a></li>)}
        </ul>
      </Layout>,
    ),
  );
  app.get('/panduan/:name', access('public'), (c) => {
    const guide = guides.get(c.req.param('name'));
    if (!guide) throw notFound();
    return c.html(
      <Layout c={c} title={guide.title}>
        <article class="guide-text">{raw(guide.html)}</article>
        <p><a href="/panduan">Semua panduan</a></p>
      </Layout>,
    );
  });
}
