/**
 * The Python tools besides pip: uv, Poetry, Pipenv, PDM and conda/mamba/micromamba.
 * Each test reads real Dockerfile text, so the environment (ENV, ARG, USER,
 * WORKDIR, cd) is the one the RUN sees.
 */
import { conda } from '../../src/package-managers/conda.js';
import { pdm } from '../../src/package-managers/pdm.js';
import { pipenv } from '../../src/package-managers/pipenv.js';
import { poetry } from '../../src/package-managers/poetry.js';
import { uv } from '../../src/package-managers/uv.js';
import { invocations, loadReader, one } from '../helpers/pm.js';

beforeAll(loadReader);

const trap = (c: unknown) => (c as { trap?: string }).trap ?? '';

describe('uv', () => {
  const py = (run: string, pre = '') => `FROM python:3.12-slim\n${pre}WORKDIR /app\nRUN ${run}\n`;

  test.each([
    ['uv sync', ['/app/.venv']],
    ['uv sync --frozen --no-dev', ['/app/.venv']],
    ['uv sync --locked --no-install-project', ['/app/.venv']],
    ['cd api && uv sync', ['/app/api/.venv']],
    ['uv --directory svc sync', ['/app/svc/.venv']],
    ['uv sync --project /srv/p', ['/srv/p/.venv']],
    ['uv run manage.py collectstatic', ['/app/.venv']],
    ['uv run --frozen app.py --directory /data --no-sync', ['/app/.venv']],
    ['uv run --directory svc -- python -m x', ['/app/svc/.venv']],
    ['uv add requests', ['/app/.venv']],
    ['uv remove requests', ['/app/.venv']],
  ])('%s installs into %j', (cmd, dests) => {
    expect(one(uv, py(cmd)).dests).toEqual(dests);
  });

  test('UV_PROJECT_ENVIRONMENT: absolute as is, relative to the project', () => {
    expect(one(uv, py('uv sync', 'ENV UV_PROJECT_ENVIRONMENT=/opt/venv\n')).dests).toEqual(['/opt/venv']);
    expect(one(uv, py('uv sync', 'ENV UV_PROJECT_ENVIRONMENT=env\n')).dests).toEqual(['/app/env']);
    expect(one(uv, py('UV_PROJECT_ENVIRONMENT=/usr/local uv sync')).dests).toEqual(['/usr/local']);
  });

  test('uv sync --active uses VIRTUAL_ENV', () => {
    expect(one(uv, py('uv sync --active', 'ENV VIRTUAL_ENV=/opt/v\n')).dests).toEqual(['/opt/v']);
    expect(one(uv, py('uv sync', 'ENV VIRTUAL_ENV=/opt/v\n')).dests).toEqual(['/app/.venv']);
  });

  test.each([
    ['uv pip install --target /pkgs x', ['/pkgs']],
    ['uv pip install -t pkgs x', ['/app/pkgs']],
    ['uv pip install --prefix=/install .', ['/install']],
    ['uv pip install --system x', ['/usr/local/lib/python3.12/site-packages', '/usr/local/bin']],
    ['UV_SYSTEM_PYTHON=1 uv pip install x', ['/usr/local/lib/python3.12/site-packages', '/usr/local/bin']],
    ['uv pip install --python /opt/venv/bin/python x', ['/opt/venv']],
    ['uv pip install -p /opt/venv x', ['/opt/venv']],
    [
      'uv pip install --python /usr/local/bin/python3 x',
      ['/usr/local/lib/python3.12/site-packages', '/usr/local/bin'],
    ],
    ['uv pip install x', ['/app/.venv']],
    ['uv pip sync requirements.txt', ['/app/.venv']],
    ['uv venv /opt/v && . /opt/v/bin/activate && uv pip install x', ['/opt/v']],
    ['VIRTUAL_ENV=/opt/v uv pip install -r r.txt', ['/opt/v']],
  ])('%s installs into %j', (cmd, dests) => {
    expect(one(uv, py(cmd)).dests).toEqual(dests);
  });

  test('--system with a version request uses that version', () => {
    expect(one(uv, 'FROM python:3\nRUN uv pip install --system --python 3.11 x\n').dests[0]).toBe(
      '/usr/local/lib/python3.11/site-packages',
    );
  });

  test('uv tool install: tool dir and bin dir', () => {
    expect(one(uv, py('uv tool install ruff')).dests).toEqual([
      '/root/.local/share/uv/tools',
      '/root/.local/bin',
    ]);
    expect(
      one(uv, py('uv tool install ruff', 'ENV UV_TOOL_DIR=/opt/tools UV_TOOL_BIN_DIR=/usr/local/bin\n'))
        .dests,
    ).toEqual(['/opt/tools', '/usr/local/bin']);
    expect(one(uv, py('uv tool install ruff', 'ENV XDG_DATA_HOME=/data\n')).dests).toEqual([
      '/data/uv/tools',
      '/bin',
    ]);
    expect(one(uv, py('uv tool install ruff', 'ENV XDG_BIN_HOME=/xb\n')).dests[1]).toBe('/xb');
  });

  test('uv python install: install dir and bin dir; no cache unless UV_PYTHON_CACHE_DIR', () => {
    const r = one(uv, py('uv python install 3.13'));
    expect(r.dests).toEqual(['/root/.local/share/uv/python', '/root/.local/bin']);
    expect(r.caches).toEqual([]);
    expect(
      one(uv, py('uv python install --no-bin 3.13', 'ENV UV_PYTHON_INSTALL_DIR=/python\n')).dests,
    ).toEqual(['/python']);
    expect(one(uv, py('uv python install -i /py 3.13')).dests[0]).toBe('/py');
    expect(
      one(uv, py('uv python install 3.13', 'ENV UV_PYTHON_CACHE_DIR=/root/.cache/uv/python\n')).cache,
    ).toEqual({
      path: '/root/.cache/uv/python',
      via: 'UV_PYTHON_CACHE_DIR',
    });
  });

  test('not installs', () => {
    expect(
      invocations(
        uv,
        py(
          'uv lock && uv venv && uv pip compile r.in && uv export && uv tool run ruff && uv sync --dry-run && uv run --no-sync x && uv add --frozen x && uv run --script s.py && uv --version',
        ),
      ),
    ).toEqual([]);
    expect(invocations(uv, py('uv run x', 'ENV UV_NO_SYNC=1\n'))).toEqual([]);
  });

  test.each([
    ['FROM python:3.12\nRUN uv sync\n', '/root/.cache/uv'],
    ['FROM python:3.12\nENV UV_CACHE_DIR=/cache/uv\nRUN uv sync\n', '/cache/uv'],
    ['FROM python:3.12\nENV XDG_CACHE_HOME=/x\nRUN uv sync\n', '/x/uv'],
    ['FROM python:3.12\nRUN uv --cache-dir /c sync\n', '/c'],
    ['FROM python:3.12\nRUN uv sync --cache-dir=/c2\n', '/c2'],
    ['FROM python:3.12\nENV HOME=/home/b\nRUN uv sync\n', '/home/b/.cache/uv'],
    ['FROM node:20\nUSER node\nWORKDIR /home/node/app\nRUN uv sync\n', '/home/node/.cache/uv'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(uv, dockerfile).cache).toMatchObject({ path });
  });

  test('an unknown user home leaves the cache unknown; configuration overrides it', () => {
    expect(one(uv, 'FROM debian\nUSER 1001\nWORKDIR /w\nRUN uv sync\n').cache).toHaveProperty('unknown');
    expect(one(uv, py('uv sync'), { uv: '/mine' }).cache).toEqual({ path: '/mine', via: 'configuration' });
  });

  test('--no-cache, -n and UV_NO_CACHE defeat the cache', () => {
    expect(one(uv, py('uv sync --no-cache')).defeatedBy).toBe('--no-cache');
    expect(one(uv, py('uv -n pip install x')).defeatedBy).toBe('--no-cache');
    expect(one(uv, py('uv sync', 'ENV UV_NO_CACHE=1\n')).defeatedBy).toBe('UV_NO_CACHE');
    expect(one(uv, py('uv sync', 'ENV UV_NO_CACHE=0\n')).defeatedBy).toBeUndefined();
  });

  test('--no-cache-dir, an alias of --no-cache, defeats the cache', () => {
    expect(one(uv, py('uv pip install --no-cache-dir x')).defeatedBy).toBe('--no-cache-dir');
    expect(one(uv, py('uv --no-cache-dir sync')).defeatedBy).toBe('--no-cache-dir');
    // What `uv run` runs is not uv's: its --no-cache-dir belongs to pip.
    expect(one(uv, py('uv run pip install --no-cache-dir x')).defeatedBy).toBeUndefined();
  });

  test('trap: UV_LINK_MODE=symlink links the environment into the cache', () => {
    expect(trap(one(uv, py('uv sync', 'ENV UV_LINK_MODE=symlink\n')).cache)).toMatch(/UV_LINK_MODE=copy/);
    expect(trap(one(uv, py('uv sync --link-mode symlink')).cache)).toMatch(/symlink/);
    // The cache holds the installed files then: a mount on it is a candidate too.
    expect(one(uv, py('uv sync', 'ENV UV_LINK_MODE=symlink\n')).dests).toEqual([
      '/app/.venv',
      '/root/.cache/uv',
    ]);
    expect(one(uv, py('uv sync', 'ENV UV_LINK_MODE=copy\n')).cache).toEqual({ path: '/root/.cache/uv' });
  });

  test('trap: an environment inside the cache', () => {
    expect(trap(one(uv, py('uv sync', 'ENV UV_PROJECT_ENVIRONMENT=/root/.cache/uv/env\n')).cache)).toMatch(
      /inside uv's cache/,
    );
  });

  test('unknown destinations give no invocation', () => {
    expect(
      invocations(uv, 'FROM python\nARG E\nENV UV_PROJECT_ENVIRONMENT=$E\nWORKDIR /a\nRUN uv sync\n'),
    ).toEqual([]);
    expect(
      invocations(uv, 'FROM python\nARG V\nENV VIRTUAL_ENV=$V\nWORKDIR /a\nRUN uv pip install x\n'),
    ).toEqual([]);
  });
});

