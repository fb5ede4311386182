/**
 * The discussion room of the assessment page: the list of assessments to compare (those saved
 * here, and files opened for comparison only, kept in memory unless the person asks to keep one),
 * the choice of view, and the view on screen. The views themselves (a development profile, the
 * improvement plan, a composite, the distance travelled) and the charts are loaded the first time
 * one is asked for (MPW.load; the single-file edition has them inline already), which keeps the
 * page light for a team that only fills in the form.
 *
 * A view is a constructor given this room; it draws into this.$discussion with render(assessments),
 * and may answer the controls it drew (handleControl, handleInput) and the actions of its buttons
 * (actions). The composite's drafts stay with this room (discuss/drafts.js), so that a reload
 * brings them back and leaving the page asks first, whether or not a view was loaded.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var SINGLE = { profile: true, plan: true } // views of one assessment; the others compare two or more

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Discussion ($module, workspace) {
    this.$module = $module
    this.workspace = workspace
    this.data = workspace.data
    this.strings = workspace.strings
    this.extra = [] // {assessment, file}: opened for comparison, not stored
    this.drafts = new MPW.Drafts(this.data)
    this.views = {} // the views drawn so far, by name
    this.view = null // the view on screen
    this.$list = workspace.find('[data-role="discuss-list"]')
    this.$discussion = workspace.find('[data-role="discussion"]')
    this.$compareFiles = workspace.find('[data-role="compare-files"]')
    this.$compareFiles.addEventListener('change', this.handleCompareFiles.bind(this))
    this.$discussion.addEventListener('change', this.handleControl.bind(this))
    this.$discussion.addEventListener('input', this.handleControl.bind(this))
    dom.onAction($module, { 'show-view': this.showChosenView, 'keep-compared': this.keepCompared, 'print-view': this.print }, this)
    dom.onAction(this.$discussion, { 'save-composite': this.viewAction, 'download-plan-csv': this.viewAction }, this)
    window.addEventListener('afterprint', function () { document.body.classList.remove('print-view') })
    workspace.on('stored', this.renderList.bind(this), 'discuss')
    workspace.on('cleared', this.clear.bind(this), 'discuss')
    workspace.on('leaving', this.handleLeaving.bind(this), 'discuss')
    workspace.on('ready', this.restoreDrafts.bind(this), 'discuss')
    // The views' scripts start loading as soon as someone turns to the discussion, not only on Show.
    var $room = $module.querySelector('[data-room="discuss"]')
    var preload = this.preload.bind(this)
    if ($room) ['focusin', 'pointerdown'].forEach(function (type) { $room.addEventListener(type, preload, { once: true }) })
  }

  /** Load the views' scripts ahead of their first use; a failure is said when a view is asked for. */
  Discussion.prototype.preload = function () {
    MPW.load(this.data.scripts.discussion, function () {}, function () {})
  }

  /** The views, by name; each view's script registers itself here (MPW.Discussion.views). */
  Discussion.views = {}

  /**
   * Every assessment that can be compared: saved ones, then files opened for comparison. Each is
   * keyed by its assessment id, which stays the same when a compared file is kept, so ticks follow
   * the assessment, not its place in the list. Ids are unique here: a repeat is refused on adding.
   */
  Discussion.prototype.comparable = function () {
    var saved = this.workspace.savedInOrder().map(function (assessment) { return { key: assessment.id, assessment: assessment, file: null } })
    var savedIds = saved.map(function (item) { return item.key })
    return saved.concat(this.extra.filter(function (item) { return savedIds.indexOf(item.assessment.id) === -1 })
      .map(function (item) { return { key: item.assessment.id, assessment: item.assessment, file: item.file } }))
  }

  /** An assessment's name, cycle and date: "Composite: Riverside cluster · Baseline · 02/03/2026". */
  Discussion.prototype.describe = function (assessment) {
    var workspace = this.workspace
    var name = assessment.method === 'composite' ? dom.fill(this.strings.composite_name, { name: workspace.nameOf(assessment) }) : workspace.nameOf(assessment)
    return [name, assessment.review_cycle, workspace.day(MPW.compare.dayOf(assessment))].filter(Boolean).join(' · ')
  }

  /** What tells entries of one team apart: who took part, where it came from, and when it last changed. */
  Discussion.prototype.detailOf = function (item) {
    return [
      this.workspace.shortText(item.assessment.service.participants),
      item.file ? dom.fill(this.strings.discuss_from_file, { file: item.file }) : this.strings.discuss_saved_here,
      dom.fill(this.strings.discuss_changed, { time: this.workspace.time(item.assessment.updated) })
    ].filter(Boolean).join(' · ')
  }

  /**
   * The checkbox list of assessments to compare. It is rebuilt only when the assessments in it
   * change; otherwise labels are updated in place, so ticks and focus stay where they are.
   */
  Discussion.prototype.renderList = function () {
    var items = this.comparable()
    var keys = items.map(function (item) { return item.key }).join('|')
    if (keys === this.listKeys && items.length) return items.forEach(this.fillChoice, this)
    this.listKeys = keys
    var chosen = this.chosenKeys()
    this.$list.textContent = ''
    if (!items.length) return this.$list.appendChild(el('p', 'hint', this.strings.discuss_none))
    items.forEach(function (item, index) {
      var $choice = el('div', 'choice')
      var $box = $choice.appendChild(el('input'))
      $box.type = 'checkbox'
      $box.id = 'discuss-pick-' + index
      $box.value = item.key
      $box.setAttribute('data-role', 'discuss-pick')
      $box.checked = chosen.indexOf(item.key) !== -1
      var $label = $choice.appendChild(el('label'))
      $label.htmlFor = $box.id
      $label.appendChild(el('span', 'discuss-name'))
      $label.appendChild(el('span', 'hint discuss-detail'))
      if (item.file) {
        var $keep = el('button', 'button button-small button-secondary', this.strings.discuss_keep)
        $keep.type = 'button'
        $keep.setAttribute('data-action', 'keep-compared')
        $keep.setAttribute('data-id', item.key)
        $keep.appendChild(el('span', 'visually-hidden', ': ' + item.file))
        $choice.appendChild($keep)
      }
      this.$list.appendChild($choice)
      this.fillChoice(item)
    }, this)
  }

  /** Put an entry's current name and details into its label. */
  Discussion.prototype.fillChoice = function (item) {
    var $label = this.box(item.key).parentNode.querySelector('label')
    $label.querySelector('.discuss-name').textContent = this.describe(item.assessment)
    $label.querySelector('.discuss-detail').textContent = this.detailOf(item)
  }

  /** The checkbox of one assessment id, found by comparing values (ids may hold any characters). */
  Discussion.prototype.box = function (key) {
    return Array.prototype.filter.call(this.$list.querySelectorAll('[data-role="discuss-pick"]'), function ($box) {
      return $box.value === key
    })[0] || null
  }

  Discussion.prototype.chosenKeys = function () {
    return Array.prototype.filter.call(this.$list.querySelectorAll('[data-role="discuss-pick"]'), function ($box) {
      return $box.checked
    }).map(function ($box) { return $box.value })
  }

  Discussion.prototype.chosen = function () {
    var keys = this.chosenKeys()
    return this.comparable().filter(function (item) { return keys.indexOf(item.key) !== -1 }).map(function (item) { return item.assessment })
  }

  /** The file an assessment was opened from for comparison, or null if it is saved here. */
  Discussion.prototype.fileOf = function (assessment) {
    var opened = this.extra.filter(function (item) { return item.assessment.id === assessment.id })[0]
    return opened ? opened.file : null
  }

  /** Open files for comparison only: checked like an import, kept in memory, not stored. */
  Discussion.prototype.handleCompareFiles = function () {
    var files = Array.prototype.slice.call(this.$compareFiles.files || [])
    this.$compareFiles.value = ''
    if (files.length) this.workspace.readFiles(files, this.addCompared.bind(this))
  }

  /**
   * Add checked files to the list and tick them. An assessment already in the list (saved here, or
   * added before) is refused with a message: counted twice, one person would weigh double.
   */
  Discussion.prototype.addCompared = function (results) {
    var failures = []
    var added = []
    results.forEach(function (result) {
      if (!result.assessment) return failures.push({ name: result.name, errors: result.errors })
      var already = this.comparable().filter(function (item) { return item.key === result.assessment.id })[0]
      if (already) {
        return failures.push({ name: result.name, errors: [dom.fill(this.strings.discuss_err_listed, { name: this.describe(already.assessment) })] })
      }
      this.extra.push({ assessment: result.assessment, file: result.name })
      added.push(result.assessment.id)
    }, this)
    this.renderList()
    added.forEach(function (key) { this.box(key).checked = true }, this)
    if (added.length) this.workspace.announce(dom.plural(this.strings, 'discuss_added', added.length, this.data.locale))
    if (failures.length) { // not imported: kept out of the list, and nothing was stored either way
      this.workspace.showErrors(failures, 'compare-files', { one: this.strings.compare_failed, many: this.strings.compare_failed_many })
    }
    else this.workspace.hideErrors()
  }

  /**
   * Store a file opened for comparison, at the person's request, as an import (the files room
   * asks which copy to keep if it is saved here meanwhile); its tick stays as it was.
   */
  Discussion.prototype.keepCompared = function (key) {
    var item = this.extra.filter(function (entry) { return entry.assessment.id === key })[0]
    if (!item) return
    var ticked = this.box(key).checked
    this.workspace.emit('take-file', { name: item.file, assessment: item.assessment }, function (kept) {
      if (!kept) return
      this.extra.splice(this.extra.indexOf(item), 1)
      this.renderList()
      this.box(kept.id).checked = ticked
      this.box(kept.id).focus()
    }.bind(this))
  }

  /** Show the view chosen with the radios, or say in the error summary what it needs. */
  Discussion.prototype.showChosenView = function () {
    var $view = this.$module.querySelector('[data-role="discuss-view"]:checked')
    var name = $view ? $view.value : 'profile'
    var chosen = this.chosen()
    var problem = null
    if (SINGLE[name] && chosen.length > 1) problem = this.strings.discuss_need_one
    if (!SINGLE[name] && chosen.length < 2) problem = this.strings.discuss_need_two
    if (problem) return this.workspace.showErrors([{ name: '', errors: [problem] }], 'discuss-pick-0')
    this.workspace.hideErrors()
    this.show(name, SINGLE[name] ? [chosen[0] || this.workspace.current] : chosen, true)
  }

  /**
   * Draw a view of these assessments, loading the views' scripts first if they are not on the
   * page yet; `focus` moves focus to its heading; `options` go to the view's render.
   */
  Discussion.prototype.show = function (name, assessments, focus, options) {
    MPW.load(this.data.scripts.discussion, function () {
      var View = Discussion.views[name]
      this.views[name] = this.views[name] || new View(this)
      this.view = this.views[name]
      this.$discussion.textContent = ''
      this.$discussion.hidden = false // shown before drawing: charts are drawn at its width
      this.view.render(assessments, options || {})
      if (focus) this.$discussion.querySelector('h3').focus()
    }.bind(this), function () {
      this.workspace.showErrors([{ name: '', errors: [this.strings.discuss_failed] }], 'view-' + name)
    }.bind(this))
  }

  /** A control drawn by the view on screen (a filter, an order, an agreed choice) changed. */
  Discussion.prototype.handleControl = function (event) {
    if (this.view && this.view.handleControl) this.view.handleControl(event)
  }

  /** A button drawn by the view on screen: the view's own action of that name. */
  Discussion.prototype.viewAction = function (id, $button) {
    var action = this.view && this.view.actions && this.view.actions[$button.getAttribute('data-action')]
    if (action) action.call(this.view, id, $button)
  }

  Discussion.prototype.print = function () {
    document.body.classList.add('print-view')
    window.print()
  }

  /** Everything cleared (a shared computer): a composite on screen would still hold the cleared work. */
  Discussion.prototype.clear = function () {
    this.drafts.forget()
    this.$discussion.hidden = true
    this.$discussion.textContent = ''
    this.view = null
  }

  Discussion.prototype.handleLeaving = function (warnings) {
    if (this.drafts.unsaved()) warnings.unshift(this.strings.unsaved_composite_warning)
  }

  /**
   * After a reload: the composite whose agreed choices were not saved comes back as it was, its
   * members listed again (files opened for comparison are not stored, so the draft carries them).
   */
  Discussion.prototype.restoreDrafts = function () {
    var shown = this.drafts.restore()
    if (!shown) return
    var listed = this.comparable().map(function (item) { return item.key })
    shown.members.forEach(function (member, index) {
      if (listed.indexOf(member.id) === -1) this.extra.push({ assessment: member, file: shown.files[index] || this.strings.untitled })
    }, this)
    this.renderList()
    shown.members.forEach(function (member) { this.box(member.id).checked = true }, this)
    this.show('composite', this.chosen(), false, { restored: true })
  }

  MPW.Discussion = Discussion
  MPW.registerRoom('mpw-assessment', 'discuss', Discussion)
})(window.MPW)
