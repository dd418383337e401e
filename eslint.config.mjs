// Strict lint for the harness: type-aware rules, no unused disables, size caps on support code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/**', 'cucumber.js', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Size caps, a step at a time toward the style anchors (/work/shared/guides/style-anchors.md:
      // max-params 3, max-depth 2, 30 lines per function, complexity 5, 200 lines per file).
      'max-params': ['error', 8],
      'max-depth': ['error', 4],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 16],
      'no-console': 'off',
    },
  },
  {
    // Vendored CommonJS stand-ins for dependencies (package.json overrides), and the worker threads'
    // programs (plain JavaScript, so a thread starts without a TypeScript loader), and ts-node's
    // transpiler (loaded before TypeScript can be).
    files: ['support/vendor/**/*.js', 'support/accel/**/*.js', 'support/adapter/workspace/clientHostThread.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions, sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', exports: 'writable', Buffer: 'readonly', Atomics: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off', 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    // One closure per schema keyword set, moved here as it was (issue 21): to be split next.
    files: ['support/accel/schemaCheck.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  ...layers(),
  {
    // No mutable state at module scope: a cache or writer belongs to an object whose lifetime is
    // visible (a run, a session, a search). Specs may keep their fixtures in test-file variables.
    // The plain-JavaScript thread programs and ts-node's transpiler too (a thread's module lives as long as its thread: its state still gets an owner).
    files: ['support/**/*.ts', 'steps/**/*.ts', 'support/**/*.js'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: 'Program > VariableDeclaration[kind=/^(let|var)$/]', message: 'no let/var at module scope: give the state an owner whose lifetime is visible (a run, a session)' },
        { selector: 'Program > ExportNamedDeclaration > VariableDeclaration[kind=/^(let|var)$/]', message: 'no exported let/var: give the state an owner whose lifetime is visible (a run, a session)' },
      ],
    },
  },
);

/**
 * The layers of support/ (README "Layout"), as import bans: model (depends on nothing) → matching,
 * simulator → spec, config → adapter, trace, report → world → cli. Commands (support/cli) are on
 * top and nothing imports them; steps never know which adapter runs. Specs may reach upwards (they
 * run whole paths), but not into the commands either.
 */
function layers() {
  const ban = (folders, message) => ({ group: folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]), message });
  const noCli = ban(['cli'], 'support/cli holds the commands: nothing imports them (move what they share below them)');
  const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns: [noCli, ...patterns] }] });
  const below = (files, folders) => ({
    files, ignores: ['**/*.spec.ts'],
    rules: rule(ban(folders, `${files.join(', ')}: a lower layer than ${folders.join(', ')}, so it must not import them`)),
  });
  const above = ['world', 'mutation', 'selftest', 'report'];
  return [
    { files: ['support/**/*.ts', 'steps/**/*.ts', 'bench/**/*.ts'], ignores: ['support/cli/**'], rules: rule() },
    below(['support/model/**'], ['matching', 'simulator', 'spec', 'config', 'adapter', 'trace', 'accel', ...above]),
    below(['support/matching/**'], ['simulator', 'spec', 'config', 'adapter', 'trace', 'accel', ...above]),
    below(['support/simulator/**'], ['matching', 'spec', 'config', 'trace', ...above]),
    below(['support/spec/**'], ['simulator', 'config', 'adapter', 'trace', ...above]),
    below(['support/config/**'], ['simulator', 'spec', 'trace', ...above]),
    below(['support/adapter/**', 'support/trace/**', 'support/report/**'], ['world', 'mutation', 'selftest']),
    below(['support/world/**', 'support/world.ts'], ['mutation', 'selftest']),
    // Fast paths import the references they stand in for, never what runs them.
    below(['support/accel/**'], ['world', 'mutation', 'selftest']),
    {
      files: ['steps/**/*.ts'],
      rules: rule(ban(['support/simulator', 'support/adapter'], 'steps never know which adapter runs: import the World, or a type of support/model')),
    },
  ];
}
