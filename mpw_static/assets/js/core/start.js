/**
 * Starting the page's components, after GOV.UK Frontend's createAll. Each component's script
 * registers a constructor under its data-module name (MPW.register); once the page is parsed,
 * MPW.start hands every [data-module] element to its constructor, each inside its own try/catch, so
 * that one component's failure neither stops the others nor goes unsaid.
 *
 * A component's element may hold a [data-role="not-started"] notice ("this page is not saving your
 * work"). It is removed only when the constructor returned: a page whose script failed keeps saying
 * so. A page made of rooms (the assessment page: the form, the saved list, files, discussion) starts
 * them with MPW.startRooms, each in its own try/catch too; a room that fails shows its own notice.
 *
 * MPW.load adds scripts the page needs only on first use (the discussion views), from the folder
 * this file was loaded from; the single-file edition has every script inline already. Such a part's
 * words come in a script of their own, loaded just before its code, that adds them to the page's
 * catalogue (MPW.addStrings): the page embeds only the words its start uses.
 */
(function (MPW) {
  'use strict'

  var components = {} // data-module name: constructor
  var rooms = {} // data-module name of a page: [{name, Room}], in the order their scripts ran
  var catalogues = [] // the catalogues the page's rooms read (startRooms), which a part's words join
  var added = [] // the words the parts loaded so far brought, for a catalogue that comes later

  /** Register a component's constructor, called with its element. */
  function register (name, Component) {
    components[name] = Component
  }

  /** Register a room of a page's component, called with the page's element and what the rooms share. */
  function registerRoom (module, name, Room) {
    (rooms[module] = rooms[module] || []).push({ name: name, Room: Room })
  }

  /** Say in the console which component failed and why; the page says it in its own words. */
  function report (name, error) {
    if (typeof console === 'object') console.error('mpw: ' + name + ' did not start:', error)
  }

  /** Start every registered component in $scope (the document) that has not started yet. */
  function start ($scope) {
    Array.prototype.forEach.call($scope.querySelectorAll('[data-module]'), function ($module) {
      var name = $module.getAttribute('data-module')
      if ($module.hasAttribute('data-module-started') || !Object.prototype.hasOwnProperty.call(components, name)) return
      try {
        new components[name]($module) // the component keeps itself: its listeners hold it
      } catch (error) {
        report(name, error)
        $module.setAttribute('data-module-failed', '')
        return
      }
      $module.setAttribute('data-module-started', '')
      var $notice = $module.querySelector('[data-role="not-started"]')
      if ($notice) $notice.remove() // last: only a component that really started says nothing
    })
  }

  /**
   * Start the rooms registered for a page's component. A room that throws is reported and shows
   * a notice naming the part of the page that does not work (strings.room_<name>), in its own
   * [data-room] element if the page has one, else at the top of the page's component. The page
   * names the rooms it expects (data-rooms="form library ..."), so that a room whose script never
   * ran (blocked, or missing) is said too.
   * @param {string} module - the page's data-module name
   * @param {HTMLElement} $module
   * @param {Object} shared - what every room is given (the assessment page's workspace)
   * @param {Object<string, string>} strings - the page's catalogue
   * @returns {Object<string, Object>} the rooms that started, by name
   */
  function startRooms (module, $module, shared, strings) {
    useStrings(strings)
    var started = {}
    var failed = {}
    ;(rooms[module] || []).forEach(function (entry) {
      try {
        started[entry.name] = new entry.Room($module, shared)
      } catch (error) {
        report(module + ' ' + entry.name, error)
        failed[entry.name] = true
      }
    })
    ;($module.getAttribute('data-rooms') || '').split(/\s+/).filter(Boolean).forEach(function (name) {
      if (!started[name] && !failed[name]) report(module + ' ' + name, 'no script registered it')
      if (!started[name]) failed[name] = true
    })
    Object.keys(failed).forEach(function (name) { roomNotice($module, name, strings) })
    return started
  }

  /** Let the words that parts bring (addStrings) join this catalogue, the object the page's code reads. */
  function useStrings (strings) {
    if (!strings || catalogues.indexOf(strings) !== -1) return
    catalogues.push(strings)
    added.forEach(function (words) { Object.assign(strings, words) })
  }

  /**
   * Add a lazily loaded part's words to the page's catalogue, so that its code finds them where it
   * finds every other word (called by static/strings/<language>/<part>.js, which the build writes).
   * @param {Object<string, string>} words
   */
  function addStrings (words) {
    added.push(words)
    catalogues.forEach(function (strings) { Object.assign(strings, words) })
  }

  function roomNotice ($module, name, strings) {
    var $notice = document.createElement('p')
    $notice.className = 'notice room-not-started'
    $notice.setAttribute('role', 'alert')
    $notice.setAttribute('data-room-failed', name)
    $notice.textContent = MPW.dom.fill(strings.room_not_started, { part: strings['room_' + name] || name })
    var $room = $module.querySelector('[data-room="' + name + '"]')
    if ($room) $room.insertBefore($notice, $room.firstChild)
    else $module.insertBefore($notice, $module.firstChild)
  }

  // The folder of this script's folder (static/js/), from which MPW.load adds scripts; '' when the
  // scripts are inline (the single-file edition), where every script is already on the page.
  var base = typeof document === 'object' && document.currentScript && document.currentScript.src
    ? document.currentScript.src.replace(/core\/start\.js([?#].*)?$/, '') : ''
  var loaded = {} // path: true once run, or the callbacks waiting for it

  /** Add one script to the page: works on file:// and under the pages' policy (the site's own files). */
  function addScript (src, done, failed) {
    var $script = document.createElement('script')
    $script.src = src
    $script.onload = done
    $script.onerror = failed
    document.head.appendChild($script)
  }

  /**
   * Run the scripts at these paths (under static/js/), in order, once each, then call done; failed
   * is called if one cannot be loaded (and it may be tried again later).
   * @param {string[]} paths - e.g. ["discuss/compare.js", "discuss/views.js"]
   */
  function load (paths, done, failed) {
    if (!base || !paths.length) return done()
    var path = paths[0]
    var rest = function () { load(paths.slice(1), done, failed) }
    if (loaded[path] === true) return rest()
    if (loaded[path]) return loaded[path].push({ done: rest, failed: failed })
    loaded[path] = [{ done: rest, failed: failed }]
    var settle = function (ok) {
      var waiting = loaded[path]
      loaded[path] = ok ? true : undefined
      waiting.forEach(function (wait) { if (ok) wait.done(); else if (wait.failed) wait.failed() })
    }
    addScript(base + path, function () { settle(true) }, function () { settle(false) })
  }

  MPW.register = register
  MPW.registerRoom = registerRoom
  MPW.start = start
  MPW.startRooms = startRooms
  MPW.addScript = addScript
  MPW.load = load
  MPW.useStrings = useStrings
  MPW.addStrings = addStrings
  if (typeof document === 'object') {
    document.addEventListener('DOMContentLoaded', function () { start(document) })
  }
  if (typeof module === 'object' && module.exports) module.exports = { register: register, registerRoom: registerRoom, start: start, startRooms: startRooms, load: load, useStrings: useStrings, addStrings: addStrings }
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
