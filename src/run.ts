/**
 * The pipeline over files: discover, read, analyse (parse, transform, apply
 * fixes until they settle), then write when asked. Every file gets a result;
 * one bad file never stops the others, and a file is written only when its
 * repair verified and its bytes did not change on disk meanwhile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  findTransform,
  KNOWN_TRANSFORMS,
  selectTransforms,
  TRANSFORMS,
  UnknownTransformError,
} from '../transforms/index.js';
import { type AnalyzeOptions, analyze } from './analyze.js';
import { ConfigError, ConfigResolver, type LoadedConfig } from './config.js';
import { discover, globMatcher, relativeInside } from './discover.js';
import { type Item, mapInWorkers, serveJobs, workerScript } from './jobs.js';
import { DockerfileModel } from './model/dockerfile.js';
import { rulePage } from './output/rule-docs.js';
import { FileError, type FileResult, type FixSafety, type RunSummary, type Severity } from './types.js';

export type { FileResult, FileStatus, RunSummary } from './types.js';

export interface RunOptions {
  cwd?: string;
  /** Write repairs back to the files. */
  write?: boolean;
  /** Run only these transform ids (`--transform`); the configuration's choices are then ignored. */
  transforms?: readonly string[];
  /** Add these transforms to the set, opt-in ones included (`--enable`). */
  enable?: readonly string[];
  /** Take these transforms out of the set (`--disable`). */
  disable?: readonly string[];
  /** Apply unsafe fixes too (`--unsafe-fixes`). */
  unsafeFixes?: boolean;
  exclude?: readonly string[];
  /** Honour .gitignore files in walks (default true). */
  gitignore?: boolean;
  /** Cache folders to use instead of the computed ones, per package-manager id. */
  cacheDirs?: Readonly<Record<string, string>>;
  /** Options per transform id; merged over a configuration file's `transformOptions`. */
  transformOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Files larger than this many bytes are refused (default 10 MiB). */
  maxFileSize?: number;
  /** A configuration file for every Dockerfile, or `false` to ignore configuration files. Default: search up from each Dockerfile. */
  config?: string | false;
  /** Honour `# dockerfile-codemod ignore=...` comments (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppress nothing. */
  warnUnusedDirectives?: boolean;
  /**
   * Called with each result as soon as it is known, in path order. When it
   * returns a promise (output waiting for a slow reader), the run waits for it
   * before the next file.
   */
  onResult?: (result: FileResult) => void | Promise<void>;
  /**
   * What `results` holds: every file (`all`, the default), only the notable
   * ones, those with findings, a change, an error or a note (`notable`), or
   * none (`none`: `onResult` has them). The summary counts every file either
   * way; `notable` keeps a run's memory flat over trees where few files have
   * findings, `none` over any tree. (`runText` returns its one result always.)
   */
  keep?: 'all' | 'notable' | 'none';
  /** Called after each file with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads that read, analyse and write the files (`--jobs`); results
   * are reported in the same order, with the same content, whatever the
   * number. Default 1: no worker, every file analysed in this thread. With
   * more, options must be plain data (`transformOptions` holding no functions).
   */
  jobs?: number;
}

export interface RunResult {
  results: FileResult[];
  summary: RunSummary;
  /** Things worth saying that are not errors (no Dockerfile under the default path). */
  warnings: string[];
}

/** Milliseconds from a monotonic clock (`performance` would load perf_hooks on a short run's path). */
const now = () => Number(process.hrtime.bigint()) / 1e6;

export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function displayPathOf(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes file bytes; throws FileError for binary or invalid UTF-8 content. */
export function decode(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new FileError('binary file (contains NUL bytes), not a Dockerfile');
  try {
    return decoder.decode(bytes);
  } catch {
    throw new FileError('not valid UTF-8 text');
  }
}

function readError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'cannot read: permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'no such file or folder';
    default:
      return `cannot read: ${e.message}`;
  }
}

