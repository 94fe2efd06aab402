#!/usr/bin/env node
// Latency of the language server: node scripts/bench/lsp.js [--changes N] [--warmup N] [--json FILE]
//
// Starts the built server (bin/dockerfile-codemod.js lsp --stdio, as an editor
// would), opens a realistic 200-line Dockerfile (test/fixtures/lsp/large.Dockerfile:
// nine stages, twenty-odd RUNs with cache mounts, five findings) and makes N
// edits one after another, each a character of a package name typed into an
// apt-get install list (a RUN line), timing each from the moment the didChange is written to the moment the
// publishDiagnostics for that version arrives. The first --warmup edits are
// not counted (the server compiles its code and loads the shell grammar).
//
// Two series: with debounceMs 0 (the analysis and the protocol alone) and with
// the default debounce (what an editor sees: the pause is part of the time).
// Prints the median, p95 and max of each, and the server's CPU time per change
// (from /proc: what the analysis costs whatever else the machine is doing; the
// wall times grow with the machine's load, printed too). The target is a median
// within 30 ms for the series without debounce. Uses the built code: run
// `npm run build` first.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver/node');

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'dockerfile-codemod.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'lsp', 'large.Dockerfile');
const TARGET_MS = 30;

function args() {
  const out = { changes: 200, warmup: 30, json: undefined };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--changes') out.changes = Number(argv[++i]);
    else if (a === '--warmup') out.warmup = Number(argv[++i]);
    else if (a === '--json') out.json = argv[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write('node scripts/bench/lsp.js [--changes N (200)] [--warmup N (30)] [--json FILE]\n');
      process.exit(0);
    } else {
      process.stderr.write(`unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (!(out.changes > 0) || !(out.warmup >= 0)) {
    process.stderr.write('--changes must be positive, --warmup not negative\n');
    process.exit(2);
  }
  return out;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** A server process and a client connection to it; `published(version)` resolves when that version's diagnostics arrive. */
async function startServer(initializationOptions) {
  const proc = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(proc.stdout),
    new StreamMessageWriter(proc.stdin),
  );
  const waiting = new Map();
  const counts = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = now();
    counts.set(p.version, p.diagnostics.length);
    const w = waiting.get(p.version);
    if (w) {
      waiting.delete(p.version);
      w(at);
    }
  });
  connection.onNotification('window/logMessage', (p) => process.stderr.write(`server: ${p.message}\n`));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  return {
    pid: proc.pid,
    connection,
    counts,
    published: (version) => new Promise((resolve) => waiting.set(version, resolve)),
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((resolve) => proc.on('exit', resolve));
    },
  };
}

/**
 * The edits: package names typed letter by letter at the end of the runtime
 * stage's apt-get install list, a space between names, as someone adding
 * packages would. No two texts are the same.
 */
function editsFor(text, count) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\s+nodejs$/.test(l));
  if (line < 0) throw new Error('the fixture has no "nodejs" line in an apt-get install list');
  const words = ['jq', 'less', 'procps', 'netcat-openbsd', 'postgresql-client', 'libxml2', 'zstd', 'unzip'];
  let typed = '';
  for (let w = 0; typed.length < count; w++) typed += ` ${words[w % words.length]}`;
  const end = (lines[line] ?? '').length;
  return [...typed.slice(0, count)].map((ch, i) => ({
    range: { start: { line, character: end + i }, end: { line, character: end + i } },
    text: ch,
  }));
}

/** CPU time (user + system) a process has used, in ms; undefined where /proc is not there. */
function cpuMs(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** Clock ticks per second on Linux (USER_HZ), what /proc/PID/stat counts in. */
const CLOCK_TICKS = 100;

async function series(label, initializationOptions, options, text) {
  const server = await startServer(initializationOptions);
  const uri = pathToFileURL(path.join(os.tmpdir(), 'dockerfile-codemod-bench', 'Dockerfile')).href;
  const first = server.published(1);
  await server.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'dockerfile', version: 1, text },
  });
  await first;
  const findings = server.counts.get(1);
  const edits = editsFor(text, options.warmup + options.changes);
  const times = [];
  let cpuBefore;
  for (let i = 0; i < options.warmup + options.changes; i++) {
    if (i === options.warmup) cpuBefore = cpuMs(server.pid);
    const version = i + 2;
    const arrived = server.published(version);
    const sent = now();
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [edits[i]],
    });
    const at = await arrived;
    if (i >= options.warmup) times.push(at - sent);
  }
  const cpuAfter = cpuMs(server.pid);
  const lastFindings = server.counts.get(options.warmup + options.changes + 1);
  await server.stop();
  times.sort((a, b) => a - b);
  const pick = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return {
    label,
    debounceMs: initializationOptions.debounceMs,
    changes: times.length,
    findings,
    lastFindings,
    serverCpuMsPerChange:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / times.length,
    medianMs: pick(0.5),
    p95Ms: pick(0.95),
    maxMs: times[times.length - 1],
    minMs: times[0],
  };
}

async function main() {
  const options = args();
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    process.stderr.write('dist/cli.js is missing: run npm run build first\n');
    process.exit(2);
  }
  const text = fs.readFileSync(FIXTURE, 'utf8');
  const lines = text.split('\n').length - 1;
  const { DEFAULT_DEBOUNCE_MS } = require(path.join(ROOT, 'dist', 'src', 'lsp', 'server.js'));
  process.stderr.write(
    `${path.relative(ROOT, FIXTURE)}: ${lines} lines; ${options.warmup} warm-up + ${options.changes} changes per series\n`,
  );
  const results = [
    await series('didChange -> publishDiagnostics, no debounce', { debounceMs: 0 }, options, text),
    await series(
      `didChange -> publishDiagnostics, default debounce (${DEFAULT_DEBOUNCE_MS} ms)`,
      {},
      { ...options, changes: Math.min(options.changes, 50), warmup: Math.min(options.warmup, 10) },
      text,
    ),
  ];
  const f = (ms) => `${ms.toFixed(1)} ms`;
  const cpus = os.cpus();
  process.stdout.write(
    `machine: ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}\n`,
  );
  for (const r of results)
    process.stdout.write(
      `${r.label}: median ${f(r.medianMs)}, p95 ${f(r.p95Ms)}, min ${f(r.minMs)}, max ${f(r.maxMs)} over ${r.changes} changes; server CPU ${r.serverCpuMsPerChange === undefined ? 'not measured' : f(r.serverCpuMsPerChange)} per change; ${r.findings} diagnostics at the start, ${r.lastFindings} at the end\n`,
    );
  const pass = results[0].medianMs <= TARGET_MS;
  process.stdout.write(
    `target: diagnostics within ${TARGET_MS} ms of a change, debounce excluded (median): ${pass ? 'met' : 'NOT met'}\n`,
  );
  if (options.json)
    fs.writeFileSync(
      options.json,
      `${JSON.stringify({ fixtureLines: lines, targetMs: TARGET_MS, results }, null, 2)}\n`,
    );
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
