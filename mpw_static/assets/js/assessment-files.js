/**
 * Files: download JSON and CSV, import JSON files by picker or drag and drop. Extends MPW.Assessment.
 * Each imported file is checked in full before anything is stored; a bad file changes nothing,
 * and a file over the size limit is refused before it is read.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var proto = MPW.Assessment.prototype

  /** Offer text as a download; works on file:// and over http. */
  proto.download = function (text, type, name) {
    format.offerDownload(text, type, name)
  }

  proto.downloadJson = function () {
    this.current.language = this.data.language // the interface language the file was saved from
    if (this.store.get(this.current.id)) this.store.put(this.current)
    var name = format.fileName(this.current, 'json')
    this.download(JSON.stringify(this.current, null, 2) + '\n', 'application/json', name)
    this.store.markDownloaded(this.current.id, format.now())
    this.renderLastDownloaded()
    this.announce(format.fill(this.strings.downloaded, { file: name }))
  }

  proto.downloadCsv = function () {
    var name = format.fileName(this.current, 'csv')
    this.download(format.toCsv(this.current, this.data), 'text/csv', name)
    this.announce(format.fill(this.strings.downloaded, { file: name }))
  }

  /** Everything stored that could not be opened, exactly as it was stored, in one file. */
  proto.downloadDamaged = function () {
    var records = this.store.records
    var kept = {
      note: this.strings.damaged_file_note,
      set_aside: this.store.setAside().map(function (item) { return { key: item.key, text: item.text } }),
      unopenable: this.unopenable().map(function (id) { return records[id] }),
      before_upgrade: this.store.beforeUpgrade() // the originals of upgraded records, in case an upgrade went wrong
    }
    var name = 'mpw-unreadable-data-' + format.now().slice(0, 10) + '.json'
    this.download(JSON.stringify(kept, null, 2) + '\n', 'application/json', name)
    this.announce(format.fill(this.strings.downloaded, { file: name }))
  }

  proto.discardDamaged = function () {
    if (!window.confirm(this.strings.confirm_discard_damaged)) return
    this.store.discardSetAside()
    this.unopenable().forEach(function (id) { this.store.remove(id) }, this)
    this.renderDamaged()
    this.announce(this.strings.damaged_discarded)
    this.$libraryHeading.focus()
  }

  proto.renderLastDownloaded = function () {
    var last = this.store.lastDownloaded(this.current.id)
    this.$lastDownloaded.textContent = last
      ? format.fill(this.strings.last_downloaded, { time: this.time(last) })
      : this.strings.never_downloaded
  }

  proto.handleFilePicked = function () {
    var files = Array.prototype.slice.call(this.$importFile.files || [])
    this.$importFile.value = ''
    if (files.length) this.importFiles(files)
  }

  proto.handleDrop = function (event) {
    event.preventDefault()
    this.$dropZone.classList.remove('dragging')
    var files = Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.files) || [])
    if (files.length) this.importFiles(files)
  }

  /**
   * Read one file as text, refusing it by its size before reading if it is too big.
   * @param {File} file
   * @param {function({name: string, text: (string|null), errors: string[]})} done
   */
  proto.readFile = function (file, done) {
    var self = this
    var limit = this.data.limits.maxBytes
    if (file.size > limit) {
      return done({ name: file.name, text: null, errors: [format.fill(this.strings.err_too_big, { size: file.size, limit: limit })] })
    }
    var reader = new FileReader()
    reader.onload = function () {
      var decoded = format.decode(reader.result)
      done({ name: file.name, text: decoded.text, size: file.size, errors: decoded.error ? [self.strings[decoded.error]] : [] })
    }
    reader.onerror = function () { done({ name: file.name, text: null, errors: [self.strings.err_not_text] }) }
    reader.readAsArrayBuffer(file) // bytes, so that invalid UTF-8 is refused rather than read as U+FFFD
  }

  /** Read every file, then hand the results over together, in the order chosen. */
  proto.readFiles = function (files, done) {
    var self = this
    var results = []
    files.forEach(function (file, index) {
      self.readFile(file, function (result) {
        results[index] = result
        if (results.filter(Boolean).length === files.length) done.call(self, results)
      })
    })
  }

  /** Read every chosen file, then check and store them together. */
  proto.importFiles = function (files) {
    this.readFiles(files, this.acceptFiles)
  }

  /**
   * Check read files, then ask about each one whose assessment is already saved here (one
   * question at a time), then store what the person chose and list every refusal in the error
   * summary.
   */
  proto.acceptFiles = function (results) {
    var failures = []
    var incoming = []
    var seen = {}
    results.forEach(function (result) {
      var checked = result.text === null ? { assessment: null, errors: result.errors } : format.parse(result.text, result.size, this.data)
      var assessment = checked.assessment
      if (assessment && Object.prototype.hasOwnProperty.call(seen, assessment.id)) {
        checked = { assessment: null, errors: [format.fill(this.strings.err_same_id, { file: seen[assessment.id] })] }
      }
      if (!checked.assessment) return failures.push({ name: result.name, errors: checked.errors })
      seen[assessment.id] = result.name
      incoming.push({ name: result.name, assessment: assessment })
    }, this)
    var decided = []
    var self = this
    var next = function (index) {
      if (index === incoming.length) return self.storeImports(decided, failures)
      var item = incoming[index]
      var existing = self.savedCopy(item.assessment.id)
      if (!existing) {
        decided.push({ item: item, choice: 'take' })
        return next(index + 1)
      }
      self.askImport(existing, item, function (choice) {
        decided.push({ item: item, choice: choice, existing: existing })
        next(index + 1)
      })
    }
    next(0)
  }

  /** Store the imports as chosen: the file's copy, a separate copy of it, or nothing ('keep'). */
  proto.storeImports = function (decided, failures) {
    var accepted = []
    var kept = 0
    decided.forEach(function (decision) {
      if (decision.choice === 'keep') return (kept += 1)
      var both = decision.choice === 'both'
      var assessment = both ? this.copyOf(decision.item.assessment, decision.existing) : decision.item.assessment
      this.store.put(assessment)
      this.store.markDownloaded(assessment.id, assessment.updated) // it came from a file, so it is on record
      accepted.push({ name: decision.item.name, assessment: assessment, both: both })
    }, this)
    if (accepted.length === 1) this.show(accepted[0].assessment)
    else if (accepted.length) this.renderLibrary()
    this.renderStorageWarning()
    if (accepted.length) this.announceImport(accepted)
    else if (kept) this.announce(this.strings.import_cancelled)
    if (failures.length) this.showErrors(failures)
    else {
      this.hideErrors()
      this.$libraryHeading.focus()
    }
  }

  /** The copy of an assessment this page holds: the one on screen (it may be ahead of storage), else the stored one. */
  proto.savedCopy = function (id) {
    if (this.current.id === id) return this.current
    var stored = this.store.get(id)
    return stored ? format.check(stored, this.data).assessment : null
  }

  /**
   * "Keep both": the file's version as an assessment of its own, with a new id, marked as a copy
   * of the one saved here by naming it first among its sources.
   */
  proto.copyOf = function (assessment, original) {
    var copy = format.normalise(assessment, this.data)
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
  proto.askImport = function (existing, item, done) {
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
      var $text = document.createElement('p')
      if (!index) $text.id = 'import-question-text'
      $text.textContent = text
      $dialog.appendChild($text)
    })
    var $choices = document.createElement('p')
    $choices.className = 'notice-actions'
    choices.forEach(function (choice, index) {
      var $button = document.createElement('button')
      $button.type = 'button'
      $button.className = 'button' + (index ? ' button-secondary' : '')
      $button.setAttribute('data-choice', choice[0])
      $button.textContent = this.strings[choice[1]]
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
  proto.importQuestion = function (existing, item, newer) {
    return [
      format.fill(this.strings.import_question, { name: this.nameOf(existing), file: item.name }),
      format.fill(this.strings.import_dates, { saved: this.time(existing.updated), file: this.time(item.assessment.updated) }),
      this.strings[{ here: 'import_newer_here', file: 'import_newer_file', same: 'import_same_time' }[newer]]
    ]
  }

  proto.announceImport = function (accepted) {
    var one = accepted[0]
    this.announce(accepted.length > 1 ? format.fill(this.strings.imported_many, { n: accepted.length })
      : format.fill(this.strings[one.both ? 'import_kept_both' : 'imported'], { name: this.nameOf(one.assessment), file: one.name }))
  }

  /**
   * GOV.UK-style error summary: it takes focus and lists each problem as a link to the field
   * concerned (the import field unless told otherwise), with every value set as text.
   * @param {{name: string, errors: string[]}[]} failures - name is a file name, or '' for a form problem
   * @param {string} [fieldId]
   */
  proto.showErrors = function (failures, fieldId) {
    var intro = failures.length === 1
      ? format.fill(this.strings.import_failed, { file: failures[0].name })
      : format.fill(this.strings.import_failed_many, { n: failures.length })
    this.$errorSummary.querySelector('[data-role="error-intro"]').textContent = failures[0].name ? intro : ''

    var $list = this.$errorSummary.querySelector('[data-role="error-list"]')
    $list.textContent = ''
    failures.forEach(function (failure) {
      failure.errors.slice(0, 20).forEach(function (message) {
        var $item = document.createElement('li')
        var $link = document.createElement('a')
        $link.href = '#' + (fieldId || 'import-file')
        $link.textContent = failures.length === 1 ? message : failure.name + ': ' + message
        $item.appendChild($link)
        $list.appendChild($item)
      })
    })
    this.$errorSummary.hidden = false
    this.$errorSummary.focus()
  }

  proto.hideErrors = function () {
    this.$errorSummary.hidden = true
  }

  /** A link in the error summary moves focus to the field, with its label in view. */
  proto.handleErrorLink = function (event) {
    var $link = event.target.closest('a[href^="#"]')
    if (!$link) return
    var $field = document.getElementById($link.getAttribute('href').slice(1))
    if (!$field) return
    event.preventDefault()
    var $label = document.querySelector('label[for="' + $field.id + '"]')
    ;($label || $field).scrollIntoView({ block: 'center' })
    $field.focus({ preventScroll: true })
  }
})(window.MPW)
