/**
 * The remaining JavaScript tools: Yarn Berry (and a corepack-chosen Yarn),
 * Bun, Deno and Vite. Dockerfile text in, the module's answer out.
 */
import { bun } from '../../src/package-managers/bun.js';
import { deno } from '../../src/package-managers/deno.js';
import { vite } from '../../src/package-managers/vite.js';
import { yarn } from '../../src/package-managers/yarn.js';
import { yarnBerry } from '../../src/package-managers/yarn-berry.js';
import { invocations, loadReader, one } from '../helpers/pm.js';

beforeAll(loadReader);

const NODE = 'FROM node:22\nWORKDIR /app\nCOPY package.json yarn.lock ./\n';

describe('which Yarn', () => {
  test.each([
    ['flag --immutable', `${NODE}RUN yarn install --immutable\n`],
    ['flag --mode', `${NODE}RUN yarn install --mode=skip-build\n`],
    ['a copied .yarnrc.yml', `${NODE}COPY .yarnrc.yml ./\nRUN yarn\n`],
    ['yarn set version stable', `${NODE}RUN corepack enable && yarn set version stable\nRUN yarn\n`],
    ['corepack prepare yarn@4', `${NODE}RUN corepack prepare yarn@4.1.0 --activate\nRUN yarn\n`],
    ['corepack use yarn@berry', `${NODE}RUN corepack use yarn@berry\nRUN yarn\n`],
    ['a Berry-only variable', `${NODE}ENV YARN_ENABLE_GLOBAL_CACHE=false\nRUN yarn\n`],
    ['yarn workspaces focus', `${NODE}RUN yarn workspaces focus web --production\n`],
    ['yarn up', `${NODE}RUN yarn up react\n`],
    ['berry after npm-installed yarn', `${NODE}RUN npm i -g yarn && yarn set version 4.5.0\nRUN yarn\n`],
  ])('Berry by %s', (_what, dockerfile) => {
    expect(invocations(yarn, dockerfile)).toEqual([]);
    expect(invocations(yarnBerry, dockerfile).map((i) => i.tool.name)).toEqual(['Yarn Berry']);
  });

  test.each([
    ['no corepack', `${NODE}RUN yarn\n`],
    ['a flag Berry refuses', `${NODE}RUN corepack enable\nRUN yarn install --production --ignore-engines\n`],
    ['yarn global add', `${NODE}RUN corepack enable\nRUN yarn global add serve\n`],
    ['npm install -g yarn', `${NODE}RUN corepack enable\nRUN npm install -g yarn@1.22.22 && yarn\n`],
    ['npm i -g yarn', `${NODE}RUN corepack enable && npm i --global yarn\nRUN yarn\n`],
    [
      'set version classic after Berry',
      `${NODE}RUN yarn set version stable && yarn set version classic\nRUN yarn\n`,
    ],
  ])('Yarn 1 by %s', (_what, dockerfile) => {
    expect(invocations(yarnBerry, dockerfile)).toEqual([]);
    expect(invocations(yarn, dockerfile)).toHaveLength(1);
  });

  test('corepack without version evidence leaves the version to package.json', () => {
    const dockerfile = `${NODE}RUN corepack enable\nRUN yarn install\n`;
    expect(invocations(yarn, dockerfile)).toEqual([]);
    const [inv] = invocations(yarnBerry, dockerfile);
    expect(inv?.tool.name).toBe('Yarn');
    expect(inv?.destinations.map((d) => d.path)).toEqual(['/app/node_modules']);
  });
});

