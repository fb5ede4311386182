// The chart's data (chart/chart.js): a tally as segments in the order of the page's statements,
// the evidence split only where a statement takes one, and a held-back figure as null.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load, pageData } = require('./load.js')

const { chart, compare } = load('core/dom.js', 'format/format.js', 'discuss/compare.js', 'chart/chart.js')
const data = pageData()

test('a tally becomes segments S1…S5, N/A, then not answered; only S1–S5 carry an evidence split', () => {
  const assessment = { ratings: { 1.1: { statement: 2, evidence: 'fully-achieved' }, 1.2: { statement: 2, evidence: 'work-in-progress' }, 1.3: { statement: 'n/a', evidence: null } } }
  const tally = compare.tally(assessment, [1, 2, 3, 4].map((n) => ({ id: `1.${n}` })), data)
  assert.deepEqual(chart.segments(tally, data), [
    { index: 0, value: 0, fully: 0, wip: 0, rated: true },
    { index: 1, value: 2, fully: 1, wip: 1, rated: true },
    { index: 2, value: 0, fully: 0, wip: 0, rated: true },
    { index: 3, value: 0, fully: 0, wip: 0, rated: true },
    { index: 4, value: 0, fully: 0, wip: 0, rated: true },
    { index: 5, value: 1, fully: 0, wip: 0, rated: false },
    { index: 6, value: 1, fully: 0, wip: 0, rated: false }
  ])
})

test('a held-back figure stays null in its segment, for the table to say "not shown"', () => {
  const tally = { counts: { 1: null, 2: 3, 3: 0, 4: 0, 5: 0, 'n/a': null }, fully: { 1: null, 2: null, 3: 0, 4: 0, 5: 0, 'n/a': 0 }, wip: { 1: null, 2: null, 3: 0, 4: 0, 5: 0, 'n/a': 0 }, none: 0 }
  const segments = chart.segments(tally, data)
  assert.equal(segments[0].value, null)
  assert.deepEqual([segments[1].value, segments[1].fully, segments[1].wip], [3, null, null])
  assert.equal(segments[5].value, null)
})

test('evidence levels are named in the page\'s words; none is no words', () => {
  assert.equal(chart.evidenceText('fully-achieved', data), 'Fully achieved')
  assert.equal(chart.evidenceText('work-in-progress', data), 'Work in progress')
  assert.equal(chart.evidenceText(null, data), '')
})

// Charts kept at their column's width (MPW.chart.Charts): a column and figures as small stand-ins.
function figureAt (width) {
  return { width, isConnected: true, replaceWith (other) { this.isConnected = false; this.replacedBy = other } }
}

function chartsIn (column) {
  const charts = new chart.Charts()
  charts.start(column)
  const figures = [charts.add(figureAt), charts.add(figureAt)]
  return { charts, figures }
}

test('charts are drawn at their column\'s width and again at its new width, each in its own place', () => {
  const column = { clientWidth: 343 }
  const { charts, figures } = chartsIn(column)
  assert.deepEqual(figures.map((f) => f.width), [343, 343])
  column.clientWidth = 1248
  charts.redraw()
  assert.deepEqual(figures.map((f) => f.replacedBy.width), [1248, 1248])
  column.clientWidth = 343
  charts.redraw()
  assert.deepEqual(figures.map((f) => f.replacedBy.replacedBy.width), [343, 343])
})

test('no chart is drawn again at a width it is already drawn at, nor while its column is hidden', () => {
  const column = { clientWidth: 1100 }
  const { charts, figures } = chartsIn(column)
  column.clientWidth = 1000 // both are 960 px wide, the widest a chart is drawn
  charts.redraw()
  column.clientWidth = 0 // hidden
  charts.redraw()
  assert.deepEqual(figures.map((f) => f.replacedBy), [undefined, undefined])
})

test('a chart no longer in the page (its view closed) is not drawn again, and a new view starts afresh', () => {
  const column = { clientWidth: 400 }
  const { charts, figures } = chartsIn(column)
  figures[0].isConnected = false
  column.clientWidth = 800
  charts.redraw()
  assert.equal(figures[0].replacedBy, undefined)
  assert.equal(figures[1].replacedBy.width, 800)
  charts.start(column)
  const next = charts.add(figureAt)
  column.clientWidth = 500
  charts.redraw()
  assert.equal(next.replacedBy.width, 500)
  assert.equal(figures[1].replacedBy.replacedBy, undefined) // forgotten by start
})
