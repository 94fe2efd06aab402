/** `--show-config PATH` as text: the configuration a run would use for one Dockerfile. */
import type { ResolvedConfig } from '../run.js';

const SOURCE: Readonly<Record<ResolvedConfig['configSource'], string>> = {
  nearest: 'the nearest above the Dockerfile',
  '--config': 'named by --config',
  '--no-config': 'none: --no-config',
};

const STATE_SOURCE = {
  default: 'its default',
  config: 'the configuration file',
  'command line': 'the command line',
} as const;

const json = (v: unknown) => JSON.stringify(v);

export function showConfigText(c: ResolvedConfig): string {
  const lines = [`Dockerfile: ${c.path}`];
  if (c.configFile)
    lines.push(
      `Configuration: ${c.configFile}${c.configKey ? ` ("${c.configKey}" key)` : ''} (${SOURCE[c.configSource]})`,
    );
  else
    lines.push(
      `Configuration: none (${c.configSource === '--no-config' ? '--no-config' : 'no .dockerfile-codemod.json or package.json "dockerfile-codemod" key above it'})`,
    );
  lines.push(
    `Excluded: ${c.excluded === false ? 'no' : c.excluded === 'config' ? "yes, by the configuration's exclude" : 'yes, by --exclude'}`,
  );
  if (c.exclude.length)
    lines.push(`  exclude (configuration, relative to its folder): ${c.exclude.join(', ')}`);
  if (c.commandLineExclude.length) lines.push(`  --exclude: ${c.commandLineExclude.join(', ')}`);
  lines.push('Transforms:');
  const width = Math.max(...c.transforms.map((t) => t.id.length));
  for (const t of c.transforms) {
    lines.push(`  ${t.id.padEnd(width)}  ${t.enabled ? 'on ' : 'off'}  (${STATE_SOURCE[t.source]})`);
    const changed = json(t.options) !== json(t.defaultOptions);
    if (Object.keys(t.options).length || changed)
      lines.push(`    options: ${json(t.options)}${changed ? ` (defaults: ${json(t.defaultOptions)})` : ''}`);
  }
  const dirs = Object.entries(c.cacheDirs);
  lines.push(
    `Cache folders: ${dirs.length ? dirs.map(([id, dir]) => `${id} ${dir}`).join(', ') : 'the computed ones'}`,
  );
  lines.push(
    `Unsafe fixes: ${c.unsafeFixes ? 'applied' : 'reported'}; inline directives: ${c.inlineDirectives ? 'honoured' : 'ignored'}; unused directives: ${c.warnUnusedDirectives ? 'reported' : 'not reported'}`,
  );
  return `${lines.join('\n')}\n`;
}
