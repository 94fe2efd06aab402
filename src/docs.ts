/**
 * Generated parts of the documentation, so the docs list exactly what the
 * code knows. `npm run docs` rewrites the marked sections; a test checks they
 * are current.
 */
import { PACKAGE_MANAGERS } from './package-managers/index.js';

export const GENERATED_BEGIN = '<!-- generated: package managers (npm run docs) -->';
export const GENERATED_END = '<!-- end generated -->';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function packageManagerTable(): string {
  const rows = PACKAGE_MANAGERS.map(
    (pm) =>
      `| ${pm.name} | \`${pm.id}\` | ${cell(pm.docs.commands)} | ${cell(pm.docs.destinations)} | ${cell(pm.docs.cache)} |`,
  );
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
