/**
 * One way to write a resident's address, for letters, pages and exports:
 * "Jl. Pantai Hanura No. 7, Dusun I, RT 001/RW 002". The free-text address comes first;
 * the registered dusun, RW and RT follow unless the free text already names them (imported
 * and generated addresses often read "Dusun I, RT 001"), so nothing is printed twice.
 */

export interface AddressArea {
  level: string;
  name: string;
}

/** "Dusun I" for a dusun named "I" or "Dusun I"; a kelurahan's "Lingkungan II" as it is. */
function dusunLabel(name: string): string {
  const n = name.replace(/\s+/g, ' ').trim();
  return /^(dusun|lingkungan|dukuh|kampung|jorong|banjar)\s/i.test(n) ? n : `Dusun ${n}`;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Does `text` contain `phrase` as whole words, ignoring case ("Dusun I" is not in "Dusun II")? */
function namesPhrase(text: string, phrase: string): boolean {
  const hay = text.toLowerCase();
  const needle = phrase.toLowerCase().trim();
  if (!needle) return false;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if (!isWordChar(hay[at - 1]) && !isWordChar(hay[at + needle.length])) return true;
  }
  return false;
}

/**
 * The RT and RW numbers a free-text address already names, as numbers ("RT 01", "RT.001",
 * "RT/RW 001/002"). A plain scan, no backtracking pattern, since the text is typed by people.
 */
function namedNumbers(text: string): { rt: Set<number>; rw: Set<number> } {
  const found = { rt: new Set<number>(), rw: new Set<number>() };
  const upper = text.toUpperCase();
  const numberAt = (i: number): [number, number] | null => {
    while (i < upper.length && (upper[i] === ' ' || upper[i] === '.' || upper[i] === ':')) i++;
    let j = i;
    while (j < upper.length && upper[j]! >= '0' && upper[j]! <= '9') j++;
    return j > i && j - i <= 6 ? [Number(upper.slice(i, j)), j] : null;
  };
  for (let i = 0; i < upper.length - 1; i++) {
    const word = upper.slice(i, i + 2);
    if ((word !== 'RT' && word !== 'RW') || isWordChar(upper[i - 1]) || isWordChar(upper[i + 2])) continue;
    // "RT/RW 001/002"
    if (word === 'RT' && upper.slice(i + 2, i + 5) === '/RW') {
      const rt = numberAt(i + 5);
      if (rt) {
        found.rt.add(rt[0]);
        if (upper[rt[1]] === '/') {
          const rw = numberAt(rt[1] + 1);
          if (rw) found.rw.add(rw[0]);
        }
      }
      continue;
    }
    const n = numberAt(i + 2);
    if (n) (word === 'RT' ? found.rt : found.rw).add(n[0]);
  }
  return found;
}

const sameNumber = (named: Set<number>, name: string) => /^\d{1,6}$/.test(name.trim()) && named.has(Number(name.trim()));

/**
 * The address as one line. `areas` is the resident's (or family's) area path, dusun first;
 * `street` the free-text address (a resident's own, else their family's).
 */
export function formatAddress(street: string | null | undefined, areas: readonly AddressArea[]): string {
  const text = (street ?? '').replace(/\s+/g, ' ').trim();
  const numbers = namedNumbers(text);
  const dusun = areas.find((a) => a.level === 'dusun');
  const rw = areas.find((a) => a.level === 'rw');
  const rt = areas.find((a) => a.level === 'rt');
  const parts: string[] = text ? [text] : [];
  if (dusun) {
    const label = dusunLabel(dusun.name);
    if (!namesPhrase(text, label)) parts.push(label);
  }
  const rtShown = rt && !(namesPhrase(text, `RT ${rt.name.trim()}`) || sameNumber(numbers.rt, rt.name)) ? `RT ${rt.name.trim()}` : '';
  const rwShown = rw && !(namesPhrase(text, `RW ${rw.name.trim()}`) || sameNumber(numbers.rw, rw.name)) ? `RW ${rw.name.trim()}` : '';
  if (rtShown && rwShown) parts.push(`${rtShown}/${rwShown}`);
  else if (rtShown || rwShown) parts.push(rtShown || rwShown);
  return parts.join(', ');
}

/** The area path (dusun first) of an area id, from the village's areas. */
export function areaChain(areas: readonly { id: number; parent_id: number | null; level: string; name: string }[], id: number | null | undefined): AddressArea[] {
  const byId = new Map(areas.map((a) => [Number(a.id), a]));
  const path: AddressArea[] = [];
  const seen = new Set<number>();
  for (let a = id ? byId.get(Number(id)) : undefined; a && !seen.has(Number(a.id)); a = a.parent_id ? byId.get(Number(a.parent_id)) : undefined) {
    seen.add(Number(a.id));
    path.unshift({ level: a.level, name: a.name });
  }
  return path;
}
