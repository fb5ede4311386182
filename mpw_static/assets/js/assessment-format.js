/**
 * The assessment file format in the browser: create, check, export.
 * It mirrors the pydantic Assessment model in mpw_static/models.py, which is the source of truth;
 * the limits and indicator ids come from the page's embedded data, written by the same build.
 */
(function (MPW) {
  'use strict'

  // The format's choices, fields, patterns and limits come from the model, through the page's data.

  // The catalogue's helpers are the page's shared ones (core/dom.js): defined once, used here too.
  var fill = MPW.dom.fill
  var plural = MPW.dom.plural

  /** @returns {string} a random version 4 UUID; crypto.randomUUID needs a secure context, file:// may not be one. */
  function uuid () {
    var bytes = new Uint8Array(16)
    window.crypto.getRandomValues(bytes)
    bytes[6] = (bytes[6] & 0x0f) | 0x40
    bytes[8] = (bytes[8] & 0x3f) | 0x80
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1) }).join('')
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-')
  }

  /** @returns {string} the current time as an ISO 8601 string in UTC. */
  function now () {
    return new Date().toISOString()
  }

  /**
   * A new, empty assessment for this framework.
   * @param {Object} data - the page's embedded data
   * @returns {Object}
   */
  function create (data) {
    var time = now()
    return {
      format: data.format,
      format_version: data.formatVersion,
      framework_version: data.frameworkVersion,
      id: uuid(),
      service: { name: '', organisations: '', participants: '' },
      date: null,
      purposes: [],
      method: null,
      review_cycle: '',
      ratings: {},
      domains: {},
      last_plan: {},
      sources: [],
      created: time,
      updated: time
    }
  }

  /**
   * A file of an older format version as the current version, as mpw_static/upgrade.py does it.
   * Version 2 only added optional fields, so a version 1 file only changes its version number.
   * @param {Object} file - parsed, with a format_version this page reads
   * @returns {Object} the same object if it is current, else an upgraded copy (the original is untouched)
   */
  function upgrade (file) {
    var steps = {
      1: function (old) {
        var copy = {}
        Object.keys(old).forEach(function (key) { // defined, not assigned: a "__proto__" key stays a key, to be refused
          Object.defineProperty(copy, key, { value: key === 'format_version' ? 2 : old[key], enumerable: true, writable: true, configurable: true })
        })
        return copy
      }
    }
    while (isPlainObject(file) && has(steps, file.format_version)) file = steps[file.format_version](file)
    return file
  }

  /** Whether a version number is one this page reads (older ones are upgraded). */
  function readable (version, data) {
    return data.readsVersions.indexOf(version) !== -1
  }

  /**
   * A file's bytes as text, decoded as strictly as `mpw-static validate` does: a byte order mark
   * picks UTF-8 or UTF-16, anything else must be valid UTF-8. A typed U+FFFD is text; invalid
   * bytes are not, and are told apart from a binary file by its control bytes.
   * @param {ArrayBuffer} buffer
   * @returns {{text: (string|null), error: (string|null)}} error is a catalogue key
   */
  function decode (buffer) {
    var bytes = new Uint8Array(buffer)
    var encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : (bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8')
    try {
      return { text: new TextDecoder(encoding, { fatal: true }).decode(bytes), error: null } // drops one BOM, as Python's decode does
    } catch (error) {
      for (var i = 0; i < bytes.length; i++) {
        if (bytes[i] <= 0x08 || (bytes[i] >= 0x0e && bytes[i] <= 0x1f)) return { text: null, error: 'err_not_text' }
      }
      return { text: null, error: 'err_not_utf8' }
    }
  }

  /** How many characters a text has, counted as Python counts them (a pair of UTF-16 surrogates is one). */
  function characters (text) {
    var pairs = text.match(/[\ud800-\udbff][\udc00-\udfff]/g)
    return text.length - (pairs ? pairs.length : 0)
  }

  /** Whether a text holds a surrogate without its pair, which no UTF-8 file can carry. */
  function hasLoneSurrogate (text) {
    return /[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/.test(text)
  }

  // Each pattern of the rule (the schema's own: ids, codes, the calendar and the clock, text that
  // is not only white space), compiled once. The "u" flag reads it as Ajv and the model's re do.
  var compiled = {}

  /** Whether a value is text that a pattern of the rule accepts. */
  function matches (pattern, value) {
    if (!has(compiled, pattern)) compiled[pattern] = new RegExp(pattern, 'u')
    return typeof value === 'string' && compiled[pattern].test(value)
  }

  /** Own, plain-object check that ignores anything inherited. */
  function isPlainObject (value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
  }

  function has (object, key) {
    return Object.prototype.hasOwnProperty.call(object, key)
  }

  function depth (value, level, limit) {
    if (level > limit || value === null || typeof value !== 'object') return level
    var deepest = level
    var keys = Object.keys(value)
    for (var i = 0; i < keys.length && deepest <= limit; i++) {
      deepest = Math.max(deepest, depth(value[keys[i]], level + 1, limit))
    }
    return deepest
  }

  /**
   * Checks a parsed file by walking the format's rule (data.rules), which the build reads from the
   * model's JSON Schema (assessment_file.format_rule): objects and the fields they allow and need,
   * maps keyed by indicator ids or domain numbers, lists, and leaf values. Problems are collected in
   * the words of the string catalogue.
   * @param {Object} data - the page's embedded data
   */
  function Checker (data) {
    this.strings = data.strings
    this.errors = []
  }

  Checker.prototype.add = function (key, values) {
    this.errors.push(fill(this.strings[key], values || {}))
  }

  /** A field's path in messages: "service.name", "ratings.1.1", "sources[0]"; top-level fields bare. */
  function join (path, key) {
    return path ? path + '.' + key : key
  }

  // The checker's method for each kind of rule that format_rule writes (named as the kind, but for
  // "const", which reads badly as a method name).
  var CHECK_OF_KIND = {
    object: 'object', map: 'map', list: 'list', either: 'either', 'const': 'constant', text: 'text',
    choice: 'choice', date: 'date', dateTime: 'dateTime', pattern: 'pattern', bool: 'bool'
  }

  /** One value by its rule; null only where the model allows it. */
  Checker.prototype.field = function (value, rule, path) {
    if (value === null && rule.null) return
    this[CHECK_OF_KIND[rule.kind]](value, rule, path)
  }

  /** An object of the format: no field it does not know, each field by its rule, the required ones there. */
  Checker.prototype.object = function (object, rule, path) {
    if (!isPlainObject(object)) return this.add('err_type', { path: path, expected: 'an object' })
    var keys = Object.keys(object)
    for (var i = 0; i < keys.length; i++) {
      if (!has(rule.fields, keys[i])) this.add('err_unknown_field', { path: join(path, keys[i]) })
    }
    Object.keys(rule.fields).forEach(function (key) {
      if (has(object, key)) this.field(object[key], rule.fields[key], join(path, key))
      else if (rule.required.indexOf(key) !== -1) this.field(undefined, rule.fields[key], join(path, key))
    }, this)
    ;(rule.needs || []).forEach(function (need) { // e.g. a target needs a statement from S1 to S5
      var given = has(object, need.field) && object[need.field] !== null
      if (given && need.of.indexOf(has(object, need.then) ? object[need.then] : null) === -1) this.add('err_' + need.field, { path: path })
    }, this)
  }

  /** Ratings, last cycle's plan (keyed by the matrix's indicator ids) and domain notes (by number 1 to 8). */
  Checker.prototype.map = function (object, rule, path) {
    if (!isPlainObject(object)) return this.add('err_type', { path: path, expected: 'an object' })
    var keys = Object.keys(object)
    for (var i = 0; i < keys.length; i++) {
      if (rule.keys.of.indexOf(keys[i]) === -1 && rule.keys.name === 'indicator') {
        this.add('err_unknown_indicator', { path: path, id: keys[i].slice(0, 20) })
      } else if (rule.keys.of.indexOf(keys[i]) === -1) {
        this.add('err_type', { path: join(path, keys[i]), expected: this.strings['expected_' + rule.keys.name] })
      } else {
        this.field(object[keys[i]], rule.values, join(path, keys[i]))
      }
    }
  }

  Checker.prototype.list = function (list, rule, path) {
    if (!Array.isArray(list)) return this.add('err_type', { path: path, expected: 'a list' })
    list.forEach(function (item, i) { this.field(item, rule.of, path + '[' + i + ']') }, this)
    if (rule.unique && list.some(function (item, i) { return list.indexOf(item) !== i })) this.add('err_twice_' + path, { path: path }) // e.g. err_twice_purposes
  }

  /** One of several shapes, told apart by whether the value is an object (a source, or a bare id). */
  Checker.prototype.either = function (value, rule, path) {
    var objects = rule.options.filter(function (option) { return option.kind === 'object' })
    var others = rule.options.filter(function (option) { return option.kind !== 'object' })
    this.field(value, (isPlainObject(value) ? objects : others)[0] || rule.options[0], path)
  }

  Checker.prototype.constant = function (value, rule, path) {
    if (value !== rule.value) this.add('err_value', { path: path, value: String(value).slice(0, 40) })
  }

  Checker.prototype.text = function (value, rule, path) {
    if (typeof value !== 'string') return this.add('err_type', { path: path, expected: 'text' })
    if (hasLoneSurrogate(value)) return this.add('err_broken_character', { path: path })
    if (rule.notBlank && !matches(rule.notBlank, value)) return this.add('err_type', { path: path, expected: 'text' })
    if (rule.max !== null && characters(value) > rule.max) this.add('err_too_long', { path: path, limit: rule.max })
  }

  /** One of a list of values; a list or an object is named as such, never turned into text. */
  Checker.prototype.choice = function (value, rule, path) {
    if (rule.of.indexOf(value) !== -1) return
    if (value !== null && typeof value === 'object') return this.add('err_not_a_choice', { path: path })
    this.add('err_value', { path: path, value: String(value).slice(0, 40) })
  }

  Checker.prototype.pattern = function (value, rule, path) {
    if (!matches(rule.pattern, value)) this.add('err_type', { path: path, expected: this.strings['expected_' + rule.name] })
  }

  /** A calendar day (the pattern knows the calendar: no 30 February, no year 0). */
  Checker.prototype.date = function (value, rule, path) {
    if (!matches(rule.pattern, value)) this.add('err_type', { path: path, expected: this.strings.expected_date })
  }

  /** A date and time (the pattern knows the clock too: no 24:00, no second 60). */
  Checker.prototype.dateTime = function (value, rule, path) {
    if (!matches(rule.pattern, value)) this.add('err_type', { path: path, expected: this.strings.expected_date_time })
  }

  Checker.prototype.bool = function (value, rule, path) {
    if (typeof value !== 'boolean') this.add('err_type', { path: path, expected: this.strings.expected_bool })
  }

  /** The plan fields of a rating (or of last cycle's plan), copied onto `into`, with their defaults. */
  function planOf (from, into) {
    into.target = has(from, 'target') ? from.target : null
    into.next_steps = from.next_steps || ''
    into.lead = from.lead || ''
    into.due_date = from.due_date || null
    into.due_cycle = from.due_cycle || ''
    return into
  }

  /** A complete rating with every field of the format, from one that may leave some out. */
  function rating (from) {
    return planOf(from, {
      statement: has(from, 'statement') ? from.statement : null,
      evidence: has(from, 'evidence') ? from.evidence : null,
      note: from.note || ''
    })
  }

  /** Whether a rating or a plan holds anything of a plan (a target, steps, a lead or a date). */
  function hasPlan (rating) {
    return Boolean(rating && (rating.target !== null && rating.target !== undefined || rating.next_steps || rating.lead || rating.due_date || rating.due_cycle))
  }

  /**
   * Copy only the known fields of a checked file into a fresh object, so nothing unexpected
   * (such as a "__proto__" key) is ever carried along.
   * @param {Object} file - a parsed file that passed the checks
   * @returns {Object}
   */
  function normalise (file) {
    var service = file.service || {}
    var copy = {
      format: file.format,
      format_version: file.format_version,
      framework_version: file.framework_version,
      id: file.id,
      service: { name: service.name || '', organisations: service.organisations || '', participants: service.participants || '' },
      date: file.date || null,
      purposes: (file.purposes || []).slice(),
      method: file.method || null,
      review_cycle: file.review_cycle || '',
      ratings: {},
      domains: {},
      last_plan: {},
      sources: (file.sources || []).map(function (source) {
        return typeof source === 'string' ? source : { id: source.id, service: source.service || '', date: source.date || null }
      }),
      created: file.created,
      updated: file.updated,
      language: file.language || null
    }
    Object.keys(file.ratings || {}).forEach(function (id) { copy.ratings[id] = rating(file.ratings[id]) })
    Object.keys(file.domains || {}).forEach(function (number) {
      var notes = file.domains[number]
      copy.domains[number] = { context: notes.context || '', reflections: notes.reflections || '', priority: notes.priority === true, first_steps: notes.first_steps || '' }
    })
    Object.keys(file.last_plan || {}).forEach(function (id) {
      var plan = file.last_plan[id]
      copy.last_plan[id] = planOf(plan, { statement: has(plan, 'statement') ? plan.statement : null })
    })
    return copy
  }

  /**
   * The first key written twice in one object of valid JSON text, or null. JSON.parse would
   * silently keep the last value, so a file could show one thing to a person and another here.
   * @param {string} text - text that JSON.parse accepted
   * @returns {(string|null)}
   */
  function duplicateKey (text) {
    var objects = [] // per open object or array: {keys: Set or null, expectKey: boolean}
    // Only strings and brackets matter; the pattern steps over everything else, and over a whole
    // string at once, which is what makes 10,000 files quick to check.
    var token = /"(?:[^"\\]|\\.)*"|[{}[\],]/g
    var match
    while ((match = token.exec(text)) !== null) {
      var found = match[0]
      var top = objects[objects.length - 1]
      if (found.charAt(0) === '"') {
        if (top && top.keys && top.expectKey) {
          var key = JSON.parse(found)
          if (top.keys.has(key)) return key
          top.keys.add(key)
          top.expectKey = false
        }
      } else if (found === '{' || found === '[') {
        objects.push({ keys: found === '{' ? new Set() : null, expectKey: true })
      } else if (found === '}' || found === ']') {
        objects.pop()
      } else if (top && top.keys) {
        top.expectKey = true // a comma in an object: a key comes next
      }
    }
    return null
  }

  /**
   * Check a file's text against the format, in the same order as mpw_static/assessment_file.py.
   * @param {string} text - the file's contents
   * @param {number} size - its size in bytes
   * @param {Object} data - the page's embedded data
   * @returns {{assessment: (Object|null), errors: string[]}}
   */
  function parse (text, size, data) {
    var checker = new Checker(data)
    var fail = function (key, values) { checker.add(key, values); return { assessment: null, errors: checker.errors } }
    if (size > data.limits.maxBytes) return fail('err_too_big', { size: size, limit: data.limits.maxBytes })
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) return fail('err_not_text')
    var file
    try {
      file = JSON.parse(text)
    } catch (error) {
      return fail('err_not_json')
    }
    // Python will not read an integer of over 4,300 digits; JSON.parse quietly makes it Infinity.
    if (/[0-9]{4301,}/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return fail('err_huge_number')
    var repeated = duplicateKey(text)
    if (repeated !== null) return fail('err_duplicate_key', { key: repeated.slice(0, 40) })
    if (!isPlainObject(file) || file.format !== data.format) return fail('err_not_assessment')
    if (depth(file, 1, data.limits.maxDepth) > data.limits.maxDepth) return fail('err_too_deep')
    var version = file.format_version
    if (Number.isSafeInteger(version) && version > data.formatVersion) { // not 1e400, which reads as Infinity
      return fail('err_newer', { version: version, supported: data.formatVersion })
    }
    if (!readable(version, data)) return fail('err_version')
    return check(file, data)
  }

  /**
   * Check an already parsed object (a file, or a record kept in browser storage).
   * @param {*} file
   * @param {Object} data - the page's embedded data
   * @returns {{assessment: (Object|null), errors: string[]}}
   */
  function check (file, data) {
    var checker = new Checker(data)
    if (!isPlainObject(file) || file.format !== data.format) checker.add('err_not_assessment')
    else if (!readable(file.format_version, data)) checker.add('err_version')
    else {
      file = upgrade(file) // an older version is read as the current one, in memory
      checker.field(file, data.rules, '')
    }
    if (checker.errors.length) return { assessment: null, errors: checker.errors }
    return { assessment: normalise(file), errors: [] }
  }

  /** How another assessment names this one as its source: id, service and date. */
  function sourceOf (assessment) {
    return { id: assessment.id, service: assessment.service.name, date: assessment.date }
  }

  /** Turn text into a safe, readable piece of a file name. */
  function slug (text) {
    return String(text || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)
  }

  /**
   * Text cut to at most `limit` characters, counted as Python counts them (code points), so that a
   * surrogate pair is never split and the model's length limits hold.
   */
  function clip (text, limit) {
    var points = Array.from(text)
    return points.length > limit ? points.slice(0, limit).join('') : text
  }

  /**
   * The download's file name: the service, who took part, the method and the date, so that the
   * files of one team's members ("district-nurse", "gp") are told apart in a folder or an email.
   * @param {Object} assessment
   * @param {string} extension - "json" or "csv"
   * @returns {string}
   */
  function fileName (assessment, extension) {
    var who = slug(assessment.service.participants).slice(0, 40).replace(/-+$/, '')
    var parts = ['mpw-assessment', slug(assessment.service.name) || 'untitled', who, assessment.method || '',
      assessment.date || assessment.updated.slice(0, 10)]
    return parts.filter(Boolean).join('-') + '.' + extension
  }

  /**
   * Offer text (or chunks of it) as a download; works on file:// and over http. The one thing here
   * that touches the page: both the assessment page and the across-services page save files.
   */
  function offerDownload (parts, type, name) {
    var url = URL.createObjectURL(new Blob([].concat(parts), { type: type }))
    var $link = document.createElement('a')
    $link.href = url
    $link.download = name
    document.body.appendChild($link)
    $link.click()
    document.body.removeChild($link)
    window.setTimeout(function () { URL.revokeObjectURL(url) }, 1000)
  }

  /** One CSV cell: quoted, and made inert if a spreadsheet would read it as a formula. */
  function csvCell (value) {
    var text = value === null || value === undefined ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text
    return '"' + text.replace(/"/g, '""') + '"'
  }

  /**
   * One row per indicator, for spreadsheet users.
   * @param {Object} assessment
   * @param {Object} data - the page's embedded data
   * @returns {string}
   */
  function toCsv (assessment, data) {
    var rows = [data.strings.csv_headers.split('|')]
    data.indicators.forEach(function (indicator) {
      var rating = assessment.ratings[indicator.id] || {}
      var chosen = rating.statement
      var label = chosen === 'n/a' ? data.labels.na : (chosen ? data.labels.statements[chosen - 1] : '')
      var text = typeof chosen === 'number' ? indicator.statements[chosen - 1] : ''
      rows.push([indicator.domain, indicator.id, indicator.title, label, text, rating.evidence || '', rating.note || '',
        targetLabel(rating.target, data), rating.next_steps || '', rating.lead || '', rating.due_date || '', rating.due_cycle || '',
        assessment.service.name, assessment.date || '', assessment.review_cycle, assessment.method || ''])
    })
    return csvText(rows)
  }

  function targetLabel (target, data) {
    return target ? data.labels.statements[target - 1] : ''
  }

  /** Rows as CSV text: a byte order mark so that spreadsheets read UTF-8, and CRLF line ends. */
  function csvText (rows) {
    return '\ufeff' + rows.map(function (row) { return row.map(csvCell).join(',') }).join('\r\n') + '\r\n'
  }

  /**
   * The improvement plan as a CSV of actions: one row per indicator with a target or a next step,
   * in the plan's order (priority domains first).
   * @param {Object} assessment
   * @param {{domain: Object, priority: boolean, rows: {indicator: Object, rating: Object}[]}[]} groups - MPW.compare.plan
   * @param {Object} data - the page's embedded data
   */
  function toPlanCsv (assessment, groups, data) {
    var rows = [data.strings.plan_csv_headers.split('|')]
    groups.forEach(function (group) {
      group.rows.forEach(function (row) {
        var rating = row.rating
        var now = rating.statement === 'n/a' ? data.labels.na : targetLabel(rating.statement, data)
        rows.push([group.domain.number, group.domain.title, group.priority ? data.strings.yes : '', row.indicator.id, row.indicator.title,
          now, targetLabel(rating.target, data), rating.next_steps, rating.lead, rating.due_date || '', rating.due_cycle,
          assessment.service.name, assessment.date || '', assessment.review_cycle])
      })
    })
    return csvText(rows)
  }

  MPW.format = {
    create: create,
    upgrade: upgrade,
    hasPlan: hasPlan,
    rating: rating,
    decode: decode,
    parse: parse,
    check: check,
    normalise: normalise,
    sourceOf: sourceOf,
    fileName: fileName,
    clip: clip,
    toCsv: toCsv,
    toPlanCsv: toPlanCsv,
    csvText: csvText,
    offerDownload: offerDownload,
    csvCell: csvCell,
    fill: fill,
    plural: plural,
    uuid: uuid,
    now: now
  }
})(window.MPW = window.MPW || {})
