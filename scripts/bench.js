#!/usr/bin/env node
// Benchmark harness: npm run bench [-- CORPUS] [options]
//
// Builds a temporary tree of Dockerfiles replicated from a corpus folder (named
// on the command line) and times, in alternating rounds, with the median of
// several runs each:
//   - this tool, `--check` over the tree, as a whole process, twice: the default
//     transforms, and every transform (`--enable add-cache-mounts`);
//   - the floor: a Node process that discovers the same files and reads every byte;
//   - dockerfile-ast parsing every file in one Node process;
//   - dockerfile-ast parsing only the files the tool parses, for each set (with
//     discovery and reading): the part of the work no design built on
//     dockerfile-ast avoids;
//   - tally 0.45 (@wharflab/tally-linux-x64, installed on first use) with only its
//     prefer-package-cache-mounts rule;
// then the tool on one Dockerfile against `node -e 0` (with its V8 code cache,
// kept in the temporary folder, and without), and each set's peak
// memory at a larger tree. Prints a table and pass/fail lines for the
// project's targets (reported, not enforced); --json FILE writes the numbers.
// Progress goes to stderr. Uses the built code: `npm run bench` builds first.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
// The tool runs from a copy of bin/ and dist/ made at the start (see snapshotTool).
let BIN = path.join(ROOT, 'bin', 'dockerfile-codemod.js');
const FLOOR = path.join(__dirname, 'bench', 'floor.js');
const AST = path.join(__dirname, 'bench', 'ast.js');
const LSP = path.join(__dirname, 'bench', 'lsp.js');
const MAXRSS_PRELOAD = path.join(__dirname, 'bench', 'maxrss.js');
const TALLY_PACKAGE = '@wharflab/tally-linux-x64';
const TALLY_VERSION = '0.45.0';
const TALLY_RULE = 'tally/prefer-package-cache-mounts';
// --no-config: no .tally.toml found by chance can add rules; --ignore '*' with
// --select RULE: tally's include patterns take precedence over its exclude
// patterns, so exactly one rule is enabled (the JSON report's rules_enabled
// says 1, checked on every run); --slow-checks off: no registry look-ups.
const TALLY_ARGS = ['lint', '--no-config', '--slow-checks', 'off', '--ignore', '*', '--select', TALLY_RULE];

const TARGETS = {
  latencyRatio: 2.5, // one file (default transforms) within this many times `node -e 0`
  lspMs: 30, // the language server's diagnostics for a 200-line file within this many ms of a change (median)
  rssMB: 150, // peak RSS at --files, MB (10^6 bytes), for each set
  rssGrowth: 1.2, // "flat": peak RSS at --large at most this many times the one at --files
};

/**
 * The two sets of transforms the bench times, each against the same baselines,
 * with its own targets: tally's files/s times `tally`, the floor's time times `floor`.
 */
const SETS = [
  { key: 'tool', name: 'default transforms', args: [], screened: 'default', tally: 50, floor: 3 },
  {
    key: 'toolAll',
    name: 'every transform',
    args: ['--enable', 'add-cache-mounts'],
    screened: 'all',
    tally: 20,
    floor: 5,
  },
];

const USAGE = `usage: npm run bench -- [CORPUS] [options]
  CORPUS, --corpus DIR   folder of real Dockerfiles (required)
  --files N              files in the timed tree (default 10000)
  --large N              files in the tree for the memory check (default 40000; 0 to skip)
  --runs N               timed rounds (default 5)
  --tally-runs N         rounds that also run tally (default 1: one tally run at 10,000 files takes about a minute)
  --latency-runs N       runs of each side of the single-file comparison (default 20)
  --no-tally             leave tally out (the whole corpus is then used)
  --no-lsp               leave out the language server's latency (scripts/bench/lsp.js)
  --rss time|node        peak-memory source: /usr/bin/time -v (default) or the process's own accounting
  --json FILE            also write the numbers as JSON
  --keep                 keep the temporary folder and print where it is
`;

function parseArgs(argv) {
  const o = {
    corpus: undefined,
    files: 10000,
    large: 40000,
    runs: 5,
    tallyRuns: 1,
    latencyRuns: 20,
    tally: true,
    lsp: true,
    rss: 'time',
    json: undefined,
    keep: false,
  };
  const ints = { '--files': 'files', '--large': 'large', '--runs': 'runs', '--tally-runs': 'tallyRuns' };
  ints['--latency-runs'] = 'latencyRuns';
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let value;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const next = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) fail(`${a} needs a value`, 2);
      return argv[++i];
    };
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (ints[a]) {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 0) fail(`${a} takes a whole number`, 2);
      o[ints[a]] = n;
    } else if (a === '--corpus') o.corpus = next();
    else if (a === '--json') o.json = next();
    else if (a === '--rss') {
      o.rss = next();
      if (o.rss !== 'time' && o.rss !== 'node') fail('--rss takes time or node', 2);
    } else if (a === '--keep') o.keep = true;
    else if (a === '--no-tally') o.tally = false;
    else if (a === '--no-lsp') o.lsp = false;
    else if (a.startsWith('-')) fail(`unknown option ${a}\n${USAGE}`, 2);
    else if (o.corpus === undefined) o.corpus = a;
    else fail(`one corpus folder only (got ${o.corpus} and ${a})`, 2);
  }
  if (o.files < 1) fail('--files must be at least 1', 2);
  if (o.runs < 1) fail('--runs must be at least 1', 2);
  if (o.latencyRuns < 1) fail('--latency-runs must be at least 1', 2);
  o.tallyRuns = Math.min(o.tallyRuns, o.runs);
  if (o.tallyRuns === 0) o.tally = false;
  return o;
}

