/**
 * "Download as Excel": the assessment on screen as the site's own workbook, filled in. The build
 * gives the page its blank workbook (static/excel/<language>.js, from mpw_static/workbook.py), and
 * this fills in the input cells its layout names, each of which the blank holds as a styled, empty
 * <c r="I5" s="6"/>: a word from a drop-down list or text as a shared string, a date as Excel's day
 * number in its date-formatted cell. Nothing else is changed: the formulas of the Profile and Plan
 * sheets hold no results, so Excel and LibreOffice work them out when the workbook is opened.
 *
 * Pure: nothing here touches the page.
 */
(function (MPW) {
  'use strict'

  var cells = MPW.workbookCells
  var XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  var ZIP_DATE = new Date(1980, 0, 1) // the zip's own date for each part, as XlsxWriter writes it

  /** The word a drop-down list shows for a value of the file, or null (workbook_cells.word_for). */
  function wordFor (layout, choice, value) {
    if (value === null || value === undefined) return null
    var found = layout.choices[choice].filter(function (pair) { return pair[1] === value })[0]
    return found ? found[0] : null
  }

  /** The blank workbook's bytes, from the build's base64. */
  function blankBytes (book) {
    var text = atob(book.blank)
    var bytes = new Uint8Array(text.length)
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
    return bytes
  }

  /**
   * What goes into each input cell, by sheet: {sheet name: {cell: {text} or {day}}}. Only cells the
   * layout names, and only those with something in them.
   * @param {Object} assessment - a checked assessment
   * @param {Object} layout - the workbook's layout in the page's language
   */
  function fills (assessment, layout) {
    var filled = {}
    var put = function (sheet, cell, value) {
      var empty = !value || (!value.day && (value.text === '' || value.text === null || value.text === undefined))
      if (empty) return
      (filled[sheet] = filled[sheet] || {})[cell] = value
    }
    var details = layout.sheets.details
    Object.keys(layout.details).forEach(function (name) {
      put(details, layout.details[name], detailValue(name, layout.detail_kinds[name], assessment, layout))
    })
    layout.domains.forEach(function (domain) {
      domain.indicators.forEach(function (row) {
        var rating = assessment.ratings[row.id]
        if (!rating) return
        Object.keys(row.cells).forEach(function (name) {
          put(domain.sheet, row.cells[name], ratingValue(name, rating[name], layout))
        })
      })
      var notes = assessment.domains[String(domain.number)]
      if (!notes) return
      Object.keys(domain.cells).forEach(function (name) {
        var value = name === 'priority' ? (notes.priority ? wordFor(layout, 'yes_no', true) : null) : notes[name]
        put(domain.sheet, domain.cells[name], { text: value })
      })
    })
    return filled
  }

  /** A Details cell's value, as workbook_write.detail_value writes it. */
  function detailValue (name, kind, assessment, layout) {
    if (name === 'name' || name === 'organisations' || name === 'participants') return { text: assessment.service[name] }
    if (kind === 'yes_no') {
      var purpose = name.replace(/^purpose_/, '')
      return { text: assessment.purposes.indexOf(purpose) !== -1 ? wordFor(layout, 'yes_no', true) : null }
    }
    if (kind === 'method') return { text: wordFor(layout, 'method', assessment.method) }
    if (kind === 'date') return assessment.date ? { day: assessment.date } : null
    if (name === 'created') return { text: cells.pythonTime(assessment.created) }
    return { text: assessment[name] }
  }

  /** A rating's cell: a word for a statement, evidence level or target; a date; or text. */
  function ratingValue (name, value, layout) {
    if (name === 'statement' || name === 'evidence' || name === 'target') return { text: wordFor(layout, name, value) }
    if (name === 'due_date') return value ? { day: value } : null
    return { text: value }
  }

  /**
   * The workbook's shared strings, to which the text of the filled cells is added: Excel, openpyxl
   * and LibreOffice read a shared string alike, escapes and all, as they read XlsxWriter's own.
   */
  function SharedStrings (xml) {
    var match = /<sst [^>]*count="([0-9]+)" uniqueCount="([0-9]+)"/.exec(xml)
    if (!match) throw new Error('mpw-assessment excel: the blank workbook has no shared strings to add to')
    this.xml = xml
    this.count = Number(match[1])
    this.unique = Number(match[2])
    this.added = []
  }

  /** The index of a new string. */
  SharedStrings.prototype.add = function (text) {
    this.added.push('<si><t xml:space="preserve">' + cells.escapeText(text) + '</t></si>')
    return this.unique + this.added.length - 1
  }

  SharedStrings.prototype.toXml = function () {
    var n = this.added.length
    return this.xml
      .replace(/(<sst [^>]*)count="[0-9]+" uniqueCount="[0-9]+"/, '$1count="' + (this.count + n) + '" uniqueCount="' + (this.unique + n) + '"')
      .replace('</sst>', this.added.join('') + '</sst>')
  }

  /** One filled cell's XML, keeping the blank cell's style: a date's day number, or a shared string. */
  function cellXml (cell, style, value, epoch, strings) {
    if (value.day) return '<c r="' + cell + '"' + style + '><v>' + cells.dayNumber(value.day, epoch) + '</v></c>'
    return '<c r="' + cell + '"' + style + ' t="s"><v>' + strings.add(String(value.text)) + '</v></c>'
  }

  /**
   * A sheet's XML with its blank input cells filled in. A cell to fill that the blank does not hold
   * as an empty cell is a fault in the build's data, not something to skip quietly.
   */
  function fillSheet (xml, values, epoch, sheet, strings) {
    var done = 0
    var filledXml = xml.replace(/<c r="([A-Z]+[0-9]+)"( s="[0-9]+")?\/>/g, function (blank, cell, style) {
      if (!Object.prototype.hasOwnProperty.call(values, cell)) return blank
      done += 1
      return cellXml(cell, style || '', values[cell], epoch, strings)
    })
    var wanted = Object.keys(values).length
    if (done !== wanted) throw new Error('mpw-assessment excel: the blank workbook has ' + done + ' of the ' + wanted + ' empty cells to fill on the sheet ' + sheet)
    return filledXml
  }

  /** Each sheet's part in the zip, by sheet name, from the workbook's list of sheets and its relationships. */
  function sheetParts (parts, text) {
    var targets = {}
    text(parts['xl/_rels/workbook.xml.rels']).replace(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g, function (all, id, target) {
      targets[id] = target.charAt(0) === '/' ? target.slice(1) : 'xl/' + target
    })
    var found = {}
    text(parts['xl/workbook.xml']).replace(/<sheet name="([^"]*)" sheetId="[0-9]+" r:id="([^"]+)"\/>/g, function (all, name, id) {
      found[name.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')] = targets[id]
    })
    return found
  }

  /**
   * The assessment as a filled workbook.
   * @param {Object} assessment - a checked assessment
   * @param {Object} book - the build's Excel data (MPW.workbookData)
   * @returns {Uint8Array} the .xlsx file's bytes
   */
  function workbook (assessment, book) {
    var zip = cells.zipLibrary()
    var layout = book.layouts[book.language]
    var parts = zip.unzipSync(blankBytes(book))
    var text = function (bytes) { return zip.strFromU8(bytes) }
    var where = sheetParts(parts, text)
    var filled = fills(assessment, layout)
    var strings = new SharedStrings(text(parts['xl/sharedStrings.xml']))
    Object.keys(filled).forEach(function (sheet) {
      var part = where[sheet]
      parts[part] = zip.strToU8(fillSheet(text(parts[part]), filled[sheet], book.dates.excelEpoch, sheet, strings))
    })
    parts['xl/sharedStrings.xml'] = zip.strToU8(strings.toXml())
    // When it was made and last changed, as the assessment says; the reader takes "last changed"
    // as the time of the copy, to tell which of two copies is newer.
    parts['docProps/core.xml'] = zip.strToU8(text(parts['docProps/core.xml'])
      .replace(/(<dcterms:created [^>]*>)[^<]*/, '$1' + zoneless(assessment.created))
      .replace(/(<dcterms:modified [^>]*>)[^<]*/, '$1' + zoneless(assessment.updated)))
    return zip.zipSync(parts, { level: 6, mtime: ZIP_DATE })
  }

  /** A time as the workbook's properties hold it: UTC, with a Z, to the millisecond as the page keeps it. */
  function zoneless (iso) {
    var date = new Date(iso)
    return isNaN(date) ? iso : date.toISOString()
  }

  MPW.workbookWrite = { workbook: workbook, fills: fills, XLSX_TYPE: XLSX_TYPE }
  if (typeof module === 'object' && module.exports) module.exports = MPW.workbookWrite
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
