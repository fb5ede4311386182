// The across-services page's pure modules: the small-number rule's pieces (programme/rule.js),
// the files gathered into one report (programme/gather.js), and the Worker's loop
// (programme/worker.js), driven here by the messages the page sends it. (The rule's pieces moved
// from a browser test, where each call went through a page.)
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load, pageData } = require('./load.js')

const MPW = load('core/dom.js', 'format/format.js', 'discuss/compare.js', 'programme/rule.js', 'programme/figures.js', 'programme/gather.js')
const { programme, programmeRule: rule, gather } = MPW
const data = pageData()

/** A saved assessment of one service, as bytes read from a file. */
function file (number, service, ratings, updated = '2025-07-10T17:00:00Z') {
  const assessment = {
    format: 'mpw-assessment',
    format_version: 2,
    framework_version: data.frameworkVersion,
    id: `0000000${number}-aaaa-4aaa-8aaa-00000000000${number}`,
    service: { name: service, organisations: 'Board A' },
    date: updated.slice(0, 10),
    review_cycle: 'Baseline',
    ratings,
    created: updated,
    updated
  }
  const bytes = new TextEncoder().encode(JSON.stringify(assessment))
  return { name: `folder/file-${number}.json`, size: bytes.length, result: { buffer: bytes.buffer } }
}

const FILES = [
  file(1, 'Alpha', { 1.1: { statement: 2 } }),
  file(2, 'Bravo', { 1.1: { statement: 2 } }),
  file(3, 'Charlie', { 1.1: { statement: 2 }, 1.2: { statement: 'n/a' } }),
  file(4, 'Delta', { 1.1: { statement: 5 } }),
  file(1, 'Alpha', { 1.1: { statement: 1 } }, '2025-07-09T17:00:00Z'), // an older copy of file 1
  { name: 'folder/cut.json', size: 10, result: { buffer: new TextEncoder().encode('{"format": ').buffer } },
  { name: 'folder/huge.json', size: 9e6, result: { error: 'too big' } }
]

function gathered (files) {
  const gathering = new gather.Gathering(data)
  for (const item of files) gathering.add(item.name, item.size, item.result)
  return gathering
}

test('files are checked, one copy of each assessment kept, and the bad ones listed with why', () => {
  const report = gathered(FILES).report()
  assert.deepEqual(report.files, { read: 7, refused: 2, replaced: 1, skipped: 0 })
  assert.equal(report.assessments, 4)
  assert.deepEqual(report.replaced, [{ id: '00000001-aaaa-4aaa-8aaa-000000000001', kept: 'folder/file-1.json', dropped: 'folder/file-1.json' }])
  assert.deepEqual(report.refused.map((item) => item.name), ['folder/cut.json', 'folder/huge.json'])
  assert.deepEqual(report.refused[1].errors, ['too big'])
  assert.deepEqual(report.refused[0].errors, [MPW.dom.fill(data.strings.err_not_json, {})])
  assert.deepEqual(report.services.map((service) => service.name), ['Alpha', 'Bravo', 'Charlie', 'Delta'])
})

test('the report holds the figures with the rule applied, and never the true counts behind them', () => {
  const report = gathered(FILES).report()
  const row = report.figures.domains[0].indicators[0].row
  // 1.1: S2 ×3 and S5 ×1 of 4 services: S5 alone is small, so S2 is held back with it.
  assert.deepEqual([1, 2, 3, 4, 5].map((level) => row.counts[level]), [0, null, 0, 0, null])
  assert.equal(JSON.stringify(report).includes('"tally"'), false)
  assert.deepEqual(structuredClone(report), report, 'plain data, as a Worker posts it')
  assert.equal(report.entries, 4)
})

test('there is one view of the files, with no choice of review cycle; the figures CSV has one row per measure', () => {
  const gathering = gathered(FILES)
  const report = gathering.report()
  assert.equal('cycles' in report || 'cycle' in report, false, 'no review cycles to choose a second view from')
  assert.deepEqual(gathering.report('Baseline'), report, 'a cycle asked for is not a view of its own')
  assert.equal(report.entries, report.services.length, 'every service, at its latest')
  const text = gather.figuresCsv(report, data)
  assert.ok(text.startsWith('\ufeff'), 'a byte order mark, so that spreadsheets read UTF-8')
  const lines = text.slice(1).trim().split('\r\n')
  assert.equal(lines[0], '"section","domain","indicator","measure","value","note"')
  assert.ok(lines.includes('"distribution","1","1.1","s2","","not shown"'), 'a held-back figure: no value, the marker')
  assert.ok(lines.includes('"overview","","","files_read","7",""'))
  assert.equal(new Set(lines.map((line) => line.split(',').slice(0, 4).join(','))).size, lines.length)
})

test('the tidy data has one row per assessment kept and indicator', () => {
  const rows = gathered(FILES).tidy().join('').trim().split('\r\n')
  assert.equal(rows.length, 1 + 4 * data.indicators.length)
})

test('holdBack: small figures are held back with others until two or more, summing to smallest − 1', () => {
  const cells = (...counts) => counts.map((count) => ({ count, from: count }))
  assert.deepEqual(rule.holdBack(cells(4, 1), 3), [true, true])
  assert.deepEqual(rule.holdBack(cells(4, 1, 2), 3), [false, true, true])
  assert.deepEqual(rule.holdBack(cells(5, 0, 3), 3), [false, false, false])
  // one service's 9 assessments are held back with the smallest other figure
  assert.deepEqual(rule.holdBack([{ count: 9, from: 1 }, { count: 6, from: 6 }, { count: 7, from: 7 }], 3), [true, true, false])
  // two 1s add up to 2: enough for smallest_group 3, not for 4, where the 5 joins them
  assert.deepEqual(rule.holdBack(cells(1, 1, 5), 3), [true, true, false])
  assert.deepEqual(rule.holdBack(cells(1, 1, 5), 4), [true, true, true])
  assert.deepEqual(rule.holdBack(cells(1, 1), 1), [false, false]) // smallest_group = 1
})

