/**
 * The self-assessment component: started on [data-module="mpw-assessment"].
 * It binds the server-rendered form to an assessment object, autosaves it to browser storage,
 * keeps a list of saved assessments, and downloads and imports files. Text a person typed or a
 * file contained is only ever set through .value or .textContent.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  // The plan's text inputs in each indicator, by data-role, and the rating field each fills.
  var PLAN_TEXT = [['next-steps', 'next_steps'], ['lead', 'lead'], ['due-date', 'due_date'], ['due-cycle', 'due_cycle']]

  /** Thrown when the page lacks an element the component needs. */
  function MissingElementError (selector) {
    this.name = 'MissingElementError'
    this.message = 'mpw-assessment: the page has no element matching ' + selector
  }
  MissingElementError.prototype = Object.create(Error.prototype)

  /**
   * @param {HTMLElement} $module
   * @constructor
   */
  function Assessment ($module) {
    this.$module = $module
    this.data = JSON.parse(this.find('#mpw-assessment-data').textContent)
    this.strings = this.data.strings
    this.readStatements()
    this.$form = this.find('[data-role="form"]')
    this.$status = this.find('[data-role="status"]')
    this.$progress = this.find('[data-role="progress"]')
    this.$lastDownloaded = this.find('[data-role="last-downloaded"]')
    this.$storageWarning = this.find('[data-role="storage-warning"]')
    this.$damaged = this.find('[data-role="damaged"]')
    this.$elsewhere = this.find('[data-role="elsewhere"]')
    this.$errorSummary = this.find('[data-role="error-summary"]')
    this.$library = this.find('[data-role="library-list"]')
    this.$importFile = this.find('[data-role="import-file"]')
    this.$dropZone = this.find('[data-role="drop-zone"]')
    this.$libraryHeading = this.find('#library-heading')
    this.libraryTitle = this.$libraryHeading.textContent
    this.store = MPW.Store.open()
    this.store.upgradeRecords(format.upgrade) // files of an older format, with the originals kept aside
    this.current = null
    this.base = null // `updated` of the stored version the screen is based on; null if not stored
    this.conflict = null // a newer stored version from another tab, while saving is paused
    this.checked = {} // format checks of stored records, by id, reused while `updated` is unchanged
  }

  /** Take each indicator's statement texts from its form labels (the build does not repeat them in the data). */
  Assessment.prototype.readStatements = function () {
    this.data.indicators.forEach(function (indicator) {
      var $labels = this.$module.querySelectorAll('[data-indicator="' + indicator.id + '"] [data-role="statement"] + label')
      indicator.statements = Array.prototype.slice.call($labels, 0, 5).map(function ($label) {
        return $label.lastChild.textContent.trim()
      })
    }, this)
  }

  /** Find one element inside the module, or fail naming what is missing. */
  Assessment.prototype.find = function (selector) {
    var $element = this.$module.querySelector(selector)
    if (!$element) throw new MissingElementError(selector)
    return $element
  }

  /** Start the component: show the script-only parts, open an assessment and listen. */
  Assessment.prototype.init = function () {
    // The js-enabled class shows these before first paint; a theme's older template may still mark them hidden.
    Array.prototype.forEach.call(this.$module.querySelectorAll('.js-only'), function ($el) { $el.hidden = false })
    this.openInitial()
    this.initDiscussion()
    this.$form.addEventListener('input', this.handleInput.bind(this))
    this.$form.addEventListener('change', this.handleInput.bind(this))
    this.$form.addEventListener('submit', function (event) { event.preventDefault() })
    this.$module.addEventListener('click', this.handleClick.bind(this))
    this.$importFile.addEventListener('change', this.handleFilePicked.bind(this))
    this.$dropZone.addEventListener('dragover', function (event) { event.preventDefault(); this.classList.add('dragging') })
    this.$dropZone.addEventListener('dragleave', function () { this.classList.remove('dragging') })
    this.$dropZone.addEventListener('drop', this.handleDrop.bind(this))
    this.$errorSummary.addEventListener('click', this.handleErrorLink.bind(this))
    window.addEventListener('beforeunload', this.handleBeforeUnload.bind(this))
    window.addEventListener('storage', this.handleStorageEvent.bind(this))
    if (window.performance && performance.mark) performance.mark('mpw-assessment-ready') // read by the benchmark
  }

  /** Saved assessments that pass the format checks, newest first; others stay untouched in storage. */
  Assessment.prototype.savedAssessments = function () {
    return Object.keys(this.store.records).map(this.checkedRecord, this)
      .filter(function (assessment) { return assessment !== null })
      .sort(function (a, b) { return a.updated < b.updated ? 1 : -1 })
  }

  /** A stored record as a checked assessment, or null if it does not pass (old or damaged). */
  Assessment.prototype.checkedRecord = function (id) {
    var record = this.store.records[id]
    var cached = this.checked[id]
    if (!cached || cached.updated !== record.updated) {
      cached = this.checked[id] = { updated: record.updated, assessment: format.check(record, this.data).assessment }
    }
    return cached.assessment
  }

  /** Stored records that cannot be opened: kept untouched, offered for download, never dropped silently. */
  Assessment.prototype.unopenable = function () {
    return Object.keys(this.store.records).filter(function (id) { return this.checkedRecord(id) === null }, this)
  }

  /** Open the assessment the person last worked on, else the newest, else a new empty one. */
  Assessment.prototype.openInitial = function () {
    var saved = this.savedAssessments()
    var last = saved.filter(function (assessment) { return assessment.id === this.store.current }, this)[0]
    this.show(last || saved[0] || format.create(this.data))
    this.renderStorageWarning()
    this.renderDamaged()
  }

  /**
   * Make an assessment the one on screen.
   * @param {Object} assessment
   */
  Assessment.prototype.show = function (assessment) {
    this.current = assessment
    this.conflict = null
    this.$elsewhere.hidden = true
    var stored = this.store.get(assessment.id)
    this.base = stored ? stored.updated : null
    if (stored) this.store.setCurrent(assessment.id)
    this.fillForm()
    this.renderProgress()
    this.renderLibrary()
    this.renderLastDownloaded()
  }

  /** Put the current assessment's values into the form. */
  Assessment.prototype.fillForm = function () {
    var a = this.current
    this.$form.querySelector('#service-name').value = a.service.name
    this.$form.querySelector('#organisations').value = a.service.organisations
    this.$form.querySelector('#participants').value = a.service.participants
    this.$form.querySelector('#assessment-date').value = a.date || ''
    this.$form.querySelector('#review-cycle').value = a.review_cycle
    this.eachInput('[data-field="purposes"]', function ($input) { $input.checked = a.purposes.indexOf($input.value) !== -1 })
    this.eachInput('[data-field="method"]', function ($input) { $input.checked = $input.value === a.method })
    this.eachInput('[data-domain-field]', function ($input) {
      var notes = a.domains[$input.getAttribute('data-domain')]
      var value = notes ? notes[$input.getAttribute('data-domain-field')] : null
      if ($input.type === 'checkbox') $input.checked = value === true
      else $input.value = value || ''
    })
    this.eachInput('[data-indicator]', this.fillIndicator.bind(this))
  }

  Assessment.prototype.eachInput = function (selector, callback) {
    Array.prototype.forEach.call(this.$form.querySelectorAll(selector), callback)
  }

  /** Show one indicator's rating in its fieldset. */
  Assessment.prototype.fillIndicator = function ($fieldset) {
    var rating = this.current.ratings[$fieldset.getAttribute('data-indicator')] || {}
    Array.prototype.forEach.call($fieldset.querySelectorAll('[data-role="statement"]'), function ($input) {
      $input.checked = String(rating.statement) === $input.value
    })
    Array.prototype.forEach.call($fieldset.querySelectorAll('[data-role="evidence"]'), function ($input) {
      $input.checked = rating.evidence === $input.value
    })
    $fieldset.querySelector('[data-role="note"]').value = rating.note || ''
    $fieldset.querySelector('[data-role="target"]').value = rating.target ? String(rating.target) : ''
    PLAN_TEXT.forEach(function (pair) { $fieldset.querySelector('[data-role="' + pair[0] + '"]').value = rating[pair[1]] || '' })
    $fieldset.querySelector('[data-role="plan"]').open = format.hasPlan(rating, this.data)
    this.showLastPlan($fieldset, this.current.last_plan[$fieldset.getAttribute('data-indicator')])
    this.shadeIndicator($fieldset, rating)
  }

  /** Last cycle's plan for one indicator, read-only: "Last cycle you were at S2 and aimed for S3 by 31/03/2027." */
  Assessment.prototype.showLastPlan = function ($fieldset, plan) {
    var $last = $fieldset.querySelector('[data-role="last-plan"]')
    $last.hidden = !plan
    if (!plan) return
    var from = this.label(plan.statement)
    var sentence = plan.target ? format.fill(this.strings.last_plan_aimed, { from: from, target: this.label(plan.target) })
      : format.fill(this.strings.last_plan_was, { from: from })
    var when = this.whenText(plan)
    if (when) sentence += ' ' + format.fill(this.strings.last_plan_by, { when: when })
    var parts = [sentence + '.']
    if (plan.next_steps) parts.push(format.fill(this.strings.last_plan_steps, { steps: plan.next_steps }))
    if (plan.lead) parts.push(format.fill(this.strings.last_plan_lead, { lead: plan.lead }))
    $last.textContent = parts.join(' ')
  }

  /** "31/03/2027 (6-month review)": a plan's date and review, either or both. */
  Assessment.prototype.whenText = function (plan) {
    var date = plan.due_date ? this.day(plan.due_date) : ''
    return date && plan.due_cycle ? date + ' (' + plan.due_cycle + ')' : date || plan.due_cycle
  }


  /**
   * Mark the chosen statement and its evidence level; evidence and a target apply only to S1–S5.
   * The plan is offered once a statement or N/A is chosen, and asks about a target below it.
   */
  Assessment.prototype.shadeIndicator = function ($fieldset, rating) {
    var rated = typeof rating.statement === 'number'
    $fieldset.setAttribute('data-answered', rating.statement ? 'true' : 'false')
    $fieldset.setAttribute('data-evidence', rated && rating.evidence ? rating.evidence : 'none')
    Array.prototype.forEach.call($fieldset.querySelectorAll('[data-role="evidence"]'), function ($input) {
      $input.disabled = !rated
    })
    $fieldset.querySelector('[data-role="plan"]').hidden = !rating.statement
    $fieldset.querySelector('[data-role="target-field"]').hidden = !rated
    var $warning = $fieldset.querySelector('[data-role="target-warning"]')
    var stepBack = rated && rating.target && rating.target < rating.statement
    $warning.hidden = !stepBack
    $warning.textContent = stepBack ? format.fill(this.strings.target_step_back, {
      target: this.label(rating.target), current: this.label(rating.statement) }) : ''
  }

  /** Read a change from the form into the current assessment, then save. */
  Assessment.prototype.handleInput = function (event) {
    var $input = event.target
    // A box, a radio or a select fires input and then change for one choice: save once, on change.
    if (event.type === 'input' && ($input.type === 'checkbox' || $input.type === 'radio' || $input.tagName === 'SELECT')) return
    var a = this.current
    var field = $input.getAttribute('data-field')
    var $indicator = $input.closest('[data-indicator]')
    if (field === 'service.name') a.service.name = $input.value
    else if (field === 'service.organisations') a.service.organisations = $input.value
    else if (field === 'service.participants') a.service.participants = $input.value
    else if (field === 'date') a.date = $input.value || null
    else if (field === 'review_cycle') a.review_cycle = $input.value
    else if (field === 'method') a.method = $input.value
    else if (field === 'purposes') a.purposes = this.checkedValues('[data-field="purposes"]')
    else if ($input.hasAttribute('data-domain-field')) this.updateDomainNotes($input)
    else if ($indicator) this.updateRating($indicator)
    else return
    this.save()
  }

  Assessment.prototype.checkedValues = function (selector) {
    return Array.prototype.filter.call(this.$form.querySelectorAll(selector), function ($i) { return $i.checked })
      .map(function ($i) { return $i.value })
  }

  Assessment.prototype.updateDomainNotes = function ($input) {
    var number = $input.getAttribute('data-domain')
    var notes = this.current.domains[number] || { context: '', reflections: '', priority: false, first_steps: '' }
    notes[$input.getAttribute('data-domain-field')] = $input.type === 'checkbox' ? $input.checked : $input.value
    this.current.domains[number] = notes
  }

  /** Rebuild one indicator's rating from its fieldset. */
  Assessment.prototype.updateRating = function ($fieldset) {
    var id = $fieldset.getAttribute('data-indicator')
    var $statement = $fieldset.querySelector('[data-role="statement"]:checked')
    var $evidence = $fieldset.querySelector('[data-role="evidence"]:checked')
    var statement = $statement ? ($statement.value === 'n/a' ? 'n/a' : Number($statement.value)) : null
    var evidence = typeof statement === 'number' && $evidence ? $evidence.value : null
    if (statement === 'n/a' && $evidence) $evidence.checked = false
    var $target = $fieldset.querySelector('[data-role="target"]')
    if (typeof statement !== 'number') $target.value = '' // N/A has no target
    var rating = { statement: statement, evidence: evidence, note: $fieldset.querySelector('[data-role="note"]').value,
      target: $target.value ? Number($target.value) : null }
    PLAN_TEXT.forEach(function (pair) { rating[pair[1]] = $fieldset.querySelector('[data-role="' + pair[0] + '"]').value })
    rating.due_date = rating.due_date || null
    this.current.ratings[id] = rating
    this.shadeIndicator($fieldset, rating)
    this.renderProgress()
  }

  /**
   * Autosave the current assessment and report the outcome. If another tab saved a different
   * version since this page last did, nothing is written: the person chooses what to keep.
   */
  Assessment.prototype.save = function () {
    this.current.updated = format.now()
    var stored = this.store.peek(this.current.id)
    if (!this.conflict && stored && stored.updated !== this.base) this.showConflict(stored)
    if (this.conflict) return this.announce(this.strings.not_saved_conflict)
    var saved = this.store.put(this.current)
    if (saved) {
      this.base = this.current.updated
      this.store.setCurrent(this.current.id)
    }
    this.renderStorageWarning()
    this.renderLibrary()
    if (saved) this.announce(format.fill(this.strings.saved, { time: this.time(this.current.updated) }))
  }

  /**
   * Another tab or window changed this site's storage. Show its newer version of the open
   * assessment when this page has nothing unsaved; otherwise stop and ask.
   */
  Assessment.prototype.handleStorageEvent = function (event) {
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
        this.showElsewhere(format.fill(this.strings.changed_elsewhere, { time: this.time(newer.updated) }), false)
      }
    }
    this.renderLibrary()
    this.renderDamaged()
  }

  /** Pause saving: another tab saved a version this page has not seen. */
  Assessment.prototype.showConflict = function (stored) {
    this.conflict = stored
    this.showElsewhere(format.fill(this.strings.conflict, { time: this.time(stored.updated) }), true)
  }

  Assessment.prototype.showElsewhere = function (message, choices) {
    this.$elsewhere.querySelector('[data-role="elsewhere-text"]').textContent = message
    this.$elsewhere.querySelector('[data-role="elsewhere-choices"]').hidden = !choices
    this.$elsewhere.hidden = false
    this.announce(message)
  }

  /** Resolve a conflict by showing the other tab's version; this page's unsaved changes are dropped. */
  Assessment.prototype.takeOther = function () {
    var other = this.conflict && format.check(this.conflict, this.data).assessment
    if (!other) return
    this.show(other)
    this.announce(format.fill(this.strings.opened, { name: this.nameOf(other) }))
    this.$form.querySelector('#details-heading').focus()
  }

  /** Resolve a conflict by keeping both: this page's version is saved as a separate copy. */
  Assessment.prototype.keepMine = function () {
    var mine = this.current
    mine.id = format.uuid()
    mine.created = mine.updated = format.now()
    this.conflict = null
    this.$elsewhere.hidden = true
    this.base = null
    this.save()
    this.announce(format.fill(this.strings.kept_copy, { name: this.nameOf(mine) }))
    this.$libraryHeading.focus()
  }

  /** Say when saved data could not be opened, and offer it for download or deletion. */
  Assessment.prototype.renderDamaged = function () {
    var count = this.store.setAside().length + this.unopenable().length
    this.$damaged.hidden = count === 0
    this.$damaged.querySelector('[data-role="damaged-text"]').textContent =
      format.fill(this.strings.damaged, { n: count })
  }

  /**
   * The page's locale for dates and times (en-GB, cy-GB), not the browser's: a Welsh or English
   * page writes 23/11/2026, 14:43 wherever it is opened. A browser without the page's locale
   * falls back to British English, which writes dates the same way.
   */
  Assessment.prototype.locale = function () {
    if (!this.chosenLocale) {
      var supported = window.Intl && Intl.DateTimeFormat.supportedLocalesOf ? Intl.DateTimeFormat.supportedLocalesOf([this.data.locale]) : []
      this.chosenLocale = supported[0] || 'en-GB'
    }
    return this.chosenLocale
  }

  /** A timestamp as local time for people, written as the page's language writes it. */
  Assessment.prototype.time = function (iso) {
    var date = new Date(iso)
    return isNaN(date) ? iso : date.toLocaleString(this.locale(), { dateStyle: 'short', timeStyle: 'short' })
  }

  /** A calendar day (YYYY-MM-DD) as the page's language writes it: 02/03/2026. */
  Assessment.prototype.day = function (isoDay) {
    var parts = String(isoDay).split('-').map(Number)
    var date = new Date(parts[0], parts[1] - 1, parts[2])
    if (parts.length !== 3 || isNaN(date)) return isoDay
    date.setFullYear(parts[0]) // years below 100 are not 19xx
    return date.toLocaleDateString(this.locale(), { day: '2-digit', month: '2-digit', year: 'numeric' })
  }

  /** Write to the polite live region. */
  Assessment.prototype.announce = function (message) {
    this.$status.textContent = message
  }

  /** Show or hide the plain-words warning that this browser is not keeping the work. */
  Assessment.prototype.renderStorageWarning = function () {
    var reasons = {
      blocked: 'storage_blocked', full: 'storage_full', unreadable: 'storage_unreadable', 'read-failed': 'storage_read_failed'
    }
    var problem = this.store.problem
    this.$storageWarning.hidden = problem === null
    // With nothing written at all, the list holds only what is open on this page: say so.
    this.$libraryHeading.textContent = problem === 'blocked' || problem === 'read-failed'
      ? this.strings.library_heading_unsaved : this.libraryTitle
    if (problem !== null) {
      this.$storageWarning.textContent = format.fill(this.strings.not_saved, { reason: this.strings[reasons[problem]] })
    }
  }

  /** Count answered indicators (N/A counts) overall and per domain, and show them. */
  Assessment.prototype.renderProgress = function () {
    var ratings = this.current.ratings
    var total = 0
    var answered = 0
    this.data.domains.forEach(function (domain) {
      var ids = this.data.indicators.filter(function (i) { return i.domain === domain.number })
      var done = ids.filter(function (i) { return ratings[i.id] && ratings[i.id].statement }).length
      total += ids.length
      answered += done
      var $domain = this.$form.querySelector('[data-domain-progress="' + domain.number + '"]')
      $domain.textContent = format.fill(this.strings.answered, { n: done, total: ids.length })
    }, this)
    this.$progress.textContent = format.fill(this.strings.answered, { n: answered, total: total })
  }

  /** Move focus to the first unanswered indicator after the one in focus, wrapping round. */
  Assessment.prototype.focusNextUnanswered = function () {
    var $all = Array.prototype.slice.call(this.$form.querySelectorAll('[data-indicator]'))
    var $active = document.activeElement && document.activeElement.closest('[data-indicator]')
    var start = $active ? $all.indexOf($active) + 1 : 0
    var ordered = $all.slice(start).concat($all.slice(0, start))
    var $next = ordered.filter(function ($f) { return $f.getAttribute('data-answered') !== 'true' })[0]
    if (!$next) return this.announce(this.strings.all_answered)
    $next.scrollIntoView({ block: 'start' })
    $next.querySelector('[data-role="statement"]').focus()
  }

  /** Route a click on any [data-action] button to its method. */
  Assessment.prototype.handleClick = function (event) {
    var $button = event.target.closest('[data-action]')
    if (!$button) return
    var id = $button.getAttribute('data-id')
    var actions = {
      'new': function () { this.startNew() },
      'open': function () { this.openSaved(id) },
      'rename': function () { this.rename(id) },
      'duplicate': function () { this.duplicate(id) },
      'delete': function () { this.remove(id) },
      'clear-all': function () { this.clearAll() },
      'download-json': function () { this.downloadJson() },
      'download-csv': function () { this.downloadCsv() },
      'download-plan-csv': function () { this.downloadPlanCsv() },
      'next-unanswered': function () { this.focusNextUnanswered() },
      'take-other': function () { this.takeOther() },
      'keep-mine': function () { this.keepMine() },
      'download-damaged': function () { this.downloadDamaged() },
      'discard-damaged': function () { this.discardDamaged() },
      'show-view': function () { this.showView() },
      'print-view': function () { this.printView() },
      'save-composite': function () { this.saveComposite() },
      'keep-compared': function () { this.keepCompared(id) }
    }
    var action = actions[$button.getAttribute('data-action')]
    if (action) action.call(this)
  }

  /** Warn before leaving with changes that are not in a downloaded file, or a composite's unsaved agreed choices. */
  Assessment.prototype.handleBeforeUnload = function (event) {
    var warning = this.hasUnsavedComposite() ? this.strings.unsaved_composite_warning
      : this.hasUndownloadedChanges() ? this.strings.unsaved_warning : null
    if (!warning) return
    event.preventDefault()
    event.returnValue = warning
    return warning
  }

  Assessment.prototype.hasUndownloadedChanges = function () {
    var last = this.store.lastDownloaded(this.current.id)
    var touched = this.current.updated !== this.current.created
    return touched && (!last || last < this.current.updated)
  }

  MPW.Assessment = Assessment
  MPW.MissingElementError = MissingElementError

  // Started by MPW.start (core/start.js), which removes the "not saving" notice only if this returns.
  MPW.register('mpw-assessment', function ($module) { new Assessment($module).init() })
})(window.MPW = window.MPW || {})
