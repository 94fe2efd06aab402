import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withGeneratedSection } from '../src/docs.js';
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
    expect(doc).toContain(`| ${pm.name} |`);
    expect([
      pm.id,
      pm.docs.commands.length > 20,
      pm.docs.destinations.length > 10,
      pm.docs.cache.length > 10,
    ]).toEqual([pm.id, true, true, true]);
  }
});
