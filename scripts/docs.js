#!/usr/bin/env node
// Writes the documentation made from the code (run `npm run build` first; `npm run docs` does):
// docs/rules/ID.md for every transform, the README's table of transforms, and
// docs/package-managers.md from the package-manager facts.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { rulePage, withTransformTable } = require('../dist/src/output/rule-docs.js');
const { packageManagersDoc } = require('../dist/src/docs.js');
const { TRANSFORMS } = require('../dist/transforms/index.js');

const root = join(__dirname, '..');
for (const t of TRANSFORMS) writeFileSync(join(root, 'docs', 'rules', `${t.meta.id}.md`), rulePage(t));
const readme = join(root, 'README.md');
writeFileSync(readme, withTransformTable(readFileSync(readme, 'utf8'), TRANSFORMS));
writeFileSync(join(root, 'docs', 'package-managers.md'), packageManagersDoc());
