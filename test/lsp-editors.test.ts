/**
 * docs/editors.md as its readers use it. The Neovim 0.7 setup runs for real
 * (Debian's Neovim, headless, the server found on PATH as the page says);
 * every Lua block compiles; the VS Code settings, the Helix languages.toml
 * and the Zed extension and settings parse, and name the same command,
 * arguments, language and initialization options, with which the real
 * server then answers. VS Code, Helix, Zed and nvim-lspconfig themselves are
 * not run: none is packaged for Debian 12, and the Zed extension would need
 * crates.io to compile.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { FIX_ALL_KIND } from '../src/lsp/actions.js';
import { BIN, ensureBuilt, ROOT, removeTempDirs, tempDir } from './helpers/cli.js';
import { ensureNeovim, LspClient, uriOf } from './lsp-client.js';

// Each test starts a server process: on a busy machine that alone can take seconds.
jest.setTimeout(60_000);

const DOC = fs.readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lsp');
const RULE = 'cache-mount-install-target';
const COMMAND = 'dockerfile-codemod';
const ARGS = ['lsp', '--stdio'];

/** The fenced block after `<!-- editors: NAME -->`, with its language. */
function block(name: string): { lang: string; code: string } {
  const m = new RegExp(`<!-- editors: ${name} -->\\n\`\`\`(\\w+)\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(DOC);
  if (!m) throw new Error(`no block marked ${name} in docs/editors.md`);
  return { lang: m[1] as string, code: `${m[2]}\n` };
}

const table = (v: unknown) => v as Record<string, unknown>;

afterAll(removeTempDirs);

/** Starts the real server with the arguments and options a setup gives it, opens a Dockerfile with its language id: the finding comes back. */
async function answers(argv: string[], initializationOptions: unknown, languageId: string): Promise<void> {
  const dir = tempDir('dfcm-editors-');
  const client = await LspClient.start({
    argv,
    initializationOptions: initializationOptions as Record<string, unknown>,
  });
  try {
    const uri = uriOf(path.join(dir, 'Dockerfile'));
    await client.open(
      uri,
      fs.readFileSync(path.join(FIXTURES, 'unicode.input.Dockerfile'), 'utf8'),
      languageId,
    );
    expect((await client.diagnostics(uri)).diagnostics.map((d) => d.code)).toEqual([RULE]);
    expect(await client.shutdown()).toBe(0);
  } finally {
    client.kill();
  }
}

test('the README links the page from its Integrations section', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const integrations = readme.slice(readme.indexOf('## Integrations'), readme.indexOf('## Transforms'));
  expect(integrations).toContain('(docs/editors.md)');
});

describe('Neovim', () => {
  const names = ['neovim-start', 'neovim-0.7', 'neovim-lspconfig', 'neovim-config'];
  let dir: string;
  const nvim = (args: string[], env: NodeJS.ProcessEnv) => {
    const report = path.join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
    const r = spawnSync('nvim', ['--headless', '-i', 'NONE', '-n', ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        XDG_STATE_HOME: path.join(dir, 'state'),
        XDG_CACHE_HOME: path.join(dir, 'cache'),
        DFCM_REPORT: report,
        ...env,
      },
    });
    expect([r.status, r.stderr]).toEqual([0, expect.any(String)]);
    return JSON.parse(fs.readFileSync(report, 'utf8')) as Record<string, unknown>;
  };

  beforeAll(() => {
    ensureNeovim();
    ensureBuilt();
    dir = tempDir('dfcm-editors-nvim-');
  }, 600_000);

  test('every Lua block compiles (LuaJIT) and starts `dockerfile-codemod lsp --stdio`', () => {
    const files = names.map((name) => {
      const { lang, code } = block(name);
      expect([name, lang]).toEqual([name, 'lua']);
      expect(code).toContain("{ 'dockerfile-codemod', 'lsp', '--stdio' }");
      expect(code).toContain('debounceMs = 100');
      const file = path.join(dir, `${name}.lua`);
      fs.writeFileSync(file, code);
      return file;
    });
    const report = nvim(['-u', 'NONE', '-c', `luafile ${path.join(FIXTURES, 'neovim-check.lua')}`], {
      DFCM_LUA_FILES: files.join(':'),
    });
    expect(report.compiled).toEqual(files.map((file) => ({ file, ok: true, error: null })));
  });

  test('the Neovim 0.7 setup, as init.lua: a Dockerfile opened gets its diagnostics from the server on PATH', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    // `dockerfile-codemod` on PATH, as a global install puts it.
    fs.writeFileSync(path.join(bin, COMMAND), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
      mode: 0o755,
    });
    const init = path.join(dir, 'init.lua');
    fs.writeFileSync(init, block('neovim-0.7').code);
    const work = path.join(dir, 'project');
    fs.mkdirSync(work, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'unicode.input.Dockerfile'), path.join(work, 'Dockerfile'));
    const report = nvim(
      ['-u', init, path.join(work, 'Dockerfile'), '-c', `luafile ${path.join(FIXTURES, 'neovim-check.lua')}`],
      {
        PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      },
    );
    expect(report).toEqual({
      waited: true,
      filetype: 'dockerfile',
      clients: ['dockerfile-codemod'],
      diagnostics: [{ lnum: 4, col: 4, code: RULE, source: 'dockerfile-codemod' }],
    });
  });
});

describe('VS Code: Generic LSP Client (v2)', () => {
  const settings = table(JSON.parse(block('vscode').code));

  test('the settings are the extension’s, and fix all on save names the server’s source action', () => {
    expect(block('vscode').lang).toBe('json');
    expect(settings['glspc.server.command']).toBe(COMMAND);
    expect(settings['glspc.server.commandArguments']).toEqual(ARGS);
    expect(settings['glspc.server.languageId']).toEqual(['dockerfile']);
    expect(settings['[dockerfile]']).toEqual({ 'editor.codeActionsOnSave': { [FIX_ALL_KIND]: 'explicit' } });
  });

  test('the server answers when started with those arguments and initialization options', async () => {
    await answers(
      settings['glspc.server.commandArguments'] as string[],
      settings['glspc.server.initializationOptions'],
      (settings['glspc.server.languageId'] as string[])[0] as string,
    );
  });
});

describe('Helix: languages.toml', () => {
  const toml = table(parseToml(block('helix').code));
  const server = table(table(toml['language-server'])[COMMAND]);

  test('a language server entry, and the dockerfile language running it beside docker-langserver', () => {
    expect(block('helix').lang).toBe('toml');
    expect(server.command).toBe(COMMAND);
    expect(server.args).toEqual(ARGS);
    expect(toml.language).toEqual([
      { name: 'dockerfile', 'language-servers': ['docker-langserver', COMMAND] },
    ]);
  });

  test('the server answers when started with those arguments and `config` as initialization options', async () => {
    await answers(server.args as string[], { ...table(server.config) }, 'dockerfile');
  });
});

describe('Zed: extension and settings', () => {
  const extension = table(parseToml(block('zed-extension').code));
  const cargo = table(parseToml(block('zed-cargo').code));
  const rust = block('zed-rust').code;
  const settings = table(JSON.parse(block('zed-settings').code));

  test('the extension declares one server for the Dockerfile language, with the dockerfile language id', () => {
    expect(extension).toMatchObject({ id: COMMAND, schema_version: 1, version: '0.1.0' });
    expect(table(extension.language_servers)).toEqual({
      [COMMAND]: { name: COMMAND, languages: ['Dockerfile'], language_ids: { Dockerfile: 'dockerfile' } },
    });
    expect(cargo).toMatchObject({
      lib: { path: 'src/lib.rs', 'crate-type': ['cdylib'] },
      dependencies: { zed_extension_api: '0.7.0' },
    });
  });

  test('the Rust code finds the command on PATH and starts it with lsp --stdio', () => {
    expect(block('zed-rust').lang).toBe('rust');
    expect(rust).toContain(`.which("${COMMAND}")`);
    expect(rust).toContain('args: vec!["lsp".into(), "--stdio".into()]');
    expect(rust).toContain('zed::register_extension!(DockerfileCodemod);');
    expect(rust).toContain('settings.initialization_options');
  });

  test('the settings run that server for Dockerfile, and the server answers with their options', async () => {
    const languages = table(table(settings.languages).Dockerfile);
    expect(languages.language_servers).toEqual([COMMAND, '...']);
    const options = table(table(settings.lsp)[COMMAND]).initialization_options;
    const languageId = table(table(table(extension.language_servers)[COMMAND]).language_ids).Dockerfile;
    await answers(ARGS, options, languageId as string);
  });
});
