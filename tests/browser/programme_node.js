/**
 * The across-services figures worked out in Node, for tests/browser/test_small_numbers.py: the
 * page's own pure modules (core/dom.js, format/format.js, discuss/compare.js, programme/rule.js,
 * programme/figures.js, programme/gather.js), loaded as the page's Worker runs them, over many generated collections in
 * one run. Each file goes the page's way: its bytes are checked, gathered and reported, and the
 * figures CSV is the one the page downloads.
 *
 * stdin: {"data": the page's embedded data, "collections": [{"files": [[name, assessment], ...], "cycle": ""}]}
 *   (data.smallestGroup is the threshold)
 * stdout: [{"csv": the figures CSV of the view asked for, "views": [{"cycle", "csv"} of every view the
 *   page offers for the collection], "services": [each service's review cycles, in time order, as
 *   "Show service names" lists them]}]
 */
'use strict'
const path = require('path')
const js = path.join(__dirname, '..', '..', 'mpw_static', 'assets', 'js')
for (const file of ['core/dom.js', 'format/format.js', 'discuss/compare.js', 'programme/rule.js', 'programme/figures.js', 'programme/gather.js']) {
  require(path.join(js, file))
}
const gather = globalThis.MPW.gather

/** Everything the page can show of one collection: the view asked for, every view it offers, the names list. */
function shown (data, collection) {
  const gathering = new gather.Gathering(data)
  for (const [name, assessment] of collection.files) {
    const bytes = new TextEncoder().encode(JSON.stringify(assessment))
    gathering.add(name, bytes.length, { buffer: bytes.buffer })
  }
  const report = gathering.report(collection.cycle || '')
  const offered = [''].concat(report.cycles || []) // a page with a review-cycle selector offers a view per cycle
  return {
    csv: gather.figuresCsv(report, data),
    views: offered.map((cycle) => ({ cycle: cycle, csv: gather.figuresCsv(gathering.report(cycle), data) })),
    services: report.services.map((service) => service.assessments.map((a) => a.review_cycle || ''))
  }
}

let text = ''
process.stdin.on('data', (chunk) => { text += chunk })
process.stdin.on('end', () => {
  const input = JSON.parse(text)
  process.stdout.write(JSON.stringify(input.collections.map((collection) => shown(input.data, collection))))
})
