#!/usr/bin/env node
// Rewrites the generated sections of the docs from the built code (run `npm run build` first).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { withGeneratedSection } = require('../dist/src/docs.js');

const file = join(__dirname, '..', 'docs', 'rules', 'cache-mount-install-target.md');
writeFileSync(file, withGeneratedSection(readFileSync(file, 'utf8')));
