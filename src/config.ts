/**
 * Configuration files, found by walking up from each Dockerfile's folder:
 * `.dockerfile-codemod.json`, or a `dockerfile-codemod` key in package.json.
 * The nearest one applies. lilconfig does the search and caches it per
 * folder; the shape is checked here so a mistake names its file and key.
 *
 *     {
 *       "transforms": { "cache-mount-install-target": "off", "add-cache-mounts": "on" },
 *       "transformOptions": { "add-cache-mounts": { "tools": ["pip", "npm"] } },
 *       "exclude": ["legacy/**"],
 *       "cacheDirs": { "pip": "/cache/pip" }
 *     }
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LilconfigResult } from 'lilconfig';
import { findTransform, KNOWN_TRANSFORMS } from '../transforms/index.js';
import { globMatcher } from './discover.js';
import { PACKAGE_MANAGERS } from './package-managers/index.js';

export interface Config {
  /** `on`/`off` per transform id. */
  transforms?: Record<string, 'on' | 'off'>;
  /** Options per transform id, each checked against the transform's schema. */
  transformOptions?: Record<string, Record<string, unknown>>;
  /** Globs relative to the config file's folder. */
  exclude?: string[];
  /** Cache folders per package-manager id (absolute paths). */
  cacheDirs?: Record<string, string>;
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from. */
  file: string;
  /** Whether a path (absolute) is excluded by this config. */
  excludes(file: string): boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    message: string,
  ) {
    super(`${file}: ${key ? `${key}: ` : ''}${message}`);
    this.name = 'ConfigError';
  }
}

export const CONFIG_FILE = '.dockerfile-codemod.json';
const PACKAGE_KEY = 'dockerfile-codemod';

function readJson(file: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (e) {
    throw new ConfigError(file, '', `not valid JSON (${(e as Error).message})`);
  }
}

/** Checks the shape; throws ConfigError naming the key at fault. */
export function validateConfig(value: unknown, file: string, prefix = ''): Config {
  const key = (k: string) => (prefix ? `${prefix}.${k}` : k);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(file, prefix, 'must be an object');
  }
  const known = ['transforms', 'transformOptions', 'exclude', 'cacheDirs'];
  for (const k of Object.keys(value)) {
    if (!known.includes(k)) throw new ConfigError(file, key(k), `unknown key (known: ${known.join(', ')})`);
  }
  const v = value as Record<string, unknown>;
  const config: Config = {};
  if (v.transforms !== undefined) {
    const t = v.transforms;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) {
      throw new ConfigError(file, key('transforms'), 'must be an object of transform id -> "on" or "off"');
    }
    for (const [id, state] of Object.entries(t)) {
      if (!findTransform(id))
        throw new ConfigError(file, key(`transforms.${id}`), `unknown transform (${KNOWN_TRANSFORMS})`);
      if (state !== 'on' && state !== 'off')
        throw new ConfigError(file, key(`transforms.${id}`), 'must be "on" or "off"');
    }
    config.transforms = t as Record<string, 'on' | 'off'>;
  }
  if (v.transformOptions !== undefined) {
    config.transformOptions = validateTransformOptions(v.transformOptions, file, key('transformOptions'));
  }
  if (v.exclude !== undefined) {
    if (!Array.isArray(v.exclude) || !v.exclude.every((g) => typeof g === 'string' && g !== '')) {
      throw new ConfigError(file, key('exclude'), 'must be an array of glob strings');
    }
    config.exclude = v.exclude as string[];
  }
  if (v.cacheDirs !== undefined) {
    const c = v.cacheDirs;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) {
      throw new ConfigError(
        file,
        key('cacheDirs'),
        'must be an object of package-manager id -> absolute path',
      );
    }
    for (const [id, dir] of Object.entries(c)) {
      if (!PACKAGE_MANAGERS.some((pm) => pm.id === id)) {
        throw new ConfigError(
          file,
          key(`cacheDirs.${id}`),
          `unknown package manager (known: ${PACKAGE_MANAGERS.map((pm) => pm.id).join(', ')})`,
        );
      }
      if (typeof dir !== 'string' || !dir.startsWith('/')) {
        throw new ConfigError(file, key(`cacheDirs.${id}`), 'must be an absolute path in the image');
      }
    }
    config.cacheDirs = c as Record<string, string>;
  }
  return config;
}

