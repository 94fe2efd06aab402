/**
 * PHP, Ruby, .NET, system package managers and compiler caches: which
 * commands are installs, where they install and where their download cache
 * is, for the environment each RUN really has.
 */
import { apk } from '../../src/package-managers/apk.js';
import { apt } from '../../src/package-managers/apt.js';
import { bundler } from '../../src/package-managers/bundler.js';
import { ccache } from '../../src/package-managers/ccache.js';
import { composer } from '../../src/package-managers/composer.js';
import { dnf } from '../../src/package-managers/dnf.js';
import { dotnet } from '../../src/package-managers/dotnet.js';
import { gem } from '../../src/package-managers/gem.js';
import { zypper } from '../../src/package-managers/zypper.js';
import { invocations, loadReader, one } from '../helpers/pm.js';

beforeAll(loadReader);

const paths = (caches: ReturnType<typeof one>['caches']) => caches.map((c) => ('path' in c ? c.path : c));

describe('Composer', () => {
  test.each([
    ['composer install', ['/app/vendor']],
    ['composer i --no-dev', ['/app/vendor']],
    ['composer update', ['/app/vendor']],
    ['composer require monolog/monolog', ['/app/vendor']],
    ['composer --working-dir=/srv install', ['/srv/vendor']],
    ['composer -d api install', ['/app/api/vendor']],
    ['cd api && composer install', ['/app/api/vendor']],
    ['php composer.phar install', ['/app/vendor']],
    ['php -d memory_limit=-1 /usr/local/bin/composer install', ['/app/vendor']],
    ['COMPOSER_VENDOR_DIR=lib composer install', ['/app/lib']],
    ['COMPOSER_BIN_DIR=/usr/local/bin composer install', ['/app/vendor', '/usr/local/bin']],
    ['composer create-project laravel/laravel', ['/app/laravel']],
    ['composer create-project laravel/laravel:^11.0 site', ['/app/site']],
    ['composer create-project symfony/skeleton /srv/app "7.1.*"', ['/srv/app']],
  ])('%s installs into %j', (cmd, dests) => {
    expect(one(composer, `FROM php:8.3-cli\nWORKDIR /app\nRUN ${cmd}\n`).dests).toEqual(dests);
  });

  test('global installs go to COMPOSER_HOME/vendor', () => {
    expect(one(composer, 'FROM composer:2\nRUN composer global require phpstan/phpstan\n')).toMatchObject({
      action: 'global require',
      dests: ['/tmp/vendor'],
    });
    expect(one(composer, 'FROM php:8.3\nRUN composer global require x/y\n').dests).toEqual([
      '/root/.composer/vendor',
      '/root/.config/composer/vendor',
    ]);
  });

  test('not installs: dump-autoload, validate, run-script, php artisan', () => {
    expect(
      invocations(
        composer,
        'FROM php\nRUN composer dump-autoload -o && composer validate && composer run-script x && php artisan optimize\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['FROM composer:2\nRUN composer install\n', ['/tmp/cache']],
    ['FROM php:8.3\nENV COMPOSER_HOME=/composer\nRUN composer install\n', ['/composer/cache']],
    ['FROM php:8.3\nENV COMPOSER_CACHE_DIR=/cache/composer\nRUN composer install\n', ['/cache/composer']],
    ['FROM php:8.3\nRUN composer install\n', ['/root/.composer/cache']],
    [
      'FROM php:8.3\nENV XDG_CACHE_HOME=/xc\nRUN composer install\n',
      ['/root/.composer/cache', '/xc/composer'],
    ],
    [
      'FROM php:8.3\nCOPY auth.json /root/.config/composer/auth.json\nRUN composer install\n',
      ['/root/.composer/cache', '/root/.cache/composer'],
    ],
    [
      'FROM php:8.3\nRUN useradd -u 1000 -m app\nUSER app\nRUN composer install\n',
      ['/home/app/.composer/cache'],
    ],
  ])('cache of %j is %j', (dockerfile, want) => {
    expect(paths(one(composer, dockerfile).caches)).toEqual(want);
  });

  test('a non-root user whose home is not known leaves the cache unknown', () => {
    expect(one(composer, 'FROM php:8.3\nUSER 1001\nRUN composer install\n').cache).toHaveProperty('unknown');
  });

  test('--no-cache and COMPOSER_CACHE_DIR=/dev/null defeat the cache, which stays the usual one', () => {
    expect(one(composer, 'FROM composer\nRUN composer install --no-cache\n')).toMatchObject({
      defeatedBy: '--no-cache',
      cache: { path: '/tmp/cache' },
    });
    expect(
      one(composer, 'FROM composer\nENV COMPOSER_CACHE_DIR=/dev/null\nRUN composer install\n'),
    ).toMatchObject({
      defeatedBy: 'COMPOSER_CACHE_DIR=/dev/null',
      cache: { path: '/tmp/cache' },
    });
  });

  test('unknown values make the destination or the cache unknown', () => {
    expect(
      invocations(composer, 'FROM php\nARG V\nENV COMPOSER_VENDOR_DIR=$V\nRUN composer install\n'),
    ).toEqual([]);
    expect(
      one(composer, 'FROM php\nARG C\nENV COMPOSER_CACHE_DIR=$C\nRUN composer install\n').cache,
    ).toHaveProperty('unknown');
    expect(one(composer, 'FROM php\nRUN composer install\n', { composer: '/mine' }).cache).toEqual({
      path: '/mine',
      via: 'configuration',
    });
  });
});

describe('Bundler', () => {
  test('in the ruby image a plain install goes to GEM_HOME, cached in GEM_HOME/cache', () => {
    expect(one(bundler, 'FROM ruby:3.3\nWORKDIR /app\nRUN bundle install\n')).toMatchObject({
      action: 'install',
      dests: ['/usr/local/bundle'],
      cache: { path: '/usr/local/bundle/cache' },
    });
  });

  test.each([
    ['bundle', 'install'],
    ['bundle check || bundle install -j4', 'install'],
    ['bundler install --jobs 4', 'install'],
    ['bundle update rails', 'update'],
    ['bundle add puma', 'add'],
  ])('%s is an install', (cmd, action) => {
    expect(invocations(bundler, `FROM ruby:3.3\nRUN ${cmd}\n`).map((i) => i.action)).toEqual([action]);
  });

  test('not installs: bundle exec, bundle check, bundle config, bundle clean', () => {
    expect(
      invocations(
        bundler,
        'FROM ruby:3.3\nRUN bundle check && bundle exec rake && bundle config set path x && bundle clean\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['ENV BUNDLE_PATH=/gems\nRUN bundle install', '/gems/ruby/3.2.0'],
    ['ENV BUNDLE_PATH=vendor/bundle\nRUN bundle install', '/app/vendor/bundle/ruby/3.2.0'],
    ['RUN bundle install --path vendor/bundle', '/app/vendor/bundle/ruby/3.2.0'],
    ['RUN bundle install --deployment', '/app/vendor/bundle/ruby/3.2.0'],
    ['ENV BUNDLE_DEPLOYMENT=1\nRUN bundle install', '/app/vendor/bundle/ruby/3.2.0'],
    [
      'ENV BUNDLE_DEPLOYMENT=1 BUNDLE_PATH=/usr/local/bundle\nRUN bundle install',
      '/usr/local/bundle/ruby/3.2.0',
    ],
    ['RUN bundle config set path vendor/bundle\nRUN bundle install', '/app/vendor/bundle/ruby/3.2.0'],
    ['RUN bundle config path /opt/gems\nRUN bundle install', '/opt/gems/ruby/3.2.0'],
    ['RUN bundle config set --local path "vendor/gems"\nRUN bundle install', '/app/vendor/gems/ruby/3.2.0'],
    ['RUN bundle config set deployment true\nRUN bundle install', '/app/vendor/bundle/ruby/3.2.0'],
    ['RUN bundle config set path /a && bundle install', '/a/ruby/3.2.0'],
    ['RUN bundle install --path /old\nRUN bundle install', '/old/ruby/3.2.0'],
    ['RUN bundle config set path /a\nRUN bundle config unset path\nRUN bundle install', '/usr/local/bundle'],
    ['RUN bundle config set path.system true\nRUN bundle install', '/usr/local/bundle'],
    ['ENV BUNDLE_PATH=/gems\nRUN bundle install --system', '/usr/local/bundle'],
    ['RUN bundle install --gemfile /src/Gemfile --path vendor', '/src/vendor/ruby/3.2.0'],
    [
      'ENV BUNDLE_GEMFILE=/src/Gemfile BUNDLE_DEPLOYMENT=true\nRUN bundle install',
      '/src/vendor/bundle/ruby/3.2.0',
    ],
  ])('%s installs into %s', (lines, dest) => {
    expect(one(bundler, `FROM ruby:3.2.4-slim\nWORKDIR /app\n${lines}\n`).dests).toEqual([dest]);
  });

  test('the local config wins over BUNDLE_PATH, the global config loses to it', () => {
    const base = 'FROM ruby:3.3\nWORKDIR /rails\nENV BUNDLE_PATH=/usr/local/bundle\n';
    expect(one(bundler, `${base}RUN bundle config set path /srv/vendor && bundle install\n`).dests).toEqual([
      '/srv/vendor/ruby/3.3.0',
    ]);
    expect(
      one(bundler, `${base}RUN bundle config set --global path /srv/vendor && bundle install\n`).dests,
    ).toEqual(['/usr/local/bundle/ruby/3.3.0']);
  });

  test('only config written before the install counts', () => {
    const df =
      'FROM ruby:3.3\nWORKDIR /app\nRUN bundle config set path /srv && bundle install && bundle config set path vendor\n';
    expect(invocations(bundler, df).map((i) => i.destinations[0]?.path)).toEqual(['/srv/ruby/3.3.0']);
  });

  test('config written in a heredoc RUN applies', () => {
    expect(
      one(
        bundler,
        'FROM ruby:3.3\nWORKDIR /app\nRUN <<EOF\nset -e\nbundle config set --local path .gems\nEOF\nRUN bundle install\n',
      ).dests,
    ).toEqual(['/app/.gems/ruby/3.3.0']);
  });

  test('a commented-out config line does not count', () => {
    expect(
      one(
        bundler,
        'FROM ruby:3.3\nWORKDIR /app\nRUN echo hi # bundle config set path /x\nRUN bundle install\n',
      ).dests,
    ).toEqual(['/usr/local/bundle']);
  });

  test('config written in a parent stage applies', () => {
    expect(
      one(bundler, 'FROM ruby:3.1 AS base\nRUN bundle config set path /gems\nFROM base\nRUN bundle install\n')
        .dests,
    ).toEqual(['/gems/ruby/3.1.0']);
  });

  test('the Ruby version comes from the ruby image tag, also through a registry mirror', () => {
    const df =
      'FROM public.ecr.aws/docker/library/ruby:3.0-bullseye\nWORKDIR /app\nRUN bundle config set path vendor/bundle\nRUN bundle install\n';
    expect(one(bundler, df)).toMatchObject({
      dests: ['/app/vendor/bundle/ruby/3.0.0'],
      cache: { path: '/app/vendor/bundle/ruby/3.0.0/cache' },
    });
  });

  test('an unknown Ruby version leaves a custom path cache unknown', () => {
    const inv = one(bundler, 'FROM ruby:latest\nENV BUNDLE_PATH=/gems\nRUN bundle install\n');
    expect(inv.dests).toEqual(['/gems/ruby/*']);
    expect(inv.cache).toHaveProperty('unknown');
  });

  test('GEM_HOME not known: the default gem folders, and the cache is reported unknown', () => {
    const inv = one(bundler, 'FROM nullstone/rails:6-ruby3\nRUN bundle install\n');
    expect(inv.dests).toContain('/usr/local/bundle');
    expect(inv.dests).toContain('/var/lib/gems/*');
    expect(inv.cache).toHaveProperty('unknown');
  });

  test('GEM_HOME set to something unknown, or a path with an unknown value: no invocation', () => {
    expect(invocations(bundler, 'FROM ruby:3.3\nARG G\nENV GEM_HOME=$G\nRUN bundle install\n')).toEqual([]);
    expect(
      invocations(bundler, 'FROM ruby:3.3\nARG P\nRUN bundle config set path $P\nRUN bundle install\n'),
    ).toEqual([]);
  });

  test('BUNDLE_GLOBAL_GEM_CACHE moves the download cache to ~/.bundle/cache', () => {
    expect(
      one(bundler, 'FROM ruby:3.3\nENV BUNDLE_GLOBAL_GEM_CACHE=true\nRUN bundle install\n').cache,
    ).toEqual({
      path: '/root/.bundle/cache',
      via: 'BUNDLE_GLOBAL_GEM_CACHE',
    });
    expect(
      one(bundler, 'FROM ruby:3.3\nENV BUNDLE_GLOBAL_GEM_CACHE=1 BUNDLE_USER_CACHE=/bc\nRUN bundle install\n')
        .cache,
    ).toEqual({ path: '/bc', via: 'BUNDLE_USER_CACHE' });
  });

  test('/root/.gem is not where Bundler keeps gems in the ruby image', () => {
    expect(paths(one(bundler, 'FROM ruby:3.3\nRUN bundle install\n').caches)).not.toContain('/root/.gem');
  });

  test('configuration overrides the cache', () => {
    expect(one(bundler, 'FROM ruby:3.3\nRUN bundle install\n', { bundler: '/bc' }).cache).toEqual({
      path: '/bc',
      via: 'configuration',
    });
  });
});

describe('RubyGems', () => {
  test.each([
    ['FROM ruby:3.3\nRUN gem install rails', ['/usr/local/bundle'], '/usr/local/bundle/cache'],
    ['FROM ruby:3.3\nRUN gem i -N bundler:2.5.6', ['/usr/local/bundle'], '/usr/local/bundle/cache'],
    ['FROM ruby:3.3\nRUN gem install -i /opt/gems foo', ['/opt/gems'], '/opt/gems/cache'],
    ['FROM ruby:3.3\nRUN gem install --install-dir=vendor foo', ['/vendor'], '/vendor/cache'],
    ['FROM ruby:3.3\nENV GEM_HOME=/g\nRUN gem update', ['/g'], '/g/cache'],
    [
      'FROM ruby:3.3\nRUN gem install --user-install foo',
      ['/root/.gem/ruby/3.3.0', '/root/.local/share/gem/ruby/3.3.0'],
      '/root/.gem/ruby/3.3.0/cache',
    ],
    [
      'FROM ruby:3.3\nRUN gem install -n /usr/local/bin foo',
      ['/usr/local/bundle', '/usr/local/bin'],
      '/usr/local/bundle/cache',
    ],
  ])('%j installs into %j, cache %s', (dockerfile, dests, cache) => {
    const inv = one(gem, `${dockerfile}\n`);
    expect(inv.dests).toEqual(dests);
    expect(inv.cache).toMatchObject({ path: cache });
  });

  test('--user-install with an unknown Ruby version: both user folders, cache unknown', () => {
    const inv = one(gem, 'FROM debian:12\nRUN gem install --user-install foo\n');
    expect(inv.dests).toEqual(['/root/.gem/ruby/*', '/root/.local/share/gem/ruby/*']);
    expect(inv.cache).toHaveProperty('unknown');
  });

  test('no GEM_HOME: the default gem folders with the version, cache unknown', () => {
    const inv = one(gem, 'FROM debian:12\nRUN gem install foo\n');
    expect(inv.dests).toContain('/var/lib/gems/*');
    expect(inv.cache).toHaveProperty('unknown');
  });

  test('not installs: gem update --system, gem list, gem build', () => {
    expect(
      invocations(gem, 'FROM ruby\nRUN gem update --system && gem list && gem build x.gemspec\n'),
    ).toEqual([]);
  });
});

describe('.NET', () => {
  test.each([
    ['dotnet restore', ['/src/obj']],
    ['dotnet restore App/App.csproj', ['/src/App/obj']],
    ['dotnet build -c Release', ['/src/obj', '/src/bin']],
    ['dotnet build App.sln', ['/src/obj', '/src/bin']],
    ['dotnet build ./api', ['/src/api/obj', '/src/api/bin']],
    ['dotnet publish App/App.csproj -c Release', ['/src/App/obj', '/src/App/bin']],
    ['dotnet publish -c Release -o /app', ['/app']],
    ['dotnet publish --output out --self-contained false', ['/src/out']],
    ['dotnet publish -a ${TARGETARCH/amd64/x64} --use-current-runtime -o /app', ['/app']],
    ['dotnet publish App.csproj /p:UseAppHost=false -o /app', ['/app']],
    ['dotnet pack -o /nupkgs', ['/nupkgs']],
    ['dotnet build --artifacts-path /artifacts', ['/artifacts']],
  ])('%s writes %j', (cmd, dests) => {
    const inv = one(dotnet, `FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual(dests);
    expect(inv.kinds.every((k) => k === (cmd.includes('restore') ? 'packages' : 'build'))).toBe(true);
  });

  test('tool installs are packages', () => {
    expect(
      one(dotnet, 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet tool install -g dotnet-ef\n'),
    ).toMatchObject({
      action: 'tool install',
      dests: ['/root/.dotnet/tools'],
      kinds: ['packages'],
    });
    expect(
      one(
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet tool install --tool-path /tools dotnet-ef\n',
      ).dests,
    ).toEqual(['/tools']);
  });

  test('not installs: dotnet test, dotnet run, local tool install and restore, dotnet app.dll', () => {
    expect(
      invocations(
        dotnet,
        'FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN dotnet test && dotnet run --project x && dotnet tool install dotnet-ef && dotnet tool restore && dotnet app.dll\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['RUN dotnet restore', ['/root/.nuget/packages', '/root/.local/share/NuGet/http-cache']],
    ['ENV NUGET_PACKAGES=/nuget\nRUN dotnet restore', ['/nuget', '/root/.local/share/NuGet/http-cache']],
    ['RUN dotnet restore --packages /pk', ['/pk', '/root/.local/share/NuGet/http-cache']],
    ['RUN dotnet restore -p:RestorePackagesPath=/rp', ['/rp', '/root/.local/share/NuGet/http-cache']],
    ['ENV NUGET_HTTP_CACHE_PATH=/h\nRUN dotnet restore', ['/root/.nuget/packages', '/h']],
    [
      'ENV DOTNET_CLI_HOME=/cli\nRUN dotnet restore',
      ['/cli/.nuget/packages', '/cli/.local/share/NuGet/http-cache'],
    ],
    ['ENV XDG_DATA_HOME=/d\nRUN dotnet restore', ['/root/.nuget/packages', '/d/NuGet/http-cache']],
    [
      'USER app\nRUN dotnet restore',
      ['/home/app/.nuget/packages', '/home/app/.local/share/NuGet/http-cache'],
    ],
  ])('caches of %j are %j', (lines, want) => {
    expect(
      paths(one(dotnet, `FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\n${lines}\n`).caches),
    ).toEqual(want);
  });

  test.each([
    ['dotnet restore --packages /pk', ['/src/obj', '/pk'], ['packages', 'restore']],
    ['dotnet restore App.csproj --packages=pkgs', ['/src/obj', '/src/pkgs'], ['packages', 'restore']],
    ['dotnet restore -p:RestorePackagesPath=/rp', ['/src/obj', '/rp'], ['packages', 'restore']],
    ['dotnet publish -o /app --packages /pk', ['/app', '/pk'], ['build', 'restore']],
    ['dotnet publish --no-restore -o /app --packages /pk', ['/app'], ['build']],
    ['dotnet restore', ['/src/obj'], ['packages']],
  ])('the packages folder a restore is told to use is where it restores: %s', (cmd, dests, kinds) => {
    const inv = one(dotnet, `FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual(dests);
    expect(inv.kinds).toEqual(kinds);
  });

  test('a --no-restore build reads the packages where the restore before it in the RUN put them', () => {
    const invs = invocations(
      dotnet,
      'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet restore --packages /pk && dotnet publish --no-restore -o /app && dotnet build -c Release\n',
    );
    expect(invs.map((i) => [i.action, paths(i.caches)[0]])).toEqual([
      ['restore', '/pk'],
      ['publish', '/pk'],
      // A build that restores uses its own packages folder.
      ['build', '/root/.nuget/packages'],
    ]);
    expect(
      paths(
        one(
          dotnet,
          'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nRUN dotnet restore -p:RestorePackagesPath=/rp\nRUN dotnet publish --no-build -o /app\n',
        ).caches,
      )[0],
    ).toBe('/root/.nuget/packages');
  });

  test('readsCache: build, publish, test, run, pack with --no-restore or --no-build', () => {
    const reads = (body: string) =>
      invocations(
        {
          ...dotnet,
          id: 'reads',
          invocation: (cmd, _ctx) => (dotnet.readsCache?.(cmd) ? ({} as never) : undefined),
        },
        `FROM mcr.microsoft.com/dotnet/sdk:8.0\nRUN ${body}\n`,
      ).length;
    expect(reads('dotnet publish --no-restore -o /app')).toBe(1);
    expect(reads('dotnet build -c Release --no-restore')).toBe(1);
    expect(reads('dotnet test --no-build')).toBe(1);
    expect(reads('dotnet publish -o /app')).toBe(0);
    expect(reads('dotnet restore --no-cache')).toBe(0);
  });
});

describe('apt', () => {
  test.each([
    'apt-get install -y curl',
    'apt-get -y --no-install-recommends install curl',
    'apt install -y curl',
    'apt-get -qq -o Dpkg::Options::=--force-confold upgrade',
    'apt-get dist-upgrade -y',
    'aptitude install -y vim',
    'sudo apt-get install -y git',
    'DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata',
  ])('%s installs into the root filesystem', (cmd) => {
    expect(one(apt, `FROM debian:12\nRUN ${cmd}\n`)).toMatchObject({
      dests: ['/usr', '/etc', '/var/lib/dpkg'],
      caches: [{ path: '/var/cache/apt' }, { path: '/var/lib/apt/lists' }],
    });
  });

  test('the apt caches are never destinations', () => {
    const dests = one(apt, 'FROM debian\nRUN apt-get install -y x\n').dests;
    for (const p of ['/var/cache/apt', '/var/lib/apt', '/var/lib/apt/lists']) {
      expect(dests.some((d) => p === d || p.startsWith(`${d}/`) || d.startsWith(`${p}/`))).toBe(false);
    }
  });

  test('not installs: update, clean, remove, apt-cache, apt-key', () => {
    expect(
      invocations(
        apt,
        'FROM debian\nRUN apt-get update && apt-get clean && apt-get remove -y x && apt-cache policy && apt-key list\n',
      ),
    ).toEqual([]);
  });

  test('-o Dir settings move the caches', () => {
    expect(
      paths(one(apt, 'FROM debian\nRUN apt-get -o Dir::Cache=/c -o Dir::State::Lists=/l install x\n').caches),
    ).toEqual(['/c', '/l']);
    expect(paths(one(apt, 'FROM debian\nRUN apt-get -oDir=/r install x\n').caches)).toEqual([
      '/r/var/cache/apt',
      '/r/var/lib/apt/lists',
    ]);
    expect(one(apt, 'FROM debian\nARG C\nRUN apt-get -o Dir::Cache=$C install x\n').cache).toHaveProperty(
      'unknown',
    );
  });
});

describe('apk', () => {
  test.each([
    ['apk add --no-cache curl', '--no-cache'],
    ['apk add curl', undefined],
    ['apk --update add -t .build-deps gcc', undefined],
    ['apk upgrade', undefined],
  ])('%s installs into the root filesystem', (cmd, defeatedBy) => {
    expect(one(apk, `FROM alpine:3.20\nRUN ${cmd}\n`)).toMatchObject({
      dests: ['/usr', '/etc', '/etc/apk', '/lib/apk'],
      cache: { path: '/var/cache/apk' },
      defeatedBy,
    });
  });

  test('--root and --cache-dir', () => {
    expect(one(apk, 'FROM alpine\nRUN apk add --root /rootfs --initdb busybox\n')).toMatchObject({
      dests: ['/rootfs'],
      cache: { path: '/rootfs/var/cache/apk' },
    });
    expect(one(apk, 'FROM alpine\nRUN apk add --cache-dir /c x\n').cache).toEqual({
      path: '/c',
      via: '--cache-dir',
    });
  });

  test('not installs: apk update, apk del, apk cache clean', () => {
    expect(invocations(apk, 'FROM alpine\nRUN apk update && apk del x && apk cache clean\n')).toEqual([]);
  });
});

describe('dnf, yum, microdnf, tdnf', () => {
  test.each([
    ['FROM rockylinux:9\nRUN dnf install -y git', ['/var/cache/dnf']],
    ['FROM fedora:40\nRUN dnf -y install git', ['/var/cache/dnf']],
    ['FROM fedora:41\nRUN dnf -y install git', ['/var/cache/libdnf5']],
    ['FROM fedora\nRUN yum install -y git', ['/var/cache/libdnf5']],
    ['FROM centos:7\nRUN yum install -y git', ['/var/cache/yum']],
    ['FROM amazonlinux:2023\nRUN yum install -y git', ['/var/cache/dnf']],
    ['FROM registry.access.redhat.com/ubi9/ubi\nRUN dnf install -y git', ['/var/cache/dnf']],
    ['FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y git', ['/var/cache/yum']],
    ['FROM mcr.microsoft.com/azurelinux/base/core:3.0\nRUN tdnf install -y git', ['/var/cache/tdnf']],
    ['FROM example/custom\nRUN dnf install -y git', ['/var/cache/dnf', '/var/cache/libdnf5']],
    ['FROM example/custom\nRUN yum install -y git', ['/var/cache/dnf', '/var/cache/yum']],
    ['FROM fedora:42\nRUN dnf5 install -y git', ['/var/cache/libdnf5']],
    ['FROM rockylinux:9\nRUN dnf --setopt=cachedir=/c install -y git', ['/c']],
    ['FROM fedora:42\nRUN dnf --setopt system_cachedir=/c install -y git', ['/c']],
    ['FROM rockylinux:9\nRUN dnf --installroot /sysroot install -y git', ['/sysroot/var/cache/dnf']],
    ['FROM almalinux:9-minimal\nRUN microdnf --setopt=cachedir=/mc install -y git', ['/mc']],
    ['FROM centos:7\nRUN yum install -y git', ['/var/cache/yum']],
    ['FROM quay.io/centos/centos:stream9\nRUN yum install -y git', ['/var/cache/dnf']],
    ['FROM amazonlinux:2\nRUN yum install -y git', ['/var/cache/yum']],
  ])('%j caches in %j', (dockerfile, want) => {
    expect(paths(one(dnf, `${dockerfile}\n`).caches)).toEqual(want);
  });

  test('destinations: the root filesystem, or the install root', () => {
    expect(one(dnf, 'FROM rockylinux:9\nRUN dnf group install -y "Development Tools"\n')).toMatchObject({
      action: 'group install',
      dests: ['/usr', '/etc', '/var/lib/rpm', '/var/lib/dnf', '/var/lib/yum'],
    });
    expect(one(dnf, 'FROM rockylinux:9\nRUN dnf install --installroot=/sysroot -y git\n').dests).toEqual([
      '/sysroot',
    ]);
  });

  test('not installs: clean, makecache, remove, config-manager', () => {
    expect(
      invocations(
        dnf,
        'FROM fedora\nRUN dnf clean all && dnf makecache && yum remove -y x && dnf config-manager --set-enabled crb\n',
      ),
    ).toEqual([]);
  });
});

describe('zypper', () => {
  test.each([
    'zypper install -y git',
    'zypper --non-interactive in git',
    'zypper -n dup',
    'zypper --gpg-auto-import-keys refresh && zypper -n up',
  ])('%s installs into the root filesystem', (cmd) => {
    expect(one(zypper, `FROM opensuse/leap:15.6\nRUN ${cmd}\n`)).toMatchObject({
      dests: ['/usr', '/etc', '/var/lib/rpm'],
      cache: { path: '/var/cache/zypp' },
    });
  });

  test('--root, --cache-dir', () => {
    expect(one(zypper, 'FROM opensuse/tumbleweed\nRUN zypper --root /r in -y git\n')).toMatchObject({
      dests: ['/r'],
      cache: { path: '/r/var/cache/zypp' },
    });
    expect(one(zypper, 'FROM opensuse/tumbleweed\nRUN zypper --installroot /ir in -y git\n')).toMatchObject({
      dests: ['/ir'],
      cache: { path: '/var/cache/zypp' },
    });
    expect(one(zypper, 'FROM opensuse/tumbleweed\nRUN zypper -C /zc in -y git\n').cache).toEqual({
      path: '/zc',
      via: '--cache-dir',
    });
  });

  test('not installs: refresh, clean, search', () => {
    expect(
      invocations(zypper, 'FROM opensuse/leap\nRUN zypper ref && zypper clean -a && zypper se x\n'),
    ).toEqual([]);
  });
});

describe('ccache and sccache', () => {
  test('are never installs', () => {
    expect(
      invocations(
        ccache,
        'FROM gcc\nENV CCACHE_DIR=/ccache\nRUN ccache -s && CC="ccache gcc" make && RUSTC_WRAPPER=sccache cargo build && sccache --show-stats\n',
      ),
    ).toEqual([]);
  });
});
