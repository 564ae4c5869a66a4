/** The phone the pages are made for, and WCAG 2.2's minimum target size (2.5.8), in CSS px. */
export const PHONE_WIDTH = 360;
export const TAP_MIN = 24;

export interface PhoneFindings {
  /** document.scrollingElement.scrollWidth: over the viewport means sideways scrolling. */
  width: number;
  /** The outermost elements that stick out of the screen, to say where to look. */
  widest: string;
  /** Visible tap targets under the minimum, as `"text" w×h tag.class`. */
  small: string[];
}

/**
 * Runs in the page (Playwright's page.evaluate), so it must use nothing from outside itself.
 *
 * Tap targets: links, buttons, form fields and <summary>. A checkbox or radio inside its
 * <label> is measured by the label, which the user taps. Exempt, as WCAG allows for targets
 * "in a sentence": a link whose block has words of its own beside its targets — except in
 * navigation (nav, breadcrumbs, pagination), where every link is a target on its own.
 */
export function measurePhonePage(min: number): PhoneFindings {
  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
  const viewport = document.documentElement.clientWidth;
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`;
  const blockOf = (el: Element): Element => {
    let b: Element | null = el.parentElement;
    while (b && getComputedStyle(b).display.startsWith('inline')) b = b.parentElement;
    return b ?? document.body;
  };
  const inSentence = (el: Element): boolean => {
    if (el.tagName !== 'A' || el.closest('nav, .crumbs, .pager')) return false;
    const walker = document.createTreeWalker(blockOf(el), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.parentElement?.closest(TARGETS + ', label')) continue;
      if (/\p{L}{2,}/u.test(n.textContent ?? '')) return true;
    }
    return false;
  };

  const small: string[] = [];
  for (const el of document.querySelectorAll(TARGETS)) {
    if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    const box = (el instanceof HTMLInputElement && /^(checkbox|radio)$/.test(el.type) && el.closest('label')) || el;
    const r = box.getBoundingClientRect();
    if (r.width >= min - 0.5 && r.height >= min - 0.5) continue;
    if (inSentence(el)) continue;
    const text = (el.textContent || (el as HTMLInputElement).value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    small.push(`"${text}" ${Math.round(r.width)}×${Math.round(r.height)} ${describe(el)}`);
  }

  const width = document.scrollingElement!.scrollWidth;
  const sticking: string[] = [];
  if (width > viewport) {
    for (const el of document.body.querySelectorAll('*')) {
      const parent = el.parentElement!;
      if (el.getBoundingClientRect().right > viewport + 0.5 && parent.getBoundingClientRect().right <= viewport + 0.5) sticking.push(`${describe(el)} ${Math.round(el.getBoundingClientRect().right)}px`);
    }
  }
  return { width, widest: sticking.slice(0, 4).join(', '), small };
}
