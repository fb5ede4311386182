/**
 * The site's search box. Without JavaScript it is never shown (base.html marks it js-only).
 *
 * The documents (built by mpw_static/search.py) and MiniSearch are loaded as scripts the first time
 * the box is used: a fetch of JSON does not work from file://, a script does, and pages that nobody
 * searches from stay light. Results are built with DOM methods; every piece of text goes in as text,
 * with the words that matched wrapped in <mark>.
 */
(function () {
  'use strict'

  var SHOWN = 20 // results listed at once; the status says how many there are in all
  var SNIPPET = 180 // characters of a result's text shown around its first match
  var TOKEN = /[^\n\r\p{Z}\p{P}]+/gu // a word, as MiniSearch's own tokenizer splits text
  var KIND_BOOST = { indicator: 1.5, domain: 1.5, question: 1.2, item: 1.2 }

  var $form = document.querySelector('[data-module="mpw-search"]')
  if (!$form) return
  var $input = $form.querySelector('[data-role="search-input"]')
  var $status = $form.querySelector('[data-role="search-status"]')
  var $results = $form.querySelector('[data-role="search-results"]')
  var strings = JSON.parse($form.getAttribute('data-strings'))
  var index = null // the MiniSearch index, once loaded
  var loading = null // the callbacks waiting for it

  function fill (text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole
    })
  }

  function addScript (src, done, failed) {
    var $script = document.createElement('script')
    $script.src = src
    $script.onload = done
    $script.onerror = failed
    document.head.appendChild($script)
  }

  /** Load the library and the documents once, then call back with the index (or null if they failed). */
  function whenLoaded (callback) {
    if (index) return callback(index)
    if (loading) return loading.push(callback)
    loading = [callback]
    var failed = function () {
      var waiting = loading
      loading = null
      $status.textContent = strings.failed
      waiting.forEach(function (wait) { wait(null) })
    }
    addScript($form.getAttribute('data-library'), function () {
      addScript($form.getAttribute('data-documents'), function () {
        index = build(window.MPW_SEARCH_DOCUMENTS || [])
        var waiting = loading
        loading = null
        waiting.forEach(function (wait) { wait(index) })
      }, failed)
    }, failed)
  }

  /**
   * A word as it is indexed and looked up: lower case, and an English plural as its singular, so that
   * "carers" finds "carer(s)" and "services" finds "service" (not a full stemmer: "ss" endings stay).
   */
  function normalise (word) {
    var term = word.toLowerCase()
    return term.length > 3 && /[^su']s$/.test(term) ? term.slice(0, -1) : term
  }

  function build (documents) {
    var search = new window.MiniSearch({
      fields: ['t', 'x', 'p'],
      storeFields: ['u', 'k', 't', 'x', 'p'],
      processTerm: normalise,
      searchOptions: {
        // The matrix's own parts come before a page section that mentions the same words.
        boostDocument: function (id, term, stored) { return KIND_BOOST[stored.k] || 1 },
        boost: { t: 3, p: 0.5 },
        prefix: true, // results while the last word is still being typed
        fuzzy: function (term) { return term.length > 5 ? 0.15 : false } // one slip in a longer word
      }
    })
    search.addAll(documents.map(function (document, number) {
      return { id: number, u: document.u, k: document.k, t: document.t, x: document.x, p: document.p }
    }))
    return search
  }

  /** Results for a query: every word must match; if no document has them all, any word will do. */
  function find (search, query) {
    var all = search.search(query, { combineWith: 'AND' })
    return all.length ? all : search.search(query)
  }

  /** Text, with each word in `terms` wrapped in <mark>, appended to $parent. */
  function marked ($parent, text, terms) {
    var last = 0
    text.replace(TOKEN, function (word, at) {
      if (terms[normalise(word)]) {
        $parent.appendChild(document.createTextNode(text.slice(last, at)))
        var $mark = document.createElement('mark')
        $mark.textContent = word
        $parent.appendChild($mark)
        last = at + word.length
      }
      return word
    })
    $parent.appendChild(document.createTextNode(text.slice(last)))
    return $parent
  }

  /** The part of a long text around its first matching word. */
  function snippet (text, terms) {
    if (text.length <= SNIPPET) return text
    var first = 0
    var match
    TOKEN.lastIndex = 0
    while ((match = TOKEN.exec(text))) {
      if (terms[normalise(match[0])]) { first = match.index; break }
    }
    var start = Math.max(0, first - 50)
    if (start > 0) start = text.indexOf(' ', start) + 1 || start
    var end = Math.min(text.length, start + SNIPPET)
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end
    return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '')
  }

  function el (tag, className, text) {
    var $el = document.createElement(tag)
    if (className) $el.className = className
    if (text) $el.textContent = text
    return $el
  }

  function show (query, results) {
    $results.textContent = ''
    if (!query) {
      $results.hidden = true
      $status.textContent = ''
      return
    }
    var base = $form.getAttribute('data-base')
    results.slice(0, SHOWN).forEach(function (result) {
      var terms = {}
      result.terms.forEach(function (term) { terms[term] = true })
      var $item = el('li', 'search-result')
      var $link = el('a')
      $link.href = base + result.u
      $item.appendChild(el('span', 'search-kind', strings['kind_' + result.k] || ''))
      $link.appendChild(marked(el('span', 'search-title'), result.t, terms))
      $item.appendChild($link)
      if (result.p) $item.appendChild(el('p', 'search-where', result.p))
      if (result.x) $item.appendChild(marked(el('p', 'search-text'), snippet(result.x, terms), terms))
      $results.appendChild($item)
    })
    $results.hidden = !results.length
    if (!results.length) $status.textContent = fill(strings.none, { query: query })
    else if (results.length === 1) $status.textContent = strings.one
    else if (results.length > SHOWN) $status.textContent = fill(strings.first, { n: results.length, shown: SHOWN })
    else $status.textContent = fill(strings.many, { n: results.length })
  }

  function update () {
    var query = $input.value.trim()
    if (query.length < 2) return show('', [])
    if (!index && !loading) $status.textContent = strings.loading
    whenLoaded(function (search) {
      if (search && $input.value.trim() === query) show(query, find(search, query))
    })
  }

  function links () {
    return Array.prototype.slice.call($results.querySelectorAll('a'))
  }

  $input.addEventListener('focus', function () { whenLoaded(function () {}) })
  $input.addEventListener('input', update)
  $form.addEventListener('submit', function (event) {
    event.preventDefault() // nothing is sent anywhere: Enter opens the first result
    var first = links()[0]
    if (first) first.click()
  })
  // Down from the box into the results, up and down between them, Escape back to an empty box.
  $form.addEventListener('keydown', function (event) {
    var all = links()
    var at = all.indexOf(document.activeElement)
    if (event.key === 'ArrowDown' && all.length && at < all.length - 1) {
      all[at + 1].focus()
      event.preventDefault()
    } else if (event.key === 'ArrowUp' && at >= 0) {
      (at === 0 ? $input : all[at - 1]).focus()
      event.preventDefault()
    } else if (event.key === 'Escape' && ($input.value || !$results.hidden)) {
      $input.value = ''
      show('', [])
      $input.focus()
    }
  })
  // A result on this same page only moves within it: close the results so the place is in view.
  $results.addEventListener('click', function (event) {
    if (event.target.closest('a')) window.setTimeout(function () { show('', []); $input.value = '' }, 0)
  })
})()
