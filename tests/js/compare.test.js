// The discussion views' pure functions (discuss/compare.js), table by table. Every expectation is
// worked out by hand from the rule in the function's comment. (Moved from a browser test, where
// each call went through a page.)
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load, pageData } = require('./load.js')

const { compare, format } = load('core/dom.js', 'format/format.js', 'discuss/compare.js')
const data = pageData()
const FULLY = 'fully-achieved'
const WIP = 'work-in-progress'

function rating (statement, evidence = null, extra = {}) {
  return { statement, evidence, note: '', ...extra }
}

test('agreement: within one statement agrees; two apart, or N/A against a statement, is a split', () => {
  const cases = [
    [[2, 3, 2], 'agreement', 1], // everyone within one statement
    [[1, 4, 3], 'split', 3], // two or more apart
    [[1, 3], 'split', 2],
    [['n/a', 'n/a', 2], 'split', 0], // N/A against a statement is a split, whatever the spread
    [['n/a', 'n/a'], 'agreement', 0],
    [[5, null, null], 'too-few', null], // fewer than two answers
    [[null, null], 'too-few', null],
    [[4, 4, null, 4], 'agreement', 0]
  ]
  for (const [statements, flag, spread] of cases) {
    assert.deepEqual(compare.agreement(statements, data), { flag, spread }, JSON.stringify(statements))
  }
})

test('the composite starts from the median rounded down and the evidence most gave, work in progress on a tie', () => {
  const cases = [
    [[rating(2, WIP), rating(3, FULLY), rating(2, WIP)], 2, WIP], // median 2; two of three WIP
    [[rating(2, FULLY), rating(3, FULLY)], 2, FULLY], // median 2.5 rounds down
    [[rating(1), rating(4)], 2, null], // median 2.5 rounds down; nobody gave a level
    [[rating(3, FULLY), rating(3, WIP)], 3, WIP], // a tie goes to work in progress
    [[rating('n/a'), rating('n/a'), rating(2, WIP)], 'n/a', null], // most said N/A
    [[rating('n/a'), rating(4, FULLY)], 4, FULLY], // N/A is not most
    [[rating(null), rating(null)], null, null]
  ]
  for (const [ratings, statement, evidence] of cases) {
    assert.deepEqual(compare.compositeDefault(ratings, data), { statement, evidence }, JSON.stringify(ratings))
  }
})

test('movement between two cycles, by kind and steps', () => {
  const cases = [
    [rating(2, WIP), rating(4, FULLY), 'forward', 2],
    [rating(3, FULLY), rating(2, WIP), 'back', 1],
    [rating(3, WIP), rating(3, FULLY), 'firmer', 0],
    [rating(3), rating(3, FULLY), 'firmer', 0], // from no level to fully achieved
    [rating(3, FULLY), rating(3, WIP), 'looser', 0],
    [rating(4, FULLY), rating(4, FULLY), 'same', 0],
    [rating('n/a'), rating(2, WIP), 'changed', 0],
    [rating('n/a'), rating('n/a'), 'same', 0],
    [rating(null), rating(1, WIP), 'new', 0],
    [rating(2, WIP), rating(null), 'unanswered', 0],
    [rating(null), rating(null), 'none', 0]
  ]
  for (const [before, after, kind, steps] of cases) {
    assert.deepEqual(compare.movement(before, after, data), { kind, steps }, `${JSON.stringify(before)} → ${JSON.stringify(after)}`)
  }
})

test('a tally counts levels and their evidence split, and the unanswered', () => {
  const assessment = { ratings: { 1.1: rating(2, WIP), 1.2: rating(2, FULLY), 1.3: rating(2), 1.4: rating('n/a') } }
  const indicators = [1, 2, 3, 4, 5].map((n) => ({ id: `1.${n}` }))
  assert.deepEqual(compare.tally(assessment, indicators, data), {
    counts: { 1: 0, 2: 3, 3: 0, 4: 0, 5: 0, 'n/a': 1 },
    fully: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 'n/a': 0 },
    wip: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 'n/a': 0 },
    none: 1 // 1.5 has no answer
  })
})

