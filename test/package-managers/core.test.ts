/**
 * Each package-manager module answers: is this an install, where does it
 * install, where is its cache. The commands come from real Dockerfile text
 * so the environment (ENV, ARG, USER, WORKDIR, cd) is the one a RUN sees.
 */
import { npm } from '../../src/package-managers/npm.js';
import { pip } from '../../src/package-managers/pip.js';
import { pnpm } from '../../src/package-managers/pnpm.js';
import { yarn } from '../../src/package-managers/yarn.js';
import { invocations, loadReader, one } from '../helpers/pm.js';

beforeAll(loadReader);

describe('pip', () => {
  test.each([
    ['pip install --target=/pkgs x', ['/pkgs']],
    ['pip3 install -t /pkgs x', ['/pkgs']],
    ['pip3.12 install -t/pkgs x', ['/pkgs']],
    ['python -m pip install --prefix /install x', ['/install']],
    ['python3 -u -m pip install --root /r x', ['/r']],
    ['PIP_TARGET=/env pip install x', ['/env']],
    ['pip install --user x', ['/root/.local']],
    ['python -m venv /opt/venv && /opt/venv/bin/pip install x', ['/opt/venv']],
    ['python3 -m venv v && . v/bin/activate && pip install x', ['/app/v']],
    ['/opt/venv/bin/python -m pip install x', ['/opt/venv']],
  ])('%s installs into %j', (cmd, dests) => {
    expect(one(pip, `FROM python:3.12-slim\nWORKDIR /app\nRUN ${cmd}\n`).dests).toEqual(dests);
  });

  test('plain pip in the python image installs into its site-packages and bin', () => {
    expect(one(pip, 'FROM python:3.11-alpine\nRUN pip install x\n').dests).toEqual([
      '/usr/local/lib/python3.11/site-packages',
      '/usr/local/bin',
    ]);
    expect(one(pip, 'FROM python:3\nRUN pip install x\n').dests[0]).toBe(
      '/usr/local/lib/python3.*/site-packages',
    );
  });

  test('a venv leading PATH is where plain pip installs', () => {
    expect(one(pip, 'FROM python:3.12\nENV PATH=/opt/venv/bin:$PATH\nRUN pip install x\n').dests).toEqual([
      '/opt/venv',
    ]);
  });

  test.each([
    'python -m venv --prompt app /opt/env',
    'python3 -m venv --system-site-packages --prompt=app /opt/env',
    'virtualenv -p python3 /opt/env',
    'python -m virtualenv --creator venv /opt/env',
    'uv venv --python 3.12 /opt/env',
    'uv venv --seed -p 3.12 --prompt app /opt/env',
    'uv --directory /opt venv env',
  ])('%s creates the venv /opt/env, not a folder named by an option value', (create) => {
    expect(
      one(
        pip,
        `FROM python:3.12\nWORKDIR /app\nRUN ${create}\nENV PATH=/opt/env/bin:$PATH\nRUN pip install x\n`,
      ).dests,
    ).toEqual(['/opt/env']);
  });

  test.each([
    'ENV PIP_TARGET=$T\nRUN pip install x',
    'ENV PIP_PREFIX=$T\nRUN pip install x',
    'ENV PIP_ROOT=$T\nRUN pip install x',
    'RUN PIP_TARGET=$T pip install x',
    'RUN pip install --prefix $T x',
  ])('a value not known statically leaves the destination unknown: %j', (lines) => {
    expect(invocations(pip, `FROM python:3.12\nARG T\nWORKDIR /app\n${lines}\n`)).toEqual([]);
  });

  test('python3.12 -mpip installs for Python 3.12, like python3.12 -m pip', () => {
    for (const cmd of ['python3.12 -m pip install x', 'python3.12 -mpip install x']) {
      expect(one(pip, `FROM python:3\nRUN ${cmd}\n`).dests[0]).toBe(
        '/usr/local/lib/python3.12/site-packages',
      );
    }
  });

  test('not installs: pip freeze, pip --version, python -c', () => {
    expect(
      invocations(pip, 'FROM python\nRUN pip freeze && pip --version && python -c "import pip"\n'),
    ).toEqual([]);
  });

  test('wheel and download folders are build output', () => {
    const inv = invocations(pip, 'FROM python\nRUN pip wheel -w /wheels -r r.txt\n')[0];
    expect(inv?.destinations).toEqual([{ path: '/wheels', kind: 'build', what: 'the wheel folder' }]);
  });

  test.each([
    ['FROM python\nRUN pip install x\n', '/root/.cache/pip'],
    ['FROM python\nENV PIP_CACHE_DIR=/var/cache/pip\nRUN pip install x\n', '/var/cache/pip'],
    ['FROM python\nENV XDG_CACHE_HOME=/cache\nRUN pip install x\n', '/cache/pip'],
    ['FROM python\nRUN pip install --cache-dir=/c x\n', '/c'],
    ['FROM python\nENV HOME=/home/b\nRUN pip install x\n', '/home/b/.cache/pip'],
    ['FROM node:20\nUSER node\nRUN pip install x\n', '/home/node/.cache/pip'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(pip, dockerfile).cache).toMatchObject({ path });
  });

  test('configuration overrides the cache dir', () => {
    expect(one(pip, 'FROM python\nRUN pip install x\n', { pip: '/mine' }).cache).toEqual({
      path: '/mine',
      via: 'configuration',
    });
  });

  test('an unknown user home leaves the cache unknown', () => {
    expect(one(pip, 'FROM debian\nUSER 1001\nRUN pip install x\n').cache).toHaveProperty('unknown');
  });

  test('--no-cache-dir and PIP_NO_CACHE_DIR defeat the cache', () => {
    expect(one(pip, 'FROM python\nRUN pip install --no-cache-dir x\n').defeatedBy).toBe('--no-cache-dir');
    expect(one(pip, 'FROM python\nENV PIP_NO_CACHE_DIR=0\nRUN pip install x\n').defeatedBy).toBe(
      'PIP_NO_CACHE_DIR',
    );
  });
});