function fail(message, code = 1) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

const log = (s) => process.stderr.write(`bench: ${s}\n`);
const median = (xs) => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (kib) => (kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
const x = (r) => (r === undefined ? 'n/a' : `${r.toFixed(r >= 100 ? 0 : r >= 10 ? 1 : 2)}x`);

/** Corpus Dockerfiles: every regular file whose name says Dockerfile or Containerfile, sorted. */
function corpusFiles(dir) {
  const out = [];
  const visit = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && /dockerfile|containerfile/i.test(e.name)) out.push(path.relative(dir, p));
    }
  };
  visit(dir);
  return out.sort();
}

/**
 * Copies the built tool (bin/, dist/, docs/, package.json) into the temporary
 * folder, with node_modules linked, so that every run measures the same build
 * even when someone rebuilds dist/ (npm test does) while the bench runs.
 */
function snapshotTool(tmp) {
  const dir = path.join(tmp, 'tool');
  fs.mkdirSync(dir);
  for (const p of ['bin', 'dist', 'docs', 'package.json'])
    if (fs.existsSync(path.join(ROOT, p)))
      fs.cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'dockerfile-codemod.js'), '--version'], {
    encoding: 'utf8',
  });
  if (r.status !== 0)
    fail(`the copy of the built tool does not run (a build running?): try again\n${r.stderr}`);
  return dir;
}

/** Copies corpus file n = i mod the list's length to <root>/r<k>/<n>/Dockerfile, k = i div it, for i in [0, count). */
function buildTree(root, corpusDir, list, count) {
  const made = new Set();
  for (let i = 0; i < count; i++) {
    // A tree smaller than the corpus takes files spread over it, not its first ones.
    const k = Math.floor(i / list.length);
    const n = count < list.length ? Math.floor((i * list.length) / count) : i % list.length;
    const dir = path.join(root, `r${k}`, String(n));
    if (!made.has(dir)) fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
    fs.copyFileSync(path.join(corpusDir, list[n]), path.join(dir, 'Dockerfile'));
  }
}

// ---------------------------------------------------------------- measuring

let rssMode = 'time';

