/**
 * The distance travelled, a view of the discussion room: each indicator's movement from the first
 * cycle to the last, per domain, and the targets set in the cycle before the latest (counts to
 * talk about, never a score or a percentage). What differs between the cycles (the method, the
 * service, the framework's version) is said first, since it affects comparing them.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var compare = MPW.compare
  var views = MPW.views

  /**
   * @param {MPW.Discussion} room
   * @constructor
   */
  function Distance (room) {
    this.room = room
  }

  /** A cycle as its column names it: "Baseline (02/03/2026)". */
  Distance.prototype.cycleName = function (assessment) {
    var workspace = this.room.workspace
    return (assessment.review_cycle || workspace.nameOf(assessment)) + ' (' + workspace.day(compare.dayOf(assessment)) + ')'
  }

  Distance.prototype.render = function (assessments) {
    var room = this.room
    var strings = room.strings
    var workspace = room.workspace
    var travelled = compare.distance(assessments, room.data)
    var cycleNames = travelled.cycles.map(this.cycleName, this)
    views.heading(room, dom.fill(strings.distance_heading, { name: workspace.nameOf(travelled.last) }))
    views.note(room, dom.fill(strings.distance_intro, { cycles: cycleNames.join(' → ') }))
    travelled.differences.forEach(function (field) {
      views.note(room, dom.fill(strings['differs_' + field], { values: this.differingValues(travelled.cycles, field).join(', ') }),
        'notice discussion-warning')
    }, this)
    views.startCharts(room)
    var keys = views.tallyHeadings(room)
    var tallies = travelled.cycles.map(function (a) { return compare.matrixTally(a, room.data) })
    room.$discussion.appendChild(views.stackedBars(room, strings.distance_chart, travelled.cycles.map(function (a, i) {
      return { label: a.review_cycle || workspace.day(compare.dayOf(a)), tally: tallies[i] }
    }), keys))
    // Each table scrolls in its own box: ten columns of counts are wider than the area at 769-940 px.
    room.$discussion.appendChild(views.scrollBox(views.table(strings.distance_cycles_table, [strings.col_cycle].concat(keys),
      cycleNames.map(function (name, i) { return [name].concat(views.tallyCells(room, tallies[i])) }), 'stack-narrow-table'),
    'distance-cycles-caption'))
    room.$discussion.appendChild(views.scrollBox(this.domainCounts(strings.distance_domains_table, travelled.domains, compare.KINDS,
      'kind_', 'distance-domains-table'), 'distance-domains-caption'))
    var anyTarget = travelled.rows.some(function (row) { return row.target })
    if (anyTarget) { // counts of targets reached, for discussion: never a score or a percentage
      var cycle = this.cycleName(travelled.targetsFrom)
      views.note(room, dom.fill(strings.distance_targets, { cycle: cycle }))
      room.$discussion.appendChild(views.scrollBox(this.domainCounts(dom.fill(strings.distance_targets_table, { cycle: cycle }),
        travelled.domains, compare.OUTCOMES, 'outcomes_', 'distance-targets-table'), 'distance-targets-caption'))
    }
    var $controls = el('div', 'discussion-controls no-print')
    $controls.appendChild(views.checkbox('distance-only-moved', strings.distance_only_moved, 'only-moved'))
    room.$discussion.appendChild($controls)
    room.$discussion.appendChild(views.scrollBox(this.rowsTable(travelled, cycleNames, anyTarget), 'distance-rows-caption'))
    views.actions(room)
    views.shown(room, 'distance')
  }

  /**
   * What a field holds across the cycles, as the page words it (a method by its label, as the form
   * names it), each value once in the order first seen: four cycles of two services name two.
   * @returns {string[]}
   */
  Distance.prototype.differingValues = function (cycles, field) {
    var workspace = this.room.workspace
    var strings = this.room.strings
    var seen = []
    var values = []
    cycles.forEach(function (a) {
      var key = compare.sameness(a, field) // as compare.distance tells them apart
      if (seen.indexOf(key) !== -1) return
      seen.push(key)
      if (field === 'service') values.push(workspace.nameOf(a))
      else if (field === 'method') values.push(a.method ? strings['method_' + a.method] : '—')
      else values.push(a[field] || '—')
    })
    return values
  }

  /** Each indicator's answers in time order, its movement, and (if any was set) its target's outcome. */
  Distance.prototype.rowsTable = function (travelled, cycleNames, anyTarget) {
    var room = this.room
    var strings = room.strings
    var $table = views.table(strings.distance_table, [strings.col_indicator].concat(cycleNames, [strings.col_movement],
      anyTarget ? [strings.col_target] : []),
    travelled.rows.map(function (row) {
      var cells = [views.indicatorCell(row.indicator)].concat(row.ratings.map(function (rating) { return views.statementCell(room, rating) }), [this.movementText(row)])
      if (!anyTarget) return cells
      return cells.concat([row.outcome ? dom.fill(strings['outcome_' + row.outcome.replace('-', '_')], { target: room.workspace.label(row.target) }) : '—'])
    }, this), 'filterable stack-narrow-table distance-table')
    Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, index) {
      $row.setAttribute('data-index', String(index))
      $row.setAttribute('data-kind', travelled.rows[index].movement.kind)
      $row.setAttribute('data-outcome', travelled.rows[index].outcome || 'none')
    })
    return $table
  }

  Distance.prototype.movementText = function (row) {
    var room = this.room
    var first = row.ratings[0]
    var last = row.ratings[row.ratings.length - 1]
    var values = {
      from: room.workspace.label(first.statement),
      to: room.workspace.label(last.statement),
      steps: row.movement.steps,
      was: views.evidenceText(room, first.evidence) || room.strings.no_evidence,
      now: views.evidenceText(room, last.evidence) || room.strings.no_evidence
    }
    return dom.fill(room.strings['move_' + row.movement.kind], values)
  }

  /** A table of counts per domain, one column per kind of change or outcome. */
  Distance.prototype.domainCounts = function (caption, summaries, kinds, prefix, className) {
    var strings = this.room.strings
    return views.table(caption, [strings.col_domain].concat(kinds.map(function (kind) { return strings[prefix + kind.replace('-', '_')] })),
      summaries.map(function (summary) {
        return [views.domainCell(summary.domain)].concat(kinds.map(function (kind) { return String(summary[kind]) }))
      }), 'stack-narrow-table ' + className)
  }

  /** "Only indicators that moved" hides the ones that stayed where they were or were never answered. */
  Distance.prototype.handleControl = function (event) {
    if (event.type !== 'change' || event.target.getAttribute('data-control') !== 'only-moved') return
    var only = event.target.checked
    views.filterItems(this.room, function ($row) {
      return only && ['same', 'none'].indexOf($row.getAttribute('data-kind')) !== -1
    }, 'data-index')
  }

  MPW.Discussion.views.distance = Distance
})(window.MPW)
