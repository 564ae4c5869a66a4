import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { assetUrl } from '../static-files.js';

/** What every page's document shares: doctype, language, viewport, title, style sheet and icon; `head` adds to the head. */
export function Document({ lang, title, head, bodyClass, children }: { lang: string; title: string; head?: Child; bodyClass?: string; children?: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="stylesheet" href={assetUrl('app.css')} />
          <link rel="icon" type="image/svg+xml" href={assetUrl('favicon.svg')} />
          {head}
        </head>
        <body class={bodyClass}>{children}</body>
      </html>
    </>
  );
}
