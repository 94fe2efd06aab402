/**
 * Documentation made from the code: each transform's page (`docs/rules/ID.md`)
 * from its `meta`, and the README's table of transforms. `npm run docs` writes
 * them; a test fails when a committed file differs from what this makes.
 */
import type { OptionsSchema, Transform, TransformDocs } from '../analysis/transform.js';
import { packageManagerTable } from '../docs.js';

/** Replaced by the package-manager table where a transform's docs hold it. */
export const PACKAGE_MANAGERS_MARKER = '<!-- package-managers -->';

const GENERATED =
  '<!-- Generated from the transform module by `npm run docs`; edit the module, not this file. -->';

const fixLine = (t: Transform): string => {
  switch (t.meta.fix) {
    case 'safe':
      return 'Fix: safe. `--write` applies it; a dry run shows it as a diff.';
    case 'unsafe':
      return 'Fix: unsafe. Applied only with `--unsafe-fixes`; otherwise reported.';
    default:
      return 'Fix: none. It reports only.';
  }
};

const defaultLine = (t: Transform): string =>
  t.meta.default === 'on'
    ? `Default: on (part of the recommended set); \`--disable ${t.meta.id}\` or \`"transforms": {"${t.meta.id}": "off"}\` turns it off.`
    : `Default: off (an opt-in upgrade); \`--enable ${t.meta.id}\` or \`"transforms": {"${t.meta.id}": "on"}\` turns it on.`;

function optionsSection(id: string, schema: OptionsSchema | undefined, defaults: object | undefined): string {
  const common = [
    `- \`# dockerfile-codemod ignore=${id}\` before an instruction leaves it alone (see the README's "Inline directives").`,
  ];
  if (!schema) return ['It takes no options.', '', ...common].join('\n');
  const rows = Object.entries(schema.properties).map(([name, p]) => {
    const d = (defaults as Record<string, unknown> | undefined)?.[name];
    return `| \`${name}\` | ${schemaType(p)} | \`${JSON.stringify(d)}\` | ${p.description} |`;
  });
  return [
    `Set in a configuration file under \`"transformOptions": {"${id}": {...}}\`; a key or value the schema does not allow is an error naming the file and the key.`,
    '',
    '| Option | Type | Default | Meaning |',
    '|---|---|---|---|',
    ...rows,
    '',
    ...common,
  ].join('\n');
}

function schemaType(p: Record<string, unknown>): string {
  if (Array.isArray(p.enum)) return p.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (p.type === 'array') {
    const items = p.items as Record<string, unknown> | undefined;
    return `array of ${items ? schemaType(items) : 'values'}`;
  }
  return String(p.type ?? 'value');
}

const fence = (code: string) => `\`\`\`dockerfile\n${code.endsWith('\n') ? code : `${code}\n`}\`\`\``;

/** What a rule's page and its SARIF help both hold: what it does, why it matters, the example, the fix safety. */
function coreSections(d: RuleHelpSource['docs']): string[] {
  const parts = ['## What it does', d.whatItDoes, '## Why it matters', d.whyItMatters, '## Example'];
  parts.push(fence(d.example.before));
  if (d.example.after !== undefined)
    parts.push('After `dockerfile-codemod --write`:', fence(d.example.after));
  parts.push('## Fix safety', d.fixSafety);
  return parts;
}

/** The markdown page of one transform. */
export function rulePage(t: Transform): string {
  const { meta } = t;
  const d = meta.docs;
  const parts = [
    GENERATED,
    `# ${meta.id}`,
    meta.summary,
    `${fixLine(t)} Severity: ${meta.severity}. ${defaultLine(t)}`,
    ...coreSections(d),
  ];
  parts.push('## Messages', messagesTable(meta.messages));
  parts.push('## Options', optionsSection(meta.id, meta.options?.schema, meta.options?.defaults));
  parts.push('## When it does not fire', d.whenItDoesNotFire);
  if (d.more) parts.push(d.more.replace(PACKAGE_MANAGERS_MARKER, packageManagerTable()));
  return `${parts.join('\n\n').trim()}\n`;
}

function messagesTable(messages: Readonly<Record<string, string>>): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
  return [
    'Each finding carries one of these message ids (`messageId` in the JSON and SARIF reports); `{{name}}` stands for a detail of the finding.',
    '',
    '| Message id | Text |',
    '|---|---|',
    ...Object.entries(messages).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`),
  ].join('\n');
}

export const README_BEGIN = '<!-- generated: transforms (npm run docs) -->';
export const README_END = '<!-- end generated: transforms -->';

/** The README's table of transforms. */
export function transformTable(transforms: readonly Transform[]): string {
  const rows = transforms.map((t) => {
    const link = `[\`${t.meta.id}\`](docs/rules/${t.meta.id}.md)`;
    return `| ${link} | ${t.meta.default} | ${t.meta.fix} | ${t.meta.summary} |`;
  });
  return ['| Id | Default | Fix | What it catches |', '|---|---|---|---|', ...rows].join('\n');
}

/** A document with its generated transforms table replaced. */
export function withTransformTable(doc: string, transforms: readonly Transform[]): string {
  const start = doc.indexOf(README_BEGIN);
  const end = doc.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('the document has no generated transforms table markers');
  return `${doc.slice(0, start + README_BEGIN.length)}\n${transformTable(transforms)}\n${doc.slice(end)}`;
}

/**
 * What a rule's help is made of: a transform's `meta`, or the same parts for a
 * rule the engine reports itself (the inline-directive checks).
 */
export interface RuleHelpSource {
  id: string;
  summary: string;
  docs: Pick<TransformDocs, 'whatItDoes' | 'whyItMatters' | 'example' | 'fixSafety'>;
}

/**
 * A rule's help in markdown, for viewers that show one rule at a time (SARIF's
 * `help`): the summary, what it does, why it matters, the example and the fix
 * safety, then a link to the whole page.
 */
export function ruleHelpMarkdown(rule: RuleHelpSource, pageUri: string): string {
  const parts = [rule.summary, ...coreSections(rule.docs), `[The rule's documentation](${pageUri})`];
  return `${parts.join('\n\n').trim()}\n`;
}

/**
 * Markdown as plain text, for consumers that show text only: code blocks
 * indented by four spaces, headings and list items as lines of their own,
 * inline code and emphasis without their marks, links as `text (url)`.
 */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) {
      out.push(line === '' ? '' : `    ${line}`);
      continue;
    }
    out.push(
      line
        .replace(/^#{1,6}\s+/, '')
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/`([^`]+)`/g, '$1'),
    );
  }
  return out.join('\n');
}
