/**
 * Across services (programme.html, [data-module="mpw-programme"]): read a folder of collected
 * assessment files in this browser and show where services stand and how they moved, with no
 * league table. The files are read and checked, and the figures worked out, in a Worker
 * (programme/reading.js), so that the page answers throughout, even with 10,000 files; the page
 * draws what the Worker reports (programme/view.js).
 *
 * Nothing is stored and nothing leaves the machine. The files chosen are kept only as references,
 * so that if the Worker stops they are read again on the page.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var reading = MPW.programmeReading
  var COMPONENT = 'mpw-programme'

  /**
   * @param {HTMLElement} $module
   * @constructor
   */
  function Programme ($module) {
    var find = function (selector) { return dom.find($module, selector, COMPONENT) }
    this.data = JSON.parse(dom.find(document, '#mpw-assessment-data', COMPONENT).textContent)
    this.strings = this.data.strings
    this.view = new MPW.programmeView(this.data)
    this.$files = find('[data-role="files"]')
    this.$folder = find('[data-role="folder"]')
    this.$dropZone = find('[data-role="drop-zone"]')
    this.$progressArea = find('[data-role="progress-area"]')
    this.$progress = find('[data-role="progress"]')
    this.$progressText = find('[data-role="progress-text"]')
    this.$status = find('[data-role="status"]')
    this.$results = find('[data-role="results"]')
    if (!('webkitdirectory' in this.$folder)) find('[data-role="folder-field"]').hidden = true
    this.$module = $module
    this.useReader(reading.open(document.getElementById('mpw-programme-worker'), this.data))
    this.reset()
    this.$files.addEventListener('change', this.handlePicked.bind(this, this.$files, false))
    this.$folder.addEventListener('change', this.handlePicked.bind(this, this.$folder, true))
    this.$dropZone.addEventListener('dragover', function (event) {
      event.preventDefault()
      this.$dropZone.classList.add('dragging')
    }.bind(this))
    this.$dropZone.addEventListener('dragleave', function () { this.$dropZone.classList.remove('dragging') }.bind(this))
    this.$dropZone.addEventListener('drop', this.handleDrop.bind(this))
    this.$results.addEventListener('change', this.handleControl.bind(this))
    dom.onAction(this.$results, { print: this.print, tidy: this.downloadTidy, summary: this.downloadFigures, clear: this.clear }, this)
  }

  /**
   * Read files with this reader (a Promise of one); the page says which (data-reading: worker or
   * page), for whoever looks into why a page is slow.
   */
  Programme.prototype.useReader = function (reader) {
    this.reader = reader
    reader.then(function (chosen) { this.$module.setAttribute('data-reading', chosen.kind) }.bind(this))
  }

  Programme.prototype.announce = function (message) {
    dom.announce(this.$status, message)
  }

  /** Forget every file read: nothing was stored, so nothing else changes. */
  Programme.prototype.reset = function () {
    this.chosen = [] // every {files, skipped} read so far, to read again on the page if the Worker stops
    this.report = null
    this.showNames = false
    this.$results.hidden = true
    this.$results.textContent = ''
  }

  Programme.prototype.handlePicked = function ($input, fromFolder) {
    var files = Array.prototype.slice.call($input.files || [])
    $input.value = ''
    var json = fromFolder ? files.filter(isJsonName) : files
    if (fromFolder && !json.length) return this.noJson()
    this.load(json, files.length - json.length)
  }

  /** A folder that gave no .json files (WebKitGTK may give none at all): say so, and what to do. */
  Programme.prototype.noJson = function () {
    var message = this.view.text('no_json')
    this.$progressText.textContent = message
    this.$progressArea.hidden = false
    this.$progress.hidden = true
    this.announce(message)
  }

  function isJsonName (file) {
    return /\.json$/i.test(file.name)
  }

  /** Dropped files, and the .json files inside dropped folders (read through their entries). */
  Programme.prototype.handleDrop = function (event) {
    event.preventDefault()
    this.$dropZone.classList.remove('dragging')
    var self = this
    var items = Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.items) || [])
    var entries = items.map(function (item) { return item.webkitGetAsEntry ? item.webkitGetAsEntry() : null })
    if (!entries.length || entries.some(function (entry) { return !entry })) {
      return this.load(Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.files) || []), 0)
    }
    var files = []
    var skipped = 0
    var pending = 0
    var finish = function () {
      if (pending !== 0) return
      if (!files.length) return self.noJson()
      self.load(files, skipped)
    }
    var visit = function (entry, inFolder) {
      pending += 1
      if (entry.isFile) {
        entry.file(function (file) {
          if (!inFolder || isJsonName(file)) files.push(file)
          else skipped += 1
          pending -= 1
          finish()
        }, function () { pending -= 1; finish() })
        return
      }
      var reader = entry.createReader()
      var readMore = function () {
        reader.readEntries(function (batch) {
          if (!batch.length) { pending -= 1; return finish() }
          batch.forEach(function (child) { visit(child, true) })
          readMore() // a folder gives its entries in batches
        }, function () { pending -= 1; finish() })
      }
      readMore()
    }
    entries.forEach(function (entry) { visit(entry, false) })
  }

  /**
   * Read and check files, listing those that do not pass; one bad file never stops the rest. The
   * progress bar moves as the reader checks them, and the view is drawn when all are in. Each choice
   * starts over: a view of these files and one of these files with more added, set side by side,
   * would give the added services' held-back figures away by difference.
   */
  Programme.prototype.load = function (files, skipped) {
    if (this.loading || (!files.length && !skipped)) return
    if (this.chosen.length) {
      this.reset()
      this.withReader(function (reader) { return reader.clear() })
    }
    this.loading = true
    this.chosen.push({ files: files, skipped: skipped })
    this.$progressArea.hidden = false
    this.$progress.hidden = false
    this.$progress.max = Math.max(files.length, 1)
    this.progress(0, files.length)
    var progress = function (done) { this.progress(done, files.length) }.bind(this)
    this.withReader(function (reader) { return reader.load(files, skipped, progress) })
      .then(this.loaded.bind(this))
  }

  Programme.prototype.progress = function (done, total) {
    this.$progress.value = done
    this.$progressText.textContent = this.view.text('reading', { done: done, total: total })
  }

  /**
   * Ask the reader something. If its Worker stops (it never should), every file chosen so far is
   * read again on the page, and the question asked again there.
   * @param {function(Object): Promise} ask
   * @returns {Promise}
   */
  Programme.prototype.withReader = function (ask) {
    var self = this
    return this.reader.then(function (reader) {
      return ask.call(self, reader).catch(function (error) {
        if (reader.kind !== 'worker') throw error
        if (typeof console === 'object') console.warn('mpw: the across-services Worker stopped, so files are read on the page:', error)
        var page = new reading.PageReader(self.data)
        self.useReader(Promise.resolve(page))
        return self.readAgain(page).then(function () { return ask.call(self, page) })
      })
    })
  }

  /** Read every file chosen before the last load again, on the page (the last is read by its own call). */
  Programme.prototype.readAgain = function (reader) {
    var earlier = this.chosen.slice(0, this.loading ? -1 : this.chosen.length)
    var files = [].concat.apply([], earlier.map(function (batch) { return batch.files }))
    var skipped = earlier.reduce(function (sum, batch) { return sum + batch.skipped }, 0)
    return files.length || skipped ? reader.load(files, skipped, function () {}) : Promise.resolve()
  }

  Programme.prototype.loaded = function (report) {
    this.loading = false
    this.$progressArea.hidden = true
    this.show(report)
    this.announce(this.view.readText(report))
  }

  /** Draw a report, unless the files were set aside since it was asked for. */
  Programme.prototype.show = function (report) {
    if (!this.chosen.length) return
    this.report = report
    this.view.draw(this.$results, report, { showNames: this.showNames })
  }

  /** "Show service names": the view is drawn again, with focus kept on the box. */
  Programme.prototype.handleControl = function (event) {
    if (event.target.getAttribute('data-control') !== 'names') return
    this.showNames = event.target.checked
    this.show(this.report)
    var $again = this.$results.querySelector('[data-control="names"]')
    if ($again) $again.focus()
  }

  Programme.prototype.print = function () {
    window.print()
  }

  Programme.prototype.downloadTidy = function () {
    var name = 'mpw-across-services-tidy-' + MPW.format.now().slice(0, 10) + '.csv'
    this.withReader(function (reader) { return reader.tidy() }).then(function (blob) { this.download(blob, name) }.bind(this))
  }

  Programme.prototype.downloadFigures = function () {
    this.download(MPW.gather.figuresCsv(this.report, this.data), 'mpw-across-services-figures-' + MPW.format.now().slice(0, 10) + '.csv')
  }

  /** Offer CSV (text, or a Blob of it) as a download, and say so. */
  Programme.prototype.download = function (parts, name) {
    dom.offerDownload(parts, 'text/csv', name)
    this.announce(dom.fill(this.strings.downloaded, { file: name }))
  }

  Programme.prototype.clear = function () {
    this.reset()
    this.withReader(function (reader) { return reader.clear() })
    this.announce(this.view.text('cleared'))
    this.$files.focus()
  }

  // Started by MPW.start (core/start.js), which removes the "not started" notice only if this returns.
  MPW.register(COMPONENT, Programme)
})(window.MPW)
