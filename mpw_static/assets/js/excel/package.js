/**
 * A workbook as a package: the zip and the XML parts inside it, read as `mpw-static import` reads
 * them (mpw_static/workbook_package.py for the zip, openpyxl for the cells). The reader
 * (excel/read.js) asks it for sheets and their cells; this knows nothing of the matrix's layout.
 *
 * - check(): refuse what is not a plain .xlsx from the zip's central directory alone, before
 *   anything is inflated: its parts, what they say they unpack to (the build's stated limits), no
 *   macros, no links to other files;
 * - open(): the sheets, the shared strings, which styles are dates, when it was last saved;
 * - values(sheet, rows, columns): one sheet's cells, only as far as asked. Each part is inflated
 *   only when needed, and no further than the size the zip states for it, then parsed with
 *   DOMParser (on the page's thread: a Worker cannot start on file:// under the page's policy).
 *
 * Pure: it reads bytes; nothing here touches the page.
 */
(function (MPW) {
  'use strict'

  var cells = MPW.workbookCells
  var MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  var RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
  var PACKAGE = 'http://schemas.openxmlformats.org/package/2006/relationships'
  var TERMS = 'http://purl.org/dc/terms/'
  // Excel's built-in number formats that are dates or times, as openpyxl reads them (styles/numbers.py).
  var BUILTIN_DATES = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]

  /**
   * The workbook is refused for the reason the catalogue calls js_excel_<key>, with the fix
   * js_excel_hint_<hint>; values fill their {placeholders}.
   */
  function Refusal (key, values, hint) {
    this.key = key
    this.values = values || {}
    this.hint = hint
  }

  /** Raised where openpyxl would fail: the workbook is refused as damaged. */
  function Damaged (why) {
    this.message = why
  }

  /** The child elements of $parent with this name in the workbook's namespace. */
  function children ($parent, name) {
    var found = []
    for (var $node = $parent.firstElementChild; $node; $node = $node.nextElementSibling) {
      if ($node.localName === name && $node.namespaceURI === MAIN) found.push($node)
    }
    return found
  }

  function child ($parent, name) {
    return children($parent, name)[0] || null
  }

  /** A string item's text, as openpyxl reads it: its own <t>, then each run's <t>; not its phonetic runs. */
  function richText ($item) {
    var text = ''
    for (var $node = $item.firstElementChild; $node; $node = $node.nextElementSibling) {
      if ($node.namespaceURI !== MAIN) continue
      if ($node.localName === 't') text += $node.textContent
      else if ($node.localName === 'r' && child($node, 't')) text += child($node, 't').textContent
    }
    return text
  }

  /** Whether a number format is a date or a time, as openpyxl decides (is_date_format). */
  function isDateFormat (code) {
    var first = String(code).split(';')[0].replace(/".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]/g, '')
    return /(^|[^_\\])[dmhysDMHYS]/.test(first)
  }

  /**
   * A cell's value as the text a person sees, as workbook_read.text_of writes it: 3 not 3.0, TRUE,
   * a date as 2027-03-31; '' for no value.
   * @param {({kind: string, value: *}|null)} value
   */
  function textOf (value) {
    if (!value) return ''
    if (value.kind === 'bool') return value.value ? 'TRUE' : 'FALSE'
    if (value.kind === 'number') {
      return Number.isInteger(value.value) && Math.abs(value.value) < 1e21 ? value.value.toFixed(0) : String(value.value)
    }
    if (value.kind === 'date') return value.value.day + (value.value.time ? 'T' + value.value.time : '')
    return String(value.value)
  }

  // The pieces of an XML document: a start, end or empty tag (its name, and its attributes, each
  // quoted), a declaration, a comment or CDATA, or text. Sticky: each is looked for only where the
  // last one ended, so that a damaged part is given up at once, not searched to its end.
  var PIECE = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|([^<]+)/y
  var LOOSE_AMPERSAND = /&(?![A-Za-z_][\w.-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/

  /**
   * Whether a part is well-formed enough to hand to DOMParser: every tag closed in order, no stray
   * "<" or "&". One that is not is refused here: DOMParser would report it with a styled error
   * element, which the page's policy (no inline styles) blocks, and logs.
   */
  function wellFormed (text) {
    var open = []
    var elements = 0
    var at = 0
    PIECE.lastIndex = 0
    for (var match = PIECE.exec(text); match !== null; match = PIECE.exec(text)) {
      at = PIECE.lastIndex
      if (LOOSE_AMPERSAND.test(match[5] || match[3] || '')) return false
      if (!match[2]) continue
      if (match[1]) {
        if (open.pop() !== match[2]) return false
      } else {
        elements += 1
        if (!match[4]) open.push(match[2])
      }
    }
    return at === text.length && open.length === 0 && elements > 0
  }

  /** A part's path from a relationship's target, relative to the folder of the part that names it. */
  function partPath (folder, target) {
    if (target.charAt(0) === '/') return target.slice(1)
    var path = folder.split('/').filter(Boolean)
    target.split('/').forEach(function (step) {
      if (step === '..') path.pop()
      else if (step && step !== '.') path.push(step)
    })
    return path.join('/')
  }

  function columnLetters (number) {
    var letters = ''
    for (; number > 0; number = Math.floor((number - 1) / 26)) letters = String.fromCharCode(65 + (number - 1) % 26) + letters
    return letters
  }

  /**
   * @param {Uint8Array} bytes - the file
   * @param {Object} book - the build's Excel data (MPW.workbookData): its limits and Excel's epoch
   * @constructor
   */
  function Package (bytes, book) {
    this.bytes = bytes
    this.book = book
    this.zip = cells.zipLibrary()
    this.names = []
    this.documents = {}
  }

  /** Refuse what is not a plain .xlsx from the zip's central directory alone (workbook_package.check_package). */
  Package.prototype.check = function () {
    var limits = this.book.limits
    var bytes = this.bytes
    if (limits.oleSignature.every(function (byte, i) { return bytes[i] === byte })) throw new Refusal('old_excel', {}, 'save_as')
    var parts = []
    try {
      this.zip.unzipSync(bytes, { filter: function (part) { parts.push(part); return false } }) // lists; inflates nothing
    } catch (error) {
      throw new Refusal('not_zip', {}, 'use_ours')
    }
    if (parts.length > limits.maxParts) throw new Refusal('parts', { parts: parts.length, limit: limits.maxParts }, 'use_ours')
    var unpacked = parts.reduce(function (sum, part) { return sum + part.originalSize }, 0)
    if (unpacked > limits.maxUnpackedBytes) throw new Refusal('unpacked', { size: unpacked, limit: limits.maxUnpackedBytes }, 'use_ours')
    var names = parts.map(function (part) { return part.name.toLowerCase() })
    if (names.some(function (name) { return /vbaproject\.bin$/.test(name) })) throw new Refusal('macros', {}, 'macros')
    if (names.some(function (name) { return name.indexOf('xl/externallinks/') === 0 })) throw new Refusal('external', {}, 'external')
    if (names.indexOf('[content_types].xml') === -1 || names.indexOf('xl/workbook.xml') === -1) throw new Refusal('not_workbook', {}, 'use_ours')
    this.names = parts.map(function (part) { return part.name })
  }

  /** One part's XML as a document (each part read once), or null if the zip has no such part. */
  Package.prototype.xml = function (name) {
    if (!Object.prototype.hasOwnProperty.call(this.documents, name)) {
      var found = this.zip.unzipSync(this.bytes, { filter: function (part) { return part.name === name } })[name]
      this.documents[name] = found ? parse(found) : null
    }
    return this.documents[name]
  }

  /** XML bytes as a document; a part that is not well-formed XML, or declares a document type, is damage. */
  function parse (bytes) {
    var encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8'
    var text = new TextDecoder(encoding, { fatal: true }).decode(bytes)
    // No part of a workbook declares a document type; one that does may hold an entity bomb.
    if (/<!DOCTYPE/i.test(text)) throw new Damaged('a document type declaration')
    if (!wellFormed(text)) throw new Damaged('not well-formed XML')
    var doc = new DOMParser().parseFromString(text, 'application/xml')
    if (doc.getElementsByTagName('parsererror').length) throw new Damaged('not well-formed XML')
    return doc
  }

  /**
   * Read the workbook's list of sheets (this.sheets: name, part, whether it is a worksheet), its
   * shared strings, its date styles, its date system and when it was last saved (this.modified).
   */
  Package.prototype.open = function () {
    var name = this.names.filter(function (part) { return part.toLowerCase() === 'xl/workbook.xml' })[0]
    var workbook = this.xml(name)
    var rels = this.xml(name.replace(/workbook\.xml$/i, '_rels/workbook.xml.rels'))
    if (!workbook || !rels) throw new Damaged('no workbook, or no list of its parts')
    var targets = {}
    Array.prototype.forEach.call(rels.getElementsByTagNameNS(PACKAGE, 'Relationship'), function ($rel) {
      targets[$rel.getAttribute('Id')] = { path: partPath('xl', $rel.getAttribute('Target') || ''), type: $rel.getAttribute('Type') || '' }
    })
    var ofType = function (type) {
      var id = Object.keys(targets).filter(function (key) { return targets[key].type.split('/').pop() === type })[0]
      return id ? targets[id].path : null
    }
    this.sheets = Array.prototype.map.call(workbook.getElementsByTagNameNS(MAIN, 'sheet'), function ($sheet) {
      var target = targets[$sheet.getAttributeNS(RELATIONSHIPS, 'id')] || { path: '', type: '' }
      return { name: $sheet.getAttribute('name'), path: target.path, worksheet: target.type.split('/').pop() === 'worksheet' }
    })
    var $properties = child(workbook.documentElement, 'workbookPr')
    this.date1904 = Boolean($properties) && /^(1|true)$/.test($properties.getAttribute('date1904') || '')
    var shared = ofType('sharedStrings') && this.xml(ofType('sharedStrings'))
    // As openpyxl reads them (reader/strings.py), escaped underscores and all.
    this.shared = shared ? Array.prototype.map.call(shared.getElementsByTagNameNS(MAIN, 'si'), function ($item) {
      return richText($item).replace(/x005F_/g, '')
    }) : []
    var styles = ofType('styles') && this.xml(ofType('styles'))
    this.dateStyles = styles ? dateStylesOf(styles) : {}
    var core = this.xml('docProps/core.xml')
    var $modified = core && core.getElementsByTagNameNS(TERMS, 'modified')[0]
    var modified = $modified ? new Date($modified.textContent.trim()) : null
    this.modified = modified && !isNaN(modified) ? modified.toISOString() : null
  }

  /** The cell styles (by index) whose number format is a date, as openpyxl finds them. */
  function dateStylesOf (doc) {
    var custom = {}
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(MAIN, 'numFmt'), function ($format) {
      custom[$format.getAttribute('numFmtId')] = $format.getAttribute('formatCode') || ''
    })
    var $cellXfs = doc.getElementsByTagNameNS(MAIN, 'cellXfs')[0]
    var dates = {}
    if (!$cellXfs) return dates
    children($cellXfs, 'xf').forEach(function ($xf, index) {
      var id = $xf.getAttribute('numFmtId') || '0'
      if (Object.prototype.hasOwnProperty.call(custom, id) ? isDateFormat(custom[id]) : BUILTIN_DATES.indexOf(Number(id)) !== -1) dates[index] = true
    })
    return dates
  }

  /**
   * A sheet's non-empty cells within its first `rows` rows and `columns` columns, by address
   * (workbook_read.sheet_values), each as {kind, value}: text, number, bool, date, time, formula
   * or error.
   * @param {{path: string}} sheet - one of this.sheets
   */
  Package.prototype.values = function (sheet, rows, columns) {
    var found = {}
    var doc = this.xml(sheet.path)
    if (!doc) return found
    var rowNumber = 0
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(MAIN, 'row'), function ($row) {
      rowNumber = $row.hasAttribute('r') ? Number($row.getAttribute('r')) : rowNumber + 1
      var column = 0
      children($row, 'c').forEach(function ($cell) {
        var place = cells.split(($cell.getAttribute('r') || '').toUpperCase())
        var row = place ? place.row : rowNumber
        column = place ? cells.columnNumber(place.column) : column + 1
        if (row > rows || column > columns) return
        var value = this.cellValue($cell)
        if (value === null || (value.kind === 'text' && value.value === '')) return
        found[columnLetters(column) + row] = value
      }, this)
    }, this)
    return found
  }

  /** One cell's value as openpyxl reads it (worksheet/_reader.py, parse_cell), or null for none. */
  Package.prototype.cellValue = function ($cell) {
    var type = $cell.getAttribute('t') || 'n'
    var $formula = child($cell, 'f')
    if ($formula) return { kind: 'formula', value: '=' + $formula.textContent }
    if (type === 'inlineStr') {
      var $inline = child($cell, 'is')
      return $inline ? { kind: 'text', value: richText($inline) } : null
    }
    var $value = child($cell, 'v')
    var raw = $value ? $value.textContent : ''
    if (raw === '') return null
    if (type === 'n') return this.number(raw, $cell.getAttribute('s'))
    if (type === 's') {
      var index = /^\s*[0-9]+\s*$/.test(raw) ? Number(raw) : -1
      if (index < 0 || index >= this.shared.length) throw new Damaged('no shared string ' + raw)
      return { kind: 'text', value: this.shared[index] }
    }
    if (type === 'b') {
      if (!/^\s*[+-]?[0-9]+\s*$/.test(raw)) throw new Damaged('not a yes or no: ' + raw)
      return { kind: 'bool', value: Number(raw) !== 0 }
    }
    if (type === 'e') return { kind: 'error', value: raw }
    if (type === 'd') {
      var day = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:T([0-9]{2}:[0-9]{2}:[0-9]{2}))?/.exec(raw)
      if (!day) throw new Damaged('not a date: ' + raw)
      return { kind: 'date', value: { day: day[1], time: day[2] && day[2] !== '00:00:00' ? day[2] : '' } }
    }
    return { kind: 'text', value: raw } // "str" (a formula's text result), and any type openpyxl leaves as it is
  }

  /** A number cell: a date if its style's format is one, else a number (openpyxl's _cast_number). */
  Package.prototype.number = function (raw, style) {
    if (!/^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$/.test(raw)) throw new Damaged('not a number: ' + raw)
    var number = Number(raw)
    if (!style || !this.dateStyles[Number(style)]) return { kind: 'number', value: number }
    var date = cells.dateOf(number, this.date1904, this.book.dates.excelEpoch)
    if (date) return { kind: 'date', value: date }
    if (number >= 0 && number < 1) return { kind: 'time', value: new Date(Math.round(number * 86400000)).toISOString().slice(11, 19) }
    return { kind: 'error', value: '#VALUE!' } // a date past the calendar, as openpyxl marks it
  }

  MPW.workbookPackage = { Package: Package, Refusal: Refusal, Damaged: Damaged, textOf: textOf, isDateFormat: isDateFormat }
  if (typeof module === 'object' && module.exports) module.exports = MPW.workbookPackage
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
