/**
 * The questions every module answers from its facts: which commands read or
 * write the tool's cache (`cacheUse`), which turn it off or empty it
 * (`cacheDefeat`), and which folders are its caches (`isCacheFolder`). The
 * commands come from real Dockerfile text, so the cache folders are resolved
 * for the user and environment the RUN really has.
 */
import { apk } from '../../src/package-managers/apk.js';
import { apt } from '../../src/package-managers/apt.js';
import { bun } from '../../src/package-managers/bun.js';
import { bundler } from '../../src/package-managers/bundler.js';
import { cargo } from '../../src/package-managers/cargo.js';
import { ccache } from '../../src/package-managers/ccache.js';
import { composer } from '../../src/package-managers/composer.js';
import { conda } from '../../src/package-managers/conda.js';
import { deno } from '../../src/package-managers/deno.js';
import { dnf } from '../../src/package-managers/dnf.js';
import { dotnet } from '../../src/package-managers/dotnet.js';
import { gem } from '../../src/package-managers/gem.js';
import { go } from '../../src/package-managers/go.js';
import { gradle } from '../../src/package-managers/gradle.js';
import { PACKAGE_MANAGERS } from '../../src/package-managers/index.js';
import { maven } from '../../src/package-managers/maven.js';
import { npm } from '../../src/package-managers/npm.js';
import { pdm } from '../../src/package-managers/pdm.js';
import { pip } from '../../src/package-managers/pip.js';
import { pipenv } from '../../src/package-managers/pipenv.js';
import { pnpm } from '../../src/package-managers/pnpm.js';
import { poetry } from '../../src/package-managers/poetry.js';
import { rustup } from '../../src/package-managers/rustup.js';
import { sbt } from '../../src/package-managers/sbt.js';
import type { PackageManager } from '../../src/package-managers/types.js';
import { uv } from '../../src/package-managers/uv.js';
import { vite } from '../../src/package-managers/vite.js';
import { yarn } from '../../src/package-managers/yarn.js';
import { yarnBerry } from '../../src/package-managers/yarn-berry.js';
import { zypper } from '../../src/package-managers/zypper.js';
import { cacheUses, defeat, installsAndUses, loadReader, use } from '../helpers/pm.js';

beforeAll(loadReader);

/** Rows with the tool's id first, so test names read `pip: FROM ...` rather than print the module. */
function named<R extends unknown[]>(
  rows: Array<[PackageManager, ...R]>,
): Array<[string, PackageManager, ...R]> {
  return rows.map(([pm, ...rest]) => [pm.id, pm, ...rest]);
}

const paths = (u: { caches?: Array<Record<string, unknown>> } | undefined) =>
  u?.caches?.map((c) => ('path' in c ? c.path : c));

