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
   * Check read files; store those that pass, one confirmation per id already saved here,
   * and list every refusal in the error summary.
   */
  proto.acceptFiles = function (results) {
    var accepted = []
    var failures = []
    var cancelled = 0
    var seen = {}
    results.forEach(function (result) {
      var checked = result.text === null ? { assessment: null, errors: result.errors } : format.parse(result.text, result.size, this.data)
      var incoming = checked.assessment
      if (incoming && Object.prototype.hasOwnProperty.call(seen, incoming.id)) {
        checked = { assessment: null, errors: [format.fill(this.strings.err_same_id, { file: seen[incoming.id] })] }
      }
      if (!checked.assessment) return failures.push({ name: result.name, errors: checked.errors })
      seen[incoming.id] = result.name
      var existing = this.store.get(incoming.id)
      var replace = !existing || window.confirm(format.fill(this.strings.confirm_replace, { name: this.nameOf(format.normalise(existing)), file: result.name }))
      if (replace) accepted.push({ name: result.name, assessment: incoming })
      else cancelled += 1
    }, this)
    accepted.forEach(function (item) {
      this.store.put(item.assessment)
      this.store.markDownloaded(item.assessment.id, item.assessment.updated) // it came from a file, so it is on record
    }, this)
    if (accepted.length === 1) this.show(accepted[0].assessment)
    else if (accepted.length) this.renderLibrary()
    this.renderStorageWarning()
    if (accepted.length) this.announceImport(accepted)
    else if (cancelled) this.announce(this.strings.import_cancelled)
    if (failures.length) this.showErrors(failures)
    else {
      this.hideErrors()
      this.$libraryHeading.focus()
    }
  }

  proto.announceImport = function (accepted) {
    this.announce(accepted.length === 1
      ? format.fill(this.strings.imported, { name: this.nameOf(accepted[0].assessment), file: accepted[0].name })
      : format.fill(this.strings.imported_many, { n: accepted.length }))
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
