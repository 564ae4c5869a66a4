import { Marked, type Tokens } from 'marked';

/**
 * Markdown typed by village officers (news, the village profile) made into HTML that cannot
 * carry a script: marked escapes all text, and here every piece of raw HTML in the input is
 * shown as text instead of passed through, and links and images may only go where a reader
 * can safely follow (http, https, mailto, tel, or a path on this site). No attribute is ever
 * written from the input except an escaped href, src, alt or title. A sanitiser that would
 * clean raw HTML is not needed because raw HTML never reaches the output.
 */
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Only these schemes, or a path on this site ("/…" but not "//host"). Letters only: no backtracking. */
export function safeHref(href: string, forImage = false): string | null {
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/\\')) return h;
  if (forImage) return null; // pictures from other sites would cost readers data and tell those sites who reads
  if (h.startsWith('#')) return h;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]{0,20}):/.exec(h)?.[1]?.toLowerCase();
  return scheme && ['http', 'https', 'mailto', 'tel'].includes(scheme) ? h : null;
}

const md = new Marked({ gfm: true, breaks: true, async: false });
md.use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text);
      return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
    },
    link(token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (!href) return inner;
      const external = /^https?:/i.test(href);
      return `<a href="${escapeHtml(href)}"${token.title ? ` title="${escapeHtml(token.title)}"` : ''}${external ? ' rel="noopener nofollow"' : ''}>${inner}</a>`;
    },
    image(token: Tokens.Image) {
      const src = safeHref(token.href, true);
      if (!src) return escapeHtml(token.text);
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
});

/** Safe HTML from an officer's Markdown. */
export function renderSafeMarkdown(source: string): string {
  return md.parse(source) as string;
}

/** The first words of a Markdown text as plain text, for a list, a description or a link preview. */
export function plainExcerpt(source: string, max = 160): string {
  const plain = source
    .replace(/!\[[^\]\n]{0,200}\]\([^)\n]{0,500}\)/g, '')
    .replace(/\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)/g, '$1')
    .replace(/[#>*_`~|-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= max) return plain;
  const cut = plain.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
