/**
 * The documentation made from the code is current: every transform's page and
 * the README's transform table are what `npm run docs` writes from the
 * modules (run it after changing a transform's meta or a package-manager
 * module), and every transform documents each part of its page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageManagerTable } from '../src/docs.js';
import { rulePage, withTransformTable } from '../src/output/rule-docs.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import { TRANSFORMS } from '../transforms/index.js';

const root = join(__dirname, '..');

describe.each(TRANSFORMS.map((t) => [t.meta.id, t] as const))('%s', (id, t) => {
  test('its page is the one made from its module (npm run docs)', () => {
    expect(readFileSync(join(root, 'docs', 'rules', `${id}.md`), 'utf8')).toBe(rulePage(t));
  });

  test('it documents what it does, why, an example, its fix safety and when it does not fire', () => {
    const d = t.meta.docs;
    for (const part of [d.whatItDoes, d.whyItMatters, d.example.before, d.fixSafety, d.whenItDoesNotFire])
      expect(part.trim().length).toBeGreaterThan(20);
    if (t.meta.fix !== 'none') expect(d.example.after).toBeDefined();
  });
});

test('the README lists every transform as npm run docs writes it', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  expect(withTransformTable(readme, TRANSFORMS)).toBe(readme);
  for (const t of TRANSFORMS) expect(readme).toContain(`[\`${t.meta.id}\`](docs/rules/${t.meta.id}.md)`);
});

test('the install-target page lists every package manager, from the modules', () => {
  const page = readFileSync(join(root, 'docs', 'rules', 'cache-mount-install-target.md'), 'utf8');
  expect(page).toContain(packageManagerTable());
  for (const pm of PACKAGE_MANAGERS) expect(page).toContain(`| ${pm.name} |`);
});
