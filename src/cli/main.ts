/**
 * The command line: maps options onto the pipeline and prints its results.
 * Exit codes: 0 nothing found (or --write applied every fix it could), 1 a dry
 * run or --check found something to change or report, 2 a usage error or a
 * file that could not be read, parsed or written.
 */
import yargs from 'yargs';
import { TRANSFORMS } from '../../transforms/index.js';
import { unifiedDiff } from '../output/diff.js';
import { errorLine, findingLine, summaryLine } from '../output/text.js';
import { DEFAULT_MAX_FILE_SIZE, type FileResult, type RunResult, run, runText, UsageError } from '../run.js';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  readStdin: () => Promise<string>;
  cwd: string;
}

const defaultIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  cwd: process.cwd(),
});

const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** Options whose next word is their value, so a `-` there is not the stdin operand. */
const VALUE_OPTIONS = new Set(['--transform', '--exclude', '--stdin-filename']);

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

export async function main(rawArgv: string[], io: Io = defaultIo()): Promise<number> {
  let usageError: string | undefined;
  const { argv, stdin: stdinMode } = takeStdinOperand(rawArgv);
  const parser = yargs(argv)
    .scriptName('dockerfile-codemod')
    .usage(
      '$0 [paths..]',
      'Repairs BuildKit cache mounts that cover package-manager install folders. Prints a unified diff unless --write or --check is given.',
      (y) =>
        y.positional('paths', {
          describe: 'Files, folders or globs; "-" reads standard input',
          type: 'string',
          array: true,
          default: ['.'],
        }),
    )
    .option('write', { alias: 'w', type: 'boolean', describe: 'Rewrite files in place' })
    .option('check', {
      type: 'boolean',
      describe: 'Only report; exit 1 when something would change or is reported',
    })
    .option('transform', {
      type: 'string',
      describe: `Run only this transform (repeatable): ${TRANSFORMS.map((t) => t.meta.id).join(', ')}`,
    })
    .option('exclude', { type: 'string', describe: 'Leave out paths matching this glob (repeatable)' })
    .option('gitignore', {
      type: 'boolean',
      default: true,
      describe: 'Honour .gitignore files (--no-gitignore to walk everything)',
    })
    .option('stdin-filename', { type: 'string', describe: 'Name for standard input in messages and diffs' })
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      describe: 'Print only diffs, findings of --check and errors',
    })
    .option('max-file-size', {
      type: 'number',
      describe: 'Refuse files larger than this many MiB',
      default: DEFAULT_MAX_FILE_SIZE / 1048576,
    })
    .conflicts('write', 'check')
    .strict()
    .exitProcess(false)
    .fail((msg, err) => {
      usageError = msg ?? err?.message ?? 'invalid arguments';
    })
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100));

  let args: Awaited<ReturnType<typeof parser.parseAsync>>;
  let shownHelp = false;
  parser.showHelpOnFail(false);
  try {
    args = await parser.parseAsync(argv, {}, (err, parsed, output) => {
      if (output && !err && !usageError) {
        io.stdout.write(`${output}\n`);
        shownHelp = true;
      }
      if (parsed) args = parsed;
    });
  } catch (e) {
    usageError ??= (e as Error).message;
    args = {} as typeof args;
  }
  if (usageError) {
    io.stderr.write(`dockerfile-codemod: ${usageError}\nRun dockerfile-codemod --help for the options.\n`);
    return 2;
  }
  if (shownHelp || args.help || args.version) return 0;

  // With `-`, any other operand is a mistake; yargs' default `.` is not one the user gave.
  const paths = stdinMode
    ? [...list(args._), ...list(args.paths).filter((p) => p !== '.' || argv.includes('.'))]
    : list(args.paths);
  const mode: 'diff' | 'write' | 'check' = args.write ? 'write' : args.check ? 'check' : 'diff';
  const quiet = Boolean(args.quiet);
  const options = {
    cwd: io.cwd,
    write: mode === 'write',
    transforms: list(args.transform),
    exclude: list(args.exclude),
    gitignore: args.gitignore as boolean,
    maxFileSize: Math.round((args['max-file-size'] as number) * 1048576),
  };
  if (stdinMode && paths.length > 0) {
    io.stderr.write('dockerfile-codemod: "-" (standard input) cannot be combined with other paths\n');
    return 2;
  }

  const print = (r: FileResult) => {
    if (r.error) {
      io.stderr.write(`${errorLine(r)}\n`);
      return;
    }
    if (r.note && !quiet) io.stderr.write(`${r.displayPath}: skipped: ${r.note}\n`);
    if (
      mode === 'diff' &&
      r.status === 'changed' &&
      r.before !== undefined &&
      r.after !== undefined &&
      !stdinMode
    ) {
      io.stdout.write(unifiedDiff(r.displayPath, r.before, r.after));
    }
    for (const f of r.findings) {
      if (mode === 'check') io.stdout.write(`${findingLine(r, f)}\n`);
      else if (!f.fixed && !quiet) io.stderr.write(`${findingLine(r, f)}\n`);
    }
  };

  let result: RunResult;
  try {
    if (stdinMode) {
      const name = (args['stdin-filename'] as string | undefined) ?? '<stdin>';
      result = await runText(await io.readStdin(), name, { ...options, onResult: print });
      const r = result.results[0];
      if (r && !r.error) {
        if (mode === 'write') io.stdout.write(r.after ?? '');
        else if (mode === 'diff' && r.status === 'changed')
          io.stdout.write(unifiedDiff(name, r.before ?? '', r.after ?? ''));
      }
    } else {
      result = await run(paths, { ...options, onResult: print });
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`dockerfile-codemod: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (!quiet) io.stderr.write(`${summaryLine(result.summary, mode)}\n`);
  if (result.summary.errors > 0) return 2;
  if (mode === 'write') return 0;
  const found = result.results.some((r) => r.status === 'changed' || r.findings.length > 0);
  return found ? 1 : 0;
}
