/**
 * The composite view on the assessment page: every member's choice and note side by side,
 * labelled by role, and the group's agreed statement, evidence level and "why we agreed" note for
 * each indicator. The agreed choices are a draft until saved: kept in memory for the page, and in
 * session storage where the browser allows it, so that leaving the page asks first and a reload
 * brings them back. Saving again updates the same composite. Extends MPW.Assessment.
 * Every value from an assessment goes in as text.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var compare = MPW.compare
  var proto = MPW.Assessment.prototype
  var el = MPW.chart.el
  var table = MPW.chart.table
  var DRAFTS_KEY = 'composite-drafts'

  /** A draft's key: its members' ids in any order, since the same members make the same composite. */
  function draftKey (assessments) {
    return assessments.map(function (a) { return a.id }).sort().join('|')
  }

  proto.initComposite = function () {
    // By draftKey: {members, files, agreed: {indicator id: {statement, evidence, note}}, savedId, dirty}
    this.drafts = {}
    this.shownDraft = null
    this.$discussion.addEventListener('change', this.handleAgreed.bind(this))
    this.$discussion.addEventListener('input', this.handleAgreed.bind(this))
    this.restoreDrafts()
  }

  /** Forget every draft, in memory and in session storage: "clear my data" on a shared computer. */
  proto.forgetDrafts = function () {
    this.drafts = {}
    this.shownDraft = null
    MPW.Store.writeSession(DRAFTS_KEY, null)
  }

  /** Whether any composite has agreed choices that are not saved (the page warns before leaving). */
  proto.hasUnsavedComposite = function () {
    return Object.keys(this.drafts).some(function (key) { return this.drafts[key].dirty }, this)
  }

  /** The draft for these members, started from the composite's defaults if there is none yet. */
  proto.compositeDraft = function (assessments, rows) {
    var key = draftKey(assessments)
    var draft = this.drafts[key]
    if (!draft) {
      draft = this.drafts[key] = { agreed: {}, savedId: null, dirty: false }
      rows.forEach(function (row) {
        draft.agreed[row.indicator.id] = { statement: row.proposal.statement, evidence: row.proposal.evidence, note: '' }
      })
    }
    draft.members = assessments // the versions on screen: what a reload shows again
    draft.files = assessments.map(function (a) {
      var opened = this.extra.filter(function (item) { return item.assessment.id === a.id })[0]
      return opened ? opened.file : null
    }, this)
    return draft
  }

  /** Keep the drafts for this tab; where session storage is refused they stay in memory, unsaid. */
  proto.keepDrafts = function () {
    var shown = this.shownDraft ? draftKey(this.shownDraft.members) : null
    MPW.Store.writeSession(DRAFTS_KEY, { shown: shown, drafts: this.drafts })
  }

  /** A choice read back from session storage, or null if it is not one the format allows. */
  proto.agreedChoice = function (choice) {
    if (!choice || typeof choice !== 'object') return null
    var statement = this.data.choices.statements.indexOf(choice.statement) !== -1 ? choice.statement : null
    var evidence = this.data.choices.evidence.indexOf(choice.evidence) !== -1 ? choice.evidence : null
    return { statement: statement, evidence: evidence, note: typeof choice.note === 'string' ? format.clip(choice.note, this.data.limits.longText) : '' }
  }

  /** One draft read back from session storage, its members checked as a file is; null if any fails. */
  proto.restoredDraft = function (saved) {
    if (!saved || !Array.isArray(saved.members) || !saved.agreed || typeof saved.agreed !== 'object') return null
    var members = saved.members.map(function (member) { return format.check(member, this.data).assessment }, this)
    if (members.length < 2 || members.some(function (member) { return member === null })) return null
    var agreed = {}
    this.data.indicators.forEach(function (indicator) {
      var choice = Object.prototype.hasOwnProperty.call(saved.agreed, indicator.id) ? this.agreedChoice(saved.agreed[indicator.id]) : null
      agreed[indicator.id] = choice || { statement: null, evidence: null, note: '' }
    }, this)
    var files = Array.isArray(saved.files) ? saved.files : []
    return { members: members, files: members.map(function (m, i) { return typeof files[i] === 'string' ? files[i] : null }),
      agreed: agreed, savedId: typeof saved.savedId === 'string' ? saved.savedId : null, dirty: saved.dirty === true }
  }

  /**
   * After a reload: take back this tab's drafts, list their members again (files opened for
   * comparison are not stored, so the draft carries them), and show the composite whose agreed
   * choices were not saved, as it was.
   */
  proto.restoreDrafts = function () {
    var kept = MPW.Store.readSession(DRAFTS_KEY)
    if (!kept || !kept.drafts || typeof kept.drafts !== 'object') return
    Object.keys(kept.drafts).forEach(function (key) {
      var draft = this.restoredDraft(kept.drafts[key])
      if (draft) this.drafts[draftKey(draft.members)] = draft
    }, this)
    var shown = typeof kept.shown === 'string' ? this.drafts[kept.shown] : null
    if (!shown || !shown.dirty) return
    var listed = this.comparable().map(function (item) { return item.key })
    shown.members.forEach(function (member, index) {
      if (listed.indexOf(member.id) === -1) this.extra.push({ assessment: member, file: shown.files[index] || this.strings.untitled })
    }, this)
    this.renderDiscussList()
    shown.members.forEach(function (member) { this.discussBox(member.id).checked = true }, this)
    this.$discussion.hidden = false
    this.renderComposite(this.chosen())
    this.$compositeStatus.textContent = this.strings.composite_restored
  }

  /** Composite: everyone's answers side by side, flagged, with the group's agreed choice to fill in. */
  proto.renderComposite = function (assessments) {
    var rows = compare.composite(assessments, this.data)
    var draft = this.shownDraft = this.compositeDraft(assessments, rows)
    var names = this.columnNames(assessments)
    this.viewHeading(format.fill(this.strings.composite_heading, { n: assessments.length }))
    this.$discussion.appendChild(el('p', 'discussion-note', this.strings.composite_intro))
    var splits = rows.filter(function (row) { return row.flag === 'split' }).length
    this.$discussion.appendChild(el('p', 'discussion-summary', format.fill(this.strings.composite_summary, {
      split: splits, total: rows.length })))
    this.$discussion.appendChild(this.compositeControls())
    var headings = [this.strings.col_indicator].concat(names,
      [this.strings.col_spread, this.strings.col_flag, this.strings.col_agreed_both])
    var $table = table(this.strings.composite_table, headings, rows.map(function (row) {
      var $flag = el('strong', 'flag flag-' + row.flag, this.strings['flag_' + row.flag.replace('-', '_')])
      var agreed = draft.agreed[row.indicator.id]
      return [row.indicator.id + ' ' + row.indicator.title].concat(row.ratings.map(this.memberCell, this), [
        this.rangeText(row.ratings), $flag, this.agreedCell(row, agreed)])
    }, this), 'filterable stack-narrow-table composite-table')
    names.forEach(function (name, index) { $table.tHead.rows[0].cells[index + 1].className = 'member-heading' })
    this.groupCompositeRows($table, rows, names, draft)
    this.$discussion.appendChild($table)
    this.viewActions([['save-composite', this.strings.composite_save, '']])
    this.$compositeStatus = el('p', 'composite-status hint')
    this.$compositeStatus.setAttribute('role', 'status')
    this.$compositeStatus.textContent = draft.dirty ? this.strings.composite_unsaved : ''
    this.$discussion.querySelector('[data-action="save-composite"]').insertAdjacentElement('afterend', this.$compositeStatus)
    this.keepDrafts()
    this.announce(format.fill(this.strings.composite_summary, { split: splits, total: rows.length }))
  }

  /**
   * Give each indicator a body of its own: its row of choices, then a row with the members' notes,
   * the statements' wording (on demand) and the group's "why we agreed" note. Filters and the order
   * move whole bodies, which keep their matrix position in data-index.
   */
  proto.groupCompositeRows = function ($table, rows, names, draft) {
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
      $body.appendChild(this.compositeDetail(row, names, draft.agreed[row.indicator.id], $row.cells.length))
      $table.appendChild($body)
    }, this)
  }

  /** A member's choice; a pen marks that they wrote a note, which is shown under the row. */
  proto.memberCell = function (rating) {
    var $cell = this.statementCell(rating)
    if (rating.note && rating.note.trim()) {
      $cell.appendChild(el('span', 'note-marker', '✎'))
      $cell.lastChild.setAttribute('aria-hidden', 'true')
      $cell.appendChild(el('span', 'visually-hidden', ' ' + this.strings.composite_note_below))
    }
    return $cell
  }

  /** The row under an indicator: members' notes by role, the statements' wording, and "why we agreed". */
  proto.compositeDetail = function (row, names, agreed, span) {
    var $row = el('tr', 'composite-detail')
    var $cell = el('td')
    $cell.colSpan = span
    var $notes = el('ul', 'member-notes')
    row.ratings.forEach(function (rating, index) {
      if (!rating.note || !rating.note.trim()) return
      var $item = el('li')
      $item.appendChild(el('strong', 'member-role', names[index]))
      $item.appendChild(document.createTextNode(' ('))
      $item.appendChild(this.statementCell({ statement: rating.statement, evidence: rating.evidence, target: null }))
      $item.appendChild(document.createTextNode('): '))
      $item.appendChild(el('span', 'member-note', rating.note))
      $notes.appendChild($item)
    }, this)
    if ($notes.children.length) {
      $cell.appendChild(el('p', 'member-notes-heading', format.fill(this.strings.composite_notes_heading, { id: row.indicator.id })))
      $cell.appendChild($notes)
    }
    $cell.appendChild(this.statementWording(row.indicator))
    $cell.appendChild(this.agreedNote(row.indicator, agreed))
    $row.setAttribute('data-empty', String(!$notes.children.length && !agreed.note))
    $row.appendChild($cell)
    return $row
  }

  /** The wording of S1–S5 for one indicator, folded away until asked for. */
  proto.statementWording = function (indicator) {
    var $details = el('details', 'statement-wording no-print')
    $details.appendChild(el('summary', '', format.fill(this.strings.composite_wording, { id: indicator.id })))
    var $list = el('ul')
    indicator.statements.forEach(function (text, index) {
      var $item = el('li')
      $item.appendChild(el('strong', '', this.data.labels.statements[index] + ' '))
      $item.appendChild(document.createTextNode(text))
      $list.appendChild($item)
    }, this)
    $details.appendChild($list)
    return $details
  }

  /** The group's note for one indicator: saved as that indicator's note in the composite. */
  proto.agreedNote = function (indicator, agreed) {
    var $field = el('div', 'field agreed-note')
    var id = 'agreed-note-' + indicator.id.replace('.', '-')
    var $label = el('label', '', format.fill(this.strings.composite_why, { id: indicator.id }))
    $label.htmlFor = id
    var $area = el('textarea')
    $area.id = id
    $area.rows = 2
    $area.maxLength = this.data.limits.longText
    $area.setAttribute('data-agreed', 'note')
    $area.value = agreed.note
    $field.appendChild($label)
    $field.appendChild($area)
    return $field
  }

  proto.compositeControls = function () {
    var $controls = el('div', 'discussion-controls no-print')
    var $only = el('div', 'choice')
    var $box = el('input')
    $box.type = 'checkbox'
    $box.id = 'composite-only-split'
    $box.setAttribute('data-control', 'only-split')
    var $boxLabel = el('label', '', this.strings.composite_only_split)
    $boxLabel.htmlFor = $box.id
    $only.appendChild($box)
    $only.appendChild($boxLabel)
    var $order = el('div', 'field')
    var $orderLabel = el('label', '', this.strings.composite_order)
    $orderLabel.htmlFor = 'composite-order'
    var $select = el('select')
    $select.id = 'composite-order'
    $select.setAttribute('data-control', 'order')
    ;[['matrix', this.strings.order_matrix], ['spread', this.strings.order_spread]].forEach(function (option) {
      var $option = el('option', '', option[1])
      $option.value = option[0]
      $select.appendChild($option)
    })
    $order.appendChild($orderLabel)
    $order.appendChild($select)
    $controls.appendChild($only)
    $controls.appendChild($order)
    return $controls
  }

  /**
   * Column headings by role, never by place in the list: who took part (with the service when the
   * members come from more than one), else "no role given". Repeats are told apart by the day
   * assessed, then the time last changed, then the start of the id: things that stay with the file.
   */
  proto.columnNames = function (assessments) {
    var services = assessments.map(function (a) { return a.service.name.trim().toLowerCase() })
    var oneService = services.every(function (service) { return service === services[0] })
    var names = assessments.map(function (a) {
      var role = this.shortText(a.service.participants) || this.strings.no_role
      return oneService ? role : this.nameOf(a) + ' · ' + role
    }, this)
    var tellApart = [
      function (a) { return this.day(compare.dayOf(a)) },
      function (a) { return this.time(a.updated) },
      function (a) { return a.id.slice(0, 8) }
    ]
    tellApart.forEach(function (detail) {
      var repeated = names.filter(function (name, i) { return names.indexOf(name) !== i })
      names = names.map(function (name, i) {
        return repeated.indexOf(name) === -1 ? name : name + ' · ' + detail.call(this, assessments[i])
      }, this)
    }, this)
    return names
  }

  /** The range of choices for one indicator, as in "S1 to S4" or "N/A and S2". */
  proto.rangeText = function (ratings) {
    var chosen = ratings.map(function (r) { return r.statement }).filter(function (s) { return s !== null })
    var numbers = chosen.filter(function (s) { return typeof s === 'number' }).sort()
    var parts = []
    if (chosen.indexOf('n/a') !== -1) parts.push(this.data.labels.na)
    if (numbers.length) {
      var low = this.label(numbers[0])
      var high = this.label(numbers[numbers.length - 1])
      parts.push(low === high ? low : format.fill(this.strings.range, { low: low, high: high }))
    }
    return parts.length ? parts.join(' ' + this.strings.and + ' ') : '—'
  }

  /** The group's agreed statement above its evidence level: one narrow column rather than two. */
  proto.agreedCell = function (row, agreed) {
    var $cell = el('div', 'agreed-choice')
    $cell.appendChild(this.agreedSelect(row, 'statement', agreed))
    $cell.appendChild(this.agreedSelect(row, 'evidence', agreed))
    return $cell
  }

  /** A select for the group's agreed statement or evidence level, showing the draft's choice. */
  proto.agreedSelect = function (row, field, agreed) {
    var $select = el('select', 'agreed-' + field)
    $select.id = 'agreed-' + field + '-' + row.indicator.id.replace('.', '-')
    $select.setAttribute('data-agreed', field)
    $select.setAttribute('aria-label', format.fill(this.strings[field === 'statement' ? 'agreed_label' : 'agreed_evidence_label'], { id: row.indicator.id }))
    var options = field === 'statement'
      ? [['', '—']].concat(compare.LEVELS.map(function (level) { return [String(level), this.label(level)] }, this))
      : [['', '—'], ['fully-achieved', this.strings.evidence_fully], ['work-in-progress', this.strings.evidence_wip]]
    options.forEach(function (option) {
      var $option = el('option', '', option[1])
      $option.value = option[0]
      $select.appendChild($option)
    })
    $select.value = agreed[field] === null ? '' : String(agreed[field])
    return $select
  }

  /** A change to an agreed choice or note goes into the draft, which is now unsaved. */
  proto.handleAgreed = function (event) {
    var $input = event.target
    var field = $input.getAttribute('data-agreed')
    if (!field || !this.shownDraft || (event.type === 'input' && $input.tagName === 'SELECT')) return
    var agreed = this.shownDraft.agreed[$input.closest('[data-indicator-group]').getAttribute('data-indicator-group')]
    var value = $input.value
    if (field === 'statement') agreed.statement = value === '' ? null : (value === 'n/a' ? 'n/a' : Number(value))
    else if (field === 'evidence') agreed.evidence = value || null
    else agreed.note = value
    this.shownDraft.dirty = true
    this.$compositeStatus.textContent = this.strings.composite_unsaved
    this.keepDrafts()
  }

  /** The day the members assessed: the latest of their dates (each one's date, else the day it was started). */
  function membersDay (members) {
    return members.map(compare.dayOf).sort().pop()
  }

  /**
   * The composite's ratings from the agreed choices. Plan fields the group added in the form after
   * an earlier save are kept; a target stays only beside a statement from 1 to 5.
   */
  proto.agreedRatings = function (agreed, previous) {
    var ratings = {}
    Object.keys(agreed).forEach(function (id) {
      var choice = agreed[id]
      var rated = typeof choice.statement === 'number'
      var rating = format.rating(Object.assign({}, previous[id] || {}, {
        statement: choice.statement, evidence: rated ? choice.evidence : null, note: choice.note }), this.data)
      if (!rated) rating.target = null
      if (choice.statement !== null || rating.note || format.hasPlan(rating, this.data)) ratings[id] = rating
    }, this)
    return ratings
  }

  /**
   * Save the group's agreed choices as an assessment whose method is "composite". Saving again
   * updates the same assessment. Its date is the members' (the latest of them); `updated` says when
   * it was saved. The confirmation sits by the button and says where the saved assessment is.
   */
  proto.saveComposite = function () {
    var draft = this.shownDraft
    var sources = draft.members
    var stored = draft.savedId ? this.store.get(draft.savedId) : null
    var previous = stored ? format.check(stored, this.data).assessment : null
    var made = previous || format.create(this.data)
    if (!previous) {
      var first = sources[0]
      made.service = {
        name: first.service.name,
        organisations: first.service.organisations,
        participants: format.clip(sources.map(function (a) { return a.service.participants.trim() })
          .filter(function (p, i, all) { return p && all.indexOf(p) === i }).join('; '), this.data.limits.longText)
      }
      // The composite's own cycle: the members' cycle when they share one; else left for the group to name.
      var cycles = sources.map(function (a) { return a.review_cycle.trim() })
      made.review_cycle = cycles.every(function (cycle) { return cycle === cycles[0] }) ? cycles[0] : ''
      made.purposes = this.data.choices.purposes.filter(function (purpose) {
        return sources.some(function (a) { return a.purposes.indexOf(purpose) !== -1 })
      })
    }
    made.method = 'composite'
    made.date = membersDay(sources)
    made.sources = sources.map(format.sourceOf)
    made.ratings = this.agreedRatings(draft.agreed, previous ? previous.ratings : {})
    made.updated = format.now()
    this.store.put(made)
    draft.savedId = made.id
    draft.dirty = false
    this.keepDrafts()
    this.show(made)
    this.renderStorageWarning()
    var message = format.fill(this.strings[previous ? 'composite_updated' : 'composite_saved'], {
      name: format.fill(this.strings.composite_name, { name: this.nameOf(made) }), n: sources.length, list: this.libraryTitle })
    this.$compositeStatus.textContent = message
    this.announce(message)
  }
})(window.MPW)
