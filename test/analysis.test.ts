/**
 * The shared analysis transforms ask: the cache uses and defeats of a RUN, the
 * mount covering a folder, Debian's docker-clean and the image facts behind it.
 */
import { Analysis } from '../src/analysis/analysis.js';
import { DOCKER_CLEAN, dockerCleanFor, globBase, KEEP_DOWNLOADS } from '../src/analysis/apt.js';
import { RunReader } from '../src/model/commands.js';
import { DockerfileModel, type RunInstruction } from '../src/model/dockerfile.js';
import { aptDeletesDownloads, parseImageRef } from '../src/model/images.js';
import { loadShellParser } from '../src/shell/loader.js';
import { ShellReader } from '../src/shell/reader.js';

let reader: ShellReader;
beforeAll(async () => {
  await loadShellParser();
  reader = new ShellReader();
});

function analysisOf(text: string) {
  const model = new DockerfileModel(text);
  const analysis = new Analysis(model, new RunReader(model, () => reader));
  return { model, analysis, runs: model.runs() as RunInstruction[] };
}

describe('image facts', () => {
  test.each([
    ['debian:12', true],
    ['ubuntu:24.04', true],
    ['python:3.12-slim', true],
    ['python:3.12-alpine', false],
    ['node:20-bookworm', true],
    ['public.ecr.aws/docker/library/ruby:3.0-bullseye', true],
    ['mcr.microsoft.com/dotnet/sdk:8.0', true],
    ['mcr.microsoft.com/dotnet/sdk:8.0-alpine', false],
    ['maven:3-amazoncorretto-21', false],
    ['alpine:3.20', false],
    ['composer:2', false],
    ['lukemathwalker/cargo-chef:latest-rust-1-slim-bookworm', true],
    ['lukemathwalker/cargo-chef:latest-rust-1.80-alpine', false],
    ['registry.example.com/base:1', undefined],
  ])('%s: apt deletes its downloads: %s', (image, expected) => {
    expect(aptDeletesDownloads(parseImageRef(image))).toBe(expected);
  });

  test('mirrors of the official images name the same repository', () => {
    expect(parseImageRef('public.ecr.aws/docker/library/python:3.12').repository).toBe('python');
    expect(parseImageRef('docker.io/library/python').repository).toBe('python');
  });
});

describe('docker-clean', () => {
  test.each([
    ['/etc/apt/apt.conf.d/*', '/etc/apt/apt.conf.d'],
    ['/var/lib/apt/lists/*', '/var/lib/apt/lists'],
    ['/*.log', '/'],
    ['newrelic-php5*', '.'],
    ['/plain/path', '/plain/path'],
  ])('globBase(%s) is %s', (p, expected) => expect(globBase(p)).toBe(expected));

  test('active in a Debian image until a RUN of the chain removes it', () => {
    const { analysis, runs } = analysisOf(
      'FROM debian:12 AS base\nRUN apt-get update\nRUN rm -f /etc/apt/apt.conf.d/docker-clean\nFROM base\nRUN apt-get install -y curl\n',
    );
    const first = dockerCleanFor(analysis, runs[0] as RunInstruction, 0);
    expect(first.state).toBe('active');
    expect(first.state === 'active' && first.edit?.text).toBe(`${KEEP_DOWNLOADS}; `);
    expect(dockerCleanFor(analysis, runs[2] as RunInstruction, 0).state).toBe('none');
  });

  test('removed earlier in the same RUN, or by a glob over its folder', () => {
    const { analysis, runs } = analysisOf(
      `FROM ubuntu:24.04\nRUN rm -f ${DOCKER_CLEAN} && apt-get install -y curl\nFROM ubuntu:24.04\nRUN rm /etc/apt/apt.conf.d/* ; apt-get install -y git\n`,
    );
    expect(dockerCleanFor(analysis, runs[0] as RunInstruction, 1).state).toBe('none');
    expect(dockerCleanFor(analysis, runs[1] as RunInstruction, 1).state).toBe('none');
    // Removed only after the apt command: too late for it.
    const late = analysisOf(`FROM debian:12\nRUN apt-get install -y curl && rm -f ${DOCKER_CLEAN}\n`);
    expect(dockerCleanFor(late.analysis, late.runs[0] as RunInstruction, 0).state).toBe('active');
  });

  test('unknown for an image the tool does not know; none for one without apt', () => {
    const { analysis, runs } = analysisOf(
      'FROM example.com/base\nRUN apt-get install -y x\nFROM alpine\nRUN apk add x\n',
    );
    expect(dockerCleanFor(analysis, runs[0] as RunInstruction, 0)).toEqual({
      state: 'unknown',
      image: 'example.com/base',
    });
    expect(dockerCleanFor(analysis, runs[1] as RunInstruction, 0).state).toBe('none');
  });

  test('the JSON form gets no edit', () => {
    const { analysis, runs } = analysisOf('FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n');
    const s = dockerCleanFor(analysis, runs[0] as RunInstruction, 0);
    expect(s.state === 'active' && s.edit).toBeUndefined();
  });
});

describe('a RUN through the analysis', () => {
  test('cache uses and defeats, tool by tool, in order', () => {
    const { analysis, runs } = analysisOf(
      'FROM python:3.12\nRUN pip install --no-cache-dir flask && npm cache clean --force && echo done\n',
    );
    const run = runs[0] as RunInstruction;
    expect(analysis.cacheUses(run).map((u) => [u.pm.id, u.use.action, u.use.defeatedBy])).toEqual([
      ['pip', 'install', '--no-cache-dir'],
    ]);
    expect(analysis.cacheDefeats(run).map((d) => [d.pm.id, d.defeat.what])).toEqual([
      ['pip', '--no-cache-dir'],
      ['npm', 'npm cache clean --force'],
    ]);
  });

  test('the mount covering a folder is the innermost one', () => {
    const { analysis, runs } = analysisOf(
      'FROM debian:12\nRUN --mount=type=cache,target=/var/cache --mount=type=cache,target=/var/cache/apt --mount=type=bind,target=/var/cache/apt/archives true\n',
    );
    const run = runs[0] as RunInstruction;
    expect(analysis.cacheMountCovering(run, '/var/cache/apt/archives')?.target).toBe('/var/cache/apt');
    expect(analysis.cacheMountCovering(run, '/var/cache/x')?.target).toBe('/var/cache');
    expect(analysis.cacheMountCovering(run, '/var/lib/apt')).toBeUndefined();
  });
});
