/**
 * The assessment page's workspace: what its rooms (the form, the saved list, files, discussion)
 * share. It holds the page's data, the store, and the assessment on screen; it saves, notices
 * another tab's changes, and speaks for the page (the status line, the error summary, the warning
 * that this browser is not keeping the work). Rooms hear of each other's changes through its
 * events, never by calling each other:
 *
 *   'shown'   (assessment, focus)  an assessment was put on screen; focus names where to go, if anywhere
 *   'stored'  (kind)               what is stored here changed: kind 'save' for the autosave of the
 *                                  assessment on screen, else null (an import, a rename, a deletion...)
 *   'cleared' ()                   everything this site keeps was forgotten (a shared computer)
 *   'leaving' (warnings)           the page is closing: push a warning if unsaved work would be lost
 *   'take-file' (item, done)       store an assessment read from a file, asking first about a saved copy;
 *                                  the files room answers, calling done(the stored assessment or null)
 *   'ready'   ()                   the page has started and shows its assessment
 *
 * Text a person typed or a file contained is only ever set through .value or .textContent.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format
  var MODULE = 'mpw-assessment'

  /**
   * @param {HTMLElement} $module - the page's [data-module="mpw-assessment"]
   * @constructor
   */
  function Workspace ($module) {
    this.$module = $module
    this.data = JSON.parse(this.find('#mpw-assessment-data').textContent)
    this.strings = this.data.strings
    this.$status = this.find('[data-role="status"]')
    this.$storageWarning = this.find('[data-role="storage-warning"]')
    this.$elsewhere = this.find('[data-role="elsewhere"]')
    this.$errorSummary = this.find('[data-role="error-summary"]')
    this.libraryTitle = this.find('#library-heading').textContent // the list's name, while storage works
    this.store = MPW.Store.open()
    this.store.upgradeRecords(format.upgrade) // files of an older format, with the originals kept aside
    this.current = null
    this.base = null // `updated` of the stored version the screen is based on; null if not stored
    this.conflict = null // a newer stored version from another tab, while saving is paused
    this.checked = {} // format checks of stored records, by id, reused while `updated` is unchanged
    this.listeners = {}
    dom.onAction($module, { 'take-other': this.takeOther, 'keep-mine': this.keepMine }, this)
    this.$errorSummary.addEventListener('click', this.handleErrorLink.bind(this))
    window.addEventListener('storage', this.handleStorageEvent.bind(this))
    window.addEventListener('beforeunload', this.handleBeforeUnload.bind(this))
  }

  /** One element inside the page's component, or an error naming what is missing. */
  Workspace.prototype.find = function (selector) {
    return dom.find(this.$module, selector, MODULE)
  }

  /**
   * Listen to one of the workspace's events. A listener that throws is reported and the others
   * still run; `room` names whose it is, and a failure of the form's stops the page's start.
   */
  Workspace.prototype.on = function (event, listener, room) {
    (this.listeners[event] = this.listeners[event] || []).push({ listener: listener, room: room })
  }

  Workspace.prototype.emit = function (event) {
    var args = Array.prototype.slice.call(arguments, 1)
    ;(this.listeners[event] || []).forEach(function (entry) {
      try {
        entry.listener.apply(null, args)
      } catch (error) {
        if (entry.room === 'form') throw error
        if (typeof console === 'object') console.error('mpw: ' + MODULE + ' ' + entry.room + ' failed on ' + event + ':', error)
      }
    })
  }

  /**
   * A stored record as a checked assessment, or null if it does not pass (old or damaged). The check
   * is remembered for that record as it was; every save forgets it (forgetChecked), as two saves
   * can share one `updated` time to the millisecond.
   */
  Workspace.prototype.checkedRecord = function (id) {
    var record = this.store.records[id]
    var cached = this.checked[id]
    if (!cached || cached.record !== record || cached.updated !== record.updated) {
      cached = this.checked[id] = { record: record, updated: record.updated, assessment: format.check(record, this.data).assessment }
    }
    return cached.assessment
  }

  /** The assessment was changed and saved: its remembered check no longer holds. */
  Workspace.prototype.forgetChecked = function (id) {
    delete this.checked[id]
  }

  /** Stored records that cannot be opened: kept untouched, offered for download, never dropped silently. */
  Workspace.prototype.unopenable = function () {
    return Object.keys(this.store.records).filter(function (id) { return this.checkedRecord(id) === null }, this)
  }

  /** Saved assessments that pass the format checks, newest first; others stay untouched in storage. */
  Workspace.prototype.savedAssessments = function () {
    return Object.keys(this.store.records).map(this.checkedRecord, this)
      .filter(function (assessment) { return assessment !== null })
      .sort(function (a, b) { return a.updated < b.updated ? 1 : -1 })
  }

  /** Saved assessments in the order they were started: rows that keep their place while people type. */
  Workspace.prototype.savedInOrder = function () {
    return this.savedAssessments().sort(function (a, b) { return a.created < b.created ? -1 : 1 })
  }

  /** The checked copy of one saved assessment, or null. */
  Workspace.prototype.saved = function (id) {
    return this.store.get(id) ? this.checkedRecord(id) : null
  }

  /** The copy of an assessment this page holds: the one on screen (it may be ahead of storage), else the stored one. */
  Workspace.prototype.savedCopy = function (id) {
    return this.current.id === id ? this.current : this.saved(id)
  }

  /** Open the assessment the person last worked on, else the newest, else a new empty one. */
  Workspace.prototype.openInitial = function () {
    var saved = this.savedAssessments()
    var last = saved.filter(function (assessment) { return assessment.id === this.store.current }, this)[0]
    this.show(last || saved[0] || format.create(this.data))
    this.renderStorageWarning()
  }

  /**
   * Make an assessment the one on screen, and tell the rooms.
   * @param {Object} assessment
   * @param {string} [focus] - where to move focus afterwards: 'details', 'name' or 'date' (the form's)
   */
  Workspace.prototype.show = function (assessment, focus) {
    this.current = assessment
    this.conflict = null
    this.$elsewhere.hidden = true
    var stored = this.store.get(assessment.id)
    this.base = stored ? stored.updated : null
    if (stored) this.store.setCurrent(assessment.id)
    this.emit('shown', assessment, focus || null)
    this.emit('stored', null)
  }

  /**
   * Autosave the assessment on screen and report the outcome. If another tab saved a different
   * version since this page last did, nothing is written: the person chooses what to keep.
   */
  Workspace.prototype.save = function () {
    this.current.updated = format.now()
    var stored = this.store.peek(this.current.id)
    if (!this.conflict && stored && stored.updated !== this.base) this.showConflict(stored)
    if (this.conflict) return this.announce(this.strings.not_saved_conflict)
    this.forgetChecked(this.current.id)
    var saved = this.store.put(this.current)
    if (saved) {
      this.base = this.current.updated
      this.store.setCurrent(this.current.id)
    }
    this.changed('save')
    if (saved) this.announce(dom.fill(this.strings.saved, { time: this.time(this.current.updated) }))
  }

  /**
   * Store an assessment that is not the one being edited (a renamed one, a copy, an import);
   * returns whether it reached storage.
   */
  Workspace.prototype.put = function (assessment) {
    this.forgetChecked(assessment.id)
    var saved = this.store.put(assessment)
    if (assessment === this.current && saved) this.base = assessment.updated
    return saved
  }

  /** After any change to what is stored: the warning if saving fails, and the rooms' lists. */
  Workspace.prototype.changed = function (kind) {
    this.renderStorageWarning()
    this.emit('stored', kind || null)
  }

  /** Forget everything this site keeps in this browser (for shared computers), and start afresh. */
  Workspace.prototype.clearAll = function () {
    this.store.clearAll()
    this.emit('cleared')
    this.show(format.create(this.data))
    this.renderStorageWarning()
  }

  /**
   * Another tab or window changed this site's storage. Show its newer version of the open
   * assessment when this page has nothing unsaved; otherwise stop and ask.
   */
  Workspace.prototype.handleStorageEvent = function (event) {
    if (event.key !== null && event.key.indexOf(MPW.Store.PREFIX) !== 0) return
    this.store.refresh()
    var stored = this.store.get(this.current.id)
    if (event.key === MPW.Store.RECORD_PREFIX + this.current.id && stored && stored.updated !== this.base) {
      var unsaved = this.base === null || this.current.updated !== this.base
      var newer = format.check(stored, this.data).assessment
      if (unsaved || !newer) {
        this.showConflict(stored)
      } else {
        this.show(newer)
        this.showElsewhere(dom.fill(this.strings.changed_elsewhere, { time: this.time(newer.updated) }), false)
      }
    }
    this.emit('stored', null)
  }

  /** Pause saving: another tab saved a version this page has not seen. */
  Workspace.prototype.showConflict = function (stored) {
    this.conflict = stored
    this.showElsewhere(dom.fill(this.strings.conflict, { time: this.time(stored.updated) }), true)
  }

  Workspace.prototype.showElsewhere = function (message, choices) {
    this.find('[data-role="elsewhere-text"]').textContent = message
    this.find('[data-role="elsewhere-choices"]').hidden = !choices
    this.$elsewhere.hidden = false
    this.announce(message)
  }

  /** Resolve a conflict by showing the other tab's version; this page's unsaved changes are dropped. */
  Workspace.prototype.takeOther = function () {
    var other = this.conflict && format.check(this.conflict, this.data).assessment
    if (!other) return
    this.show(other, 'details')
    this.announce(dom.fill(this.strings.opened, { name: this.nameOf(other) }))
  }

  /** Resolve a conflict by keeping both: this page's version is saved as a separate copy. */
  Workspace.prototype.keepMine = function () {
    var mine = this.current
    mine.id = format.uuid()
    mine.created = mine.updated = format.now()
    this.conflict = null
    this.$elsewhere.hidden = true
    this.base = null
    this.save()
    this.announce(dom.fill(this.strings.kept_copy, { name: this.nameOf(mine) }))
    this.find('#library-heading').focus()
  }

  /** Show or hide the plain-words warning that this browser is not keeping the work. */
  Workspace.prototype.renderStorageWarning = function () {
    var reasons = {
      blocked: 'storage_blocked', full: 'storage_full', unreadable: 'storage_unreadable', 'read-failed': 'storage_read_failed'
    }
    var problem = this.store.problem
    this.$storageWarning.hidden = problem === null
    if (problem !== null) {
      this.$storageWarning.textContent = dom.fill(this.strings.not_saved, { reason: this.strings[reasons[problem]] })
    }
  }

  /** Warn before leaving with changes that are not in a downloaded file, or any room's unsaved work. */
  Workspace.prototype.handleBeforeUnload = function (event) {
    var warnings = []
    this.emit('leaving', warnings)
    if (this.hasUndownloadedChanges()) warnings.push(this.strings.unsaved_warning)
    if (!warnings.length) return
    event.preventDefault()
    event.returnValue = warnings[0]
    return warnings[0]
  }

  Workspace.prototype.hasUndownloadedChanges = function () {
    var last = this.store.lastDownloaded(this.current.id)
    var touched = this.current.updated !== this.current.created
    return touched && (!last || last < this.current.updated)
  }

  /** Write to the polite live region. */
  Workspace.prototype.announce = function (message) {
    dom.announce(this.$status, message)
  }

  /**
   * GOV.UK-style error summary: it takes focus and lists each problem as a link to the field
   * concerned (the import field unless told otherwise), with every value set as text.
   * @param {{name: string, errors: string[]}[]} failures - name is a file name, or '' for a form problem
   * @param {string} [fieldId]
   * @param {{one: string, many: string}} [intros] - what was not done to the files, if not an import
   *   (files chosen to compare are not imported): the catalogue's texts for one file and for several
   */
  Workspace.prototype.showErrors = function (failures, fieldId, intros) {
    var texts = intros || { one: this.strings.import_failed, many: this.strings.import_failed_many }
    var intro = failures.length === 1
      ? dom.fill(texts.one, { file: failures[0].name })
      : dom.fill(texts.many, { n: failures.length })
    this.find('[data-role="error-intro"]').textContent = failures[0].name ? intro : ''
    var $list = this.find('[data-role="error-list"]')
    $list.textContent = ''
    failures.forEach(function (failure) {
      failure.errors.slice(0, 20).forEach(function (message) {
        var $link = dom.el('a', '', failures.length === 1 ? alone(message) : failure.name + ': ' + message)
        $link.href = '#' + (fieldId || 'import-file')
        $list.appendChild(dom.el('li')).appendChild($link)
      })
    })
    this.$errorSummary.hidden = false
    this.$errorSummary.focus()
  }

  // A message that starts with a field's path ("ratings.1.1.statement: …", "notes: …", "sources[0] …").
  var STARTS_WITH_PATH = /^\S*[.:[]/

  /**
   * One file's problem, listed without the file's name before it: a sentence of its own, with a capital
   * ("The file is not valid JSON."), unless it starts with the field's path, which stays as it is.
   */
  function alone (message) {
    return STARTS_WITH_PATH.test(message) ? message : dom.sentence(message)
  }

  Workspace.prototype.hideErrors = function () {
    this.$errorSummary.hidden = true
  }

  /** A link in the error summary moves focus to the field, with its label in view. */
  Workspace.prototype.handleErrorLink = function (event) {
    var $link = event.target.closest('a[href^="#"]')
    if (!$link) return
    var $field = document.getElementById($link.getAttribute('href').slice(1))
    if (!$field) return
    event.preventDefault()
    var $label = document.querySelector('label[for="' + $field.id + '"]')
    ;($label || $field).scrollIntoView({ block: 'center' })
    $field.focus({ preventScroll: true })
  }

  /**
   * Read chosen files as text, refusing each by its size before reading if it is too big, then
   * check each as a file of the format. Calls back once with every file, in the order chosen.
   * @param {File[]} files
   * @param {function({name: string, assessment: (Object|null), errors: string[]}[])} done
   */
  Workspace.prototype.readFiles = function (files, done) {
    var results = []
    var settle = function (index, result) {
      results[index] = result
      if (results.filter(Boolean).length === files.length) done(results)
    }
    files.forEach(function (file, index) { this.readFile(file, settle.bind(null, index)) }, this)
  }

  Workspace.prototype.readFile = function (file, done) {
    var data = this.data
    var strings = this.strings
    var refused = function (message) { done({ name: file.name, assessment: null, errors: [message] }) }
    if (file.size > data.limits.maxBytes) return refused(dom.fill(strings.err_too_big, { size: format.grouped(file.size), limit: format.grouped(data.limits.maxBytes) }))
    var reader = new FileReader()
    reader.onload = function () {
      var decoded = format.decode(reader.result)
      if (decoded.error) return refused(strings[decoded.error])
      var checked = format.parse(decoded.text, file.size, data)
      done({ name: file.name, assessment: checked.assessment, errors: checked.errors })
    }
    reader.onerror = function () { refused(strings.err_not_text) }
    reader.readAsArrayBuffer(file) // bytes, so that invalid UTF-8 is refused rather than read as U+FFFD
  }

  /**
   * The data's indicators with the text of their statements, which the build does not repeat in
   * the data: read from the form's labels the first time they are needed (a CSV, a composite).
   * A label is "S1" then the statement, whose text may be split into several nodes (a <wbr> after
   * each slash, a span marking its language): everything after the "S1" is the statement.
   */
  Workspace.prototype.indicators = function () {
    if (!this.withStatements) {
      this.data.indicators.forEach(function (indicator) {
        var $labels = this.$module.querySelectorAll('[data-indicator="' + indicator.id + '"] [data-role="statement"] + label')
        indicator.statements = Array.prototype.slice.call($labels, 0, 5).map(statementText)
      }, this)
      this.withStatements = true
    }
    return this.data.indicators
  }

  /** A statement's label without its "S1": the text of every node after the label's first. */
  function statementText ($label) {
    return Array.prototype.slice.call($label.childNodes, 1)
      .map(function (node) { return node.textContent }).join('').trim()
  }

  /** A display name for an assessment. */
  Workspace.prototype.nameOf = function (assessment) {
    return assessment.service.name.trim() || this.strings.untitled
  }

  /** S1…S5 or N/A as the matrix names them; a dash when there is no statement. */
  Workspace.prototype.label = function (statement) {
    return format.label(statement, this.data) || '—'
  }

  /**
   * Say where the version on record of an assessment came from, with one of three strings: it was
   * downloaded from this browser at {time}; it was opened from {file} at {time}; or neither. The files
   * room's toolbar and import question and the meeting record all say it so.
   */
  Workspace.prototype.recordText = function (id, downloaded, opened, never) {
    var store = this.store
    var last = store.lastDownloaded(id)
    var fromFile = store.fromFile(id)
    if (!last) return this.strings[never]
    if (fromFile && fromFile.version === last) {
      return dom.fill(this.strings[opened], { file: fromFile.file, time: this.time(fromFile.opened) })
    }
    return dom.fill(this.strings[downloaded], { time: this.time(last) })
  }

  /** A timestamp as local time, as the page's language writes it. */
  Workspace.prototype.time = function (iso) {
    return dom.time(iso, this.data.locale)
  }

  /** A calendar day (YYYY-MM-DD) as the page's language writes it: 02/03/2026. */
  Workspace.prototype.day = function (isoDay) {
    return dom.day(isoDay, this.data.locale)
  }

  /** A person's text shortened for a list: at most 80 characters, counted as Python does. */
  Workspace.prototype.shortText = function (text) {
    return dom.shorten(text.trim(), 80)
  }

  MPW.Workspace = Workspace
})(window.MPW)