describe('cacheUse: commands that read or write the cache', () => {
  test.each(
    named<[string, string, string[]]>([
      [pip, 'FROM python:3.12\nARG T\nRUN pip install --target $T flask', 'install', ['/root/.cache/pip']],
      [pip, 'FROM python:3.12\nRUN pip download -d /w flask', 'download', ['/root/.cache/pip']],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN uv lock', 'lock', ['/root/.cache/uv']],
      [uv, 'FROM python:3.12\nRUN uv pip compile requirements.in', 'pip compile', ['/root/.cache/uv']],
      [poetry, 'FROM python:3.12\nWORKDIR /app\nRUN poetry lock', 'lock', ['/root/.cache/pypoetry']],
      [pipenv, 'FROM python:3.12\nWORKDIR /app\nRUN pipenv lock', 'lock', ['/root/.cache/pipenv']],
      [pdm, 'FROM python:3.12\nWORKDIR /app\nRUN pdm lock', 'lock', ['/root/.cache/pdm']],
      [npm, 'FROM node:20\nRUN npm install -g $PKG', 'install', ['/root/.npm']],
      [pnpm, 'FROM node:20\nENV PNPM_HOME=/pnpm\nWORKDIR /app\nRUN pnpm fetch', 'fetch', ['/pnpm/store']],
      [pnpm, 'FROM node:20\nWORKDIR /app\nRUN pnpm fetch --prod', 'fetch', ['/root/.local/share/pnpm/store']],
      [deno, 'FROM denoland/deno:2.1.4\nRUN deno run -A https://example.com/x.ts', 'run', ['/deno-dir']],
      [deno, 'FROM debian:12\nWORKDIR /app\nRUN deno test', 'test', ['/root/.cache/deno']],
      [go, 'FROM golang:1.23\nWORKDIR /src\nRUN go mod download', 'mod download', ['/go/pkg/mod']],
      [
        go,
        'FROM golang:1.23\nWORKDIR /src\nRUN go test ./...',
        'test',
        ['/go/pkg/mod', '/root/.cache/go-build'],
      ],
      [
        go,
        'FROM debian:12\nWORKDIR /src\nRUN go vet ./...',
        'vet',
        ['/root/go/pkg/mod', '/root/.cache/go-build'],
      ],
      [
        cargo,
        'FROM rust:1.80\nWORKDIR /app\nRUN cargo fetch',
        'fetch',
        ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'],
      ],
      [
        cargo,
        'FROM rust:1.80\nWORKDIR /app\nRUN cargo +nightly clippy --all-targets',
        'clippy',
        ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'],
      ],
      [
        maven,
        'FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nRUN mvn dependency:go-offline',
        'dependency:go-offline',
        ['/root/.m2/repository'],
      ],
      [
        maven,
        'FROM eclipse-temurin:21\nWORKDIR /app\nRUN ./mvnw -B dependency:go-offline',
        'dependency:go-offline',
        ['/root/.m2/repository', '/root/.m2/wrapper'],
      ],
      [
        gradle,
        'FROM eclipse-temurin:21\nWORKDIR /app\nRUN gradle dependencies',
        'dependencies',
        ['/root/.gradle/caches'],
      ],
      [
        gradle,
        'FROM eclipse-temurin:21\nWORKDIR /app\nRUN ./gradlew --no-daemon help',
        'help',
        ['/root/.gradle/caches', '/root/.gradle/wrapper'],
      ],
      [
        sbt,
        'FROM eclipse-temurin:21\nWORKDIR /app\nRUN sbt update',
        'update',
        ['/root/.cache/coursier', '/root/.ivy2/cache'],
      ],
      [
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet test',
        'test',
        ['/root/.nuget/packages', '/root/.local/share/NuGet/http-cache'],
      ],
      [apt, 'FROM debian:12\nRUN apt-get update', 'update', ['/var/lib/apt/lists']],
      [apk, 'FROM alpine:3.20\nRUN apk update', 'update', ['/var/cache/apk']],
      [dnf, 'FROM fedora:40\nRUN dnf makecache', 'makecache', ['/var/cache/dnf']],
      [dnf, 'FROM fedora:42\nRUN dnf makecache', 'makecache', ['/var/cache/libdnf5']],
      [zypper, 'FROM opensuse/leap:15.6\nRUN zypper refresh', 'refresh', ['/var/cache/zypp']],
      [ccache, 'FROM gcc:14\nENV CCACHE_DIR=/ccache\nRUN ccache gcc -c main.c', 'gcc', ['/ccache']],
      [ccache, 'FROM rust:1.80\nRUN sccache gcc -c main.c', 'gcc', ['/root/.cache/sccache']],
    ]),
  )('%s %#', (_id, pm, dockerfile, action, caches) => {
    const u = use(pm, `${dockerfile}\n`);
    expect(u?.action).toBe(action);
    expect(paths(u)).toEqual(caches);
  });

  test("a non-root user's cache is under that user's home", () => {
    const df = 'FROM python:3.12\nRUN useradd -m -u 1001 app\nUSER app\nRUN pip download -d /tmp/w flask\n';
    expect(paths(use(pip, df))).toEqual(['/home/app/.cache/pip']);
    const gradleDf = 'FROM gradle:8-jdk21\nWORKDIR /home/gradle/app\nRUN gradle dependencies\n';
    expect(paths(use(gradle, gradleDf))).toEqual(['/home/gradle/.gradle/caches']);
  });

  test('variables and flags move the cache as they move an install', () => {
    expect(paths(use(pip, 'FROM python:3.12\nRUN pip download --cache-dir /c -d /w x\n'))).toEqual(['/c']);
    expect(use(pip, 'FROM python:3.12\nRUN pip download --cache-dir /c -d /w x\n')?.caches[0]).toEqual({
      path: '/c',
      via: '--cache-dir',
    });
    expect(paths(use(go, 'FROM golang:1.23\nENV GOMODCACHE=/mods\nRUN go mod download\n'))).toEqual([
      '/mods',
    ]);
    expect(
      paths(use(npm, 'FROM node:20\nENV npm_config_cache=/npm-cache\nRUN npm install -g $PKG\n')),
    ).toEqual(['/npm-cache']);
    expect(
      use(maven, 'FROM maven:3-eclipse-temurin-21\nRUN mvn -Dmaven.repo.local=/repo dependency:go-offline\n')
        ?.caches,
    ).toEqual([{ path: '/repo', via: '-Dmaven.repo.local' }]);
  });

  test('an unknown location is reported as unknown, not guessed', () => {
    const u = use(uv, 'FROM python:3.12\nARG C\nENV UV_CACHE_DIR=$C\nRUN uv lock\n');
    expect(u?.caches).toEqual([{ unknown: 'UV_CACHE_DIR is set to a value that is not known statically' }]);
    const cc = use(ccache, 'FROM gcc:14\nRUN ccache gcc -c main.c\n');
    expect(cc?.caches).toEqual([
      { unknown: 'ccache uses /root/.ccache when that folder exists, else /root/.cache/ccache' },
    ]);
  });

  test.each(
    named<[string]>([
      [pip, 'FROM python:3.12\nRUN pip --version'],
      [pip, 'FROM python:3.12\nRUN pip list'],
      [npm, 'FROM node:20\nWORKDIR /app\nRUN npm run build'],
      [go, 'FROM golang:1.23\nRUN go version'],
      [go, 'FROM golang:1.23\nRUN go env GOPATH'],
      [cargo, 'FROM rust:1.80\nRUN cargo --version'],
      [apt, 'FROM debian:12\nRUN apt-get clean'],
      [apk, 'FROM alpine:3.20\nRUN apk info'],
      [ccache, 'FROM gcc:14\nRUN ccache -s'],
      [vite, 'FROM node:20\nWORKDIR /app\nRUN npx vite build'],
      [rustup, 'FROM rust:1.80\nRUN rustup toolchain install nightly'],
      [uv, 'FROM python:3.12\nRUN uv python install 3.12'],
    ]),
  )('%s %# does not touch the cache', (_id, pm, dockerfile) => {
    expect(cacheUses(pm, `${dockerfile}\n`)).toEqual([undefined]);
  });

  test.each(
    named<[string]>([
      [pip, 'FROM python:3.12\nRUN pip install --no-cache-dir -t /pkgs flask'],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN UV_NO_CACHE=1 uv sync --locked'],
      [uv, 'FROM python:3.12\nENV UV_PYTHON_CACHE_DIR=/pycache\nRUN uv python install 3.12'],
      [
        poetry,
        'FROM python:3.12\nWORKDIR /app\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nRUN poetry install --no-cache',
      ],
      [pipenv, 'FROM python:3.12\nWORKDIR /app\nRUN PIP_NO_CACHE_DIR=1 pipenv install --system'],
      [pdm, 'FROM python:3.12\nWORKDIR /app\nRUN pdm install --no-cache'],
      [conda, 'FROM continuumio/miniconda3\nRUN conda install -y numpy'],
      [npm, 'FROM node:20\nWORKDIR /app\nRUN npm ci'],
      [yarn, 'FROM node:20\nWORKDIR /app\nRUN yarn install --frozen-lockfile'],
      [yarnBerry, 'FROM node:20\nWORKDIR /app\nCOPY .yarnrc.yml .\nRUN yarn install --immutable'],
      [pnpm, 'FROM node:20\nWORKDIR /app\nRUN pnpm install --frozen-lockfile'],
      [bun, 'FROM oven/bun:1\nWORKDIR /app\nRUN bun install'],
      [deno, 'FROM denoland/deno:2.1.4\nWORKDIR /app\nRUN deno install --reload'],
      [go, 'FROM golang:1.23\nWORKDIR /src\nRUN GOCACHE=off go build -o /app .'],
      [cargo, 'FROM rust:1.80\nWORKDIR /app\nRUN cargo build --release'],
      [maven, 'FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nRUN mvn package'],
      [gradle, 'FROM gradle:8-jdk21\nWORKDIR /app\nRUN gradle build'],
      [sbt, 'FROM eclipse-temurin:21\nWORKDIR /app\nRUN sbt stage'],
      [dotnet, 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet publish -o /app'],
      [composer, 'FROM composer:2\nWORKDIR /app\nRUN composer install --no-cache'],
      [bundler, 'FROM ruby:3.3\nWORKDIR /app\nRUN bundle install'],
      [gem, 'FROM ruby:3.3\nRUN gem install rails'],
      [apt, 'FROM debian:12\nRUN apt-get install -y curl'],
      [apk, 'FROM alpine:3.20\nRUN apk add --no-cache curl'],
      [dnf, 'FROM fedora:40\nRUN dnf install -y git'],
      [zypper, 'FROM opensuse/leap:15.6\nRUN zypper install -y git'],
    ]),
  )('%s %#: an install uses the caches its invocation names', (_id, pm, dockerfile) => {
    const pairs = installsAndUses(pm, `${dockerfile}\n`);
    expect(pairs).toHaveLength(1);
    const [expected, actual] = pairs[0] as (typeof pairs)[0];
    const { named: names, ...rest } = actual ?? { named: [] };
    expect(rest).toEqual(
      expected.defeatedBy === undefined ? { action: expected.action, caches: expected.caches } : expected,
    );
    expect(names.map((n) => n.dir)).toEqual(expected.caches);
  });

  test('each folder a command uses is named by the cache it is', () => {
    const goTest = use(go, 'FROM golang:1.23\nWORKDIR /src\nRUN go test ./...\n');
    expect(goTest?.named.map((n) => [n.name, 'path' in n.dir ? n.dir.path : n.dir])).toEqual([
      ['module cache', '/go/pkg/mod'],
      ['build cache', '/root/.cache/go-build'],
    ]);
    const goBuild = use(
      go,
      'FROM golang:1.23\nWORKDIR /src\nENV GOCACHE=/gocache\nRUN go build -o /out/app .\n',
    );
    expect(goBuild?.named.map((n) => n.name)).toEqual(['module cache', 'build cache']);
  });

  test('which of its caches a folder is', () => {
    expect(go.cacheFolderOf('/go/pkg/mod')).toEqual({ name: 'module cache', rest: '' });
    expect(go.cacheFolderOf('/root/.cache/go-build')).toEqual({ name: 'build cache', rest: '' });
    expect(go.cacheFolderOf('/home/app/.cache/go-build/00')).toEqual({ name: 'build cache', rest: '00' });
    expect(go.cacheFolderOf('/app')).toBeUndefined();
    expect(pip.cacheFolderOf('/root/.cache/pip')).toEqual({ name: pip.facts.caches[0]?.name, rest: '' });
    expect(cargo.cacheFolderOf('/root/.cargo/registry/index')).toEqual({ name: 'registry', rest: 'index' });
    expect(npm.cacheFolderOf('/home/node/.npm')).toBeDefined();
    expect(npm.cacheFolderOf('/app/node_modules')).toBeUndefined();
  });
});

describe('cacheUse.downloadOnly: commands that only fill the cache', () => {
  test.each(
    named<[string, boolean]>([
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN go mod download', true],
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN go mod download -x', true],
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN go mod tidy', false],
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN go build -o /app .', false],
      [cargo, 'FROM rust:1.80\nWORKDIR /a\nRUN cargo fetch --locked', true],
      [cargo, 'FROM rust:1.80\nWORKDIR /a\nRUN cargo build --release', false],
      [pnpm, 'FROM node:20\nWORKDIR /a\nRUN pnpm fetch --prod', true],
      [pnpm, 'FROM node:20\nWORKDIR /a\nRUN pnpm install --frozen-lockfile', false],
      [maven, 'FROM maven:3\nWORKDIR /a\nRUN mvn -B dependency:go-offline', true],
      [maven, 'FROM maven:3\nWORKDIR /a\nRUN mvn -B package', false],
      [gradle, 'FROM gradle:8\nWORKDIR /a\nRUN gradle dependencies --no-daemon', true],
      [gradle, 'FROM gradle:8\nWORKDIR /a\nRUN gradle build --no-daemon', false],
    ]),
  )('%s, case %#: only downloads: %s', (_id, pm, dockerfile, only) => {
    const u = use(pm, `${dockerfile}\n`);
    expect(u).toBeDefined();
    expect(u?.downloadOnly === true).toBe(only);
  });
});

describe('cacheUse.offline: what makes a command work from its cache alone', () => {
  test.each(
    named<[string, string | undefined]>([
      [cargo, 'FROM rust:1.80\nWORKDIR /a\nRUN cargo build --offline', '--offline'],
      // --frozen is --locked plus --offline; --locked alone still downloads.
      [cargo, 'FROM rust:1.80\nWORKDIR /a\nRUN cargo build --release --frozen', '--frozen'],
      [cargo, 'FROM rust:1.80\nWORKDIR /a\nRUN cargo build --locked', undefined],
      [
        cargo,
        'FROM rust:1.80\nWORKDIR /a\nENV CARGO_NET_OFFLINE=true\nRUN cargo test',
        'CARGO_NET_OFFLINE=true',
      ],
      // uv's --frozen reads the lock file without checking it, and downloads.
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN uv sync --frozen', undefined],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN uv sync --offline', '--offline'],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN UV_OFFLINE=1 uv sync', 'UV_OFFLINE=1'],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN UV_OFFLINE=0 uv sync', undefined],
      // -o is uv pip compile's --output-file, not offline.
      [uv, 'FROM python:3.12\nRUN uv pip compile -o r.txt r.in', undefined],
      [maven, 'FROM maven:3\nWORKDIR /a\nRUN mvn -B -o package', '-o'],
      [maven, 'FROM maven:3\nWORKDIR /a\nRUN mvn --offline verify', '--offline'],
      [gradle, 'FROM gradle:8\nWORKDIR /a\nRUN gradle build --offline', '--offline'],
      [npm, 'FROM node:20\nWORKDIR /a\nRUN npm ci --offline', '--offline'],
      [npm, 'FROM node:20\nWORKDIR /a\nRUN npm ci --prefer-offline', undefined],
      [pnpm, 'FROM node:20\nWORKDIR /a\nRUN pnpm install --offline --frozen-lockfile', '--offline'],
      [pnpm, 'FROM node:20\nWORKDIR /a\nRUN pnpm install --frozen-lockfile', undefined],
      [yarn, 'FROM node:20\nWORKDIR /a\nRUN yarn install --offline --frozen-lockfile', '--offline'],
      [yarn, 'FROM node:20\nWORKDIR /a\nRUN yarn install --frozen-lockfile', undefined],
      [conda, 'FROM continuumio/miniconda3\nRUN conda install -y --offline numpy', '--offline'],
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN GOPROXY=off go build -o /app .', 'GOPROXY=off'],
      [
        go,
        'FROM golang:1.23\nWORKDIR /s\nENV GOFLAGS="-trimpath -mod=vendor"\nRUN go build -o /app .',
        'GOFLAGS=-trimpath -mod=vendor',
      ],
      [go, 'FROM golang:1.23\nWORKDIR /s\nRUN go build -o /app .', undefined],
      // A tool whose facts name no offline flag: --offline is not read as one.
      [pip, 'FROM python:3.12\nRUN pip install --offline x', undefined],
    ]),
  )('%s, case %#: the offline flag is as expected', (_id, pm, dockerfile, by) => {
    const u = use(pm, `${dockerfile}\n`);
    expect(u).toBeDefined();
    expect(u?.offline).toBe(by);
  });
});

