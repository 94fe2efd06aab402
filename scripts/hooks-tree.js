#!/usr/bin/env node
// node scripts/hooks-tree.js PACKAGE.tgz DIR
//
// Lays the npm package (the tarball `npm pack` writes) out as a git repository for
// pre-commit: the package's files, .pre-commit-hooks.yaml among them, with a package.json
// that has no dev dependencies and no scripts, committed and tagged v<version>.
//
// pre-commit installs a `language: node` hook by running `npm install` with dev
// dependencies in the hook repository, then `npm pack`, then `npm install -g` of that
// tarball. On the source repository that install brings every dev dependency (the
// compiler, the test tools, the bundler) to build dist/; on this tree it brings the
// runtime dependencies only and builds nothing: dist/ is already there.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [tarball, dir] = process.argv.slice(2);
if (!tarball || !dir) {
  process.stderr.write('usage: node scripts/hooks-tree.js PACKAGE.tgz DIR\n');
  process.exit(2);
}
fs.mkdirSync(dir, { recursive: true });
if (fs.readdirSync(dir).length > 0) {
  process.stderr.write(`hooks-tree: ${dir} is not empty\n`);
  process.exit(2);
}
execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', dir, '--strip-components=1']);
const manifest = path.join(dir, 'package.json');
const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
delete pkg.devDependencies;
delete pkg.scripts;
fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
git('init', '-q');
git('add', '-A');
git(
  '-c',
  'user.name=dockerfile-codemod release',
  '-c',
  'user.email=release@dockerfile-codemod.invalid',
  '-c',
  'commit.gpgsign=false',
  'commit',
  '-q',
  '--no-verify',
  '-m',
  `dockerfile-codemod ${pkg.version} (npm package)`,
);
git('tag', `v${pkg.version}`);
process.stdout.write(`${dir}: dockerfile-codemod ${pkg.version}, tagged v${pkg.version}\n`);
