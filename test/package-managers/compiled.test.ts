/**
 * Compiled languages: Go, Cargo, rustup, Maven, Gradle, sbt. Each test reads
 * a real Dockerfile so the environment (base image ENV, USER, WORKDIR, cd)
 * is the one the RUN sees.
 */
import { cargo } from '../../src/package-managers/cargo.js';
import { go } from '../../src/package-managers/go.js';
import { gradle } from '../../src/package-managers/gradle.js';
import { maven } from '../../src/package-managers/maven.js';
import { rustup } from '../../src/package-managers/rustup.js';
import { sbt } from '../../src/package-managers/sbt.js';
import { invocations, loadReader, one } from '../helpers/pm.js';

beforeAll(loadReader);

const paths = (caches: ReturnType<typeof one>['caches']) =>
  caches.map((c) => ('path' in c ? c.path : 'unknown' in c ? 'unknown' : 'trap'));

describe('go', () => {
  test.each([
    ['FROM golang:1.23\nRUN go install github.com/a-h/templ/cmd/templ@latest\n', '/go/bin'],
    ['FROM golang:1.23\nENV GOBIN=/usr/local/bin\nRUN go install x@v1\n', '/usr/local/bin'],
    ['FROM golang:1.23\nRUN GOBIN=/out go install x@v1\n', '/out'],
    ['FROM golang:1.23\nENV GOPATH=/gp:/other\nRUN go install x@v1\n', '/gp/bin'],
    ['FROM debian\nRUN go install x@v1\n', '/root/go/bin'],
    ['FROM debian\nENV HOME=/home/b\nRUN go install x@v1\n', '/home/b/go/bin'],
    ['FROM golang:1.23\nRUN go install -ldflags=-s ./cmd/app\n', '/go/bin'],
  ])('go install in %j installs into %s', (dockerfile, dest) => {
    const inv = one(go, dockerfile);
    expect(inv.dests).toEqual([dest]);
    expect(inv.kinds).toEqual(['packages']);
  });

  test.each([
    ['go build -o /bin/app ./cmd/app', '/bin/app'],
    ['go build -o=/bin/app .', '/bin/app'],
    ['go build --o /out/ ./...', '/out'],
    ['go build -o bin/app .', '/src/bin/app'],
    ['go build -C sub -o out/app .', '/src/sub/out/app'],
    ['cd cmd && go build -o ../app', '/src/app'],
    ['go build -trimpath -ldflags "-s -w" -o /app .', '/app'],
    ['go build', '/src'],
    ['go build ./cmd/app', '/src'],
  ])('%s writes %s as build output', (cmd, dest) => {
    const inv = one(go, `FROM golang:1.23\nWORKDIR /src\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual([dest]);
    expect(inv.kinds).toEqual(['build']);
  });

  test('go mod vendor installs ./vendor (or -o), with the module cache only', () => {
    const inv = one(go, 'FROM golang:1.23\nWORKDIR /src\nRUN go mod vendor\n');
    expect(inv.dests).toEqual(['/src/vendor']);
    expect(inv.kinds).toEqual(['packages']);
    expect(paths(inv.caches)).toEqual(['/go/pkg/mod']);
    expect(one(go, 'FROM golang:1.23\nWORKDIR /src\nRUN go mod vendor -o /v\n').dests).toEqual(['/v']);
  });

  test('not installs: go mod download, go get, go test, go vet, go run, go build ./... and -o /dev/null', () => {
    expect(
      invocations(
        go,
        'FROM golang:1.23\nWORKDIR /src\nRUN go mod download && go get x@v1 && go test ./... && go vet ./... && go run . && go build ./... && go build -o /dev/null . && go version\n',
      ),
    ).toEqual([]);
  });

  test('an unknown GOBIN, GOPATH or one set with go env -w makes the destination unknown', () => {
    expect(invocations(go, 'FROM golang:1.23\nARG BIN\nENV GOBIN=$BIN\nRUN go install x@v1\n')).toEqual([]);
    expect(invocations(go, 'FROM golang:1.23\nRUN go env -w GOBIN=/x && go install x@v1\n')).toEqual([]);
    expect(invocations(go, 'FROM golang:1.23\nENV GOBIN=bin\nRUN go install x@v1\n')).toEqual([]);
  });

  test.each([
    ['FROM golang:1.23\nRUN go build .\n', ['/go/pkg/mod', '/root/.cache/go-build']],
    ['FROM golang:1.23\nENV GOMODCACHE=/m GOCACHE=/c\nRUN go build .\n', ['/m', '/c']],
    ['FROM golang:1.23\nENV GOPATH=/gp\nRUN go build .\n', ['/gp/pkg/mod', '/root/.cache/go-build']],
    ['FROM golang:1.23\nENV XDG_CACHE_HOME=/x\nRUN go build .\n', ['/go/pkg/mod', '/x/go-build']],
    ['FROM debian\nRUN go build .\n', ['/root/go/pkg/mod', '/root/.cache/go-build']],
    [
      'FROM golang:1.23\nRUN useradd -u 1001 -m app\nUSER app\nRUN go build .\n',
      ['/go/pkg/mod', '/home/app/.cache/go-build'],
    ],
  ])('caches of %j are %j, the module cache first', (dockerfile, want) => {
    expect(paths(one(go, dockerfile).caches)).toEqual(want);
  });

  test('GOCACHE=off leaves only the module cache and is named', () => {
    const inv = one(go, 'FROM golang:1.23\nENV GOCACHE=off\nRUN go build .\n');
    expect(paths(inv.caches)).toEqual(['/go/pkg/mod']);
    expect(inv.defeatedBy).toBe('GOCACHE=off');
  });

  test('configuration overrides the module cache only', () => {
    expect(paths(one(go, 'FROM golang:1.23\nRUN go build .\n', { go: '/mine' }).caches)).toEqual([
      '/mine',
      '/root/.cache/go-build',
    ]);
  });

  test('an unknown GOPATH or HOME leaves the caches unknown', () => {
    expect(
      one(go, 'FROM golang\nARG GP\nENV GOPATH=$GP GOBIN=/b\nRUN go install x@v1\n').cache,
    ).toHaveProperty('unknown');
    expect(one(go, 'FROM debian\nUSER 1001\nENV GOBIN=/b\nRUN go install x@v1\n').cache).toHaveProperty(
      'unknown',
    );
  });
});

describe('cargo', () => {
  test.each([
    ['cargo build --release', '/app/target'],
    ['cargo b', '/app/target'],
    ['cargo +nightly build', '/app/target'],
    ['cargo --locked build', '/app/target'],
    ['cargo build --target-dir /t', '/t'],
    ['cargo build --target-dir=out', '/app/out'],
    ['cargo build --manifest-path crates/x/Cargo.toml', '/app/crates/x/target'],
    ['cd server && cargo build', '/app/server/target'],
    ['CARGO_TARGET_DIR=/ct cargo build', '/ct'],
    ['CARGO_BUILD_TARGET_DIR=/cb cargo build', '/cb'],
    ['cargo build --config \'build.target-dir="/cfg"\'', '/cfg'],
    ['cargo rustc --release -- -C lto', '/app/target'],
    ['cargo doc', '/app/target'],
    ['cargo test --no-run', '/app/target'],
    ['cargo zigbuild --target x86_64-unknown-linux-musl', '/app/target'],
    ['cargo auditable build --release', '/app/target'],
    ['cargo chef cook --release --recipe-path recipe.json', '/app/target'],
    ['cargo chef cook --recipe-path r.json --target-dir /ct', '/ct'],
    ['cargo build -Z unstable-options --artifact-dir /out', '/out'],
  ])('%s writes %s as build output', (cmd, dest) => {
    const inv = one(cargo, `FROM rust:1.80\nWORKDIR /app\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual([dest]);
    expect(inv.kinds).toEqual(['build']);
  });

  test('--target-dir beats CARGO_TARGET_DIR', () => {
    expect(
      one(cargo, 'FROM rust\nWORKDIR /a\nENV CARGO_TARGET_DIR=/e\nRUN cargo build --target-dir /f\n').dests,
    ).toEqual(['/f']);
  });

  test.each([
    ['FROM rust:1.80\nRUN cargo install cargo-chef\n', '/usr/local/cargo/bin'],
    ['FROM rust:1.80\nRUN cargo install --root /usr/local sqlx-cli\n', '/usr/local/bin'],
    ['FROM rust:1.80\nENV CARGO_INSTALL_ROOT=/opt/tools\nRUN cargo install x\n', '/opt/tools/bin'],
    ['FROM debian\nRUN cargo install x\n', '/root/.cargo/bin'],
    ['FROM rust:1.80\nWORKDIR /src\nRUN cargo install --path . --root out\n', '/src/out/bin'],
    ['FROM rust:1.80\nRUN cargo install --version 1.2.3 --locked x\n', '/usr/local/cargo/bin'],
  ])('cargo install in %j installs into %s', (dockerfile, dest) => {
    const inv = one(cargo, dockerfile);
    expect(inv.dests).toEqual([dest]);
    expect(inv.kinds).toEqual(['packages']);
  });

  test('cargo vendor installs ./vendor or its path', () => {
    expect(one(cargo, 'FROM rust\nWORKDIR /w\nRUN cargo vendor\n').dests).toEqual(['/w/vendor']);
    expect(one(cargo, 'FROM rust\nWORKDIR /w\nRUN cargo vendor third_party\n').dests).toEqual([
      '/w/third_party',
    ]);
  });

  test('not installs: check, clippy, plain test, run, fetch, fmt, cargo --version, chef prepare', () => {
    expect(
      invocations(
        cargo,
        'FROM rust\nWORKDIR /a\nRUN cargo check && cargo clippy && cargo test && cargo run --bin migrate && cargo fetch && cargo fmt --check && cargo --version && cargo chef prepare --recipe-path r.json\n',
      ),
    ).toEqual([]);
  });

  test('a target-dir in a cargo config written in the stage, or an unknown one, is not guessed', () => {
    expect(
      invocations(
        cargo,
        'FROM rust\nWORKDIR /a\nRUN printf \'[build]\\ntarget-dir = "/x"\\n\' > .cargo/config.toml\nRUN cargo build\n',
      ),
    ).toEqual([]);
    expect(invocations(cargo, 'FROM rust\nWORKDIR /a\nARG T\nRUN cargo build --target-dir $T\n')).toEqual([]);
  });

  test.each([
    ['FROM rust:1.80\nRUN cargo build\n', ['/usr/local/cargo/registry', '/usr/local/cargo/git/db']],
    ['FROM debian\nRUN cargo build\n', ['/root/.cargo/registry', '/root/.cargo/git/db']],
    [
      'FROM lukemathwalker/cargo-chef:latest-rust-1-slim-bookworm\nRUN cargo build\n',
      ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'],
    ],
    [
      'FROM lukemathwalker/cargo-chef:latest-rust-1.80-alpine\nRUN cargo chef cook --recipe-path r.json\n',
      ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'],
    ],
    ['FROM rust:1.80\nENV CARGO_HOME=/cargo\nRUN cargo build\n', ['/cargo/registry', '/cargo/git/db']],
    [
      'FROM debian\nENV HOME=/home/b\nRUN cargo build\n',
      ['/home/b/.cargo/registry', '/home/b/.cargo/git/db'],
    ],
    [
      'FROM rust:1.80\nRUN useradd -u 1000 -m dev\nUSER dev\nRUN cargo build\n',
      ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'],
    ],
  ])('caches of %j are %j, the registry first', (dockerfile, want) => {
    expect(paths(one(cargo, `${dockerfile.replace('RUN cargo', 'WORKDIR /a\nRUN cargo')}`).caches)).toEqual(
      want,
    );
  });

  test('caches never name CARGO_HOME itself or its bin', () => {
    const inv = one(cargo, 'FROM rust:1.80\nRUN cargo install x\n');
    expect(paths(inv.caches)).not.toContain('/usr/local/cargo');
    expect(paths(inv.caches)).not.toContain('/usr/local/cargo/bin');
  });

  test('an unknown CARGO_HOME leaves the cache unknown; configuration names the registry', () => {
    expect(
      one(cargo, 'FROM rust\nARG H\nENV CARGO_HOME=$H\nWORKDIR /a\nRUN cargo build\n').cache,
    ).toHaveProperty('unknown');
    expect(paths(one(cargo, 'FROM rust\nWORKDIR /a\nRUN cargo build\n', { cargo: '/reg' }).caches)).toEqual([
      '/reg',
      '/usr/local/cargo/git/db',
    ]);
  });

  test.each([
    'FROM rust\nARG H\nENV CARGO_HOME=$H\nWORKDIR /a\nRUN cargo build\n',
    'FROM debian\nUSER 1001\nWORKDIR /a\nRUN cargo build\n',
  ])('configuration names the registry even when CARGO_HOME or HOME is unknown: %j', (dockerfile) => {
    expect(one(cargo, dockerfile, { cargo: '/reg' }).caches).toEqual([
      { path: '/reg', via: 'configuration' },
    ]);
  });
});

describe('rustup', () => {
  test.each([
    ['rustup toolchain install', 'toolchain install'],
    ['rustup toolchain install nightly --profile minimal', 'toolchain install'],
    ['rustup install stable', 'install'],
    ['rustup target add x86_64-unknown-linux-musl', 'target add'],
    ['rustup component add rustfmt clippy', 'component add'],
    ['rustup default nightly', 'default'],
    ['rustup update', 'update'],
  ])('%s installs into RUSTUP_HOME', (cmd, action) => {
    const inv = one(rustup, `FROM rust:1.80\nRUN ${cmd}\n`);
    expect(inv.action).toBe(action);
    expect(inv.dests).toEqual(['/usr/local/rustup/toolchains', '/usr/local/rustup/update-hashes']);
    expect(inv.kinds).toEqual(['packages', 'packages']);
  });

  test('RUSTUP_HOME from the environment, else ~/.rustup', () => {
    expect(one(rustup, 'FROM debian\nRUN rustup target add wasm32-unknown-unknown\n').dests[0]).toBe(
      '/root/.rustup/toolchains',
    );
    expect(
      one(rustup, 'FROM ubuntu\nENV RUSTUP_HOME=/opt/rustup\nRUN rustup install stable\n').dests[0],
    ).toBe('/opt/rustup/toolchains');
    expect(
      invocations(rustup, 'FROM ubuntu\nARG R\nENV RUSTUP_HOME=$R\nRUN rustup install stable\n'),
    ).toEqual([]);
  });

  test('rustup keeps no download cache worth mounting', () => {
    expect(one(rustup, 'FROM rust\nRUN rustup toolchain install\n').caches).toEqual([]);
  });

  test('not installs: show, target list, toolchain list, default without a toolchain, self update', () => {
    expect(
      invocations(
        rustup,
        'FROM rust\nRUN rustup show && rustup target list && rustup toolchain list && rustup default && rustup self update\n',
      ),
    ).toEqual([]);
  });
});

describe('maven', () => {
  test.each([
    ['mvn package', ['/app/target']],
    ['mvn -B -DskipTests clean package', ['/app/target']],
    ['./mvnw -q verify', ['/app/target']],
    ['mvnw install', ['/app/target']],
    ['sh mvnw package', ['/app/target']],
    ['mvnd package', ['/app/target']],
    ['mvn -f backend/pom.xml package', ['/app/backend/target']],
    ['mvn --file /srv/api package', ['/srv/api/target']],
    ['cd api && mvn compile', ['/app/api/target']],
    ['mvn -pl core,web -am package', ['/app/target', '/app/core/target', '/app/web/target']],
    ['mvn spring-boot:repackage', ['/app/target']],
    ['mvn dependency:copy-dependencies', ['/app/target']],
  ])('%s writes %j as build output', (cmd, dests) => {
    const inv = one(maven, `FROM maven:3-eclipse-temurin-21\nWORKDIR /app\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual(dests);
    expect(new Set(inv.kinds)).toEqual(new Set(['build']));
  });

  test('not installs: dependency:go-offline, dependency:resolve, validate, clean, help:evaluate, --version', () => {
    expect(
      invocations(
        maven,
        'FROM maven\nWORKDIR /app\nRUN mvn dependency:go-offline -B && ./mvnw dependency:resolve && mvn validate && mvn clean && mvn help:evaluate -Dexpression=x && mvn --version && mvn de.qaware.maven:go-offline-maven-plugin:resolve-dependencies\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['FROM maven\nRUN mvn package\n', ['/root/.m2/repository']],
    ['FROM maven\nENV HOME=/usr/app\nRUN mvn package\n', ['/root/.m2/repository']],
    ['FROM maven\nRUN mvn -Dmaven.repo.local=/repo package\n', ['/repo']],
    ['FROM maven\nRUN mvn -D maven.repo.local=/repo2 package\n', ['/repo2']],
    ['FROM maven\nENV MAVEN_OPTS="-Xmx1g -Dmaven.repo.local=/mo"\nRUN mvn package\n', ['/mo']],
    ['FROM maven\nENV MAVEN_ARGS="-Dmaven.repo.local=/ma"\nRUN mvn package\n', ['/ma']],
    ['FROM maven\nRUN mvn -Duser.home=/var/maven package\n', ['/var/maven/.m2/repository']],
    [
      'FROM eclipse-temurin:21\nRUN useradd -u 1001 -m app\nUSER app\nWORKDIR /home/app\nRUN ./mvnw package\n',
      ['/home/app/.m2/repository', '/home/app/.m2/wrapper'],
    ],
    ['FROM eclipse-temurin:21\nRUN ./mvnw package\n', ['/root/.m2/repository', '/root/.m2/wrapper']],
    [
      'FROM eclipse-temurin:21\nENV MAVEN_USER_HOME=/mvnw\nRUN ./mvnw package\n',
      ['/root/.m2/repository', '/mvnw/wrapper'],
    ],
  ])('caches of %j are %j', (dockerfile, want) => {
    expect(paths(one(maven, dockerfile.replace('RUN', 'WORKDIR /w\nRUN')).caches)).toEqual(want);
  });

  test('a <localRepository> written in the stage leaves the repository unknown', () => {
    expect(
      one(
        maven,
        'FROM maven\nRUN echo "<settings><localRepository>/r</localRepository></settings>" > /root/.m2/settings.xml\nWORKDIR /w\nRUN mvn package\n',
      ).cache,
    ).toHaveProperty('unknown');
  });
});

describe('gradle', () => {
  test.each([
    ['gradle build', ['/app/build']],
    ['./gradlew bootJar --no-daemon', ['/app/build']],
    ['gradle clean build -x test', ['/app/build']],
    ['sh ./gradlew installDist', ['/app/build']],
    ['gradle -p backend assemble', ['/app/backend/build']],
    ['gradle --project-dir=/srv shadowJar', ['/srv/build']],
    ['gradle :app:bootJar', ['/app/build', '/app/app/build']],
    ['cd svc && gradle jar', ['/app/svc/build']],
  ])('%s writes %j as build output', (cmd, dests) => {
    const inv = one(gradle, `FROM gradle:8-jdk21\nWORKDIR /app\nRUN ${cmd}\n`);
    expect(inv.dests).toEqual(dests);
    expect(new Set(inv.kinds)).toEqual(new Set(['build']));
  });

  test('not installs: no task, help tasks, clean, dependencies, --version', () => {
    expect(
      invocations(
        gradle,
        'FROM gradle\nWORKDIR /a\nRUN gradle --version && gradle && ./gradlew dependencies && gradle clean && gradle tasks --all && ./gradlew help\n',
      ),
    ).toEqual([]);
  });

  test.each([
    ['FROM gradle:8-jdk21\nRUN gradle build\n', ['/home/gradle/.gradle/caches']],
    ['FROM gradle:8-jdk21\nUSER gradle\nRUN gradle build\n', ['/home/gradle/.gradle/caches']],
    ['FROM eclipse-temurin:21\nRUN ./gradlew build\n', ['/root/.gradle/caches', '/root/.gradle/wrapper']],
    ['FROM eclipse-temurin:21\nENV HOME=/app\nRUN gradle build\n', ['/root/.gradle/caches']],
    ['FROM eclipse-temurin:21\nENV GRADLE_USER_HOME=/g\nRUN ./gradlew build\n', ['/g/caches', '/g/wrapper']],
    ['FROM eclipse-temurin:21\nRUN gradle -g /gh build\n', ['/gh/caches']],
    ['FROM eclipse-temurin:21\nRUN gradle --gradle-user-home=/gh2 build\n', ['/gh2/caches']],
    ['FROM eclipse-temurin:21\nRUN gradle -Dgradle.user.home=/gp build\n', ['/gp/caches']],
    ['FROM eclipse-temurin:21\nENV GRADLE_OPTS="-Dgradle.user.home=/go"\nRUN gradle build\n', ['/go/caches']],
  ])('caches of %j are %j', (dockerfile, want) => {
    expect(paths(one(gradle, dockerfile.replace('RUN', 'WORKDIR /w\nRUN')).caches)).toEqual(want);
  });

  test('an unknown GRADLE_USER_HOME leaves the cache unknown', () => {
    expect(
      one(gradle, 'FROM gradle\nARG G\nENV GRADLE_USER_HOME=$G\nWORKDIR /w\nRUN gradle build\n').cache,
    ).toHaveProperty('unknown');
  });
});

describe('an options variable whose value is not known statically is the one the message names', () => {
  test.each([
    { pm: maven, variable: 'MAVEN_ARGS', run: 'mvn package' },
    { pm: maven, variable: 'MAVEN_OPTS', run: 'mvn package' },
    { pm: maven, variable: 'JAVA_TOOL_OPTIONS', run: 'mvn package' },
    { pm: gradle, variable: 'JAVA_OPTS', run: 'gradle build' },
    { pm: gradle, variable: 'JAVA_TOOL_OPTIONS', run: 'gradle build' },
    { pm: sbt, variable: 'JAVA_OPTS', run: 'sbt compile' },
    { pm: sbt, variable: 'JAVA_TOOL_OPTIONS', run: 'sbt compile' },
  ])('$pm.id with $variable', ({ pm, variable, run }) => {
    const cache = one(
      pm,
      `FROM eclipse-temurin:21\nARG O\nENV ${variable}=$O\nWORKDIR /w\nRUN ${run}\n`,
    ).cache;
    expect((cache as { unknown?: string }).unknown).toMatch(new RegExp(`^${variable} `));
  });
});

describe('sbt', () => {
  test.each([
    ['sbt compile', 'compile'],
    ['sbt clean stage', 'clean; stage'],
    ['sbt -batch "project api" assembly', 'project api; assembly'],
    ['sbt ";clean;Universal/packageBin"', 'clean; Universal/packageBin'],
  ])('%s writes target/ as build output', (cmd, action) => {
    const inv = one(
      sbt,
      `FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.9.9_3.4.0\nWORKDIR /app\nRUN ${cmd}\n`,
    );
    expect(inv.dests).toEqual(['/app/target']);
    expect(inv.kinds).toEqual(['build']);
    expect(inv.action).toBe(action);
  });

  test('not installs: update, the shell, clean, sbtVersion', () => {
    expect(
      invocations(sbt, 'FROM x\nWORKDIR /a\nRUN sbt update && sbt && sbt clean && sbt sbtVersion\n'),
    ).toEqual([]);
  });

  test.each([
    ['FROM x\nRUN sbt compile\n', ['/root/.cache/coursier', '/root/.ivy2/cache']],
    ['FROM x\nENV HOME=/home/x\nRUN sbt compile\n', ['/root/.cache/coursier', '/root/.ivy2/cache']],
    ['FROM x\nENV COURSIER_CACHE=/cs\nRUN sbt compile\n', ['/cs', '/root/.ivy2/cache']],
    ['FROM x\nENV XDG_CACHE_HOME=/xc\nRUN sbt compile\n', ['/xc/coursier', '/root/.ivy2/cache']],
    ['FROM x\nRUN sbt -Dsbt.coursier.home=/csh compile\n', ['/csh/cache', '/root/.ivy2/cache']],
    [
      'FROM x\nENV SBT_OPTS="-Dsbt.ivy.home=/ivy"\nRUN sbt compile\n',
      ['/root/.cache/coursier', '/ivy/cache'],
    ],
    ['FROM x\nRUN sbt -ivy /i -sbt-boot /b compile\n', ['/root/.cache/coursier', '/i/cache']],
    ['FROM x\nRUN sbt -Duser.home=/u compile\n', ['/u/.cache/coursier', '/u/.ivy2/cache']],
  ])('caches of %j are %j, coursier first', (dockerfile, want) => {
    expect(paths(one(sbt, dockerfile.replace('RUN', 'WORKDIR /w\nRUN')).caches)).toEqual(want);
  });
});
