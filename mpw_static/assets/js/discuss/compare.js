/**
 * Comparing assessments for discussion: a development profile, a composite of several
 * assessments, the distance travelled between cycles, and an assessment's plan. Pure functions
 * over checked assessments and the page's embedded data (its choices: the statements, N/A and the
 * evidence levels, strongest first, as the model lists them); the views that draw them are in
 * discuss/. Node loads this file too (tests/js).
 *
 * None of this produces a score: there are no totals, percentages or rankings, because the
 * matrix "is not a race to achieve statement 5".
 */
(function (MPW) {
  'use strict'

  var format = MPW.format

  function ratingOf (assessment, id) {
    return assessment.ratings[id] || { statement: null, evidence: null, note: '', target: null }
  }

  /** The evidence levels by strength: the model lists fully achieved first, then work in progress. */
  function evidenceLevels (data) {
    return { fully: data.choices.evidence[0], wip: data.choices.evidence[1] }
  }

  /** Whether an answer is given but is not a statement from 1 to 5: N/A. */
  function isNotApplicable (statement, data) {
    return statement !== null && statement !== undefined && !format.isRated(statement, data)
  }

  function indicatorsOf (data, domain) {
    return data.indicators.filter(function (indicator) { return indicator.domain === domain.number })
  }

  /**
   * How many of some indicators sit at each statement, split by evidence level, and how many are
   * not answered. counts[level] is the total at that level; fully and wip say how many of those
   * carry each evidence level (the rest of an S1–S5 count gave none). Keyed by the statements of
   * data.choices.
   * @returns {{counts: Object<string, number>, fully: Object<string, number>, wip: Object<string, number>, none: number}}
   */
  function tally (assessment, indicators, data) {
    var zero = function () {
      var counts = {}
      data.choices.statements.forEach(function (statement) { counts[statement] = 0 })
      return counts
    }
    var levels = evidenceLevels(data)
    var sum = { counts: zero(), fully: zero(), wip: zero(), none: 0 }
    indicators.forEach(function (indicator) {
      var rating = ratingOf(assessment, indicator.id)
      if (rating.statement === null) return (sum.none += 1)
      sum.counts[rating.statement] += 1
      if (rating.evidence === levels.fully) sum.fully[rating.statement] += 1
      if (rating.evidence === levels.wip) sum.wip[rating.statement] += 1
    })
    return sum
  }

  /**
   * For each domain: how many indicators sit at S1…S5 and N/A, split by evidence level, and how
   * many are not answered yet. The chart and the table of the profile both show these figures.
   * @returns {{domain: Object, counts: Object<string, number>, fully: Object<string, number>, wip: Object<string, number>, none: number}[]}
   */
  function profile (assessment, data) {
    return data.domains.map(function (domain) {
      var row = tally(assessment, indicatorsOf(data, domain), data)
      row.domain = domain
      return row
    })
  }

  /** Across the whole matrix: the same tally as one domain of the profile. */
  function matrixTally (assessment, data) {
    return tally(assessment, data.indicators, data)
  }

  /**
   * How far answers to one indicator agree: "agreement" when everyone is within one statement,
   * "split" when they range over two or more (or some say N/A and others do not), "too-few"
   * with fewer than two answers.
   * @param {(number|string|null)[]} statements
   * @returns {{flag: string, spread: (number|null)}}
   */
  function agreement (statements, data) {
    var answered = statements.filter(function (s) { return s !== null })
    var numbers = answered.filter(function (s) { return format.isRated(s, data) })
    if (answered.length < 2) return { flag: 'too-few', spread: null }
    if (numbers.length === 0) return { flag: 'agreement', spread: 0 }
    var spread = Math.max.apply(null, numbers) - Math.min.apply(null, numbers)
    if (numbers.length < answered.length) return { flag: 'split', spread: spread }
    return { flag: spread >= 2 ? 'split' : 'agreement', spread: spread }
  }

  /**
   * The composite's starting point for one indicator, for the group to change: the median
   * statement rounded down (N/A if most said N/A), and the evidence level most people gave,
   * work in progress on a tie, so the composite never claims more than the group did.
   */
  function compositeDefault (ratings, data) {
    var numbers = ratings.map(function (r) { return r.statement }).filter(function (s) { return format.isRated(s, data) })
      .sort(function (a, b) { return a - b })
    var na = ratings.filter(function (r) { return isNotApplicable(r.statement, data) })
    if (!numbers.length && !na.length) return { statement: null, evidence: null }
    if (na.length > numbers.length) return { statement: na[0].statement, evidence: null }
    var middle = numbers.length / 2
    var median = numbers.length % 2 ? numbers[Math.floor(middle)] : (numbers[middle - 1] + numbers[middle]) / 2
    var levels = evidenceLevels(data)
    var fully = ratings.filter(function (r) { return r.evidence === levels.fully }).length
    var wip = ratings.filter(function (r) { return r.evidence === levels.wip }).length
    return { statement: Math.floor(median), evidence: fully + wip === 0 ? null : (fully > wip ? levels.fully : levels.wip) }
  }

  /**
   * Every participant's answer to every indicator, side by side, with the spread, the flag and
   * the composite's default.
   */
  function composite (assessments, data) {
    return data.indicators.map(function (indicator) {
      var ratings = assessments.map(function (a) { return ratingOf(a, indicator.id) })
      var agreed = agreement(ratings.map(function (r) { return r.statement }), data)
      return { indicator: indicator, ratings: ratings, flag: agreed.flag, spread: agreed.spread, proposal: compositeDefault(ratings, data) }
    })
  }

  /**
   * The order for "widest spread first": every split indicator before every other (those split
   * between N/A and a statement included), wider spreads first, then matrix order.
   * @param {{flag: string, spread: (number|null)}[]} rows - in matrix order
   * @returns {number[]} the rows' positions, in discussion order
   */
  function discussionOrder (rows) {
    return rows.map(function (row, index) { return index }).sort(function (a, b) {
      var split = Number(rows[b].flag === 'split') - Number(rows[a].flag === 'split')
      return split || (rows[b].spread || 0) - (rows[a].spread || 0) || a - b
    })
  }

  /** The day an assessment describes: its date, else the day it was started. */
  function dayOf (assessment) {
    return assessment.date || assessment.created.slice(0, 10)
  }

  /** Assessments in time order, oldest first. */
  function inTimeOrder (assessments) {
    return assessments.slice().sort(function (a, b) {
      return dayOf(a) < dayOf(b) ? -1 : dayOf(a) > dayOf(b) ? 1 : (a.created < b.created ? -1 : 1)
    })
  }

  /**
   * How one indicator moved between two cycles.
   * kind: forward, back, same, firmer (same statement, now fully achieved), looser, changed
   * (to or from N/A), new (answered only later), unanswered (not in the later cycle), none (in neither).
   */
  function movement (from, to, data) {
    var a = from.statement
    var b = to.statement
    var fully = evidenceLevels(data).fully
    if (a === null && b === null) return { kind: 'none', steps: 0 }
    if (b === null) return { kind: 'unanswered', steps: 0 }
    if (a === null) return { kind: 'new', steps: 0 }
    if (!format.isRated(a, data) || !format.isRated(b, data)) return { kind: a === b ? 'same' : 'changed', steps: 0 }
    if (b > a) return { kind: 'forward', steps: b - a }
    if (b < a) return { kind: 'back', steps: a - b }
    if (from.evidence !== to.evidence && to.evidence === fully) return { kind: 'firmer', steps: 0 }
    if (from.evidence !== to.evidence && from.evidence === fully) return { kind: 'looser', steps: 0 }
    return { kind: 'same', steps: 0 }
  }

  var KINDS = ['forward', 'firmer', 'same', 'looser', 'back', 'changed', 'new', 'unanswered', 'none']

  /** What two cycles must share in a field to count as the same: a service's name whatever its case and outer spaces. */
  function sameness (assessment, field) {
    return field === 'service' ? assessment.service.name.trim().toLowerCase() : assessment[field]
  }

  /**
   * The distance travelled over two or more cycles: each indicator's answers in time order and
   * its movement from the first cycle to the last, a per-domain summary, and what differs
   * between the cycles (method, service, framework version) that affects comparing them.
   */
  function distance (assessments, data) {
    var cycles = inTimeOrder(assessments)
    var first = cycles[0]
    var last = cycles[cycles.length - 1]
    // Targets are the ones set in the cycle before the latest: the plan for the period just ended.
    var rows = data.indicators.map(function (indicator) {
      var ratings = cycles.map(function (a) { return ratingOf(a, indicator.id) })
      var last = ratings[ratings.length - 1]
      var earlier = ratings[ratings.length - 2]
      return { indicator: indicator, ratings: ratings, movement: movement(ratings[0], last, data), target: earlier.target || null, outcome: targetOutcome(earlier, last, data) }
    })
    var domains = data.domains.map(function (domain) {
      var summary = { domain: domain }
      KINDS.concat(OUTCOMES).forEach(function (kind) { summary[kind] = 0 })
      rows.forEach(function (row) {
        if (row.indicator.domain !== domain.number) return
        summary[row.movement.kind] += 1
        if (OUTCOMES.indexOf(row.outcome) !== -1) summary[row.outcome] += 1
      })
      return summary
    })
    var differences = ['method', 'service', 'framework_version'].filter(function (field) {
      var values = cycles.map(function (a) { return sameness(a, field) })
      return values.some(function (value) { return value !== values[0] })
    })
    return { cycles: cycles, first: first, last: last, targetsFrom: cycles[cycles.length - 2], rows: rows, domains: domains, differences: differences }
  }

  /**
   * Whether the target set in an earlier cycle was met in a later one: "reached", "exceeded",
   * "not-yet", or "no-answer" when the later cycle has no S1–S5 for it; null without a target.
   */
  function targetOutcome (earlier, later, data) {
    if (!earlier.target) return null
    if (!format.isRated(later.statement, data)) return 'no-answer'
    return later.statement === earlier.target ? 'reached' : later.statement > earlier.target ? 'exceeded' : 'not-yet'
  }

  var OUTCOMES = ['reached', 'exceeded', 'not-yet']

  /**
   * An assessment's improvement plan: the indicators with a target or a next step, by domain, the
   * domains marked as priorities first (else in matrix order). Domains with neither a plan nor a
   * priority are left out.
   * @returns {{domain: Object, priority: boolean, firstSteps: string, rows: {indicator: Object, rating: Object}[]}[]}
   */
  function plan (assessment, data) {
    var groups = data.domains.map(function (domain) {
      var notes = assessment.domains[domain.number] || {}
      return {
        domain: domain,
        priority: notes.priority === true,
        firstSteps: notes.first_steps || '',
        rows: indicatorsOf(data, domain).filter(function (indicator) { return format.hasPlan(assessment.ratings[indicator.id], data) })
          .map(function (indicator) { return { indicator: indicator, rating: assessment.ratings[indicator.id] } })
      }
    }).filter(function (group) { return group.rows.length || group.priority || group.firstSteps })
    return groups.filter(function (g) { return g.priority }).concat(groups.filter(function (g) { return !g.priority }))
  }

  MPW.compare = {
    OUTCOMES: OUTCOMES,
    targetOutcome: targetOutcome,
    plan: plan,
    // Only for programme-figures.js, whose owner moves it to data.choices.statements (issue 24).
    LEVELS: [1, 2, 3, 4, 5, 'n/a'],
    KINDS: KINDS,
    tally: tally,
    profile: profile,
    matrixTally: matrixTally,
    discussionOrder: discussionOrder,
    agreement: agreement,
    compositeDefault: compositeDefault,
    composite: composite,
    inTimeOrder: inTimeOrder,
    dayOf: dayOf,
    movement: movement,
    distance: distance,
    sameness: sameness
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.compare
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
