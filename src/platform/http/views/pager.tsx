/** The words a pager needs, from the page's own words: "‹ Sebelumnya", "Berikutnya ›", "Halaman", "dari". */
export interface PagerWords { prev: string; next: string; page: string; of: string }

/** Previous and next page, with "Halaman n dari m"; nothing when all fits on one. */
export function Pager({ w, page, pages, link }: { w: PagerWords; page: number; pages: number; link: (page: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager">
      {page > 1 && <a href={link(page - 1)}>{w.prev}</a>}{` ${w.page} ${page} ${w.of} ${pages} `}
      {page < pages && <a href={link(page + 1)}>{w.next}</a>}
    </nav>
  );
}
