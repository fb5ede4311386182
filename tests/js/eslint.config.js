// ESLint for the browser code: the recommended rules, with the globals each kind of file really has.
// Run from the project root by tests/run.sh: tests/js/node_modules/.bin/eslint -c tests/js/eslint.config.js
const js = require('@eslint/js')
const globals = require('globals')
const path = require('path')

const root = path.resolve(__dirname, '..', '..')

// The config lives in tests/js (the project's top level is fixed), so its paths start two folders up.
module.exports = [
  { basePath: root, ignores: ['**/vendor/**', '**/node_modules/**'] },
  { basePath: root, ...js.configs.recommended },
  {
    basePath: root,
    // The site's scripts: classic scripts (file:// refuses modules) on one window.MPW namespace.
    files: ['mpw_static/assets/js/**/*.js', 'themes/**/*.js'],
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: 'script',
      // globalThis: a pure module attaches to it in Node, where there is no window.
      globals: { ...globals.browser, module: 'readonly', globalThis: 'readonly', MiniSearch: 'readonly' }
    },
    // A storage or parse failure is caught to be reported in the page's own words; the error object
    // itself is often not needed.
    // The format checker matches control characters on purpose, as Python's rules do.
    rules: { 'no-unused-vars': ['error', { caughtErrors: 'none' }], 'no-control-regex': 'off' }
  },
  {
    // The Node tier's tests.
    basePath: root,
    files: ['tests/js/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } }
  }
]
