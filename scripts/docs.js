#!/usr/bin/env node
// Rewrites the generated docs from the built code (run `npm run build` first):
// the rule page's package-manager table and docs/package-managers.md.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { packageManagersDoc, withGeneratedSection } = require('../dist/src/docs.js');

const docs = join(__dirname, '..', 'docs');
const rule = join(docs, 'rules', 'cache-mount-install-target.md');
writeFileSync(rule, withGeneratedSection(readFileSync(rule, 'utf8')));
writeFileSync(join(docs, 'package-managers.md'), packageManagersDoc());
