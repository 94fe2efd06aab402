/**
 * The Dockerfile model: stages, instructions and the build-time environment
 * each instruction sees (ARG, ENV, USER, WORKDIR, SHELL, escape), built from
 * dockerfile-ast's instruction boundaries and BuildKit's own lexing rules.
 */
import { type Instruction as AstInstruction, type Run as AstRun, DockerfileParser } from 'dockerfile-ast';
import { isAbsolute, normalizePath, resolvePath } from '../paths.js';
import { LineTable } from '../text.js';
import { findImage, type ImageFacts, imageWorkdir, parseImageRef, pythonVersionFromTag } from './images.js';
import {
  expandVariables,
  extractBuilderFlags,
  type FlagWord,
  type Lookup,
  processWord,
  splitWords,
} from './lex.js';
import { joinInstruction, type MappedText } from './logical.js';

export const KNOWN_INSTRUCTIONS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** The build-time environment an instruction sees. */
export interface BuildEnv {
  /** ENV values in effect (from the Dockerfile and the known base image); `null` = value unknown. */
  readonly env: ReadonlyMap<string, string | null>;
  /** ARG values in scope in the stage; `null` = no default, or a default whose value is not known. */
  readonly args: ReadonlyMap<string, string | null>;
  /** ARGs of `args` declared without a default (and none from a global ARG): unset in the default build. */
  readonly unsetArgs: ReadonlySet<string>;
  /** USER as written after expansion; undefined = root (or an unknown base image's default). */
  readonly user: string | undefined;
  /** Absolute WORKDIR; undefined when it depends on an unknown value. */
  readonly workdir: string | undefined;
  /** SHELL in effect. */
  readonly shell: readonly string[];
  /** Whether variables not declared anywhere are known to be unset (the base image's environment is known). */
  readonly envComplete: boolean;
}

export const DEFAULT_SHELL = ['/bin/sh', '-c'];

/**
 * Resolves a variable as BuildKit does inside a stage: ENV first, then ARG.
 *
 * The model reasons about the default build: values given with `--build-arg`
 * are not known. An ARG declared without a default is then unset (BuildKit's
 * `dispatchArg` adds an ARG to the environment only when it has a value), so
 * `${X:-/pkgs}` and `${X-/pkgs}` are `/pkgs` and `${X:+w}` is empty: written
 * the same in a mount and in a command, they name the same folder whatever is
 * passed. A plain `$X` stays unknown (`null`): its default-build value, the
 * empty string, is rarely what the author relies on, and callers read `null`
 * as "no value known".
 */
export function lookupIn(env: BuildEnv): Lookup {
  const lookup: Lookup = (name) => {
    if (env.env.has(name)) return env.env.get(name) as string | null;
    if (env.args.has(name)) return env.args.get(name) as string | null;
    return env.envComplete ? '' : undefined;
  };
  lookup.unsetByDefault = (name) => !env.env.has(name) && env.unsetArgs.has(name);
  return lookup;
}

export interface MountField {
  /** Lower-cased key (`target`, `dst`, `id`, ...). */
  key: string;
  /** Value with quotes removed, before variable expansion; undefined for bare keys such as `rw`. */
  value: string | undefined;
  /** Document span of the value's characters (inside any quotes). */
  valueStart: number;
  valueEnd: number;
  /** Whether the value span is one piece of one line, safe to replace. */
  editable: boolean;
  /** Document span of the whole field, with quotes that belong to it. */
  rawStart: number;
  rawEnd: number;
  /** Document offsets of the separating commas, when present. */
  commaBefore: number | undefined;
  commaAfter: number | undefined;
}

export interface Mount {
  flag: FlagWord;
  fields: MountField[];
  /** Lower-cased mount type; `bind` when not given. */
  type: string;
  /** The field naming the target (`target`, `dst` or `destination`; the last one wins). */
  targetField: MountField | undefined;
  /** Target as written, expanded; undefined when unknown. */
  targetValue: string | undefined;
  /** Absolute target path; undefined when unknown. */
  target: string | undefined;
  idField: MountField | undefined;
  /** Explicit id, expanded. */
  id: string | undefined;
  from: string | undefined;
  source: string | undefined;
  readOnly: boolean;
  uid: string | undefined;
  gid: string | undefined;
  /** Offset where a new `,key=value` field can be inserted after the last field. */
  appendAt: number;
}

