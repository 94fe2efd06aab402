/**
 * The command line: maps options onto the pipeline and prints its results.
 * Exit codes: 0 nothing found (or --write applied every fix it could, or
 * --exit-zero), 1 a dry run or --check found something to change or report, 2
 * a usage error or a file that could not be read, parsed or written.
 */
import * as path from 'node:path';
import yargs from 'yargs/yargs';
import { unifiedDiff } from '../output/diff.js';
import { OutputSink } from '../output/sink.js';
import { Statistics, statisticsTable } from '../output/statistics.js';
import { errorLine, findingLine, summaryLine } from '../output/text.js';
import {
  DEFAULT_MAX_FILE_SIZE,
  explainTransform,
  listTransforms,
  type RunResult,
  resolveConfig,
  run,
  runText,
  UsageError,
} from '../run.js';
import type { FileResult, Mode } from '../types.js';
import { VERSION } from '../version.js';
import { type Colors, colorDiff, colorsFor } from './colors.js';
import { Progress } from './progress.js';
import { showConfigText } from './show-config.js';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Standard input as bytes (decoded like a file's) or as text. */
  readStdin: () => Promise<Uint8Array | string>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
  cwd: process.cwd(),
  env: process.env,
});

const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** Options whose next word is their value, so a `-` there is not the stdin operand. */
const VALUE_OPTIONS = new Set([
  '--transform',
  '--enable',
  '--disable',
  '--exclude',
  '--stdin-filename',
  '--format',
  '--output',
  '-o',
  '--config',
  '--explain',
  '--max-file-size',
  '--show-config',
  '--jobs',
  '-j',
]);

/**
 * Takes the `-` operand (standard input) out of argv: yargs drops a lone `-`
 * when it fills positionals, so it is found here first.
 */
function takeStdinOperand(argv: string[]): { argv: string[]; stdin: boolean } {
  const rest: string[] = [];
  let stdin = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      for (const b of argv.slice(i + 1)) {
        if (b === '-') stdin = true;
        else rest.push(b);
      }
      break;
    }
    if (a === '-') {
      stdin = true;
      continue;
    }
    rest.push(a);
    if (VALUE_OPTIONS.has(a) && i + 1 < argv.length) rest.push(argv[++i] as string);
  }
  return { argv: rest, stdin };
}

const FORMATS = ['text', 'json', 'jsonl', 'sarif', 'github', 'gitlab'] as const;
type Format = (typeof FORMATS)[number];

/**
 * The option parser. `.version(VERSION)`: our own package.json, read once (yargs
 * would search up from the entry script); `.detectLocale(false)`: messages are
 * English, so yargs need not look the locale up.
 */