describe('yarn berry', () => {
  const BERRY = `${NODE}RUN corepack enable && corepack prepare yarn@4.5.0 --activate\n`;

  test.each([
    ['yarn', 'install'],
    ['yarn install --immutable', 'install'],
    ['yarn add left-pad', 'add'],
    ['yarn up react', 'up'],
    ['yarn remove left-pad', 'remove'],
    ['yarn dedupe', 'dedupe'],
    ['yarn workspaces focus web --production', 'workspaces focus'],
  ])('%s is an install (%s)', (cmd, action) => {
    expect(one(yarnBerry, `${BERRY}ENV YARN_NODE_LINKER=node-modules\nRUN ${cmd}\n`).action).toBe(action);
  });

  test('not installs: scripts, run, foreach, dlx', () => {
    expect(
      invocations(
        yarnBerry,
        `${BERRY}RUN yarn build && yarn run lint && yarn workspaces foreach -A run build && yarn dlx x\n`,
      ),
    ).toEqual([]);
  });

  test.each([
    ['YARN_NODE_LINKER=node-modules', 'RUN YARN_NODE_LINKER=node-modules yarn\n'],
    ['yarn config set nodeLinker', 'RUN yarn config set nodeLinker node-modules\nRUN yarn\n'],
    ['nodeLinker written to .yarnrc.yml', `RUN echo 'nodeLinker: "node-modules"' > .yarnrc.yml\nRUN yarn\n`],
    ['a mount on node_modules', 'RUN --mount=type=cache,target=node_modules yarn\n'],
    ['node_modules named later in the stage', 'RUN yarn\nENV PATH=/app/node_modules/.bin:$PATH\n'],
    ['the pnpm linker', 'ENV YARN_NODE_LINKER=pnpm\nRUN yarn\n'],
  ])('node_modules linker by %s: node_modules and the global cache', (_what, tail) => {
    const r = one(yarnBerry, `${BERRY}${tail}`);
    expect(r.dests).toEqual(['/app/node_modules']);
    expect(r.caches).toEqual([{ path: '/root/.yarn/berry/cache' }]);
  });

  test("Plug'n'Play (the default, no .yarnrc.yml in play): the global cache is where packages live", () => {
    const r = one(yarnBerry, `${BERRY}RUN yarn install --immutable\n`);
    expect(r.dests).toEqual([
      '/app/.pnp.cjs',
      '/app/.pnp.loader.mjs',
      '/app/.yarn/unplugged',
      '/app/.yarn/install-state.gz',
      '/root/.yarn/berry/cache',
    ]);
    expect(r.cache).toHaveProperty('trap');
    expect((r.cache as { trap: string }).trap).toMatch(/YARN_ENABLE_GLOBAL_CACHE=false/);
    expect((r.cache as { trap: string }).trap).toMatch(/node-modules/);
  });

  test('PnP by YARN_NODE_LINKER=pnp even with a folder copied in', () => {
    const r = one(yarnBerry, `${BERRY}COPY . .\nRUN YARN_NODE_LINKER=pnp yarn\n`);
    expect(r.dests).toContain('/app/.pnp.cjs');
    // enableGlobalCache may be set by the copied files: both caches may hold the packages.
    expect(r.dests).toEqual(expect.arrayContaining(['/root/.yarn/berry/cache', '/app/.yarn/cache']));
    expect(r.cache).toHaveProperty('trap');
  });

  test('PnP without the global cache: the project cache is a destination, the global mirror a cache', () => {
    const r = one(yarnBerry, `${BERRY}RUN YARN_ENABLE_GLOBAL_CACHE=false yarn --immutable\n`);
    expect(r.dests).toContain('/app/.yarn/cache');
    expect(r.dests).not.toContain('/root/.yarn/berry/cache');
    expect(r.caches).toEqual([{ path: '/root/.yarn/berry/cache' }]);
    const moved = one(
      yarnBerry,
      `${BERRY}RUN YARN_ENABLE_GLOBAL_CACHE=0 YARN_CACHE_FOLDER=/root/.yarn yarn\n`,
    );
    expect(moved.dests).toContain('/root/.yarn');
  });

  test('Yarn 3 keeps the cache in the project (enableGlobalCache off before 4.0)', () => {
    const r = one(yarnBerry, `${NODE}RUN corepack prepare yarn@3.8.1 --activate\nRUN yarn\n`);
    expect(r.dests).toContain('/app/.yarn/cache');
    expect(r.caches).toEqual([{ path: '/root/.yarn/berry/cache' }]);
  });

  test.each([
    ['COPY . .', 'COPY . .\n'],
    ['a folder copied to the project', 'COPY frontend/ ./\n'],
    ['a folder copied to /', 'COPY rootfs /\n'],
    ['a folder copied to HOME', 'COPY dotfiles /root/\n'],
    ['a git clone', 'RUN git clone https://example.com/x.git .\n'],
    ['a bind mount of the context', ''],
  ])('linker unknown after %s: reported, not guessed', (what, copy) => {
    const mount = what.startsWith('a bind') ? '--mount=type=bind,target=. ' : '';
    const r = one(yarnBerry, `${BERRY}${copy}RUN ${mount}yarn install --immutable\n`);
    expect(r.dests).toEqual([
      '/app/node_modules',
      '/app/.pnp.cjs',
      '/app/.pnp.loader.mjs',
      '/app/.yarn/unplugged',
      '/app/.yarn/install-state.gz',
      // Under Plug'n'Play, Yarn's default, the packages are in a cache, unless the config says otherwise.
      '/root/.yarn/berry/cache',
      '/app/.yarn/cache',
    ]);
    expect(r.cache).toHaveProperty('unknown');
    const conditions = invocations(yarnBerry, `${BERRY}${copy}RUN ${mount}yarn install --immutable\n`)[0]
      ?.destinations.filter((d) => d.condition !== undefined)
      .map((d) => d.condition?.split(',')[2]?.trim());
    expect(conditions).toEqual([
      'with enableGlobalCache (on by default since Yarn 4)',
      'with enableGlobalCache off (the default of Yarn 2 and 3)',
    ]);
  });

  test.each([
    ['a nodeLinker written', 'RUN yarn config set nodeLinker node-modules\nCOPY . .\n', []],
    ['YARN_NODE_LINKER', 'ENV YARN_NODE_LINKER=node-modules\nCOPY . .\n', []],
    ['enableGlobalCache off', 'ENV YARN_ENABLE_GLOBAL_CACHE=false\nCOPY . .\n', ['/app/.yarn/cache']],
    [
      'enableGlobalCache on',
      'RUN yarn config set enableGlobalCache true\nCOPY . .\n',
      ['/root/.yarn/berry/cache'],
    ],
  ])('after COPY . . with %s, only the caches it leaves possible are conditional', (_what, lines, want) => {
    const [inv] = invocations(yarnBerry, `${BERRY}${lines}RUN yarn install --immutable\n`);
    expect(inv?.destinations.filter((d) => d.condition !== undefined).map((d) => d.path)).toEqual(want);
  });

  test('an image this tool does not know may carry settings: linker unknown', () => {
    const r = one(yarnBerry, 'FROM corp/node:22\nWORKDIR /app\nRUN yarn install --immutable\n');
    expect(r.cache).toHaveProperty('unknown');
  });

  test('a bind mount elsewhere does not hide the config', () => {
    const r = one(yarnBerry, `${BERRY}RUN --mount=target=/context yarn install --immutable\n`);
    expect(r.cache).toHaveProperty('trap');
  });

  test('a subfolder copied below the project cannot bring a .yarnrc.yml', () => {
    expect(one(yarnBerry, `${BERRY}COPY src ./src\nRUN yarn --immutable\n`).dests).toContain(
      '/root/.yarn/berry/cache',
    );
  });

  test.each([
    ['ENV XDG_DATA_HOME=/x\n', '/x/yarn/berry/cache'],
    ['ENV YARN_GLOBAL_FOLDER=/g\n', '/g/cache'],
    ['USER node\n', '/home/node/.yarn/berry/cache'],
    ['ENV HOME=/h\n', '/h/.yarn/berry/cache'],
  ])('global cache with %j is %s', (env, path) => {
    expect(one(yarnBerry, `${BERRY}${env}RUN YARN_NODE_LINKER=node-modules yarn\n`).cache).toMatchObject({
      path,
    });
  });

  test('--cwd and cd move the project', () => {
    expect(
      one(yarnBerry, `${BERRY}RUN YARN_NODE_LINKER=node-modules yarn --cwd web install\n`).dests,
    ).toEqual(['/app/web/node_modules']);
    expect(one(yarnBerry, `${BERRY}RUN cd ui && YARN_NODE_LINKER=node-modules yarn\n`).dests).toEqual([
      '/app/ui/node_modules',
    ]);
  });

  test('a configured cache folder wins', () => {
    expect(
      one(yarnBerry, `${BERRY}RUN YARN_NODE_LINKER=node-modules yarn\n`, { 'yarn-berry': '/c' }).cache,
    ).toEqual({ path: '/c', via: 'configuration' });
  });
});

