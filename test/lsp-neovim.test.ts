/**
 * The language server in a real editor: Neovim's built-in LSP client, headless,
 * attached to `dockerfile-codemod lsp --stdio` (test/fixtures/lsp/neovim-client.lua
 * drives it). The diagnostics arrive where they belong, the quick fix and the
 * fix-all action apply through Neovim's own workspace-edit code, and the files it
 * writes are the fixtures' outputs byte for byte, non-ASCII text and CRLF line
 * breaks included.
 *
 * Neovim comes from Debian's packages: installed here when missing (apt-get, as
 * root), as e2e/setup.sh installs the build engine. Debian 12 has 0.7.2, whose
 * client has no vim.lsp.start: the script then uses vim.lsp.start_client and
 * vim.lsp.buf_attach_client.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, ensureBuilt, ROOT, removeTempDirs, tempDir } from './helpers/cli.js';
import { ensureNeovim } from './lsp-client.js';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lsp');
const RULE = 'cache-mount-install-target';
const DOCS = `https://github.com/dockerfile-codemod/dockerfile-codemod/blob/main/docs/rules/${RULE}.md`;

interface Seen {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  code: string;
  href: string;
  message: string;
}

interface Report {
  ok: boolean;
  error?: string;
  nvim: string;
  api: string;
  steps: string[];
  quickfix_diagnostics: Seen[];
  quickfix_titles: Array<{ title: string; kind: string; isPreferred: boolean }>;
  fixall_diagnostics: Seen[];
  fixall_title: string;
}

afterAll(removeTempDirs);

describe('Neovim', () => {
  let dir: string;
  let report: Report;
  let run: { status: number | null; stderr: string; ms: number };

  beforeAll(() => {
    ensureNeovim();
    ensureBuilt();
    dir = tempDir('dfcm-nvim-');
    fs.copyFileSync(path.join(FIXTURES, 'unicode.input.Dockerfile'), path.join(dir, 'Dockerfile'));
    fs.copyFileSync(path.join(FIXTURES, 'crlf.input.Dockerfile'), path.join(dir, 'api.Dockerfile'));
    const started = Date.now();
    const r = spawnSync(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '-n',
        '-c',
        `luafile ${path.join(FIXTURES, 'neovim-client.lua')}`,
      ],
      {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          DFCM_NODE: process.execPath,
          DFCM_BIN: BIN,
          DFCM_ROOT: dir,
          DFCM_QUICKFIX_FILE: path.join(dir, 'Dockerfile'),
          DFCM_FIXALL_FILE: path.join(dir, 'api.Dockerfile'),
          DFCM_REPORT: path.join(dir, 'report.json'),
          // Neovim's own state (the LSP log) stays in the temporary folder.
          XDG_STATE_HOME: path.join(dir, 'state'),
          XDG_CACHE_HOME: path.join(dir, 'cache'),
        },
      },
    );
    run = { status: r.status, stderr: r.stderr, ms: Date.now() - started };
    report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report;
  }, 600_000);

  test('the client attaches, fixes both files and quits, well within a minute', () => {
    expect(report.error).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(run.status).toBe(0);
    expect(run.ms).toBeLessThan(60_000);
    expect(report.steps).toEqual([
      'opened Dockerfile (fileformat=unix)',
      'diagnostics arrived: 1',
      `applied: Fix ${RULE}: replace '/app/node_modules' with '/root/.npm'`,
      'diagnostics cleared',
      'opened api.Dockerfile (fileformat=dos)',
      'diagnostics arrived: 2',
      'applied: Fix all dockerfile-codemod findings that have a safe fix',
      'diagnostics cleared',
    ]);
  });

  test('the diagnostic lands on the mount flag: Neovim turned the UTF-16 columns into the right bytes', () => {
    const line = fs
      .readFileSync(path.join(FIXTURES, 'unicode.input.Dockerfile'), 'utf8')
      .split('\n')[4] as string;
    const flag = '--mount=type=cache,id=café-😀,target=/app/node_modules';
    const col = Buffer.byteLength(line.slice(0, line.indexOf(flag)));
    expect(report.quickfix_diagnostics).toEqual([
      {
        lnum: 4,
        col,
        end_lnum: 4,
        end_col: col + Buffer.byteLength(flag),
        severity: 2,
        source: 'dockerfile-codemod',
        code: RULE,
        href: DOCS,
        message: expect.stringContaining("Mount npm's cache /root/.npm instead."),
      },
    ]);
    expect(report.fixall_diagnostics.map((d) => [d.lnum, d.col, d.code])).toEqual([
      [4, 4, RULE],
      [10, 4, RULE],
    ]);
  });

  test('at the cursor: the preferred quick fix, the ignore directive and the fix-all action', () => {
    expect(report.quickfix_titles).toEqual([
      {
        title: `Fix ${RULE}: replace '/app/node_modules' with '/root/.npm'`,
        kind: 'quickfix',
        isPreferred: true,
      },
      {
        title: `Ignore ${RULE} on this instruction (add a dockerfile-codemod directive)`,
        kind: 'quickfix',
        isPreferred: false,
      },
      {
        title: 'Fix all dockerfile-codemod findings that have a safe fix',
        kind: 'source.fixAll.dockerfile-codemod',
        isPreferred: false,
      },
    ]);
  });

  test('the files Neovim wrote are the fixtures’ outputs, byte for byte', () => {
    expect(fs.readFileSync(path.join(dir, 'Dockerfile')).toString('latin1')).toBe(
      fs.readFileSync(path.join(FIXTURES, 'unicode.output.Dockerfile')).toString('latin1'),
    );
    expect(fs.readFileSync(path.join(dir, 'api.Dockerfile')).toString('latin1')).toBe(
      fs.readFileSync(path.join(FIXTURES, 'crlf.output.Dockerfile')).toString('latin1'),
    );
  });
});
