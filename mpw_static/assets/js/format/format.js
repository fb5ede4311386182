/**
 * The assessment file format in the browser: create, check, upgrade, complete, name and export.
 * It mirrors the pydantic Assessment model in mpw_static/models.py, which is the source of truth:
 * the page's embedded data carries the model's rule (data.rules, from its JSON Schema) with each
 * object's defaults, a plan's fields and the CSV columns (mpw_static/page_data.py), so that this
 * module keeps no list of fields, choices or defaults of its own.
 *
 * Pure: nothing here touches the page, and Node loads it too (tests/js).
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
    crypto.getRandomValues(bytes) // window.crypto in a page, globalThis.crypto in Node
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
   * A new, empty assessment for this framework: the format's identity, a new id and the time, and
   * every other field at the model's default.
   * @param {Object} data - the page's embedded data
   * @returns {Object}
   */
  function create (data) {
    var time = now()
    return complete({ format: data.format, format_version: data.formatVersion, framework_version: data.frameworkVersion,
      id: uuid(), created: time, updated: time }, data.rules)
  }

  /**
   * A file of an older format version as the current version, as mpw_static/upgrade.py does it.
   * Versions 2 and 3 only added optional fields, so an older file only changes its version number.
   * @param {Object} file - parsed, with a format_version this page reads
   * @returns {Object} the same object if it is current, else an upgraded copy (the original is untouched)
   */
  function upgrade (file) {
    var steps = { 1: renumbered(2), 2: renumbered(3) }
    while (isPlainObject(file) && has(steps, file.format_version)) file = steps[file.format_version](file)
    return file
  }

  /**
   * An upgrade step that only changes the version number: every field kept as it is, in its place
   * (version 2 added a plan's fields, version 3 the meeting, all optional).
   * @param {number} version - the version it upgrades to
   */
  function renumbered (version) {
    return function (old) {
      var copy = {}
      Object.keys(old).forEach(function (key) { // defined, not assigned: a "__proto__" key stays a key, to be refused
        Object.defineProperty(copy, key, { value: key === 'format_version' ? version : old[key], enumerable: true, writable: true, configurable: true })
      })
      return copy
    }
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
    if (isWorkbook(bytes)) return { text: null, error: 'err_workbook' } // chosen in the wrong box: say which box
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

  var ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]
  var WORKBOOK_PART = 'xl/workbook.' // .xml, or .bin in a binary workbook

  /**
   * Whether bytes are an Excel workbook, as assessment_file.is_workbook decides: a zip whose
   * directory names the workbook part (a zip stores its parts' names as plain text). The name of
   * the file is not asked: a workbook renamed .json is still one, and a zip of anything else is not.
   * @param {Uint8Array} bytes
   */
  function isWorkbook (bytes) {
    if (!ZIP_SIGNATURE.every(function (byte, i) { return bytes[i] === byte })) return false
    var codes = WORKBOOK_PART.split('').map(function (c) { return c.charCodeAt(0) })
    for (var start = 0; start + codes.length <= bytes.length; start++) {
      if (bytes[start] !== codes[0]) continue
      if (codes.every(function (code, i) { return bytes[start + i] === code })) return true
    }
    return false
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

  // What to do next, for the problems whose advice depends on the field (the others carry theirs in
  // their words): a statement's and a target's own values, else correcting the file. `mpw-static
  // validate` gives the same hints (assessment_file.field_hint).
  var HINTED = ['err_type', 'err_value', 'err_not_a_choice']
  var FIELD_HINTS = { statement: 'err_hint_statement', target: 'err_hint_target' }

  Checker.prototype.add = function (key, values) {
    values = values || {}
    if (HINTED.indexOf(key) !== -1) {
      var field = values.path.replace(/\[[0-9]+\]$/, '').split('.').pop() // ratings.1.1.statement -> statement
      values.hint = this.strings[has(FIELD_HINTS, field) ? FIELD_HINTS[field] : 'err_hint_correct']
    }
    this.errors.push(fill(this.strings[key], values))
  }

  /** A count as validate writes it, its thousands grouped: 50,000 (the same in Welsh). */
  function thousands (count) {
    return String(count).replace(/\B(?=(\d{3})+$)/g, ',')
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
    if (!isPlainObject(object)) return this.add('err_type', { path: path, expected: this.strings.expected_object })
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
      if (given && need.of.indexOf(has(object, need.then) ? object[need.then] : null) === -1) this.add('err_' + need.field, { path: join(path, need.field) })
    }, this)
  }

  /** Ratings, last cycle's plan (keyed by the matrix's indicator ids) and domain notes (keyed by the matrix's domain numbers). */
  Checker.prototype.map = function (object, rule, path) {
    if (!isPlainObject(object)) return this.add('err_type', { path: path, expected: this.strings.expected_object })
    var keys = Object.keys(object)
    for (var i = 0; i < keys.length; i++) {
      if (rule.keys.of.indexOf(keys[i]) === -1 && rule.keys.name === 'indicator') {
        this.add('err_unknown_indicator', { path: path, id: keys[i].slice(0, 20), first: rule.keys.of[0], last: rule.keys.of[rule.keys.of.length - 1] })
      } else if (rule.keys.of.indexOf(keys[i]) === -1) {
        this.add('err_type', { path: join(path, keys[i]), expected: this.strings['expected_' + rule.keys.name] })
      } else {
        this.field(object[keys[i]], rule.values, join(path, keys[i]))
      }
    }
  }

  /** A list: not longer than its limit (checked first, so a huge list is one message), each item by its rule, each once where it must be. */
  Checker.prototype.list = function (list, rule, path) {
    if (!Array.isArray(list)) return this.add('err_type', { path: path, expected: this.strings.expected_list })
    if (has(rule, 'max') && list.length > rule.max) return this.add('err_too_many', { path: path, count: thousands(list.length), limit: rule.max })
    list.forEach(function (item, i) { this.field(item, rule.of, path + '[' + i + ']') }, this)
    var name = path.split('.').pop() // err_twice_purposes, err_twice_come_back_to
    if (rule.unique && list.some(function (item, i) { return list.indexOf(item) !== i })) this.add('err_twice_' + name, { path: path })
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
    if (typeof value !== 'string') return this.add('err_type', { path: path, expected: this.strings.expected_text })
    if (hasLoneSurrogate(value)) return this.add('err_broken_character', { path: path })
    if (rule.notBlank && !matches(rule.notBlank, value)) return this.add('err_type', { path: path, expected: this.strings.expected_not_blank })
    if (rule.max !== null && characters(value) > rule.max) this.add('err_too_long', { path: path, limit: rule.max })
  }

  /** One of a list of values; a list or an object is named as such, never turned into text. */
  Checker.prototype.choice = function (value, rule, path) {
    if (rule.of.indexOf(value) !== -1) return
    if (value !== null && typeof value === 'object') return this.add('err_not_a_choice', { path: path })
    if (rule.name === 'indicator' && typeof value === 'string') { // an indicator to come back to
      return this.add('err_unknown_indicator', { path: path, id: value.slice(0, 20), first: rule.of[0], last: rule.of[rule.of.length - 1] })
    }
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

  /** A default value, as a copy of its own: the defaults are shared by every assessment. */
  function copyOf (value) {
    return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value
  }

  /**
   * A value as its rule describes it, with every field the rule knows: fields left out take the
   * model's default, and nothing the rule does not name is carried along (such as a "__proto__"
   * key). Objects, maps and lists are copied, so the result shares nothing with the value.
   * @param {*} value - a value that passed the checks (or part of a new assessment)
   * @param {Object} rule - its part of data.rules
   */
  function complete (value, rule) {
    if (value === null || value === undefined) return value
    if (rule.kind === 'object') {
      var copy = {}
      rule.order.forEach(function (key) { // the model's order: a file reads format first, times last
        if (has(value, key)) copy[key] = complete(value[key], rule.fields[key])
        else if (has(rule.defaults, key)) copy[key] = copyOf(rule.defaults[key])
      })
      return copy
    }
    if (rule.kind === 'map') {
      var map = {}
      Object.keys(value).forEach(function (key) { map[key] = complete(value[key], rule.values) })
      return map
    }
    if (rule.kind === 'list') return value.map(function (item) { return complete(item, rule.of) })
    if (rule.kind === 'either') return complete(value, rule.options.filter(function (option) { return (option.kind === 'object') === isPlainObject(value) })[0] || rule.options[0])
    return value
  }

  /**
   * Copy only the known fields of a checked file into a fresh object, each field left out at the
   * model's default.
   * @param {Object} file - a parsed file that passed the checks
   * @param {Object} data - the page's embedded data
   * @returns {Object}
   */
  function normalise (file, data) {
    return complete(file, data.rules)
  }

  /** The rule of one rating, of last cycle's plan for one indicator, or of one domain's notes. */
  function ratingRule (data) { return data.rules.fields.ratings.values }
  function lastPlanRule (data) { return data.rules.fields.last_plan.values }

  /** A complete rating with every field of the format, from one that may leave some out. */
  function rating (from, data) {
    return complete(from, ratingRule(data))
  }

  /** A number as people read it, and as `mpw-static validate` writes it: 10,485,760 (and 1,234.5678). */
  function grouped (n) {
    return String(n).replace(/^-?\d+/, function (whole) { return whole.replace(/\B(?=(\d{3})+$)/g, ',') })
  }

  /** Whether a field holds something: not empty text, not null. */
  function filled (value) {
    return value !== null && value !== undefined && value !== ''
  }

  /** Whether a rating or a plan holds anything of a plan (a target, steps, a lead, a date or a review). */
  function hasPlan (rating, data) {
    return Boolean(rating) && data.fields.plan.some(function (field) { return filled(rating[field]) })
  }

  /** Last cycle's plan from a rating, for the next cycle to read: where the team was, and its plan. */
  function lastPlanOf (rating, data) {
    var plan = {}
    Object.keys(lastPlanRule(data).fields).forEach(function (field) { if (has(rating, field)) plan[field] = rating[field] })
    return complete(plan, lastPlanRule(data))
  }

  /** A rating without its plan: the statement, the evidence and the note, the plan's fields at their defaults. */
  function withoutPlan (rating, data) {
    var kept = {}
    Object.keys(rating).forEach(function (field) { if (data.fields.plan.indexOf(field) === -1) kept[field] = rating[field] })
    return complete(kept, ratingRule(data))
  }

  /** Whether a statement is one of S1–S5, which alone take an evidence level and a target (N/A does not). */
  function isRated (statement, data) {
    return data.choices.targets.indexOf(statement) !== -1
  }

  /** A statement or target as the matrix names it (S3, N/A); '' when there is none. */
  function label (statement, data) {
    return statement === null || statement === undefined ? '' : data.labels.of[String(statement)] || ''
  }

  /**
   * A choice as a form gives it (text, such as "3" or "n/a") as the value the format holds (3,
   * "n/a"); null for '' or for text that is none of the choices.
   * @param {string} text
   * @param {Array} choices - e.g. data.choices.statements
   */
  function choiceOf (text, choices) {
    for (var i = 0; i < choices.length; i++) {
      if (String(choices[i]) === text) return choices[i]
    }
    return null
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
    if (size > data.limits.maxBytes) return fail('err_too_big', { size: grouped(size), limit: grouped(data.limits.maxBytes) })
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
    return { assessment: normalise(file, data), errors: [] }
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
   * files of one team's members ("district-nurse", "gp") are told apart in a folder or an email;
   * when nobody is named, the start of the assessment's id tells them apart instead.
   * @param {Object} assessment
   * @param {string} extension - "json" or "csv"
   * @returns {string}
   */
  function fileName (assessment, extension) {
    var who = slug(assessment.service.participants).slice(0, 40).replace(/-+$/, '')
    var parts = ['mpw-assessment', slug(assessment.service.name) || 'untitled', who, assessment.method || '',
      assessment.date || assessment.updated.slice(0, 10), who ? '' : assessment.id.slice(0, 8).toLowerCase()]
    return parts.filter(Boolean).join('-') + '.' + extension
  }

  /** One CSV cell: quoted, and made inert if a spreadsheet would read it as a formula. */
  function csvCell (value) {
    var text = value === null || value === undefined ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text
    return '"' + text.replace(/"/g, '""') + '"'
  }

  /**
   * A statement as the CSVs write it for other programs: 1 to 5 as they are, N/A and no answer as
   * the words of data.csv.answers (not_applicable, not_answered), which no reader takes for missing.
   */
  function answerCode (statement, data) {
    if (statement === null || statement === undefined) return data.csv.answers.none
    return has(data.csv.answers, String(statement)) ? data.csv.answers[String(statement)] : statement
  }

  /**
   * One CSV value, as a column describes it ([source, field] or [source, field, form]; see
   * mpw_static/page_data.py): a field of the indicator, its rating, its domain or the assessment,
   * a statement as its code, its label (named: "Not answered" too) or its text, a priority as "yes".
   * @param {Array<string>} column
   * @param {{assessment: Object, indicator: Object, rating: Object, domain: (Object|undefined), priority: (boolean|undefined)}} row
   */
  function csvValue (column, row, data) {
    var source = column[0]
    var value = source === 'assessment' ? column[1].split('.').reduce(function (part, key) { return part[key] }, row.assessment)
      : source === 'domain' ? (column[1] === 'priority' ? row.priority : row.domain[column[1]]) : row[source][column[1]]
    if (column[2] === 'code') return answerCode(value, data)
    if (column[2] === 'named') return label(value, data) || data.strings.not_answered
    if (column[2] === 'label') return label(value, data)
    if (column[2] === 'text') return isRated(value, data) ? row.indicator.statements[value - 1] : ''
    if (column[2] === 'yes') return value ? data.strings.yes : ''
    return filled(value) ? value : ''
  }

  /** Rows as CSV text: a byte order mark so that spreadsheets read UTF-8, and CRLF line ends. */
  function csvText (rows) {
    return '\ufeff' + rows.map(function (row) { return row.map(csvCell).join(',') }).join('\r\n') + '\r\n'
  }

  /**
   * One row per indicator, for spreadsheet users, in the columns of data.csv.assessment.
   * @param {Object} assessment
   * @param {Object} data - the page's embedded data (each indicator with its statements' text)
   * @returns {string}
   */
  function toCsv (assessment, data) {
    var columns = data.csv.assessment
    var rows = data.indicators.map(function (indicator) {
      var row = { assessment: assessment, indicator: indicator, rating: rating(assessment.ratings[indicator.id] || {}, data) }
      return columns.map(function (column) { return csvValue(column, row, data) })
    })
    return csvText([data.strings.csv_headers.split('|')].concat(rows))
  }

  /**
   * The improvement plan as a CSV of actions: one row per indicator with a target or a next step,
   * in the plan's order (priority domains first), in the columns of data.csv.plan.
   * @param {Object} assessment
   * @param {{domain: Object, priority: boolean, rows: {indicator: Object, rating: Object}[]}[]} groups - MPW.compare.plan
   * @param {Object} data - the page's embedded data
   */
  function toPlanCsv (assessment, groups, data) {
    var rows = [data.strings.plan_csv_headers.split('|')]
    groups.forEach(function (group) {
      group.rows.forEach(function (planRow) {
        var row = { assessment: assessment, domain: group.domain, priority: group.priority, indicator: planRow.indicator, rating: planRow.rating }
        rows.push(data.csv.plan.map(function (column) { return csvValue(column, row, data) }))
      })
    })
    return csvText(rows)
  }

  MPW.format = {
    create: create,
    upgrade: upgrade,
    decode: decode,
    parse: parse,
    check: check,
    complete: complete,
    normalise: normalise,
    rating: rating,
    hasPlan: hasPlan,
    lastPlanOf: lastPlanOf,
    withoutPlan: withoutPlan,
    isRated: isRated,
    label: label,
    choiceOf: choiceOf,
    sourceOf: sourceOf,
    fileName: fileName,
    clip: clip,
    toCsv: toCsv,
    toPlanCsv: toPlanCsv,
    csvText: csvText,
    csvCell: csvCell,
    uuid: uuid,
    now: now,
    grouped: grouped,
    // The across-services page still reaches these through MPW.format; they are core/dom.js's.
    fill: fill,
    plural: plural,
    offerDownload: MPW.dom.offerDownload
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.format
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