describe('yarn behind corepack, version unknown', () => {
  const COREPACK = `${NODE}RUN corepack enable\n`;

  test('a mount already covering the Berry cache is the fix', () => {
    const r = one(
      yarnBerry,
      `${COREPACK}RUN --mount=type=cache,target=/root/.yarn --mount=type=cache,target=node_modules yarn install\n`,
    );
    expect(r.caches).toEqual([{ path: '/root/.yarn/berry/cache' }]);
  });

  test('a mount already covering the Yarn 1 cache is the fix', () => {
    const r = one(
      yarnBerry,
      `${COREPACK}RUN --mount=type=cache,target=/usr/local/share/.cache/yarn --mount=type=cache,target=node_modules yarn\n`,
    );
    expect(r.caches).toEqual([{ path: '/usr/local/share/.cache/yarn' }]);
  });

  test('a mount covering node_modules itself does not count', () => {
    const r = one(
      yarnBerry,
      'FROM node:22\nWORKDIR /root/app\nRUN corepack enable\nRUN --mount=type=cache,target=/root yarn\n',
    );
    expect(r.cache).toHaveProperty('unknown');
  });

  test('otherwise reported with both caches', () => {
    const r = one(yarnBerry, `${COREPACK}RUN --mount=type=cache,target=node_modules yarn install\n`);
    expect((r.cache as { unknown: string }).unknown).toMatch(
      /\/usr\/local\/share\/\.cache\/yarn for Yarn 1, or \/root\/\.yarn\/berry\/cache for Yarn 2\+/,
    );
  });

  test('yarn up and workspaces focus are Berry', () => {
    expect(invocations(yarnBerry, `${COREPACK}RUN yarn up x\n`)[0]?.tool.name).toBe('Yarn Berry');
  });
});

