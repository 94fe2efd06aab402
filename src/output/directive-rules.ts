/**
 * The rules the engine reports itself, about inline directives rather than
 * about the Dockerfile: their documentation, in the parts a transform's
 * `meta.docs` has, so the machine formats describe them as they describe the
 * transforms.
 */
import { INVALID_DIRECTIVE, type Severity, UNUSED_DIRECTIVE } from '../types.js';
import type { RuleHelpSource } from './rule-docs.js';

export interface DirectiveRule extends RuleHelpSource {
  severity: Severity;
  /** The README section that documents inline directives. */
  page: string;
}

const PAGE = 'README.md#inline-directives';

/** Where the project's pages are published: SARIF's informationUri and the base of every rule page's address. */
export const REPOSITORY_URL = 'https://github.com/dockerfile-codemod/dockerfile-codemod';

/** The page of a rule, relative to the repository: a transform's own, or the README section on directives. */
export function rulePagePath(ruleId: string): string {
  return DIRECTIVE_RULES.find((r) => r.id === ruleId)?.page ?? `docs/rules/${ruleId}.md`;
}

/** The address of a rule's page, as the SARIF report's helpUri and the language server's code links give it. */
export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/${rulePagePath(ruleId)}`;
}

export const DIRECTIVE_RULES: readonly DirectiveRule[] = [
  {
    id: UNUSED_DIRECTIVE,
    summary: 'A `# dockerfile-codemod ignore=...` directive suppresses nothing.',
    severity: 'warning',
    page: PAGE,
    docs: {
      whatItDoes:
        'With `--warn-unused-directives`, reports an inline directive (`# dockerfile-codemod ignore=RULE` for the next instruction, `# dockerfile-codemod global ignore=RULE` for the file) that suppressed no finding in the run: the rules it names found nothing where it applies, or no instruction follows it.',
      whyItMatters:
        'A directive that suppresses nothing is noise at best. At worst it outlives the finding it was written for and silences the next one the rule finds on that instruction, which nobody reviewed. Removing stale directives keeps every suppression deliberate.',
      example: {
        before: `FROM python:3.12-slim
# dockerfile-codemod ignore=cache-mount-install-target reason=kept on purpose
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
`,
      },
      fixSafety:
        'None: it reports only. Remove the directive, or make it name the rule whose finding it is meant to suppress.',
    },
  },
  {
    id: INVALID_DIRECTIVE,
    summary: 'An inline directive names a rule that dockerfile-codemod does not have.',
    severity: 'warning',
    page: PAGE,
    docs: {
      whatItDoes:
        "Reports each rule an inline directive (`# dockerfile-codemod ignore=RULE[,RULE]`) names that is not one of the tool's: a misspelt id, or a rule of another tool. `all`, `unused-directive` and the transforms' ids (`dockerfile-codemod --list-transforms`) are known.",
      whyItMatters:
        'A directive naming an unknown rule suppresses nothing, silently: the finding it was meant to hide is still reported, and whoever wrote it believes the rule is turned off for that instruction when it is not.',
      example: {
        before: `FROM node:20
WORKDIR /app
# dockerfile-codemod ignore=cache-mount-install-targte reason=the builder keeps node_modules
RUN --mount=type=cache,target=/app/node_modules npm ci && npm run build
`,
      },
      fixSafety: 'None: it reports only. Correct the rule id, or remove the directive.',
    },
  },
];