describe('cacheDefeat: what turns the cache off or empties it', () => {
  test.each(
    named<[string, object]>([
      [
        pip,
        'FROM python:3.12\nRUN pip install --no-cache-dir -t /pkgs flask',
        { what: '--no-cache-dir', effect: 'disables', caches: [{ path: '/root/.cache/pip' }] },
      ],
      [
        pip,
        'FROM python:3.12\nENV PIP_NO_CACHE_DIR=off\nRUN pip install flask',
        { what: 'PIP_NO_CACHE_DIR=off', effect: 'disables', caches: [{ path: '/root/.cache/pip' }] },
      ],
      [
        pip,
        'FROM python:3.12\nRUN python -m pip cache purge',
        { what: 'python -m pip cache purge', effect: 'empties', caches: [{ path: '/root/.cache/pip' }] },
      ],
      [
        pip,
        'FROM python:3.12\nRUN pip cache remove "flask*"',
        { what: 'pip cache remove "flask*"', effect: 'empties', caches: [{ path: '/root/.cache/pip' }] },
      ],
      [
        uv,
        'FROM python:3.12\nWORKDIR /app\nRUN UV_NO_CACHE=1 uv sync --locked',
        { what: 'UV_NO_CACHE=1', effect: 'disables', caches: [{ path: '/root/.cache/uv' }] },
      ],
      [
        uv,
        'FROM python:3.12\nWORKDIR /app\nRUN uv sync -n',
        { what: '-n', effect: 'disables', caches: [{ path: '/root/.cache/uv' }] },
      ],
      [
        uv,
        'FROM python:3.12\nRUN uv pip install --system --no-cache-dir flask',
        { what: '--no-cache-dir', effect: 'disables', caches: [{ path: '/root/.cache/uv' }] },
      ],
      [
        uv,
        'FROM python:3.12\nRUN uv cache clean',
        { what: 'uv cache clean', effect: 'empties', caches: [{ path: '/root/.cache/uv' }] },
      ],
      [
        uv,
        'FROM python:3.12\nRUN uv cache prune --ci',
        { what: 'uv cache prune --ci', effect: 'empties', caches: [{ path: '/root/.cache/uv' }] },
      ],
      [
        poetry,
        'FROM python:3.12\nRUN poetry cache clear pypi --all',
        {
          what: 'poetry cache clear pypi --all',
          effect: 'empties',
          caches: [{ path: '/root/.cache/pypoetry' }],
        },
      ],
      [
        poetry,
        'FROM python:3.12\nWORKDIR /app\nENV POETRY_VIRTUALENVS_IN_PROJECT=true\nRUN poetry install --no-cache',
        { what: '--no-cache', effect: 'disables', caches: [{ path: '/root/.cache/pypoetry' }] },
      ],
      [
        pipenv,
        'FROM python:3.12\nWORKDIR /app\nRUN PIP_NO_CACHE_DIR=1 pipenv install --system',
        { what: 'PIP_NO_CACHE_DIR=1', effect: 'disables', caches: [{ path: '/root/.cache/pipenv' }] },
      ],
      [
        pipenv,
        'FROM python:3.12\nRUN pipenv --clear',
        { what: 'pipenv --clear', effect: 'empties', caches: [{ path: '/root/.cache/pipenv' }] },
      ],
      [
        pdm,
        'FROM python:3.12\nWORKDIR /app\nENV PDM_NO_CACHE=1\nRUN pdm install',
        { what: 'PDM_NO_CACHE=1', effect: 'disables', caches: [{ path: '/root/.cache/pdm' }] },
      ],
      [
        pdm,
        'FROM python:3.12\nRUN pdm cache clear wheels',
        { what: 'pdm cache clear wheels', effect: 'empties', caches: [{ path: '/root/.cache/pdm' }] },
      ],
      [
        conda,
        'FROM continuumio/miniconda3\nRUN conda clean -afy',
        { what: 'conda clean -afy', effect: 'empties', caches: [{ path: '/opt/conda/pkgs' }] },
      ],
      [
        conda,
        'FROM mambaorg/micromamba:1.5\nRUN micromamba clean --all --yes',
        { what: 'micromamba clean --all --yes', effect: 'empties', caches: [{ path: '/opt/conda/pkgs' }] },
      ],
      [
        npm,
        'FROM node:20\nRUN npm cache clean --force',
        { what: 'npm cache clean --force', effect: 'empties', caches: [{ path: '/root/.npm' }] },
      ],
      [
        yarn,
        'FROM node:20\nRUN yarn cache clean',
        { what: 'yarn cache clean', effect: 'empties', caches: [{ path: '/usr/local/share/.cache/yarn' }] },
      ],
      [
        yarnBerry,
        'FROM node:20\nWORKDIR /app\nCOPY .yarnrc.yml .\nRUN yarn cache clean --mirror',
        {
          what: 'yarn cache clean --mirror',
          effect: 'empties',
          caches: [{ path: '/root/.yarn/berry/cache' }],
        },
      ],
      [
        pnpm,
        'FROM node:20\nENV PNPM_HOME=/pnpm\nRUN pnpm store prune',
        {
          what: 'pnpm store prune',
          effect: 'empties',
          caches: [{ path: '/pnpm/store', via: 'PNPM_HOME', versions: /^v\d+$/ }],
        },
      ],
      [
        bun,
        'FROM oven/bun:1\nRUN bun pm cache rm',
        { what: 'bun pm cache rm', effect: 'empties', caches: [{ path: '/root/.bun/install/cache' }] },
      ],
      [
        deno,
        'FROM denoland/deno:2.1.4\nWORKDIR /app\nRUN deno cache --reload main.ts',
        { what: '--reload', effect: 'disables', caches: [{ path: '/deno-dir' }] },
      ],
      [
        deno,
        'FROM denoland/deno:2.1.4\nRUN deno clean',
        { what: 'deno clean', effect: 'empties', caches: [{ path: '/deno-dir' }] },
      ],
      [
        go,
        'FROM golang:1.23\nRUN go clean -modcache',
        { what: 'go clean -modcache', effect: 'empties', caches: [{ path: '/go/pkg/mod', via: 'GOPATH' }] },
      ],
      [
        go,
        'FROM golang:1.23\nRUN go clean -cache',
        { what: 'go clean -cache', effect: 'empties', caches: [{ path: '/root/.cache/go-build' }] },
      ],
      [
        go,
        'FROM golang:1.23\nWORKDIR /src\nRUN GOCACHE=off go build -o /app .',
        { what: 'GOCACHE=off', effect: 'disables' },
      ],
      [
        maven,
        'FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nRUN mvn dependency:purge-local-repository',
        {
          what: 'mvn dependency:purge-local-repository',
          effect: 'empties',
          caches: [{ path: '/root/.m2/repository' }],
        },
      ],
      [
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet nuget locals all --clear',
        {
          what: 'dotnet nuget locals all --clear',
          effect: 'empties',
          caches: [{ path: '/root/.nuget/packages' }, { path: '/root/.local/share/NuGet/http-cache' }],
        },
      ],
      [
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet nuget locals http-cache -c',
        {
          what: 'dotnet nuget locals http-cache -c',
          effect: 'empties',
          caches: [{ path: '/root/.local/share/NuGet/http-cache' }],
        },
      ],
      [
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet restore --no-http-cache',
        {
          what: '--no-http-cache',
          effect: 'disables',
          caches: [{ path: '/root/.local/share/NuGet/http-cache' }],
        },
      ],
      [
        composer,
        'FROM composer:2\nRUN composer clear-cache',
        {
          what: 'composer clear-cache',
          effect: 'empties',
          caches: [{ path: '/tmp/cache', via: 'COMPOSER_HOME' }],
        },
      ],
      [
        composer,
        'FROM composer:2\nRUN composer cc',
        { what: 'composer cc', effect: 'empties', caches: [{ path: '/tmp/cache', via: 'COMPOSER_HOME' }] },
      ],
      [
        composer,
        'FROM composer:2\nWORKDIR /app\nRUN COMPOSER_CACHE_DIR=/dev/null composer install',
        {
          what: 'COMPOSER_CACHE_DIR=/dev/null',
          effect: 'disables',
          caches: [{ path: '/tmp/cache', via: 'COMPOSER_HOME' }],
        },
      ],
      [
        apt,
        'FROM debian:12\nRUN apt-get clean',
        { what: 'apt-get clean', effect: 'empties', caches: [{ path: '/var/cache/apt' }] },
      ],
      [
        apt,
        'FROM debian:12\nRUN apt distclean',
        { what: 'apt distclean', effect: 'empties', caches: [{ path: '/var/lib/apt/lists' }] },
      ],
      [
        apk,
        'FROM alpine:3.20\nRUN apk add --no-cache curl',
        { what: '--no-cache', effect: 'disables', caches: [{ path: '/var/cache/apk' }] },
      ],
      [
        apk,
        'FROM alpine:3.20\nRUN apk cache clean',
        { what: 'apk cache clean', effect: 'empties', caches: [{ path: '/var/cache/apk' }] },
      ],
      [
        dnf,
        'FROM fedora:40\nRUN dnf clean all',
        { what: 'dnf clean all', effect: 'empties', caches: [{ path: '/var/cache/dnf' }] },
      ],
      [
        dnf,
        'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf clean all',
        { what: 'microdnf clean all', effect: 'empties', caches: [{ path: '/var/cache/yum' }] },
      ],
      [
        zypper,
        'FROM opensuse/leap:15.6\nRUN zypper clean -a',
        { what: 'zypper clean -a', effect: 'empties', caches: [{ path: '/var/cache/zypp' }] },
      ],
      [
        ccache,
        'FROM gcc:14\nENV CCACHE_DIR=/ccache\nRUN ccache -C',
        { what: 'ccache -C', effect: 'empties', caches: [{ path: '/ccache', via: 'CCACHE_DIR' }] },
      ],
      [
        ccache,
        'FROM gcc:14\nENV CCACHE_DIR=/ccache\nRUN CCACHE_DISABLE= ccache gcc -c main.c',
        { what: 'CCACHE_DISABLE=', effect: 'disables', caches: [{ path: '/ccache', via: 'CCACHE_DIR' }] },
      ],
    ]),
  )('%s %#', (_id, pm, dockerfile, expected) => {
    expect(defeat(pm, `${dockerfile}\n`)).toEqual(expected);
  });

  test.each(
    named<[string]>([
      [pip, 'FROM python:3.12\nRUN pip install flask'],
      [pip, 'FROM python:3.12\nRUN pip cache dir'],
      [uv, 'FROM python:3.12\nWORKDIR /app\nRUN UV_NO_CACHE=0 uv sync'],
      [uv, 'FROM python:3.12\nRUN uv cache prune'],
      [npm, 'FROM node:20\nRUN npm cache clean'],
      [npm, 'FROM node:20\nRUN npm cache verify'],
      [go, 'FROM golang:1.23\nWORKDIR /src\nRUN go clean'],
      [go, 'FROM golang:1.23\nWORKDIR /src\nRUN go clean -testcache'],
      [dotnet, 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet nuget locals all --list'],
      [apk, 'FROM alpine:3.20\nRUN apk add curl'],
      [composer, 'FROM composer:2\nWORKDIR /app\nRUN composer install'],
      [bun, 'FROM oven/bun:1\nWORKDIR /app\nRUN bun install --no-cache'],
    ]),
  )('%s %# leaves the cache alone', (_id, pm, dockerfile) => {
    expect(defeat(pm, `${dockerfile}\n`)).toBeUndefined();
  });

  test("a flag that turns off only a second cache is not the install's defeat", () => {
    const df = 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet restore --no-http-cache\n';
    expect(installsAndUses(dotnet, df)[0]?.[0].defeatedBy).toBeUndefined();
    expect(use(dotnet, df)?.defeatedBy).toBeUndefined();
    expect(use(go, 'FROM golang:1.23\nWORKDIR /src\nRUN GOCACHE=off go build -o /app .\n')?.defeatedBy).toBe(
      'GOCACHE=off',
    );
  });
});

describe('isCacheFolder: the folders the facts name as caches, for any user', () => {
  test.each(
    named<[string[], string[]]>([
      [
        pip,
        ['/root/.cache/pip', '/home/app/.cache/pip/http'],
        ['/root/.cache', '/root/.cache/pipx', '/root/.cache/pre-commit'],
      ],
      [uv, ['/root/.cache/uv', '/home/app/.cache/uv'], ['/root/.cache/uvx', '/app/.venv']],
      [poetry, ['/root/.cache/pypoetry', '/home/app/.cache/pypoetry/artifacts'], ['/root/.cache']],
      [pipenv, ['/root/.cache/pipenv'], ['/root/.local/share/virtualenvs']],
      [pdm, ['/root/.cache/pdm'], ['/app/.venv']],
      [conda, ['/opt/conda/pkgs'], ['/opt/conda', '/opt/conda/envs/app']],
      [npm, ['/root/.npm', '/home/node/.npm/_cacache'], ['/app/node_modules', '/root/.cache/node-gyp']],
      [yarn, ['/usr/local/share/.cache/yarn', '/home/node/.cache/yarn'], ['/usr/local/share/.config/yarn']],
      [yarnBerry, ['/root/.yarn/berry/cache'], ['/root/.yarn', '/app/.yarn/cache']],
      [
        pnpm,
        ['/pnpm/store', '/root/.local/share/pnpm/store', '/root/.cache/pnpm'],
        ['/pnpm', '/app/node_modules/.pnpm'],
      ],
      [bun, ['/root/.bun/install/cache'], ['/root/.bun/bin']],
      [deno, ['/deno-dir', '/root/.cache/deno'], ['/usr/local/bin']],
      [
        go,
        ['/go/pkg/mod', '/root/go/pkg/mod', '/root/.cache/go-build'],
        ['/go', '/go/bin', '/root/.cache/golangci-lint'],
      ],
      [
        cargo,
        ['/usr/local/cargo/registry/index', '/usr/local/cargo/git/db', '/root/.cargo/registry'],
        ['/usr/local/cargo', '/usr/local/cargo/bin', '/app/target'],
      ],
      [maven, ['/root/.m2', '/root/.m2/repository', '/home/app/.m2/wrapper'], ['/app/target']],
      [gradle, ['/home/gradle/.gradle/caches', '/root/.gradle/wrapper'], ['/root/.gradle', '/app/build']],
      [sbt, ['/root/.cache/coursier', '/root/.ivy2/cache'], ['/root/.sbt']],
      [
        dotnet,
        ['/root/.nuget/packages', '/root/.local/share/NuGet/http-cache'],
        ['/root/.nuget', '/app/obj'],
      ],
      [
        composer,
        ['/tmp/cache', '/root/.composer/cache', '/home/app/.cache/composer'],
        ['/tmp', '/app/vendor'],
      ],
      [bundler, ['/usr/local/bundle/cache', '/root/.bundle/cache'], ['/usr/local/bundle']],
      [gem, ['/usr/local/bundle/cache'], ['/usr/local/bundle']],
      [
        apt,
        ['/var/cache/apt', '/var/cache/apt/archives', '/var/lib/apt', '/var/lib/apt/lists'],
        ['/var/lib/dpkg', '/var/cache'],
      ],
      [apk, ['/var/cache/apk'], ['/etc/apk', '/lib/apk']],
      [dnf, ['/var/cache/dnf', '/var/cache/libdnf5', '/var/cache/yum', '/var/cache/tdnf'], ['/var/lib/dnf']],
      [zypper, ['/var/cache/zypp/packages'], ['/var/lib/rpm']],
      [ccache, ['/root/.ccache', '/root/.cache/ccache', '/home/app/.cache/sccache'], ['/root/.cache']],
      [vite, [], ['/app/dist', '/root/.npm']],
      [rustup, [], ['/usr/local/rustup']],
    ]),
  )('%s %#', (_id, pm, yes, no) => {
    for (const p of yes) expect([p, pm.isCacheFolder(p)]).toEqual([p, true]);
    for (const p of no) expect([p, pm.isCacheFolder(p)]).toEqual([p, false]);
    expect(pm.isCacheFolder('.cache/pip')).toBe(false);
  });

  test('trailing slashes and dot segments do not matter', () => {
    expect(pip.isCacheFolder('/root/.cache/pip/')).toBe(true);
    expect(pip.isCacheFolder('/root/./.cache//pip')).toBe(true);
  });
});

describe('the facts themselves', () => {
  test('apt must use its caches exclusively, archives and lists included', () => {
    expect(apt.facts.locking.map((l) => l.path)).toEqual([
      '/var/cache/apt',
      '/var/cache/apt/archives',
      '/var/lib/apt',
      '/var/lib/apt/lists',
    ]);
    for (const pm of PACKAGE_MANAGERS) if (pm !== apt) expect([pm.id, pm.facts.locking]).toEqual([pm.id, []]);
  });

  test('the tools whose cache can hold the install say so, with the text that shows it', () => {
    const shown: Record<string, string> = {
      uv: 'ENV UV_LINK_MODE=symlink',
      poetry: 'RUN poetry install',
      pdm: 'RUN pdm install',
      conda: 'ENV CONDA_ALWAYS_SOFTLINK=1',
      'yarn-berry': 'RUN yarn install',
      deno: 'RUN deno cache main.ts',
      pnpm: 'RUN pnpm add -g turbo',
    };
    const trapped = PACKAGE_MANAGERS.filter((pm) => pm.facts.traps.length > 0).map((pm) => pm.id);
    expect(trapped.sort()).toEqual(Object.keys(shown).sort());
    for (const pm of PACKAGE_MANAGERS) {
      for (const t of pm.facts.traps) {
        expect([pm.id, t.mentionedBy?.test(shown[pm.id] as string)]).toEqual([pm.id, true]);
        expect([pm.id, t.mentionedBy?.test('ENV UV_LINK_MODE=copy\nRUN pip install flask')]).toEqual([
          pm.id,
          false,
        ]);
      }
    }
  });

  test('every cache named by a defeat or a cache command exists', () => {
    for (const pm of PACKAGE_MANAGERS) {
      const names = pm.facts.caches.map((c) => c.name);
      for (const f of [...pm.facts.defeats, ...pm.facts.cacheCommands]) {
        for (const n of f.caches ?? []) expect([pm.id, names.includes(n)]).toEqual([pm.id, true]);
      }
    }
  });

  test('ids are unique and match the modules', () => {
    const ids = PACKAGE_MANAGERS.map((pm) => pm.facts.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pm of PACKAGE_MANAGERS) expect([pm.id, pm.name]).toEqual([pm.facts.id, pm.facts.name]);
  });
});
