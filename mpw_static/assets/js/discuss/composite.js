/**
 * The composite, a view of the discussion room: every member's choice and note side by side,
 * labelled by role, and the group's agreed statement, evidence level and "why we agreed" note for
 * each indicator. The agreed choices are a draft until saved (the room's drafts, discuss/drafts.js).
 * Saving again updates the same composite. Every value from an assessment goes in as text.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var compare = MPW.compare
  var views = MPW.views

  /**
   * @param {MPW.Discussion} room
   * @constructor
   */
  function Composite (room) {
    this.room = room
    this.draft = null // the draft on screen
    this.$status = null
    this.actions = { 'save-composite': this.save }
  }

  /** The draft of these members, started from the composite's defaults if there is none yet. */
  Composite.prototype.draftOf = function (assessments, rows) {
    var drafts = this.room.drafts
    var draft = drafts.of(assessments)
    if (!draft) {
      var agreed = {}
      rows.forEach(function (row) {
        agreed[row.indicator.id] = { statement: row.proposal.statement, evidence: row.proposal.evidence, note: '' }
      })
      draft = drafts.add({ members: assessments, agreed: agreed, savedId: null, dirty: false })
    }
    draft.members = assessments // the versions on screen: what a reload shows again
    draft.files = assessments.map(this.room.fileOf, this.room)
    return draft
  }

  /** Everyone's answers side by side, flagged, with the group's agreed choice to fill in. */
  Composite.prototype.render = function (assessments, options) {
    var room = this.room
    var strings = room.strings
    var rows = compare.composite(assessments, room.data)
    var draft = this.draft = room.drafts.shown = this.draftOf(assessments, rows)
    var names = this.columnNames(assessments)
    var splits = rows.filter(function (row) { return row.flag === 'split' }).length
    var summary = dom.fill(strings.composite_summary, { split: splits, total: rows.length })
    views.heading(room, dom.fill(strings.composite_heading, { n: assessments.length }))
    views.note(room, strings.composite_intro)
    var warning = this.servicesWarning(assessments)
    if (warning) views.note(room, warning, 'notice discussion-warning')
    views.note(room, summary, 'discussion-summary')
    room.$discussion.appendChild(this.controls())
    var headings = [strings.col_indicator].concat(names, [strings.col_spread, strings.col_flag, strings.col_agreed_both])
    var $table = views.table(strings.composite_table, headings, rows.map(function (row) {
      var $flag = el('strong', 'flag flag-' + row.flag, strings['flag_' + row.flag.replace('-', '_')])
      return [views.indicatorCell(row.indicator)].concat(row.ratings.map(this.memberCell, this), [
        this.rangeText(row.ratings), $flag, this.agreedCell(row, draft.agreed[row.indicator.id])])
    }, this), 'filterable stack-narrow-table composite-table')
    // Headings wrap between words only; a word longer than any usual role's (over 16 letters, with no
    // space or hyphen in it) may break anywhere, or it alone would widen the table past the screen.
    names.forEach(function (name, index) {
      $table.tHead.rows[0].cells[index + 1].className = /[^\s-]{17,}/.test(name) ? 'member-heading long-word' : 'member-heading'
    })
    this.groupRows($table, rows, names, draft)
    room.$discussion.appendChild(scrollBox($table))
    views.actions(room, [['save-composite', strings.composite_save, '']])
    this.$status = el('p', 'composite-status hint', options.restored ? strings.composite_restored : draft.dirty ? strings.composite_unsaved : '')
    this.$status.setAttribute('role', 'status')
    room.$discussion.querySelector('[data-action="save-composite"]').insertAdjacentElement('afterend', this.$status)
    room.drafts.keep()
    room.workspace.announce(warning ? warning + ' ' + summary : summary)
  }

  /**
   * The table in a box of its own that scrolls sideways when the members' roles cannot fit (eight
   * one-word roles of 15 letters do not at 1024 px): the box scrolls, never the page. A region named
   * by the caption, and in the Tab order, as the domain pages' tables are.
   */
  function scrollBox ($table) {
    var $box = el('div', 'table-scroll composite-scroll')
    $table.caption.id = 'composite-caption'
    $box.setAttribute('role', 'region')
    $box.setAttribute('aria-labelledby', $table.caption.id)
    $box.tabIndex = 0
    $box.appendChild($table)
    $box.addEventListener('focusin', function (event) { revealSideways($box, event.target) })
    return $box
  }

  /**
   * Scroll the box sideways so that the control given focus is whole in it: browsers scroll only
   * until part of it shows, which leaves an agreed choice cut off at the box's edge.
   */
  function revealSideways ($box, $control) {
    var box = $box.getBoundingClientRect()
    var control = $control.getBoundingClientRect()
    var margin = 4 // the focus ring
    if (control.right + margin > box.right) $box.scrollLeft += control.right + margin - box.right
    else if (control.left - margin < box.left) $box.scrollLeft -= box.left - (control.left - margin)
  }

  /** A service as the views tell services apart: its name, whatever its case and spaces. */
  function serviceKey (assessment) {
    return assessment.service.name.trim().replace(/\s+/g, ' ').toLowerCase()
  }

  /**
   * The plain-words warning when the members come from more than one service ('' when they do
   * not): a composite is of one team's members. It is still allowed, and named after the first.
   */
  Composite.prototype.servicesWarning = function (assessments) {
    var workspace = this.room.workspace
    var keys = assessments.map(serviceKey)
    var services = assessments.filter(function (a, i) { return keys.indexOf(keys[i]) === i }).map(workspace.nameOf, workspace)
    if (services.length < 2) return ''
    return dom.fill(this.room.strings.composite_services_differ, { values: services.join(', '), first: services[0] })
  }

  /**
   * Give each indicator a body of its own: its row of choices, then a row with the members' notes,
   * the statements' wording (on demand) and the group's "why we agreed" note. Filters and the order
   * move whole bodies, which keep their matrix position in data-index.
   */
  Composite.prototype.groupRows = function ($table, rows, names, draft) {
    var order = compare.discussionOrder(rows)
    var $rows = Array.prototype.slice.call($table.tBodies[0].rows)
    $table.removeChild($table.tBodies[0])
    $rows.forEach(function ($row, index) {
      var row = rows[index]
      var $body = el('tbody')
      $body.setAttribute('data-index', String(index))
      $body.setAttribute('data-order', String(order.indexOf(index)))
      $body.setAttribute('data-flag', row.flag)
      $body.setAttribute('data-indicator-group', row.indicator.id)
      $row.setAttribute('data-flag', row.flag)
      $row.setAttribute('data-spread', String(row.spread || 0))
      $row.setAttribute('data-indicator-row', row.indicator.id)
      $body.appendChild($row)
      $body.appendChild(this.detail(row, names, draft.agreed[row.indicator.id], $row.cells.length))
      $table.appendChild($body)
    }, this)
  }

  /**
   * A member's choice; a pen marks that they wrote a note, which is shown under the row. Screen
   * readers hear "(note below)" after the evidence level, in the same hidden span: one such span
   * per cell, not two, since fifty members' columns of them are slow to lay out.
   */
  Composite.prototype.memberCell = function (rating) {
    var $cell = views.statementCell(this.room, rating)
    if (!rating.note || !rating.note.trim()) return $cell
    var heard = ' ' + this.room.strings.composite_note_below
    var $last = $cell.lastChild
    if ($last.className === 'visually-hidden') $last.textContent += heard
    else $cell.appendChild(el('span', 'visually-hidden', heard))
    $cell.appendChild(el('span', 'note-marker', '✎')).setAttribute('aria-hidden', 'true')
    return $cell
  }

  /** The row under an indicator: members' notes by role, the statements' wording, and "why we agreed". */
  Composite.prototype.detail = function (row, names, agreed, span) {
    var room = this.room
    var $row = el('tr', 'composite-detail')
    var $td = $row.appendChild(el('td'))
    $td.colSpan = span
    var $cell = $td.appendChild(el('div', 'composite-detail-body')) // the notes, wording and 'why we agreed' of one indicator
    var $notes = el('ul', 'member-notes')
    row.ratings.forEach(function (rating, index) {
      if (!rating.note || !rating.note.trim()) return
      var $item = $notes.appendChild(el('li'))
      $item.appendChild(el('strong', 'member-role', names[index]))
      $item.appendChild(document.createTextNode(' ('))
      $item.appendChild(views.statementCell(room, { statement: rating.statement, evidence: rating.evidence, target: null }))
      $item.appendChild(document.createTextNode('): '))
      $item.appendChild(el('span', 'member-note', rating.note))
    })
    if ($notes.children.length) {
      $cell.appendChild(el('p', 'member-notes-heading', dom.fill(room.strings.composite_notes_heading, { id: row.indicator.id })))
      $cell.appendChild($notes)
    }
    $cell.appendChild(this.wording(row.indicator))
    $cell.appendChild(this.agreedNote(row.indicator, agreed))
    $row.setAttribute('data-empty', String(!$notes.children.length && !agreed.note))
    return $row
  }

  /** The wording of S1–S5 for one indicator, folded away until asked for. */
  Composite.prototype.wording = function (indicator) {
    var room = this.room
    var statements = room.workspace.indicators().filter(function (i) { return i.id === indicator.id })[0].statements
    var $details = el('details', 'statement-wording no-print')
    $details.appendChild(el('summary', '', dom.fill(room.strings.composite_wording, { id: indicator.id })))
    var $list = $details.appendChild(el('ul'))
    statements.forEach(function (text, index) {
      var $item = $list.appendChild(el('li'))
      $item.appendChild(el('strong', '', room.workspace.label(room.data.choices.targets[index]) + ' '))
      $item.appendChild(views.matrixText(text, indicator.language))
    })
    return $details
  }

  /** The group's note for one indicator: saved as that indicator's note in the composite. */
  Composite.prototype.agreedNote = function (indicator, agreed) {
    var $field = el('div', 'field agreed-note')
    var id = 'agreed-note-' + indicator.id.replace('.', '-')
    $field.appendChild(el('label', '', dom.fill(this.room.strings.composite_why, { id: indicator.id }))).htmlFor = id
    var $area = $field.appendChild(el('textarea'))
    $area.id = id
    $area.rows = 2
    $area.maxLength = this.room.data.limits.longText
    $area.setAttribute('data-agreed', 'note')
    $area.value = agreed.note
    return $field
  }

  Composite.prototype.controls = function () {
    var strings = this.room.strings
    var $controls = el('div', 'discussion-controls no-print')
    $controls.appendChild(views.checkbox('composite-only-split', strings.composite_only_split, 'only-split'))
    var $order = views.selectField('composite-order', strings.composite_order, [['matrix', strings.order_matrix], ['spread', strings.order_spread]])
    $order.querySelector('select').setAttribute('data-control', 'order')
    $controls.appendChild($order)
    return $controls
  }

  /**
   * Column headings by role, never by place in the list: who took part (with the service when the
   * members come from more than one), else "no role given". Repeats are told apart by the day
   * assessed, then the time last changed, then the start of the id: things that stay with the file.
   */
  Composite.prototype.columnNames = function (assessments) {
    var workspace = this.room.workspace
    var services = assessments.map(serviceKey)
    var oneService = services.every(function (service) { return service === services[0] })
    var names = assessments.map(function (a) {
      var role = workspace.shortText(a.service.participants) || this.room.strings.no_role
      return oneService ? role : workspace.nameOf(a) + ' · ' + role
    }, this)
    var tellApart = [
      function (a) { return workspace.day(compare.dayOf(a)) },
      function (a) { return workspace.time(a.updated) },
      function (a) { return a.id.slice(0, 8) }
    ]
    tellApart.forEach(function (detail) {
      var repeated = names.filter(function (name, i) { return names.indexOf(name) !== i })
      names = names.map(function (name, i) { return repeated.indexOf(name) === -1 ? name : name + ' · ' + detail(assessments[i]) })
    })
    return names
  }

  /** The range of choices for one indicator, as in "S1 to S4" or "N/A and S2". */
  Composite.prototype.rangeText = function (ratings) {
    var room = this.room
    var chosen = ratings.map(function (r) { return r.statement }).filter(function (s) { return s !== null })
    var rated = chosen.filter(function (s) { return format.isRated(s, room.data) }).sort()
    var parts = chosen.filter(function (s) { return !format.isRated(s, room.data) }).slice(0, 1).map(room.workspace.label, room.workspace)
    if (rated.length) {
      var low = room.workspace.label(rated[0])
      var high = room.workspace.label(rated[rated.length - 1])
      parts.push(low === high ? low : dom.fill(room.strings.range, { low: low, high: high }))
    }
    return parts.length ? parts.join(' ' + room.strings.and + ' ') : '—'
  }

  /** The group's agreed statement above its evidence level: one narrow column rather than two. */
  Composite.prototype.agreedCell = function (row, agreed) {
    var $cell = el('div', 'agreed-choice')
    $cell.appendChild(this.agreedSelect(row, 'statement', agreed))
    $cell.appendChild(this.agreedSelect(row, 'evidence', agreed))
    return $cell
  }

  /** A select for the group's agreed statement or evidence level, showing the draft's choice. */
  Composite.prototype.agreedSelect = function (row, field, agreed) {
    var room = this.room
    var $select = el('select', 'agreed-' + field)
    $select.id = 'agreed-' + field + '-' + row.indicator.id.replace('.', '-')
    $select.setAttribute('data-agreed', field)
    $select.setAttribute('aria-label', dom.fill(room.strings[field === 'statement' ? 'agreed_label' : 'agreed_evidence_label'], { id: row.indicator.id }))
    var options = field === 'statement'
      ? room.data.choices.statements.map(function (level) { return [String(level), room.workspace.label(level)] })
      : room.data.choices.evidence.map(function (level) { return [level, views.evidenceText(room, level)] })
    ;[['', '—']].concat(options).forEach(function (option) { $select.appendChild(el('option', '', option[1])).value = option[0] })
    $select.value = agreed[field] === null ? '' : String(agreed[field])
    return $select
  }

  /** The filters and the order, and a change to an agreed choice or note, which goes into the draft. */
  Composite.prototype.handleControl = function (event) {
    var $input = event.target
    if ($input.hasAttribute('data-agreed')) return this.changeAgreed(event)
    if (event.type !== 'change' || !$input.hasAttribute('data-control')) return
    var $discussion = this.room.$discussion
    var onlySplit = $discussion.querySelector('[data-control="only-split"]').checked
    var byOrder = $discussion.querySelector('[data-control="order"]').value === 'spread'
    views.filterItems(this.room, function ($body) { return onlySplit && $body.getAttribute('data-flag') !== 'split' },
      byOrder ? 'data-order' : 'data-index')
  }

  /** An agreed choice or note changed: the draft is now unsaved. */
  Composite.prototype.changeAgreed = function (event) {
    var $input = event.target
    var field = $input.getAttribute('data-agreed')
    if (!this.draft || (event.type === 'input' && $input.tagName === 'SELECT')) return
    var agreed = this.draft.agreed[$input.closest('[data-indicator-group]').getAttribute('data-indicator-group')]
    if (field === 'statement') agreed.statement = format.choiceOf($input.value, this.room.data.choices.statements)
    else if (field === 'evidence') agreed.evidence = $input.value || null
    else agreed.note = $input.value
    this.draft.dirty = true
    this.$status.textContent = this.room.strings.composite_unsaved
    this.room.drafts.keep()
  }

  /** The day the members assessed: the latest of their dates (each one's date, else the day it was started). */
  function membersDay (members) {
    return members.map(compare.dayOf).sort().pop()
  }

  /**
   * The composite's ratings from the agreed choices. Plan fields the group added in the form after
   * an earlier save are kept; a target stays only beside a statement from 1 to 5.
   */
  Composite.prototype.agreedRatings = function (agreed, previous) {
    var data = this.room.data
    var ratings = {}
    Object.keys(agreed).forEach(function (id) {
      var choice = agreed[id]
      var rated = format.isRated(choice.statement, data)
      var rating = format.rating(Object.assign({}, previous[id] || {}, {
        statement: choice.statement, evidence: rated ? choice.evidence : null, note: choice.note }), data)
      if (!rated) rating.target = null
      if (choice.statement !== null || rating.note || format.hasPlan(rating, data)) ratings[id] = rating
    })
    return ratings
  }

  /**
   * Save the group's agreed choices as an assessment whose method is "composite". Saving again
   * updates the same assessment. Its date is the members' (the latest of them); `updated` says when
   * it was saved. The confirmation sits by the button and says where the saved assessment is.
   */
  Composite.prototype.save = function () {
    var room = this.room
    var workspace = room.workspace
    var data = room.data
    var draft = this.draft
    var sources = draft.members
    var previous = draft.savedId ? workspace.saved(draft.savedId) : null
    var made = previous ? format.normalise(previous, data) : format.create(data)
    if (!previous) {
      var first = sources[0]
      made.service = {
        name: first.service.name,
        organisations: first.service.organisations,
        participants: format.clip(sources.map(function (a) { return a.service.participants.trim() })
          .filter(function (p, i, all) { return p && all.indexOf(p) === i }).join('; '), data.limits.longText)
      }
      // The composite's own cycle: the members' cycle when they share one; else left for the group to name.
      var cycles = sources.map(function (a) { return a.review_cycle.trim() })
      made.review_cycle = cycles.every(function (cycle) { return cycle === cycles[0] }) ? cycles[0] : ''
      made.purposes = data.choices.purposes.filter(function (purpose) {
        return sources.some(function (a) { return a.purposes.indexOf(purpose) !== -1 })
      })
    }
    made.method = 'composite'
    made.date = membersDay(sources)
    made.sources = sources.map(format.sourceOf)
    made.ratings = this.agreedRatings(draft.agreed, previous ? previous.ratings : {})
    made.updated = format.now()
    workspace.put(made)
    draft.savedId = made.id
    draft.dirty = false
    room.drafts.keep()
    workspace.show(made)
    workspace.renderStorageWarning()
    var message = dom.fill(room.strings[previous ? 'composite_updated' : 'composite_saved'], {
      name: dom.fill(room.strings.composite_name, { name: workspace.nameOf(made) }), n: sources.length, list: workspace.libraryTitle })
    this.$status.textContent = message
    workspace.announce(message)
  }

  MPW.Discussion.views.composite = Composite
})(window.MPW)
