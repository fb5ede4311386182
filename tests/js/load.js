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

/** The data the build embeds in the assessment page (tests/js/fixtures/page-data.json), a fresh copy each call. */
function pageData () {
  return JSON.parse(require('node:fs').readFileSync(path.join(__dirname, 'fixtures', 'page-data.json'), 'utf8'))
}

// Node 18 has Web Crypto only as require('node:crypto').webcrypto; a page (and Node 20) has crypto.
if (typeof globalThis.crypto === 'undefined') globalThis.crypto = require('node:crypto').webcrypto

module.exports.pageData = pageData
