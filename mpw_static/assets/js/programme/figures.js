/**
 * Across services: the figures of programme.html, as pure functions over checked assessments
 * and the page's embedded data. The page's Worker works them out (programme/gather.js and
 * worker.js), and the page itself where a Worker cannot start; programme/view.js draws them. Node
 * loads this file too (after discuss/compare.js), which is how the tests attack its figures.
 *
 * By design there is no league table here: nothing ranks, scores or totals one service against
 * another. Figures are counts of services (or, for a domain, of answers). The small-number rule:
 * from everything a view shows, every held-back figure (null) must still have at least
 * `smallest` possible values. Its pieces for one indicator are programme/rule.js's; here, a
 * domain's figure is shown only when every figure it adds up is.
 */
(function (MPW) {
  'use strict'

  var compare = MPW.compare
  var LEVELS = compare.LEVELS
  // How the kinds of MPW.compare.movement are counted across services.
  var MOVES = { forward: 'on', firmer: 'held', same: 'held', looser: 'held', back: 'back', changed: 'na', new: 'unanswered', unanswered: 'unanswered', none: 'unanswered' }
  var rule = MPW.programmeRule
  var MOVE_KINDS = rule.MOVE_KINDS

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
   * The assessment shown for each service: its latest, with its first for movement. This is the
   * page's only view of a collection: a second one (a review cycle's, say) could be set beside it
   * and a held-back figure worked out by difference (README, "The small-number rule").
   * @returns {{service: Object, assessment: Object, first: Object}[]}
   */
  function shown (serviceList) {
    return serviceList.map(function (service) {
      var assessments = service.assessments
      return { service: service, assessment: assessments[assessments.length - 1], first: assessments[0] }
    })
  }

  // The small-number rule's pieces (programme/rule.js): which figures of a group to hold back, and
  // how the links between an indicator's groups hold back more.
  var SLOTS = rule.SLOTS
  var PARTS = rule.PARTS
  var holdBack = rule.holdBack
  var counted = rule.counted
  var protectIndicator = rule.protectIndicator

  // ---- Counting ---------------------------------------------------------------------------

  /** One indicator's true figures across the services of a view. */
  function Tally () {
    this.counts = {}
    this.fully = {}
    this.wip = {}
    this.rest = {}
    this.moves = {}
    SLOTS.forEach(function (slot) { this.counts[slot] = 0 }, this)
    LEVELS.forEach(function (level) { this.fully[level] = this.wip[level] = this.rest[level] = 0 }, this)
    MOVE_KINDS.forEach(function (kind) { this.moves[kind] = 0 }, this)
    this.targets = 0
  }

  Tally.prototype.add = function (rating) {
    var statement = rating ? rating.statement : null
    if (statement === null || statement === undefined) return (this.counts[''] += 1)
    this.counts[statement] += 1
    if (typeof statement !== 'number') return
    var part = rating.evidence === 'fully-achieved' ? 'fully' : rating.evidence === 'work-in-progress' ? 'wip' : 'rest'
    this[part][statement] += 1
    if (rating.target) this.targets += 1
  }

  var BLANK = { statement: null, evidence: null }

  /**
   * One indicator's shown figures: null where held back. counts are keyed by statement (1–5, 'n/a'),
   * none is not answered, fully/wip/rest split each statement, moves are kinds of movement (null
   * when the view shows no movement), target is the services with a target.
   */
  function shownRow (tally, p, smallest, total) {
    var row = { counts: {}, fully: {}, wip: {}, rest: {}, none: null, moves: null, target: p.ht ? null : tally.targets, total: total }
    SLOTS.forEach(function (slot, b) {
      var value = p.hc[b] ? null : tally.counts[slot]
      if (slot === '') row.none = value
      else row.counts[slot] = value
    })
    LEVELS.forEach(function (level, b) {
      if (level === 'n/a') return (row.fully[level] = row.wip[level] = row.rest[level] = 0)
      var split = p.hc[b] ? [true, true, true] : holdBack(counted(PARTS.map(function (part) { return tally[part][level] })), smallest)
      PARTS.forEach(function (part, i) { row[part][level] = split[i] ? null : tally[part][level] })
    })
    if (p.hk) {
      row.moves = {}
      MOVE_KINDS.forEach(function (kind, j) { row.moves[kind] = p.hk[j] ? null : tally.moves[kind] })
    }
    return row
  }

  /** A domain's row: each figure the sum of its indicators', shown only when all of them are. */
  function domainRow (rows, total) {
    var add = function (values) {
      return values.some(function (v) { return v === null }) ? null : values.reduce(function (a, b) { return a + b }, 0)
    }
    var out = { counts: {}, fully: {}, wip: {}, rest: {}, total: total, target: null }
    out.none = add(rows.map(function (row) { return row.none }))
    LEVELS.forEach(function (level) {
      out.counts[level] = add(rows.map(function (row) { return row.counts[level] }))
      PARTS.forEach(function (part) { out[part][level] = add(rows.map(function (row) { return row[part][level] })) })
    })
    out.moves = rows.length && rows[0].moves ? {} : null
    if (out.moves) MOVE_KINDS.forEach(function (kind) { out.moves[kind] = add(rows.map(function (row) { return row.moves[kind] })) })
    return out
  }

  /**
   * Every figure of a view, the rule applied: per domain, its row and its indicators' rows. The
   * view shows figures only when it has at least `smallest` services, and movement only when at
   * least `smallest` of them have two or more assessments (`moved`).
   * @returns {{services: number, moved: number, shown: boolean, movementShown: boolean, domains: Object[]}}
   */
  function view (entries, data, smallest) {
    var N = entries.length
    var moving = entries.filter(function (entry) { return entry.first !== entry.assessment })
    var shown = N >= smallest
    var movementShown = shown && moving.length >= smallest
    var domains = data.domains.map(function (domain) {
      var indicators = data.indicators.filter(function (indicator) { return indicator.domain === domain.number })
      var rows = indicators.map(function (indicator) {
        var tally = new Tally()
        entries.forEach(function (entry) { tally.add(entry.assessment.ratings[indicator.id]) })
        moving.forEach(function (entry) {
          var kind = MOVES[compare.movement(entry.first.ratings[indicator.id] || BLANK, entry.assessment.ratings[indicator.id] || BLANK, data).kind]
          tally.moves[kind] += 1
        })
        var p = {
          N: N,
          M: moving.length,
          c: SLOTS.map(function (slot) { return tally.counts[slot] }),
          k: movementShown ? MOVE_KINDS.map(function (kind) { return tally.moves[kind] }) : null,
          t: tally.targets
        }
        return { indicator: indicator, tally: tally, row: shown ? shownRow(tally, protectIndicator(p, smallest), smallest, N) : null }
      })
      return {
        domain: domain,
        all: shown ? domainRow(rows.map(function (item) { return item.row }), N * rows.length) : null,
        indicators: rows
      }
    })
    return { services: N, moved: moving.length, shown: shown, movementShown: movementShown, domains: domains }
  }

  /**
   * The matrix's own review: per indicator, how many services marked it N/A and how many set a
   * target, rule applied. Shown figures come first, most N/A first (then matrix order); indicators
   * whose N/A figure is held back follow in matrix order, so that the order tells nothing more.
   * @returns {{indicator: Object, na: (number|null), targets: (number|null)}[]}
   */
  function relevance (figures) {
    var rows = []
    figures.domains.forEach(function (group) {
      group.indicators.forEach(function (item) {
        rows.push({ indicator: item.indicator, na: item.row.counts['n/a'], targets: item.row.target })
      })
    })
    var shown = rows.filter(function (row) { return row.na !== null })
    var order = shown.map(function (row, i) { return i }).sort(function (a, b) { return shown[b].na - shown[a].na || a - b })
    return order.map(function (i) { return shown[i] }).concat(rows.filter(function (row) { return row.na === null }))
  }

  /**
   * How many assessments used each method (individual, group, composite, not given), rule applied:
   * a method used by fewer than `smallest` services is held back with others, as holdBack says.
   */
  function methods (records, data, smallest) {
    var names = data.choices.methods.concat([''])
    var cells = names.map(function (name) {
      var list = records.filter(function (record) { return (record.method || '') === name })
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

  /**
   * The overview: how many assessments, services, organisations and review cycle labels, the days
   * they span and the methods. A collection of fewer than `smallest` services gives none of them
   * (`shown` is false): only the files read and left out are then said.
   */
  function overview (records, serviceList, data, smallest) {
    var days = records.map(compare.dayOf).sort()
    return {
      shown: serviceList.length >= smallest,
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

  /**
   * A timestamp as UTC to the second with a Z ("2026-03-02T09:30:00Z"), whatever zone it was saved
   * in; one saved without a zone (by an early release) is taken as UTC. Anything else stays as it is.
   */
  function utc (stamp) {
    var match = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/.exec(String(stamp || ''))
    if (!match) return stamp
    var time = new Date(0)
    time.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
    time.setUTCHours(Number(match[4]), Number(match[5]), Number(match[6] || 0), 0)
    if (match[8]) time = new Date(time.getTime() - (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10])) * 60000)
    return time.toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  // Values that pandas and DuckDB read as they are, with their default settings ("n/a" and "NA" are
  // missing values to pandas, so N/A and not answered would merge).
  var ANSWERS = { 'n/a': 'not_applicable', '': 'not_answered' }
  var TIDY_COLUMNS = ['assessment_id', 'file', 'service', 'organisations', 'review_cycle', 'assessment_date', 'updated',
    'method', 'framework_version', 'domain', 'indicator_number', 'indicator', 'indicator_title', 'statement',
    'statement_number', 'evidence', 'target']

  /**
   * Tidy data: one row per assessment and indicator, services in name order and each one's
   * assessments in time order, as chunks of CSV text (one per assessment) for a Blob. The domain,
   * the indicator's number within its domain and the statement's number need no parsing ("1.10"
   * is a number to some readers).
   */
  function tidyCsv (serviceList, data) {
    var chunks = ['\ufeff' + TIDY_COLUMNS.join(',') + '\r\n'] // a byte order mark, so that spreadsheets read UTF-8
    var numbers = data.indicators.map(function (indicator) { return Number(indicator.id.split('.')[1]) })
    serviceList.forEach(function (service) {
      service.assessments.forEach(function (record) {
        var updated = utc(record.updated)
        var lines = data.indicators.map(function (indicator, i) {
          var rating = record.ratings[indicator.id] || BLANK
          var statement = rating.statement === null || rating.statement === undefined ? '' : rating.statement
          return [record.id, record.file, record.service, record.organisations, record.review_cycle, record.date,
            updated, record.method, record.framework_version, indicator.domain, numbers[i], indicator.id, indicator.title,
            ANSWERS[statement] || statement, typeof statement === 'number' ? statement : null, rating.evidence, rating.target]
            .map(cell).join(',')
        })
        chunks.push(lines.join('\r\n') + '\r\n')
      })
    })
    return chunks
  }

  var FIGURE_COLUMNS = ['section', 'domain', 'indicator', 'measure', 'value', 'note']
  var MOVE_MEASURES = { on: 'moved_on', held: 'held', back: 'stepped_back', na: 'to_or_from_not_applicable', unanswered: 'not_answered_in_one' }
  var PART_MEASURES = { fully: 'fully_achieved', wip: 'work_in_progress', rest: 'no_evidence_level' }

  /**
   * The figures of a view as rows for the figures CSV: one row per measure, always, with an empty
   * value and the note `hidden` ("not shown") where a figure is held back or its section is not shown.
   * @param {{files: Object, overview: Object, figures: Object, relevance: Object[]}} shown - what the page shows
   * @param {Object} data - the page's embedded data
   * @param {string} hidden - the marker
   */
  function figureRows (shown, data, hidden) {
    var rows = [FIGURE_COLUMNS]
    var add = function (section, domain, indicator, measure, value) {
      var held = value === null || value === undefined
      rows.push([section, domain, indicator, measure, held ? '' : value, held ? hidden : ''])
    }
    var o = shown.overview
    var f = shown.figures
    var whole = function (value) { return o.shown ? value : null }
    add('overview', '', '', 'files_read', shown.files.read)
    add('overview', '', '', 'files_left_out', shown.files.refused)
    add('overview', '', '', 'older_copies_left_out', whole(shown.files.replaced))
    ;['assessments', 'services', 'organisations', 'cycles', 'first', 'last'].forEach(function (key) {
      add('overview', '', '', { cycles: 'review_cycles', first: 'first_date', last: 'last_date' }[key] || key, whole(o[key]))
    })
    add('overview', '', '', 'services_in_view', f.shown ? f.services : null)
    // Shown with the view even when movement is not: the overview's counts of assessments and services
    // bound it, and the names list says it, so holding it back would protect nothing.
    add('overview', '', '', 'services_with_two_or_more_assessments', f.shown ? f.moved : null)
    o.methods.forEach(function (item) { add('method', '', '', item.method || 'not_given', whole(item.count)) })
    var pick = function (row, get) { return row ? get(row) : null }
    f.domains.forEach(function (group) {
      var number = group.domain.number
      var write = function (indicator, row) {
        LEVELS.forEach(function (level) {
          var name = level === 'n/a' ? 'not_applicable' : 's' + level
          add('distribution', number, indicator, name, pick(row, function (r) { return r.counts[level] }))
          if (level === 'n/a') return
          PARTS.forEach(function (part) {
            add('distribution', number, indicator, name + '_' + PART_MEASURES[part], pick(row, function (r) { return r[part][level] }))
          })
        })
        add('distribution', number, indicator, 'not_answered', pick(row, function (r) { return r.none }))
      }
      write('all', group.all)
      group.indicators.forEach(function (item) { write(item.indicator.id, item.row) })
      var moves = function (indicator, row) {
        MOVE_KINDS.forEach(function (kind) {
          add('movement', number, indicator, MOVE_MEASURES[kind], pick(row, function (r) { return r.moves ? r.moves[kind] : null }))
        })
      }
      moves('all', group.all)
      group.indicators.forEach(function (item) { moves(item.indicator.id, item.row) })
      group.indicators.forEach(function (item) {
        add('targets', number, item.indicator.id, 'services_with_target', pick(item.row, function (r) { return r.target }))
      })
    })
    return rows
  }

  MPW.programme = {
    MOVE_KINDS: MOVE_KINDS,
    TIDY_COLUMNS: TIDY_COLUMNS,
    FIGURE_COLUMNS: FIGURE_COLUMNS,
    serviceKey: serviceKey,
    summarise: summarise,
    Collection: Collection,
    services: services,
    cycles: cycles,
    shown: shown,
    view: view,
    relevance: relevance,
    overview: overview,
    utc: utc,
    tidyCsv: tidyCsv,
    figureRows: figureRows
  }
  // In Node (node --test, or a test's script), the module is also what require() returns.
  if (typeof module === 'object' && module.exports) module.exports = MPW.programme
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