describe('npm', () => {
  test.each([
    ['npm ci', '/app/node_modules'],
    ['npm i', '/app/node_modules'],
    ['npm install --omit=dev', '/app/node_modules'],
    ['npm clean-install', '/app/node_modules'],
    ['cd web && npm ci', '/app/web/node_modules'],
    ['npm --prefix /srv ci', '/srv/node_modules'],
    ['npm ci -C sub', '/app/sub/node_modules'],
  ])('%s installs into %s', (cmd, dest) => {
    expect(one(npm, `FROM node:20\nWORKDIR /app\nRUN ${cmd}\n`).dests).toEqual([dest]);
  });

  test('global installs go to the prefix', () => {
    expect(one(npm, 'FROM node:20\nRUN npm install -g pnpm\n').dests).toContain(
      '/usr/local/lib/node_modules',
    );
    expect(one(npm, 'FROM node:20\nENV NPM_CONFIG_PREFIX=/opt/npm\nRUN npm i -g x\n').dests).toEqual([
      '/opt/npm/lib/node_modules',
      '/opt/npm/bin',
    ]);
  });

  test('not installs: npm run, npm test, npx', () => {
    expect(invocations(npm, 'FROM node\nRUN npm run build && npm test && npx x\n')).toEqual([]);
  });

  test.each([
    ['FROM node:20\nRUN npm ci\n', '/root/.npm'],
    ['FROM node:20\nUSER node\nRUN npm ci\n', '/home/node/.npm'],
    ['FROM node:20\nENV npm_config_cache=/c\nRUN npm ci\n', '/c'],
    ['FROM node:20\nENV NPM_CONFIG_CACHE=/C\nRUN npm ci\n', '/C'],
    ['FROM node:20\nRUN npm ci --cache /x\n', '/x'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(npm, dockerfile).cache).toMatchObject({ path });
  });
});

describe('yarn 1', () => {
  test.each([
    ['yarn', ['/app/node_modules']],
    ['yarn --frozen-lockfile', ['/app/node_modules']],
    ['yarn install --modules-folder /nm', ['/nm']],
    ['yarn --cwd web install', ['/app/web/node_modules']],
    ['yarn add left-pad', ['/app/node_modules']],
  ])('%s installs into %j', (cmd, dests) => {
    expect(one(yarn, `FROM node:20\nWORKDIR /app\nRUN ${cmd}\n`).dests).toEqual(dests);
  });

  test('not installs: yarn build, yarn run x', () => {
    expect(invocations(yarn, 'FROM node:20\nRUN yarn build && yarn run x\n')).toEqual([]);
  });

  test.each([
    ['FROM node:20\nRUN yarn\n', '/usr/local/share/.cache/yarn'],
    ['FROM node:20\nENV HOME=/h\nRUN yarn\n', '/usr/local/share/.cache/yarn'],
    ['FROM node:20\nUSER node\nRUN yarn\n', '/home/node/.cache/yarn'],
    ['FROM node:20\nENV YARN_CACHE_FOLDER=/yc\nRUN yarn\n', '/yc'],
    ['FROM node:20\nENV XDG_CACHE_HOME=/x\nRUN yarn\n', '/x/yarn'],
    ['FROM node:20\nRUN yarn install --cache-folder /f\n', '/f'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(yarn, dockerfile).cache).toMatchObject({ path });
  });

  test('yarn global add: $XDG_DATA_HOME/yarn/global, the default when it is empty, unknown when its value is', () => {
    const global = (env: string) =>
      invocations(yarn, `FROM node:20\nARG D\n${env}WORKDIR /app\nRUN yarn global add x\n`);
    expect(global('')[0]?.destinations.map((d) => d.path)).toEqual(['/usr/local/share/.config/yarn/global']);
    expect(global('ENV XDG_DATA_HOME=/data\n')[0]?.destinations.map((d) => d.path)).toEqual([
      '/data/yarn/global',
    ]);
    expect(global('ENV XDG_DATA_HOME=\n')[0]?.destinations.map((d) => d.path)).toEqual([
      '/usr/local/share/.config/yarn/global',
    ]);
    expect(global('ENV XDG_DATA_HOME=$D\n')).toEqual([]);
  });

  test('Yarn Berry is left to its own rules', () => {
    expect(invocations(yarn, 'FROM node:20\nRUN yarn install --immutable\n')).toEqual([]);
    expect(invocations(yarn, 'FROM node:20\nCOPY .yarnrc.yml ./\nRUN yarn\n')).toEqual([]);
    expect(invocations(yarn, 'FROM node:20\nRUN corepack prepare yarn@4.1.0 --activate\nRUN yarn\n')).toEqual(
      [],
    );
  });
});

