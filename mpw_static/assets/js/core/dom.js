/**
 * The helpers every component shares, each defined once here: catalogue text (fill, plural),
 * elements (el, find, each), the live region (announce), clicks on [data-action] buttons, dates
 * and times in the page's language, shortened text, and downloads.
 *
 * Nothing here touches the page until it is called, so Node loads this file too (tests/js).
 */
(function (MPW) {
  'use strict'

  function has (object, key) {
    return Object.prototype.hasOwnProperty.call(object, key)
  }

  /**
   * Fill {placeholders} in a catalogue string; a placeholder without a value stays as it is.
   * @param {string} text
   * @param {Object<string, *>} values
   * @returns {string}
   */
  function fill (text, values) {
    return text.replace(/\{(\w+)\}/g, function (match, key) {
      return has(values, key) ? String(values[key]) : match
    })
  }

  /**
   * A counted phrase from the catalogue: the entry key_zero, key_one, key_two, key_few, key_many
   * or key_other that the language's plural rules choose for n (Welsh uses all six), else
   * key_other, with {n} and any other values filled in.
   * @param {Object<string, string>} strings
   * @param {string} key
   * @param {number} n
   * @param {string} locale - "en", "cy", "cy-GB"…
   * @param {Object<string, *>} [values]
   * @returns {string}
   */
  function plural (strings, key, n, locale, values) {
    var form = 'other'
    try {
      form = new Intl.PluralRules(locale).select(n)
    } catch (error) {
      // No Intl.PluralRules, or an unknown locale: the general form.
    }
    var text = has(strings, key + '_' + form) ? strings[key + '_' + form] : strings[key + '_other']
    return fill(text, Object.assign({ n: n }, values || {}))
  }

  /**
   * Thrown when a page lacks an element a component needs; the message names both.
   * @param {string} component - e.g. "mpw-assessment"
   * @param {string} selector
   */
  function MissingElementError (component, selector) {
    this.name = 'MissingElementError'
    this.message = component + ': the page has no element matching ' + selector
  }
  MissingElementError.prototype = Object.create(Error.prototype)

  /**
   * One element inside $root, or a MissingElementError naming the component and the selector.
   * @returns {HTMLElement}
   */
  function find ($root, selector, component) {
    var $element = $root.querySelector(selector)
    if (!$element) throw new MissingElementError(component, selector)
    return $element
  }

  /** Call back with every element inside $root that matches the selector. */
  function each ($root, selector, callback, context) {
    Array.prototype.forEach.call($root.querySelectorAll(selector), callback, context)
  }

  /**
   * A new element with a class and text; text is always set as text, never as markup.
   * @param {string} tag
   * @param {string} [className]
   * @param {(string|number)} [text]
   * @returns {HTMLElement}
   */
  function el (tag, className, text) {
    var $el = document.createElement(tag)
    if (className) $el.className = className
    if (text !== undefined && text !== null) $el.textContent = text
    return $el
  }

  var pending = typeof WeakMap === 'function' ? new WeakMap() : null // a live region's message still to come

  /**
   * Say something in a live region. The same message twice in a row is cleared first and said again
   * a moment later, so that assistive technology reads it again; any later message replaces it.
   */
  function announce ($region, message) {
    if (pending && pending.has($region)) {
      window.clearTimeout(pending.get($region))
      pending.delete($region)
    }
    if ($region.textContent !== message || !message || !pending) {
      $region.textContent = message
      return
    }
    $region.textContent = ''
    pending.set($region, window.setTimeout(function () {
      pending.delete($region)
      $region.textContent = message
    }, 50))
  }

  /**
   * Route clicks on [data-action] buttons inside $root to the handlers of one component. Each
   * component names only its own actions; a button of another component is left to that one.
   * @param {HTMLElement} $root
   * @param {Object<string, function(string, HTMLElement)>} actions - called with the button's data-id
   * @param {Object} context - `this` for the handlers
   */
  function onAction ($root, actions, context) {
    $root.addEventListener('click', function (event) {
      var $button = event.target.closest('[data-action]')
      var action = $button && $button.getAttribute('data-action')
      if (action && has(actions, action)) actions[action].call(context, $button.getAttribute('data-id'), $button)
    })
  }

  var locales = {} // the supported locale for each locale asked for

  /**
   * The page's locale for dates and times (en-GB, cy-GB), not the browser's: a Welsh or English
   * page writes 23/11/2026, 14:43 wherever it is opened. A browser without the page's locale
   * falls back to British English, which writes dates the same way.
   */
  function locale (wanted) {
    if (!has(locales, wanted)) {
      var supported = []
      try {
        supported = Intl.DateTimeFormat.supportedLocalesOf([wanted])
      } catch (error) {
        // No Intl, or not a language tag: British English, which writes dates the same way.
      }
      locales[wanted] = supported[0] || 'en-GB'
    }
    return locales[wanted]
  }

  var formats = {} // one Intl.DateTimeFormat per locale and style: making one costs far more than using it

  /** A date written by the locale's formatter for these options, made on first use. */
  function written (date, wanted, options) {
    var key = locale(wanted) + ' ' + JSON.stringify(options)
    if (!has(formats, key)) formats[key] = new Intl.DateTimeFormat(locale(wanted), options)
    return formats[key].format(date)
  }

  /**
   * A timestamp as local time for people, written as the page's language writes it: 23/11/2026, 14:43.
   * The parts are named, not dateStyle 'short', which writes a Welsh year in two digits in Firefox
   * and WebKit (23/11/26) beside the four of the page's days.
   */
  var TIME = { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
  function time (iso, wanted) {
    var date = new Date(iso)
    return isNaN(date) ? iso : written(date, wanted, TIME)
  }

  /** A calendar day (YYYY-MM-DD) as the page's language writes it: 02/03/2026. */
  function day (isoDay, wanted) {
    var parts = String(isoDay).split('-').map(Number)
    var date = new Date(parts[0], parts[1] - 1, parts[2])
    if (parts.length !== 3 || isNaN(date)) return isoDay
    date.setFullYear(parts[0]) // years below 100 are not 19xx
    return written(date, wanted, { day: '2-digit', month: '2-digit', year: 'numeric' })
  }

  /** Today in the browser's own time zone, as YYYY-MM-DD, for comparing with a plan's dates. */
  function today () {
    var now = new Date()
    var pad = function (n, width) { return ('000' + n).slice(-width) }
    return pad(now.getFullYear(), 4) + '-' + pad(now.getMonth() + 1, 2) + '-' + pad(now.getDate(), 2)
  }

  /**
   * Text shortened for a list or a label: at most `most` characters, counted as Python counts
   * them (code points, so an emoji is never cut in half), the cut marked with an ellipsis.
   */
  function shorten (text, most) {
    var points = Array.from(text)
    return points.length > most ? points.slice(0, most - 1).join('') + '…' : text
  }

  /**
   * A message as a sentence of its own, starting with a capital: refusals are worded to follow a file's
   * name ("team.json: the file is not valid JSON."), and an error summary lists one file's alone.
   */
  function sentence (text) {
    return text.charAt(0).toUpperCase() + text.slice(1)
  }

  /** Offer text (or chunks of it) as a download; works on file:// and over http. */
  function offerDownload (parts, type, name) {
    var url = URL.createObjectURL(new Blob([].concat(parts), { type: type }))
    var $link = document.createElement('a')
    $link.href = url
    $link.download = name
    document.body.appendChild($link)
    $link.click()
    document.body.removeChild($link)
    window.setTimeout(function () { URL.revokeObjectURL(url) }, 1000)
  }

  MPW.dom = {
    has: has,
    fill: fill,
    plural: plural,
    MissingElementError: MissingElementError,
    find: find,
    each: each,
    el: el,
    announce: announce,
    onAction: onAction,
    locale: locale,
    time: time,
    day: day,
    today: today,
    shorten: shorten,
    sentence: sentence,
    offerDownload: offerDownload
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.dom
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
