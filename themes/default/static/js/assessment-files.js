/**
 * Files: download JSON and CSV, import JSON by picker or drag and drop. Extends MPW.Assessment.
 * An import is checked in full before anything is stored; a bad file changes nothing.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var proto = MPW.Assessment.prototype

  /** Offer text as a download; works on file:// and over http. */
  proto.download = function (text, type, name) {
    var url = URL.createObjectURL(new Blob([text], { type: type }))
    var $link = document.createElement('a')
    $link.href = url
    $link.download = name
    document.body.appendChild($link)
    $link.click()
    document.body.removeChild($link)
    window.setTimeout(function () { URL.revokeObjectURL(url) }, 1000)
  }

  proto.downloadJson = function () {
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

  proto.renderLastDownloaded = function () {
    var last = this.store.lastDownloaded(this.current.id)
    this.$lastDownloaded.textContent = last
      ? format.fill(this.strings.last_downloaded, { time: this.time(last) })
      : this.strings.never_downloaded
  }

  proto.handleFilePicked = function () {
    var files = this.$importFile.files
    if (files && files.length) this.importFile(files[0])
    this.$importFile.value = ''
  }

  proto.handleDrop = function (event) {
    event.preventDefault()
    this.$dropZone.classList.remove('dragging')
    var files = event.dataTransfer && event.dataTransfer.files
    if (files && files.length) this.importFile(files[0])
  }

  /**
   * Read, check and store one file.
   * @param {File} file
   */
  proto.importFile = function (file) {
    var self = this
    if (file.size > this.data.limits.maxBytes) {
      return this.showErrors(file.name, [format.fill(this.strings.err_too_big, { size: file.size, limit: this.data.limits.maxBytes })])
    }
    var reader = new FileReader()
    reader.onload = function () { self.acceptFile(file.name, String(reader.result), file.size) }
    reader.onerror = function () { self.showErrors(file.name, [self.strings.err_not_text]) }
    reader.readAsText(file)
  }

  proto.acceptFile = function (name, text, size) {
    var result = format.parse(text, size, this.data)
    if (!result.assessment) return this.showErrors(name, result.errors)
    var incoming = result.assessment
    var existing = this.store.get(incoming.id)
    if (existing && !window.confirm(format.fill(this.strings.confirm_replace, { name: this.nameOf(format.normalise(existing)) }))) {
      this.hideErrors()
      return this.announce(this.strings.import_cancelled)
    }
    this.hideErrors()
    this.store.put(incoming)
    this.store.markDownloaded(incoming.id, incoming.updated) // it came from a file, so it is on record
    this.show(incoming)
    this.renderStorageWarning()
    this.announce(format.fill(this.strings.imported, { name: this.nameOf(incoming), file: name }))
    this.$libraryHeading.focus()
  }

  /** GOV.UK-style error summary: it takes focus and lists what is wrong, as text. */
  proto.showErrors = function (name, errors) {
    this.$errorSummary.querySelector('[data-role="error-intro"]').textContent =
      format.fill(this.strings.import_failed, { file: name })
    var $list = this.$errorSummary.querySelector('[data-role="error-list"]')
    $list.textContent = ''
    errors.slice(0, 20).forEach(function (message) {
      var $item = document.createElement('li')
      $item.textContent = message
      $list.appendChild($item)
    })
    this.$errorSummary.hidden = false
    this.$errorSummary.focus()
  }

  proto.hideErrors = function () {
    this.$errorSummary.hidden = true
  }
})(window.MPW)