export interface Heredoc {
  name: string;
  content: string;
  /** Document offset of the first character of the content. */
  contentStart: number;
  terminated: boolean;
}

interface InstructionBase {
  /** Upper-case keyword. */
  keyword: string;
  /** Position in the file, 0-based, over all instructions. */
  index: number;
  /** Document span, heredoc bodies included. */
  start: number;
  end: number;
  /** The logical line after the keyword. */
  args: MappedText;
  stage: Stage | undefined;
  /** The environment before this instruction takes effect. */
  env: BuildEnv;
}

export interface RunInstruction extends InstructionBase {
  keyword: 'RUN';
  /**
   * True for an `ONBUILD RUN` trigger (see DockerfileModel.onbuildRuns): it
   * runs in every image built FROM this one, not in this stage.
   */
  onbuild?: boolean;
  flags: FlagWord[];
  mounts: Mount[];
  /** The command text after the flags (first logical line). */
  command: MappedText;
  /** argv of the JSON (exec) form. */
  exec: string[] | undefined;
  heredocs: Heredoc[];
}

export interface CopyInstruction extends InstructionBase {
  keyword: 'COPY' | 'ADD';
  /** `--from` value, expanded; undefined when absent. */
  from: string | undefined;
  /** Source paths, expanded (undefined where unknown). */
  sources: Array<string | undefined>;
  dest: string | undefined;
}

export interface OtherInstruction extends InstructionBase {
  keyword: string;
  /** Words of the shell form or strings of the JSON form, expanded where possible. */
  words: Array<string | undefined>;
}

export type Instruction = RunInstruction | CopyInstruction | OtherInstruction;

export interface Stage {
  index: number;
  /** Lower-cased stage name, from `AS name`. */
  name: string | undefined;
  /** The image as written, expanded with global ARGs. */
  image: string | undefined;
  /** The earlier stage this one is built FROM. */
  parent: Stage | undefined;
  /** Knowledge of the external base image this stage (or its ancestors) starts from. */
  baseImage: ImageFacts | undefined;
  /** Python X.Y from the base image tag, when the image is a Python image. */
  pythonVersion: string | undefined;
  /** Tag of the external image this stage (or its ancestors) starts from, expanded. */
  baseImageTag: string | undefined;
  instructions: Instruction[];
  startEnv: BuildEnv;
  endEnv: BuildEnv;
}

export interface ModelError {
  message: string;
  offset: number;
}

export class DockerfileModel {
  readonly lines: LineTable;
  readonly stages: Stage[] = [];
  /** Instructions inside stages (FROM and the ARGs before the first FROM are in `stages` and `globalArgs`). */
  readonly instructions: Instruction[] = [];
  /** Document span of every instruction in the file, FROM and global ARG included. */
  readonly spans: Array<{ start: number; end: number }> = [];
  private runList: RunInstruction[] | undefined;
  /** `ONBUILD RUN` triggers, in document order. */
  readonly triggers: RunInstruction[] = [];
  readonly errors: ModelError[] = [];
  escape = '\\';
  readonly directives = new Map<string, string>();
  /** ARGs declared before the first FROM; `null` = no default, or a default whose value is not known. */
  readonly globalArgs = new Map<string, string | null>();
  /** Global ARGs declared without a default: unset in the default build (see lookupIn). */
  readonly unsetGlobalArgs = new Set<string>();

  /** Resolves a variable in FROM lines and global ARG defaults: the global ARGs declared so far. */
  globalLookup(): Lookup {
    const lookup: Lookup = (name) => this.globalArgs.get(name);
    lookup.unsetByDefault = (name) => this.unsetGlobalArgs.has(name);
    return lookup;
  }