/** Analysis options for files under a configuration; the run's own options win over the file's. */
export function analyzeOptionsFor(config: LoadedConfig | undefined, options: RunOptions): AnalyzeOptions {
  const fromFile = config?.config.transformOptions ?? {};
  const transformOptions: Record<string, Readonly<Record<string, unknown>>> = { ...fromFile };
  for (const [id, o] of Object.entries(options.transformOptions ?? {}))
    transformOptions[id] = { ...fromFile[id], ...o };
  return {
    transforms: transformsFor(options, config),
    transformOptions,
    unsafeFixes: options.unsafeFixes,
    cacheDirs: { ...config?.config.cacheDirs, ...options.cacheDirs },
    inlineDirectives: options.inlineDirectives,
    warnUnusedDirectives: options.warnUnusedDirectives,
  };
}

export interface TransformInfo {
  id: string;
  summary: string;
  /** `on`: in the default set; `off`: opt-in. */
  default: 'on' | 'off';
  /** `safe`: --write applies its fixes; `unsafe`: only with --unsafe-fixes; `none`: it only reports. */
  fix: FixSafety | 'none';
  severity: Severity;
  /** Its messages by id. */
  messages: Readonly<Record<string, string>>;
  /** Path of its documentation page inside the package. */
  docs: string;
}

/** Every transform the tool has, in the order they run. */
export function listTransforms(): TransformInfo[] {
  return TRANSFORMS.map((t) => ({
    id: t.meta.id,
    summary: t.meta.summary,
    default: t.meta.default,
    fix: t.meta.fix,
    severity: t.meta.severity,
    messages: t.meta.messages,
    docs: `docs/rules/${t.meta.id}.md`,
  }));
}

/** A transform's documentation page (markdown); UsageError for an unknown id. */
export function explainTransform(id: string): string {
  const t = findTransform(id);
  if (!t) throw new UsageError(`unknown transform '${id}' (${KNOWN_TRANSFORMS})`);
  return rulePage(t);
}

/**
 * The document span of every instruction in a Dockerfile's text, FROM and the
 * ARGs before it included, in order: where an editor puts a directive that
 * covers an instruction. A text that does not parse still has the spans of the
 * instructions it holds.
 */
export function instructionSpans(text: string): ReadonlyArray<{ start: number; end: number }> {
  return new DockerfileModel(text).spans;
}

/** The transforms for a selection (and a configuration's choices); unknown ids are a usage error. */
export function transformsFor(
  options: Pick<RunOptions, 'transforms' | 'enable' | 'disable'>,
  config?: LoadedConfig,
) {
  try {
    return selectTransforms({
      only: options.transforms,
      enable: options.enable,
      disable: options.disable,
      config: config?.config.transforms,
    });
  } catch (e) {
    if (e instanceof UnknownTransformError) throw new UsageError(e.message);
    throw e;
  }
}

/** A transform as a run would use it on one Dockerfile. */
export interface TransformConfig {
  id: string;
  enabled: boolean;
  /** What decided `enabled`: the transform's default, the configuration file, or the command line (or API). */
  source: 'default' | 'config' | 'command line';
  /** Its options as it would get them: the defaults, then the configuration file's, then the run's. */
  options: Record<string, unknown>;
  /** The defaults alone. */
  defaultOptions: Record<string, unknown>;
}

/** The configuration a run would use for one Dockerfile (`--show-config`). */
export interface ResolvedConfig {
  /** The Dockerfile, relative to the working folder (a folder given stands for its `Dockerfile`). */
  path: string;
  /** The configuration file that applies (relative to the working folder), or null. */
  configFile: string | null;
  /** The key of package.json that holds the configuration, when it is a package.json. */
  configKey: string | null;
  /** How it was found: the nearest above the Dockerfile, the one `--config` names, or none (`--no-config`). */
  configSource: 'nearest' | '--config' | '--no-config';
  /** Whether a run leaves the file out, and what leaves it out. */
  excluded: false | 'config' | 'command line';
  /** The configuration file's `exclude` globs, relative to its folder. */
  exclude: string[];
  /** The command line's (or API's) `exclude` globs, relative to the working folder. */
  commandLineExclude: string[];
  transforms: TransformConfig[];
  /** Cache folders given instead of the computed ones, per package-manager id. */
  cacheDirs: Record<string, string>;
  unsafeFixes: boolean;
  inlineDirectives: boolean;
  warnUnusedDirectives: boolean;
}

