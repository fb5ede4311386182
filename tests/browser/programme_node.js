/**
 * The across-services figures worked out in Node, for tests/browser/test_small_numbers.py: the
 * page's own pure modules (core/dom.js, format/format.js, discuss/compare.js, programme-figures.js),
 * loaded as the page loads them, over many generated collections in one run.
 *
 * stdin: {"data": the page's embedded data, "smallest": 3, "collections": [{"files": [[name, assessment], ...], "cycle": ""}]}
 * stdout: [{"csv": the figures CSV as the page downloads it, "services": N shown as "This view uses N"}]
 */
'use strict'
globalThis.window = globalThis // the modules attach themselves to window.MPW, as in a page
const path = require('path')
const js = path.join(__dirname, '..', '..', 'mpw_static', 'assets', 'js')
require(path.join(js, 'core', 'dom.js')) // the shared helpers the format module uses
require(path.join(js, 'format', 'format.js'))
require(path.join(js, 'discuss', 'compare.js'))
const figures = require(path.join(js, 'programme-figures.js'))
const format = window.MPW.format

function figuresCsv (input, collection) {
  const records = new figures.Collection()
  collection.files.forEach(([name, assessment]) => records.add(figures.summarise(assessment, name)))
  const all = records.records()
  const services = figures.services(all)
  const entries = figures.shown(services, collection.cycle || '')
  const view = figures.view(entries, input.data, input.smallest)
  const shown = {
    files: { read: collection.files.length, refused: 0, replaced: records.replaced.length },
    overview: figures.overview(all, services, input.data, input.smallest),
    figures: view
  }
  return format.csvText(figures.figureRows(shown, input.data, input.data.strings.programme_hidden))
}

let text = ''
process.stdin.on('data', (chunk) => { text += chunk })
process.stdin.on('end', () => {
  const input = JSON.parse(text)
  process.stdout.write(JSON.stringify(input.collections.map((collection) => ({ csv: figuresCsv(input, collection) }))))
})
