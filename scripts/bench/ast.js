#!/usr/bin/env node
// The parser baselines of the bench: discover the files as the tool does, read
// each one and parse it with dockerfile-ast (the project's own copy).
//   ast.js TREE                          parses every file;
//   ast.js TREE --screened DIST SET      parses only the files the tool built in
//                                        DIST parses too with SET enabled
//                                        ("default": the transforms on by default;
//                                        "all": every transform), i.e. the files
//                                        some enabled transform's applies() screen
//                                        lets through: the floor plus the parse no
//                                        design on dockerfile-ast avoids.
// Prints {"files":N,"bytes":B,"parsed":P,"instructions":I} on stdout.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { DockerfileParser } = require(path.join(__dirname, '..', '..', 'node_modules', 'dockerfile-ast'));
const { walk } = require('./walk.js');

const [tree, flag, dist, set = 'default'] = process.argv.slice(2);
let needsParse = () => true;
if (flag === '--screened') {
  const { TRANSFORMS } = require(path.resolve(dist, 'transforms', 'index.js'));
  if (set !== 'default' && set !== 'all') throw new Error(`ast.js: SET is default or all, not ${set}`);
  const enabled = TRANSFORMS.filter((t) => set === 'all' || t.meta.default === 'on');
  needsParse = (text) => enabled.some((t) => t.applies(text));
}
let bytes = 0;
let parsed = 0;
let instructions = 0;
const files = walk(tree);
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  bytes += text.length;
  if (!needsParse(text)) continue;
  parsed++;
  instructions += DockerfileParser.parse(text).getInstructions().length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, parsed, instructions })}\n`);
