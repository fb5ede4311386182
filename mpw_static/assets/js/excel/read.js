/**
 * "Open an Excel workbook": a filled workbook read back into an assessment, as `mpw-static import`
 * reads one (mpw_static/workbook_read.py), with the same rules in the same order:
 *
 * 1. the file by its name (.xlsm) and size, then whether it is a saved assessment chosen in this
 *    box by mistake (the page's own step: import has no other box to point to), then the package
 *    from the zip's central directory alone, before anything is inflated (excel/package.js, after
 *    workbook_package.py);
 * 2. the format marker on the first sheet: a workbook of the site's own layout, in one of its
 *    languages; then only the layout's sheets, and in them only the layout's cells, are read;
 * 3. every sheet there by its name and every indicator in its row;
 * 4. each cell as its kind of value: a word from its drop-down list, a date, or text; a formula or
 *    an error where a value should be is a problem;
 * 5. the assessment they make, checked by the page's own format checks as a JSON file is
 *    (MPW.format.parse), each problem named by the cell its field came from.
 *
 * Every problem is said in the catalogue's words with its sheet and cell (Buy-in!I5: ...).
 * Pure: it reads bytes and returns a verdict; nothing is stored here.
 */
(function (MPW) {
  'use strict'

  var cells = MPW.workbookCells
  var workbookPackage = MPW.workbookPackage
  var Refusal = workbookPackage.Refusal
  var textOf = workbookPackage.textOf
  var format = MPW.format
  var fill = MPW.dom.fill

  function has (object, key) {
    return Object.prototype.hasOwnProperty.call(object, key)
  }

  /** Text cut to at most n characters, counted as Python counts them. */
  function cut (text, n) {
    return format.clip(text, n)
  }

  /**
   * One reading of one workbook.
   * @param {string} name - the file's name, for messages
   * @param {Uint8Array} bytes
   * @param {Object} book - the build's Excel data (MPW.workbookData): layouts, limits, date rules
   * @param {Object} data - the page's embedded data: the format's rule and the catalogue
   * @param {string} now - the time of the reading, ISO 8601
   * @constructor
   */
  function Reading (name, bytes, book, data, now) {
    this.name = name
    this.bytes = bytes
    this.book = book
    this.data = data
    this.strings = data.strings
    this.now = now
    this.problems = []
    this.origins = {} // a field's path in the file -> Sheet!Cell
    this.problemRows = {} // the rows of the cells with a problem (Buy-in!5)
  }

  /** A message from the catalogue (js_excel_<key>) with its fix (js_excel_hint_<hint>); numbers as the page writes them. */
  Reading.prototype.say = function (key, values, hint) {
    var filled = {}
    Object.keys(values || {}).forEach(function (name) {
      filled[name] = typeof values[name] === 'number' ? this.count(values[name]) : values[name]
    }, this)
    var problem = fill(this.strings['excel_' + key], filled)
    if (!hint) return problem
    // A problem that ends with an abbreviation's full stop (Amh., the Welsh N/A) takes no second one.
    return fill(this.strings.excel_with_hint, { problem: problem, hint: fill(this.strings['excel_hint_' + hint], filled) }).replace(/\.\. /g, '. ')
  }

  Reading.prototype.refuse = function (key, values, hint) {
    throw new Refusal(key, values, hint)
  }

  /**
   * A refusal of the whole workbook, as the error summary lists it: a sentence of its own, so it
   * starts with a capital (a problem in a cell starts with the cell's name instead).
   */
  Reading.prototype.refusal = function (error) {
    return MPW.dom.sentence(this.say(error.key, error.values, error.hint))
  }

  /** A problem in one place (a sheet, or a sheet's cell), which does not stop the reading. */
  Reading.prototype.problem = function (place, key, values, hint) {
    this.problemRows[rowOf(place)] = true
    this.problems.push(fill(this.strings.excel_in_cell, { cell: place, problem: this.say(key, values, hint) }))
  }

  /** A number as the page and `mpw-static import` write it: 20,000,000 (format.grouped). */
  Reading.prototype.count = function (n) {
    return format.grouped(n)
  }

  /**
   * Whether a file chosen here is a saved assessment rather than a workbook: its text opens as a
   * JSON object does, after any byte order mark (UTF-8 or UTF-16, whose zero bytes are passed over)
   * and blanks. A workbook is a zip (PK) or, from Excel 97-2003, a compound file (0xD0): never so.
   * The name is not asked: a saved file renamed .xlsx is still one.
   * @param {Uint8Array} bytes
   */
  function looksLikeSavedAssessment (bytes) {
    var before = [0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x00, 0x20, 0x09, 0x0a, 0x0d]
    var at = 0
    while (at < bytes.length && before.indexOf(bytes[at]) !== -1) at++
    return bytes[at] === 0x7b // {
  }

  /**
   * The whole reading, step by step (see the top of this file).
   * @returns {{assessment: (Object|null), errors: string[]}}
   */
  Reading.prototype.run = function () {
    this.checkFile(this.bytes.length)
    if (looksLikeSavedAssessment(this.bytes)) this.refuse('saved_assessment', {}, 'open_json') // the other box reads it
    var book = new workbookPackage.Package(this.bytes, this.book)
    book.check()
    var read
    try {
      read = this.readCells(book)
    } catch (error) {
      if (error instanceof Refusal) throw error
      if (!(error instanceof workbookPackage.Damaged) && typeof console === 'object') console.error('mpw: the workbook could not be read:', error)
      this.refuse('damaged', {}, 'save_again')
    }
    this.checkSheets(read.present, read.cells, read.layout)
    if (this.problems.length) return { assessment: null, errors: this.problems }
    return this.assessmentFrom(read)
  }

  /** Refuse a workbook by its name (.xlsm is one with macros) and its size, before its bytes are read. */
  Reading.prototype.checkFile = function (size) {
    var limits = this.book.limits
    var lower = this.name.toLowerCase()
    if (limits.macroSuffixes.some(function (suffix) { return lower.slice(-suffix.length) === suffix })) this.refuse('macros', {}, 'macros')
    if (size > limits.maxFileBytes) this.refuse('too_big', { size: size, limit: limits.maxFileBytes }, 'use_ours')
  }

  /**
   * The workbook's layout (from its format marker), its sheet names, and the values of the
   * layout's sheets, each read only as far as the layout's last row and column (workbook_read.read_cells).
   */
  Reading.prototype.readCells = function (book) {
    book.open()
    var worksheets = book.sheets.filter(function (sheet) { return sheet.worksheet })
    var marker = this.anyLayout().marker
    var layout = this.recognise(worksheets.length ? book.values(worksheets[0], 1 + cells.split(marker.language).row, 4) : {})
    var values = {}
    worksheets.forEach(function (sheet) {
      var extent = this.extent(layout, sheet.name)
      if (extent && !has(values, sheet.name)) values[sheet.name] = book.values(sheet, extent[0], extent[1])
    }, this)
    this.modified = book.modified
    return { layout: layout, present: book.sheets.map(function (sheet) { return sheet.name }), cells: values }
  }

  Reading.prototype.anyLayout = function () {
    var layouts = this.book.layouts
    return layouts[Object.keys(layouts)[0]]
  }

  /**
   * The workbook's layout, from the format marker on its first sheet; a workbook without one is
   * not ours, whatever its sheets are called (workbook_read.recognise).
   */
  Reading.prototype.recognise = function (values) {
    var ours = this.anyLayout()
    var marker = ours.marker
    var found = values[marker.format]
    if (!found || found.kind !== 'text' || found.value !== ours.format) {
      this.refuse('not_ours', { marker: ours.format, cell: marker.format }, 'not_ours')
    }
    var version = values[marker.version]
    if (version && version.kind === 'number' && version.value > ours.version) {
      this.refuse('newer', { version: String(version.value), supported: ours.version }, 'newer')
    }
    if (!version || version.kind !== 'number' || version.value !== ours.version) this.refuse('layout_version', {}, 'use_ours')
    var language = values[marker.language]
    var code = language && language.kind === 'text' ? language.value : null
    if (code === null || !has(this.book.layouts, code)) {
      this.refuse('language', { language: cut(textOf(language), 10), languages: Object.keys(this.book.layouts).join(', ') }, 'language')
    }
    return this.book.layouts[code]
  }

  /** How many rows and columns of a sheet the reader needs; null for a sheet it does not read. */
  Reading.prototype.extent = function (layout, sheet) {
    if (sheet === layout.sheets.about) return [cells.split(layout.framework_version_cell).row, 4]
    if (sheet === layout.sheets.details) {
      return [Math.max.apply(null, Object.keys(layout.details).map(function (name) { return cells.split(layout.details[name]).row })), 2]
    }
    var domain = layout.domains.filter(function (d) { return d.sheet === sheet })[0]
    if (!domain) return null
    var all = []
    domain.indicators.forEach(function (row) { Object.keys(row.cells).forEach(function (name) { all.push(row.cells[name]) }) })
    Object.keys(domain.cells).forEach(function (name) { all.push(domain.cells[name]) })
    var places = all.map(cells.split)
    return [Math.max.apply(null, places.map(function (p) { return p.row })), Math.max.apply(null, places.map(function (p) { return cells.columnNumber(p.column) }))]
  }

  /** The layout's sheet names in workbook order. */
  function allSheets (layout) {
    var sheets = layout.sheets
    return [sheets.about, sheets.details].concat(layout.domains.map(function (domain) { return domain.sheet }), [sheets.profile, sheets.plan])
  }

  /** Every sheet is there by its name, and every indicator's row is where the layout has it. */
  Reading.prototype.checkSheets = function (present, values, layout) {
    var expected = allSheets(layout)
    var strangers = present.filter(function (sheet) { return expected.indexOf(sheet) === -1 })
    expected.forEach(function (sheet) {
      if (present.indexOf(sheet) !== -1) return
      var message = this.say('sheet_missing', { sheet: sheet }, 'sheet_missing')
      if (strangers.length) {
        message += ' ' + fill(this.strings.excel_hint_strangers, { sheets: strangers.map(function (s) { return '“' + s + '”' }).join(', ') })
      }
      this.problems.push(fill(this.strings.excel_in_cell, { cell: sheet, problem: message }))
    }, this)
    layout.domains.forEach(function (domain) {
      var sheet = values[domain.sheet]
      if (!sheet) return
      domain.indicators.some(function (row) {
        var found = sheet[row.id_cell]
        if (textOf(found) === row.id) return false
        var shown = found ? '“' + cut(textOf(found), 40) + '”' : this.strings.excel_empty_cell
        this.problem(domain.sheet + '!' + row.id_cell, 'row_moved', { id: row.id, found: shown }, 'row_moved')
        return true // the rows below are out of place for the same reason
      }, this)
    }, this)
  }

  /**
   * A cell's value, noting the field it is read for; a formula or an error value is a problem, and
   * reads as empty.
   */
  Reading.prototype.raw = function (sheet, cell, path) {
    this.origins[path] = sheet + '!' + cell
    var value = this.values[sheet][cell] || null
    if (value && value.kind === 'formula') {
      this.problem(sheet + '!' + cell, 'formula', { formula: cut(value.value, 40) }, 'formula')
      return null
    }
    if (value && value.kind === 'error') {
      this.problem(sheet + '!' + cell, 'error_value', { value: value.value }, 'error_value')
      return null
    }
    return value
  }

  Reading.prototype.text = function (sheet, cell, path) {
    return textOf(this.raw(sheet, cell, path))
  }

  /** A cell's text as a person typed it, compared as Python's casefold compares it (nearly). */
  function folded (text) {
    return text.split(/\s+/).filter(Boolean).join(' ').toUpperCase().toLowerCase()
  }

  /** A word from a drop-down list, as the file's value; null for an empty cell. */
  Reading.prototype.choice = function (sheet, cell, path, choice) {
    var value = this.raw(sheet, cell, path)
    if (value === null) return null
    var typed = folded(textOf(value))
    var pairs = this.layout.choices[choice]
    for (var i = 0; i < pairs.length; i++) {
      if (folded(pairs[i][0]) === typed) return pairs[i][1]
    }
    this.problem(sheet + '!' + cell, 'not_a_choice', { value: cut(textOf(value), 40), choices: this.choicesInWords(choice) }, 'choice')
    return null
  }

  /** "S1–S5, N/A" for the statements; the words, with commas, for a short list. */
  Reading.prototype.choicesInWords = function (choice) {
    var words = this.layout.choices[choice].map(function (pair) { return pair[0] })
    if (choice === 'statement' || choice === 'target') return [words[0] + '–' + words[4]].concat(words.slice(5)).join(', ')
    return words.join(', ')
  }

  /** A date as the file writes it (2027-03-31), from an Excel date or from text such as 31/03/2027. */
  Reading.prototype.date = function (sheet, cell, path) {
    var value = this.raw(sheet, cell, path)
    if (value === null) return null
    var found = value.kind === 'date' ? value.value.day : value.kind === 'text' ? this.typedDate(value.value) : null
    if (found === null) this.problem(sheet + '!' + cell, 'not_a_date', { value: cut(textOf(value), 40) }, 'date')
    return found
  }

  /** A date typed as text, day first as dates are written in Wales, or ISO (workbook_dates.read_date). */
  Reading.prototype.typedDate = function (text) {
    var rules = this.book.dates
    var trimmed = text.trim()
    var iso = new RegExp('^(?:' + rules.iso + ')$').exec(trimmed)
    var dayFirst = new RegExp('^(?:' + rules.dayFirst + ')$').exec(trimmed)
    var year, month, day
    if (iso) {
      year = Number(iso[1]); month = Number(iso[2]); day = Number(iso[3])
    } else if (dayFirst) {
      day = Number(dayFirst[1]); month = Number(dayFirst[2]); year = Number(dayFirst[3])
      if (year < 100) year += 2000
    } else {
      return null
    }
    var date = new Date(Date.UTC(2000, month - 1, day))
    date.setUTCFullYear(year)
    if (year < 1 || year > 9999 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
    return date.toISOString().slice(0, 10).replace(/^\+0*/, '')
  }

  /**
   * The assessment the cells describe, checked as a .json file is (workbook_read.assessment_from):
   * the file's top level and details, then each indicator and domain.
   */
  Reading.prototype.assessmentFrom = function (read) {
    this.layout = read.layout
    this.values = read.cells
    var file = this.details(read.layout)
    var answers = this.answers(read.layout)
    file.ratings = answers.ratings
    file.domains = answers.domains
    var text = JSON.stringify(file)
    var checked = format.parse(text, new TextEncoder().encode(text).length, this.data)
    if (!this.problems.length) return { assessment: checked.assessment, errors: checked.errors.map(this.inCell, this) }
    // Every problem in one reading, not a second round after the first is fixed: the format's too,
    // but for the rows a cell's problem is on, where the format sees that cell as empty.
    var more = checked.errors.filter(function (error) {
      return !has(this.problemRows, rowOf(this.cellOf(error)))
    }, this)
    return { assessment: null, errors: this.problems.concat(more.map(this.inCell, this)) }
  }

  /** The sheet and row of a cell (Buy-in!I5 -> Buy-in!5): in a domain's sheet, one indicator. */
  function rowOf (place) {
    return place.replace(/[A-Z]+([0-9]+)$/, '$1')
  }

  /** The file's top level: format, version, the Details sheet, the id and the times. */
  Reading.prototype.details = function (layout) {
    var sheet = layout.sheets.details
    var at = layout.details
    var about = this.values[layout.sheets.about] || {}
    var purposes = this.data.choices.purposes.filter(function (purpose) {
      return this.choice(sheet, at['purpose_' + purpose], 'purposes', 'yes_no') === true
    }, this)
    this.origins.purposes = sheet + '!' + at['purpose_' + this.data.choices.purposes[0]]
    var file = {
      format: this.data.format,
      format_version: this.data.formatVersion,
      framework_version: textOf(about[layout.framework_version_cell]) || layout.framework_version,
      id: this.text(sheet, at.id, 'id') || format.uuid(),
      service: {
        name: this.text(sheet, at.name, 'service.name'),
        organisations: this.text(sheet, at.organisations, 'service.organisations'),
        participants: this.text(sheet, at.participants, 'service.participants')
      },
      date: this.date(sheet, at.date, 'date'),
      purposes: purposes,
      method: this.choice(sheet, at.method, 'method', 'method'),
      review_cycle: this.text(sheet, at.review_cycle, 'review_cycle'),
      language: layout.language,
      created: this.text(sheet, at.created, 'created') || this.now
    }
    file.updated = this.updatedAfter(file.created)
    return file
  }

  /**
   * When this copy was last changed, for the question of which copy is newer: when the workbook was
   * last saved (Excel, LibreOffice and this page write it in its properties), unless that is before
   * the assessment was made or after now; otherwise now.
   */
  Reading.prototype.updatedAfter = function (created) {
    var saved = this.modified && Date.parse(this.modified)
    var ok = saved && saved <= Date.parse(this.now) && !(saved < Date.parse(created))
    return ok ? this.modified : this.now
  }

  /** Each indicator's answer and each domain's notes; those left wholly empty are left out, as the page does. */
  Reading.prototype.answers = function (layout) {
    var ratings = {}
    var domains = {}
    var kinds = this.book.kinds
    layout.domains.forEach(function (domain) {
      var sheet = domain.sheet
      if (!this.values[sheet]) return
      domain.indicators.forEach(function (row) {
        var path = 'ratings.' + row.id
        this.origins[path] = sheet + '!' + row.cells.statement
        var rating = {}
        Object.keys(kinds.ratings).forEach(function (field) {
          rating[field] = this.read(kinds.ratings[field], sheet, row.cells[field], path + '.' + field)
        }, this)
        if (Object.keys(rating).some(function (field) { return rating[field] !== null && rating[field] !== '' })) ratings[row.id] = rating
      }, this)
      var notes = {}
      var path = 'domains.' + domain.number
      Object.keys(kinds.domains).forEach(function (field) {
        notes[field] = this.read(kinds.domains[field], sheet, domain.cells[field], path + '.' + field)
      }, this)
      notes.priority = notes.priority === true
      if (Object.keys(notes).some(function (field) { return notes[field] })) domains[String(domain.number)] = notes
    }, this)
    return { ratings: ratings, domains: domains }
  }

  /** One cell by the kind of value its field holds: a word from a list, a date, or text. */
  Reading.prototype.read = function (kind, sheet, cell, path) {
    if (kind === 'date') return this.date(sheet, cell, path)
    if (kind === 'text') return this.text(sheet, cell, path)
    return this.choice(sheet, cell, path, kind)
  }

  /**
   * A problem the format's checks found, named by the cell its field came from: "ratings.1.1.note:
   * the text is longer than 10000 characters" becomes "Buy-in!K5: the text is longer ...".
   */
  Reading.prototype.inCell = function (error) {
    var cell = this.cellOf(error)
    return cell ? cell + error.slice(error.indexOf(': ')) : error
  }

  /** The cell a problem of the format's checks came from ("Buy-in!K5"), or '' when no cell holds its field. */
  Reading.prototype.cellOf = function (error) {
    var colon = error.indexOf(': ')
    var place = colon === -1 ? '' : error.slice(0, colon)
    while (place && !has(this.origins, place)) {
      var parent = place.replace(/(\.[^.[\]]*|\[[0-9]+\])$/, '') // ratings.1.1.note -> ratings.1.1; purposes[0] -> purposes
      place = parent === place ? '' : parent
    }
    return place ? this.origins[place] : ''
  }

  /**
   * Read a workbook's bytes into an assessment, checked in full.
   * @param {string} name - the file's name, for messages
   * @param {Uint8Array} bytes
   * @param {Object} book - the build's Excel data (MPW.workbookData)
   * @param {Object} data - the page's embedded data
   * @param {string} [now] - the time of the reading (ISO 8601), for a workbook that does not say
   * @returns {{assessment: (Object|null), errors: string[]}}
   */
  function read (name, bytes, book, data, now) {
    var reading = new Reading(name, bytes, book, data, now || format.now())
    try {
      return reading.run()
    } catch (error) {
      if (error instanceof Refusal) return { assessment: null, errors: [reading.refusal(error)] }
      throw error
    }
  }

  /**
   * The refusal of a workbook by its name and size alone, so that one too big is never read; null
   * if it may be read.
   * @returns {(string[]|null)}
   */
  function refusedUnread (name, size, book, data) {
    var reading = new Reading(name, new Uint8Array(0), book, data, format.now())
    try {
      reading.checkFile(size)
      return null
    } catch (error) {
      if (error instanceof Refusal) return [reading.refusal(error)]
      throw error
    }
  }

  MPW.workbookRead = { read: read, refusedUnread: refusedUnread }
  if (typeof module === 'object' && module.exports) module.exports = MPW.workbookRead
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