/** Makes /usr/bin/time available (Debian's `time` package) or falls back to the node preload. */
function setUpRss(wanted) {
  if (wanted === 'node') return 'node';
  if (fs.existsSync('/usr/bin/time')) return 'time';
  if (process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
    log('/usr/bin/time is missing: installing Debian package "time"');
    const install = () =>
      spawnSync('apt-get', ['install', '-y', '-q', 'time'], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    if (install() || (spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore' }).status === 0 && install()))
      if (fs.existsSync('/usr/bin/time')) return 'time';
  }
  log('/usr/bin/time is not available: peak memory comes from process.resourceUsage() (Node processes only)');
  return 'node';
}

/**
 * Runs one command to completion, stdout and stderr to files in `tmp`, and
 * returns its wall time, CPU time and peak RSS (KiB) with its exit status and output.
 * `node: true` marks a Node script (argv without the node binary), which the
 * node RSS fallback can measure.
 */
function measure(tmp, name, cmd, args, { node = false } = {}) {
  const outFile = path.join(tmp, `${name}.out`);
  const errFile = path.join(tmp, `${name}.err`);
  const rssFile = path.join(tmp, `${name}.rss`);
  fs.rmSync(rssFile, { force: true });
  let file = cmd;
  let argv = args;
  const env = { ...process.env };
  if (rssMode === 'time') {
    file = '/usr/bin/time';
    argv = ['-v', '-o', rssFile, cmd, ...args];
  } else if (node) {
    argv = ['--require', MAXRSS_PRELOAD, ...args];
    env.BENCH_MAXRSS_FILE = rssFile;
  }
  const out = fs.openSync(outFile, 'w');
  const err = fs.openSync(errFile, 'w');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, argv, { stdio: ['ignore', out, err], env, cwd: ROOT });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  fs.closeSync(out);
  fs.closeSync(err);
  if (r.error) throw new Error(`${name}: cannot run ${cmd}: ${r.error.message}`);
  if (r.signal) {
    if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') process.exit(130);
    throw new Error(`${name}: killed by ${r.signal}`);
  }
  const report = fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8') : '';
  const num = (re) => {
    const m = re.exec(report);
    return m ? Number(m[1]) : undefined;
  };
  const rssKiB = num(/Maximum resident set size \(kbytes\): (\d+)/);
  const user = num(/User time \(seconds\): ([\d.]+)/);
  const sys = num(/System time \(seconds\): ([\d.]+)/);
  const cpuMs = user !== undefined && sys !== undefined ? (user + sys) * 1000 : undefined;
  return {
    ms,
    cpuMs,
    rssKiB,
    status: r.status,
    stdout: fs.readFileSync(outFile, 'utf8'),
    stderr: fs.readFileSync(errFile, 'utf8'),
  };
}

const tail = (s, n = 1500) => (s.length > n ? `...${s.slice(-n)}` : s).trim();

/** The tool's summary line: `dockerfile-codemod: N files: ...`. */
function toolSummary(run) {
  const m = /^dockerfile-codemod: (\d+) files?: (.*)$/m.exec(run.stderr);
  if (!m) throw new Error(`the tool printed no summary line (exit ${run.status}):\n${tail(run.stderr)}`);
  const errors = /(\d+) errors?/.exec(m[2]);
  return { files: Number(m[1]), text: m[0], errors: errors ? Number(errors[1]) : 0 };
}

function checkTool(run, expected) {
  if (run.status !== 0 && run.status !== 1 && run.status !== 2)
    throw new Error(`the tool exited ${run.status}:\n${tail(run.stderr)}`);
  const s = toolSummary(run);
  if (s.files !== expected)
    throw new Error(
      `the tool's summary says ${s.files} files, the floor found ${expected}: the tool and the baselines do not walk the same files\n${s.text}`,
    );
  return s;
}

function checkJsonCount(label, run, expected) {
  if (run.status !== 0) throw new Error(`${label} exited ${run.status}:\n${tail(run.stderr)}`);
  const r = JSON.parse(run.stdout);
  if (expected !== undefined && r.files !== expected)
    throw new Error(`${label} found ${r.files} files, the tree has ${expected}`);
  return r;
}

function checkTally(run, expected) {
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`tally exited ${run.status}:\n${tail(run.stderr)}`);
  const r = JSON.parse(run.stdout);
  if (r.files_scanned !== expected)
    throw new Error(`tally scanned ${r.files_scanned} files, the tree has ${expected}`);
  if (r.rules_enabled !== 1) throw new Error(`tally ran ${r.rules_enabled} rules, not 1`);
  const rules = new Set();
  for (const f of r.files ?? []) for (const v of f.violations ?? []) rules.add(v.rule);
  for (const rule of rules) if (rule !== TALLY_RULE) throw new Error(`tally reported rule ${rule}`);
  return { findings: r.summary?.total ?? 0, filesWithFindings: r.summary?.files ?? 0, rulesEnabled: 1 };
}

/**
 * The tally binary, from its npm package, installed on first use into
 * node_modules/.cache/ of this checkout. The package is built for linux-x64
 * only, so it is no dependency of the project: as one, it made `npm ci` fail on
 * every other platform (a dev dependency) or was installed by everyone who
 * installs the tool (an optional one).
 */
function installTally() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new Error(`${TALLY_PACKAGE} runs on linux-x64 only, not ${process.platform}-${process.arch}`);
  const dir = path.join(ROOT, 'node_modules', '.cache', 'dockerfile-codemod-bench', `tally-${TALLY_VERSION}`);
  const bin = path.join(dir, 'node_modules', ...TALLY_PACKAGE.split('/'), 'bin', 'tally');
  if (fs.existsSync(bin)) return bin;
  log(`installing ${TALLY_PACKAGE}@${TALLY_VERSION} into ${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund'].concat(
      `${TALLY_PACKAGE}@${TALLY_VERSION}`,
    ),
    { encoding: 'utf8' },
  );
  if (npm.status !== 0 || !fs.existsSync(bin))
    throw new Error(`npm install ${TALLY_PACKAGE}@${TALLY_VERSION} failed:\n${tail(npm.stderr ?? '')}`);
  return bin;
}

// ---------------------------------------------------------------- tally screen

/**
 * tally stops at the first file it cannot parse (template lines, files
 * without FROM, empty files) and reports nothing for the others, so the tree
 * is built from the corpus files it lints. Each pass runs tally over the files
 * not yet seen; a failure names the file, which is set aside, and the next
 * pass starts after it. Two workers share the list. The result is cached in
 * the system's temporary folder, keyed by tally's version and the corpus bytes.
 */
async function tallyScreen(tally, tallyVersion, corpusDir, list, tmp) {
  const hash = crypto.createHash('sha256').update(`${tallyVersion}\n${TALLY_ARGS.join(' ')}\n`);
  for (const f of list) hash.update(`${f}\n`).update(fs.readFileSync(path.join(corpusDir, f)));
  const key = hash.digest('hex').slice(0, 20);
  const cacheFile = path.join(os.tmpdir(), `dockerfile-codemod-bench-tally-screen-${key}.json`);
  try {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    log(`tally screen: cached (${cacheFile})`);
    return cached;
  } catch {
    // Not cached yet.
  }
  const dir = path.join(tmp, 'screen');
  const paths = list.map((_, n) => path.join(dir, String(n), 'Dockerfile'));
  list.forEach((f, n) => {
    fs.mkdirSync(path.dirname(paths[n]), { recursive: true });
    fs.copyFileSync(path.join(corpusDir, f), paths[n]);
  });
  const sorted = paths.map((p, n) => ({ p, n })).sort((a, b) => (a.p < b.p ? -1 : a.p > b.p ? 1 : 0));
  const re = new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)/Dockerfile`);
  const excluded = [];
  let passes = 0;
  const worker = async (items) => {
    let rest = items;
    while (rest.length > 0) {
      passes++;
      const r = await run(tally, [...TALLY_ARGS, '-f', 'json', '-o', '/dev/null', ...rest.map((i) => i.p)]);
      if (r.status === 0 || r.status === 1) return;
      const m = re.exec(r.stderr);
      const at = m ? rest.findIndex((i) => i.n === Number(m[1])) : -1;
      if (at < 0)
        throw new Error(`tally failed without naming a file (exit ${r.status}):\n${tail(r.stderr)}`);
      const line = r.stderr.split('\n').find((l) => re.test(l)) ?? '';
      const reason = line
        .replace(new RegExp(re.source, 'g'), '')
        .replace(/^Error: (failed to lint : )?/, '')
        .replace(/^:(\d+): /, 'line $1: ');
      excluded.push({ file: list[rest[at].n], reason });
      rest = rest.slice(at + 1);
    }
  };
  const half = Math.ceil(sorted.length / 2);
  const t0 = Date.now();
  await Promise.all([worker(sorted.slice(0, half)), worker(sorted.slice(half))]);
  excluded.sort((a, b) => (a.file < b.file ? -1 : 1));
  const result = { excluded };
  log(`tally screen: ${passes} tally runs, ${excluded.length} files left out, ${sec(Date.now() - t0)}`);
  try {
    fs.writeFileSync(cacheFile, JSON.stringify(result));
  } catch {
    // No cache; the next run screens again.
  }
  return result;
}