function parser(argv: string[]) {
  return yargs(argv)
    .scriptName('dockerfile-codemod')
    .usage(
      '$0 [paths..]',
      'Repairs BuildKit cache mounts in Dockerfiles: mounts over an install folder, on a folder the tool does not use, defeated in the same RUN, unlocked apt caches, root-owned mounts for other users; --enable add-cache-mounts adds them where none exist. Prints a unified diff unless --write, --check or a --format is given.',
      (y) =>
        y.positional('paths', {
          describe: 'Files, folders or globs (default: .); "-" reads standard input',
          type: 'string',
          array: true,
        }),
    )
    .option('write', { alias: 'w', type: 'boolean', describe: 'Rewrite files in place' })
    .option('check', {
      type: 'boolean',
      describe: 'Only report; exit 1 when something would change or is reported',
    })
    .option('format', {
      alias: 'f',
      choices: FORMATS,
      describe:
        'Findings as text (file:line:col rule message), json, jsonl (a JSON line per file, as each is done), sarif, github annotations or gitlab (Code Quality) instead of the diff',
    })
    .option('output', {
      alias: 'o',
      type: 'string',
      describe: 'Write the diff or report to this file instead of stdout',
    })
    .option('transform', {
      type: 'string',
      describe: `Run only this transform (repeatable): ${listTransforms()
        .map((t) => t.id)
        .join(', ')}`,
    })
    .option('enable', {
      type: 'string',
      describe: 'Add this transform to the set, opt-in ones included (repeatable)',
    })
    .option('disable', { type: 'string', describe: 'Take this transform out of the set (repeatable)' })
    .option('unsafe-fixes', {
      type: 'boolean',
      describe: 'Apply unsafe fixes too (default: only safe ones; unsafe ones are reported)',
    })
    .option('exclude', { type: 'string', describe: 'Leave out paths matching this glob (repeatable)' })
    .option('gitignore', {
      type: 'boolean',
      default: true,
      describe: 'Honour .gitignore files (--no-gitignore to walk everything)',
    })
    .option('config', {
      type: 'string',
      describe:
        'Use this configuration file for every Dockerfile (--no-config: none; default: the nearest .dockerfile-codemod.json or package.json "dockerfile-codemod" key)',
    })
    .option('inline-directives', {
      type: 'boolean',
      default: true,
      describe: 'Honour "# dockerfile-codemod ignore=RULE" comments (--no-inline-directives to ignore them)',
    })
    .option('warn-unused-directives', {
      type: 'boolean',
      describe: 'Report directives that suppress nothing',
    })
    .option('stdin-filename', {
      type: 'string',
      describe: 'Name for standard input in messages, diffs and config lookup',
    })
    .option('fail-on-report', {
      type: 'boolean',
      describe: 'With --write, exit 1 when a finding without a fix remains (a bug it could not repair)',
    })
    .option('exit-zero', {
      type: 'boolean',
      describe:
        'Exit 0 even when something was found or would change (2 still for a usage error or a file that could not be read, parsed or written)',
    })
    .option('statistics', {
      type: 'boolean',
      describe:
        'Count the findings per rule and message id: a table on stdout instead of the diff or finding lines (--format json and jsonl: a "statistics" key)',
    })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      describe: 'Print only diffs, reports and errors: no warnings, no summary',
    })
    .option('color', {
      type: 'boolean',
      describe: 'Colour output (default: when stdout is a terminal and NO_COLOR is unset)',
    })
    .option('max-file-size', {
      type: 'number',
      describe: 'Refuse files larger than this many MiB',
      default: DEFAULT_MAX_FILE_SIZE / 1048576,
    })
    .option('jobs', {
      alias: 'j',
      type: 'number',
      describe:
        'Read, analyse and write files in this many worker threads (default 1: none); the output is the same whatever the number',
    })
    .option('list-transforms', {
      type: 'boolean',
      describe: 'List the transforms: id, on or off by default, fix safety, summary',
    })
    .option('explain', { type: 'string', describe: "Print a transform's documentation" })
    .option('show-config', {
      type: 'string',
      describe:
        'Print the configuration a run would use for this Dockerfile: the configuration file, the transforms (on or off, and why) with their options, excludes, cache folders (text, or --format json)',
    })
    .epilog(
      'Editors: dockerfile-codemod lsp --stdio runs the language server (diagnostics and quick fixes; docs/editors.md). A folder named lsp is ./lsp.',
    )
    .conflicts('write', 'check')
    .conflicts('exit-zero', 'fail-on-report')
    .strict()
    .exitProcess(false)
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .detectLocale(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100));
}

/** Options whose value is a word: given with none (`--exclude` last, or before another option), they are a mistake. */
const WORD_OPTIONS = [
  'transform',
  'enable',
  'disable',
  'exclude',
  'stdin-filename',
  'format',
  'output',
  'config',
  'explain',
  'show-config',
];