describe('pnpm', () => {
  test('installs into node_modules and its virtual store', () => {
    expect(one(pnpm, 'FROM node:20\nWORKDIR /app\nRUN pnpm install --frozen-lockfile\n').dests).toEqual([
      '/app/node_modules',
      '/app/node_modules/.pnpm',
    ]);
    expect(one(pnpm, 'FROM node:20\nWORKDIR /app\nRUN pnpm --dir web i\n').dests[0]).toBe(
      '/app/web/node_modules',
    );
    expect(one(pnpm, 'FROM node:20\nWORKDIR /app\nRUN pnpm deploy --prod /out\n').dests).toEqual(['/out']);
  });

  test('not installs: pnpm run build, pnpm fetch', () => {
    expect(invocations(pnpm, 'FROM node:20\nRUN pnpm run build && pnpm fetch\n')).toEqual([]);
  });

  test.each([
    ['FROM node:20\nRUN pnpm i\n', '/root/.local/share/pnpm/store'],
    ['FROM node:20\nENV PNPM_HOME=/pnpm\nRUN pnpm i\n', '/pnpm/store'],
    ['FROM node:20\nENV XDG_DATA_HOME=/d\nRUN pnpm i\n', '/d/pnpm/store'],
    ['FROM node:20\nRUN pnpm i --store-dir /s\n', '/s'],
    ['FROM node:20\nENV npm_config_store_dir=/n\nRUN pnpm i\n', '/n'],
  ])('store of %j is %s', (dockerfile, path) => {
    expect(one(pnpm, dockerfile).cache).toMatchObject({ path });
  });

  test.each([
    ['pnpm config set', 'WORKDIR /app\nRUN pnpm config set store-dir /pnpm-store && pnpm i\n', '/pnpm-store'],
    [
      'pnpm config set --global in an earlier RUN, relative to the project',
      'RUN pnpm config set --global store-dir .pnpm-store\nWORKDIR /app\nRUN pnpm i\n',
      '/app/.pnpm-store',
    ],
    ['pnpm config set key=value', 'RUN pnpm config set store-dir=/s2\nRUN pnpm i\n', '/s2'],
    [
      'npm config set with ~',
      'RUN npm config set store-dir ~/.pnpm-store\nRUN pnpm i\n',
      '/root/.pnpm-store',
    ],
    ['an .npmrc line', 'RUN echo "store-dir=/cache/pnpm" >> .npmrc\nRUN pnpm i\n', '/cache/pnpm'],
    [
      'pnpm-workspace.yaml',
      "WORKDIR /w\nRUN echo 'storeDir: /cache/ws' >> pnpm-workspace.yaml\nRUN pnpm i\n",
      '/cache/ws',
    ],
    [
      'the last one written',
      'RUN pnpm config set store-dir /a\nRUN pnpm config set store-dir /b && pnpm i\n',
      '/b',
    ],
    [
      'not one written after the install',
      'RUN pnpm i && pnpm config set store-dir /later\n',
      '/root/.local/share/pnpm/store',
    ],
    [
      'not a --store-dir flag of another command',
      'RUN pnpm fetch --store-dir=/other\nRUN pnpm i\n',
      '/root/.local/share/pnpm/store',
    ],
    [
      'the flag before a written one',
      'RUN pnpm config set store-dir /a\nRUN pnpm i --store-dir /flag\n',
      '/flag',
    ],
    [
      'a variable before a written one',
      'ENV npm_config_store_dir=/env\nRUN pnpm config set store-dir /a && pnpm i\n',
      '/env',
    ],
  ])('store set by %s', (_what, rest, path) => {
    expect(one(pnpm, `FROM node:20\n${rest}`).cache).toMatchObject({ path, versions: /^v\d+$/ });
  });

  test('pnpm 11 reads no .npmrc setting: only pnpm config set counts', () => {
    const df = (line: string) =>
      `FROM node:22\nRUN corepack prepare pnpm@11.0.0 --activate\nRUN ${line}\nRUN pnpm i\n`;
    expect(one(pnpm, df('echo store-dir=/npmrc >> .npmrc')).cache).toMatchObject({
      path: '/root/.local/share/pnpm/store',
    });
    expect(one(pnpm, df('npm config set store-dir /npmrc')).cache).toMatchObject({
      path: '/root/.local/share/pnpm/store',
    });
    expect(one(pnpm, df('pnpm config set store-dir /yaml')).cache).toMatchObject({ path: '/yaml' });
  });

  test('a store-dir from a variable the Dockerfile does not show is not known', () => {
    expect(one(pnpm, 'FROM node:20\nRUN pnpm config set store-dir "$STORE" && pnpm i\n').cache).toEqual({
      unknown: 'store-dir is set to a value that is not known statically',
    });
  });

  const PNPM_HOME = 'FROM node:20\nENV PNPM_HOME=/pnpm\nENV PATH=$PNPM_HOME:$PATH\n';

  test('pnpm add -g of pnpm 10: the global dir and PNPM_HOME as the bin folder, and the store', () => {
    const g = one(pnpm, `${PNPM_HOME}RUN corepack prepare pnpm@10.4.1 --activate\nRUN pnpm add -g turbo\n`);
    expect(g.dests).toEqual(['/pnpm/global/5/node_modules', '/pnpm']);
    expect(g.kinds).toEqual(['packages', 'packages']);
    expect(g.cache).toMatchObject({ path: '/pnpm/store' });
  });

  test('pnpm install --global of pnpm 11: its global dir and bin folder; the store holds the links', () => {
    const g = one(pnpm, `${PNPM_HOME}RUN npm i -g pnpm@11.1.0\nRUN pnpm install --global typescript\n`);
    expect(g.dests).toEqual(['/pnpm/global/v11', '/pnpm/bin', '/pnpm/store/v11/links']);
    expect(g.cache).toEqual({
      trap: 'Not fixed automatically: pnpm 11 links globally installed packages into its store (/pnpm/store/v11/links), so mounting the store would lose them too. Drop this mount.',
    });
  });

  test('pnpm i -g of an unknown version: both layouts, and the store with the condition', () => {
    const g = one(pnpm, `${PNPM_HOME}RUN corepack enable\nRUN pnpm i -g turbo\n`);
    expect(g.dests).toEqual(['/pnpm/global/5/node_modules', '/pnpm', '/pnpm/global/v11', '/pnpm/bin']);
    expect(g.cache).toEqual({
      unknown:
        'the pnpm version is not known: with pnpm 10 or older, mount the store /pnpm/store instead; pnpm 11 links globally installed packages into that store (/pnpm/store/v11/links), so there drop this mount',
      // Said of a RUN that mounts nothing: no mount to drop.
      noMount:
        'the pnpm version is not known: with pnpm 10 or older, a cache mount on the store /pnpm/store would keep the downloads; pnpm 11 links globally installed packages into that store (/pnpm/store/v11/links), which must then stay in the image',
    });
  });

  test('global installs without PNPM_HOME: XDG_DATA_HOME or HOME, --global-dir and --global-bin-dir', () => {
    expect(
      one(pnpm, 'FROM node:20\nRUN npm i -g pnpm@9\nRUN pnpm add -g --global-bin-dir /usr/local/bin x\n')
        .dests,
    ).toEqual(['/root/.local/share/pnpm/global/5/node_modules', '/usr/local/bin']);
    expect(
      one(
        pnpm,
        'FROM node:20\nENV XDG_DATA_HOME=/d\nRUN npm install --global pnpm@8.15.9\nRUN pnpm add -g x\n',
      ).dests,
    ).toEqual(['/d/pnpm/global/5/node_modules']);
    expect(
      one(pnpm, 'FROM node:20\nRUN corepack use pnpm@10\nRUN pnpm add -g --global-dir=/opt/g x\n').dests,
    ).toEqual(['/opt/g/5/node_modules']);
  });
});

test('pip: a venv given by a relative bin/pip path is resolved against the working folder', () => {
  expect(one(pip, 'FROM python:3.12\nWORKDIR /home/jobs\nRUN venv/bin/pip install x\n').dests).toEqual([
    '/home/jobs/venv',
  ]);
});