function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d) => {
      stderr += d;
    });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stderr }));
  });
}

// ---------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.corpus === undefined)
    fail(
      'the bench needs a corpus of Dockerfiles: npm run bench -- PATH/TO/CORPUS ' +
        '(its files whose names contain "Dockerfile" or "Containerfile" are used)',
      2,
    );
  const corpusDir = path.resolve(opts.corpus);
  if (!fs.existsSync(corpusDir) || !fs.statSync(corpusDir).isDirectory())
    fail(
      `the bench needs a corpus of Dockerfiles: ${corpusDir} is not a folder.\n` +
        '  Give one: npm run bench -- PATH/TO/CORPUS (its files whose names contain "Dockerfile" are used)',
      2,
    );
  if (!fs.existsSync(path.join(ROOT, 'dist')))
    fail('dist/ is missing: run `npm run build` first (`npm run bench` does)', 2);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-codemod-bench-'));
  const cleanUp = () => {
    if (opts.keep) process.stderr.write(`bench: kept ${tmp}\n`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('exit', cleanUp);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

  // The tool's V8 code cache (bin/load-cli.js) lives in the temporary folder: the first run writes it.
  process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
  const snapshot = snapshotTool(tmp);
  BIN = path.join(snapshot, 'bin', 'dockerfile-codemod.js');
  const started = Date.now();
  const all = corpusFiles(corpusDir);
  if (all.length === 0) fail(`no file under ${corpusDir} has "Dockerfile" or "Containerfile" in its name`, 2);
  log(`corpus: ${all.length} files in ${corpusDir}`);

  rssMode = setUpRss(opts.rss);

  // tally: the binary from its npm package, installed on first use (see installTally).
  let tally;
  let tallyVersion;
  if (opts.tally) {
    try {
      tally = installTally();
      const v = spawnSync(tally, ['version'], { encoding: 'utf8' });
      if (v.status !== 0) throw new Error(v.stderr || v.error?.message);
      tallyVersion = v.stdout.trim().replace(/^tally version /, '');
    } catch (e) {
      log(`tally is not available (${TALLY_PACKAGE}@${TALLY_VERSION}): left out (${e.message})`);
      tally = undefined;
    }
  }

  let list = all;
  let excluded = [];
  if (tally) {
    excluded = (await tallyScreen(tally, tallyVersion, corpusDir, all, tmp)).excluded;
    const out = new Set(excluded.map((e) => e.file));
    list = all.filter((f) => !out.has(f));
  }
  if (list.length === 0) fail('no corpus file is left to benchmark');

  const tree = path.join(tmp, 'tree');
  let t0 = Date.now();
  buildTree(tree, corpusDir, list, opts.files);
  log(`built ${opts.files} files from ${list.length} corpus files in ${tree} (${sec(Date.now() - t0)})`);

  const node = process.execPath;
  const commands = [
    ...SETS.map((set) => ({
      key: set.key,
      label: `dockerfile-codemod --check, ${set.name}`,
      cmd: node,
      args: [BIN, '--check', ...set.args, tree],
      node: true,
    })),
    { key: 'floor', label: 'floor: fast-glob + read', cmd: node, args: [FLOOR, tree], node: true },
    { key: 'ast', label: 'dockerfile-ast parse', cmd: node, args: [AST, tree], node: true },
    ...SETS.map((set) => ({
      key: `${set.key}Screened`,
      label: `dockerfile-ast, files the tool parses (${set.name})`,
      cmd: node,
      args: [AST, tree, '--screened', path.join(snapshot, 'dist'), set.screened],
      node: true,
    })),
  ];
  if (tally)
    commands.push({
      key: 'tally',
      label: `tally ${TALLY_RULE.replace('tally/', '')}`,
      cmd: tally,
      args: [...TALLY_ARGS, '-f', 'json', tree],
    });

  // Warm-up (untimed): the floor pulls the tree into the page cache and counts it.
  const expected = checkJsonCount(
    'the floor',
    measure(tmp, 'warmup', node, [FLOOR, tree], { node: true }),
    opts.files,
  ).files;

  const results = Object.fromEntries(commands.map((c) => [c.key, { runs: [] }]));
  const toolErrors = new Map();
  const toolSummaryText = {};
  let tallyInfo;
  for (let round = 1; round <= opts.runs; round++) {
    const parts = [];
    for (const c of commands) {
      if (c.key === 'tally' && round > opts.tallyRuns) continue;
      if (c.key === 'tally') log(`round ${round}/${opts.runs}: tally (about a minute per 10,000 files)...`);
      const r = measure(tmp, c.key, c.cmd, c.args, { node: c.node });
      if (SETS.some((set) => set.key === c.key)) {
        const s = checkTool(r, expected);
        toolSummaryText[c.key] = s.text;
        if (round === 1 && c.key === 'tool') collectErrors(r.stderr, toolErrors, list);
      } else if (c.key === 'tally') tallyInfo = checkTally(r, expected);
      else {
        const counted = checkJsonCount(c.label, r, expected);
        if (c.key.endsWith('Screened')) results[c.key].parsed = counted.parsed;
      }
      results[c.key].runs.push({ ms: r.ms, cpuMs: r.cpuMs, rssKiB: r.rssKiB, status: r.status });
      parts.push(`${c.key} ${sec(r.ms)}`);
    }
    log(`round ${round}/${opts.runs}: ${parts.join(', ')}`);
  }
  for (const c of commands) {
    const res = results[c.key];
    res.label = c.label;
    res.argv = [path.basename(c.cmd), ...c.args];
    res.medianMs = median(res.runs.map((r) => r.ms));
    const cpu = res.runs.map((r) => r.cpuMs).filter((v) => v !== undefined);
    res.medianCpuMs = median(cpu);
    const rss = res.runs.map((r) => r.rssKiB).filter((v) => v !== undefined);
    res.peakRssKiB = rss.length ? Math.max(...rss) : undefined;
    res.filesPerSec = expected / (res.medianMs / 1000);
  }
  if (tallyInfo) Object.assign(results.tally, { version: tallyVersion }, tallyInfo);
  for (const set of SETS) results[set.key].summary = toolSummaryText[set.key];

  // The larger tree: peak memory of each set (one run each), counted against the floor.
  let large;
  if (opts.large > 0) {
    const ltree = path.join(tmp, 'tree-large');
    if (!opts.keep) fs.rmSync(tree, { recursive: true, force: true });
    t0 = Date.now();
    buildTree(ltree, corpusDir, list, opts.large);
    log(`built ${opts.large} files in ${ltree} (${sec(Date.now() - t0)})`);
    const f = measure(tmp, 'large-floor', node, [FLOOR, ltree], { node: true });
    const lexpected = checkJsonCount('the floor', f, opts.large).files;
    large = { files: lexpected, floor: { ms: f.ms, cpuMs: f.cpuMs, rssKiB: f.rssKiB } };
    for (const set of SETS) {
      log(`large tree: ${set.name} (one run)...`);
      const t = measure(tmp, `large-${set.key}`, node, [BIN, '--check', ...set.args, ltree], { node: true });
      const s = checkTool(t, lexpected);
      large[set.key] = { ms: t.ms, cpuMs: t.cpuMs, rssKiB: t.rssKiB, status: t.status, summary: s.text };
      log(`large tree: ${set.name} ${sec(t.ms)}, ${mib(t.rssKiB)}; floor ${sec(f.ms)}`);
    }
    if (!opts.keep) fs.rmSync(ltree, { recursive: true, force: true });
  }

  // Single-file latency: the first corpus file of group A (else any) with a
  // cache mount that the tool reads without an error, against `node -e 0`.
  const latency = singleFileLatency(tmp, corpusDir, list, opts.latencyRuns);

  // The language server: a change typed into a 200-line Dockerfile, to its diagnostics.
  let lsp;
  if (opts.lsp) {
    log('language server: didChange -> publishDiagnostics (scripts/bench/lsp.js)...');
    const file = path.join(tmp, 'lsp.json');
    const r = spawnSync(node, [LSP, '--json', file], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`scripts/bench/lsp.js exited ${r.status}:\n${tail(r.stderr)}`);
    lsp = JSON.parse(fs.readFileSync(file, 'utf8'));
  }

  // What the tool says about the files tally cannot lint.
  let excludedRun;
  if (excluded.length > 0) {
    const dir = path.join(tmp, 'excluded');
    excluded.forEach((e, i) => {
      fs.mkdirSync(path.join(dir, String(i)), { recursive: true });
      fs.copyFileSync(path.join(corpusDir, e.file), path.join(dir, String(i), 'Dockerfile'));
    });
    const r = measure(tmp, 'excluded', node, [BIN, '--check', dir], { node: true });
    const s = checkTool(r, excluded.length);
    const errs = new Map();
    collectErrors(
      r.stderr,
      errs,
      excluded.map((e) => e.file),
      /\/(\d+)\/Dockerfile: error: (.*)$/,
    );
    excludedRun = { summary: s.text, errors: s.errors, byFile: Object.fromEntries(errs) };
  }

  const report = buildReport({
    opts,
    corpusDir,
    all,
    list,
    excluded,
    expected,
    results,
    large,
    latency,
    lsp,
    toolErrors,
    excludedRun,
    tallyVersion,
    seconds: (Date.now() - started) / 1000,
  });
  process.stdout.write(report.text);
  if (opts.json) {
    fs.writeFileSync(path.resolve(opts.json), `${JSON.stringify(report.json, null, 2)}\n`);
    log(`wrote ${path.resolve(opts.json)}`);
  }
}

/** Maps `<tree>/r<k>/<n>/Dockerfile: error: reason` lines to the corpus file they came from. */
function collectErrors(stderr, into, list, re = /\/r\d+\/(\d+)\/Dockerfile: error: (.*)$/) {
  for (const line of stderr.split('\n')) {
    const m = re.exec(line);
    if (m) into.set(list[Number(m[1])], m[2]);
  }
}

function singleFileLatency(tmp, corpusDir, list, runs) {
  const withMount = (f) => /--mount=type=cache/i.test(fs.readFileSync(path.join(corpusDir, f), 'utf8'));
  const candidates = [
    ...list.filter((f) => f.split(path.sep).includes('A')),
    ...list.filter((f) => !f.split(path.sep).includes('A')),
  ].filter(withMount);
  const dir = path.join(tmp, 'single');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'Dockerfile');
  let chosen;
  for (const c of candidates.slice(0, 20)) {
    fs.copyFileSync(path.join(corpusDir, c), file);
    const r = measure(tmp, 'single', process.execPath, [BIN, '--check', file], { node: true });
    if ((r.status === 0 || r.status === 1) && !/: error: /.test(r.stderr)) {
      chosen = c;
      break;
    }
  }
  if (!chosen) throw new Error('no corpus file with a cache mount that the tool checks without an error');
  log(`single file: ${chosen}, ${runs} runs each (alternating with node -e 0)`);
  const time = (args, env = process.env) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore', cwd: ROOT, env });
    if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const toolArgs = [BIN, '--check', file];
  for (let i = 0; i < 2; i++) {
    time(['-e', '0']);
    time(toolArgs);
  }
  // The tool as a first run after an install or an upgrade would be: without its V8 code cache.
  const noCache = { ...process.env, DOCKERFILE_CODEMOD_NO_CODE_CACHE: '1' };
  const nodeMs = [];
  const toolMs = [];
  const toolNoCacheMs = [];
  for (let i = 0; i < runs; i++) {
    nodeMs.push(time(['-e', '0']));
    toolMs.push(time(toolArgs));
    toolNoCacheMs.push(time(toolArgs, noCache));
  }
  return {
    file: chosen,
    runs,
    nodeMs,
    toolMs,
    toolNoCacheMs,
    medianNodeMs: median(nodeMs),
    medianToolMs: median(toolMs),
    medianToolNoCacheMs: median(toolNoCacheMs),
  };
}

