/**
 * The site's search box ([data-module="mpw-search"]). Without JavaScript it is never shown
 * (base.html marks it js-only).
 *
 * The documents (built by mpw_static/search.py) and MiniSearch are loaded as scripts the first time
 * the box is used: a fetch of JSON does not work from file://, a script does, and pages that nobody
 * searches from stay light. Results are built with DOM methods; every piece of text goes in as text,
 * with the words that matched wrapped in <mark>.
 *
 * The text rules (how a word is indexed, which part of a long text is shown, which words are
 * marked, what the status says) are pure functions in MPW.search, which Node tests too.
 */
(function (MPW) {
  'use strict'

  var SHOWN = 20 // results listed at once; the status says how many there are in all
  var SNIPPET = 180 // characters of a result's text shown around its first match
  var TOKEN = /[^\n\r\p{Z}\p{P}]+/gu // a word, as MiniSearch's own tokenizer splits text
  var KIND_BOOST = { indicator: 1.5, domain: 1.5, question: 1.2, item: 1.2 }

  /**
   * A word as it is indexed and looked up: lower case, and an English plural as its singular, so that
   * "carers" finds "carer(s)" and "services" finds "service" (not a full stemmer: "ss" endings stay).
   */
  function normalise (word) {
    var term = word.toLowerCase()
    return term.length > 3 && /[^su']s$/.test(term) ? term.slice(0, -1) : term
  }

  /**
   * A text cut into pieces, each {text, marked}: marked where a word's indexed form is one of
   * `terms` (an object whose keys are the matched terms).
   * @returns {{text: string, marked: boolean}[]}
   */
  function pieces (text, terms) {
    var found = []
    var last = 0
    text.replace(TOKEN, function (word, at) {
      if (Object.prototype.hasOwnProperty.call(terms, normalise(word))) {
        if (at > last) found.push({ text: text.slice(last, at), marked: false })
        found.push({ text: word, marked: true })
        last = at + word.length
      }
      return word
    })
    if (last < text.length || !found.length) found.push({ text: text.slice(last), marked: false })
    return found
  }

  /** The part of a long text around its first matching word, cut at spaces, with ellipses where cut. */
  function snippet (text, terms) {
    if (text.length <= SNIPPET) return text
    var first = 0
    var match
    TOKEN.lastIndex = 0
    while ((match = TOKEN.exec(text))) {
      if (Object.prototype.hasOwnProperty.call(terms, normalise(match[0]))) { first = match.index; break }
    }
    TOKEN.lastIndex = 0
    var start = Math.max(0, first - 50)
    if (start > 0) start = text.indexOf(' ', start) + 1 || start
    var end = Math.min(text.length, start + SNIPPET)
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '')
  }

  /** What the status line says for `count` results of a query. */
  function statusText (strings, query, count) {
    if (!count) return MPW.dom.fill(strings.none, { query: query })
    if (count === 1) return strings.one
    if (count > SHOWN) return MPW.dom.fill(strings.first, { n: count, shown: SHOWN })
    return MPW.dom.fill(strings.many, { n: count })
  }

  /** Results for a query: every word must match; if no document has them all, any word will do. */
  function find (index, query) {
    var all = index.search(query, { combineWith: 'AND' })
    return all.length ? all : index.search(query)
  }

  /** A MiniSearch index of the site's documents, weighted so that the matrix's own parts come first. */
  function build (documents) {
    var index = new window.MiniSearch({
      fields: ['t', 'x', 'p'],
      storeFields: ['u', 'k', 't', 'x', 'p'],
      processTerm: normalise,
      searchOptions: {
        boostDocument: function (id, term, stored) { return KIND_BOOST[stored.k] || 1 },
        boost: { t: 3, p: 0.5 },
        prefix: true, // results while the last word is still being typed
        fuzzy: function (term) { return term.length > 5 ? 0.15 : false } // one slip in a longer word
      }
    })
    index.addAll(documents.map(function (document, number) {
      return { id: number, u: document.u, k: document.k, t: document.t, x: document.x, p: document.p }
    }))
    return index
  }

  /**
   * @param {HTMLFormElement} $form
   * @constructor
   */
  function Search ($form) {
    var find = function (selector) { return MPW.dom.find($form, selector, 'mpw-search') }
    this.$form = $form
    this.$input = find('[data-role="search-input"]')
    this.$status = find('[data-role="search-status"]')
    this.$results = find('[data-role="search-results"]')
    this.strings = JSON.parse($form.getAttribute('data-strings'))
    this.index = null // the MiniSearch index, once loaded
    this.loading = null // the callbacks waiting for it
    this.$input.addEventListener('focus', function () { this.whenLoaded(function () {}) }.bind(this))
    this.$input.addEventListener('input', this.update.bind(this))
    $form.addEventListener('submit', this.handleSubmit.bind(this))
    $form.addEventListener('keydown', this.handleKeydown.bind(this))
    // A result on this same page only moves within it: close the results so the place is in view.
    this.$results.addEventListener('click', function (event) {
      if (event.target.closest('a')) window.setTimeout(this.clear.bind(this), 0)
    }.bind(this))
  }

  /** Load the library and the documents once, then call back with the index (or null if they failed). */
  Search.prototype.whenLoaded = function (callback) {
    if (this.index) return callback(this.index)
    if (this.loading) return this.loading.push(callback)
    this.loading = [callback]
    var settle = function (index) {
      var waiting = this.loading
      this.loading = null
      if (!index) this.$status.textContent = this.strings.failed
      waiting.forEach(function (wait) { wait(index) })
    }.bind(this)
    var failed = function () { settle(null) }
    MPW.addScript(this.$form.getAttribute('data-library'), function () {
      MPW.addScript(this.$form.getAttribute('data-documents'), function () {
        this.index = build(window.MPW_SEARCH_DOCUMENTS || [])
        settle(this.index)
      }.bind(this), failed)
    }.bind(this), failed)
  }

  /** Text with its matching words in <mark>, appended to $parent. */
  Search.prototype.marked = function ($parent, text, terms) {
    pieces(text, terms).forEach(function (piece) {
      $parent.appendChild(piece.marked ? MPW.dom.el('mark', '', piece.text) : document.createTextNode(piece.text))
    })
    return $parent
  }

  Search.prototype.show = function (query, results) {
    var el = MPW.dom.el
    this.$results.textContent = ''
    if (!query) {
      this.$results.hidden = true
      this.$status.textContent = ''
      return
    }
    var base = this.$form.getAttribute('data-base')
    results.slice(0, SHOWN).forEach(function (result) {
      var terms = {}
      result.terms.forEach(function (term) { terms[term] = true })
      var $item = el('li', 'search-result')
      var $link = el('a')
      $link.href = base + result.u
      $item.appendChild(el('span', 'search-kind', this.strings['kind_' + result.k] || ''))
      $link.appendChild(this.marked(el('span', 'search-title'), result.t, terms))
      $item.appendChild($link)
      if (result.p) $item.appendChild(el('p', 'search-where', result.p))
      if (result.x) $item.appendChild(this.marked(el('p', 'search-text'), snippet(result.x, terms), terms))
      this.$results.appendChild($item)
    }, this)
    this.$results.hidden = !results.length
    this.$status.textContent = statusText(this.strings, query, results.length)
  }

  Search.prototype.clear = function () {
    this.show('', [])
    this.$input.value = ''
  }

  Search.prototype.update = function () {
    var query = this.$input.value.trim()
    if (query.length < 2) return this.show('', [])
    if (!this.index && !this.loading) this.$status.textContent = this.strings.loading
    this.whenLoaded(function (index) {
      if (index && this.$input.value.trim() === query) this.show(query, find(index, query))
    }.bind(this))
  }

  Search.prototype.links = function () {
    return Array.prototype.slice.call(this.$results.querySelectorAll('a'))
  }

  /** Nothing is sent anywhere: Enter opens the first result. */
  Search.prototype.handleSubmit = function (event) {
    event.preventDefault()
    var first = this.links()[0]
    if (first) first.click()
  }

  /** Down from the box into the results, up and down between them, Escape back to an empty box. */
  Search.prototype.handleKeydown = function (event) {
    var all = this.links()
    var at = all.indexOf(document.activeElement)
    if (event.key === 'ArrowDown' && all.length && at < all.length - 1) {
      all[at + 1].focus()
      event.preventDefault()
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? this.$input : all[at - 1]).focus()
      event.preventDefault()
    } else if (event.key === 'Escape' && (this.$input.value || !this.$results.hidden)) {
      this.clear()
      this.$input.focus()
    }
  }

  MPW.search = { SHOWN: SHOWN, normalise: normalise, pieces: pieces, snippet: snippet, statusText: statusText }
  if (MPW.register) MPW.register('mpw-search', Search)
  if (typeof module === 'object' && module.exports) module.exports = MPW.search
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
