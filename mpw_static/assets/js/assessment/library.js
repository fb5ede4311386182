/**
 * The saved-list room of the assessment page: the assessments kept in this browser, to open,
 * rename, start the next cycle from, delete, or clear all (for shared computers); and what storage
 * holds that cannot be opened, to download or discard. It stores through the workspace and
 * redraws whenever the workspace says what is stored has changed.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format
  var el = dom.el
  // The list's columns after the service's name: who took part and the method tell apart the rows
  // of one team's members, which share the service, the cycle and the date.
  var ROW_COLUMNS = ['col_participants', 'col_method', 'col_cycle', 'col_date', 'col_answered', 'col_updated']

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Library ($module, workspace) {
    this.workspace = workspace
    this.strings = workspace.strings
    this.$list = workspace.find('[data-role="library-list"]')
    this.$heading = workspace.find('#library-heading')
    this.$damaged = workspace.find('[data-role="damaged"]')
    this.title = this.$heading.textContent
    dom.onAction($module, {
      'new': this.startNew,
      open: this.open,
      rename: this.rename,
      duplicate: this.duplicate,
      'delete': this.remove,
      'clear-all': this.clearAll,
      'download-damaged': this.downloadDamaged,
      'discard-damaged': this.discardDamaged
    }, this)
    workspace.on('stored', this.handleStored.bind(this), 'library')
  }

  /** Redraw the list; what cannot be opened is looked for again except on an autosave. */
  Library.prototype.handleStored = function (kind) {
    this.render()
    if (kind !== 'save') this.renderDamaged()
  }

  /**
   * Show the saved assessments, oldest first so rows keep their place while people type.
   * Rows are updated in place when the list itself has not changed: a save triggered by leaving
   * a field must not replace the button that the same click is about to press.
   */
  Library.prototype.render = function () {
    var current = this.workspace.current
    var saved = this.workspace.savedInOrder()
    var $rows = this.$list.querySelectorAll('tbody tr')
    var sameRows = $rows.length === saved.length && saved.every(function (assessment, index) {
      return $rows[index].getAttribute('data-id') === assessment.id &&
        $rows[index].getAttribute('data-current') === String(assessment.id === current.id)
    })
    this.labels = this.buttonLabels(saved)
    if (sameRows) {
      saved.forEach(function (assessment, index) { this.fillRow($rows[index], assessment) }, this)
    } else {
      this.$list.textContent = ''
      this.$list.appendChild(saved.length ? this.table(saved) : el('p', '', this.strings.list_empty))
    }
    // With nothing written at all, the list holds only what is open on this page: say so.
    var problem = this.workspace.store.problem
    this.$heading.textContent = problem === 'blocked' || problem === 'read-failed' ? this.strings.library_heading_unsaved : this.title
  }

  /** Build the table with DOM methods; every value goes in as text. */
  Library.prototype.table = function (saved) {
    var $table = el('table', 'library-table')
    var $head = $table.createTHead().insertRow()
    ;['col_service'].concat(ROW_COLUMNS, ['col_actions']).forEach(function (key) {
      var $th = el('th', '', this.strings[key])
      $th.scope = 'col'
      $head.appendChild($th)
    }, this)
    var $body = $table.createTBody()
    saved.forEach(function (assessment) { $body.appendChild(this.row(assessment)) }, this)
    return $table
  }

  Library.prototype.row = function (assessment) {
    var isCurrent = assessment.id === this.workspace.current.id
    var $row = el('tr')
    $row.setAttribute('data-id', assessment.id)
    $row.setAttribute('data-current', String(isCurrent))
    var $name = el('th')
    $name.scope = 'row'
    $name.appendChild(el('span'))
    $name.appendChild(document.createTextNode(' ')) // read apart from the name, by eye and by screen readers
    $name.appendChild(el('span', 'hint library-source'))
    $row.appendChild($name)
    ROW_COLUMNS.forEach(function (key) { $row.insertCell().setAttribute('data-label', this.strings[key]) }, this)
    var $actions = $row.insertCell()
    $actions.className = 'library-actions-cell'
    ;['open', 'rename', 'duplicate', 'delete'].forEach(function (action) {
      if (!(action === 'open' && isCurrent)) $actions.appendChild(this.actionButton(action, assessment))
    }, this)
    this.fillRow($row, assessment)
    return $row
  }

  /** Put an assessment's current values into its row. */
  Library.prototype.fillRow = function ($row, assessment) {
    var workspace = this.workspace
    var name = workspace.nameOf(assessment)
    var answered = Object.keys(assessment.ratings).filter(function (id) { return assessment.ratings[id].statement !== null }).length
    // While storage fails, "open now" alone would suggest the open assessment is saved here.
    var marker = workspace.store.problem === null ? this.strings.current : this.strings.current_not_saved
    $row.cells[0].firstChild.textContent = (assessment.method === 'composite' ? dom.fill(this.strings.composite_name, { name: name }) : name) +
      ($row.getAttribute('data-current') === 'true' ? ' ' + marker : '')
    $row.cells[0].lastChild.textContent = this.madeFrom(assessment)
    $row.cells[1].textContent = workspace.shortText(assessment.service.participants)
    $row.cells[2].textContent = assessment.method ? this.strings['method_' + assessment.method] : ''
    $row.cells[3].textContent = assessment.review_cycle
    $row.cells[4].textContent = assessment.date ? workspace.day(assessment.date) : ''
    $row.cells[5].textContent = answered + ' / ' + workspace.data.indicators.length
    $row.cells[6].textContent = workspace.time(assessment.updated)
    var label = this.labels[assessment.id]
    dom.each($row, '.visually-hidden', function ($span) { $span.textContent = ': ' + label })
  }

  /**
   * What an assessment was made from, for its row: the assessment it is a copy or the next cycle of
   * ("made from “Riverside cluster”, 02/03/2026"). A composite's members show as who took part.
   */
  Library.prototype.madeFrom = function (assessment) {
    var fromFile = this.workspace.store.fromFile(assessment.id)
    if (fromFile && fromFile.copy) { // "keep both": the file's copy, beside the one saved here of the same name
      return dom.fill(this.strings.library_copy_from_file, { file: fromFile.file, time: this.workspace.time(fromFile.version) })
    }
    var sources = assessment.sources.filter(function (source) { return typeof source !== 'string' })
    if (assessment.method === 'composite' || !sources.length) return ''
    var source = sources[0]
    return dom.fill(this.strings.library_made_from, {
      name: source.service.trim() || this.strings.untitled, date: source.date ? this.workspace.day(source.date) : this.strings.no_date })
  }

  /**
   * What each row's buttons add to their label for screen readers ("Open: Hillside cluster, GP,
   * Individual, 02/03/2026"): the service, who took part, the method and the date, then what the
   * row says it was made from; rows still alike get their last change, then the id's start.
   * @returns {Object<string, string>} by assessment id
   */
  Library.prototype.buttonLabels = function (saved) {
    var workspace = this.workspace
    var labels = {}
    saved.forEach(function (assessment) {
      labels[assessment.id] = [
        workspace.nameOf(assessment),
        workspace.shortText(assessment.service.participants) || this.strings.not_given_participants,
        assessment.method ? this.strings['method_' + assessment.method] : '',
        assessment.date ? workspace.day(assessment.date) : this.strings.no_date,
        this.madeFrom(assessment)
      ].filter(Boolean).join(', ')
    }, this)
    var more = [
      function (assessment) { return dom.fill(this.strings.label_changed, { time: workspace.time(assessment.updated) }) },
      function (assessment) { return dom.fill(this.strings.label_id, { id: assessment.id.slice(0, 8) }) }
    ]
    more.forEach(function (extra) {
      var counts = Object.create(null)
      saved.forEach(function (assessment) { counts[labels[assessment.id]] = (counts[labels[assessment.id]] || 0) + 1 })
      saved.forEach(function (assessment) {
        if (counts[labels[assessment.id]] > 1) labels[assessment.id] += ', ' + extra.call(this, assessment)
      }, this)
    }, this)
    return labels
  }

  Library.prototype.actionButton = function (action, assessment) {
    var $button = el('button', 'button button-small' + (action === 'delete' ? ' button-warning' : ' button-secondary'), this.strings[action])
    $button.type = 'button'
    $button.setAttribute('data-action', action)
    $button.setAttribute('data-id', assessment.id)
    $button.appendChild(el('span', 'visually-hidden', ': ' + this.labels[assessment.id]))
    return $button
  }

  Library.prototype.startNew = function () {
    this.workspace.show(format.create(this.workspace.data), 'name')
    this.workspace.announce(this.strings.created)
  }

  /** Open a saved assessment; the list is below the form, so focus goes to what was opened. */
  Library.prototype.open = function (id) {
    var found = this.workspace.saved(id)
    if (!found) return
    this.workspace.show(found, 'details')
    this.workspace.announce(dom.fill(this.strings.opened, { name: this.workspace.nameOf(found) }))
  }

  Library.prototype.rename = function (id) {
    var workspace = this.workspace
    var target = workspace.savedCopy(id)
    if (!target || !workspace.store.get(id)) return
    var name = window.prompt(this.strings.rename_prompt, target.service.name)
    if (name === null) return
    target.service.name = format.clip(name, workspace.data.limits.shortText)
    target.updated = format.now()
    workspace.put(target)
    if (target === workspace.current) workspace.show(target) // the form shows the new name
    workspace.changed()
  }

  /**
   * Start the next review cycle: a copy with a new id, pointing back at its source. Its targets
   * and steps travel as last cycle's plan, shown read-only; the new cycle plans afresh.
   */
  Library.prototype.duplicate = function (id) {
    var workspace = this.workspace
    var data = workspace.data
    var source = workspace.saved(id)
    if (!source) return
    var copy = format.normalise(source, data)
    copy.last_plan = {}
    Object.keys(copy.ratings).forEach(function (indicatorId) {
      var rating = copy.ratings[indicatorId]
      if (format.hasPlan(rating, data)) copy.last_plan[indicatorId] = format.lastPlanOf(rating, data)
      copy.ratings[indicatorId] = format.withoutPlan(rating, data)
    })
    Object.keys(copy.domains).forEach(function (number) { // a domain's priority and first steps are its plan
      copy.domains[number].priority = false
      copy.domains[number].first_steps = ''
    })
    copy.id = format.uuid()
    copy.created = copy.updated = format.now()
    copy.date = null
    copy.sources = [format.sourceOf(source)]
    copy.review_cycle = source.review_cycle ? this.nextCycleLabel(source.review_cycle) : ''
    workspace.put(copy)
    workspace.show(copy, 'date')
    workspace.renderStorageWarning()
    workspace.announce(dom.fill(this.strings.duplicated, { name: workspace.nameOf(source) }))
  }

  /** "Baseline (next cycle)", with the old label cut so that the whole stays within the model's limit. */
  Library.prototype.nextCycleLabel = function (cycle) {
    var room = this.workspace.data.limits.shortText - Array.from(dom.fill(this.strings.cycle_copy, { cycle: '' })).length
    return dom.fill(this.strings.cycle_copy, { cycle: format.clip(cycle, Math.max(room, 0)).trim() })
  }

  Library.prototype.remove = function (id) {
    var workspace = this.workspace
    var record = workspace.saved(id)
    if (!workspace.store.get(id)) return
    var name = record ? workspace.nameOf(record) : this.strings.untitled
    if (!window.confirm(dom.fill(this.strings.confirm_delete, { name: name }))) return
    workspace.store.remove(id)
    if (workspace.current.id === id) workspace.openInitial()
    else workspace.changed()
    workspace.announce(dom.fill(this.strings.deleted, { name: name }))
    this.$heading.focus()
  }

  Library.prototype.clearAll = function () {
    if (!window.confirm(this.strings.confirm_clear)) return
    this.workspace.clearAll()
    this.workspace.announce(this.strings.cleared)
    this.$heading.focus()
  }

  /** Say when saved data could not be opened, and offer it for download or deletion. */
  Library.prototype.renderDamaged = function () {
    var count = this.workspace.store.setAside().length + this.workspace.unopenable().length
    this.$damaged.hidden = count === 0
    this.$damaged.querySelector('[data-role="damaged-text"]').textContent = dom.fill(this.strings.damaged, { n: count })
  }

  /** Everything stored that could not be opened, exactly as it was stored, in one file. */
  Library.prototype.downloadDamaged = function () {
    var store = this.workspace.store
    var kept = {
      note: this.strings.damaged_file_note,
      set_aside: store.setAside().map(function (item) { return { key: item.key, text: item.text } }),
      unopenable: this.workspace.unopenable().map(function (id) { return store.records[id] }),
      before_upgrade: store.beforeUpgrade() // the originals of upgraded records, in case an upgrade went wrong
    }
    var name = 'mpw-unreadable-data-' + format.now().slice(0, 10) + '.json'
    dom.offerDownload(JSON.stringify(kept, null, 2) + '\n', 'application/json', name)
    this.workspace.announce(dom.fill(this.strings.downloaded, { file: name }))
  }

  Library.prototype.discardDamaged = function () {
    if (!window.confirm(this.strings.confirm_discard_damaged)) return
    var store = this.workspace.store
    store.discardSetAside()
    this.workspace.unopenable().forEach(function (id) { store.remove(id) })
    this.renderDamaged()
    this.workspace.announce(this.strings.damaged_discarded)
    this.$heading.focus()
  }

  MPW.registerRoom('mpw-assessment', 'library', Library)
})(window.MPW)