describe('bun', () => {
  test.each([
    ['bun install', 'install', ['/app/node_modules']],
    ['bun i --frozen-lockfile', 'i', ['/app/node_modules']],
    ['bun add zod', 'add', ['/app/node_modules']],
    ['bun a zod', 'a', ['/app/node_modules']],
    ['bun ci', 'ci', ['/app/node_modules']],
    ['bun update', 'update', ['/app/node_modules']],
    ['bun remove zod', 'remove', ['/app/node_modules']],
    ['bun --cwd web install', 'install', ['/app/web/node_modules']],
    ['bun install --cwd=web', 'install', ['/app/web/node_modules']],
    ['cd web && bun install --production', 'install', ['/app/web/node_modules']],
    ['bun install --linker isolated', 'install', ['/app/node_modules', '/app/node_modules/.bun']],
  ])('%s', (cmd, action, dests) => {
    const r = one(bun, `FROM oven/bun:1\nWORKDIR /app\nRUN ${cmd}\n`);
    expect(r.action).toBe(action);
    expect(r.dests).toEqual(dests);
  });

  test('the oven/bun image works in /home/bun/app', () => {
    expect(one(bun, 'FROM oven/bun:1.2-alpine\nRUN bun install\n').dests).toEqual([
      '/home/bun/app/node_modules',
    ]);
  });

  test('not installs: run, x, bunx, pm, test, build', () => {
    expect(
      invocations(
        bun,
        'FROM oven/bun:1\nRUN bun run build && bun x vite build && bunx tsc && bun pm cache rm && bun test && bun build ./a.ts\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['FROM debian\nRUN bun add -g serve\n', ['/root/.bun/install/global/node_modules', '/root/.bun/bin']],
    [
      'FROM oven/bun:1\nRUN bun add -g serve\n',
      ['/root/.bun/install/global/node_modules', '/root/.bun/bin', '/usr/local/bin'],
    ],
    [
      'FROM oven/bun:1\nENV BUN_INSTALL=/opt/bun\nRUN bun i -g serve\n',
      ['/opt/bun/install/global/node_modules', '/opt/bun/bin'],
    ],
    [
      'FROM debian\nENV BUN_INSTALL_GLOBAL_DIR=/g BUN_INSTALL_BIN=/usr/local/bin\nRUN bun install --global serve\n',
      ['/g/node_modules', '/usr/local/bin'],
    ],
    [
      'FROM debian\nENV XDG_CACHE_HOME=/x\nRUN bun add -g serve\n',
      ['/x/.bun/install/global/node_modules', '/x/.bun/bin'],
    ],
  ])('global install %j goes to %j', (dockerfile, dests) => {
    expect(one(bun, dockerfile).dests).toEqual(dests);
  });

  test('global folder depending on an unknown value: no answer', () => {
    expect(invocations(bun, 'FROM debian\nARG G\nENV BUN_INSTALL_GLOBAL_DIR=$G\nRUN bun add -g x\n')).toEqual(
      [],
    );
  });

  test.each([
    ['FROM oven/bun:1\nRUN bun install\n', '/root/.bun/install/cache'],
    ['FROM oven/bun:1\nUSER bun\nRUN bun install\n', '/home/bun/.bun/install/cache'],
    ['FROM oven/bun:1\nENV BUN_INSTALL_CACHE_DIR=/bc\nRUN bun install\n', '/bc'],
    ['FROM oven/bun:1\nRUN bun install --cache-dir /f\n', '/f'],
    ['FROM oven/bun:1\nENV BUN_INSTALL_CACHE_DIR=/bc\nRUN bun install --cache-dir /f\n', '/bc'],
    ['FROM oven/bun:1\nENV BUN_INSTALL=/opt/bun\nRUN bun install\n', '/opt/bun/install/cache'],
    ['FROM oven/bun:1\nENV XDG_CACHE_HOME=/x\nRUN bun install\n', '/x/.bun/install/cache'],
    ['FROM oven/bun:1\nENV HOME=/h\nRUN bun install\n', '/h/.bun/install/cache'],
  ])('cache of %j is %s', (dockerfile, path) => {
    expect(one(bun, dockerfile).cache).toMatchObject({ path });
  });

  test('--no-cache only skips the manifest cache: not a defeat', () => {
    expect(one(bun, 'FROM oven/bun:1\nRUN bun install --no-cache\n').defeatedBy).toBeUndefined();
  });
});

describe('deno', () => {
  const IMAGE = 'FROM denoland/deno:2.1.4\nWORKDIR /app\n';

  test('deno cache fills DENO_DIR for later runs: a destination, and the trap', () => {
    const r = one(deno, `${IMAGE}RUN deno cache main.ts\n`);
    expect(r.dests).toEqual(['/deno-dir']);
    expect((r.cache as { trap: string }).trap).toMatch(/DENO_DIR \(\/deno-dir\)/);
  });

  test.each([
    ['deno install', 'install', ['/app/node_modules', '/deno-dir']],
    ['deno install --entrypoint main.ts', 'install', ['/app/node_modules', '/deno-dir']],
    ['deno add jsr:@std/path', 'add', ['/app/node_modules', '/deno-dir']],
    ['deno cache --node-modules-dir=auto main.ts', 'cache', ['/app/node_modules', '/deno-dir']],
    ['deno install --vendor', 'install', ['/app/node_modules', '/app/vendor', '/deno-dir']],
  ])('%s', (cmd, action, dests) => {
    const r = one(deno, `${IMAGE}RUN ${cmd}\n`);
    expect(r.action).toBe(action);
    expect(r.dests).toEqual(dests);
    expect(r.cache).toHaveProperty('trap');
  });

  test('nodeModulesDir written in deno.json brings node_modules to deno cache', () => {
    expect(
      one(deno, `${IMAGE}RUN echo '{"nodeModulesDir": "auto"}' > deno.json\nRUN deno cache main.ts\n`).dests,
    ).toEqual(['/app/node_modules', '/deno-dir']);
  });

  test.each([
    [`${IMAGE}RUN deno install -g -A -n tool jsr:@x/tool\n`, ['/usr/local/bin', '/deno-dir']],
    [`${IMAGE}RUN deno install --global --root /opt/d jsr:@x/tool\n`, ['/opt/d/bin', '/deno-dir']],
    [`${IMAGE}RUN deno install -g --root=/usr/local/bin jsr:@x/tool\n`, ['/usr/local/bin', '/deno-dir']],
    ['FROM debian\nRUN deno install -g jsr:@x/tool\n', ['/root/.deno/bin', '/root/.cache/deno']],
    [
      'FROM denoland/deno:1.46.3\nRUN deno install -A https://x.dev/cli.ts\n',
      ['/usr/local/bin', '/deno-dir'],
    ],
  ])('global install %j', (dockerfile, dests) => {
    expect(one(deno, dockerfile).dests).toEqual(dests);
  });

  test.each([
    ['FROM debian\nRUN deno cache m.ts\n', '/root/.cache/deno'],
    ['FROM debian\nENV XDG_CACHE_HOME=/x\nRUN deno cache m.ts\n', '/x/deno'],
    ['FROM debian\nENV DENO_DIR=/dd\nRUN deno cache m.ts\n', '/dd'],
    ['FROM debian\nUSER 1000\nENV HOME=/home/u\nRUN deno cache m.ts\n', '/home/u/.cache/deno'],
  ])('DENO_DIR of %j is %s', (dockerfile, dir) => {
    expect(one(deno, dockerfile).dests).toEqual([dir]);
  });

  test.each([
    ['deno compile -o /app/bin/server main.ts', '/app/bin/server'],
    ['deno compile --output=dist/app -A src/app.ts', '/app/dist/app'],
    ['deno compile -A server.ts', '/app/server'],
    ['cd srv && deno compile main.ts', '/app/srv/srv'],
    ['deno compile https://x.dev/tools/cli.ts', '/app/tools'],
  ])('%s writes %s (build output; DENO_DIR is only a download cache)', (cmd, out) => {
    const r = one(deno, `${IMAGE}RUN ${cmd}\n`);
    expect(r.dests).toEqual([out]);
    expect(r.kinds).toEqual(['build']);
    expect(r.caches).toEqual([{ path: '/deno-dir' }]);
  });

  test('deno cache followed by deno compile in the same RUN only feeds the compile', () => {
    const invs = invocations(deno, `${IMAGE}RUN deno cache main.ts && deno compile -o /srv/app main.ts\n`);
    expect(invs.map((i) => i.destinations.map((d) => d.path))).toEqual([['/srv/app']]);
    const install = invocations(deno, `${IMAGE}RUN deno install && deno compile -o /srv/app main.ts\n`)[0];
    expect(install?.destinations.map((d) => d.path)).toEqual(['/app/node_modules']);
    expect(install?.caches).toEqual([{ path: '/deno-dir' }]);
  });

  test('--reload defeats the cache', () => {
    expect(one(deno, `${IMAGE}RUN deno compile -r -o /a main.ts\n`).defeatedBy).toBe('--reload');
  });

  test('not installs: run, task, test, compile of a jsr: name', () => {
    expect(
      invocations(
        deno,
        `${IMAGE}RUN deno run -A main.ts && deno task build && deno test && deno compile jsr:@x/y\n`,
      ),
    ).toEqual([]);
  });
});

describe('vite', () => {
  const APP = 'FROM node:22\nWORKDIR /app\n';

  test.each([
    'vite build',
    'npx vite build',
    'npx -y vite@5 build',
    'pnpx vite build',
    'pnpm exec vite build',
    'pnpm vite build',
    'pnpm dlx vite build',
    'yarn vite build',
    'yarn run vite build',
    'yarn exec vite build',
    'bunx vite build',
    'bun x vite build',
    'bun run vite build',
    'bun --bun vite build',
    'npm exec vite build',
    'npm exec -- vite build',
    'npm x vite build',
    'node_modules/.bin/vite build',
    './node_modules/.bin/vite build --mode production',
    'node node_modules/vite/bin/vite.js build',
    'deno run -A npm:vite build',
    'vite build --config vite.config.js --clearScreen false',
    'vite build --minify terser --sourcemap',
  ])('%s writes /app/dist', (cmd) => {
    const r = one(vite, `${APP}RUN ${cmd}\n`);
    expect(r.action).toBe('build');
    expect(r.dests).toEqual(['/app/dist']);
    expect(r.kinds).toEqual(['build']);
    expect(r.caches).toEqual([]);
  });

  test.each([
    ['vite build --outDir out', '/app/out'],
    ['vite build --outDir=/srv/www', '/srv/www'],
    ['vite build web', '/app/web/dist'],
    ['vite build web --outDir ../public', '/app/public'],
    ['vite build --emptyOutDir web', '/app/web/dist'],
    ['cd web && npx vite build', '/app/web/dist'],
    ['pnpm -C web exec vite build', '/app/web/dist'],
    ['yarn --cwd web vite build', '/app/web/dist'],
    ['npm --prefix web exec vite build', '/app/web/dist'],
    ['bun --cwd=web x vite build', '/app/web/dist'],
  ])('%s writes %s', (cmd, out) => {
    expect(one(vite, `${APP}RUN ${cmd}\n`).dests).toEqual([out]);
  });

  test('not builds: dev server, preview, vitest, scripts, an unknown workspace folder', () => {
    expect(
      invocations(
        vite,
        `${APP}RUN vite && vite dev && vite preview && npx vitest run && yarn build && npm run build && pnpm --filter web exec vite build && yarn workspace web vite build\n`,
      ),
    ).toEqual([]);
  });

  test('an outDir or root that is not known statically: no answer', () => {
    expect(invocations(vite, `${APP}ARG OUT\nRUN vite build --outDir $OUT\n`)).toEqual([]);
  });
});
