// The Excel workbook's cells (excel/cells.js), against what XlsxWriter writes and openpyxl reads:
// the figures below were worked out by those libraries (xlsxwriter.utility._datetime_to_excel_datetime,
// openpyxl.utils.datetime.from_excel) for the same days and numbers.
'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { load } = require('./load.js')

const { workbookCells: cells } = load('excel/cells.js')
const EPOCH = '1899-12-30' // workbook_cells.EXCEL_EPOCH

test('a day is the number XlsxWriter writes for it, 1900 leap-year bug and all', () => {
  const written = {
    '2027-03-31': 46477,
    '2026-06-01': 46174,
    '1900-01-01': 0,
    '1900-02-28': 59,
    '1900-03-01': 61,
    '1899-12-30': -1,
    '1899-12-29': -2,
    '9999-12-31': 2958465,
    '0001-01-01': -693594
  }
  for (const [day, number] of Object.entries(written)) assert.equal(cells.dayNumber(day, EPOCH), number, day)
})

test('a number in a date cell is the day openpyxl reads, with its time of day', () => {
  const read = {
    46477: { day: '2027-03-31', time: '' },
    1: { day: '1900-01-01', time: '' },
    59: { day: '1900-02-28', time: '' },
    60: { day: '1900-02-28', time: '' },
    61: { day: '1900-03-01', time: '' },
    '-1': { day: '1899-12-29', time: '' },
    2958465: { day: '9999-12-31', time: '' },
    46477.5: { day: '2027-03-31', time: '12:00:00' }
  }
  for (const [number, date] of Object.entries(read)) assert.deepEqual(cells.dateOf(Number(number), false, EPOCH), date, number)
  assert.equal(cells.dateOf(0.25, false, EPOCH), null) // a time of day alone is not a date
  assert.equal(cells.dateOf(3e6, false, EPOCH), null) // past the year 9999
  assert.deepEqual(cells.dateOf(44000, true, EPOCH), { day: '2024-06-19', time: '' }) // Excel for Mac's old date system
})

test('text is escaped for XML and for Excel, as XlsxWriter escapes it', () => {
  assert.equal(cells.escapeText('<b> & "q"'), '&lt;b&gt; &amp; "q"')
  assert.equal(cells.escapeText('a\u0001b\rc\td\ne'), 'a_x0001_b_x000D_c\td\ne') // tab and line feed are XML's own
  assert.equal(cells.escapeText('_x0041_ stays as typed'), '_x005F_x0041_ stays as typed')
  assert.equal(cells.escapeText('\uffff'), '_xFFFF_')
})

test('a time is written as Python writes it, for the workbook\'s "first created" cell', () => {
  assert.equal(cells.pythonTime('2026-06-01T09:00:00Z'), '2026-06-01T09:00:00Z')
  assert.equal(cells.pythonTime('2026-06-01T09:00:00.120Z'), '2026-06-01T09:00:00.120000Z')
  assert.equal(cells.pythonTime('2026-06-01T09:00:00.000Z'), '2026-06-01T09:00:00Z')
  assert.equal(cells.pythonTime('2026-06-01T09:00:00+00:00'), '2026-06-01T09:00:00Z')
  assert.equal(cells.pythonTime('2026-06-01T10:00:00+01:00'), '2026-06-01T10:00:00+01:00')
})

test('cell addresses split and count as the layout writes them', () => {
  assert.deepEqual(cells.split('I17'), { column: 'I', row: 17 })
  assert.equal(cells.split('i17'), null)
  assert.deepEqual([cells.columnNumber('A'), cells.columnNumber('P'), cells.columnNumber('AA')], [1, 16, 27])
})