/** A usage error for an option given without its value, or a value it cannot take; undefined when all is well. */
function badValue(args: Record<string, unknown>): string | undefined {
  for (const name of WORD_OPTIONS) {
    const v = args[name];
    const values = v === undefined || typeof v === 'boolean' ? [] : Array.isArray(v) ? v : [v];
    if (values.some((x) => String(x).trim() === '')) return `--${name} needs a value`;
  }
  const size = args['max-file-size'];
  if (size !== undefined && (typeof size !== 'number' || !Number.isFinite(size) || size <= 0)) {
    return '--max-file-size needs a positive number of MiB';
  }
  const jobs = args.jobs;
  // `--jobs` with no number after it parses as undefined, not as an absent option.
  if ('jobs' in args && (typeof jobs !== 'number' || !Number.isInteger(jobs) || jobs < 1)) {
    return '--jobs needs a whole number of worker threads, 1 or more';
  }
  return undefined;
}

/** yargs' "Unknown argument: x" with the nearest known option, as git and cargo suggest them. */
function withSuggestion(message: string, options: { key: Record<string, unknown> }): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const known = Object.keys(options.key).filter((k) => k.length > 1 && k !== '$0');
  const hints: string[] = [];
  // yargs also lists the camelCase twin of a dashed unknown option (`unsafe-fix, unsafeFix`).
  const words = (m[1] as string).split(', ');
  const kebab = (w: string) => w.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const shown = words.filter((w) => !/[A-Z]/.test(w) || !words.includes(kebab(w)));
  const text = `Unknown argument${shown.length > 1 ? 's' : ''}: ${shown.join(', ')}`;
  for (const word of shown) {
    const name = word.replace(/^-+/, '');
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const k of known) {
      const d = distance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best && bestDistance <= Math.max(2, Math.floor(name.length / 3))) hints.push(`--${best}`);
  }
  return hints.length ? `${text} (did you mean ${hints.join(', ')}?)` : text;
}

/** Edit distance with transpositions (optimal string alignment), for option suggestions: `quite` is one from `quiet`. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** --config FILE, or --no-config (yargs gives false), or neither. */
function configOption(v: string | boolean | undefined): string | false | undefined {
  if (v === undefined || v === true) return undefined;
  return v === false ? false : v;
}

