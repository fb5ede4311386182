// The format module (format/format.js): a new assessment, a file completed with the model's
// defaults, the plan's fields, labels and choices, names and CSV rows, all from the page's data.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load, pageData } = require('./load.js')

const { format } = load('core/dom.js', 'format/format.js')
const data = pageData()

test('a new assessment holds every field at the model\'s default, with a new id and the time', () => {
  const made = format.create(data)
  assert.deepEqual(Object.keys(made), ['format', 'format_version', 'framework_version', 'id', 'service', 'date', 'purposes',
    'method', 'review_cycle', 'ratings', 'domains', 'last_plan', 'sources', 'meeting', 'language', 'created', 'updated'])
  assert.equal(made.format, 'mpw-assessment')
  assert.equal(made.format_version, data.formatVersion)
  assert.equal(made.framework_version, data.frameworkVersion)
  assert.match(made.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  assert.deepEqual(made.service, { name: '', organisations: '', participants: '' })
  assert.equal(made.created, made.updated)
  assert.deepEqual([made.date, made.method, made.review_cycle, made.language, made.meeting], [null, null, '', null, null])
  assert.notEqual(format.create(data).id, made.id)
  const other = format.create(data)
  other.service.name = 'Changed'
  other.purposes.push('learning')
  assert.deepEqual([made.service.name, made.purposes], ['', []], 'defaults are copied, never shared')
  assert.deepEqual(format.check(made, data).errors, [], 'a new assessment passes the checks')
})

test('a checked file is completed with the defaults, keeping only the fields the rule knows', () => {
  const made = format.create(data)
  const file = { ...made, service: { name: 'Riverside' }, ratings: { 1.1: { statement: 3 } }, domains: { 2: { context: 'Busy' } } }
  delete file.review_cycle
  delete file.sources
  const checked = format.check(file, data)
  assert.deepEqual(checked.errors, [])
  const { assessment } = checked
  assert.deepEqual(assessment.service, { name: 'Riverside', organisations: '', participants: '' })
  assert.equal(assessment.review_cycle, '')
  assert.deepEqual(assessment.sources, [])
  assert.deepEqual(assessment.ratings['1.1'], { target: null, next_steps: '', lead: '', due_date: null, due_cycle: '', statement: 3, evidence: null, note: '' })
  assert.deepEqual(assessment.domains['2'], { context: 'Busy', reflections: '', priority: false, first_steps: '' })
  assert.notEqual(assessment.service, file.service, 'a copy, sharing nothing with the file')
})

test('a source is completed by its own shape: a record with its defaults, or a bare id as it is', () => {
  const file = { ...format.create(data), sources: ['c0ffee00-first-release', { id: 'c0ffee01' }] }
  const { assessment } = format.check(file, data)
  assert.deepEqual(assessment.sources, ['c0ffee00-first-release', { id: 'c0ffee01', service: '', date: null }])
})

test('files of versions 1 and 2 are read as version 3, the original untouched', () => {
  assert.equal(data.formatVersion, 3)
  assert.deepEqual(data.readsVersions, [1, 2, 3])
  for (const version of [1, 2]) {
    const made = format.create(data)
    delete made.meeting // no release before version 3 wrote one
    const old = { ...made, format_version: version }
    const { assessment, errors } = format.check(old, data)
    assert.deepEqual(errors, [])
    assert.equal(assessment.format_version, 3)
    assert.equal(assessment.meeting, null)
    assert.equal(old.format_version, version)
    assert.deepEqual(Object.keys(format.upgrade(old)), Object.keys(old), 'every field kept, in its place')
  }
})

test('a version 3 file keeps its meeting: the date, the domains and the indicators to come back to', () => {
  const meeting = { date: '2026-12-01', domains: ['1', '3'], come_back_to: ['1.2', '3.4'] }
  const text = JSON.stringify({ ...format.create(data), meeting })
  const { assessment, errors } = format.parse(text, text.length, data)
  assert.deepEqual(errors, [])
  assert.deepEqual(assessment.meeting, meeting)
  const again = format.parse(JSON.stringify(assessment), text.length, data)
  assert.deepEqual(again.assessment, assessment)
  const partly = format.parse(JSON.stringify({ ...format.create(data), meeting: { come_back_to: ['2.1'] } }), 10, data)
  assert.deepEqual(partly.assessment.meeting, { date: null, domains: [], come_back_to: ['2.1'] }, 'the rest at its defaults')
})

test('a hostile meeting is refused with a clear message', () => {
  const refused = (meeting) => format.parse(JSON.stringify({ ...format.create(data), meeting }), 10, data)
  const correct = 'Correct it in the file, or ask whoever sent it for a new download.'
  const cases = [
    [{ come_back_to: ['1.2', '9.9'] }, ['meeting.come_back_to[1]: unknown indicator id 9.9. Remove it, or correct it to an indicator id of the matrix, from 1.1 to 8.6.']],
    [{ come_back_to: ['1.2', 9.9] }, [`meeting.come_back_to[1]: “9.9” is not one of the allowed values. ${correct}`]],
    [{ come_back_to: Array(50000).fill('1.1') }, ['meeting.come_back_to: the list holds 50,000 items, more than the matrix has (45). List each one at most once.']],
    [{ come_back_to: '1.2' }, [`meeting.come_back_to: expected a list. ${correct}`]],
    [{ come_back_to: ['1.2', '1.2'] }, ['meeting.come_back_to: the same indicator id is listed twice. List each indicator id once.']],
    [{ domains: [1] }, [`meeting.domains[0]: “1” is not one of the allowed values. ${correct}`]],
    [{ domains: ['2', '2'] }, ['meeting.domains: the same domain number is listed twice. List each domain number once.']],
    [{ date: '2026-02-30' }, [`meeting.date: expected a date such as 2026-11-23. ${correct}`]],
    [{ participants: 'GP' }, ['meeting.participants: unknown field. Remove the field from the file, or ask whoever sent it for a new download.']],
    ['yes', [`meeting: expected an object. ${correct}`]]
  ]
  for (const [meeting, errors] of cases) {
    const result = refused(meeting)
    assert.deepEqual([result.assessment, result.errors], [null, errors], JSON.stringify(meeting).slice(0, 40))
  }
})

test('a key the rule does not name is refused by the checks and never carried by complete', () => {
  const file = JSON.parse('{"__proto__": {"polluted": true}, "format": "mpw-assessment"}')
  assert.equal(format.complete(file, data.rules).polluted, undefined)
  assert.equal(Object.prototype.hasOwnProperty.call(format.complete(file, data.rules), '__proto__'), false)
  assert.equal({}.polluted, undefined)
  const parsed = format.parse(JSON.stringify({ ...format.create(data), colour: 'blue' }), 10, data)
  assert.deepEqual(parsed.errors, ['colour: unknown field. Remove the field from the file, or ask whoever sent it for a new download.'])
})

test('every refusal says what to do next, by the field where that depends on it', () => {
  const refused = (change) => format.parse(JSON.stringify(Object.assign(format.create(data), change)), 10, data).errors
  assert.deepEqual(refused({ ratings: { 1.1: { statement: 6 }, 1.2: { statement: [3] }, 1.3: { statement: 2, target: 7 } } }), [
    'ratings.1.1.statement: “6” is not one of the allowed values. Change it to 1, 2, 3, 4, 5 or "n/a" (S1–S5 or N/A), or answer the indicator again on the assessment page.',
    'ratings.1.2.statement: expected one of the allowed values, not a list or an object. Change it to 1, 2, 3, 4, 5 or "n/a" (S1–S5 or N/A), or answer the indicator again on the assessment page.',
    'ratings.1.3.target: “7” is not one of the allowed values. Change it to 1, 2, 3, 4 or 5 (S1–S5), or set the target again on the assessment page.'
  ])
  assert.deepEqual(refused({ method: 'vote', ratings: { 9.9: {}, 1.1: { note: 'x'.repeat(10001) }, 1.2: { evidence: 'fully-achieved' } } }), [
    'method: “vote” is not one of the allowed values. Correct it in the file, or ask whoever sent it for a new download.',
    'ratings: unknown indicator id 9.9. Remove it, or correct it to an indicator id of the matrix, from 1.1 to 8.6.',
    'ratings.1.1.note: the text is longer than 10000 characters. Shorten it to 10000 characters or fewer.',
    'ratings.1.2.evidence: evidence is only recorded for a statement from 1 to 5. Choose a statement, or remove the evidence level.'
  ])
  assert.deepEqual(format.parse('{"format": "mpw-assessment", "format_version": 4}', 10, data).errors,
    ['the file uses format version 4, newer than this site reads (up to 3). Open it with the newest version of the site.'])
  assert.deepEqual(format.parse('{"format": "mpw-assessment",', 10, data).errors,
    ['the file is not valid JSON. It may be damaged or not a saved assessment: ask whoever sent it for a new download.'])
})

test('what a field expects is said in the page\'s language, from its catalogue, as validate says it', () => {
  const words = { expected_object: 'gwrthrych', expected_list: 'rhestr', expected_text: 'testun', expected_not_blank: 'testun nad yw’n fylchau gwyn yn unig' }
  const welsh = { ...data, strings: { ...data.strings, ...words, err_type: '{path}: disgwylid {expected}. {hint}' } }
  const refused = (change) => format.parse(JSON.stringify(Object.assign(format.create(data), change)), 10, welsh).errors
  const fix = data.strings.err_hint_correct
  assert.deepEqual(refused({ service: 'Riverside', purposes: 'learning', review_cycle: 12, framework_version: '  ' }), [
    `framework_version: disgwylid testun nad yw’n fylchau gwyn yn unig. ${fix}`,
    `purposes: disgwylid rhestr. ${fix}`,
    `review_cycle: disgwylid testun. ${fix}`,
    `service: disgwylid gwrthrych. ${fix}`
  ])
})

test('a plan is what the model\'s Plan holds: a target, steps, a lead, a date or a review', () => {
  assert.deepEqual(data.fields.plan, ['target', 'next_steps', 'lead', 'due_date', 'due_cycle'])
  const rated = format.rating({ statement: 2, evidence: 'work-in-progress', note: 'n' }, data)
  assert.equal(format.hasPlan(rated, data), false)
  for (const [field, value] of [['target', 3], ['next_steps', 'Meet'], ['lead', 'GP'], ['due_date', '2027-03-31'], ['due_cycle', '6-month review']]) {
    assert.equal(format.hasPlan({ ...rated, [field]: value }, data), true, field)
  }
  assert.equal(format.hasPlan(undefined, data), false)
  const planned = { ...rated, target: 3, next_steps: 'Meet', lead: 'GP' }
  assert.deepEqual(format.lastPlanOf(planned, data), { target: 3, next_steps: 'Meet', lead: 'GP', due_date: null, due_cycle: '', statement: 2 })
  assert.deepEqual(format.withoutPlan(planned, data), rated)
})

test('statements and targets are named as the matrix names them', () => {
  assert.deepEqual(data.choices.statements.map((s) => format.label(s, data)), ['S1', 'S2', 'S3', 'S4', 'S5', 'N/A'])
  assert.equal(format.label(null, data), '')
  assert.deepEqual(data.choices.statements.map((s) => format.isRated(s, data)), [true, true, true, true, true, false])
  assert.equal(format.isRated(null, data), false)
  assert.equal(format.choiceOf('3', data.choices.statements), 3)
  assert.equal(format.choiceOf('n/a', data.choices.statements), 'n/a')
  assert.equal(format.choiceOf('', data.choices.statements), null)
  assert.equal(format.choiceOf('6', data.choices.targets), null)
})

function withStatements (indicators) {
  return indicators.map((indicator) => ({ ...indicator, statements: [1, 2, 3, 4, 5].map((n) => `Statement ${n} of ${indicator.id}`) }))
}

function csvRows (text) {
  assert.ok(text.startsWith('\ufeff') && text.endsWith('\r\n'))
  return text.slice(1, -2).split('\r\n')
}

test('the CSV has one row per indicator, in the columns its header names', () => {
  const pageWithText = { ...data, indicators: withStatements(data.indicators) }
  const made = { ...format.create(data), service: { name: 'Riverside', organisations: '', participants: '' }, date: '2026-03-02', method: 'group', review_cycle: 'Baseline' }
  made.ratings = {
    1.1: format.rating({ statement: 3, evidence: 'fully-achieved', note: '=SUM(A1)', target: 4, next_steps: 'Meet "monthly"', due_date: '2027-03-31' }, data),
    1.2: format.rating({ statement: 'n/a' }, data)
  }
  const rows = csvRows(format.toCsv(made, pageWithText))
  assert.equal(rows.length, 1 + data.indicators.length)
  assert.equal(rows[0], data.strings.csv_headers.split('|').map((h) => `"${h}"`).join(','))
  assert.equal(rows[0].split(',').length, data.csv.assessment.length)
  assert.equal(rows[1], ['1', '1.1', data.indicators[0].title, '3', 'S3', 'Statement 3 of 1.1', 'fully-achieved', "'=SUM(A1)", 'S4',
    'Meet ""monthly""', '', '2027-03-31', '', 'Riverside', '2026-03-02', 'Baseline', 'group'].map((v) => `"${v}"`).join(','))
  assert.equal(rows[2], ['1', '1.2', data.indicators[1].title, 'not_applicable', 'N/A', '', '', '', '', '', '', '', '', 'Riverside', '2026-03-02', 'Baseline', 'group'].map((v) => `"${v}"`).join(','))
  assert.match(rows[3], /^"1","1\.3",".*","not_answered","Not answered","","","","","","","","","Riverside"/)
})

test('the CSV writes N/A and no answer as words no reader takes for missing, from the page\'s one description', () => {
  assert.deepEqual(data.csv.answers, { 'n/a': 'not_applicable', none: 'not_answered' })
  assert.deepEqual(data.csv.assessment.slice(3, 6), [['rating', 'statement', 'code'], ['rating', 'statement', 'named'], ['rating', 'statement', 'text']])
  const made = format.create(data)
  made.ratings = { 1.1: format.rating({ statement: 'n/a' }, data), 1.2: format.rating({ statement: 5 }, data) }
  const codes = csvRows(format.toCsv(made, { ...data, indicators: withStatements(data.indicators) })).slice(1).map((row) => row.split('","')[3])
  assert.deepEqual(codes.slice(0, 3), ['not_applicable', '5', 'not_answered'])
  assert.ok(codes.every((code) => ['1', '2', '3', '4', '5', 'not_applicable', 'not_answered'].includes(code)))
  assert.ok(!codes.includes('N/A') && !codes.includes(''), 'no cell of the statement column reads as missing')
  const welsh = { ...data, strings: { ...data.strings, not_answered: 'Heb ei ateb' }, labels: { ...data.labels, of: { ...data.labels.of, 'n/a': 'Amh' } } }
  const labels = csvRows(format.toCsv(made, { ...welsh, indicators: withStatements(data.indicators) })).slice(1, 4).map((row) => row.split('","')[4])
  assert.deepEqual(labels, ['Amh', 'S5', 'Heb ei ateb'], 'the label column is in the page\'s language')
})

test('the plan\'s CSV has one row per planned indicator, its domain\'s priority as "yes"', () => {
  const made = { ...format.create(data), service: { name: 'Riverside', organisations: '', participants: '' }, review_cycle: 'Baseline' }
  const rating = format.rating({ statement: 2, target: 3, next_steps: 'Joint clinic', lead: 'Practice manager', due_cycle: '6-month review' }, data)
  const groups = [{ domain: data.domains[1], priority: true, firstSteps: '', rows: [{ indicator: data.indicators[6], rating }] }]
  const rows = csvRows(format.toPlanCsv(made, groups, data))
  assert.equal(rows[0].split(',').length, data.csv.plan.length)
  assert.equal(rows[1], ['2', data.domains[1].title, 'Yes', data.indicators[6].id, data.indicators[6].title, '2', 'S2', 'S3', 'Joint clinic',
    'Practice manager', '', '6-month review', 'Riverside', '', 'Baseline'].map((v) => `"${v}"`).join(','))
})

test('a download is named by the service, who took part, the method and the date', () => {
  const made = { ...format.create(data), service: { name: 'Ysbyty Gwynedd Ward 3', organisations: '', participants: 'District nurse, GP' }, method: 'individual', date: '2026-03-02' }
  assert.equal(format.fileName(made, 'json'), 'mpw-assessment-ysbyty-gwynedd-ward-3-district-nurse-gp-individual-2026-03-02.json')
  const blank = { ...format.create(data), updated: '2026-11-23T14:43:00.000Z' }
  assert.equal(format.fileName(blank, 'csv'), `mpw-assessment-untitled-2026-11-23-${blank.id.slice(0, 8)}.csv`)
  // Two members who name nobody, on the same day, still get files of their own.
  const other = { ...format.create(data), updated: '2026-11-23T14:43:00.000Z' }
  assert.notEqual(format.fileName(other, 'json'), format.fileName(blank, 'json'))
})

test('clip cuts at code points, so an emoji is never split and the model\'s limits hold', () => {
  assert.equal(format.clip('😀😀😀', 2), '😀😀')
  assert.equal(format.clip('short', 10), 'short')
})

test('decode reads UTF-8 and UTF-16 with a byte order mark, and tells bad bytes from binary files', () => {
  const bytes = (...values) => new Uint8Array(values).buffer
  assert.deepEqual(format.decode(bytes(0xef, 0xbb, 0xbf, 0x7b, 0x7d)), { text: '{}', error: null })
  assert.deepEqual(format.decode(bytes(0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00)), { text: '{}', error: null })
  assert.deepEqual(format.decode(bytes(0x7b, 0xe9, 0x7d)), { text: null, error: 'err_not_utf8' })
  assert.deepEqual(format.decode(bytes(0x50, 0x4b, 0x03, 0x04, 0xff)), { text: null, error: 'err_not_text' })
})

test('decode names a workbook by its bytes: a zip whose directory names xl/workbook., whatever the file is called', () => {
  const zipOf = (name) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, ...Buffer.from(name), 0x00, 0xff]).buffer
  assert.deepEqual(format.decode(zipOf('xl/workbook.xml')), { text: null, error: 'err_workbook' })
  assert.deepEqual(format.decode(zipOf('xl/workbook.bin')), { text: null, error: 'err_workbook' })
  assert.deepEqual(format.decode(zipOf('assessment.json')), { text: null, error: 'err_not_text' }) // a zip of something else
  assert.deepEqual(format.decode(new Uint8Array(Buffer.from('{"note": "xl/workbook.xml"}')).buffer).error, null) // text naming it
})

test('sizes in bytes are grouped in threes, as mpw-static validate writes them', () => {
  assert.equal(format.grouped(10485760), '10,485,760')
  assert.equal(format.grouped(2000000), '2,000,000')
  assert.equal(format.grouped(999), '999')
  assert.equal(format.grouped(1234.5678), '1,234.5678') // a cell's number: only the whole part is grouped
  const big = format.parse('{}', data.limits.maxBytes + 1, data)
  assert.match(big.errors[0], /the file is 2,000,001 bytes, more than an assessment can be \(2,000,000\)/)
})
