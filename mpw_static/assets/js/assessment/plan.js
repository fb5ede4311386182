/**
 * The improvement plan, a view of the discussion room: every indicator of one assessment with a
 * target or a next step, grouped by domain, the domains marked as priorities first. It filters by
 * domain, lead and due date, says in words when a date has gone by, prints with a key to its
 * markers, and downloads as a CSV of actions.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var views = MPW.views

  /**
   * @param {MPW.Discussion} room
   * @constructor
   */
  function Plan (room) {
    this.room = room
    this.assessment = null
    this.groups = []
    this.actions = { 'download-plan-csv': this.downloadCsv }
  }

  Plan.prototype.render = function (assessments) {
    var room = this.room
    var strings = room.strings
    this.assessment = assessments[0]
    this.groups = MPW.compare.plan(this.assessment, room.data)
    views.heading(room, dom.fill(strings.plan_heading, { name: room.describe(this.assessment) }))
    views.note(room, strings.plan_intro)
    if (!this.groups.length) {
      views.note(room, strings.plan_empty, 'discussion-summary')
      views.actions(room)
      return views.shown(room, 'plan')
    }
    room.$discussion.appendChild(this.controls())
    views.note(room, strings.plan_key, 'plan-key') // "S2 ▧" in words, on screen and on paper
    var day = dom.today()
    this.groups.forEach(function (group) { room.$discussion.appendChild(this.section(group, day)) }, this)
    views.actions(room, [['download-plan-csv', strings.plan_download_csv, 'button-secondary']])
    views.shown(room, 'plan')
  }

  /** One domain of the plan: its priority, its first steps, and a table of its planned indicators. */
  Plan.prototype.section = function (group, day) {
    var room = this.room
    var strings = room.strings
    var $section = el('section', 'plan-domain')
    $section.setAttribute('data-plan-domain', String(group.domain.number))
    $section.appendChild(views.markLanguage(el('h4', 'plan-domain-heading', views.domainName(group.domain)), group.domain.language))
    if (group.priority) $section.appendChild(el('p', 'plan-priority', '★ ' + strings.plan_priority))
    if (group.firstSteps) $section.appendChild(el('p', 'plan-first-steps', dom.fill(strings.plan_first_steps, { steps: group.firstSteps })))
    if (!group.rows.length) return $section
    var $table = views.table(dom.fill(strings.plan_table, { n: group.domain.number }),
      [strings.col_indicator, strings.col_now, strings.col_target, strings.col_steps, strings.col_lead, strings.col_due],
      group.rows.map(function (row) {
        var r = row.rating
        return [views.indicatorCell(row.indicator), views.statementCell(room, { statement: r.statement, evidence: r.evidence }),
          r.target ? room.workspace.label(r.target) : '—', r.next_steps, r.lead, this.dueCell(r, day)]
      }, this), 'stack-narrow-table plan-table')
    Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, i) {
      $row.setAttribute('data-lead', group.rows[i].rating.lead.trim())
      $row.setAttribute('data-due', group.rows[i].rating.due_date || '')
    })
    $section.appendChild($table)
    return $section
  }

  /** "31/03/2027 (6-month review)": a plan's date and review, either or both. */
  Plan.prototype.whenText = function (rating) {
    var date = rating.due_date ? this.room.workspace.day(rating.due_date) : ''
    return date && rating.due_cycle ? date + ' (' + rating.due_cycle + ')' : date || rating.due_cycle
  }

  /** When an action is due, and "Past its date" in words once that day has gone by. */
  Plan.prototype.dueCell = function (rating, day) {
    var $cell = el('span', '', this.whenText(rating) || '—')
    if (rating.due_date && rating.due_date < day) {
      $cell.appendChild(document.createTextNode(' '))
      $cell.appendChild(el('strong', 'flag flag-overdue', this.room.strings.plan_overdue))
    }
    return $cell
  }

  /** The plan's filters: domain, lead and "due by" a date. */
  Plan.prototype.controls = function () {
    var strings = this.room.strings
    var $controls = el('div', 'discussion-controls plan-controls no-print')
    var leads = []
    this.groups.forEach(function (group) {
      group.rows.forEach(function (row) { var lead = row.rating.lead.trim(); if (lead && leads.indexOf(lead) === -1) leads.push(lead) })
    })
    var all = [['', strings.plan_all]]
    $controls.appendChild(views.selectField('plan-domain', strings.plan_filter_domain, all.concat(this.groups.map(function (group) {
      return [String(group.domain.number), views.domainName(group.domain), group.domain.language]
    }))))
    $controls.appendChild(views.selectField('plan-lead', strings.plan_filter_lead, all.concat(leads.sort().map(function (lead) { return [lead, lead] }))))
    var $due = $controls.appendChild(el('div', 'field'))
    $due.appendChild(el('label', '', strings.plan_filter_due)).htmlFor = 'plan-due'
    var $input = $due.appendChild(el('input'))
    $input.type = 'date'
    $input.id = 'plan-due'
    $input.setAttribute('data-control', 'plan-due')
    return $controls
  }

  /** Show only the plan's rows that match its filters; a domain with none left is hidden too. */
  Plan.prototype.handleControl = function (event) {
    if (event.type !== 'change' || !event.target.hasAttribute('data-control')) return
    var $discussion = this.room.$discussion
    var value = function (name) { return $discussion.querySelector('[data-control="' + name + '"]').value }
    var domain = value('plan-domain')
    var lead = value('plan-lead')
    var due = value('plan-due')
    var shown = 0
    var total = 0
    dom.each($discussion, '[data-plan-domain]', function ($section) {
      var inDomain = !domain || $section.getAttribute('data-plan-domain') === domain
      var $rows = Array.prototype.slice.call($section.querySelectorAll('tbody tr'))
      $rows.forEach(function ($row) {
        $row.hidden = !inDomain || Boolean(lead && $row.getAttribute('data-lead') !== lead) ||
          Boolean(due && !($row.getAttribute('data-due') && $row.getAttribute('data-due') <= due))
        total += 1
        if (!$row.hidden) shown += 1
      })
      $section.hidden = !inDomain || (Boolean(lead || due) && !$rows.some(function ($row) { return !$row.hidden }))
    })
    this.room.workspace.announce(dom.fill(this.room.strings.rows_shown, { n: shown, total: total }))
  }

  /** The plan's actions as a CSV, one row per indicator with a plan, in the plan's order. */
  Plan.prototype.downloadCsv = function () {
    var name = format.fileName(this.assessment, 'csv').replace(/^mpw-assessment-/, 'mpw-plan-')
    dom.offerDownload(format.toPlanCsv(this.assessment, this.groups, this.room.data), 'text/csv', name)
    this.room.workspace.announce(dom.fill(this.room.strings.downloaded, { file: name }))
  }

  MPW.Discussion.views.plan = Plan
})(window.MPW)
