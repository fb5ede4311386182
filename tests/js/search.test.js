// The search box's text rules (search/search.js): how words are indexed, which words are marked,
// which part of a long text is shown, and what the status line says.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load } = require('./load.js')

const { search } = load('core/dom.js', 'search/search.js')

test('a plural is indexed as its singular, but "ss" and short words stay', () => {
  assert.deepEqual(['Carers', 'services', 'process', 'its', 'was', 'Wales'].map(search.normalise),
    ['carer', 'service', 'process', 'its', 'was', 'wale'])
})

test('the words that matched are marked, in their own spelling', () => {
  assert.deepEqual(search.pieces('Carers and the carer’s role', { carer: true }), [
    { text: 'Carers', marked: true },
    { text: ' and the ', marked: false },
    { text: 'carer', marked: true },
    { text: '’s role', marked: false }
  ])
  assert.deepEqual(search.pieces('nothing here', { carer: true }), [{ text: 'nothing here', marked: false }])
})

test('a long text is cut around its first match, at spaces', () => {
  const words = Array.from({ length: 80 }, (_, n) => 'word' + n)
  words[40] = 'governance'
  const text = words.join(' ')
  const cut = search.snippet(text, { governance: true })
  assert.ok(cut.startsWith('…') && cut.endsWith('…'), cut)
  assert.ok(cut.includes('governance'))
  assert.ok(Array.from(cut).length <= 182, cut.length)
  assert.ok(!/ …$|^… /.test(cut), 'cut at a space, the space left out')
  assert.equal(search.snippet('short text', {}), 'short text')
  assert.ok(search.snippet(text, {}).startsWith('word0 '), 'no match: the start')
})

test('the status line counts results, naming the query when there are none', () => {
  const strings = { none: 'No results for “{query}”.', one: '1 result.', many: '{n} results.', first: 'The first {shown} of {n} results.' }
  assert.equal(search.statusText(strings, 'xyz', 0), 'No results for “xyz”.')
  assert.equal(search.statusText(strings, 'care', 1), '1 result.')
  assert.equal(search.statusText(strings, 'care', 7), '7 results.')
  assert.equal(search.statusText(strings, 'care', 21), 'The first 20 of 21 results.')
})
