/**
 * The list of assessments kept in this browser: open, rename, duplicate for the next cycle,
 * delete and clear all. Extends MPW.Assessment.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var proto = MPW.Assessment.prototype
  // The list's columns after the service's name: who took part and the method tell apart the rows
  // of one team's members, which share the service, the cycle and the date.
  var ROW_COLUMNS = ['col_participants', 'col_method', 'col_cycle', 'col_date', 'col_answered', 'col_updated']

  /** A display name for an assessment. */
  proto.nameOf = function (assessment) {
    return assessment.service.name.trim() || this.strings.untitled
  }

  /**
   * Show the saved assessments, oldest first so rows keep their place while people type.
   * Rows are updated in place when the list itself has not changed: a save triggered by leaving
   * a field must not replace the button that the same click is about to press.
   */
  proto.renderLibrary = function () {
    var saved = this.savedAssessments().sort(function (a, b) { return a.created < b.created ? -1 : 1 })
    var $rows = this.$library.querySelectorAll('tbody tr')
    var sameRows = $rows.length === saved.length && saved.every(function (assessment, index) {
      return $rows[index].getAttribute('data-id') === assessment.id &&
        $rows[index].getAttribute('data-current') === String(assessment.id === this.current.id)
    }, this)
    if (sameRows) {
      saved.forEach(function (assessment, index) { this.fillRow($rows[index], assessment) }, this)
    } else {
      this.$library.textContent = ''
      this.$library.appendChild(saved.length ? this.libraryTable(saved) : this.emptyLibrary())
    }
    if (this.$discussList) this.renderDiscussList() // names and dates there follow every change too
  }

  /** Text of a person's own, shortened for a list: at most 80 characters, counted as Python does. */
  proto.shortText = function (text) {
    var trimmed = text.trim()
    var cut = format.clip(trimmed, 79)
    return cut === trimmed ? trimmed : cut + '…'
  }

  /**
   * What an assessment was made from, for its row: the assessment it is a copy or the next cycle of
   * ("made from “Riverside cluster”, 02/03/2026"). A composite's members show as who took part.
   */
  proto.madeFrom = function (assessment) {
    var sources = assessment.sources.filter(function (source) { return typeof source !== 'string' })
    if (assessment.method === 'composite' || !sources.length) return ''
    var source = sources[0]
    return format.fill(this.strings.library_made_from, {
      name: source.service.trim() || this.strings.untitled, date: source.date ? this.day(source.date) : this.strings.no_date })
  }

  proto.emptyLibrary = function () {
    var $empty = document.createElement('p')
    $empty.textContent = this.strings.list_empty
    return $empty
  }

  /** Build the table with DOM methods; every value goes in as text. */
  proto.libraryTable = function (saved) {
    var $table = document.createElement('table')
    $table.className = 'library-table'
    var $head = $table.createTHead().insertRow()
    ;['col_service'].concat(ROW_COLUMNS, ['col_actions']).forEach(function (key) {
      var $th = document.createElement('th')
      $th.scope = 'col'
      $th.textContent = this.strings[key]
      $head.appendChild($th)
    }, this)
    var $body = $table.createTBody()
    saved.forEach(function (assessment) { $body.appendChild(this.libraryRow(assessment)) }, this)
    return $table
  }

  proto.libraryRow = function (assessment) {
    var isCurrent = assessment.id === this.current.id
    var $row = document.createElement('tr')
    $row.setAttribute('data-id', assessment.id)
    $row.setAttribute('data-current', String(isCurrent))
    var $name = document.createElement('th')
    $name.scope = 'row'
    $name.appendChild(document.createElement('span'))
    $name.appendChild(document.createElement('span')).className = 'hint library-source'
    $row.appendChild($name)
    ROW_COLUMNS.forEach(function (key) {
      $row.insertCell().setAttribute('data-label', this.strings[key])
    }, this)
    var $actions = $row.insertCell()
    $actions.className = 'library-actions-cell'
    ;['open', 'rename', 'duplicate', 'delete'].forEach(function (action) {
      if (!(action === 'open' && isCurrent)) $actions.appendChild(this.actionButton(action, assessment))
    }, this)
    this.fillRow($row, assessment)
    return $row
  }

  /** Put an assessment's current values into its row. */
  proto.fillRow = function ($row, assessment) {
    var name = this.nameOf(assessment)
    var answered = Object.keys(assessment.ratings).filter(function (id) { return assessment.ratings[id].statement }).length
    // While storage fails, "open now" alone would suggest the open assessment is saved here.
    var marker = this.store.problem === null ? this.strings.current : this.strings.current_not_saved
    $row.cells[0].firstChild.textContent = (assessment.method === 'composite' ? format.fill(this.strings.composite_name, { name: name }) : name) +
      ($row.getAttribute('data-current') === 'true' ? ' ' + marker : '')
    $row.cells[0].lastChild.textContent = this.madeFrom(assessment)
    $row.cells[1].textContent = this.shortText(assessment.service.participants)
    $row.cells[2].textContent = assessment.method ? this.strings['method_' + assessment.method] : ''
    $row.cells[3].textContent = assessment.review_cycle
    $row.cells[4].textContent = assessment.date ? this.day(assessment.date) : ''
    $row.cells[5].textContent = answered + ' / ' + this.data.indicators.length
    $row.cells[6].textContent = this.time(assessment.updated)
    Array.prototype.forEach.call($row.querySelectorAll('.visually-hidden'), function ($span) {
      $span.textContent = ': ' + name
    })
  }

  proto.actionButton = function (action, assessment) {
    var $button = document.createElement('button')
    $button.type = 'button'
    $button.className = 'button button-small' + (action === 'delete' ? ' button-warning' : ' button-secondary')
    $button.setAttribute('data-action', action)
    $button.setAttribute('data-id', assessment.id)
    $button.textContent = this.strings[action]
    var $hidden = document.createElement('span')
    $hidden.className = 'visually-hidden'
    $hidden.textContent = ': ' + this.nameOf(assessment)
    $button.appendChild($hidden)
    return $button
  }

  proto.startNew = function () {
    this.show(format.create(this.data))
    this.announce(this.strings.created)
    this.$form.querySelector('#service-name').focus()
  }

  proto.openSaved = function (id) {
    var found = this.savedAssessments().filter(function (a) { return a.id === id })[0]
    if (!found) return
    this.show(found)
    this.announce(format.fill(this.strings.opened, { name: this.nameOf(found) }))
    this.$form.querySelector('#details-heading').focus() // the list is below the form: go to what was opened
  }

  proto.rename = function (id) {
    var record = this.store.get(id)
    if (!record) return
    var name = window.prompt(this.strings.rename_prompt, record.service.name)
    if (name === null) return
    var target = this.current.id === id ? this.current : format.normalise(record, this.data)
    target.service.name = format.clip(name, this.data.limits.shortText)
    target.updated = format.now()
    this.store.put(target)
    if (target === this.current) this.fillForm()
    this.renderLibrary()
    this.renderStorageWarning()
  }

  /**
   * Start the next review cycle: a copy with a new id, pointing back at its source. Its targets
   * and steps travel as last cycle's plan, shown read-only; the new cycle plans afresh.
   */
  proto.duplicate = function (id) {
    var record = this.store.get(id)
    if (!record) return
    var copy = format.normalise(record, this.data)
    copy.last_plan = {}
    Object.keys(copy.ratings).forEach(function (indicatorId) {
      var rating = copy.ratings[indicatorId]
      if (format.hasPlan(rating, this.data)) {
        copy.last_plan[indicatorId] = { statement: rating.statement, target: rating.target, next_steps: rating.next_steps,
          lead: rating.lead, due_date: rating.due_date, due_cycle: rating.due_cycle }
      }
      copy.ratings[indicatorId] = format.rating({ statement: rating.statement, evidence: rating.evidence, note: rating.note }, this.data)
    }, this)
    Object.keys(copy.domains).forEach(function (number) {
      copy.domains[number].priority = false
      copy.domains[number].first_steps = ''
    })
    var time = format.now()
    copy.id = format.uuid()
    copy.created = time
    copy.updated = time
    copy.date = null
    copy.sources = [format.sourceOf(format.normalise(record, this.data))]
    copy.review_cycle = record.review_cycle ? this.nextCycleLabel(record.review_cycle) : ''
    this.store.put(copy)
    this.show(copy)
    this.renderStorageWarning()
    this.announce(format.fill(this.strings.duplicated, { name: this.nameOf(record) }))
    this.$form.querySelector('#assessment-date').focus()
  }

  /** "Baseline (next cycle)", with the old label cut so that the whole stays within the model's limit. */
  proto.nextCycleLabel = function (cycle) {
    var room = this.data.limits.shortText - Array.from(format.fill(this.strings.cycle_copy, { cycle: '' })).length
    return format.fill(this.strings.cycle_copy, { cycle: format.clip(cycle, Math.max(room, 0)).trim() })
  }

  proto.remove = function (id) {
    var record = this.store.get(id)
    if (!record) return
    var name = this.nameOf(format.normalise(record, this.data))
    if (!window.confirm(format.fill(this.strings.confirm_delete, { name: name }))) return
    this.store.remove(id)
    if (this.current.id === id) this.openInitial()
    else this.renderLibrary()
    this.announce(format.fill(this.strings.deleted, { name: name }))
    this.$libraryHeading.focus()
  }

  proto.clearAll = function () {
    if (!window.confirm(this.strings.confirm_clear)) return
    this.store.clearAll()
    this.forgetDrafts()
    this.$discussion.hidden = true // a composite on screen would still hold the cleared work
    this.$discussion.textContent = ''
    this.show(format.create(this.data))
    this.renderStorageWarning()
    this.announce(this.strings.cleared)
    this.$libraryHeading.focus()
  }
})(window.MPW)