  constructor(readonly text: string) {
    this.lines = new LineTable(text);
    build(this);
  }

  runs(): readonly RunInstruction[] {
    this.runList ??= this.instructions.filter((i): i is RunInstruction => i.keyword === 'RUN');
    return this.runList;
  }

  /**
   * The `ONBUILD RUN` triggers, as RUN instructions with `onbuild: true`. Not
   * among `runs()`: a trigger runs at the start of every image built FROM
   * this one (BuildKit prepends the triggers to the commands of the stage
   * that uses the image: initOnBuildTriggers in
   * frontend/dockerfile/dockerfile2llb/convert.go), so its environment is
   * the image's as this stage ends: the stage's final ENV, USER, WORKDIR and
   * SHELL, and none of its ARGs. Flags and mounts carry document offsets
   * into the ONBUILD line; `start`, `end` and `index` are the ONBUILD
   * instruction's, and `stage` the stage that declares the trigger.
   */
  onbuildRuns(): readonly RunInstruction[] {
    return this.triggers;
  }

  /** The stage and the stages it is built FROM, the stage itself first. */
  chain(stage: Stage): Stage[] {
    const out: Stage[] = [];
    for (let s: Stage | undefined = stage; s; s = s.parent) out.push(s);
    return out;
  }

  stageByName(name: string): Stage | undefined {
    const n = name.toLowerCase();
    return this.stages.find((s) => s.name === n) ?? (/^\d+$/.test(n) ? this.stages[Number(n)] : undefined);
  }

  /** Stages built FROM `stage`, directly or through other stages. */
  descendants(stage: Stage): Stage[] {
    return this.stages.filter((s) => {
      for (let p = s.parent; p; p = p.parent) if (p === stage) return true;
      return false;
    });
  }

  /** Stages that other stages use: as a FROM parent, through COPY --from, or through --mount=from. */
  usedStages(): Set<Stage> {
    const used = new Set<Stage>();
    for (const s of this.stages) if (s.parent) used.add(s.parent);
    for (const ins of this.instructions) {
      let refs: Array<string | undefined> = [];
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') refs = [(ins as CopyInstruction).from];
      else if (ins.keyword === 'RUN') refs = (ins as RunInstruction).mounts.map((m) => m.from);
      for (const ref of refs) {
        const s = ref === undefined ? undefined : this.stageByName(ref);
        if (s && s !== ins.stage) used.add(s);
      }
    }
    return used;
  }

  position(offset: number) {
    return this.lines.position(offset);
  }
}

function initialEnv(): BuildEnv {
  return {
    env: new Map(),
    args: new Map(),
    unsetArgs: new Set(),
    user: undefined,
    workdir: '/',
    shell: DEFAULT_SHELL,
    envComplete: false,
  };
}

