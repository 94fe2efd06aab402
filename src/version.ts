/** The package's root folder and version (package.json sits two folders above src/ and dist/src/). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function findRoot(): { root: string; version: string } {
  for (const up of [['..'], ['..', '..']]) {
    const root = join(__dirname, ...up);
    try {
      const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'dockerfile-codemod' && pkg.version) return { root, version: pkg.version };
    } catch {
      // not here; try one level up
    }
  }
  return { root: join(__dirname, '..'), version: '0.0.0' };
}

const found = findRoot();
export const PACKAGE_ROOT = found.root;
export const VERSION = found.version;
