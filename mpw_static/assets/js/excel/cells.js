/**
 * The Excel workbook's cells, as the page's writer and reader (excel/write.js, excel/read.js) both
 * need them: cell addresses, Excel's day numbers, text as a cell holds it, and the zip library.
 * They follow what the Python side does with XlsxWriter and openpyxl (mpw_static/workbook_*.py), so
 * that a workbook the page writes reads the same in openpyxl, cell by cell, as one the command writes.
 *
 * Pure: nothing here touches the page, and Node loads it too.
 */
(function (MPW) {
  'use strict'

  var DAY = 86400000 // milliseconds in a day

  /** fflate, the vendored zip library (static/vendor/fflate.js), which attaches itself as a global. */
  function zipLibrary () {
    var zip = (typeof window === 'object' ? window : globalThis).fflate
    if (!zip) throw new Error('mpw-assessment excel: the zip library (static/vendor/fflate.js) is not loaded')
    return zip
  }

  /** "I17" -> {column: "I", row: 17}; null for anything else. */
  function split (cell) {
    var match = /^([A-Z]{1,3})([0-9]+)$/.exec(cell)
    return match ? { column: match[1], row: Number(match[2]) } : null
  }

  /** "A" -> 1, "P" -> 16, "AA" -> 27. */
  function columnNumber (column) {
    var number = 0
    for (var i = 0; i < column.length; i++) number = number * 26 + column.charCodeAt(i) - 64
    return number
  }

  /** Milliseconds since 1970 of a YYYY-MM-DD day at midnight UTC, for any year from 1 to 9999. */
  function utcDay (isoDay) {
    var parts = isoDay.split('-').map(Number)
    var date = new Date(Date.UTC(2000, parts[1] - 1, parts[2]))
    date.setUTCFullYear(parts[0]) // Date.UTC reads years below 100 as 19xx
    return date.getTime()
  }

  /** A day in milliseconds as YYYY-MM-DD, the year in four digits. */
  function isoDayOf (time) {
    var date = new Date(time)
    var pad = function (n, width) { return ('000' + n).slice(-width) }
    return pad(date.getUTCFullYear(), 4) + '-' + pad(date.getUTCMonth() + 1, 2) + '-' + pad(date.getUTCDate(), 2)
  }

  /**
   * A calendar day as Excel's day number, as XlsxWriter writes a date: days since the epoch
   * (1899-12-30), less one up to 28 February 1900, which Excel counts as if 1900 were a leap year;
   * 1 January 1900 is written as day 0, as XlsxWriter does.
   * @param {string} isoDay - YYYY-MM-DD
   * @param {string} epoch - YYYY-MM-DD (workbook_cells.EXCEL_EPOCH, from the build)
   */
  function dayNumber (isoDay, epoch) {
    var days = Math.round((utcDay(isoDay) - utcDay(epoch)) / DAY)
    if (isoDay === '1900-01-01') return 0
    return days <= 60 ? days - 1 : days
  }

  /**
   * Excel's date number as openpyxl reads it: {day: YYYY-MM-DD, time: HH:MM:SS[.mmm000] or ''}, or
   * null for a time of day alone (below 1) and for a number past the calendar.
   * @param {number} value
   * @param {boolean} date1904 - the workbook counts from 1904 (Excel for Mac's old epoch)
   * @param {string} epoch - YYYY-MM-DD, the 1900 system's day 0 (1899-12-30)
   */
  function dateOf (value, date1904, epoch) {
    var day = Math.floor(value)
    var milliseconds = Math.round((value - day) * DAY)
    if (value >= 0 && value < 1 && milliseconds < DAY) return null
    if (!date1904 && value > 0 && value < 60) day += 1
    var time = utcDay(date1904 ? '1904-01-01' : epoch) + day * DAY + milliseconds
    var date = new Date(time)
    if (isNaN(date) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) return null
    var clock = date.toISOString().slice(11, 23)
    var shown = clock.slice(0, 8) + (clock.slice(9) === '000' ? '' : clock.slice(8) + '000')
    return { day: isoDayOf(time), time: clock === '00:00:00.000' ? '' : shown }
  }

  /**
   * Text as a cell holds it, as XlsxWriter writes it: Excel's own _xHHHH_ escape for control
   * characters (and for text that looks like one), then XML's escapes.
   */
  function escapeText (text) {
    return text
      .replace(/(_x[0-9a-fA-F]{4}_)/g, '_x005F$1')
      .replace(/[\u0000-\u0008\u000b-\u001f]/g, function (character) {
        return '_x' + ('000' + character.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + '_'
      })
      .replace(/\ufffe/g, '_xFFFE_').replace(/\uffff/g, '_xFFFF_')
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  }

  /**
   * A date and time as Python writes it (datetime.isoformat): microseconds in six digits when there
   * are any, and UTC as Z, as the workbook's "first created" cell holds it.
   * @param {string} text - a date and time the format accepts, such as 2026-06-01T09:00:00.120Z
   */
  function pythonTime (text) {
    var match = /^([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.([0-9]+))?(Z|[+-][0-9]{2}:[0-9]{2})?$/i.exec(text)
    if (!match) return text
    var fraction = (match[2] || '').slice(0, 6)
    fraction = /[1-9]/.test(fraction) ? '.' + (fraction + '00000').slice(0, 6) : ''
    var zone = !match[3] ? '' : /^(z|[+-]00:00)$/i.test(match[3]) ? 'Z' : match[3]
    return match[1].replace(/t/i, 'T') + fraction + zone
  }

  MPW.workbookCells = {
    zipLibrary: zipLibrary,
    split: split,
    columnNumber: columnNumber,
    dayNumber: dayNumber,
    dateOf: dateOf,
    escapeText: escapeText,
    pythonTime: pythonTime
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.workbookCells
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
