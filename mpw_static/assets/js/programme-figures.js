/**
 * Across services: the figures of programme.html, as pure functions over checked assessments
 * and the page's embedded data. The page that draws them is programme.js.
 *
 * By design there is no league table here: nothing ranks, scores or totals one service against
 * another. Figures are counts of services (or, for a domain, of answers), and any figure built
 * from fewer services than the site's smallest group is held back (null), together with a second
 * one where a single held-back figure could be worked out from the row's total.
 */
(function (MPW) {
  'use strict'

  var compare = MPW.compare
  var LEVELS = compare.LEVELS
  // How the kinds of MPW.compare.movement are counted across services.
  var MOVES = { forward: 'on', firmer: 'held', same: 'held', looser: 'held', back: 'back', changed: 'na', new: 'unanswered', unanswered: 'unanswered', none: 'unanswered' }
  var MOVE_KINDS = ['on', 'held', 'back', 'na', 'unanswered']

  function normal (text) {
    return String(text || '').trim().replace(/\s+/g, ' ').toLowerCase()
  }

  /**
   * Which service an assessment is of: its name and organisations, ignoring case and spacing
   * ("Start the next cycle" copies both, so a service's cycles match). An unnamed assessment is
   * a service of its own.
   */
  function serviceKey (assessment) {
    var name = normal(assessment.service.name)
    return name ? name + '\n' + normal(assessment.service.organisations) : '\n#' + assessment.id
  }

  /**
   * What the page keeps of one checked file: its details and, per indicator, the statement,
   * evidence level and target. Notes and plans are left behind, so that 10,000 files stay small.
   */
  function summarise (assessment, file) {
    var ratings = {}
    Object.keys(assessment.ratings).forEach(function (id) {
      var rating = assessment.ratings[id]
      ratings[id] = { statement: rating.statement, evidence: rating.evidence, target: rating.target || null }
    })
    return {
      id: assessment.id,
      file: file,
      key: serviceKey(assessment),
      service: assessment.service.name,
      organisations: assessment.service.organisations,
      review_cycle: assessment.review_cycle,
      date: assessment.date,
      created: assessment.created,
      updated: assessment.updated,
      method: assessment.method,
      framework_version: assessment.framework_version,
      ratings: ratings
    }
  }

  /**
   * The assessments read so far, one per id. When an id comes twice, the copy updated last is
   * kept (the first read wins a tie) and the other is listed in `replaced`.
   */
  function Collection () {
    this.byId = new Map()
    this.replaced = [] // {id, kept: file name, dropped: file name}
  }

  Collection.prototype.add = function (record) {
    var had = this.byId.get(record.id)
    if (!had) return this.byId.set(record.id, record)
    var newer = Date.parse(record.updated) > Date.parse(had.updated)
    this.replaced.push({ id: record.id, kept: newer ? record.file : had.file, dropped: newer ? had.file : record.file })
    if (newer) this.byId.set(record.id, record)
  }

  Collection.prototype.records = function () {
    return Array.from(this.byId.values())
  }

  /**
   * The services in some assessments, each with its assessments in time order (oldest first),
   * listed by name: an order that says nothing about how a service is doing.
   * @returns {{key: string, name: string, organisations: string, assessments: Object[]}[]}
   */
  function services (records) {
    var groups = new Map()
    records.forEach(function (record) {
      if (!groups.has(record.key)) groups.set(record.key, [])
      groups.get(record.key).push(record)
    })
    return Array.from(groups, function (entry) {
      var assessments = compare.inTimeOrder(entry[1])
      var latest = assessments[assessments.length - 1]
      var order = normal(latest.service) + '\n' + entry[0]
      return { key: entry[0], name: latest.service, organisations: latest.organisations, assessments: assessments, order: order }
    }).sort(function (a, b) { return a.order < b.order ? -1 : a.order > b.order ? 1 : 0 })
  }

  /** The review cycle labels used, in the order they first appear in time. */
  function cycles (records) {
    var seen = []
    compare.inTimeOrder(records).forEach(function (record) {
      if (record.review_cycle && seen.indexOf(record.review_cycle) < 0) seen.push(record.review_cycle)
    })
    return seen
  }

  /**
   * The assessment shown for each service: its latest, or its latest in one review cycle (a
   * service with none in that cycle is left out), with its first assessment for movement.
   * @param {string} [cycle]
   * @returns {{service: Object, assessment: Object, first: Object}[]}
   */
  function shown (serviceList, cycle) {
    return serviceList.map(function (service) {
      var candidates = cycle ? service.assessments.filter(function (a) { return a.review_cycle === cycle }) : service.assessments
      if (!candidates.length) return null
      return { service: service, assessment: candidates[candidates.length - 1], first: service.assessments[0] }
    }).filter(Boolean)
  }

  function zero () {
    return { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 'n/a': 0 }
  }

  var SLOTS = LEVELS.concat(['']) // '' is "not answered", counted under counts
  // Each figure's key, "part:slot", made once: building it for each of a million answers is slow.
  // rest is an S1–S5 answer with no evidence level; move is a kind of movement.
  var KEYS = {}
  ;['counts', 'fully', 'wip', 'rest', 'move'].forEach(function (part) {
    KEYS[part] = {}
    SLOTS.concat(MOVE_KINDS).forEach(function (slot) { KEYS[part][slot] = part + ':' + slot })
  })

  /**
   * Where some services sit on some indicators: a tally as MPW.compare.tally makes it (counts,
   * fully, wip, none) of answers across services, with `total` answers, `services`, and how many
   * services each figure is built from (`from`, keyed "counts:3", "fully:3", "counts:" for not
   * answered). Answers are added service by service, in order, so a figure's distinct services
   * are counted by noting the last one seen.
   */
  function Tally (services) {
    this.counts = zero()
    this.fully = zero()
    this.wip = zero()
    this.none = 0
    this.total = 0
    this.services = services
    this.targets = 0 // answers with a target (files of format 2)
    this.last = {}
    this.from = {}
  }

  Tally.prototype.mark = function (part, slot, s) {
    var key = KEYS[part][slot]
    if (this.last[key] === s) return
    this.last[key] = s
    this.from[key] = (this.from[key] || 0) + 1
  }

  /** Add service s's answer (a rating, or undefined when not answered). */
  Tally.prototype.add = function (rating, s) {
    var statement = rating ? rating.statement : null
    this.total += 1
    if (rating && rating.target) this.targets += 1
    if (statement === null) {
      this.none += 1
      return this.mark('counts', '', s)
    }
    this.counts[statement] += 1
    this.mark('counts', statement, s)
    var part = rating.evidence === 'fully-achieved' ? 'fully' : rating.evidence === 'work-in-progress' ? 'wip' : 'rest'
    if (part !== 'rest') this[part][statement] += 1
    this.mark(part, statement, s)
  }

  /**
   * Which of a row's figures to hold back: each built from 1 to smallest − 1 services, and, when
   * that is only one, the other non-zero figure built from the fewest services too, so that the
   * held-back one cannot be worked out by subtracting the rest from the total.
   * @param {{count: number, from: number}[]} cells
   * @returns {boolean[]}
   */
  function holdBack (cells, smallest) {
    var hidden = cells.map(function (cell) { return cell.count > 0 && cell.from < smallest })
    if (hidden.filter(Boolean).length !== 1) return hidden
    var next = -1
    cells.forEach(function (cell, i) {
      if (!hidden[i] && cell.count > 0 && (next < 0 || cell.from < cells[next].from)) next = i
    })
    if (next >= 0) hidden[next] = true
    return hidden
  }

  /**
   * A tally with the small-number rule applied: held-back figures become null. A row built from
   * fewer services than the smallest group is held back whole (`held` is true).
   */
  function protect (tally, smallest) {
    var out = { counts: zero(), fully: zero(), wip: zero(), none: tally.none, total: tally.total, held: false }
    if (tally.services < smallest) {
      LEVELS.forEach(function (level) { out.counts[level] = out.fully[level] = out.wip[level] = null })
      out.none = null
      out.held = true
      return out
    }
    var from = function (key) { return tally.from[key] || 0 }
    var row = SLOTS.map(function (level) { return { count: level === '' ? tally.none : tally.counts[level], from: from('counts:' + level) } })
    var hidden = holdBack(row, smallest)
    LEVELS.forEach(function (level, i) {
      if (hidden[i]) {
        out.counts[level] = out.fully[level] = out.wip[level] = null
        return
      }
      out.counts[level] = tally.counts[level]
      var rest = tally.counts[level] - tally.fully[level] - tally.wip[level]
      var split = holdBack([
        { count: tally.fully[level], from: from('fully:' + level) },
        { count: tally.wip[level], from: from('wip:' + level) },
        { count: rest, from: from('rest:' + level) }], smallest)
      out.fully[level] = split[0] ? null : tally.fully[level]
      out.wip[level] = split[1] ? null : tally.wip[level]
    })
    if (hidden[LEVELS.length]) out.none = null
    return out
  }

  function indicatorsOf (data, domain) {
    return data.indicators.filter(function (indicator) { return indicator.domain === domain.number })
  }

  /**
   * Where services stand: per indicator (figures are services) and per domain (figures are
   * answers, each held back when built from too few services), with the rule applied. One pass
   * over the services fills every row, which keeps 10,000 files quick.
   */
  function distribution (entries, data, smallest) {
    var groups = data.domains.map(function (domain) {
      return {
        domain: domain,
        all: new Tally(entries.length),
        indicators: indicatorsOf(data, domain).map(function (indicator) { return { indicator: indicator, tally: new Tally(entries.length) } })
      }
    })
    entries.forEach(function (entry, s) {
      groups.forEach(function (group) {
        group.indicators.forEach(function (item) {
          var rating = entry.assessment.ratings[item.indicator.id]
          item.tally.add(rating, s)
          group.all.add(rating, s)
        })
      })
    })
    var row = function (tally) { return { tally: tally, shown: protect(tally, smallest) } }
    return groups.map(function (group) {
      return {
        domain: group.domain,
        all: row(group.all),
        indicators: group.indicators.map(function (item) { return { indicator: item.indicator, row: row(item.tally) } })
      }
    })
  }

  /**
   * How services moved from their first assessment to the one shown, per indicator and per domain:
   * on (a higher statement), held (the same), back (a lower one), na (to or from N/A), and
   * unanswered (not answered in one of the two). Only services with two or more assessments count.
   * @returns {{services: number, domains: {domain: Object, all: Object, indicators: {indicator: Object, row: Object}[]}[]}}
   */
  function movementAcross (entries, data, smallest) {
    var moving = entries.filter(function (entry) { return entry.first !== entry.assessment })
    var counter = function () {
      var counts = {}
      MOVE_KINDS.forEach(function (kind) { counts[kind] = 0 })
      return { counts: counts, tally: new Tally(moving.length) } // the tally counts each kind's services
    }
    var groups = data.domains.map(function (domain) {
      return {
        domain: domain,
        all: counter(),
        indicators: indicatorsOf(data, domain).map(function (indicator) { return { indicator: indicator, row: counter() } })
      }
    })
    var blank = { statement: null, evidence: null }
    moving.forEach(function (entry, s) {
      groups.forEach(function (group) {
        group.indicators.forEach(function (item) {
          var id = item.indicator.id
          var kind = MOVES[compare.movement(entry.first.ratings[id] || blank, entry.assessment.ratings[id] || blank).kind]
          ;[item.row, group.all].forEach(function (row) {
            row.counts[kind] += 1
            row.tally.mark('move', kind, s)
          })
        })
      })
    })
    var finish = function (row) {
      var cells = MOVE_KINDS.map(function (kind) { return { count: row.counts[kind], from: row.tally.from['move:' + kind] || 0 } })
      var held = moving.length < smallest
      var hidden = held ? cells.map(function () { return true }) : holdBack(cells, smallest)
      var shownCounts = {}
      MOVE_KINDS.forEach(function (kind, i) { shownCounts[kind] = hidden[i] ? null : row.counts[kind] })
      return { counts: row.counts, shown: shownCounts, held: held }
    }
    return {
      services: moving.length,
      domains: groups.map(function (group) {
        return {
          domain: group.domain,
          all: finish(group.all),
          indicators: group.indicators.map(function (item) { return { indicator: item.indicator, row: finish(item.row) } })
        }
      })
    }
  }

  /**
   * The matrix's own review: per indicator, how many services marked it N/A (as the distribution
   * shows it, rule applied) and how many set a target (held back with its complement). The
   * indicators whose N/A figure is shown come first, most often N/A first.
   * @returns {{indicator: Object, na: (number|null), targets: (number|null)}[]}
   */
  function relevance (entries, data, smallest, figures) {
    var rows = []
    figures.forEach(function (group) {
      group.indicators.forEach(function (item) {
        var withTarget = item.row.tally.targets
        var hidden = entries.length < smallest || holdBack([
          { count: withTarget, from: withTarget }, { count: entries.length - withTarget, from: entries.length - withTarget }], smallest)[0]
        rows.push({ indicator: item.indicator, na: item.row.shown.counts['n/a'], targets: hidden ? null : withTarget })
      })
    })
    var order = rows.map(function (row, i) { return i })
    order.sort(function (a, b) { return (rows[b].na || 0) - (rows[a].na || 0) || a - b })
    return order.map(function (i) { return rows[i] })
  }

  /** How many assessments used each method (individual, group, composite, not given), rule applied. */
  function methods (records, data, smallest) {
    var names = data.choices.methods.concat([''])
    var counts = names.map(function (name) {
      return records.filter(function (record) { return (record.method || '') === name })
    })
    var cells = counts.map(function (list) {
      return { count: list.length, from: new Set(list.map(function (record) { return record.key })).size }
    })
    var hidden = holdBack(cells, smallest)
    return names.map(function (name, i) { return { method: name, count: hidden[i] ? null : cells[i].count } })
  }

  /** The organisations named across services: each service's list split at ; , and new lines. */
  function organisations (serviceList) {
    var seen = new Set()
    serviceList.forEach(function (service) {
      service.organisations.split(/[;,\n]/).map(normal).filter(Boolean).forEach(function (name) { seen.add(name) })
    })
    return seen.size
  }

  /** The overview: how many files, services, organisations, review cycles, and the dates they span. */
  function overview (records, serviceList, data, smallest) {
    var days = records.map(compare.dayOf).sort()
    return {
      assessments: records.length,
      services: serviceList.length,
      organisations: organisations(serviceList),
      cycles: cycles(records).length,
      first: days[0] || null,
      last: days[days.length - 1] || null,
      methods: methods(records, data, smallest)
    }
  }

  /** One CSV cell: a number as it is, so that every tool reads it as one; text as MPW.format writes it. */
  function cell (value) {
    return typeof value === 'number' ? String(value) : MPW.format.csvCell(value)
  }

  var TIDY_COLUMNS = ['assessment_id', 'file', 'service', 'organisations', 'review_cycle', 'assessment_date', 'updated',
    'method', 'framework_version', 'domain', 'indicator', 'indicator_title', 'statement', 'statement_number', 'evidence', 'target']

  /**
   * Tidy data: one row per assessment and indicator, services in name order and each one's
   * assessments in time order, as chunks of CSV text (one per assessment) for a Blob.
   */
  function tidyCsv (serviceList, data) {
    var chunks = ['\ufeff' + TIDY_COLUMNS.join(',') + '\r\n'] // a byte order mark, so that spreadsheets read UTF-8
    serviceList.forEach(function (service) {
      service.assessments.forEach(function (record) {
        var lines = data.indicators.map(function (indicator) {
          var rating = record.ratings[indicator.id] || { statement: null, evidence: null, target: null }
          return [record.id, record.file, record.service, record.organisations, record.review_cycle, record.date,
            record.updated, record.method, record.framework_version, indicator.domain, indicator.id, indicator.title,
            rating.statement, typeof rating.statement === 'number' ? rating.statement : null, rating.evidence, rating.target]
            .map(cell).join(',')
        })
        chunks.push(lines.join('\r\n') + '\r\n')
      })
    })
    return chunks
  }

  MPW.programme = {
    MOVE_KINDS: MOVE_KINDS,
    TIDY_COLUMNS: TIDY_COLUMNS,
    serviceKey: serviceKey,
    summarise: summarise,
    Collection: Collection,
    services: services,
    cycles: cycles,
    shown: shown,
    holdBack: holdBack,
    protect: protect,
    distribution: distribution,
    movementAcross: movementAcross,
    relevance: relevance,
    overview: overview,
    tidyCsv: tidyCsv
  }
})(window.MPW = window.MPW || {})