function build(model: DockerfileModel): void {
  const { text } = model;
  const df = DockerfileParser.parse(text);
  const esc = df.getEscapeCharacter();
  model.escape = esc === '`' ? '`' : '\\';
  for (const d of df.getDirectives()) {
    model.directives.set(d.getName().toLowerCase(), d.getValue());
  }
  const escapeDirective = model.directives.get('escape');
  if (escapeDirective !== undefined && escapeDirective !== '\\' && escapeDirective !== '`') {
    model.errors.push({
      message: `invalid escape directive '${escapeDirective}' (must be \\ or \`)`,
      offset: 0,
    });
  }

  const astInstructions = df.getInstructions();
  let stage: Stage | undefined;
  let env = initialEnv();
  let index = 0;
  for (const ast of astInstructions) {
    const range = ast.getRange();
    const start = model.lines.offsetAt(range.start.line, range.start.character);
    const keyword = ast.getKeyword().toUpperCase();
    const joined = joinInstruction(text, start, model.escape);
    const end = Math.max(model.lines.offsetAt(range.end.line, range.end.character), joined.lastLineEnd);
    const args = joined.line.slice(ast.getInstruction().length);
    model.spans.push({ start, end });
    if (!KNOWN_INSTRUCTIONS.has(keyword)) {
      const hint = /^[{<%]/.test(keyword) ? ' (a template, not a Dockerfile?)' : '';
      model.errors.push({ message: `unknown instruction '${ast.getInstruction()}'${hint}`, offset: start });
      continue;
    }
    if (!stage && keyword !== 'FROM' && keyword !== 'ARG') {
      model.errors.push({
        message: `${keyword} before the first FROM (only ARG may come before it)`,
        offset: start,
      });
      continue;
    }
    const base = { keyword, index: index++, start, end, args, stage, env };
    if (keyword === 'FROM') {
      stage = startStage(model, args, start);
      if (!stage) continue;
      env = stage.startEnv;
      continue;
    }
    if (!stage) {
      // ARG before the first FROM: a global (meta) ARG. Each sees the ones before it (BuildKit's
      // buildMetaArgs); one without a default leaves an earlier value as it was.
      for (const [name, raw] of argDeclarations(args, model.escape)) {
        if (raw === undefined) {
          if (!model.globalArgs.has(name)) {
            model.globalArgs.set(name, null);
            model.unsetGlobalArgs.add(name);
          }
          continue;
        }
        model.globalArgs.set(name, processWord(raw, model.globalLookup(), model.escape) ?? null);
        model.unsetGlobalArgs.delete(name);
      }
      continue;
    }
    let ins: Instruction;
    switch (keyword) {
      case 'RUN':
        ins = buildRun(model, base, ast as AstRun);
        break;
      case 'COPY':
      case 'ADD':
        ins = buildCopy(model, base);
        break;
      default:
        ins = { ...base, words: otherWords(model, args, env) };
    }
    model.instructions.push(ins);
    stage.instructions.push(ins);
    env = applyInstruction(model, ins, env);
    stage.endEnv = env;
  }
  for (const s of model.stages) {
    for (const ins of s.instructions) {
      const trigger = ins.keyword === 'ONBUILD' ? onbuildRun(model, ins, s) : undefined;
      if (trigger) model.triggers.push(trigger);
    }
  }
  if (model.instructions.length === 0 && model.stages.length === 0) {
    model.errors.push({ message: 'no instructions (a Dockerfile needs at least a FROM)', offset: 0 });
  }
}

function startStage(model: DockerfileModel, args: MappedText, start: number): Stage | undefined {
  const { rest } = extractBuilderFlags(args);
  const words = splitWords(rest, model.escape);
  const imageWord = words[0];
  if (!imageWord) {
    model.errors.push({ message: 'FROM needs an image', offset: start });
    return undefined;
  }
  const image = processWord(imageWord.raw, model.globalLookup(), model.escape);
  let name: string | undefined;
  if (words.length >= 3 && (words[1]?.raw ?? '').toLowerCase() === 'as') name = words[2]?.raw.toLowerCase();
  const parent =
    image === undefined
      ? undefined
      : model.stages.find((s) => s.name !== undefined && s.name === image.toLowerCase());
  let startEnv: BuildEnv;
  let baseImage: ImageFacts | undefined;
  let pythonVersion: string | undefined;
  let baseImageTag: string | undefined;
  if (parent) {
    startEnv = { ...parent.endEnv, args: new Map(), unsetArgs: new Set() };
    baseImage = parent.baseImage;
    pythonVersion = parent.pythonVersion;
    baseImageTag = parent.baseImageTag;
  } else {
    const ref = image === undefined ? undefined : parseImageRef(image);
    baseImageTag = ref?.tag;
    baseImage = ref ? findImage(ref) : undefined;
    if (ref && baseImage?.pythonSitePackages) pythonVersion = pythonVersionFromTag(ref.tag);
    const env = new Map<string, string | null>();
    if (baseImage) for (const [k, v] of Object.entries(baseImage.env)) env.set(k, v);
    startEnv = {
      env,
      args: new Map(),
      unsetArgs: new Set(),
      user: baseImage?.user,
      // An image not listed may have set any WORKDIR: unknown until the stage sets an absolute one.
      workdir: baseImage ? imageWorkdir(baseImage, ref?.tag) : image === 'scratch' ? '/' : undefined,
      shell: DEFAULT_SHELL,
      envComplete: image === 'scratch',
    };
  }
  const stage: Stage = {
    index: model.stages.length,
    name,
    image,
    parent,
    baseImage,
    pythonVersion,
    baseImageTag,
    instructions: [],
    startEnv,
    endEnv: startEnv,
  };
  model.stages.push(stage);
  return stage;
}

/** `ARG a=1 b` -> [[a, '1'], [b, undefined]] (raw values). */
function argDeclarations(args: MappedText, esc: string): Array<[string, string | undefined]> {
  const out: Array<[string, string | undefined]> = [];
  for (const w of splitWords(args, esc)) {
    const eq = w.raw.indexOf('=');
    if (eq < 0) out.push([w.raw, undefined]);
    else out.push([w.raw.slice(0, eq), w.raw.slice(eq + 1)]);
  }
  return out;
}

/** `ENV a=1 b=2` or the legacy `ENV name value with spaces`. */
function envDeclarations(args: MappedText, esc: string): Array<[string, string]> {
  const words = splitWords(args, esc);
  const first = words[0];
  if (!first) return [];
  if (!first.raw.includes('=')) {
    const rest = args.text.slice(args.text.indexOf(first.raw) + first.raw.length).trim();
    return [[first.raw, rest]];
  }
  const out: Array<[string, string]> = [];
  for (const w of words) {
    const eq = w.raw.indexOf('=');
    if (eq > 0) out.push([w.raw.slice(0, eq), w.raw.slice(eq + 1)]);
  }
  return out;
}

function applyInstruction(model: DockerfileModel, ins: Instruction, env: BuildEnv): BuildEnv {
  const lookup = lookupIn(env);
  switch (ins.keyword) {
    case 'ENV': {
      // Every assignment of one ENV is expanded with the environment as it was before the instruction:
      // `ENV A=/x B=$A/y` gives B the earlier A (Docker's "environment replacement"). BuildKit expands
      // all the words of an ENV (EnvCommand.Expand) in `dispatch` before `dispatchEnv` adds any of them
      // (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go).
      const next = new Map(env.env);
      for (const [name, raw] of envDeclarations(ins.args, model.escape)) {
        next.set(name, processWord(raw, lookup, model.escape) ?? null);
      }
      return { ...env, env: next };
    }
    case 'ARG': {
      // Unlike ENV, each ARG of one instruction sees the ones before it: `ARG A=1 B=$A` gives B=1.
      // BuildKit skips the up-front expansion for ARG in `dispatch`; `dispatchArg` expands each default
      // with the stage's current environment and adds that ARG to it before the next one
      // (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go).
      const next = new Map(env.args);
      const unset = new Set(env.unsetArgs);
      for (const [name, raw] of argDeclarations(ins.args, model.escape)) {
        if (raw === undefined) {
          // No default: the value of a global ARG that has one; else an earlier value in the stage
          // stays; else the ARG is unset (BuildKit's dispatchArg).
          if (model.globalArgs.has(name) && !model.unsetGlobalArgs.has(name)) {
            next.set(name, model.globalArgs.get(name) ?? null);
            unset.delete(name);
          } else if (!next.has(name)) {
            next.set(name, null);
            unset.add(name);
          }
          continue;
        }
        next.set(
          name,
          processWord(raw, lookupIn({ ...env, args: next, unsetArgs: unset }), model.escape) ?? null,
        );
        unset.delete(name);
      }
      return { ...env, args: next, unsetArgs: unset };
    }
    case 'WORKDIR': {
      const raw = ins.args.text.trim();
      const value = raw === '' ? undefined : processWord(raw, lookup, model.escape);
      if (value === undefined) return { ...env, workdir: undefined };
      if (isAbsolute(value)) return { ...env, workdir: normalizePath(value) };
      return { ...env, workdir: env.workdir === undefined ? undefined : resolvePath(env.workdir, value) };
    }
    case 'USER': {
      const raw = ins.args.text.trim();
      const value = processWord(raw, lookup, model.escape);
      return { ...env, user: value ?? '?' };
    }
    case 'SHELL': {
      const json = parseJsonArray(ins.args.text);
      return json ? { ...env, shell: json } : env;
    }
    default:
      return env;
  }
}

export function parseJsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // Not JSON: BuildKit treats the text as shell form.
  }
  return undefined;
}

