/**
 * The documentation made from the code is current: every transform's page and
 * the README's transform table are what `npm run docs` writes from the
 * modules (run it after changing a transform's meta or a package-manager
 * module), and every transform documents each part of its page.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageManagersDoc, packageManagerTable, sourceUrl } from '../src/docs.js';
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
  for (const pm of PACKAGE_MANAGERS) {
    expect(page).toContain(`| [${pm.name}](../package-managers.md#${pm.id}) |`);
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

describe('the repository stands on its own', () => {
  // Notes kept beside a checkout (a shared folder of design notes, a stack survey, a facts
  // file) are not in a clone: the repository carries every fact it uses with its public source.
  const outside = [
    ['..', 'shared'].join('/'),
    ['knowledge', 'package-managers.md'].join('/'),
    ['DESIGN', 'md'].join('.'),
    ['STACK', 'md'].join('.'),
  ];
  const tracked = (() => {
    const r = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
    return r.status === 0 ? r.stdout.split('\0').filter(Boolean) : [];
  })();

  test('the clone has files to look at', () => {
    expect(tracked).toContain('README.md');
    expect(tracked.length).toBeGreaterThan(100);
  });

  test('no tracked file cites notes that live outside it', () => {
    const cites: string[] = [];
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // a file deleted in the work tree but not yet in the index
      }
      for (const name of outside) if (text.includes(name)) cites.push(`${file}: ${name}`);
    }
    expect(cites).toEqual([]);
  });
});
