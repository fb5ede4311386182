/**
 * How the across-services page reads files. The page reads each file's bytes (a few at a time,
 * ahead of those being checked), and a Worker checks them and works out the figures: the page
 * embeds the Worker's script as data (#mpw-programme-worker: the same pure modules the page loads,
 * and programme/worker.js) and starts it from a blob: URL, which the page's policy allows
 * (worker-src blob:) on file:// and over http alike. So the page's own thread only reads, hands
 * over and draws. Where a Worker cannot start (no Worker, a policy that refuses it, a script
 * error), the page checks the files itself, in slices so that it keeps answering. Both run the
 * same Gathering (programme/gather.js), so the figures are the same; both readers offer load,
 * report, tidy and clear, each giving a Promise.
 */
(function (MPW) {
  'use strict'

  var gather = MPW.gather
  var AHEAD = 64 // files being read at once
  var BURST = 8 // ms of starting reads at a time: starting one asks the browser for the file, and waits
  var WINDOW = 256 // files read and handed to the Worker that it has not checked yet, at most
  var PATIENCE = 5000 // ms to wait for a Worker to say it started, before checking on the page instead
  var SLICE = 30 // ms of checking between paints, on the page

  /**
   * The reader to use: a Worker once it has said that it started, else the page itself.
   * @param {?HTMLElement} $source - the data element holding the Worker's script, as JSON text
   * @param {Object} data - the page's embedded data
   * @returns {Promise<(WorkerReader|PageReader)>}
   */
  function open ($source, data) {
    return new Promise(function (resolve) {
      var worker = null
      var url = null
      var settle = function (reader) {
        resolve(reader)
        settle = function () {}
      }
      var fail = function (why) {
        if (worker) worker.terminate()
        report(why)
        settle(new PageReader(data))
      }
      try {
        if (!$source) throw new Error('the page has no #mpw-programme-worker')
        url = URL.createObjectURL(new Blob([JSON.parse($source.textContent)], { type: 'text/javascript' }))
        worker = new Worker(url)
      } catch (error) {
        return fail(error)
      }
      var timer = setTimeout(function () { fail('no answer within ' + PATIENCE + ' ms') }, PATIENCE)
      worker.onmessage = function (event) {
        clearTimeout(timer)
        URL.revokeObjectURL(url) // the Worker has its script: the address is not needed again
        if (event.data.type === 'ready') settle(new WorkerReader(worker, data))
        else fail(event.data.message)
      }
      worker.onerror = function (event) {
        event.preventDefault()
        clearTimeout(timer)
        fail(event.message || 'the Worker did not start')
      }
      worker.postMessage({ type: 'start', data: data })
    })
  }

  /** Say in the console why the files are read on the page; the page itself needs to say nothing. */
  function report (why) {
    if (typeof console === 'object') console.warn('mpw: the across-services Worker did not start, so files are read on the page:', why)
  }

  /**
   * Reads files on the page, up to AHEAD at once, and gives them back in the order they were chosen.
   * @param {File[]} files
   * @param {Object} data - the page's embedded data
   * @param {function(number): boolean} room - whether the file at this index may be read now
   * @param {function()} ready - called when the next file in order has been read
   * @constructor
   */
  function ReadAhead (files, data, room, ready) {
    this.files = files.slice() // its own list, whose files it lets go as it hands them on
    this.names = files.map(gather.nameOf)
    this.data = data
    this.room = room
    this.ready = ready
    this.results = [] // what readFile gave, until taken
    this.requested = 0
    this.reading = 0
    this.taken = 0
    this.pumpLater = later(this.pump.bind(this))
  }

  /**
   * Start reading the next files, as many as there is room for, for at most BURST ms: a busy
   * browser can take a while to answer each, and the page must answer meanwhile.
   */
  ReadAhead.prototype.pump = function () {
    var until = performance.now() + BURST
    while (this.requested < this.files.length && this.reading < AHEAD && this.room(this.requested)) {
      if (performance.now() > until) return this.pumpLater()
      this.read(this.requested++)
    }
  }

  ReadAhead.prototype.read = function (index) {
    this.reading += 1
    gather.readFile(this.files[index], this.data).then(function (result) {
      this.reading -= 1
      this.results[index] = result
      if (index === this.taken) this.ready()
      this.pump()
    }.bind(this))
  }

  /** Whether the next file in order has been read. */
  ReadAhead.prototype.hasNext = function () {
    return Boolean(this.results[this.taken])
  }

  /** The next file in order, once read, as {name, size, result}; else null. */
  ReadAhead.prototype.take = function () {
    if (!this.hasNext()) return null
    var index = this.taken++
    var item = { name: this.names[index], size: this.files[index].size, result: this.results[index] }
    this.files[index] = this.results[index] = null // let the file and its bytes go
    return item
  }

  /** Whether every file has been read and taken. */
  ReadAhead.prototype.finished = function () {
    return this.taken === this.files.length
  }

  /** Call fn on the next turn of the event loop, once however often it is asked. */
  function later (fn) {
    var scheduled = false
    return function () {
      if (scheduled) return
      scheduled = true
      setTimeout(function () {
        scheduled = false
        fn()
      }, 0)
    }
  }

  /**
   * Files checked in a Worker, which keeps them: the page hands it each file's bytes (transferred,
   * not copied), no more than WINDOW ahead of what it has checked, and asks it for what it shows.
   * @param {Worker} worker - one that said it started
   * @param {Object} data - the page's embedded data
   * @constructor
   */
  function WorkerReader (worker, data) {
    this.worker = worker
    this.data = data
    this.waiting = {} // request id: {resolve, reject}
    this.ids = 0
    this.loading = null // {progress, resolve, reject}
    this.broken = null
    worker.onmessage = this.handleMessage.bind(this)
    worker.onerror = function (event) {
      event.preventDefault()
      this.fail(event.message || 'the Worker stopped')
    }.bind(this)
  }

  WorkerReader.prototype.kind = 'worker'

  /**
   * Read and check files, after those read before; resolves with the report of all read.
   * @param {File[]} files
   * @param {number} skipped - other files of a chosen folder, not read
   * @param {function(number)} progress - called with the number of files checked
   */
  WorkerReader.prototype.load = function (files, skipped, progress) {
    if (this.broken) return Promise.reject(this.broken)
    var worker = this.worker
    return new Promise(function (resolve, reject) {
      var checked = 0
      var hand = later(function () {
        var items = []
        var buffers = []
        for (var item = ahead.take(); item; item = ahead.take()) {
          items.push(item)
          if (item.result.buffer) buffers.push(item.result.buffer)
        }
        if (items.length) worker.postMessage({ type: 'files', items: items, last: ahead.finished() }, buffers)
      })
      var ahead = new ReadAhead(files, this.data, function (index) { return index - checked < WINDOW }, hand)
      this.loading = {
        resolve: resolve,
        reject: reject,
        progress: function (done) {
          checked = done
          progress(done)
          ahead.pump()
        }
      }
      worker.postMessage({ type: 'load', skipped: skipped })
      if (files.length) ahead.pump()
      else worker.postMessage({ type: 'files', items: [], last: true })
    }.bind(this))
  }

  WorkerReader.prototype.handleMessage = function (event) {
    var message = event.data
    var loading = this.loading
    if (message.type === 'checked' && loading) loading.progress(message.done)
    else if (message.type === 'loaded' && loading) {
      this.loading = null
      loading.resolve(message.report)
    } else if (message.type === 'failed') this.fail(message.message)
    else if (this.waiting[message.id]) {
      var answer = this.waiting[message.id]
      delete this.waiting[message.id]
      answer.resolve(message.blob)
    }
  }

  /** A Worker that stops or fails says so to everything waiting on it, and is not asked again. */
  WorkerReader.prototype.fail = function (why) {
    this.broken = new Error(String(why))
    this.worker.terminate()
    if (this.loading) this.loading.reject(this.broken)
    this.loading = null
    Object.keys(this.waiting).forEach(function (id) { this.waiting[id].reject(this.broken) }, this)
    this.waiting = {}
  }

  WorkerReader.prototype.ask = function (message) {
    if (this.broken) return Promise.reject(this.broken)
    return new Promise(function (resolve, reject) {
      message.id = ++this.ids
      this.waiting[message.id] = { resolve: resolve, reject: reject }
      this.worker.postMessage(message)
    }.bind(this))
  }

  /** The tidy data as a Blob of CSV, made in the Worker. */
  WorkerReader.prototype.tidy = function () {
    return this.ask({ type: 'tidy' })
  }

  /** Forget every file read. */
  WorkerReader.prototype.clear = function () {
    if (!this.broken) this.worker.postMessage({ type: 'clear' })
    return Promise.resolve()
  }

  /**
   * Files checked on the page itself, where a Worker cannot start: in slices of about SLICE ms,
   * so that the page paints and answers between them and the progress bar moves.
   * @param {Object} data - the page's embedded data
   * @constructor
   */
  function PageReader (data) {
    this.data = data
    this.gathering = new gather.Gathering(data)
  }

  PageReader.prototype.kind = 'page'

  PageReader.prototype.load = function (files, skipped, progress) {
    var gathering = this.gathering
    gathering.skip(skipped)
    return new Promise(function (resolve) {
      var work = later(function () {
        var until = performance.now() + SLICE
        for (var item = ahead.take(); item; item = performance.now() < until ? ahead.take() : null) {
          gathering.add(item.name, item.size, item.result)
        }
        progress(ahead.taken)
        if (ahead.finished()) return resolve(gathering.report())
        ahead.pump()
        if (ahead.hasNext()) work()
      })
      var ahead = new ReadAhead(files, this.data, function (index) { return index - ahead.taken < AHEAD }, work)
      ahead.pump()
      if (!files.length) work()
    }.bind(this))
  }

  PageReader.prototype.tidy = function () {
    return Promise.resolve(new Blob(this.gathering.tidy(), { type: 'text/csv' }))
  }

  PageReader.prototype.clear = function () {
    this.gathering = new gather.Gathering(this.data)
    return Promise.resolve()
  }

  MPW.programmeReading = {
    open: open,
    WorkerReader: WorkerReader,
    PageReader: PageReader
  }
})(window.MPW)