function otherWords(model: DockerfileModel, args: MappedText, env: BuildEnv): Array<string | undefined> {
  const json = parseJsonArray(args.text);
  if (json) return json;
  const lookup = lookupIn(env);
  return splitWords(args, model.escape).map((w) => processWord(w.raw, lookup, model.escape));
}

function buildCopy(
  model: DockerfileModel,
  base: Omit<CopyInstruction, 'keyword' | 'from' | 'sources' | 'dest'> & { keyword: string },
): CopyInstruction {
  const lookup = lookupIn(base.env);
  const { flags, rest } = extractBuilderFlags(base.args);
  let from: string | undefined;
  for (const f of flags) {
    if (f.text.startsWith('--from=')) from = expandVariables(f.text.slice('--from='.length), lookup);
  }
  const json = parseJsonArray(rest.text);
  const words = json ?? splitWords(rest, model.escape).map((w) => processWord(w.raw, lookup, model.escape));
  const dest = words.length > 1 ? words[words.length - 1] : undefined;
  const sources = words.slice(0, -1).filter((w) => w === undefined || !w.startsWith('<<'));
  return { ...base, keyword: base.keyword as 'COPY' | 'ADD', from, sources, dest };
}

/** An `ONBUILD RUN ...` instruction as the RUN it triggers; undefined for other triggers. */
function onbuildRun(model: DockerfileModel, ins: Instruction, stage: Stage): RunInstruction | undefined {
  const m = /^\s*RUN(?=\s|$)/i.exec(ins.args.text);
  if (!m) return undefined;
  // The image this stage ends with: its ENV, USER, WORKDIR and SHELL; ARGs do not reach the image.
  const env: BuildEnv = { ...stage.endEnv, args: new Map(), unsetArgs: new Set() };
  const args = ins.args.slice(m[0].length);
  const run = buildRun(
    model,
    { index: ins.index, start: ins.start, end: ins.end, args, stage, env },
    undefined,
  );
  return { ...run, onbuild: true };
}