test('the discussion order puts every split first, wider spreads first, then matrix order', () => {
  const rows = [
    { flag: 'agreement', spread: 1 },
    { flag: 'split', spread: 0 }, // an N/A split
    { flag: 'too-few', spread: null },
    { flag: 'split', spread: 3 },
    { flag: 'agreement', spread: 1 },
    { flag: 'split', spread: 2 }
  ]
  assert.deepEqual(compare.discussionOrder(rows), [3, 5, 1, 0, 4, 2])
})

test('a profile tallies each domain of the matrix, and never scores it', () => {
  const assessment = { ratings: { 1.1: rating(3, FULLY), 2.1: rating('n/a') } }
  const rows = compare.profile(assessment, data)
  assert.equal(rows.length, data.domains.length)
  assert.equal(rows[0].counts[3], 1)
  assert.equal(rows[0].fully[3], 1)
  assert.equal(rows[0].none, data.indicators.filter((i) => i.domain === 1).length - 1)
  assert.equal(rows[1].counts['n/a'], 1)
  assert.ok(rows.every((row) => !('score' in row) && !('total' in row)))
})

test('a target set last cycle is reached, exceeded or not yet; without an S1–S5 answer there is no answer', () => {
  assert.equal(compare.targetOutcome(rating(2, null, { target: 3 }), rating(3), data), 'reached')
  assert.equal(compare.targetOutcome(rating(2, null, { target: 3 }), rating(5), data), 'exceeded')
  assert.equal(compare.targetOutcome(rating(2, null, { target: 3 }), rating(2), data), 'not-yet')
  assert.equal(compare.targetOutcome(rating(2, null, { target: 3 }), rating('n/a'), data), 'no-answer')
  assert.equal(compare.targetOutcome(rating(2, null, { target: 3 }), rating(null), data), 'no-answer')
  assert.equal(compare.targetOutcome(rating(2), rating(4), data), null)
})

function assessmentOn (date, created, ratings, extra = {}) {
  return { ...format.create(data), date, created, updated: created, ratings, ...extra }
}

test('the distance travelled runs from the first cycle to the last, targets from the one before the last', () => {
  const first = assessmentOn('2025-03-01', '2025-03-01T09:00:00Z', { 1.1: rating(2, WIP, { target: 3 }), 1.2: rating(4, FULLY) }, { method: 'group' })
  const middle = assessmentOn('2025-09-01', '2025-09-01T09:00:00Z', { 1.1: rating(2, WIP, { target: 4 }), 1.2: rating(4, WIP) }, { method: 'group' })
  const last = assessmentOn('2026-03-01', '2026-03-01T09:00:00Z', { 1.1: rating(4, FULLY), 1.3: rating(1) }, { method: 'composite' })
  const travelled = compare.distance([last, first, middle], data) // any order: by date
  assert.deepEqual(travelled.cycles.map((a) => a.date), ['2025-03-01', '2025-09-01', '2026-03-01'])
  const byId = Object.fromEntries(travelled.rows.map((row) => [row.indicator.id, row]))
  assert.deepEqual(byId['1.1'].movement, { kind: 'forward', steps: 2 })
  assert.equal(byId['1.1'].target, 4) // set in the cycle before the last
  assert.equal(byId['1.1'].outcome, 'reached')
  assert.deepEqual(byId['1.2'].movement, { kind: 'unanswered', steps: 0 })
  assert.deepEqual(byId['1.3'].movement, { kind: 'new', steps: 0 })
  assert.deepEqual(travelled.differences, ['method'])
  const domain1 = travelled.domains[0]
  assert.deepEqual([domain1.forward, domain1.unanswered, domain1.new, domain1.reached], [1, 1, 1, 1])
})

test('a plan lists the planned indicators by domain, the priorities first, and leaves out domains with neither', () => {
  const assessment = {
    ...format.create(data),
    ratings: { 1.1: format.rating({ statement: 2, target: 3 }, data), 3.2: format.rating({ statement: 1, next_steps: 'Meet' }, data), 2.1: format.rating({ statement: 4 }, data) },
    domains: { 3: { context: '', reflections: '', priority: true, first_steps: '' }, 5: { context: '', reflections: '', priority: false, first_steps: 'Ask' } }
  }
  const groups = compare.plan(assessment, data)
  assert.deepEqual(groups.map((g) => [g.domain.number, g.priority, g.rows.map((r) => r.indicator.id)]), [[3, true, ['3.2']], [1, false, ['1.1']], [5, false, []]])
  assert.equal(groups[2].firstSteps, 'Ask')
})
