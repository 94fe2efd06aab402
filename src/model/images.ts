/**
 * What well-known base images set up before the first instruction of a stage
 * that starts FROM them: environment, users, working directory. One entry per
 * image, each fact with its source. A stage FROM an image not listed here has
 * an unknown environment: variables it does not declare itself stay unknown.
 */

export interface ImageUser {
  uid: number;
  /** Unknown when the image lets the system pick it (`useradd --user-group`). */
  gid?: number;
  home: string;
}

export interface ImageFacts {
  /** Repository paths without registry or tag (`python` matches `python`, `library/python` and `docker.io/library/python`). */
  names: string[];
  /** ENV the image sets. */
  env: Record<string, string>;
  /** Users the image creates, besides root. */
  users?: Record<string, ImageUser>;
  /** USER the image ends with, when not root. */
  user?: string;
  /** WORKDIR the image ends with, when not `/`. */
  workdir?: string;
  /** WORKDIR for the variants whose tags match, when it differs from `workdir`. */
  workdirByTag?: ReadonlyArray<readonly [tag: RegExp, workdir: string]>;
  /** Where `pip install` puts packages with the image's own interpreter; `{pyver}` is the Python X.Y read from the tag. */
  pythonSitePackages?: string;
}

const PY_SITE = '/usr/local/lib/python{pyver}/site-packages';
const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const IMAGES: ImageFacts[] = [
  {
    // Distribution images: root filesystems with a CMD and no ENV, USER or WORKDIR
    // (docker-library/official-images: debian and ubuntu from debuerreotype/ubuntu rootfs tarballs,
    // alpine from alpine-minirootfs, fedora, rockylinux, almalinux, amazonlinux, oraclelinux, archlinux,
    // opensuse, busybox), and docker-library/buildpack-deps (FROM debian or ubuntu plus RUN apt-get).
    names: [
      'debian',
      'ubuntu',
      'alpine',
      'busybox',
      'fedora',
      'centos',
      'rockylinux',
      'rockylinux/rockylinux',
      'almalinux',
      'amazonlinux',
      'oraclelinux',
      'archlinux',
      'opensuse/leap',
      'opensuse/tumbleweed',
      'buildpack-deps',
    ],
    env: { PATH: SYSTEM_PATH },
  },
  {
    // docker-library/php@0104cfd:Dockerfile-linux.template: ENV PHP_INI_DIR /usr/local/etc/php; WORKDIR /var/www/html
    // in the apache and fpm variants only (the default tags are the cli variant, which keeps /).
    names: ['php'],
    env: { PATH: SYSTEM_PATH, PHP_INI_DIR: '/usr/local/etc/php' },
    workdirByTag: [[/(?:^|-)(?:apache|fpm)(?:-|$)/, '/var/www/html']],
  },
  {
    // docker-library/python@4f07059:3.10/bookworm/Dockerfile:10-13: ENV PATH /usr/local/bin:$PATH, ENV LANG C.UTF-8;
    // Python is built with --prefix=/usr/local, so site-packages is /usr/local/lib/pythonX.Y/site-packages.
    names: ['python'],
    env: { PATH: SYSTEM_PATH, LANG: 'C.UTF-8' },
    pythonSitePackages: PY_SITE,
  },
  {
    // astral-sh/uv docs/guides/integration/docker.md ("Available images"): ghcr.io/astral-sh/uv:pythonX.Y-<distro>
    // images are the official python images with uv and uvx in /usr/local/bin.
    names: ['astral-sh/uv'],
    env: { PATH: SYSTEM_PATH, LANG: 'C.UTF-8' },
    pythonSitePackages: PY_SITE,
  },
  {
    // nodejs/docker-node@f27d936:22/bookworm/Dockerfile:3-4: groupadd --gid 1000 node && useradd --uid 1000 --gid node
    // --shell /bin/bash --create-home node. The image stays USER root.
    names: ['node'],
    env: { PATH: SYSTEM_PATH },
    users: { node: { uid: 1000, gid: 1000, home: '/home/node' } },
  },
  {
    // oven-sh/bun@0c532ea:dockerhub/debian/Dockerfile: groupadd bun --gid 1000 && useradd bun --uid 1000 --gid bun
    // --create-home; ENV BUN_RUNTIME_TRANSPILER_CACHE_PATH=0; WORKDIR /home/bun/app; stays USER root.
    names: ['oven/bun'],
    env: { PATH: SYSTEM_PATH, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' },
    users: { bun: { uid: 1000, gid: 1000, home: '/home/bun' } },
    workdir: '/home/bun/app',
  },
  {
    // denoland/deno_docker@010da5b:debian.dockerfile: useradd --uid 1993 --user-group deno (no home created);
    // ENV DENO_DIR /deno-dir/, ENV DENO_INSTALL_ROOT /usr/local; stays USER root.
    names: ['denoland/deno'],
    env: { PATH: SYSTEM_PATH, DENO_DIR: '/deno-dir/', DENO_INSTALL_ROOT: '/usr/local' },
    users: { deno: { uid: 1993, home: '/home/deno' } },
  },
  {
    // docker-library/golang@7c8c182:1.26/bookworm/Dockerfile:129-136: ENV GOTOOLCHAIN=local, ENV GOPATH /go,
    // ENV PATH $GOPATH/bin:/usr/local/go/bin:$PATH, WORKDIR $GOPATH.
    names: ['golang'],
    env: { GOTOOLCHAIN: 'local', GOPATH: '/go', PATH: `/go/bin:/usr/local/go/bin:${SYSTEM_PATH}` },
    workdir: '/go',
  },
  {
    // rust-lang/docker-rust@7668ee2:nightly/bookworm/Dockerfile:5-7: RUSTUP_HOME=/usr/local/rustup,
    // CARGO_HOME=/usr/local/cargo, PATH=/usr/local/cargo/bin:$PATH. cargo-chef's images are built FROM it and keep
    // its environment (LukeMathWalker/cargo-chef@16ad3b7:docker/Dockerfile: ARG BASE_IMAGE=rust, FROM $BASE_IMAGE,
    // then cargo install cargo-chef); their tags name the rust tag they start from (latest-rust-1-slim-bookworm).
    names: ['rust', 'rustlang/rust', 'lukemathwalker/cargo-chef'],
    env: {
      RUSTUP_HOME: '/usr/local/rustup',
      CARGO_HOME: '/usr/local/cargo',
      PATH: `/usr/local/cargo/bin:${SYSTEM_PATH}`,
    },
  },
  {
    // docker-library/ruby@d55e25a:3.3/bookworm/Dockerfile:11-12,101-108: ENV GEM_HOME /usr/local/bundle,
    // BUNDLE_SILENCE_ROOT_WARNING=1, BUNDLE_APP_CONFIG="$GEM_HOME", PATH $GEM_HOME/bin:$PATH.
    names: ['ruby'],
    env: {
      GEM_HOME: '/usr/local/bundle',
      BUNDLE_SILENCE_ROOT_WARNING: '1',
      BUNDLE_APP_CONFIG: '/usr/local/bundle',
      PATH: `/usr/local/bundle/bin:${SYSTEM_PATH}`,
    },
  },
  {
    // composer/docker@e1056b5:latest/Dockerfile:23-24,86: ENV COMPOSER_ALLOW_SUPERUSER=1, ENV COMPOSER_HOME=/tmp
    // (so the cache is /tmp/cache), WORKDIR /app.
    names: ['composer', 'composer/composer'],
    env: { PATH: SYSTEM_PATH, COMPOSER_ALLOW_SUPERUSER: '1', COMPOSER_HOME: '/tmp' },
    workdir: '/app',
  },
  {
    // carlossg/docker-maven@0170c5b:eclipse-temurin-11-alpine/Dockerfile:13-20: ENV MAVEN_HOME /usr/share/maven,
    // ARG USER_HOME_DIR="/root", ENV MAVEN_CONFIG "$USER_HOME_DIR/.m2".
    names: ['maven'],
    env: { MAVEN_HOME: '/usr/share/maven', MAVEN_CONFIG: '/root/.m2' },
  },
  {
    // gradle/docker-gradle@528a647:jdk-lts-and-current-alpine/Dockerfile:11-30,82-88: ENV GRADLE_HOME /opt/gradle;
    // user gradle uid/gid 1000 with home /home/gradle; /root/.gradle links to /home/gradle/.gradle; ends USER root.
    names: ['gradle'],
    env: { GRADLE_HOME: '/opt/gradle' },
    users: { gradle: { uid: 1000, gid: 1000, home: '/home/gradle' } },
  },
  {
    // dotnet/dotnet-docker@3ed00b6:src/sdk/10.0/noble/amd64/Dockerfile:21-31 (DOTNET_NOLOGO, NUGET_XMLDOC_MODE; no
    // NUGET_PACKAGES) and src/runtime-deps/10.0/noble/amd64/Dockerfile (APP_UID=1654, user app); stays USER root.
    names: ['dotnet/sdk', 'dotnet/aspnet', 'dotnet/runtime', 'dotnet/runtime-deps'],
    env: { DOTNET_NOLOGO: 'true', NUGET_XMLDOC_MODE: 'skip', APP_UID: '1654' },
    users: { app: { uid: 1654, gid: 1654, home: '/home/app' } },
  },
  {
    // mamba-org/micromamba-docker@a815800:debian.Dockerfile:19-39: MAMBA_ROOT_PREFIX=/opt/conda, user mambauser
    // (MAMBA_USER_ID=57439, MAMBA_USER_GID=57439), USER mambauser.
    names: ['mambaorg/micromamba'],
    env: {
      MAMBA_ROOT_PREFIX: '/opt/conda',
      MAMBA_USER: 'mambauser',
      MAMBA_USER_ID: '57439',
      MAMBA_USER_GID: '57439',
      PATH: `/opt/conda/bin:${SYSTEM_PATH}`,
    },
    users: { mambauser: { uid: 57439, gid: 57439, home: '/home/mambauser' } },
    user: 'mambauser',
  },
  {
    // ContinuumIO/docker-images@dc64b23:miniconda3/debian/Dockerfile:56-63: conda installed to /opt/conda,
    // ENV PATH /opt/conda/bin:$PATH; stays USER root.
    names: ['continuumio/miniconda3', 'continuumio/anaconda3'],
    env: { PATH: `/opt/conda/bin:${SYSTEM_PATH}`, LANG: 'C.UTF-8' },
  },
];

export interface ImageRef {
  /** Repository path without registry, e.g. `python`, `library/python`, `bitnami/python`. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** Splits an image reference (`docker.io/library/python:3.12-slim@sha256:...`). */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost'))
    parts.shift();
  let repository = parts.join('/').toLowerCase();
  // Mirrors of Docker Hub's official images keep their path under a prefix (public.ecr.aws/docker/library/python).
  if (repository.startsWith('docker/library/')) repository = repository.slice('docker/'.length);
  if (repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return { repository, tag, digest };
}

export function findImage(ref: ImageRef): ImageFacts | undefined {
  return IMAGES.find((img) => img.names.includes(ref.repository));
}

/** The WORKDIR a stage FROM this image starts in. */
export function imageWorkdir(image: ImageFacts, tag: string | undefined): string {
  for (const [re, dir] of image.workdirByTag ?? []) if (tag !== undefined && re.test(tag)) return dir;
  return image.workdir ?? '/';
}

/** `3.12` from tags such as `3.12`, `3.12.4-slim-bookworm`, `python3.12-bookworm`; undefined when the tag names no minor version. */
export function pythonVersionFromTag(tag: string | undefined): string | undefined {
  const m = tag ? /^(?:python)?(\d+)\.(\d+)(?:[.\-_]|$)/.exec(tag) : null;
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/**
 * Images whose apt deletes every package it downloads: Debian's images carry
 * `/etc/apt/apt.conf.d/docker-clean`, whose `DPkg::Post-Invoke` hook removes
 * `/var/cache/apt/archives/*.deb` after each install
 * (debuerreotype/debuerreotype@7de510f:scripts/debuerreotype-minimizing-config:87-111);
 * Ubuntu's do too (the Dockerfile reference's apt example, FROM ubuntu, removes it:
 * moby/buildkit@73ed682:frontend/dockerfile/docs/reference.md:896-912). The
 * docker-library language images below are built FROM Debian or Ubuntu tags by
 * default; their Alpine, Windows and other variants are not.
 */
const DOCKER_CLEAN_IMAGES = new Set([
  'debian',
  'ubuntu',
  'buildpack-deps',
  'python',
  'astral-sh/uv',
  'node',
  'oven/bun',
  'denoland/deno',
  'golang',
  'rust',
  'rustlang/rust',
  'lukemathwalker/cargo-chef',
  'ruby',
  'php',
  'maven',
  'gradle',
  'dotnet/sdk',
  'dotnet/aspnet',
  'dotnet/runtime',
  'dotnet/runtime-deps',
  'continuumio/miniconda3',
  'continuumio/anaconda3',
  'mambaorg/micromamba',
]);
/** Tags of those images that are not Debian or Ubuntu. */
const NOT_DEBIAN_TAG =
  /alpine|windows|nanoserver|servercore|ltsc|distroless|chiseled|corretto|ubi\d|oraclelinux|fedora|centos|rocky|alma|azurelinux|cbl-mariner|mariner/i;
/** Images that have no apt at all. */
const NO_APT_IMAGES = new Set([
  'alpine',
  'busybox',
  'fedora',
  'centos',
  'rockylinux',
  'rockylinux/rockylinux',
  'almalinux',
  'amazonlinux',
  'oraclelinux',
  'archlinux',
  'opensuse/leap',
  'opensuse/tumbleweed',
  'composer',
  'composer/composer',
  'scratch',
]);

/**
 * Whether apt in an image deletes what it downloads (Debian's docker-clean):
 * true for the Debian and Ubuntu images and the language images built on
 * them, false for images without apt or without that file, undefined for an
 * image the tool does not know.
 */
export function aptDeletesDownloads(ref: ImageRef): boolean | undefined {
  if (NO_APT_IMAGES.has(ref.repository)) return false;
  if (!DOCKER_CLEAN_IMAGES.has(ref.repository)) return undefined;
  return !NOT_DEBIAN_TAG.test(ref.tag ?? '');
}