describe('Poetry', () => {
  const py = (run: string, pre = '') => `FROM python:3.12-slim\n${pre}WORKDIR /app\nRUN ${run}\n`;

  test('default: the venv lives in {cache-dir}/virtualenvs, a trap', () => {
    const r = one(poetry, py('poetry install --no-root'));
    expect(r.dests).toEqual(['/root/.cache/pypoetry/virtualenvs/*']);
    expect(trap(r.cache)).toMatch(/POETRY_VIRTUALENVS_IN_PROJECT=true/);
    expect(trap(r.cache)).toMatch(
      /\/root\/\.cache\/pypoetry\/cache and \/root\/\.cache\/pypoetry\/artifacts/,
    );
    expect(one(poetry, py('poetry install', 'ENV POETRY_CACHE_DIR=/pc\n')).dests).toEqual([
      '/pc/virtualenvs/*',
    ]);
  });

  test.each([
    ['install', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/.venv']],
    ['install', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=1\n', ['/app/.venv']],
    ['sync', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/.venv']],
    ['add requests', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/.venv']],
    ['update', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/.venv']],
    ['remove x', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/.venv']],
    ['-C svc install', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/svc/.venv']],
    ['install --directory=/srv', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/srv/.venv']],
    ['install -P lib', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n', ['/app/lib/.venv']],
    [
      'install',
      'ENV POETRY_VIRTUALENVS_CREATE=false\n',
      ['/usr/local/lib/python3.12/site-packages', '/usr/local/bin'],
    ],
    [
      'install',
      'ENV POETRY_VIRTUALENVS_CREATE=0 POETRY_VIRTUALENVS_IN_PROJECT=true\n',
      ['/usr/local/lib/python3.12/site-packages', '/usr/local/bin'],
    ],
    ['install', 'ENV POETRY_VIRTUALENVS_PATH=/venvs\n', ['/venvs/*']],
    ['install', 'ENV VIRTUAL_ENV=/opt/venv\n', ['/opt/venv']],
    ['install', 'ENV POETRY_VIRTUALENVS_CREATE=false PATH=/opt/venv/bin:$PATH\n', ['/opt/venv']],
  ])('poetry %s with %j installs into %j', (cmd, pre, dests) => {
    expect(one(poetry, py(`poetry ${cmd}`, pre)).dests).toEqual(dests);
  });

  test('poetry config in an earlier RUN counts like the variable', () => {
    expect(
      one(poetry, py('poetry install', 'RUN poetry config virtualenvs.in-project true\n')).dests,
    ).toEqual(['/app/.venv']);
    expect(
      one(poetry, py('poetry install', 'RUN pip install poetry && poetry config virtualenvs.create false\n'))
        .dests[0],
    ).toBe('/usr/local/lib/python3.12/site-packages');
    // The variable wins over the config file.
    expect(
      one(
        poetry,
        py(
          'poetry install',
          'ENV POETRY_VIRTUALENVS_IN_PROJECT=false\nRUN poetry config virtualenvs.in-project true\n',
        ),
      ).dests,
    ).toEqual(['/root/.cache/pypoetry/virtualenvs/*']);
    expect(one(poetry, py('poetry install', 'RUN poetry config cache-dir /pcache\n')).dests).toEqual([
      '/pcache/virtualenvs/*',
    ]);
  });

  test('a copied poetry.toml makes the destination unknown unless a variable decides', () => {
    expect(
      invocations(poetry, py('poetry install', 'COPY poetry.lock poetry.toml pyproject.toml ./\n')),
    ).toEqual([]);
    expect(
      one(poetry, py('poetry install', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\nCOPY poetry.toml ./\n'))
        .dests,
    ).toEqual(['/app/.venv']);
  });

  test('when the venv is elsewhere, the whole cache dir is mounted', () => {
    expect(one(poetry, py('poetry install', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=true\n')).caches).toEqual([
      { path: '/root/.cache/pypoetry' },
    ]);
    expect(
      one(poetry, py('poetry install', 'ENV POETRY_VIRTUALENVS_CREATE=false XDG_CACHE_HOME=/x\n')).cache,
    ).toEqual({
      path: '/x/pypoetry',
      via: 'XDG_CACHE_HOME',
    });
    expect(
      one(
        poetry,
        'FROM python:3.12\nRUN useradd -u 1000 -m app\nUSER app\nENV POETRY_VIRTUALENVS_IN_PROJECT=1\nWORKDIR /home/app\nRUN poetry install\n',
      ).cache,
    ).toEqual({ path: '/home/app/.cache/pypoetry' });
  });

  test('not installs: lock, --lock, --dry-run, run, self, export', () => {
    expect(
      invocations(
        poetry,
        py(
          'poetry lock && poetry add --lock x && poetry install --dry-run && poetry run pip --version && poetry self add x && poetry export -o r.txt',
        ),
      ),
    ).toEqual([]);
  });

  test('--no-cache defeats the cache', () => {
    expect(
      one(poetry, py('poetry install --no-cache', 'ENV POETRY_VIRTUALENVS_IN_PROJECT=1\n')).defeatedBy,
    ).toBe('--no-cache');
  });
});

describe('Pipenv', () => {
  const py = (run: string, pre = '') => `FROM python:3.11-slim\n${pre}WORKDIR /app\nRUN ${run}\n`;

  test.each([
    ['pipenv install', '', ['/root/.local/share/virtualenvs/*']],
    ['pipenv sync', '', ['/root/.local/share/virtualenvs/*']],
    ['pipenv update', '', ['/root/.local/share/virtualenvs/*']],
    ['pipenv install --deploy --system', '', ['/usr/local/lib/python3.11/site-packages', '/usr/local/bin']],
    ['pipenv install', 'ENV PIPENV_VENV_IN_PROJECT=1\n', ['/app/.venv']],
    ['cd sub && pipenv install', 'ENV PIPENV_VENV_IN_PROJECT=true\n', ['/app/sub/.venv']],
    ['pipenv install', 'ENV PIPENV_VENV_IN_PROJECT=0\n', ['/root/.local/share/virtualenvs/*']],
    ['pipenv install', 'ENV PIPENV_PIPFILE=/src/Pipfile PIPENV_VENV_IN_PROJECT=1\n', ['/src/.venv']],
    ['pipenv install', 'ENV WORKON_HOME=/venvs\n', ['/venvs/*']],
    ['pipenv install', 'ENV WORKON_HOME=/venvs PIPENV_CUSTOM_VENV_NAME=app\n', ['/venvs/app']],
    ['pipenv install', 'ENV XDG_DATA_HOME=/data\n', ['/data/virtualenvs/*']],
    ['pipenv install', 'ENV VIRTUAL_ENV=/opt/venv\n', ['/opt/venv']],
    [
      'pipenv install',
      'ENV VIRTUAL_ENV=/opt/venv PIPENV_IGNORE_VIRTUALENVS=1\n',
      ['/root/.local/share/virtualenvs/*'],
    ],
  ])('%s with %j installs into %j', (cmd, pre, dests) => {
    expect(one(pipenv, py(cmd, pre)).dests).toEqual(dests);
  });

  test('not installs: lock, run, graph, requirements', () => {
    expect(
      invocations(pipenv, py('pipenv lock && pipenv run python x.py && pipenv graph && pipenv requirements')),
    ).toEqual([]);
  });

  test.each([
    ['FROM python:3.11\nRUN pipenv install\n', '/root/.cache/pipenv'],
    ['FROM python:3.11\nENV PIPENV_CACHE_DIR=/pc\nRUN pipenv install\n', '/pc'],
    ['FROM python:3.11\nENV XDG_CACHE_HOME=/x\nRUN pipenv install\n', '/x/pipenv'],
    ['FROM python:3.11\nRUN useradd -u 1001 -m w\nUSER w\nRUN pipenv install\n', '/home/w/.cache/pipenv'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(pipenv, dockerfile).cache).toMatchObject({ path });
  });

  test('PIP_NO_CACHE_DIR defeats the cache; a venv inside the cache is a trap', () => {
    expect(one(pipenv, py('pipenv install', 'ENV PIP_NO_CACHE_DIR=1\n')).defeatedBy).toBe('PIP_NO_CACHE_DIR');
    expect(
      trap(one(pipenv, py('pipenv install', 'ENV WORKON_HOME=/root/.cache/pipenv/venvs\n')).cache),
    ).toMatch(/inside Pipenv's cache/);
  });
});

describe('PDM', () => {
  const py = (run: string, pre = '') => `FROM python:3.12-slim\n${pre}WORKDIR /project\nRUN ${run}\n`;

  test.each([
    ['pdm install --check --prod --no-editable', '', ['/project/.venv']],
    ['pdm sync', '', ['/project/.venv']],
    ['pdm add requests', '', ['/project/.venv']],
    ['pdm update', '', ['/project/.venv']],
    ['pdm remove x', '', ['/project/.venv']],
    ['pdm install -p /srv', '', ['/srv/.venv']],
    ['pdm install', 'ENV PDM_USE_VENV=false\n', ['/project/__pypackages__']],
    ['pdm install', 'RUN pdm config python.use_venv false\n', ['/project/__pypackages__']],
    ['pdm install', 'ENV PDM_VENV_IN_PROJECT=false\n', ['/root/.local/share/pdm/venvs/*']],
    ['pdm install', 'ENV PDM_VENV_IN_PROJECT=0 XDG_DATA_HOME=/d\n', ['/d/pdm/venvs/*']],
    [
      'pdm install',
      'RUN pdm config venv.in_project false && pdm config venv.location /venvs\n',
      ['/venvs/*'],
    ],
    ['pdm install', 'ENV VIRTUAL_ENV=/opt/venv\n', ['/opt/venv']],
    ['pdm install', 'ENV VIRTUAL_ENV=/opt/venv PDM_IGNORE_ACTIVE_VENV=1\n', ['/project/.venv']],
  ])('%s with %j installs into %j', (cmd, pre, dests) => {
    expect(one(pdm, py(cmd, pre)).dests).toEqual(dests);
  });

  test('a copied pdm.toml makes the destination unknown unless a variable decides', () => {
    expect(invocations(pdm, py('pdm install', 'COPY pyproject.toml pdm.lock pdm.toml ./\n'))).toEqual([]);
    expect(one(pdm, py('pdm install', 'ENV PDM_VENV_IN_PROJECT=1\nCOPY pdm.toml ./\n')).dests).toEqual([
      '/project/.venv',
    ]);
  });

  test('not installs: lock, run, export, build, add --no-sync, -g, --plugins', () => {
    expect(
      invocations(
        pdm,
        py(
          'pdm lock && pdm run app && pdm export -o r.txt && pdm build && pdm add --no-sync x && pdm install -g && pdm install --plugins',
        ),
      ),
    ).toEqual([]);
  });

  test.each([
    ['FROM python:3.12\nRUN pdm install\n', '/root/.cache/pdm'],
    ['FROM python:3.12\nENV PDM_CACHE_DIR=/pdmc\nRUN pdm install\n', '/pdmc'],
    ['FROM python:3.12\nENV XDG_CACHE_HOME=/x\nRUN pdm install\n', '/x/pdm'],
    ['FROM python:3.12\nRUN pdm config cache_dir /cc\nRUN pdm install\n', '/cc'],
  ])('cache dir of %j is %s', (dockerfile, path) => {
    expect(one(pdm, dockerfile).cache).toMatchObject({ path });
  });

  test('--no-cache and PDM_NO_CACHE defeat the cache', () => {
    expect(one(pdm, py('pdm install --no-cache')).defeatedBy).toBe('--no-cache');
    expect(one(pdm, py('pdm install', 'ENV PDM_NO_CACHE=1\n')).defeatedBy).toBe('PDM_NO_CACHE');
  });

  test('trap: install.cache links packages from the cache', () => {
    expect(trap(one(pdm, py('pdm install', 'RUN pdm config install.cache true\n')).cache)).toMatch(
      /install\.cache is on.*\/root\/\.cache\/pdm\/packages/,
    );
    expect(one(pdm, py('pdm install', 'RUN pdm config install.cache true\n')).dests).toEqual([
      '/project/.venv',
      '/root/.cache/pdm/packages',
    ]);
    // PDM has no PDM_INSTALL_CACHE variable (src/pdm/project/config.py): it changes nothing.
    expect(one(pdm, py('pdm install', 'ENV PDM_INSTALL_CACHE=true\n')).cache).toEqual({
      path: '/root/.cache/pdm',
    });
    expect(one(pdm, py('pdm install', 'RUN pdm config install.cache false\n')).cache).toEqual({
      path: '/root/.cache/pdm',
    });
  });
});

describe('conda, mamba, micromamba', () => {
  const mini = (run: string, pre = '') => `FROM continuumio/miniconda3\n${pre}RUN ${run}\n`;
  const micro = (run: string, pre = '') => `FROM mambaorg/micromamba:1.5\n${pre}RUN ${run}\n`;

  test.each([
    [mini('conda install -y numpy'), ['/opt/conda']],
    [mini('conda install -n base -y numpy'), ['/opt/conda']],
    [mini('conda create -n app python=3.11'), ['/opt/conda/envs/app']],
    [mini('conda create --name=app python=3.11'), ['/opt/conda/envs/app']],
    [mini('conda create -p /env python=3.11'), ['/env']],
    [mini('conda env create -f environment.yml'), ['/opt/conda/envs/*']],
    [mini('conda env create -n x -f environment.yml'), ['/opt/conda/envs/x']],
    [mini('conda env update -n base -f environment.yml'), ['/opt/conda']],
    [mini('mamba install -y numpy'), ['/opt/conda']],
    [mini('conda update --all -y'), ['/opt/conda']],
    [mini('conda install -y x', 'ENV CONDA_DEFAULT_ENV=app\n'), ['/opt/conda/envs/app']],
    [mini('conda create -n app x', 'ENV CONDA_ENVS_DIRS=/envs\n'), ['/envs/app']],
    [micro('micromamba install -y -n base -f /tmp/env.yaml'), ['/opt/conda']],
    [micro('micromamba install -y -f /tmp/env.yaml'), ['/opt/conda']],
    [micro('micromamba create -y -n app python'), ['/opt/conda/envs/app']],
    [micro('micromamba install -y x', 'ENV ENV_NAME=app\n'), ['/opt/conda/envs/app']],
    ['FROM debian\nRUN /opt/miniforge3/bin/conda install -y x\n', ['/opt/miniforge3']],
    ['FROM debian\nENV PATH=/opt/miniconda/bin:$PATH\nRUN conda install -y x\n', ['/opt/miniconda']],
    ['FROM debian\nENV MAMBA_ROOT_PREFIX=/mm\nRUN micromamba install -y -n base x\n', ['/mm']],
    ['FROM debian\nRUN micromamba install -r /mm -n base x\n', ['/mm']],
  ])('%j installs into %j', (dockerfile, dests) => {
    expect(one(conda, dockerfile).dests).toEqual(dests);
  });

  test('unknown root prefix: no invocation for a base install, unknown cache for -p', () => {
    expect(invocations(conda, 'FROM debian\nRUN micromamba install -y x\n')).toEqual([]);
    expect(one(conda, 'FROM debian\nRUN micromamba create -p /env x\n').cache).toHaveProperty('unknown');
  });

  test('not installs', () => {
    expect(
      invocations(
        conda,
        mini(
          'conda clean -afy && conda config --add channels x && conda install --dry-run x && conda run -n a python && conda list',
        ),
      ),
    ).toEqual([]);
  });

  test.each([
    [mini('conda install -y x'), '/opt/conda/pkgs'],
    [micro('micromamba install -y -n base x'), '/opt/conda/pkgs'],
    [mini('conda install -y x', 'ENV CONDA_PKGS_DIRS=/pkgs,/other\n'), '/pkgs'],
  ])('package cache of %j is %s', (dockerfile, path) => {
    expect(one(conda, dockerfile).cache).toMatchObject({ path });
  });

  test('trap: CONDA_ALWAYS_SOFTLINK links the environment into the package cache', () => {
    const r = one(conda, mini('conda install -y x', 'ENV CONDA_ALWAYS_SOFTLINK=true\n'));
    expect(trap(r.cache)).toMatch(/CONDA_ALWAYS_SOFTLINK/);
    expect(r.dests).toEqual(['/opt/conda', '/opt/conda/pkgs']);
  });
});