function buildRun(
  model: DockerfileModel,
  base: Omit<RunInstruction, 'keyword' | 'flags' | 'mounts' | 'command' | 'exec' | 'heredocs'>,
  ast: AstRun | undefined,
): RunInstruction {
  const { flags, rest } = extractBuilderFlags(base.args);
  const lookup = lookupIn(base.env);
  const mounts: Mount[] = [];
  for (const flag of flags) {
    if (flag.text.toLowerCase().startsWith('--mount='))
      mounts.push(parseMount(model, flag, lookup, base.env));
  }
  const heredocs: Heredoc[] = [];
  // dockerfile-ast re-tokenises the arguments to find heredocs: only ask when there can be one.
  const mayHaveHeredoc = ast !== undefined && model.text.slice(base.start, base.end).includes('<<');
  for (const h of mayHaveHeredoc ? ast.getHeredocs() : []) {
    const c = h.getContentRange();
    const contentStart = c ? model.lines.offsetAt(c.start.line, c.start.character) : base.end;
    const contentEnd = c ? model.lines.offsetAt(c.end.line, c.end.character) : contentStart;
    const terminated = h.getDelimiterRange() !== null;
    if (!terminated) {
      model.errors.push({ message: `heredoc '${h.getName()}' is not terminated`, offset: base.start });
    }
    heredocs.push({
      name: h.getName(),
      content: model.text.slice(contentStart, contentEnd),
      contentStart,
      terminated,
    });
  }
  const exec = heredocs.length ? undefined : parseJsonArray(rest.text);
  return { ...base, keyword: 'RUN', flags, mounts, command: rest, exec, heredocs };
}

