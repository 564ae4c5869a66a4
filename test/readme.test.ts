import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The README and the docs are read on GitHub and in a copied folder: they must stand on their own. */

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const DOCS = ['README.md', 'docs/architecture.md', 'docs/security.md'];

describe('README', () => {
  it('starts with the two commands: install and run, then test', () => {
    const readme = read('README.md');
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)!;
    const before = readme.slice(0, firstBlock.index);
    expect(before.split('\n').filter((l) => l.trim()).length).toBeLessThanOrEqual(3);
    const commands = firstBlock[1]!.trim().split('\n').map((l) => l.split('#')[0]!.trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm test']);
  });

  it('names its prerequisites: Node ≥ 20, PostgreSQL ≥ 15 optional', () => {
    expect(read('README.md')).toMatch(/Prerequisites: Node\.js ≥ 20\. PostgreSQL ≥ 15 is optional/);
  });

  it('links nothing outside the repository, and every link inside it exists', () => {
    const problems: string[] = [];
    for (const doc of DOCS) {
      const text = read(doc);
      if (/\.\.\/shared|\/work\//.test(text)) problems.push(`${doc}: names a path outside the repository`);
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:|#)/.test(target!)) continue;
        const file = normalize(join(dirname(doc), target!.split('#')[0]!));
        if (file.startsWith('..')) problems.push(`${doc}: ${target} is outside the repository`);
        else if (!existsSync(join(root, file))) problems.push(`${doc}: ${target} does not exist`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is written in English for developers and links every guide for officers', () => {
    const readme = read('README.md');
    // Indonesian prose gives itself away by its small words; the list of guides is in their language.
    const prose = readme.split('\n').filter((l) => !l.startsWith('- [')).join('\n').replace(/\[[^\]]*\]\([^)]*\)/g, '').replace(/`[^`]*`/g, '');
    expect(prose).not.toMatch(/\b(yang|dengan|untuk|tidak|bisa|dari komputer)\b/);
    const unlinked = readdirSync(join(root, 'docs/panduan')).filter((f) => f.endsWith('.md') && !readme.includes(`](docs/panduan/${f})`));
    expect(unlinked).toEqual([]);
  });
});
