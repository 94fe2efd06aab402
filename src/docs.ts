/**
 * Generated documentation, so the docs list exactly what the code knows:
 * the package-manager table of the rule page and `docs/package-managers.md`,
 * both from the facts each package-manager module declares. `npm run docs`
 * rewrites them; a test checks they are current.
 */
import type { CacheFact, DefeatFact, Source, ToolFacts } from './package-managers/facts.js';
import { sourcesOf } from './package-managers/facts.js';
import { PACKAGE_MANAGERS } from './package-managers/index.js';

export const GENERATED_BEGIN = '<!-- generated: package managers (npm run docs) -->';
export const GENERATED_END = '<!-- end generated -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (s: string) => `\`${s}\``;

export function packageManagerTable(): string {
  const rows = PACKAGE_MANAGERS.map(({ facts: f }) => {
    const name = `[${f.name}](../package-managers.md#${f.id})`;
    return `| ${name} | \`${f.id}\` | ${cell(f.commands.text)} | ${cell(f.destinations.text)} | ${cell(f.cache.text)} |`;
  });
  return [
    '| Tool | Id | Commands | Install destinations it recognises | Cache it mounts instead |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Replaces the generated section of a document. */
export function withGeneratedSection(doc: string): string {
  const start = doc.indexOf(GENERATED_BEGIN);
  const end = doc.indexOf(GENERATED_END);
  if (start < 0 || end < start) throw new Error('the document has no generated section markers');
  return `${doc.slice(0, start + GENERATED_BEGIN.length)}\n${packageManagerTable()}\n${doc.slice(end)}`;
}

/** `owner/repo@commit:path[:lines]`, lines being `12`, `12-20` or several joined by commas. */
const CITATION = /^([\w.-]+)\/([\w.-]+)@([0-9a-f]{7,40}):([^:]+)(?::(\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*))?$/;

/** Where a source can be read: the URL itself, or the GitHub page of the file at its commit (first line range). */
export function sourceUrl(source: Source): string | undefined {
  if (/^https?:\/\//.test(source)) return source;
  const m = CITATION.exec(source);
  if (!m) return undefined;
  const [, owner, repo, commit, path, lines] = m;
  const first = lines?.split(',')[0];
  const anchor = first ? `#L${first.replace('-', '-L')}` : '';
  return `https://github.com/${owner}/${repo}/blob/${commit}/${path}${anchor}`;
}

function sourceLinks(fact: { source: Source | readonly Source[] }): string {
  return sourcesOf(fact)
    .map((s) => {
      const url = sourceUrl(s);
      const text = s.replace(/^https?:\/\//, '').replace(/[[\]]/g, '\\$&');
      return url ? `[${text}](${url})` : text;
    })
    .join('<br>');
}

/** How a cache folder is found, in order. */
function cacheRuleText(c: CacheFact): string {
  const steps: string[] = [];
  if (c.flag) steps.push(code(c.flag));
  for (const v of c.env ?? []) steps.push(code(v));
  for (const [v, sub] of c.envBase ?? []) steps.push(code(`$${v}/${sub}`));
  if (c.xdgCache !== undefined) steps.push(code(`$XDG_CACHE_HOME/${c.xdgCache}`));
  if (c.xdgData !== undefined) steps.push(code(`$XDG_DATA_HOME/${c.xdgData}`));
  if (c.root !== undefined) steps.push(`${code(c.root)} as root`);
  if (c.default !== undefined) steps.push(code(c.default));
  return steps.join(', then ');
}

/** A command of the tool as written: the program and the words after it. */
function commandText(f: ToolFacts, programs: readonly string[] | undefined, match: string): string {
  const program = programs?.[0] ?? f.programs[0] ?? f.id;
  if (match === '') return code(program);
  return code(`${program} ${match.replace(/\*/g, '<any argument>')}`);
}

function defeatText(f: ToolFacts, d: DefeatFact): string {
  const where = d.caches ? ` (${d.caches.join(', ')})` : '';
  if (d.kind === 'command') return `${commandText(f, d.programs, d.match)}${where}`;
  if (d.kind === 'flag') return `the flag ${code(d.match)}${where}`;
  const value =
    d.value === 'any'
      ? 'set to any value'
      : d.value === 'on'
        ? 'set to a true value'
        : d.value === 'nonEmpty'
          ? 'set to a non-empty value'
          : d.value === 'relative'
            ? 'set to a relative path'
            : `set to ${code(d.value.equals)}`;
  return `${code(d.match)} ${value}${where}`;
}

/** The facts of one tool as a table, each with its sources. */
function toolSection(f: ToolFacts): string {
  const rows: Array<[string, string, string]> = [
    ['Commands', f.commands.text, sourceLinks(f.commands)],
    ['Install destinations', f.destinations.text, sourceLinks(f.destinations)],
    ['Cache a fix mounts', f.cache.text, sourceLinks(f.cache)],
  ];
  for (const c of f.caches) {
    rows.push([c.name ? `Cache: ${c.name}` : 'Cache', cacheRuleText(c) || 'none by default', sourceLinks(c)]);
    for (const i of c.images ?? []) {
      rows.push([`Cache in the ${code(i.image)} image`, code(i.path), sourceLinks(i)]);
    }
  }
  for (const k of f.knownCaches) {
    const owner = k.program ? ` (${k.program})` : '';
    const unless = k.unless ? `; analysed when the Dockerfile matches ${code(String(k.unless))}` : '';
    rows.push(['Known cache folder', `${code(k.path)}${owner}${unless}`, sourceLinks(k)]);
  }
  for (const d of f.defeats) {
    rows.push([
      d.effect === 'disables' ? 'Turns the cache off' : 'Empties the cache',
      defeatText(f, d),
      sourceLinks(d),
    ]);
  }
  for (const c of f.cacheCommands) {
    const where = c.caches ? ` (${c.caches.join(', ')})` : '';
    const commands = c.match.map((m) => commandText(f, c.programs, m)).join(', ');
    rows.push(['Uses the cache', `${commands}${where}`, sourceLinks(c)]);
  }
  for (const d of f.downloadOnly ?? []) {
    const commands = d.match.map((m) => commandText(f, d.programs, m)).join(', ');
    rows.push(['Only fills the cache, for later commands', commands, sourceLinks(d)]);
  }
  for (const o of f.offline ?? []) {
    const value =
      o.kind === 'flag'
        ? `the flag ${code(o.match)}`
        : typeof o.value === 'object' && 'includes' in o.value
          ? `${code(o.match)} holding ${code(o.value.includes)}`
          : defeatText(f, {
              kind: 'env',
              match: o.match,
              value: o.value,
              effect: 'disables',
              source: o.source,
            });
    rows.push(['Works offline, from the cache alone', value, sourceLinks(o)]);
  }
  for (const l of f.locking) rows.push(['Needs exclusive use', `${code(l.path)}: ${l.why}`, sourceLinks(l)]);
  for (const t of f.traps) rows.push(['Cache holds the install', t.what, sourceLinks(t)]);
  return [
    `<a id="${f.id}"></a>`,
    '',
    `## ${f.name}`,
    '',
    `Id \`${f.id}\`; programs ${f.programs.map(code).join(', ')}.`,
    '',
    '| Fact | Value | Source |',
    '|---|---|---|',
    ...rows.map(([fact, value, source]) => `| ${fact} | ${cell(value)} | ${cell(source) || '—'} |`),
  ].join('\n');
}

/** `docs/package-managers.md`: every package manager's facts with the source of each. */
export function packageManagersDoc(): string {
  const index = PACKAGE_MANAGERS.map(({ facts: f }) => `[${f.name}](#${f.id})`).join(' · ');
  return [
    '# Package managers',
    '',
    '<!-- generated from the facts in src/package-managers/ by `npm run docs`; do not edit -->',
    '',
    "What the tool knows of each package manager, and where each fact comes from: a documentation page, or a file of the tool's own repository at a commit (`owner/repo@commit:path:lines`). Paths with `~` are relative to the home folder of the user a command runs as (`/root` as root).",
    '',
    index,
    '',
    ...PACKAGE_MANAGERS.flatMap(({ facts: f }) => [toolSection(f), '']),
  ].join('\n');
}
