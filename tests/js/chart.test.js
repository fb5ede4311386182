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
