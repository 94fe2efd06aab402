/**
 * Jest global setup of the end-to-end suite: e2e/setup.sh installs and starts the build
 * engine when it is missing and builds the base images. A missing engine fails the run:
 * it is never a reason to skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineAnswers, REPO_DIR, SETUP_SCRIPT } from './docker';

declare global {
  var __E2E__: { startedAt: number; setupSeconds: number; startedEngine: boolean } | undefined;
}

export default function globalSetup(): void {
  const startedAt = Date.now();
  // The suite runs the real executable, which needs the build (`npm test` makes it in CI).
  const dist = process.env.E2E_DIST;
  if (dist) {
    if (!fs.existsSync(path.join(dist, 'src', 'cli', 'main.js'))) {
      throw new Error(`e2e: E2E_DIST=${dist} has no src/cli/main.js`);
    }
  } else {
    const bin = path.join(REPO_DIR, 'bin', 'dockerfile-codemod.js');
    const probe = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      throw new Error(`e2e: ${bin} does not run (run \`npm run build\` first):\n${probe.stderr}`);
    }
  }

  const wasRunning = engineAnswers();
  const r = spawnSync('bash', [SETUP_SCRIPT, 'start'], { stdio: 'inherit' });
  if (r.status !== 0) {
    throw new Error(
      `e2e: ${SETUP_SCRIPT} failed (exit ${r.status ?? r.signal}): no build engine, so no end-to-end run. ` +
        'A missing engine is an error, not a skip; see the setup output above.',
    );
  }
  if (!engineAnswers()) throw new Error('e2e: setup.sh succeeded but no docker daemon answers');

  const setupSeconds = (Date.now() - startedAt) / 1000;
  globalThis.__E2E__ = { startedAt, setupSeconds, startedEngine: !wasRunning };
  process.stdout.write(
    `\ne2e: setup took ${setupSeconds.toFixed(1)}s (${wasRunning ? 'engine was already running' : 'engine started by this run'})\n`,
  );
}
