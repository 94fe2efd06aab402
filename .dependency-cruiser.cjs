// The layers of dockerfile-codemod, top to bottom. A module may import from its
// own layer and the layers below it, never from one above: the data flows one
// way (discover, read, parse, transform, apply, output) and each layer can be
// understood without the ones that use it. `npm test` runs this check.
/** @type {Array<[name: string, path: string]>} */
const LAYERS = [
  ['cli', '^src/(cli|lsp)/'],
  ['run', '^src/(api|run|analyze|config|discover|directives|jobs)[.]ts$'],
  ['output', '^src/(output/|docs[.]ts$)'],
  ['registry', '^transforms/index[.]ts$'],
  ['transforms', '^transforms/(?!index[.]ts$)'],
  ['analysis', '^src/analysis/'],
  ['package-managers', '^src/package-managers/'],
  ['model', '^src/model/'],
  ['shell', '^src/shell/'],
  ['base', '^src/(types|text|paths|edits|version)[.]ts$'],
];

const upward = LAYERS.flatMap(([name, path], i) =>
  LAYERS.slice(0, i).map(([above, abovePath]) => ({
    name: `${name}-imports-${above}`,
    comment: `The ${name} layer sits below the ${above} layer: it may not import from it.`,
    severity: 'error',
    from: { path },
    to: { path: abovePath },
  })),
);

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'cli-past-run',
      comment:
        'The command line wires options to the pipeline: it reaches transforms, analysis and the model only through run/api.',
      severity: 'error',
      from: { path: '^src/(cli|lsp)/' },
      to: { path: '^(transforms/|src/(analysis|package-managers|model|shell)/)' },
    },
    {
      name: 'api-past-run',
      comment: 'The API is a facade over run(): it does not pick transforms itself.',
      severity: 'error',
      from: { path: '^src/api[.]ts$' },
      to: { path: '^transforms/' },
    },
    {
      name: 'unlayered',
      comment: 'Every module of src/ and transforms/ belongs to a layer; add a new folder to LAYERS.',
      severity: 'error',
      from: { path: '^(src|transforms)/', pathNot: LAYERS.map(([, p]) => p) },
      to: {},
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^(src|transforms)/' },
      to: { circular: true },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API; swc reads the sources. Type-only imports count too.
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
  },
};
