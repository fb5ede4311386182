// The shared helpers of core/dom.js: catalogue text, plurals in English and Welsh, shortened text, dates.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load } = require('./load.js')

const { dom } = load('core/dom.js')

test('fill puts values in their placeholders and leaves unknown ones', () => {
  assert.equal(dom.fill('{n} of {total} answered', { n: 3, total: 45 }), '3 of 45 answered')
  assert.equal(dom.fill('Saved {time} by {who}', { time: '14:43' }), 'Saved 14:43 by {who}')
  assert.equal(dom.fill('{constructor}', {}), '{constructor}') // only the values' own keys
})

const FILES = { files_zero: 'dim ffeiliau', files_one: '{n} ffeil', files_two: '{n} ffeil (dau)', files_few: '{n} ffeil (ychydig)', files_many: '{n} ffeil (llawer)', files_other: '{n} ffeil (eraill)' }

test('plural picks each Welsh form and falls back to _other', () => {
  const forms = [0, 1, 2, 3, 6, 7].map((n) => dom.plural(FILES, 'files', n, 'cy'))
  assert.deepEqual(forms, ['dim ffeiliau', '1 ffeil', '2 ffeil (dau)', '3 ffeil (ychydig)', '6 ffeil (llawer)', '7 ffeil (eraill)'])
  assert.equal(dom.plural({ x_other: '{n} things' }, 'x', 1, 'en'), '1 things')
  assert.equal(dom.plural({ x_one: 'one {what}', x_other: '{n} {what}s' }, 'x', 1, 'en', { what: 'file' }), 'one file')
  assert.equal(dom.plural({ x_other: '{n} things' }, 'x', 2, 'not a locale!'), '2 things')
})

test('shorten counts code points as Python does and marks the cut', () => {
  assert.equal(dom.shorten('short', 80), 'short')
  assert.equal(dom.shorten('abcdef', 4), 'abc…')
  assert.equal(dom.shorten('😀😀😀😀😀', 4), '😀😀😀…') // never half an emoji
})

test('day and time write the page language\'s way, whatever the machine\'s', () => {
  assert.equal(dom.day('2026-03-02', 'en-GB'), '02/03/2026')
  assert.equal(dom.day('2026-03-02', 'cy-GB'), '02/03/2026')
  assert.equal(dom.day('0050-01-15', 'en-GB'), '15/01/50') // the year 50, not 1950
  assert.equal(dom.day('not a day', 'en-GB'), 'not a day')
  assert.match(dom.time('2026-11-23T14:43:00Z', 'en-GB'), /^23\/11\/2026, \d\d:43$/)
  assert.match(dom.time('2026-11-23T14:43:00Z', 'cy-GB'), /^23\/11\/2026, \d\d:43$/) // four digits, as its days
  assert.equal(dom.time('soon', 'en-GB'), 'soon')
  assert.equal(dom.locale('xx-invalid-locale-that-is-long'), 'en-GB')
})

test('today is a calendar day in YYYY-MM-DD', () => {
  assert.match(dom.today(), /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
})
