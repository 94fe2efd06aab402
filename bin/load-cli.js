'use strict';
// Loads the bundled CLI (dist/cli.js) with a V8 code cache kept in the user's
// cache folder, so a run over one file (pre-commit, an editor hook) does not
// compile the bundle's functions again each time: about 30 ms of a 185 ms
// single-file run on the reference machine.
//
// The cache is written after the run, so it holds the functions the run
// compiled, not only those V8 compiles eagerly (v8-compile-cache writes it at
// compile time and saves about a third as much here). It is keyed by the
// bundle's content hash (dist/cli.buildid, written by the build), by the
// install's path, and by Node's version, architecture and V8 flags; V8 checks it again and rejects a stale
// one, which is then replaced. Any failure (no home, a read-only disk, a
// corrupt file) falls back to a plain require, and the run prints nothing
// about it. DOCKERFILE_CODEMOD_NO_CODE_CACHE=1 turns it off.
const fs = require('node:fs');
const Module = require('node:module');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const CLI = path.join(__dirname, '..', 'dist', 'cli.js');

function cacheDir() {
  const xdg = process.env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'dockerfile-codemod');
  const home = os.homedir();
  return home ? path.join(home, '.cache', 'dockerfile-codemod') : undefined;
}

/** Requires dist/cli.js; returns its exports and a function that saves the cache when it is worth it. */
function loadCli(v8Flags) {
  const plain = () => ({ cli: require(CLI), save: () => {} });
  if (process.env.DOCKERFILE_CODEMOD_NO_CODE_CACHE) return plain();
  let source;
  let file;
  let id;
  let place;
  try {
    const dir = cacheDir();
    if (!dir) return plain();
    id = fs.readFileSync(path.join(__dirname, '..', 'dist', 'cli.buildid'), 'utf8').trim();
    if (!/^[0-9a-f]+$/.test(id)) return plain();
    const runtime = `${process.version}-${process.arch}-${v8Flags.join('').replace(/[^a-z0-9]+/gi, '_')}`;
    // Keyed by the install's path too: two installs of one build never share a cache (or its file names).
    place = require('node:crypto').createHash('sha256').update(CLI).digest('hex').slice(0, 12);
    file = path.join(dir, `cli-${place}-${id}-${runtime}.v8cache`);
    source = fs.readFileSync(CLI, 'utf8');
  } catch {
    return plain();
  }
  let cached;
  try {
    cached = fs.readFileSync(file);
  } catch {
    // No cache yet.
  }
  let script;
  const mod = new Module(CLI, module);
  try {
    script = new vm.Script(Module.wrap(source), { filename: CLI, cachedData: cached });
    mod.filename = CLI;
    mod.paths = Module._nodeModulePaths(path.dirname(CLI));
    const wrapper = script.runInThisContext({ displayErrors: true });
    wrapper.call(mod.exports, mod.exports, Module.createRequire(CLI), mod, CLI, path.dirname(CLI));
    mod.loaded = true;
  } catch {
    return plain();
  }
  const stale = cached === undefined || script.cachedDataRejected === true;
  const save = () => {
    if (!stale) return;
    const dir = path.dirname(file);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      const data = script.createCachedData();
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // Written whole under a temporary name, then renamed: a concurrent run reads the old file or the new one.
      fs.writeFileSync(tmp, data, { mode: 0o600 });
      fs.renameSync(tmp, file);
      // Caches of other builds at this install's path are of no more use (those for another Node stay).
      for (const name of fs.readdirSync(dir))
        if (
          name.startsWith(`cli-${place}-`) &&
          name.endsWith('.v8cache') &&
          !name.startsWith(`cli-${place}-${id}-`)
        )
          fs.rmSync(path.join(dir, name), { force: true });
    } catch {
      // No cache this time; the run itself is done.
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // The folder is not there or not ours.
      }
    }
  };
  return { cli: mod.exports, save };
}

module.exports = { loadCli };