function parseMount(model: DockerfileModel, flag: FlagWord, lookup: Lookup, env: BuildEnv): Mount {
  const text = flag.text;
  const valueStart = text.indexOf('=') + 1;
  const fields: MountField[] = [];
  let i = valueStart > 0 ? valueStart : text.length + 1;
  let commaBefore: number | undefined;
  while (i <= text.length) {
    let j = text.indexOf(',', i);
    if (j < 0) j = text.length;
    const commaAfter = j < text.length ? flag.offsets[j] : undefined;
    if (j > i) fields.push(makeField(model, flag, i, j, valueStart, commaBefore, commaAfter));
    commaBefore = commaAfter;
    i = j + 1;
  }
  const get = (...keys: string[]): MountField | undefined => {
    let found: MountField | undefined;
    for (const f of fields) if (keys.includes(f.key)) found = f;
    return found;
  };
  const expand = (f: MountField | undefined): string | undefined =>
    f?.value === undefined ? undefined : expandVariables(f.value, lookup);
  const typeField = get('type');
  const type = (expand(typeField) ?? (typeField ? '?' : 'bind')).toLowerCase();
  const targetField = get('target', 'dst', 'destination');
  const targetValue = expand(targetField);
  let target: string | undefined;
  if (targetValue !== undefined && targetValue !== '') {
    if (isAbsolute(targetValue)) target = normalizePath(targetValue);
    else if (env.workdir !== undefined) target = resolvePath(env.workdir, targetValue);
  }
  const idField = get('id');
  let readOnly = false;
  for (const f of fields) {
    if (f.key === 'ro' || f.key === 'readonly')
      readOnly = f.value === undefined || /^(1|t|true)$/i.test(f.value);
    if (f.key === 'rw' || f.key === 'readwrite') readOnly = false;
  }
  const last = fields[fields.length - 1];
  return {
    flag,
    fields,
    type,
    targetField,
    targetValue,
    target,
    idField,
    id: expand(idField),
    from: expand(get('from')),
    source: expand(get('source', 'src')),
    readOnly,
    uid: expand(get('uid')),
    gid: expand(get('gid')),
    appendAt: last ? last.rawEnd : flag.end,
  };
}

function makeField(
  model: DockerfileModel,
  flag: FlagWord,
  from: number,
  to: number,
  flagValueStart: number,
  commaBefore: number | undefined,
  commaAfter: number | undefined,
): MountField {
  const text = flag.text.slice(from, to);
  const eq = text.indexOf('=');
  const key = (eq < 0 ? text : text.slice(0, eq)).trim().toLowerCase();
  const value = eq < 0 ? undefined : text.slice(eq + 1);
  const vFrom = eq < 0 ? to : from + eq + 1;
  const off = (k: number) => flag.offsets[k] as number;
  const valueStart = vFrom < to ? off(vFrom) : eq < 0 ? off(to - 1) + 1 : off(from + eq) + 1;
  const valueEnd = vFrom < to ? off(to - 1) + 1 : valueStart;
  const span = model.text.slice(valueStart, valueEnd);
  const editable = !/[\r\n]/.test(span);
  let rawStart = off(from);
  let rawEnd = off(to - 1) + 1;
  for (const q of flag.quotes) {
    // Quotes that open and close within this field belong to it; quotes around the whole flag value do not.
    const wholeValue = q.from <= flagValueStart && q.to >= flag.text.length;
    if (!wholeValue && q.from >= from && q.to <= to) {
      rawStart = Math.min(rawStart, q.openAt);
      rawEnd = Math.max(rawEnd, q.closeAt + 1);
    }
  }
  return { key, value, valueStart, valueEnd, editable, rawStart, rawEnd, commaBefore, commaAfter };
}

export type { AstInstruction, FlagWord, MappedText };
