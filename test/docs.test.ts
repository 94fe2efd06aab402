import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageManagersDoc, sourceUrl, withGeneratedSection } from '../src/docs.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import { TRANSFORMS } from '../transforms/index.js';

const root = join(__dirname, '..');

test('every transform has its documentation page', () => {
  for (const t of TRANSFORMS) {
    const doc = readFileSync(join(root, t.meta.docs), 'utf8');
    expect(doc.startsWith(`# ${t.meta.id}\n`)).toBe(true);
  }
});

test("the rule's package-manager table is generated from the modules (run `npm run docs` after changing one)", () => {
  const file = join(root, 'docs', 'rules', 'cache-mount-install-target.md');
  const doc = readFileSync(file, 'utf8');
  expect(withGeneratedSection(doc)).toBe(doc);
  for (const pm of PACKAGE_MANAGERS) {
    expect(doc).toContain(`| [${pm.name}](../package-managers.md#${pm.id}) |`);
    expect([
      pm.id,
      pm.facts.commands.text.length > 20,
      pm.facts.destinations.text.length > 10,
      pm.facts.cache.text.length > 10,
    ]).toEqual([pm.id, true, true, true]);
  }
});

test('docs/package-managers.md is generated from the facts (run `npm run docs` after changing one)', () => {
  const doc = readFileSync(join(root, 'docs', 'package-managers.md'), 'utf8');
  expect(packageManagersDoc()).toBe(doc);
  for (const pm of PACKAGE_MANAGERS) {
    expect(doc).toContain(`<a id="${pm.id}"></a>\n\n## ${pm.name}\n`);
  }
});

test('sources link to the page or to the file at its commit', () => {
  expect(sourceUrl('pypa/pip@6d30920:src/pip/_internal/cli/cmdoptions.py:947-955')).toBe(
    'https://github.com/pypa/pip/blob/6d30920/src/pip/_internal/cli/cmdoptions.py#L947-L955',
  );
  expect(sourceUrl('astral-sh/uv@26a9dd4:docs/concepts/cache.md:26,142-182')).toBe(
    'https://github.com/astral-sh/uv/blob/26a9dd4/docs/concepts/cache.md#L26',
  );
  expect(sourceUrl('yarnpkg/yarn@c2dda50:src/util/root-user.js')).toBe(
    'https://github.com/yarnpkg/yarn/blob/c2dda50/src/util/root-user.js',
  );
  expect(sourceUrl('https://pnpm.io/cli/store')).toBe('https://pnpm.io/cli/store');
  expect(sourceUrl('not a source')).toBeUndefined();
});

test('every fact names a source that is a URL or a file at a commit', () => {
  const bad: string[] = [];
  const visit = (where: string, fact: { source: string | readonly string[] }) => {
    const list = typeof fact.source === 'string' ? [fact.source] : fact.source;
    if (list.length === 0) bad.push(`${where}: no source`);
    for (const s of list) if (!sourceUrl(s)) bad.push(`${where}: ${s}`);
  };
  for (const { facts: f } of PACKAGE_MANAGERS) {
    visit(`${f.id} commands`, f.commands);
    visit(`${f.id} destinations`, f.destinations);
    visit(`${f.id} cache`, f.cache);
    for (const c of f.caches) {
      visit(`${f.id} cache ${c.name ?? ''}`, c);
      for (const i of c.images ?? []) visit(`${f.id} image ${i.image}`, i);
    }
    for (const list of [f.knownCaches, f.defeats, f.cacheCommands, f.locking, f.traps]) {
      for (const fact of list) visit(f.id, fact);
    }
  }
  expect(bad).toEqual([]);
});