function buildReport(d) {
  const { opts, results, large, latency, lsp } = d;
  const cpuRatio = (a, b) => (a !== undefined && b !== undefined ? a / b : undefined);
  /** One set's ratios against the baselines, wall and CPU time. */
  const setRatios = (set) => {
    const tool = results[set.key];
    const screened = results[`${set.key}Screened`];
    return {
      tallyThroughput: results.tally ? results.tally.medianMs / tool.medianMs : undefined,
      floor: tool.medianMs / results.floor.medianMs,
      ast: tool.medianMs / results.ast.medianMs,
      screened: tool.medianMs / screened.medianMs,
      screenedFloor: screened.medianMs / results.floor.medianMs,
      rssGrowth:
        large && tool.peakRssKiB && large[set.key]?.rssKiB
          ? large[set.key].rssKiB / tool.peakRssKiB
          : undefined,
      cpu: {
        tallyThroughput: results.tally ? cpuRatio(results.tally.medianCpuMs, tool.medianCpuMs) : undefined,
        floor: cpuRatio(tool.medianCpuMs, results.floor.medianCpuMs),
        ast: cpuRatio(tool.medianCpuMs, results.ast.medianCpuMs),
      },
    };
  };
  const ratios = Object.fromEntries(SETS.map((set) => [set.key, setRatios(set)]));
  ratios.latency = latency.medianToolMs / latency.medianNodeMs;
  const pass = (ok) => (ok === undefined ? 'n/a ' : ok ? 'PASS' : 'FAIL');
  const lspNoDebounce = lsp?.results.find((r) => r.debounceMs === 0);
  const targets = [];
  for (const set of SETS) {
    const r = ratios[set.key];
    const tool = results[set.key];
    targets.push(
      {
        name: `${set.name}: throughput at least ${set.tally}x tally's (same tree)`,
        value: r.tallyThroughput,
        shown: x(r.tallyThroughput),
        pass: r.tallyThroughput === undefined ? undefined : r.tallyThroughput >= set.tally,
      },
      {
        name: `${set.name}: time within ${set.floor}x the floor`,
        value: r.floor,
        shown: x(r.floor),
        pass: r.floor <= set.floor,
      },
      {
        name: `${set.name}: peak RSS under ${TARGETS.rssMB} MB (${((TARGETS.rssMB * 1e6) / 1048576).toFixed(0)} MiB) at ${d.expected} files`,
        value: tool.peakRssKiB,
        shown: mib(tool.peakRssKiB),
        pass: tool.peakRssKiB === undefined ? undefined : tool.peakRssKiB * 1024 < TARGETS.rssMB * 1e6,
      },
      {
        name: large
          ? `${set.name}: peak RSS flat to ${large.files} files (at most ${TARGETS.rssGrowth}x)`
          : `${set.name}: peak RSS flat at a larger tree (skipped: --large 0)`,
        value: r.rssGrowth,
        shown: large ? `${mib(large[set.key].rssKiB)} (${x(r.rssGrowth)})` : 'n/a',
        pass: r.rssGrowth === undefined ? undefined : r.rssGrowth <= TARGETS.rssGrowth,
      },
    );
  }
  targets.push({
    name: `single-file latency within ${TARGETS.latencyRatio}x node -e 0 (default transforms)`,
    value: ratios.latency,
    shown: x(ratios.latency),
    pass: ratios.latency <= TARGETS.latencyRatio,
  });
  targets.push({
    name: `language server: diagnostics within ${TARGETS.lspMs} ms of a change to a ${lsp?.fixtureLines ?? 200}-line file (median, no debounce)`,
    value: lspNoDebounce?.medianMs,
    shown: lspNoDebounce ? `${lspNoDebounce.medianMs.toFixed(1)} ms` : 'n/a (--no-lsp)',
    pass: lspNoDebounce ? lspNoDebounce.medianMs <= TARGETS.lspMs : undefined,
  });

  const lines = [];
  const p = (s = '') => lines.push(s);
  p(
    `dockerfile-codemod bench: ${d.expected} files (from ${d.list.length} corpus files` +
      `${d.excluded.length ? `; ${d.excluded.length} of ${d.all.length} left out: tally cannot lint them` : ''}), ` +
      `${opts.runs} round${opts.runs === 1 ? '' : 's'}, node ${process.version}, ${os.cpus().length} cpus, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  p();
  const rows = [['command', 'runs', 'median', 'min', 'max', 'cpu', 'files/s', 'peak RSS', 'time / floor']];
  const keys = [
    ...SETS.map((set) => set.key),
    'floor',
    'ast',
    ...SETS.map((set) => `${set.key}Screened`),
    'tally',
  ];
  for (const key of keys) {
    const r = results[key];
    if (!r) continue;
    const ms = r.runs.map((v) => v.ms);
    const vs = x(r.medianMs / results.floor.medianMs);
    rows.push([
      r.label,
      String(r.runs.length),
      sec(r.medianMs),
      sec(Math.min(...ms)),
      sec(Math.max(...ms)),
      r.medianCpuMs === undefined ? 'n/a' : sec(r.medianCpuMs),
      Math.round(r.filesPerSec).toLocaleString('en-US'),
      mib(r.peakRssKiB),
      vs,
    ]);
  }
  if (large)
    for (const set of SETS)
      rows.push([
        `dockerfile-codemod, ${set.name}, ${large.files} files`,
        '1',
        sec(large[set.key].ms),
        '',
        '',
        large[set.key].cpuMs === undefined ? 'n/a' : sec(large[set.key].cpuMs),
        Math.round(large.files / (large[set.key].ms / 1000)).toLocaleString('en-US'),
        mib(large[set.key].rssKiB),
        x(large[set.key].ms / large.floor.ms),
      ]);
  rows.push([
    'dockerfile-codemod, one file',
    String(latency.runs),
    `${latency.medianToolMs.toFixed(0)} ms`,
    `${Math.min(...latency.toolMs).toFixed(0)} ms`,
    `${Math.max(...latency.toolMs).toFixed(0)} ms`,
    '',
    '',
    '',
    `${x(ratios.latency)} node -e 0`,
  ]);
  rows.push([
    'dockerfile-codemod, one file, no code cache',
    String(latency.runs),
    `${latency.medianToolNoCacheMs.toFixed(0)} ms`,
    `${Math.min(...latency.toolNoCacheMs).toFixed(0)} ms`,
    `${Math.max(...latency.toolNoCacheMs).toFixed(0)} ms`,
    '',
    '',
    '',
    `${x(latency.medianToolNoCacheMs / latency.medianNodeMs)} node -e 0`,
  ]);
  if (lspNoDebounce)
    rows.push([
      'language server, change to diagnostics',
      String(lspNoDebounce.changes),
      `${lspNoDebounce.medianMs.toFixed(1)} ms`,
      `${lspNoDebounce.minMs.toFixed(1)} ms`,
      `${lspNoDebounce.maxMs.toFixed(1)} ms`,
      lspNoDebounce.serverCpuMsPerChange === undefined
        ? ''
        : `${lspNoDebounce.serverCpuMsPerChange.toFixed(1)} ms`,
      '',
      '',
      `p95 ${lspNoDebounce.p95Ms.toFixed(1)} ms`,
    ]);
  rows.push([
    'node -e 0',
    String(latency.runs),
    `${latency.medianNodeMs.toFixed(0)} ms`,
    `${Math.min(...latency.nodeMs).toFixed(0)} ms`,
    `${Math.max(...latency.nodeMs).toFixed(0)} ms`,
    '',
    '',
    '',
    '',
  ]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    p(
      r
        .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    );
  p();
  for (const set of SETS) {
    const r = ratios[set.key];
    const screened = results[`${set.key}Screened`];
    p(`${set.name}:`);
    p(
      `  ratios (wall): tally/tool ${x(r.tallyThroughput)}, tool/floor ${x(r.floor)}, ` +
        `tool/dockerfile-ast ${x(r.ast)}, tool/(floor + the parse it needs) ${x(r.screened)}`,
    );
    p(
      `  ratios (cpu):  tally/tool ${x(r.cpu.tallyThroughput)}, tool/floor ${x(r.cpu.floor)}, ` +
        `tool/dockerfile-ast ${x(r.cpu.ast)}`,
    );
    p(`  ${results[set.key].summary}`);
    p(
      `  files some enabled transform's screen lets through: ${screened.parsed} of ${d.expected}; ` +
        `dockerfile-ast alone on them, with discovery and reading, is ${x(r.screenedFloor)} the floor`,
    );
    if (large) p(`  at ${large.files} files: ${large[set.key].summary}`);
  }
  p(`one file/node -e 0: ${x(ratios.latency)} (default transforms)`);
  if (results.tally)
    p(
      `tally ${d.tallyVersion}: ${results.tally.findings} findings in ${results.tally.filesWithFindings} files, ` +
        `rules enabled: ${results.tally.rulesEnabled} (${TALLY_RULE})`,
    );
  p(`single file: ${latency.file}`);
  if (d.toolErrors.size > 0) {
    p(`tool errors on the tree (per corpus file, each replicated): ${d.toolErrors.size}`);
    for (const [f, e] of [...d.toolErrors].slice(0, 10)) p(`  ${f}: ${e}`);
    if (d.toolErrors.size > 10) p(`  ... and ${d.toolErrors.size - 10} more (see --json)`);
  }
  if (d.excludedRun) {
    p(`left out (tally cannot lint them), the tool on those ${d.excluded.length}: ${d.excludedRun.summary}`);
  }
  p();
  p('targets (reported, not enforced):');
  for (const t of targets) p(`  ${pass(t.pass)}  ${t.name}: ${t.shown}`);
  p();
  p(
    `total ${d.seconds.toFixed(0)} s; peak RSS from ${rssMode === 'time' ? '/usr/bin/time -v' : 'process.resourceUsage()'}`,
  );

  const json = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadavg: os.loadavg(),
    commit: gitRev(),
    options: { ...opts, json: undefined },
    rss: rssMode,
    corpus: { dir: d.corpusDir, files: d.all.length, used: d.list.length, excluded: d.excluded },
    tree: { files: d.expected },
    commands: results,
    large,
    latency,
    lsp,
    ratios,
    targets: targets.map(({ name, value, pass: ok }) => ({ name, value, pass: ok })),
    tally: results.tally
      ? { version: d.tallyVersion, argv: ['tally', ...TALLY_ARGS, '-f', 'json', 'TREE'] }
      : null,
    toolErrors: Object.fromEntries(d.toolErrors),
    excludedRun: d.excludedRun,
    seconds: d.seconds,
  };
  return { text: `${lines.join('\n')}\n`, json };
}

function gitRev() {
  const r = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exitCode = 1;
});
