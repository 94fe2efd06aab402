/**
 * The layer rules (.dependency-cruiser.cjs) hold for the sources, and they do
 * catch a violation: a tree with a shell module importing the model, a command
 * line reaching a transform and a module outside every layer fails the check.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, removeTempDirs, tempDir, writeTree } from './helpers/cli.js';

afterAll(removeTempDirs);

const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string) {
  const r = spawnSync(
    process.execPath,
    [
      DEPCRUISE,
      'src',
      'transforms',
      '--config',
      path.join(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    ],
    { cwd, encoding: 'utf8' },
  );
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('the sources keep to their layers', () => {
  const r = cruise(ROOT);
  expect(r.out).toContain('no dependency violations found');
  expect(r.status).toBe(0);
}, 60_000);

test('an upward import, a command line past run and an unlayered module each fail the check', () => {
  const dir = tempDir('dfcm-layers-');
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  writeTree(dir, {
    'src/model/lex.ts': 'export const x = 1;\n',
    'src/shell/reader.ts': "import { x } from '../model/lex.js';\nexport const y = x;\n",
    'transforms/index.ts': 'export const T = [];\n',
    'src/cli/main.ts': "import { T } from '../../transforms/index.js';\nexport const z = T;\n",
    'src/stray/thing.ts': "import { x } from '../model/lex.js';\nexport const w = x;\n",
  });
  const r = cruise(dir);
  expect(r.status).not.toBe(0);
  expect(r.out).toContain('shell-imports-model: src/shell/reader.ts → src/model/lex.ts');
  expect(r.out).toContain('cli-past-run: src/cli/main.ts → transforms/index.ts');
  expect(r.out).toContain('unlayered: src/stray/thing.ts → src/model/lex.ts');
}, 60_000);
