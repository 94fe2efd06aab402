/**
 * What well-known base images set up before the first instruction of a stage
 * that starts FROM them: environment, users, working directory. One entry per
 * image, each fact with its source. A stage FROM an image not listed here has
 * an unknown environment: variables it does not declare itself stay unknown.
 */

export interface ImageUser {
  uid: number;
  gid: number;
  home: string;
}

export interface ImageFacts {
  /** Repository names, without registry or tag (`python`, `library/python` and `docker.io/library/python` all match `python`). */
  names: string[];
  /** ENV set by the image. `{pyver}` stands for the Python X.Y read from the tag. */
  env: Record<string, string>;
  /** Users the image creates, besides root. */
  users?: Record<string, ImageUser>;
  /** USER the image ends with, when not root. */
  user?: string;
  /** WORKDIR the image ends with, when not `/`. */
  workdir?: string;
  /** Where `pip install` puts packages with the image's own interpreter; `{pyver}` as above. */
  pythonSitePackages?: string;
}

const PY_SITE = '/usr/local/lib/python{pyver}/site-packages';

export const IMAGES: ImageFacts[] = [
  {
    // docker-library/python@4f07059:3.10/bookworm/Dockerfile:10-13: ENV PATH /usr/local/bin:$PATH, ENV LANG C.UTF-8;
    // Python is built with --prefix=/usr/local, so site-packages is /usr/local/lib/pythonX.Y/site-packages.
    names: ['python'],
    env: { PATH: '/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
    pythonSitePackages: PY_SITE,
  },
  {
    // nodejs/docker-node@f27d936:22/bookworm/Dockerfile:3-4: groupadd --gid 1000 node && useradd --uid 1000 --gid node
    // --shell /bin/bash --create-home node. The image stays USER root.
    names: ['node'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    users: { node: { uid: 1000, gid: 1000, home: '/home/node' } },
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
  if (repository.startsWith('library/')) repository = repository.slice('library/'.length);
  return { repository, tag, digest };
}

export function findImage(ref: ImageRef): ImageFacts | undefined {
  return IMAGES.find((img) => img.names.includes(ref.repository));
}

/** `3.12` from tags such as `3.12`, `3.12.4-slim-bookworm`, `3.12-alpine`; undefined when the tag does not name a minor version. */
export function pythonVersionFromTag(tag: string | undefined): string | undefined {
  const m = tag ? /^(\d+)\.(\d+)(?:[.\-_]|$)/.exec(tag) : null;
  return m ? `${m[1]}.${m[2]}` : undefined;
}