/**
 * The configuration a run with these options would use for a Dockerfile:
 * the file that applies, the transforms with their state, what decided it and
 * their options, excludes and cache folders. UsageError for a configuration
 * file that cannot be used or an unknown transform id.
 */
export function resolveConfig(file: string, options: RunOptions = {}): ResolvedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  let abs = path.resolve(cwd, file);
  if (fs.statSync(abs, { throwIfNoEntry: false })?.isDirectory()) abs = path.join(abs, 'Dockerfile');
  let config: LoadedConfig | undefined;
  try {
    config = new ConfigResolver(options.config).forFile(abs);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`configuration ${e.message}`);
    throw e;
  }
  const analysis = analyzeOptionsFor(config, options);
  const chosen = new Set(analysis.transforms);
  const only = options.transforms ?? [];
  const fromConfig = config?.config.transforms ?? {};
  const commandLine = new Set([...only, ...(options.enable ?? []), ...(options.disable ?? [])]);
  const commandLineExclude = [...(options.exclude ?? [])];
  return {
    path: displayPathOf(abs, cwd),
    configFile: config ? displayPathOf(config.file, cwd) : null,
    configKey: config && path.basename(config.file) === 'package.json' ? 'dockerfile-codemod' : null,
    configSource: options.config === false ? '--no-config' : options.config ? '--config' : 'nearest',
    excluded: config?.excludes(abs)
      ? 'config'
      : globMatcher(commandLineExclude, cwd)(abs)
        ? 'command line'
        : false,
    exclude: [...(config?.config.exclude ?? [])],
    commandLineExclude,
    transforms: TRANSFORMS.map((t) => {
      const id = t.meta.id;
      const defaultOptions = { ...t.meta.options?.defaults };
      return {
        id,
        enabled: chosen.has(t),
        source:
          only.length > 0 || commandLine.has(id)
            ? 'command line'
            : fromConfig[id] !== undefined
              ? 'config'
              : 'default',
        options: { ...defaultOptions, ...analysis.transformOptions?.[id] },
        defaultOptions,
      };
    }),
    cacheDirs: { ...analysis.cacheDirs },
    unsafeFixes: Boolean(options.unsafeFixes),
    inlineDirectives: options.inlineDirectives !== false,
    warnUnusedDirectives: Boolean(options.warnUnusedDirectives),
  };
}

/**
 * Runs the pipeline over a text that does not come from a file (standard
 * input). Bytes are decoded as files are: binary or invalid UTF-8 input is an
 * error result, never a text with replacement characters.
 */
export async function runText(
  input: string | Uint8Array,
  name: string,
  options: RunOptions = {},
): Promise<RunResult> {
  const started = now();
  const base: FileResult = {
    path: name,
    displayPath: name,
    status: 'unchanged',
    findings: [],
    written: false,
  };
  // The configuration that would apply to a file of that name (--stdin-filename) applies to the text.
  let config: LoadedConfig | undefined;
  try {
    config = new ConfigResolver(options.config).forFile(path.resolve(options.cwd ?? process.cwd(), name));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const r: FileResult = {
      ...base,
      status: 'error',
      error: `configuration ${e.message}`,
      configError: e.file,
    };
    await options.onResult?.(r);
    return { results: [r], summary: summarize([r], now() - started), warnings: [] };
  }
  let result: FileResult;
  try {
    const text = typeof input === 'string' ? input : decode(input);
    result = await processText(text, base, analyzeOptionsFor(config, options));
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    result = { ...base, status: 'error', error: e.message };
  }
  await options.onResult?.(result);
  return { results: [result], summary: summarize([result], now() - started), warnings: [] };
}

