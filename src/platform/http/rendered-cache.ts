/**
 * Rendered parts of pages kept in this process's memory, by a key that names everything they
 * were made from, including a version of the data that every write moves (for the population:
 * population_versions, migration 0028). A changed register gives a new key, so nothing is ever
 * invalidated by hand and several processes need not agree: each fills its own. Least recently
 * used parts go first once `maxChars` characters are held. Only for parts without personal data.
 */
export class RenderedCache {
  private readonly parts = new Map<string, string>();
  private chars = 0;
  /** Renderings under way, so twenty requests for the same new key render once. */
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly maxChars: number) {}

  async get(key: string, render: () => Promise<string>): Promise<string> {
    const kept = this.parts.get(key);
    if (kept !== undefined) {
      // Most recently used goes last: a Map iterates in insertion order.
      this.parts.delete(key);
      this.parts.set(key, kept);
      return kept;
    }
    const running = this.pending.get(key);
    if (running) return running;
    const made = render().finally(() => this.pending.delete(key));
    this.pending.set(key, made);
    const html = await made;
    this.keep(key, html);
    return html;
  }

  private keep(key: string, html: string) {
    if (html.length > this.maxChars || this.parts.has(key)) return;
    this.parts.set(key, html);
    this.chars += html.length;
    for (const [oldest, part] of this.parts) {
      if (this.chars <= this.maxChars) break;
      this.parts.delete(oldest);
      this.chars -= part.length;
    }
  }

  get size() {
    return this.parts.size;
  }
}
