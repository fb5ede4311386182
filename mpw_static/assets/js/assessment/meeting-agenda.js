/**
 * The meeting's agenda and record, worked out from the open assessment (the group's record), the
 * meeting's marks (which indicators were reached and which the room will come back to) and the
 * members' files loaded for the meeting. Pure functions over the page's embedded data; the
 * meeting's screens (assessment/meeting-*.js) draw them. Node loads this file too (tests/js).
 *
 * Where members agree or are split is the composite's rule (MPW.compare.agreement), never a rule of
 * its own. Nothing here ranks or scores: a count says where people placed an indicator, not how good
 * a service is.
 */
(function (MPW) {
  'use strict'

  var compare = MPW.compare
  var format = MPW.format

  function has (object, key) {
    return Boolean(object) && Object.prototype.hasOwnProperty.call(object, key)
  }

  /** The domains chosen for the meeting, in the matrix's order; all of them when none is chosen. */
  function chosenDomains (data, numbers) {
    var all = data.domains.map(function (domain) { return domain.number })
    var chosen = all.filter(function (number) { return (numbers || []).indexOf(number) !== -1 })
    return chosen.length ? chosen : all
  }

  /** The indicators of the chosen domains, in the matrix's order. */
  function indicatorsOf (data, numbers) {
    var domains = chosenDomains(data, numbers)
    return data.indicators.filter(function (indicator) { return domains.indexOf(indicator.domain) !== -1 })
  }

  /**
   * The meeting's steps, as keys: its set-up, then for each chosen domain its prompts and each of its
   * indicators, then the record: ['setup', 'domain:1', 'indicator:1.1', …, 'record'].
   */
  function steps (data, numbers) {
    var keys = ['setup']
    chosenDomains(data, numbers).forEach(function (number) {
      keys.push('domain:' + number)
      data.indicators.forEach(function (indicator) {
        if (indicator.domain === number) keys.push('indicator:' + indicator.id)
      })
    })
    keys.push('record')
    return keys
  }

  /** A step's key as its kind and what it is about: {kind: 'indicator', id: '1.1'}, {kind: 'domain', id: '2'}. */
  function parseStep (key) {
    var at = String(key).indexOf(':')
    return at === -1 ? { kind: String(key), id: '' } : { kind: key.slice(0, at), id: key.slice(at + 1) }
  }

  /** Whether the group has chosen a statement (S1–S5 or N/A) for an indicator. */
  function isAgreed (assessment, id) {
    var rating = assessment.ratings[id]
    return Boolean(rating) && rating.statement !== null && rating.statement !== undefined
  }

  /** Whether anything at all is recorded for an indicator: a statement, evidence, a note, a target, a step. */
  function hasRecord (assessment, id) {
    var rating = assessment.ratings[id] || {}
    return Object.keys(rating).some(function (field) {
      var value = rating[field]
      return value !== null && value !== undefined && String(value).trim() !== ''
    })
  }

  /**
   * Where one indicator stands in the meeting: 'skipped' when the room chose to come back to it,
   * else 'agreed' once a statement is chosen; reached without a statement, 'open' (discussed, not
   * agreed yet) when something was recorded for it and 'reached' when nothing was, so that the
   * record never says an indicator the room only arrived at was discussed; else 'not-reached'.
   * @param {{reached: Object<string, boolean>, skipped: Object<string, boolean>}} marks
   */
  function stateOf (assessment, marks, id) {
    if (has(marks.skipped, id)) return 'skipped'
    if (isAgreed(assessment, id)) return 'agreed'
    if (!has(marks.reached, id)) return 'not-reached'
    return hasRecord(assessment, id) ? 'open' : 'reached'
  }

  /**
   * Where an indicator stands, in words, for the contents and the record alike: "Agreed: S3", "To
   * come back to"; marked after a statement was chosen, "Marked to come back to; agreed so far: S2"
   * (the file keeps the statement, so the words say it).
   * @param {Object<string, string>} strings - the page's words
   * @param {string} state - from stateOf
   * @param {string} statement - the chosen statement's label, or ''
   */
  function stateWords (strings, state, statement) {
    var key = state === 'skipped' && statement ? 'meeting_state_skipped_agreed' : 'meeting_state_' + state.replace('-', '_')
    return MPW.dom.fill(strings[key], { statement: statement })
  }

  /** How many of the meeting's indicators are agreed, of how many: "12 of 45 agreed". */
  function progress (assessment, marks, data, numbers) {
    var indicators = indicatorsOf(data, numbers)
    var agreed = indicators.filter(function (indicator) { return stateOf(assessment, marks, indicator.id) === 'agreed' })
    return { agreed: agreed.length, total: indicators.length }
  }

  /**
   * Where the members placed one indicator: how many at each statement (S1–S5 and N/A, keyed as
   * the format writes them), how many gave no answer, the roles at each statement (sorted, so that
   * nothing tells the order in which files were loaded), and the composite's flag and spread.
   * @param {{assessment: Object, role: string}[]} members
   * @returns {{counts: Object<string, number>, roles: Object<string, string[]>, none: number, flag: string, spread: (number|null)}}
   */
  function positions (members, id, data) {
    var counts = {}
    var roles = {}
    data.choices.statements.forEach(function (statement) {
      counts[String(statement)] = 0
      roles[String(statement)] = []
    })
    var statements = members.map(function (member) {
      var rating = member.assessment.ratings[id]
      return rating && rating.statement !== undefined ? rating.statement : null
    })
    var none = 0
    statements.forEach(function (statement, index) {
      if (statement === null) return (none += 1)
      counts[String(statement)] += 1
      roles[String(statement)].push(members[index].role)
    })
    Object.keys(roles).forEach(function (key) { roles[key].sort(function (a, b) { return a.localeCompare(b) }) })
    var agreed = compare.agreement(statements, data)
    return { counts: counts, roles: roles, none: none, flag: agreed.flag, spread: agreed.spread }
  }

  /**
   * The lowest and highest statements the members chose for one indicator, and whether any said
   * N/A: what a range such as "S1 to S4" or "N/A and S2" is written from.
   * @returns {{low: (number|null), high: (number|null), notApplicable: (string|number|null)}}
   */
  function range (counts, data) {
    var rated = data.choices.targets.filter(function (statement) { return counts[String(statement)] > 0 })
    var na = data.choices.statements.filter(function (statement) {
      return !format.isRated(statement, data) && counts[String(statement)] > 0
    })
    return { low: rated.length ? rated[0] : null, high: rated.length ? rated[rated.length - 1] : null, notApplicable: na.length ? na[0] : null }
  }

  /**
   * The meeting's record, from the group's assessment: for each of the meeting's indicators in
   * matrix order, its state, its rating and (with members loaded) where they stood, grouped as
   * agreed, to come back to or reached without agreement, and not reached; and the indicators
   * with a target or a next step set.
   * @returns {{agreed: Object[], unresolved: Object[], notReached: Object[], plans: Object[]}}
   */
  function record (assessment, marks, data, numbers, members) {
    var result = { agreed: [], unresolved: [], notReached: [], plans: [] }
    indicatorsOf(data, numbers).forEach(function (indicator) {
      var id = indicator.id
      var rating = format.rating(assessment.ratings[id] || {}, data)
      var entry = {
        indicator: indicator,
        state: stateOf(assessment, marks, id),
        rating: rating,
        members: members && members.length ? positions(members, id, data) : null
      }
      if (entry.state === 'agreed') result.agreed.push(entry)
      else if (entry.state === 'not-reached') result.notReached.push(entry)
      else result.unresolved.push(entry)
      if (format.hasPlan(rating, data)) result.plans.push(entry)
    })
    return result
  }

  MPW.meetingAgenda = {
    chosenDomains: chosenDomains,
    indicatorsOf: indicatorsOf,
    steps: steps,
    parseStep: parseStep,
    stateOf: stateOf,
    stateWords: stateWords,
    progress: progress,
    positions: positions,
    range: range,
    record: record
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.meetingAgenda
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