export async function main(rawArgv: string[], io: Io = defaultIo()): Promise<number> {
  // The language server has its own arguments and is loaded only when asked for.
  if (rawArgv[0] === 'lsp') return (await import('../lsp/server.js')).lspCommand(rawArgv.slice(1), io);
  const { argv, stdin: stdinMode } = takeStdinOperand(rawArgv);
  let usageError: string | undefined;
  let shownHelp = false;
  const p = parser(argv)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'invalid arguments';
    })
    .showHelpOnFail(false);
  let args: Awaited<ReturnType<typeof p.parseAsync>> = {} as Awaited<ReturnType<typeof p.parseAsync>>;
  try {
    args = await p.parseAsync(argv, {}, (err, parsed, output) => {
      if (output && !err && !usageError) {
        io.stdout.write(`${output}\n`);
        shownHelp = true;
      }
      if (parsed) args = parsed;
    });
  } catch (e) {
    usageError ??= (e as Error).message;
  }
  const usage = (message: string) => {
    io.stderr.write(`dockerfile-codemod: ${message}\nRun dockerfile-codemod --help for the options.\n`);
    return 2;
  };
  if (usageError)
    return usage(
      withSuggestion(
        usageError,
        (p as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions(),
      ),
    );
  if (shownHelp || args.help || args.version) return 0;
  const bad = badValue(args);
  if (bad) return usage(bad);

  if (args['list-transforms']) {
    const all = listTransforms();
    const width = Math.max(...all.map((t) => t.id.length));
    for (const t of all)
      io.stdout.write(
        `${t.id.padEnd(width)}  ${t.default.padEnd(3)}  fix: ${t.fix.padEnd(6)}  ${t.summary}\n`,
      );
    return 0;
  }
  if (args.explain !== undefined) {
    try {
      io.stdout.write(explainTransform(args.explain as string));
    } catch (e) {
      if (e instanceof UsageError) return usage(e.message);
      throw e;
    }
    return 0;
  }

  const paths = [...list(args._), ...list(args.paths)];
  if (stdinMode && paths.length > 0) return usage('"-" (standard input) cannot be combined with other paths');
  const mode: Mode = args.write ? 'write' : args.check ? 'check' : 'diff';
  const format = args.format as Format | undefined;
  if (args.statistics && format !== undefined && !['text', 'json', 'jsonl'].includes(format))
    return usage(
      `--statistics goes with the text output or --format text, json or jsonl, not --format ${format}`,
    );
  if (args.statistics && stdinMode && mode === 'write')
    return usage(
      '--statistics cannot be combined with --write - (standard output carries the repaired text)',
    );
  const quiet = Boolean(args.quiet);
  const outputFile = args.output as string | undefined;
  // A report written to a file never carries colour codes.
  const colors: Colors = outputFile
    ? colorsFor(false, io.env, false)
    : colorsFor(args.color as boolean | undefined, io.env, Boolean(io.stdout.isTTY));
  const errColors: Colors = colorsFor(args.color as boolean | undefined, io.env, Boolean(io.stderr.isTTY));

  // Where the main output goes: stdout, or a file (written once the run ends, except JSON Lines).
  const sink = new OutputSink(
    io.stdout,
    outputFile === undefined ? undefined : path.resolve(io.cwd, outputFile),
    format === 'jsonl',
  );
  const out = (s: string) => sink.write(s);
  // JSON Lines: each file's line as soon as it is done.
  const jsonl = format === 'jsonl' ? await import('../output/report.js') : undefined;
  const progress = new Progress(io.stderr, !quiet && Boolean(io.stderr.isTTY) && !io.env.CI);

  const configErrorsShown = new Set<string>();
  let remainingReports = 0;
  const statistics = args.statistics ? new Statistics() : undefined;
  const print = (r: FileResult) => {
    progress.clear();
    if (r.configError !== undefined) {
      // A broken configuration file is reported once; the Dockerfiles it governs count as errors.
      if (configErrorsShown.has(r.configError)) return;
      configErrorsShown.add(r.configError);
      io.stderr.write(
        `${errColors.red(`dockerfile-codemod: error: ${r.error}; the Dockerfiles it governs are not processed`)}\n`,
      );
      return;
    }
    if (r.error !== undefined) {
      io.stderr.write(`${errColors.red(errorLine(r))}\n`);
      return;
    }
    remainingReports += r.findings.filter((f) => !f.fixable).length;
    if (r.written && !quiet) io.stderr.write(errColors.dim(`wrote ${r.displayPath}\n`));
    if (r.note && !quiet) io.stderr.write(errColors.dim(`${r.displayPath}: skipped: ${r.note}\n`));
    if (format !== undefined && format !== 'text') return; // machine formats print at the end
    // The statistics table takes the place of the diff and of the finding lines.
    if (mode === 'diff' && !format && !statistics && r.status === 'changed') {
      out(colorDiff(unifiedDiff(r.displayPath, r.before ?? '', r.after ?? ''), colors));
    }
    for (const f of r.findings) {
      if (mode === 'check' || format === 'text') {
        if (!statistics) out(`${findingLine(r, f, colors)}\n`);
      }
      // What a run could not repair is printed even with --quiet: it is the point of the run.
      else if (!f.fixable) io.stderr.write(`${findingLine(r, f, errColors)}\n`);
    }
  };

  const options = {
    cwd: io.cwd,
    write: mode === 'write',
    transforms: list(args.transform),
    enable: list(args.enable),
    disable: list(args.disable),
    unsafeFixes: Boolean(args['unsafe-fixes']),
    exclude: list(args.exclude),
    gitignore: args.gitignore as boolean,
    maxFileSize: Math.round((args['max-file-size'] as number) * 1048576),
    jobs: args.jobs as number | undefined,
    config: configOption(args.config as string | boolean | undefined),
    inlineDirectives: args['inline-directives'] as boolean,
    warnUnusedDirectives: Boolean(args['warn-unused-directives']),
    onResult: (r: FileResult) => {
      print(r);
      statistics?.add(r);
      return jsonl && out(`${JSON.stringify(jsonl.jsonFile(r))}\n`);
    },
    // Only the JSON report lists every file. The diff, the finding lines and JSON Lines are printed as each
    // file is done, so the run keeps nothing (its memory stays flat however many files change); the other
    // reports are built at the end from what they report. Standard input's one result is read back.
    keep:
      format === 'json'
        ? ('all' as const)
        : format === 'jsonl' || ((format === undefined || format === 'text') && !stdinMode)
          ? ('none' as const)
          : ('notable' as const),
    onProgress: (done: number, total: number) => progress.update(done, total),
  };
  if (args['show-config'] !== undefined) {
    if (format !== undefined && format !== 'text' && format !== 'json')
      return usage(`--show-config prints text or --format json, not --format ${format}`);
    if (stdinMode || paths.length > 0) return usage('--show-config takes one path, and no other');
    try {
      const config = resolveConfig(args['show-config'] as string, options);
      out(format === 'json' ? `${JSON.stringify(config, null, 2)}\n` : showConfigText(config));
    } catch (e) {
      if (e instanceof UsageError) return usage(e.message);
      throw e;
    }
    const error = sink.end();
    if (error === undefined) return 0;
    io.stderr.write(`dockerfile-codemod: cannot write --output ${outputFile}: ${error}\n`);
    return 2;
  }
  let result: RunResult;
  try {
    if (stdinMode) {
      const name = (args['stdin-filename'] as string | undefined) ?? '<stdin>';
      const input = await io.readStdin();
      result = await runText(input, name, options);
      const r = result.results[0];
      // --write - echoes the text, repaired or not (a diff was printed as the result came).
      // Decoding succeeded (no error), so the bytes are valid UTF-8 and come back as they were.
      if (r && r.error === undefined && !format && mode === 'write')
        out(r.after ?? (typeof input === 'string' ? input : Buffer.from(input).toString('utf8')));
    } else {
      result = await run(paths, options);
    }
  } catch (e) {
    if (e instanceof UsageError) return usage(e.message);
    throw e;
  } finally {
    progress.clear();
  }

  if (format === 'gitlab') {
    const { gitlabReport } = await import('../output/gitlab.js');
    out(`${JSON.stringify(gitlabReport(result.results), null, 2)}\n`);
  }
  if (format === 'json' || format === 'sarif' || format === 'github') {
    // Loaded only when asked for: the default run never pays for them.
    const report = await import('../output/report.js');
    if (format === 'json')
      out(
        `${JSON.stringify(report.jsonReport(result.results, result.summary, mode, statistics?.rows()), null, 2)}\n`,
      );
    else if (format === 'sarif')
      out(`${JSON.stringify(report.sarifReport(result.results, io.cwd), null, 2)}\n`);
    else out(report.githubAnnotations(result.results));
  }
  if (jsonl) {
    const last = statistics
      ? { summary: result.summary, statistics: statistics.rows() }
      : { summary: result.summary };
    await out(`${JSON.stringify(last)}\n`);
  }
  if (statistics && (format === undefined || format === 'text')) out(statisticsTable(statistics.rows()));
  const outputError = sink.end();
  if (outputError !== undefined) {
    io.stderr.write(`dockerfile-codemod: cannot write --output ${outputFile}: ${outputError}\n`);
    return 2;
  }
  if (!quiet) for (const w of result.warnings) io.stderr.write(`dockerfile-codemod: warning: ${w}\n`);
  if (!quiet) io.stderr.write(`${summaryLine(result.summary, mode)}\n`);
  if (result.summary.errors > 0) return 2;
  if (args['exit-zero']) return 0;
  if (mode === 'write') return args['fail-on-report'] && remainingReports > 0 ? 1 : 0;
  // From the counts: a run that streams its results keeps none of them.
  const found = result.summary.changed > 0 || result.summary.withFindings > 0;
  return found ? 1 : 0;
}
