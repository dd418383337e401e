// Cucumber profile. `npm run conformance` (support/cli/conformance.ts) runs it through the API and
// adds the adapter choice as world parameters; `npx cucumber-js` runs it directly against the simulator.
const resultsDir = 'reports/allure-results';

/**
 * Allure's results writer (support/accel/index.ts allureResults) when `npx cucumber-js` runs this profile
 * itself: the writer thread keeps the process alive until every file is on disk, and a file it
 * cannot write is printed. `npm run conformance` gives its run a writer of its own and waits for it.
 * Allure takes a writer object here (a module path fails: the reporter runs as ESM). The module is
 * TypeScript, so it is loaded on first use, once cucumber has registered ts-node.
 */
function resultsWriter(dir) {
  let writer;
  const get = () => (writer ??= require('./support/accel/index.ts').allureResults(dir));
  const methods = ['writeResult', 'writeGroup', 'writeAttachment', 'writeAttachmentFromPath', 'writeEnvironmentInfo', 'writeCategoriesDefinitions', 'writeGlobals'];
  return Object.fromEntries(methods.map((m) => [m, (...args) => get()[m](...args)]));
}
const allure = {
  resultsDir,
  // Our writer: the same files as Allure's own, without an fsync per file (see the module).
  writer: resultsWriter(resultsDir),
  links: { issue: { pattern: [/^@issue=/], urlTemplate: '%s' } },
  // `@severity:critical` is the scenario's Allure severity (README, "Tags"); without this Allure shows every one as normal.
  labels: [{ name: 'severity', pattern: [/^@severity:/] }],
  environmentInfo: { node: process.version, os: `${process.platform}-${process.arch}` },
  categories: [
    { name: 'Not conformant', messageRegex: '.*Not conformant.*', matchedStatuses: ['failed'] },
    { name: 'Could not test', matchedStatuses: ['broken'] },
  ],
};

module.exports = {
  default: {
    paths: ['features/**/*.feature'],
    require: ['support/allure.ts', 'support/parameterTypes.ts', 'support/world.ts', 'support/hooks.ts', 'steps/**/*.steps.ts'],
    // The TypeScript loader every npm script uses (support/accel/tsLoader.js: ts-node's output, kept).
    requireModule: [require('node:path').join(__dirname, 'support', 'accel', 'tsRegister.js')],
    format: [
      'progress',
      'html:reports/cucumber-report.html',
      'junit:reports/cucumber-junit.xml',
      'message:reports/cucumber-messages.ndjson',
      'allure-cucumberjs/reporter:reports/allure-reporter.log',
    ],
    formatOptions: allure,
    strict: true,
  },
};

// `npx cucumber-js -p dev --tags @model:<slug>`: progress only, no report files (for working on one model).
module.exports.dev = { ...module.exports.default, format: ['progress'], formatOptions: {} };
