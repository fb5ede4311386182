/**
 * The files room of the assessment page: files in and out. It downloads the assessment on screen
 * as JSON (the record) and as CSV, says when it was last downloaded, and imports JSON files chosen
 * or dropped. Each imported file is checked in full before anything is stored; a bad file changes
 * nothing, a file over the size limit is refused before it is read, and a file whose assessment is
 * already saved here asks first, saying which copy is newer. The discussion room hands over the
 * files it opened for comparison in the same way, through the workspace's 'take-file' event.
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

  Files.prototype.renderLastDownloaded = function () {
    var last = this.workspace.store.lastDownloaded(this.workspace.current.id)
    this.$lastDownloaded.textContent = last
      ? dom.fill(this.strings.last_downloaded, { time: this.workspace.time(last) })
      : this.strings.never_downloaded
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
   * Take the checked files: refuse a second file of the same assessment, ask about each one whose
   * assessment is already saved here (one question at a time), then store what the person chose
   * and list every refusal in the error summary.
   * @param {{name: string, assessment: (Object|null), errors: string[]}[]} results
   */
  Files.prototype.acceptFiles = function (results) {
    var failures = []
    var incoming = []
    var seen = {}
    results.forEach(function (result) {
      var assessment = result.assessment
      if (assessment && dom.has(seen, assessment.id)) {
        return failures.push({ name: result.name, errors: [dom.fill(this.strings.err_same_id, { file: seen[assessment.id] })] })
      }
      if (!assessment) return failures.push({ name: result.name, errors: result.errors })
      seen[assessment.id] = result.name
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

  /** What to do with one file: take it if its assessment is not saved here, else ask. */
  Files.prototype.decide = function (item, done) {
    var existing = this.workspace.savedCopy(item.assessment.id)
    if (!existing) return done('take', null)
    this.askImport(existing, item, function (choice) { done(choice, existing) })
  }

  /** Store one file's assessment as chosen ('take', 'both'); returns what was stored. */
  Files.prototype.store = function (item, choice, existing) {
    var assessment = choice === 'both' ? this.copyOf(item.assessment, existing) : item.assessment
    this.workspace.put(assessment)
    this.workspace.store.markDownloaded(assessment.id, assessment.updated) // it came from a file, so it is on record
    return assessment
  }

  /** Store the imports as chosen: the file's copy, a separate copy of it, or nothing ('keep'). */
  Files.prototype.storeImports = function (decided, failures) {
    var workspace = this.workspace
    var accepted = []
    var kept = 0
    decided.forEach(function (decision) {
      if (decision.choice === 'keep') return (kept += 1)
      var assessment = this.store(decision.item, decision.choice, decision.existing)
      accepted.push({ name: decision.item.name, assessment: assessment, both: decision.choice === 'both' })
    }, this)
    if (accepted.length === 1) workspace.show(accepted[0].assessment)
    else if (accepted.length) workspace.changed()
    workspace.renderStorageWarning()
    if (accepted.length) this.announceImport(accepted)
    else if (kept) workspace.announce(this.strings.import_cancelled)
    if (failures.length) workspace.showErrors(failures)
    else {
      workspace.hideErrors()
      this.$libraryHeading.focus()
    }
  }

  /**
   * The workspace's 'take-file' request: store an assessment read from a file (one opened for
   * comparison), asking first when a copy of it is saved here.
   * @param {{name: string, assessment: Object}} item
   * @param {function((Object|null))} done - with the stored assessment, or null if the person kept theirs
   */
  Files.prototype.takeFile = function (item, done) {
    this.decide(item, function (choice, existing) {
      if (choice === 'keep') {
        this.workspace.announce(this.strings.import_cancelled)
        return done(null)
      }
      var stored = this.store(item, choice, existing)
      this.workspace.changed()
      this.announceImport([{ name: item.name, assessment: item.assessment, both: choice === 'both' }])
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
   * with both dates. The first choice, which has focus, keeps the newer copy; Escape changes nothing.
   * @param {function(string)} done - called with 'keep', 'take' or 'both'
   */
  Files.prototype.askImport = function (existing, item, done) {
    var here = Date.parse(existing.updated)
    var there = Date.parse(item.assessment.updated)
    var newer = here > there ? 'here' : there > here ? 'file' : 'same'
    var choices = {
      here: [['keep', 'import_keep_newer_here'], ['take', 'import_take_older_file']],
      file: [['take', 'import_take_newer_file'], ['keep', 'import_keep_here']],
      same: [['keep', 'import_keep_here'], ['take', 'import_take_file']]
    }[newer].concat([['both', 'import_keep_both']])
    var $dialog = document.createElement('dialog')
    if (typeof $dialog.showModal !== 'function') { // no dialog element: a yes-or-no question, keeping the newer by default
      var take = window.confirm(this.importQuestion(existing, item, newer).join(' ') + ' ' + this.strings[choices[0][0] === 'take' ? choices[0][1] : choices[1][1]] + '?')
      return done(take ? 'take' : 'keep')
    }
    $dialog.className = 'import-question'
    $dialog.setAttribute('data-role', 'import-question')
    $dialog.setAttribute('aria-labelledby', 'import-question-text')
    this.importQuestion(existing, item, newer).forEach(function (text, index) {
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

  /** The question's sentences: which assessment, both copies' dates, and which is newer. */
  Files.prototype.importQuestion = function (existing, item, newer) {
    var workspace = this.workspace
    return [
      dom.fill(this.strings.import_question, { name: workspace.nameOf(existing), file: item.name }),
      dom.fill(this.strings.import_dates, { saved: workspace.time(existing.updated), file: workspace.time(item.assessment.updated) }),
      this.strings[{ here: 'import_newer_here', file: 'import_newer_file', same: 'import_same_time' }[newer]]
    ]
  }

  Files.prototype.announceImport = function (accepted) {
    var one = accepted[0]
    this.workspace.announce(accepted.length > 1 ? dom.fill(this.strings.imported_many, { n: accepted.length })
      : dom.fill(this.strings[one.both ? 'import_kept_both' : 'imported'], { name: this.workspace.nameOf(one.assessment), file: one.name }))
  }

  MPW.registerRoom('mpw-assessment', 'files', Files)
})(window.MPW)