/** Runs the pipeline over paths (files, folders, globs). */
export async function run(paths: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = now();
  const cwd = path.resolve(options.cwd ?? process.cwd());
  transformsFor(options); // unknown ids are a usage error up front
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1))
    throw new UsageError(`jobs must be a whole number of 1 or more, not ${options.jobs}`);
  let configs: ConfigResolver;
  try {
    configs = new ConfigResolver(options.config);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`configuration ${e.message}`);
    throw e;
  }
  const found = discover(paths.length ? paths : ['.'], {
    cwd,
    exclude: options.exclude,
    gitignore: options.gitignore,
  });
  const warnings: string[] = [];
  if (paths.length === 0) {
    // No path given: an empty tree is worth a warning, not an error (a repository without Dockerfiles).
    const empty = found.errors.filter((e) => e.message.startsWith('no Dockerfile found'));
    found.errors = found.errors.filter((e) => !empty.includes(e));
    for (const e of empty) warnings.push(`${e.path}: ${e.message}`);
  }
  configs.useScannedFolders(found.scanned);
  const results: FileResult[] = [];
  const counts = new SummaryCounts();
  const report = async (r: FileResult) => {
    counts.add(r);
    if (kept(r, options)) results.push(r);
    await options.onResult?.(r);
  };
  for (const e of found.errors) {
    const r: FileResult = {
      path: e.path,
      displayPath: e.path,
      status: 'error',
      findings: [],
      error: e.message,
      written: false,
    };
    await report(r);
  }
  for (const e of found.skipped) {
    const displayPath = displayPathOf(e.path, cwd);
    const r: FileResult = {
      path: e.path,
      displayPath,
      status: 'skipped',
      findings: [],
      note: e.message,
      written: false,
    };
    await report(r);
  }
  // Analysis options per configuration file (the CLI's and the API's options win over the file's).
  const perConfig = new Map<string, AnalyzeOptions>();
  const optionsFor = (config: LoadedConfig | undefined): AnalyzeOptions => {
    const key = config?.file ?? '';
    let o = perConfig.get(key);
    if (!o) {
      o = analyzeOptionsFor(config, options);
      perConfig.set(key, o);
    }
    return o;
  };
  /** What a file needs: its analysis options, or a result known without reading it (undefined: excluded). */
  const planOf = (file: string): { analyse: AnalyzeOptions } | { result: FileResult | undefined } => {
    let config: LoadedConfig | undefined;
    try {
      config = configs.forFile(file);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return {
        result: {
          path: file,
          displayPath: displayPathOf(file, cwd),
          status: 'error',
          findings: [],
          error: `configuration ${e.message.replace(e.file, displayPathOf(e.file, cwd))}`,
          configError: e.file,
          written: false,
        },
      };
    }
    if (config?.excludes(file)) return { result: undefined };
    return { analyse: optionsFor(config) };
  };
  let done = 0;
  const total = found.files.length;
  const step = async (r: FileResult | undefined) => {
    if (r) await report(r);
    options.onProgress?.(++done, total);
  };
  const jobs = jobsFor(options.jobs, total);
  const script = jobs > 1 ? workerScript() : undefined;
  if (script) {
    // The same plans, made here in file order; the workers read, analyse and write.
    const asData = new Map<AnalyzeOptions, AnalyzeData>();
    const items = function* (): Generator<Item<FileTask, FileResult>> {
      for (const file of found.files) {
        const plan = planOf(file);
        if ('result' in plan) {
          yield plan;
          continue;
        }
        let data = asData.get(plan.analyse);
        if (!data) {
          data = analyzeData(plan.analyse);
          asData.set(plan.analyse, data);
        }
        yield { task: { file, options: data } };
      }
    };
    const setup: WorkerSetup = { cwd, write: Boolean(options.write), maxFileSize: options.maxFileSize };
    await mapInWorkers(script, jobs, setup, items(), total, step);
  } else {
    for (const file of found.files) {
      const plan = planOf(file);
      await step('result' in plan ? plan.result : await processFile(file, cwd, options, plan.analyse));
    }
  }
  return { results, summary: counts.summary(now() - started), warnings };
}

