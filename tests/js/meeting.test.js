// Meeting mode's agenda and record (assessment/meeting-agenda.js), pure functions over the page's
// data. Every expectation is worked out by hand from the rule in the function's comment; the
// agreement and split are the composite's own rule (discuss/compare.js), used, not repeated.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load, pageData } = require('./load.js')

const { meetingAgenda: agenda, format } = load('core/dom.js', 'format/format.js', 'discuss/compare.js', 'assessment/meeting-agenda.js')
const data = pageData()

function assessment (ratings) {
  const made = format.create(data)
  for (const [id, statement] of Object.entries(ratings)) made.ratings[id] = format.rating({ statement }, data)
  return made
}

function member (role, ratings) {
  return { role, assessment: assessment(ratings) }
}

test('the steps: the set-up, each chosen domain (in matrix order) with its indicators, then the record', () => {
  assert.deepEqual(agenda.steps(data, [2, 1]), [
    'setup',
    'domain:1', 'indicator:1.1', 'indicator:1.2', 'indicator:1.3', 'indicator:1.4',
    'domain:2', 'indicator:2.1', 'indicator:2.2', 'indicator:2.3', 'indicator:2.4', 'indicator:2.5',
    'record'
  ])
  assert.equal(agenda.steps(data, []).length, 1 + 8 + 45 + 1) // none chosen is every domain
  assert.equal(agenda.steps(data, [99]).length, 1 + 8 + 45 + 1) // a number the matrix does not have is none
  assert.deepEqual(agenda.parseStep('indicator:6.6'), { kind: 'indicator', id: '6.6' })
  assert.deepEqual(agenda.parseStep('record'), { kind: 'record', id: '' })
})

test('where an indicator stands: to come back to first, then agreed, then reached with or without anything recorded, else not reached', () => {
  const record = assessment({ '1.1': 3, '1.2': 'n/a', '1.3': 2 })
  record.ratings['2.2'] = format.rating({ note: 'The GPs see it differently' }, data)
  record.ratings['2.3'] = format.rating({ next_steps: 'Ask the board' }, data)
  record.ratings['2.4'] = format.rating({ note: '  ' }, data) // only spaces: nothing recorded
  const marks = { reached: { '1.1': true, '1.3': true, '1.4': true, '2.2': true, '2.3': true, '2.4': true }, skipped: { '1.3': true } }
  assert.equal(agenda.stateOf(record, marks, '1.1'), 'agreed')
  assert.equal(agenda.stateOf(record, marks, '1.2'), 'agreed') // N/A is an agreed answer
  assert.equal(agenda.stateOf(record, marks, '1.3'), 'skipped') // marked, even with a statement
  assert.equal(agenda.stateOf(record, marks, '1.4'), 'reached') // arrived at, nothing recorded
  assert.equal(agenda.stateOf(record, marks, '2.2'), 'open') // a note, no statement: discussed, not agreed
  assert.equal(agenda.stateOf(record, marks, '2.3'), 'open') // a next step, no statement
  assert.equal(agenda.stateOf(record, marks, '2.4'), 'reached')
  assert.equal(agenda.stateOf(record, marks, '2.1'), 'not-reached')
  assert.deepEqual(agenda.progress(record, marks, data, [1]), { agreed: 2, total: 4 })
  assert.deepEqual(agenda.progress(record, marks, data, [1, 2]), { agreed: 2, total: 9 })
})

test('where an indicator stands, in the same words in the contents and the record', () => {
  const strings = data.strings
  assert.equal(agenda.stateWords(strings, 'agreed', 'S3'), 'Agreed: S3')
  assert.equal(agenda.stateWords(strings, 'skipped', ''), 'To come back to')
  // Marked after a statement was chosen: the file keeps the statement, so the words say it.
  assert.equal(agenda.stateWords(strings, 'skipped', 'S2'), 'Marked to come back to; agreed so far: S2')
  assert.equal(agenda.stateWords(strings, 'not-reached', ''), 'Not reached yet')
})

test('members\' positions: counts per statement, the roles sorted, and the composite\'s flag', () => {
  const members = [
    member('Social worker', { '1.2': 4, '1.3': 'n/a' }),
    member('District nurse', { '1.2': 1, '1.3': 'n/a' }),
    member('GP', { '1.2': 3, '1.3': 2 }),
    member('Occupational therapist', { '1.2': 3 }),
    member('Team manager', { '1.2': 2 })
  ]
  const split = agenda.positions(members, '1.2', data)
  assert.deepEqual(split.counts, { 1: 1, 2: 1, 3: 2, 4: 1, 5: 0, 'n/a': 0 })
  assert.deepEqual(split.roles['3'], ['GP', 'Occupational therapist'])
  assert.equal(split.none, 0)
  assert.deepEqual([split.flag, split.spread], ['split', 3])
  assert.deepEqual(agenda.range(split.counts, data), { low: 1, high: 4, notApplicable: null })
  const mixed = agenda.positions(members, '1.3', data)
  assert.deepEqual([mixed.flag, mixed.none, mixed.counts['n/a']], ['split', 2, 2]) // N/A beside S2
  assert.deepEqual(agenda.range(mixed.counts, data), { low: 2, high: 2, notApplicable: 'n/a' })
  const none = agenda.positions(members, '2.5', data)
  assert.deepEqual([none.flag, none.none], ['too-few', 5])
  assert.deepEqual(agenda.range(none.counts, data), { low: null, high: null, notApplicable: null })
})

test('the record groups the meeting\'s indicators: agreed, unresolved (to come back to or open), not reached, and plans', () => {
  const record = assessment({ '1.1': 2, '1.2': 3 })
  record.ratings['1.2'] = format.rating({ statement: 3, target: 4, next_steps: 'A shared referral form' }, data)
  record.ratings['1.4'] = format.rating({ statement: null, next_steps: 'Ask the board' }, data)
  const marks = { reached: { '1.1': true, '1.2': true, '1.3': true, '1.4': true }, skipped: { '1.3': true } }
  const made = agenda.record(record, marks, data, [1], [])
  const ids = (entries) => entries.map((entry) => entry.indicator.id)
  assert.deepEqual(ids(made.agreed), ['1.1', '1.2'])
  assert.deepEqual(ids(made.unresolved), ['1.3', '1.4'])
  assert.deepEqual(made.unresolved.map((entry) => entry.state), ['skipped', 'open']) // 1.4 has a next step
  const bare = agenda.record(assessment({}), { reached: { '1.1': true }, skipped: {} }, data, [1], [])
  assert.deepEqual(bare.unresolved.map((entry) => [entry.indicator.id, entry.state]), [['1.1', 'reached']])
  assert.deepEqual(ids(made.notReached), [])
  assert.deepEqual(ids(made.plans), ['1.2', '1.4'])
  assert.equal(made.agreed[0].members, null) // no members loaded: nothing said of them
  const withMembers = agenda.record(record, marks, data, [1], [member('GP', { '1.1': 2 }), member('Team manager', { '1.1': 4 })])
  assert.equal(withMembers.agreed[0].members.flag, 'split')
})
