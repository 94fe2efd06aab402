#!/usr/bin/env node
// The parser baseline of the bench: discover the files as the tool does, read
// each one and parse it with dockerfile-ast (the project's own copy).
// Prints {"files":N,"bytes":B,"instructions":I} on stdout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { DockerfileParser } = require(path.join(__dirname, '..', '..', 'node_modules', 'dockerfile-ast'));
const { walk } = require('./walk.js');

let bytes = 0;
let instructions = 0;
const files = walk(process.argv[2]);
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  bytes += text.length;
  instructions += DockerfileParser.parse(text).getInstructions().length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, instructions })}\n`);