test('protectIndicator: the links between an indicator\'s groups hold back more where they would narrow a figure', () => {
  const held = (p, smallest) => {
    const found = rule.protectIndicator(p, smallest)
    return { hc: found.hc, hk: found.hk, ht: found.ht }
  }
  // N = 20: S1 2, S2 2, S3 10, N/A 5, not answered 1, and 14 with a target. Held back alone, S1, S2
  // and not answered add up to 5, but 14 targets need 14 answers at S1–S5, so not answered could
  // only be 0 or 1: the target is held back too.
  assert.deepEqual(held({ N: 20, M: 0, c: [2, 2, 10, 0, 0, 5, 1], k: null, t: 14 }, 3),
    { hc: [true, true, false, false, false, false, true], hk: null, ht: true })
  // 4 services that all moved, all at S1 now: 3 held, 1 stepped back. Held and back are held back
  // (each 0 to 4: a service now at S1 may have come down from S2).
  assert.deepEqual(held({ N: 4, M: 4, c: [4, 0, 0, 0, 0, 0, 0], k: [0, 3, 1, 0, 0], t: 0 }, 3),
    { hc: [false, false, false, false, false, false, false], hk: [false, true, true, false, false], ht: false })
  // 4 services at S5 now, 3 moved on and 1 held: nobody at S5 can have stepped back, so nothing
  // more is needed; on and held are each 0 to 4.
  assert.deepEqual(held({ N: 4, M: 4, c: [0, 0, 0, 0, 4, 0, 0], k: [3, 1, 0, 0, 0], t: 0 }, 3),
    { hc: [false, false, false, false, false, false, false], hk: [true, true, false, false, false], ht: false })
})

test('a service is known by its name and organisations, whatever their case and spacing; unnamed ones stay apart', () => {
  const key = (id, name, organisations) => programme.serviceKey({ id, service: { name, organisations } })
  assert.equal(key('x1', ' Harbour  Valley ', 'Board A'), key('x2', 'harbour valley', 'board a'))
  assert.notEqual(key('x1', 'Harbour Valley', 'Board A'), key('x3', 'Harbour Valley', 'Board B'))
  assert.notEqual(key('y1', ' ', ''), key('y2', ' ', ''))
})

/** The Worker's loop (programme/worker.js) in this process: its messages out, and a way to send it one. */
function startWorker () {
  const out = []
  globalThis.self = { MPW, postMessage: (message) => out.push(message) }
  delete require.cache[require.resolve('../../mpw_static/assets/js/programme/worker.js')]
  require('../../mpw_static/assets/js/programme/worker.js')
  const send = (message) => globalThis.self.onmessage({ data: message })
  return { out, send }
}

test('the Worker checks the batches it is handed in order, and reports what the page would work out itself', async () => {
  const { out, send } = startWorker()
  send({ type: 'start', data })
  assert.deepEqual(out.splice(0), [{ type: 'ready' }])
  send({ type: 'load', skipped: 2 })
  send({ type: 'files', items: FILES.slice(0, 3).map((item) => ({ ...item })), last: false })
  send({ type: 'files', items: FILES.slice(3).map((item) => ({ ...item })), last: true })
  const [first, second, loaded] = out.splice(0)
  assert.deepEqual([first, second], [{ type: 'checked', done: 3 }, { type: 'checked', done: 7 }])
  const expected = gathered(FILES)
  expected.skip(2)
  assert.deepEqual(loaded, { type: 'loaded', report: expected.report() })

  send({ type: 'tidy', id: 8 })
  const [tidy] = out.splice(0)
  assert.equal(tidy.id, 8)
  assert.deepEqual(Buffer.from(await tidy.blob.arrayBuffer()), Buffer.from(expected.tidy().join(''))) // its byte order mark too
  send({ type: 'clear' })
  send({ type: 'load', skipped: 0 })
  send({ type: 'files', items: [], last: true })
  assert.equal(out.splice(0).pop().report.assessments, 0, 'cleared: nothing kept')
})

test('within a long batch the Worker says how many files it has checked at least every 50 ms', (context) => {
  const { out, send } = startWorker()
  send({ type: 'start', data })
  send({ type: 'load', skipped: 0 })
  let clock = 0
  context.mock.method(performance, 'now', () => (clock += 20)) // each look at the clock: 20 ms later
  send({ type: 'files', items: FILES.map((item) => ({ ...item })), last: false })
  context.mock.restoreAll()
  const said = out.splice(0).filter((message) => message.type === 'checked').map((message) => message.done)
  assert.ok(said.length > 2, JSON.stringify(said))
  assert.deepEqual(said, [...said].sort((a, b) => a - b))
  assert.equal(said[said.length - 1], FILES.length, 'and once the batch is done')
})

test('a message the Worker cannot handle is answered with why, and the Worker goes on', () => {
  const { out, send } = startWorker()
  send({ type: 'start', data })
  out.splice(0)
  send({ type: 'files', items: [], last: true }) // files before any load
  const [failed] = out.splice(0)
  assert.equal(failed.type, 'failed')
  assert.match(failed.message, /null|undefined/)
  send({ type: 'load', skipped: 0 })
  send({ type: 'files', items: [], last: true })
  assert.equal(out.splice(0).pop().report.assessments, 0)
})
