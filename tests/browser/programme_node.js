/**
 * The across-services figures worked out in Node, for tests/browser/test_small_numbers.py: the
 * page's own pure modules (core/dom.js, format/format.js, discuss/compare.js, programme/rule.js,
 * programme/figures.js, programme/gather.js), loaded as the page's Worker runs them, over many generated collections in
 * one run. Each file goes the page's way: its bytes are checked, gathered and reported, and the
 * figures CSV is the one the page downloads.
 *
 * stdin: {"data": the page's embedded data, "collections": [{"files": [[name, assessment], ...], "cycle": ""}]}
 *   (data.smallestGroup is the threshold)
 * stdout: [{"csv": the figures CSV as the page downloads it}]
 */
'use strict'
const path = require('path')
const js = path.join(__dirname, '..', '..', 'mpw_static', 'assets', 'js')
for (const file of ['core/dom.js', 'format/format.js', 'discuss/compare.js', 'programme/rule.js', 'programme/figures.js', 'programme/gather.js']) {
  require(path.join(js, file))
}
const gather = globalThis.MPW.gather

function figuresCsv (data, collection) {
  const gathering = new gather.Gathering(data)
  for (const [name, assessment] of collection.files) {
    const bytes = new TextEncoder().encode(JSON.stringify(assessment))
    gathering.add(name, bytes.length, { buffer: bytes.buffer })
  }
  return gather.figuresCsv(gathering.report(collection.cycle || ''), data)
}

let text = ''
process.stdin.on('data', (chunk) => { text += chunk })
process.stdin.on('end', () => {
  const input = JSON.parse(text)
  process.stdout.write(JSON.stringify(input.collections.map((collection) => ({ csv: figuresCsv(input.data, collection) }))))
})
