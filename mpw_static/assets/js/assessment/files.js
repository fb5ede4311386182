/**
 * The files room of the assessment page: files in and out. It downloads the assessment on screen
 * as JSON (the record) and as CSV, says when it was last downloaded, and imports JSON files chosen
 * or dropped. Each imported file is checked in full before anything is stored; a bad file changes
 * nothing, a file over the size limit is refused before it is read, and a file whose assessment is
 * already saved here asks first, saying which copy is newer, and offering "keep both" first when
 * the copy saved here has changes that are in no file. The discussion room hands over the files it
 * opened for comparison in the same way, through the workspace's 'take-file' event, and the Excel
 * room its checked workbooks, which are shown for the person to confirm before anything is stored.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Files ($module, workspace) {
    this.$module = $module
    this.workspace = workspace
    this.strings = workspace.strings
    this.$lastDownloaded = workspace.find('[data-role="last-downloaded"]')
    this.$importFile = workspace.find('[data-role="import-file"]')
    this.$dropZone = workspace.find('[data-role="drop-zone"]')
    this.$libraryHeading = workspace.find('#library-heading')
    dom.onAction($module, { 'download-json': this.downloadJson, 'download-csv': this.downloadCsv }, this)
    this.$importFile.addEventListener('change', this.handleFilePicked.bind(this))
    this.$dropZone.addEventListener('dragover', function (event) { event.preventDefault(); this.classList.add('dragging') })
    this.$dropZone.addEventListener('dragleave', function () { this.classList.remove('dragging') })
    this.$dropZone.addEventListener('drop', this.handleDrop.bind(this))
    workspace.on('shown', this.renderLastDownloaded.bind(this), 'files')
    workspace.on('take-file', this.takeFile.bind(this), 'files')
  }

  /** The record: the assessment on screen as a JSON file, marked as downloaded. */
  Files.prototype.downloadJson = function () {
    var workspace = this.workspace
    var current = workspace.current
    current.language = workspace.data.language // the interface language the file was saved from
    if (workspace.store.get(current.id)) workspace.put(current)
    var name = format.fileName(current, 'json')
    dom.offerDownload(JSON.stringify(current, null, 2) + '\n', 'application/json', name)
    workspace.store.markDownloaded(current.id, format.now())
    this.renderLastDownloaded()
    workspace.announce(dom.fill(this.strings.downloaded, { file: name }))
  }

  Files.prototype.downloadCsv = function () {
    var workspace = this.workspace
    var name = format.fileName(workspace.current, 'csv')
    var data = Object.assign({}, workspace.data, { indicators: workspace.indicators() })
    dom.offerDownload(format.toCsv(workspace.current, data), 'text/csv', name)
    workspace.announce(dom.fill(this.strings.downloaded, { file: name }))
  }

  /** The toolbar's line: only what is true of this browser (downloaded here, or opened from a file). */
  Files.prototype.renderLastDownloaded = function () {
    this.$lastDownloaded.textContent = this.workspace.recordText(this.workspace.current.id, 'last_downloaded', 'opened_from_file', 'never_downloaded')
  }

  /**
   * Whether an assessment has changes that are in no file: changed since it was last downloaded
   * or opened from one, or never downloaded at all. A blank one never touched has nothing to lose.
   */
  Files.prototype.hasUnrecordedChanges = function (assessment) {
    if (assessment.updated === assessment.created) return false
    var last = this.workspace.store.lastDownloaded(assessment.id)
    return !last || !(Date.parse(last) >= Date.parse(assessment.updated))
  }

  Files.prototype.handleFilePicked = function () {
    var files = Array.prototype.slice.call(this.$importFile.files || [])
    this.$importFile.value = ''
    if (files.length) this.workspace.readFiles(files, this.acceptFiles.bind(this))
  }

  Files.prototype.handleDrop = function (event) {
    event.preventDefault()
    this.$dropZone.classList.remove('dragging')
    var files = Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.files) || [])
    if (files.length) this.workspace.readFiles(files, this.acceptFiles.bind(this))
  }

  /**
   * Take the checked files: of several files of one assessment, only the one changed last (emailed
   * copies, "team.json" and "team (1).json", are easily chosen together); ask about each one whose
   * assessment is already saved here (one question at a time), then store what the person chose
   * and list every refusal in the error summary.
   * @param {{name: string, assessment: (Object|null), errors: string[]}[]} results
   */
  Files.prototype.acceptFiles = function (results) {
    this.workspace.hideErrors() // the last files' refusals; these files' own are listed once all are decided
    var failures = []
    var incoming = []
    var taken = latestOfEach(results)
    results.forEach(function (result) {
      var assessment = result.assessment
      if (!assessment) return failures.push({ name: result.name, errors: result.errors })
      var kept = taken[assessment.id]
      if (kept !== result) {
        var sameTime = Date.parse(kept.assessment.updated) === Date.parse(assessment.updated)
        var words = sameTime ? this.strings.err_same_id_same_time : this.strings.err_same_id
        return failures.push({ name: result.name, errors: [dom.fill(words, { file: kept.name })] })
      }
      incoming.push({ name: result.name, assessment: assessment })
    }, this)
    var decided = []
    var next = function (index) {
      if (index === incoming.length) return this.storeImports(decided, failures)
      var item = incoming[index]
      this.decide(item, function (choice, existing) {
        decided.push({ item: item, choice: choice, existing: existing })
        next(index + 1)
      })
    }.bind(this)
    next(0)
  }

  /** Of the files read, the one to take for each assessment: the one changed last; the first of a tie. */
  function latestOfEach (results) {
    var taken = {}
    results.forEach(function (result) {
      var assessment = result.assessment
      if (!assessment) return
      var kept = taken[assessment.id]
      if (!kept || Date.parse(assessment.updated) > Date.parse(kept.assessment.updated)) taken[assessment.id] = result
    })
    return taken
  }

  /**
   * What to do with one file: ask about it if its assessment is saved here; a workbook's, which is
   * not, is shown first for the person to confirm (it was filled in outside this site); else take it.
   */
  Files.prototype.decide = function (item, done) {
    var existing = this.workspace.savedCopy(item.assessment.id)
    if (existing) return this.askImport(existing, item, function (choice) { done(choice, existing) })
    if (item.kind === 'workbook') return this.askOpen(item, function (choice) { done(choice, null) })
    done('take', null)
  }

  /** Store one file's assessment as chosen ('take', 'both'); returns what was stored. */
  Files.prototype.store = function (item, choice, existing) {
    var assessment = choice === 'both' ? this.copyOf(item.assessment, existing) : item.assessment
    this.workspace.put(assessment)
    // It came from a file, so that version is on record; but this browser did not download it.
    this.workspace.store.markFromFile(assessment.id, { file: item.name, opened: format.now(), version: assessment.updated, copy: choice === 'both' })
    return assessment
  }

  /**
   * Store the imports as chosen: the file's copy, a separate copy of it, or nothing ('keep'); open
   * the one imported, and list every refusal. Returns what was stored, in order.
   */
  Files.prototype.storeImports = function (decided, failures) {
    var workspace = this.workspace
    var accepted = []
    var kept = 0
    decided.forEach(function (decision) {
      if (decision.choice === 'keep') return (kept += 1)
      var assessment = this.store(decision.item, decision.choice, decision.existing)
      accepted.push({ name: decision.item.name, assessment: assessment, both: decision.choice === 'both', existing: decision.existing })
    }, this)
    if (accepted.length === 1) this.openImported(accepted[0])
    else if (accepted.length) workspace.changed()
    workspace.renderStorageWarning()
    if (accepted.length) this.announceImport(accepted)
    else if (kept) workspace.announce(this.strings.import_cancelled)
    if (failures.length) workspace.showErrors(failures)
    else {
      workspace.hideErrors()
      this.$libraryHeading.focus()
    }
    return accepted.map(function (entry) { return entry.assessment })
  }

  /**
   * Open what was imported. After "keep both" that is the newer of the two copies, so that the
   * team's newer work stays open; the other is in the saved list, named so the two tell apart.
   */
  Files.prototype.openImported = function (entry) {
    var workspace = this.workspace
    if (!entry.both || this.fileIsNewer(entry.existing, entry.assessment)) return workspace.show(entry.assessment)
    if (entry.existing === workspace.current) return workspace.changed()
    workspace.show(workspace.saved(entry.existing.id) || entry.existing)
  }

  Files.prototype.fileIsNewer = function (existing, fromFile) {
    return Date.parse(fromFile.updated) > Date.parse(existing.updated)
  }

  /**
   * The workspace's 'take-file' request: store an assessment read from a file, asking first when a
   * copy of it is saved here. A workbook (the Excel room's) is imported as a chosen file is: asked
   * about, stored, opened and announced here; a file opened for comparison is only stored.
   * @param {{name: string, assessment: Object, kind: (string|undefined)}} item - kind 'workbook' for the Excel room's
   * @param {function((Object|null))} done - with the stored assessment, or null if the person kept theirs
   */
  Files.prototype.takeFile = function (item, done) {
    this.decide(item, function (choice, existing) {
      if (item.kind === 'workbook') {
        return done(this.storeImports([{ item: item, choice: choice, existing: existing }], [])[0] || null)
      }
      if (choice === 'keep') {
        this.workspace.announce(this.strings.import_cancelled)
        return done(null)
      }
      var stored = this.store(item, choice, existing)
      this.workspace.changed()
      this.announceImport([{ name: item.name, assessment: stored, both: choice === 'both', existing: existing }])
      done(stored)
    }.bind(this))
  }

  /**
   * "Keep both": the file's version as an assessment of its own, with a new id, marked as a copy
   * of the one saved here by naming it first among its sources.
   */
  Files.prototype.copyOf = function (assessment, original) {
    var copy = format.normalise(assessment, this.workspace.data)
    copy.id = format.uuid()
    copy.sources = [format.sourceOf(original)].concat(copy.sources.filter(function (source) {
      return (typeof source === 'string' ? source : source.id) !== original.id
    }))
    return copy
  }

  /**
   * Ask what to do with a file whose assessment is already saved here, saying which copy is newer
   * with both dates. The first choice, which has focus, keeps the newer copy; but when the copy
   * saved here has changes that are in no file, it is "keep both", so that pressing Enter loses
   * neither person's work. Escape keeps the copy saved here and stores nothing.
   * @param {function(string)} done - called with 'keep', 'take' or 'both'
   */
  Files.prototype.askImport = function (existing, item, done) {
    var here = Date.parse(existing.updated)
    var there = Date.parse(item.assessment.updated)
    var newer = here > there ? 'here' : there > here ? 'file' : 'same'
    var unrecorded = this.hasUnrecordedChanges(existing)
    var choices = {
      here: [['keep', 'import_keep_newer_here'], ['take', 'import_take_older_file']],
      file: [['take', 'import_take_newer_file'], ['keep', 'import_keep_here']],
      same: [['keep', 'import_keep_here'], ['take', 'import_take_file']]
    }[newer]
    var both = ['both', 'import_keep_both']
    choices = unrecorded ? [both].concat(choices) : choices.concat([both])
    this.ask(this.importQuestion(existing, item, newer, unrecorded), choices, unrecorded ? both : choices[0][0] === 'take' ? choices[0] : choices[1], done)
  }

  /**
   * Show what a workbook holds before anything is stored: the service, who took part, the date and
   * how many indicators are answered; "Open it" or "Cancel" (Escape cancels too).
   * @param {function(string)} done - called with 'take' or 'keep'
   */
  Files.prototype.askOpen = function (item, done) {
    var workspace = this.workspace
    var assessment = item.assessment
    var answered = Object.keys(assessment.ratings).filter(function (id) { return assessment.ratings[id].statement !== null }).length
    var sentences = [
      dom.fill(this.strings.open_file_question, { name: workspace.nameOf(assessment), file: item.name }),
      dom.fill(this.strings.open_file_details, {
        participants: workspace.shortText(assessment.service.participants) || this.strings.not_given,
        date: assessment.date ? workspace.day(assessment.date) : this.strings.no_date,
        n: answered,
        total: workspace.data.indicators.length
      })
    ]
    var open = ['take', 'open_file_take']
    this.ask(sentences, [open, ['keep', 'open_file_cancel']], open, done)
  }

  /**
   * A question in a modal dialog: its sentences, then a button per choice, the first focused.
   * Escape answers 'keep'. Without the dialog element, a yes-or-no question about `fallback`.
   * @param {string[]} sentences
   * @param {Array<Array<string>>} choices - [answer, string key] each
   * @param {Array<string>} fallback - the choice asked about when there is no dialog element
   * @param {function(string)} done
   */
  Files.prototype.ask = function (sentences, choices, fallback, done) {
    var $dialog = document.createElement('dialog')
    if (typeof $dialog.showModal !== 'function') {
      return done(window.confirm(sentences.join(' ') + ' ' + this.strings[fallback[1]] + '?') ? fallback[0] : 'keep')
    }
    $dialog.className = 'import-question'
    $dialog.setAttribute('data-role', 'import-question')
    $dialog.setAttribute('aria-labelledby', 'import-question-text')
    sentences.forEach(function (text, index) {
      var $text = dom.el('p', '', text)
      if (!index) $text.id = 'import-question-text'
      $dialog.appendChild($text)
    })
    var $choices = dom.el('p', 'notice-actions')
    choices.forEach(function (choice, index) {
      var $button = dom.el('button', 'button' + (index ? ' button-secondary' : ''), this.strings[choice[1]])
      $button.type = 'button'
      $button.setAttribute('data-choice', choice[0])
      $button.addEventListener('click', function () { $dialog.close(choice[0]) })
      $choices.appendChild($button)
    }, this)
    $dialog.appendChild($choices)
    $dialog.addEventListener('close', function () {
      $dialog.remove()
      done($dialog.returnValue || 'keep')
    })
    this.$module.appendChild($dialog)
    $dialog.showModal()
    $choices.firstChild.focus()
  }

  /**
   * The question's sentences: which assessment, both copies' dates, which is newer, and whether
   * the copy saved here has changes that no file holds.
   */
  Files.prototype.importQuestion = function (existing, item, newer, unrecorded) {
    var workspace = this.workspace
    var sentences = [
      dom.fill(this.strings.import_question, { name: workspace.nameOf(existing), file: item.name }),
      dom.fill(this.strings.import_dates, { saved: workspace.time(existing.updated), file: workspace.time(item.assessment.updated) }),
      this.strings[{ here: 'import_newer_here', file: 'import_newer_file', same: 'import_same_time' }[newer]]
    ]
    if (unrecorded) {
      sentences.push(dom.fill(this.strings.import_unrecorded, {
        since: this.workspace.recordText(existing.id, 'since_downloaded', 'since_opened', 'since_never')
      }))
    }
    return sentences
  }

  /** Say what was imported; after "keep both", which copy is open and how the other is listed. */
  Files.prototype.announceImport = function (accepted) {
    var one = accepted[0]
    var workspace = this.workspace
    if (accepted.length > 1) return workspace.announce(dom.fill(this.strings.imported_many, { n: accepted.length }))
    if (!one.both) return workspace.announce(dom.fill(this.strings.imported, { name: workspace.nameOf(one.assessment), file: one.name }))
    var key = this.fileIsNewer(one.existing, one.assessment) ? 'import_kept_both_file' : 'import_kept_both_here'
    workspace.announce(dom.fill(this.strings[key], {
      name: workspace.nameOf(one.assessment), copy: this.copyLabel(one.name, one.assessment.updated)
    }))
  }

  /** How the saved list names a "keep both" copy (library.js): "copy from the file team.json, last changed 01/05/2026, 11:00". */
  Files.prototype.copyLabel = function (file, updated) {
    return dom.fill(this.strings.library_copy_from_file, { file: file, time: this.workspace.time(updated) })
  }

  MPW.registerRoom('mpw-assessment', 'files', Files)
})(window.MPW)
