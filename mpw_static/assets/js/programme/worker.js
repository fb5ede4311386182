/**
 * Across services: the page's Worker, which checks the files and works out the figures off the
 * page's thread. It is not loaded as a file: the build writes the pure modules it shares with the
 * page (core/dom.js, format, compare, programme/rule.js, figures.js, gather.js) and this loop, as
 * one script, into the page as data (#mpw-programme-worker), and programme/reading.js starts it
 * from a blob: URL, which works on file:// and over http alike under the page's policy
 * (worker-src blob:). The page reads the files and hands over their bytes (a Worker on file://
 * cannot read a file in WebKitGTK). Nothing here can reach the page, the network or storage.
 *
 * Messages in: start {data}, load {skipped}, files {items: [{name, size, result}], last}, tidy {id},
 * clear. Messages out: ready, checked {done} (after each batch, and within a long one), loaded
 * {report} (the page's one view of every file read), tidy {id, blob}, failed {message}.
 */
(function (scope, MPW) {
  'use strict'

  var gather = MPW.gather
  var EVERY = 50 // ms at most between two messages saying how many files are checked

  var data = null
  var gathering = null
  var loading = null // {checked} while files are coming

  function post (message) {
    scope.postMessage(message)
  }

  var handlers = {
    start: function (message) {
      data = message.data
      gathering = new gather.Gathering(data)
      post({ type: 'ready' })
    },

    load: function (message) {
      gathering.skip(message.skipped)
      loading = { checked: 0 }
    },

    /**
     * A batch of files' bytes (or why there are none), in the order the page chose them. How many
     * are checked is said after the batch, and every EVERY ms within a long one.
     */
    files: function (message) {
      var said = performance.now()
      message.items.forEach(function (item) {
        gathering.add(item.name, item.size, item.result)
        item.result = null // let the bytes go
        loading.checked += 1
        if (performance.now() - said < EVERY) return
        said = performance.now()
        post({ type: 'checked', done: loading.checked })
      })
      post({ type: 'checked', done: loading.checked })
      if (!message.last) return
      loading = null
      post({ type: 'loaded', report: gathering.report() })
    },

    tidy: function (message) {
      post({ type: 'tidy', id: message.id, blob: new Blob(gathering.tidy(), { type: 'text/csv' }) })
    },

    clear: function () {
      gathering = new gather.Gathering(data)
    }
  }

  scope.onmessage = function (event) {
    try {
      handlers[event.data.type](event.data)
    } catch (error) {
      post({ type: 'failed', message: String((error && error.message) || error) })
    }
  }
})(self, self.MPW)
