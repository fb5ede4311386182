/**
 * Across services: the files chosen so far, read and checked by the assessment page's own rules
 * (MPW.format), and what the page shows of them, as one plain report that can be posted between
 * threads. The same code checks the files in both places it can: in the page's Worker
 * (programme/worker.js) and, where a Worker cannot start, on the page itself (programme/reading.js),
 * so that both give the same figures. The page reads the files' bytes in both cases (readFile): a
 * Worker on file:// cannot read a file in WebKitGTK.
 *
 * Pure: nothing here touches a page, and Node loads it too (tests/js).
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var compare = MPW.compare
  var figures = MPW.programme

  /**
   * The files read so far: the assessments kept (one per id, the copy updated last), the files
   * left out with their reasons, and how many were read or skipped.
   * @param {Object} data - the page's embedded data
   * @constructor
   */
  function Gathering (data) {
    this.data = data
    this.collection = new figures.Collection()
    this.refused = [] // {name, errors}
    this.filesRead = 0
    this.skipped = 0
  }

  /**
   * Check one file read by readFile(), and keep what the view needs of it, or why it was left out.
   * @param {string} name - the file's name, with its folder when it came from one
   * @param {number} size - its size in bytes
   * @param {{buffer: ArrayBuffer}|{error: string}} result
   */
  Gathering.prototype.add = function (name, size, result) {
    var refuse = function (errors) { this.refused.push({ name: name, errors: errors }) }.bind(this)
    this.filesRead += 1
    if (result.error) return refuse([result.error])
    var decoded = format.decode(result.buffer)
    // A workbook gets this page's own advice: the assessment page's Excel box is not here.
    if (decoded.error) return refuse([this.data.strings[decoded.error === 'err_workbook' ? 'programme_err_workbook' : decoded.error]])
    var checked = format.parse(decoded.text, size, this.data)
    if (!checked.assessment) return refuse(checked.errors)
    this.collection.add(figures.summarise(checked.assessment, name))
  }

  /** Count files that were not read: those in a chosen folder that are not .json files. */
  Gathering.prototype.skip = function (count) {
    this.skipped += count
  }

  /**
   * Everything the page shows of the files read, with the small-number rule applied: plain data
   * only. There is one view of them (each service's latest assessment, moved from its first), so
   * that no two views of the same files can be compared.
   */
  Gathering.prototype.report = function () {
    var smallest = this.data.smallestGroup
    var records = this.collection.records()
    var services = figures.services(records)
    var entries = figures.shown(services)
    var view = figures.view(entries, this.data, smallest)
    return {
      files: { read: this.filesRead, refused: this.refused.length, replaced: this.collection.replaced.length, skipped: this.skipped },
      refused: this.refused,
      replaced: this.collection.replaced,
      assessments: records.length,
      services: services.map(function (service) {
        return {
          name: service.name,
          organisations: service.organisations,
          assessments: service.assessments.map(function (a) { return { review_cycle: a.review_cycle, day: compare.dayOf(a) } })
        }
      }),
      entries: entries.length,
      overview: figures.overview(records, services, this.data, smallest),
      figures: withoutTallies(view),
      relevance: view.shown ? figures.relevance(view) : []
    }
  }

  /** The view's figures without the true counts behind them, which the page must never have. */
  function withoutTallies (view) {
    return Object.assign({}, view, {
      domains: view.domains.map(function (group) {
        return {
          domain: group.domain,
          all: group.all,
          indicators: group.indicators.map(function (item) { return { indicator: item.indicator, row: item.row } })
        }
      })
    })
  }

  /** The tidy data (figures.tidyCsv) of every assessment kept, as chunks of CSV text. */
  Gathering.prototype.tidy = function () {
    return figures.tidyCsv(figures.services(this.collection.records()), this.data)
  }

  /**
   * The figures of a report as CSV text: section, domain, indicator, measure, value and note, one
   * row per measure, with an empty value and the note "not shown" where a figure is held back.
   */
  function figuresCsv (report, data) {
    var shown = { files: report.files, overview: report.overview, figures: report.figures }
    return format.csvText(figures.figureRows(shown, data, data.strings.programme_hidden))
  }

  /**
   * A file's bytes, or why there are none; a file over the size limit is refused before it is read.
   * @param {File} file
   * @param {Object} data - the page's embedded data
   * @returns {Promise<({buffer: ArrayBuffer}|{error: string})>}
   */
  function readFile (file, data) {
    var limit = data.limits.maxBytes
    if (file.size > limit) return Promise.resolve({ error: format.fill(data.strings.err_too_big, { size: format.grouped(file.size), limit: format.grouped(limit) }) })
    var notText = data.strings.err_not_text
    return file.arrayBuffer().then(function (buffer) { return { buffer: buffer } }, function () { return { error: notText } })
  }

  /** The name a file is shown by: its path within the folder it came from, else its name. */
  function nameOf (file) {
    return file.webkitRelativePath || file.name
  }

  MPW.gather = {
    Gathering: Gathering,
    readFile: readFile,
    figuresCsv: figuresCsv,
    nameOf: nameOf
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.gather
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