/** Checks `transformOptions` against each transform's options schema (JSON Schema, checked by Ajv). */
function validateTransformOptions(
  value: unknown,
  file: string,
  key: string,
): Record<string, Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(file, key, 'must be an object of transform id -> options object');
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, options] of Object.entries(value)) {
    const t = findTransform(id);
    if (!t) throw new ConfigError(file, `${key}.${id}`, `unknown transform (${KNOWN_TRANSFORMS})`);
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new ConfigError(file, `${key}.${id}`, 'must be an object');
    }
    const schema = t.meta.options?.schema;
    if (!schema) {
      const names = Object.keys(options);
      if (names.length) throw new ConfigError(file, `${key}.${id}.${names[0]}`, `${id} takes no options`);
      out[id] = {};
      continue;
    }
    const validate = compiledSchema(id, schema);
    if (!validate(options)) {
      const err = validate.errors?.[0];
      const where = (err?.instancePath ?? '').split('/').filter(Boolean).join('.');
      const extra =
        err?.params && 'additionalProperty' in err.params ? String(err.params.additionalProperty) : '';
      const at = [`${key}.${id}`, where, extra].filter(Boolean).join('.');
      const known = Object.keys(schema.properties).join(', ');
      const message = extra ? `unknown option (known: ${known})` : (err?.message ?? 'invalid');
      throw new ConfigError(file, at, message);
    }
    out[id] = options as Record<string, unknown>;
  }
  return out;
}

type Validator = import('ajv').ValidateFunction;
const validators = new Map<string, Validator>();

/** Ajv compiles each schema once per process; it is loaded only when a configuration sets options. */
function compiledSchema(id: string, schema: object): Validator {
  let v = validators.get(id);
  if (!v) {
    const Ajv = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
    v = new Ajv({ allErrors: false, strict: true }).compile(schema);
    validators.set(id, v);
  }
  return v;
}

function loaded(config: Config, file: string): LoadedConfig {
  return { config, file, excludes: globMatcher(config.exclude ?? [], path.dirname(file)) };
}

/** Finds and loads configuration files; one instance per run, so searches are cached. */
export class ConfigResolver {
  // Created on first search: a run with --no-config or --config never loads lilconfig.
  private explorerInstance: ReturnType<typeof import('lilconfig').lilconfigSync> | undefined;
  private get explorer() {
    this.explorerInstance ??= (require('lilconfig') as typeof import('lilconfig')).lilconfigSync(
      PACKAGE_KEY,
      {
        searchPlaces: ['package.json', CONFIG_FILE],
        loaders: {
          '.json': (file: string, content: string) => readJson(file, content),
          noExt: (file: string, content: string) => readJson(file, content),
        },
        // lilconfig reads package.json's `dockerfile-codemod` key itself.
        packageProp: PACKAGE_KEY,
      },
    );
    return this.explorerInstance;
  }
  private readonly fixed: LoadedConfig | undefined;

  /** `explicit`: one config file for every Dockerfile (--config); `false` to use none (--no-config). */
  constructor(explicit?: string | false) {
    this.disabled = explicit === false;
    if (typeof explicit === 'string') {
      const file = path.resolve(explicit);
      let content: string;
      try {
        content = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new ConfigError(
          file,
          '',
          `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
      }
      const json = readJson(file, content);
      const value =
        path.basename(file) === 'package.json' ? (json as Record<string, unknown>)[PACKAGE_KEY] : json;
      this.fixed = loaded(
        validateConfig(value ?? {}, file, path.basename(file) === 'package.json' ? PACKAGE_KEY : ''),
        file,
      );
    }
  }

  private readonly disabled: boolean;
  private readonly loadedFiles = new Map<string, LoadedConfig>();

  private scanned: ReadonlyMap<string, boolean> = new Map();

  /** Folders a walk already read, and whether each holds a candidate file: lookups skip the others without touching the disk. */
  useScannedFolders(scanned: ReadonlyMap<string, boolean>): void {
    this.scanned = scanned;
  }

  /** The configuration that applies to a Dockerfile, if any; throws ConfigError for a bad file. */
  forFile(file: string): LoadedConfig | undefined {
    if (this.disabled) return undefined;
    if (this.fixed) return this.fixed;
    let dir = path.dirname(file);
    while (this.scanned.get(dir) === false && path.dirname(dir) !== dir) dir = path.dirname(dir);
    let found: LilconfigResult;
    try {
      found = this.explorer.search(dir);
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      throw new ConfigError(path.dirname(file), '', (e as Error).message);
    }
    if (!found || found.isEmpty) return undefined;
    // Validated and its globs compiled once per configuration file, not once per Dockerfile.
    let config = this.loadedFiles.get(found.filepath);
    if (!config) {
      const inPackage = path.basename(found.filepath) === 'package.json';
      config = loaded(
        validateConfig(found.config, found.filepath, inPackage ? PACKAGE_KEY : ''),
        found.filepath,
      );
      this.loadedFiles.set(found.filepath, config);
    }
    return config;
  }
}
