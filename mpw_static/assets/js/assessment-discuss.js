/**
 * Discussion views on the assessment page: a development profile of one assessment, a composite
 * of several, and the distance travelled between cycles. Extends MPW.Assessment.
 * Files opened here for comparison are kept in memory only, unless the person asks to keep them.
 * Everything is built with DOM methods; every value from an assessment goes in as text.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var compare = MPW.compare
  var proto = MPW.Assessment.prototype
  var chart = MPW.chart
  var el = chart.el
  var table = chart.table
  var MARKERS = chart.MARKERS

  /** A labelled checkbox in a .choice row; `control`, if given, names it for handleDiscussionControl. */
  function checkbox (id, label, control) {
    var $choice = el('div', 'choice')
    var $box = el('input')
    $box.type = 'checkbox'
    $box.id = id
    if (control) $box.setAttribute('data-control', control)
    var $label = el('label', '', label)
    $label.htmlFor = id
    $choice.appendChild($box)
    $choice.appendChild($label)
    return $choice
  }

  proto.initDiscussion = function () {
    this.extra = [] // {assessment, file}: opened for comparison, not stored
    this.$discussList = this.find('[data-role="discuss-list"]')
    this.$discussion = this.find('[data-role="discussion"]')
    this.$compareFiles = this.find('[data-role="compare-files"]')
    this.$compareFiles.addEventListener('change', this.handleCompareFiles.bind(this))
    this.$discussion.addEventListener('change', this.handleDiscussionControl.bind(this))
    window.addEventListener('afterprint', function () { document.body.classList.remove('print-view') })
    window.addEventListener('beforeprint', this.fitTextForPrint.bind(this))
    this.renderDiscussList()
    this.initComposite()
  }

  /**
   * Every assessment that can be compared: saved ones, then files opened for comparison. Each is
   * keyed by its assessment id, which stays the same when a compared file is kept, so ticks follow
   * the assessment, not its place in the list. Ids are unique here: a repeat is refused on adding.
   */
  proto.comparable = function () {
    var saved = this.savedAssessments().sort(function (a, b) { return a.created < b.created ? -1 : 1 })
      .map(function (assessment) { return { key: assessment.id, assessment: assessment, file: null } })
    var savedIds = saved.map(function (item) { return item.key })
    return saved.concat(this.extra.filter(function (item) { return savedIds.indexOf(item.assessment.id) === -1 })
      .map(function (item) { return { key: item.assessment.id, assessment: item.assessment, file: item.file } }))
  }

  /** An assessment's name, cycle and date: "Composite: Riverside cluster · Baseline · 02/03/2026". */
  proto.describe = function (assessment) {
    var name = assessment.method === 'composite' ? format.fill(this.strings.composite_name, { name: this.nameOf(assessment) }) : this.nameOf(assessment)
    return [name, assessment.review_cycle, this.day(compare.dayOf(assessment))].filter(Boolean).join(' · ')
  }

  /** What tells entries of one team apart: who took part, where it came from, and when it last changed. */
  proto.detailOf = function (item) {
    var who = Array.from(item.assessment.service.participants.trim())
    return [
      who.length > 80 ? who.slice(0, 79).join('') + '…' : who.join(''),
      item.file ? format.fill(this.strings.discuss_from_file, { file: item.file }) : this.strings.discuss_saved_here,
      format.fill(this.strings.discuss_changed, { time: this.time(item.assessment.updated) })
    ].filter(Boolean).join(' · ')
  }

  /**
   * The checkbox list of assessments to compare. It is rebuilt only when the assessments in it
   * change; otherwise labels are updated in place, so ticks and focus stay where they are.
   */
  proto.renderDiscussList = function () {
    var items = this.comparable()
    var keys = items.map(function (item) { return item.key }).join('|')
    if (keys === this.discussKeys && items.length) return items.forEach(this.fillDiscussChoice, this)
    this.discussKeys = keys
    var chosen = this.chosenKeys()
    this.$discussList.textContent = ''
    if (!items.length) return this.$discussList.appendChild(el('p', 'hint', this.strings.discuss_none))
    items.forEach(function (item, index) {
      var $choice = checkbox('discuss-pick-' + index, '', null)
      var $box = $choice.querySelector('input')
      $box.value = item.key
      $box.setAttribute('data-role', 'discuss-pick')
      $box.checked = chosen.indexOf(item.key) !== -1
      var $label = $choice.querySelector('label')
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
      this.$discussList.appendChild($choice)
      this.fillDiscussChoice(item)
    }, this)
  }

  /** Put an entry's current name and details into its label. */
  proto.fillDiscussChoice = function (item) {
    var $box = this.discussBox(item.key)
    var $label = $box.parentNode.querySelector('label')
    $label.querySelector('.discuss-name').textContent = this.describe(item.assessment)
    $label.querySelector('.discuss-detail').textContent = this.detailOf(item)
  }

  /** The checkbox of one assessment id, found by comparing values (ids may hold any characters). */
  proto.discussBox = function (key) {
    return Array.prototype.filter.call(this.$discussList.querySelectorAll('[data-role="discuss-pick"]'), function ($box) {
      return $box.value === key
    })[0] || null
  }

  proto.chosenKeys = function () {
    return Array.prototype.filter.call(this.$discussList.querySelectorAll('[data-role="discuss-pick"]'), function ($box) {
      return $box.checked
    }).map(function ($box) { return $box.value })
  }

  proto.chosen = function () {
    var keys = this.chosenKeys()
    return this.comparable().filter(function (item) { return keys.indexOf(item.key) !== -1 })
      .map(function (item) { return item.assessment })
  }

  /** Open files for comparison only: checked like an import, kept in memory, not stored. */
  proto.handleCompareFiles = function () {
    var files = Array.prototype.slice.call(this.$compareFiles.files || [])
    this.$compareFiles.value = ''
    if (files.length) this.readFiles(files, this.addCompared)
  }

  /**
   * Add checked files to the list and tick them. An assessment already in the list (saved here, or
   * added before) is refused with a message: counted twice, one person would weigh double.
   */
  proto.addCompared = function (results) {
    var failures = []
    var added = []
    results.forEach(function (result) {
      var checked = result.text === null ? { assessment: null, errors: result.errors } : format.parse(result.text, result.size, this.data)
      if (!checked.assessment) return failures.push({ name: result.name, errors: checked.errors })
      var already = this.comparable().filter(function (item) { return item.key === checked.assessment.id })[0]
      if (already) {
        return failures.push({ name: result.name, errors: [format.fill(this.strings.discuss_err_listed, { name: this.describe(already.assessment) })] })
      }
      this.extra.push({ assessment: checked.assessment, file: result.name })
      added.push(checked.assessment.id)
    }, this)
    this.renderDiscussList()
    added.forEach(function (key) { this.discussBox(key).checked = true }, this)
    if (added.length) this.announce(format.fill(this.strings.discuss_added, { n: added.length }))
    if (failures.length) this.showErrors(failures, 'compare-files')
    else this.hideErrors()
  }

  /**
   * Store a file opened for comparison, at the person's request; its tick stays as it was. If the
   * same assessment is saved here meanwhile, the import's question says which copy is newer.
   */
  proto.keepCompared = function (key) {
    var index = this.extra.map(function (item) { return item.assessment.id }).indexOf(key)
    var item = this.extra[index]
    if (!item) return
    var existing = this.savedCopy(item.assessment.id)
    var keep = function (choice) {
      if (choice === 'keep') return this.announce(this.strings.import_cancelled)
      var kept = choice === 'both' ? this.copyOf(item.assessment, existing) : item.assessment
      var ticked = this.discussBox(key).checked
      this.store.put(kept)
      this.store.markDownloaded(kept.id, kept.updated)
      this.extra.splice(this.extra.indexOf(item), 1)
      this.renderLibrary() // redraws the list to compare from, too
      this.renderStorageWarning()
      this.announce(format.fill(this.strings[choice === 'both' ? 'import_kept_both' : 'imported'], { name: this.nameOf(item.assessment), file: item.file }))
      this.discussBox(kept.id).checked = ticked
      this.discussBox(kept.id).focus()
    }.bind(this)
    if (!existing) return keep('take')
    this.askImport(existing, { name: item.file, assessment: item.assessment }, keep)
  }

  /** Show the chosen view, or say in the error summary what it needs. */
  proto.showView = function () {
    var $view = this.$module.querySelector('[data-role="discuss-view"]:checked')
    var view = $view ? $view.value : 'profile'
    var chosen = this.chosen()
    var problem = null
    var single = view === 'profile' || view === 'plan'
    if (single && chosen.length > 1) problem = this.strings.discuss_need_one
    if (!single && chosen.length < 2) problem = this.strings.discuss_need_two
    if (problem) return this.showErrors([{ name: '', errors: [problem] }], 'discuss-pick-0')
    this.hideErrors()
    this.$discussion.textContent = ''
    this.$discussion.hidden = false // shown before drawing: charts are drawn at its width
    if (view === 'profile') this.renderProfile(chosen[0] || this.current)
    else if (view === 'plan') this.renderPlan(chosen[0] || this.current)
    else if (view === 'composite') this.renderComposite(chosen)
    else this.renderDistance(chosen)
    this.$discussion.querySelector('h3').focus()
  }

  proto.viewHeading = function (text) {
    var $heading = el('h3', 'discussion-heading', text)
    $heading.tabIndex = -1
    this.$discussion.appendChild($heading)
  }

  /** Buttons under every view: print it (and, for a composite, save it). */
  proto.viewActions = function (extra) {
    var $actions = el('p', 'discussion-actions no-print')
    ;(extra || []).concat([['print-view', this.strings.discuss_print, 'button-secondary']]).forEach(function (spec) {
      var $button = el('button', 'button ' + spec[2], spec[1])
      $button.type = 'button'
      $button.setAttribute('data-action', spec[0])
      $actions.appendChild($button)
    })
    this.$discussion.appendChild($actions)
  }

  proto.printView = function () {
    document.body.classList.add('print-view')
    window.print()
  }

  /** A statement as shown in the views: "S3 ■" with the evidence level in words for screen readers. */
  proto.statementCell = function (rating) {
    var $cell = el('span', 'statement-cell')
    if (rating.statement === null) {
      $cell.textContent = '—'
      $cell.appendChild(el('span', 'visually-hidden', ' ' + this.strings.not_answered))
      return $cell
    }
    $cell.textContent = this.label(rating.statement)
    if (rating.evidence) {
      var $marker = el('span', '', ' ' + MARKERS[rating.evidence])
      $marker.setAttribute('aria-hidden', 'true')
      $cell.appendChild($marker)
      $cell.appendChild(el('span', 'visually-hidden', ' ' + this.evidenceText(rating.evidence)))
    }
    if (rating.target) { // where this person or cycle aimed to be next: "S2 → S3"
      $cell.appendChild(el('span', 'target-arrow', ' → '))
      $cell.lastChild.setAttribute('aria-hidden', 'true')
      $cell.appendChild(el('span', 'visually-hidden', ', ' + this.strings.target_word + ' '))
      $cell.appendChild(el('span', 'target-label', this.label(rating.target)))
    }
    return $cell
  }

  /** S1…S5 or N/A as the matrix names them; a dash when there is no statement (the form uses it too). */
  proto.label = function (statement) {
    return statement === 'n/a' ? this.data.labels.na : statement === null ? '—' : this.data.labels.statements[statement - 1]
  }

  proto.evidenceText = function (evidence) {
    return chart.evidenceText(evidence, this.strings)
  }

  proto.levelHeadings = function () {
    return this.data.labels.statements.concat([this.data.labels.na])
  }

  /** A stacked bar chart of tallies (see MPW.chart.stackedBars), as wide as the discussion area. */
  proto.stackedBars = function (title, rows, keys) {
    return chart.stackedBars({ title: title, rows: rows, keys: keys, width: this.$discussion.clientWidth, strings: this.strings })
  }

  /** A tally as table cells: S1…S5 and N/A with their evidence split, then not answered. */
  proto.tallyCells = function (tally) {
    return chart.tallyCells(tally, this.strings)
  }

  /** Development profile: where one assessment's indicators sit, domain by domain. Not a score. */
  proto.renderProfile = function (assessment) {
    var rows = compare.profile(assessment, this.data)
    this.viewHeading(format.fill(this.strings.profile_heading, { name: this.describe(assessment) }))
    this.$discussion.appendChild(el('p', 'discussion-note', this.strings.profile_intro))
    var keys = this.levelHeadings().concat([this.strings.not_answered])
    this.$discussion.appendChild(this.stackedBars(this.strings.profile_chart, rows.map(function (row) {
      return { label: format.fill(this.strings.domain_short, { n: row.domain.number }), tally: row }
    }, this), keys))
    this.$discussion.appendChild(table(this.strings.profile_table, [this.strings.col_domain].concat(keys), rows.map(function (row) {
      return [row.domain.number + '. ' + row.domain.title].concat(this.tallyCells(row))
    }, this), 'stack-narrow-table'))
    this.viewActions()
    this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_profile }))
  }

  /** Today in the browser's own time zone, as YYYY-MM-DD, for comparing with a plan's dates. */
  function today () {
    var now = new Date()
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(function (n, i) { return (i ? '0' + n : '000' + n).slice(i ? -2 : -4) }).join('-')
  }

  /**
   * Improvement plan: every indicator with a target or a next step, grouped by domain, the domains
   * marked as priorities first. Filters by domain, lead and due date; a date gone by says so in words.
   */
  proto.renderPlan = function (assessment) {
    this.planAssessment = assessment
    this.planGroups = compare.plan(assessment, this.data)
    this.viewHeading(format.fill(this.strings.plan_heading, { name: this.describe(assessment) }))
    this.$discussion.appendChild(el('p', 'discussion-note', this.strings.plan_intro))
    if (!this.planGroups.length) {
      this.$discussion.appendChild(el('p', 'discussion-summary', this.strings.plan_empty))
      this.viewActions()
      return this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_plan }))
    }
    this.$discussion.appendChild(this.planControls(this.planGroups))
    this.$discussion.appendChild(el('p', 'plan-key', this.strings.plan_key)) // "S2 ▧" in words, on screen and on paper
    var day = today()
    this.planGroups.forEach(function (group) {
      var $section = el('section', 'plan-domain')
      $section.setAttribute('data-plan-domain', String(group.domain.number))
      $section.appendChild(el('h4', 'plan-domain-heading', group.domain.number + '. ' + group.domain.title))
      if (group.priority) $section.appendChild(el('p', 'plan-priority', '★ ' + this.strings.plan_priority))
      if (group.firstSteps) $section.appendChild(el('p', 'plan-first-steps', format.fill(this.strings.plan_first_steps, { steps: group.firstSteps })))
      if (group.rows.length) {
        var $table = table(format.fill(this.strings.plan_table, { n: group.domain.number }),
          [this.strings.col_indicator, this.strings.col_now, this.strings.col_target, this.strings.col_steps, this.strings.col_lead, this.strings.col_due],
          group.rows.map(function (row) {
            var r = row.rating
            return [row.indicator.id + ' ' + row.indicator.title, this.statementCell({ statement: r.statement, evidence: r.evidence }),
              r.target ? this.label(r.target) : '—', r.next_steps, r.lead, this.dueCell(r, day)]
          }, this), 'stack-narrow-table plan-table')
        Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, i) {
          $row.setAttribute('data-lead', group.rows[i].rating.lead.trim())
          $row.setAttribute('data-due', group.rows[i].rating.due_date || '')
        })
        $section.appendChild($table)
      }
      this.$discussion.appendChild($section)
    }, this)
    this.viewActions([['download-plan-csv', this.strings.plan_download_csv, 'button-secondary']])
    this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_plan }))
  }

  /** When an action is due, and "Past its date" in words once that day has gone by. */
  proto.dueCell = function (rating, day) {
    var $cell = el('span', '', this.whenText(rating) || '—')
    if (rating.due_date && rating.due_date < day) {
      $cell.appendChild(document.createTextNode(' '))
      $cell.appendChild(el('strong', 'flag flag-overdue', this.strings.plan_overdue))
    }
    return $cell
  }

  /** The plan's filters: domain, lead and "due by" a date. */
  proto.planControls = function (groups) {
    var $controls = el('div', 'discussion-controls plan-controls no-print')
    var leads = []
    groups.forEach(function (group) {
      group.rows.forEach(function (row) { var lead = row.rating.lead.trim(); if (lead && leads.indexOf(lead) === -1) leads.push(lead) })
    })
    var all = [['', this.strings.plan_all]]
    $controls.appendChild(selectField('plan-domain', this.strings.plan_filter_domain, all.concat(groups.map(function (group) {
      return [String(group.domain.number), group.domain.number + '. ' + group.domain.title]
    }))))
    $controls.appendChild(selectField('plan-lead', this.strings.plan_filter_lead, all.concat(leads.sort().map(function (lead) { return [lead, lead] }))))
    var $due = el('div', 'field')
    var $label = el('label', '', this.strings.plan_filter_due)
    $label.htmlFor = 'plan-due'
    var $input = el('input')
    $input.type = 'date'
    $input.id = 'plan-due'
    $input.setAttribute('data-control', 'plan-due')
    $due.appendChild($label)
    $due.appendChild($input)
    $controls.appendChild($due)
    return $controls
  }

  /** A labelled select inside a .field; `name` is its id and its data-control. */
  function selectField (name, label, options) {
    var $field = el('div', 'field')
    var $label = el('label', '', label)
    $label.htmlFor = name
    var $select = el('select')
    $select.id = name
    $select.setAttribute('data-control', name)
    options.forEach(function (option) {
      var $option = el('option', '', option[1])
      $option.value = option[0]
      $select.appendChild($option)
    })
    $field.appendChild($label)
    $field.appendChild($select)
    return $field
  }

  /** Show only the plan's rows that match its filters; a domain with none left is hidden too. */
  proto.filterPlan = function () {
    var value = function (name) { return this.$discussion.querySelector('[data-control="' + name + '"]').value }.bind(this)
    var domain = value('plan-domain')
    var lead = value('plan-lead')
    var due = value('plan-due')
    var shown = 0
    var total = 0
    Array.prototype.forEach.call(this.$discussion.querySelectorAll('[data-plan-domain]'), function ($section) {
      var inDomain = !domain || $section.getAttribute('data-plan-domain') === domain
      var $rows = Array.prototype.slice.call($section.querySelectorAll('tbody tr'))
      $rows.forEach(function ($row) {
        $row.hidden = !inDomain || Boolean(lead && $row.getAttribute('data-lead') !== lead) ||
          Boolean(due && !($row.getAttribute('data-due') && $row.getAttribute('data-due') <= due))
        total += 1
        if (!$row.hidden) shown += 1
      })
      var anyRow = $rows.some(function ($row) { return !$row.hidden })
      $section.hidden = !inDomain || (Boolean(lead || due) && !anyRow)
    })
    this.announce(format.fill(this.strings.rows_shown, { n: shown, total: total }))
  }

  /** The plan's actions as a CSV, one row per indicator with a plan, in the plan's order. */
  proto.downloadPlanCsv = function () {
    var name = format.fileName(this.planAssessment, 'csv').replace(/^mpw-assessment-/, 'mpw-plan-')
    this.download(format.toPlanCsv(this.planAssessment, this.planGroups, this.data), 'text/csv', name)
    this.announce(format.fill(this.strings.downloaded, { file: name }))
  }

  /**
   * Filter and order controls inside a view. What moves is each element with a data-index, which
   * keeps its matrix position: a row of the distance table, or an indicator's body in the composite.
   */
  proto.handleDiscussionControl = function (event) {
    if (!event.target.hasAttribute('data-control')) return
    if (event.target.getAttribute('data-control').indexOf('plan-') === 0) return this.filterPlan()
    var onlySplit = this.$discussion.querySelector('[data-control="only-split"]')
    var onlyMoved = this.$discussion.querySelector('[data-control="only-moved"]')
    var $order = this.$discussion.querySelector('[data-control="order"]')
    var $items = Array.prototype.slice.call(this.$discussion.querySelectorAll('.filterable [data-index]'))
    var $parent = $items[0].parentNode
    $items.forEach(function ($item) {
      $item.hidden = Boolean((onlySplit && onlySplit.checked && $item.getAttribute('data-flag') !== 'split') ||
        (onlyMoved && onlyMoved.checked && ['same', 'none'].indexOf($item.getAttribute('data-kind')) !== -1))
    })
    var key = $order && $order.value === 'spread' ? 'data-order' : 'data-index'
    $items.sort(function (a, b) { return Number(a.getAttribute(key)) - Number(b.getAttribute(key)) }).forEach(function ($item) { $parent.appendChild($item) })
    var shown = $items.filter(function ($item) { return !$item.hidden }).length
    this.announce(format.fill(this.strings.rows_shown, { n: shown, total: $items.length }))
  }

  proto.movementText = function (row) {
    var first = row.ratings[0]
    var last = row.ratings[row.ratings.length - 1]
    var values = { from: this.label(first.statement), to: this.label(last.statement), steps: row.movement.steps,
      was: this.evidenceText(first.evidence) || this.strings.no_evidence,
      now: this.evidenceText(last.evidence) || this.strings.no_evidence }
    return format.fill(this.strings['move_' + row.movement.kind], values)
  }

  /** Distance travelled: each indicator's movement from the first cycle to the last. */
  proto.renderDistance = function (assessments) {
    var travelled = compare.distance(assessments, this.data)
    var cycleNames = travelled.cycles.map(function (a) { return (a.review_cycle || this.nameOf(a)) + ' (' + this.day(compare.dayOf(a)) + ')' }, this)
    this.viewHeading(format.fill(this.strings.distance_heading, { name: this.nameOf(travelled.last) }))
    this.$discussion.appendChild(el('p', 'discussion-note', format.fill(this.strings.distance_intro, { cycles: cycleNames.join(' → ') })))
    travelled.differences.forEach(function (field) {
      var values = travelled.cycles.map(function (a) { return field === 'service' ? this.nameOf(a) : (a[field] || '—') }, this)
      this.$discussion.appendChild(el('p', 'notice discussion-warning', format.fill(this.strings['differs_' + field], { values: values.join(', ') })))
    }, this)
    var keys = this.levelHeadings().concat([this.strings.not_answered])
    var tallies = travelled.cycles.map(function (a) { return compare.matrixTally(a, this.data) }, this)
    this.$discussion.appendChild(this.stackedBars(this.strings.distance_chart, travelled.cycles.map(function (a, i) {
      return { label: a.review_cycle || this.day(compare.dayOf(a)), tally: tallies[i] }
    }, this), keys))
    this.$discussion.appendChild(table(this.strings.distance_cycles_table, [this.strings.col_cycle].concat(keys),
      cycleNames.map(function (name, i) { return [name].concat(this.tallyCells(tallies[i])) }, this), 'stack-narrow-table'))
    this.$discussion.appendChild(this.domainCounts(this.strings.distance_domains_table, travelled.domains, compare.KINDS, 'kind_', 'distance-domains-table'))
    var anyTarget = travelled.rows.some(function (row) { return row.target })
    if (anyTarget) { // counts of targets reached, for discussion: never a score or a percentage
      var from = travelled.targetsFrom
      var cycle = (from.review_cycle || this.nameOf(from)) + ' (' + this.day(compare.dayOf(from)) + ')'
      this.$discussion.appendChild(el('p', 'discussion-note', format.fill(this.strings.distance_targets, { cycle: cycle })))
      this.$discussion.appendChild(this.domainCounts(format.fill(this.strings.distance_targets_table, { cycle: cycle }), travelled.domains,
        compare.OUTCOMES, 'outcomes_', 'distance-targets-table'))
    }
    var $controls = el('div', 'discussion-controls no-print')
    $controls.appendChild(checkbox('distance-only-moved', this.strings.distance_only_moved, 'only-moved'))
    this.$discussion.appendChild($controls)
    var $table = table(this.strings.distance_table, [this.strings.col_indicator].concat(cycleNames, [this.strings.col_movement],
      anyTarget ? [this.strings.col_target] : []),
    travelled.rows.map(function (row) {
      var cells = [row.indicator.id + ' ' + row.indicator.title].concat(row.ratings.map(this.statementCell, this), [this.movementText(row)])
      return anyTarget ? cells.concat([row.outcome ? format.fill(this.strings['outcome_' + row.outcome.replace('-', '_')], { target: this.label(row.target) }) : '—']) : cells
    }, this), 'filterable stack-narrow-table distance-table')
    Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, index) {
      $row.setAttribute('data-index', String(index))
      $row.setAttribute('data-kind', travelled.rows[index].movement.kind)
      $row.setAttribute('data-outcome', travelled.rows[index].outcome || 'none')
    })
    this.$discussion.appendChild($table)
    this.viewActions()
    this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_distance }))
  }

  /** A table of counts per domain, one column per kind of change or outcome. */
  proto.domainCounts = function (caption, summaries, kinds, prefix, className) {
    return table(caption, [this.strings.col_domain].concat(kinds.map(function (kind) { return this.strings[prefix + kind.replace('-', '_')] }, this)),
      summaries.map(function (summary) {
        return [summary.domain.number + '. ' + summary.domain.title].concat(kinds.map(function (kind) { return String(summary[kind]) }))
      }), 'stack-narrow-table ' + className)
  }

  /**
   * Before printing, let text boxes grow to show all their text; mark every field left empty, which
   * the print styles leave out; and open each plan that holds something, so that it prints.
   */
  proto.fitTextForPrint = function () {
    Array.prototype.forEach.call(this.$form.querySelectorAll('textarea'), function ($area) {
      var lines = $area.value.split('\n').reduce(function (sum, line) { return sum + Math.max(1, Math.ceil(line.length / 90)) }, 0)
      $area.rows = Math.max(1, lines)
    })
    Array.prototype.forEach.call(this.$form.querySelectorAll('.field'), function ($field) {
      $field.classList.toggle('empty-field', !hasAnswer($field))
    })
    Array.prototype.forEach.call(this.$form.querySelectorAll('[data-role="plan"]'), function ($plan) {
      if ($plan.querySelector('.field:not(.empty-field)')) $plan.open = true
    })
  }

  /** Whether a field holds something typed, ticked or chosen. */
  function hasAnswer ($field) {
    return Array.prototype.some.call($field.querySelectorAll('input, textarea, select'), function ($input) {
      return $input.type === 'checkbox' || $input.type === 'radio' ? $input.checked : $input.value !== ''
    })
  }
})(window.MPW)
