import { SaxesParser } from 'saxes';

/**
 * The workbook's sheets, where their XML is, and its date system, read from
 * `xl/workbook.xml` and its relationships with a real XML tokenizer (saxes, which ExcelJS
 * uses too). It reads each character once: a tag of 200,000 letters costs 200,000 steps,
 * where the regular expressions it replaces backtracked for minutes on a 1 KB upload.
 */

export interface WorkbookParts {
  sheets: { name: string; path: string }[];
  sharedStrings: string | null;
  /** Date serials count from 1904 instead of 1900 (old Mac workbooks). */
  date1904: boolean;
}

/** Every start tag of a document, its name without a namespace prefix; throws on malformed XML. */
function eachTag(xml: string, onTag: (name: string, attributes: Record<string, string>) => void): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => onTag(tag.name.slice(tag.name.indexOf(':') + 1), tag.attributes as Record<string, string>));
  parser.write(xml).close();
}

export function workbookParts(workbookXml: string, relsXml: string): WorkbookParts {
  const targets = new Map<string, string>();
  let sharedStrings: string | null = null;
  const pathOf = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`.split('/./').join('/'));
  eachTag(relsXml, (name, a) => {
    if (name !== 'Relationship' || !a.Target) return;
    if (a.Id) targets.set(a.Id, a.Target);
    if (a.Type?.endsWith('/sharedStrings')) sharedStrings = pathOf(a.Target);
  });
  const sheets: WorkbookParts['sheets'] = [];
  let date1904 = false;
  eachTag(workbookXml, (name, a) => {
    if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    if (name !== 'sheet') return;
    // The relationship id is `r:id` (any prefix); `sheetId` is another thing.
    const rid = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (a.name && target) sheets.push({ name: a.name, path: pathOf(target) });
  });
  return { sheets, sharedStrings, date1904 };
}