/**
 * Worker threads for a run over `files` files: 1 (analyse here, start no worker) unless `jobs` asks for more,
 * and never more than there are files.
 */
function jobsFor(jobs: number | undefined, files: number): number {
  return Math.max(1, Math.min(jobs ?? 1, files));
}

/** What every worker thread of a run gets (workerData). */
interface WorkerSetup {
  cwd: string;
  write: boolean;
  maxFileSize: number | undefined;
}

/** AnalyzeOptions as data a worker thread can receive: the transforms by id. */
type AnalyzeData = Omit<AnalyzeOptions, 'transforms'> & { transforms?: string[] };

/** A file for a worker thread, with the analysis options its configuration gives it. */
interface FileTask {
  file: string;
  options: AnalyzeData;
}

function analyzeData(o: AnalyzeOptions): AnalyzeData {
  return { ...o, transforms: o.transforms?.map((t) => t.meta.id) };
}

/**
 * The worker thread's side of a run with `jobs` (the bundle calls it when
 * started as a worker): each file read, analysed and written as run() would in
 * one thread, the result sent back.
 */
export function serveWorker(): void {
  // A batch's tasks share their options object (structured clone keeps it one), so it is rebuilt once a batch.
  const rebuilt = new WeakMap<AnalyzeData, AnalyzeOptions>();
  serveJobs<FileTask, FileResult>((task, setup) => {
    const s = setup as WorkerSetup;
    let o = rebuilt.get(task.options);
    if (!o) {
      o = {
        ...task.options,
        transforms: task.options.transforms?.map((id) => {
          const t = findTransform(id);
          if (!t) throw new Error(`internal error: a worker thread has no transform ${id}`);
          return t;
        }),
      };
      rebuilt.set(task.options, o);
    }
    return processFile(task.file, s.cwd, { write: s.write, maxFileSize: s.maxFileSize }, o);
  });
}

export function summarize(results: readonly FileResult[], elapsedMs: number): RunSummary {
  const counts = new SummaryCounts();
  for (const r of results) counts.add(r);
  return counts.summary(elapsedMs);
}

/** Counts results as they come, so a run need not keep them to summarise them. */
class SummaryCounts {
  private files = 0;
  private changed = 0;
  private unchanged = 0;
  private withFindings = 0;
  private errors = 0;

  add(r: FileResult): void {
    this.files++;
    if (r.status === 'changed') this.changed++;
    else if (r.status === 'unchanged' || r.status === 'skipped') this.unchanged++;
    else this.errors++;
    if (r.findings.length > 0) this.withFindings++;
  }

  summary(elapsedMs: number): RunSummary {
    const { files, changed, unchanged, withFindings, errors } = this;
    return { files, changed, unchanged, withFindings, errors, elapsedMs };
  }
}

const isNotable = (r: FileResult): boolean =>
  r.status !== 'unchanged' || r.findings.length > 0 || r.note !== undefined;

/** Whether a run's `results` holds a result, by its `keep` option. */
function kept(r: FileResult, options: Pick<RunOptions, 'keep'>): boolean {
  if (options.keep === 'none') return false;
  return options.keep !== 'notable' || isNotable(r);
}

