// Loads the site's classic scripts into Node as a page runs them: each attaches itself to the one
// MPW namespace (globalThis.MPW here, window.MPW in a page). Node runs each test file in a process
// of its own, so every file starts from an empty namespace.
'use strict'
const path = require('node:path')

const JS = path.join(__dirname, '..', '..', 'mpw_static', 'assets', 'js')

/** Run the scripts at these paths under mpw_static/assets/js, in order; returns the namespace. */
function load (...paths) {
  for (const file of paths) require(path.join(JS, file))
  return globalThis.MPW
}

module.exports = { load, JS }
