#!/usr/bin/env node
// The floor of the bench: discover the files as the tool does and read every
// byte, nothing else. Prints {"files":N,"bytes":B} on stdout.
'use strict';
const fs = require('node:fs');
const { walk } = require('./walk.js');

let bytes = 0;
const files = walk(process.argv[2]);
for (const f of files) bytes += fs.readFileSync(f).length;
process.stdout.write(`${JSON.stringify({ files: files.length, bytes })}\n`);