async function processFile(
  file: string,
  cwd: string,
  options: RunOptions,
  analyzeOptions: AnalyzeOptions,
): Promise<FileResult> {
  const displayPath = displayPathOf(file, cwd);
  const result: FileResult = { path: file, displayPath, status: 'unchanged', findings: [], written: false };
  const fail = (message: string): FileResult => ({ ...result, status: 'error', error: message });
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    const limit = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (size > limit) {
      return fail(
        `too large (${(size / 1048576).toFixed(1)} MiB; the limit is ${(limit / 1048576).toFixed(1)} MiB)`,
      );
    }
    bytes = fs.readFileSync(file);
  } catch (e) {
    return fail(readError(e as NodeJS.ErrnoException));
  }
  let text: string;
  try {
    text = decode(bytes);
  } catch (e) {
    return fail((e as Error).message);
  }
  const analysed = await processText(text, result, analyzeOptions);
  if (analysed.status !== 'changed') return analysed;
  Object.assign(result, analysed);
  const output = analysed.after as string;
  if (options.write) {
    try {
      writeAtomic(file, bytes, output, cwd);
      result.written = true;
    } catch (e) {
      return {
        ...fail(e instanceof FileError ? e.message : `cannot write: ${(e as Error).message}`),
        findings: result.findings,
      };
    }
  }
  return result;
}

async function processText(
  text: string,
  base: FileResult,
  analyzeOptions: AnalyzeOptions,
): Promise<FileResult> {
  if (text.trim() === '') return { ...base, status: 'skipped', note: 'empty file' };
  try {
    const analysis = await analyze(text, analyzeOptions);
    if (analysis.findings.length === 0 && analysis.output === text) return base;
    // Texts are kept only where something was found, so a large run holds no more than it reports.
    const status = analysis.output === text ? 'unchanged' : 'changed';
    return { ...base, status, findings: analysis.findings, before: text, after: analysis.output };
  } catch (e) {
    if (e instanceof FileError) {
      return { ...base, status: 'error', error: e.line ? `line ${e.line}: ${e.message}` : e.message };
    }
    throw e;
  }
}

/**
 * Replaces a file's content atomically: a temporary file in the same folder
 * gets the new text, the original mode (and owner, when allowed), and is
 * renamed over the file. Refuses when the file changed since it was read, is
 * not writable, or is a symbolic link leading outside the working folder.
 */
export function writeAtomic(file: string, expected: Uint8Array, text: string, root: string): void {
  const lst = fs.lstatSync(file);
  let real = file;
  if (lst.isSymbolicLink()) {
    real = fs.realpathSync(file);
    if (relativeInside(fs.realpathSync(root), real) === undefined) {
      throw new FileError(`is a symbolic link to ${real}, outside ${root}; not written`);
    }
  }
  try {
    fs.accessSync(real, fs.constants.W_OK);
  } catch {
    throw new FileError('cannot write: permission denied');
  }
  // Test hook (the bad-input suite): inject a failure at a chosen point of the write.
  const fault = process.env.DOCKERFILE_CODEMOD_TEST_FAULT;
  if (fault === 'modify-before-write') fs.appendFileSync(real, '# changed by someone else\n');
  const current = fs.readFileSync(real);
  if (!current.equals(expected)) {
    throw new FileError('changed on disk while it was being processed; not written');
  }
  const st = fs.statSync(real);
  const tmp = path.join(
    path.dirname(real),
    `.${path.basename(real)}.${process.pid}.${Date.now().toString(36)}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
    if (fault === 'crash-mid-write') {
      // Test hook: die half-way through the temporary file, as a killed process or a full disk would.
      fs.writeFileSync(fd, text.slice(0, text.length >> 1));
      fs.fsyncSync(fd);
      process.kill(process.pid, 'SIGKILL');
    }
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, st.mode & 0o7777);
    try {
      fs.chownSync(tmp, st.uid, st.gid);
    } catch {
      // Only root may give a file away; a file we own keeps our ids.
    }
    if (fault === 'fail-before-rename') throw new Error('injected fault before rename');
    fs.renameSync(tmp, real);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
