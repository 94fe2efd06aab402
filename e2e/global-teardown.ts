/**
 * Jest global teardown of the end-to-end suite: stops the engine when this run started it
 * (`e2e/setup.sh stop` stops only the dockerd that script started, by its pid), unless
 * E2E_KEEP_ENGINE=1. An engine that was already running is left alone. The base images
 * stay, so that the next run's setup takes a second or two.
 */
import { spawnSync } from 'node:child_process';
import { SETUP_SCRIPT } from './docker';

export default function globalTeardown(): void {
  const state = globalThis.__E2E__;
  if (state?.startedEngine && process.env.E2E_KEEP_ENGINE !== '1') {
    spawnSync('bash', [SETUP_SCRIPT, 'stop'], { stdio: 'inherit' });
  }
  if (state) {
    const wall = (Date.now() - state.startedAt) / 1000;
    process.stdout.write(`e2e: setup ${state.setupSeconds.toFixed(1)}s, whole run ${wall.toFixed(1)}s\n`);
  }
}
