/**
 * Loads tree-sitter and the bash grammar once, on first need. Files without a
 * RUN that needs reading never pay for it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Parser as TsParser } from 'web-tree-sitter';

let parser: TsParser | undefined;
let loading: Promise<TsParser> | undefined;

function grammarPath(): string {
  // Built package: dist/vendor/tree-sitter-bash.wasm, beside the CLI bundle (dist/cli.js) and two folders
  // above this module (dist/src/shell/loader.js). In the sources (tests), the dev dependency's copy.
  for (const candidate of [join(__dirname, 'vendor'), join(__dirname, '..', '..', 'vendor')]) {
    const file = join(candidate, 'tree-sitter-bash.wasm');
    if (existsSync(file)) return file;
  }
  return require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
}

/** Starts tree-sitter and the bash grammar; resolves to the shared parser. */
export function loadShellParser(): Promise<TsParser> {
  if (parser) return Promise.resolve(parser);
  if (!loading) {
    loading = (async () => {
      // Required lazily so runs that never read a RUN body do not load it.
      const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');
      await Parser.init();
      const language = await Language.load(readFileSync(grammarPath()));
      const p = new Parser();
      p.setLanguage(language);
      parser = p;
      return p;
    })();
  }
  return loading;
}

export function isShellParserLoaded(): boolean {
  return parser !== undefined;
}

/** The parser; `loadShellParser` must have resolved before. */
export function getParser(): TsParser {
  if (!parser) throw new Error('internal error: the shell parser is used before loadShellParser() resolved');
  return parser;
}
