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
  var SVG = 'http://www.w3.org/2000/svg'
  var MARKERS = { 'fully-achieved': '■', 'work-in-progress': '▧' }

  /** Create an element with a class and text. */
  function el (tag, className, text) {
    var $el = document.createElement(tag)
    if (className) $el.className = className
    if (text !== undefined && text !== null) $el.textContent = text
    return $el
  }

  /** A labelled checkbox in a .choice row; `control` names it for handleDiscussionControl. */
  function checkbox (id, label, control) {
    var $choice = el('div', 'choice')
    var $box = el('input')
    $box.type = 'checkbox'
    $box.id = id
    $box.setAttribute('data-control', control)
    var $label = el('label', '', label)
    $label.htmlFor = id
    $choice.appendChild($box)
    $choice.appendChild($label)
    return $choice
  }

  function svg (tag, attributes, text) {
    var $el = document.createElementNS(SVG, tag)
    Object.keys(attributes || {}).forEach(function (name) { $el.setAttribute(name, attributes[name]) })
    if (text !== undefined) $el.textContent = text
    return $el
  }

  /** A table with a caption, column headings and rows of cells (text or elements). */
  function table (caption, headings, rows, className) {
    var $table = el('table', 'discussion-table' + (className ? ' ' + className : ''))
    $table.appendChild(el('caption', '', caption))
    var $head = $table.createTHead().insertRow()
    headings.forEach(function (heading) {
      var $th = el('th', '', heading)
      $th.scope = 'col'
      $head.appendChild($th)
    })
    var $body = $table.createTBody()
    rows.forEach(function (cells) {
      var $row = $body.insertRow()
      cells.forEach(function (cell, index) {
        var $cell = index === 0 ? el('th') : el('td')
        if (index === 0) $cell.scope = 'row'
        if (cell instanceof Node) $cell.appendChild(cell)
        else $cell.textContent = cell
        if (index > 0) $cell.setAttribute('data-label', headings[index])
        $row.appendChild($cell)
      })
    })
    return $table
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
  }

  /** Every assessment that can be compared: saved ones, then files opened for comparison. */
  proto.comparable = function () {
    var saved = this.savedAssessments().sort(function (a, b) { return a.created < b.created ? -1 : 1 })
      .map(function (assessment) { return { key: 's:' + assessment.id, assessment: assessment, file: null } })
    return saved.concat(this.extra.map(function (item, index) {
      return { key: 'f:' + index, assessment: item.assessment, file: item.file }
    }))
  }

  proto.describe = function (assessment) {
    return [this.nameOf(assessment), assessment.review_cycle, compare.dayOf(assessment)].filter(Boolean).join(' · ')
  }

  /** The checkbox list of assessments to compare; rebuilt only when the list itself changes. */
  proto.renderDiscussList = function () {
    var items = this.comparable()
    var signature = items.map(function (item) { return item.key + this.describe(item.assessment) }, this).join('|')
    if (signature === this.discussSignature) return
    this.discussSignature = signature
    var chosen = this.chosenKeys()
    this.$discussList.textContent = ''
    if (!items.length) return this.$discussList.appendChild(el('p', 'hint', this.strings.discuss_none))
    items.forEach(function (item, index) {
      var $choice = el('div', 'choice')
      var $box = el('input')
      $box.type = 'checkbox'
      $box.id = 'discuss-pick-' + index
      $box.value = item.key
      $box.setAttribute('data-role', 'discuss-pick')
      $box.checked = chosen.indexOf(item.key) !== -1
      var $label = el('label', '', this.describe(item.assessment))
      $label.htmlFor = $box.id
      if (item.file) $label.appendChild(el('span', 'hint', ' ' + format.fill(this.strings.discuss_from_file, { file: item.file })))
      $choice.appendChild($box)
      $choice.appendChild($label)
      if (item.file) {
        var $keep = el('button', 'button button-small button-secondary', this.strings.discuss_keep)
        $keep.type = 'button'
        $keep.setAttribute('data-action', 'keep-compared')
        $keep.setAttribute('data-id', item.key)
        $keep.appendChild(el('span', 'visually-hidden', ': ' + item.file))
        $choice.appendChild($keep)
      }
      this.$discussList.appendChild($choice)
    }, this)
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

  proto.addCompared = function (results) {
    var failures = []
    var added = 0
    results.forEach(function (result) {
      var checked = result.text === null ? { assessment: null, errors: result.errors } : format.parse(result.text, result.size, this.data)
      if (!checked.assessment) return failures.push({ name: result.name, errors: checked.errors })
      this.extra.push({ assessment: checked.assessment, file: result.name })
      added += 1
    }, this)
    var start = this.comparable().length - added
    this.renderDiscussList()
    Array.prototype.slice.call(this.$discussList.querySelectorAll('[data-role="discuss-pick"]'), start)
      .forEach(function ($box) { $box.checked = true })
    if (added) this.announce(format.fill(this.strings.discuss_added, { n: added }))
    if (failures.length) this.showErrors(failures, 'compare-files')
    else this.hideErrors()
  }

  /** Store a file opened for comparison, at the person's request. */
  proto.keepCompared = function (key) {
    var index = Number(key.slice(2))
    var item = this.extra[index]
    if (!item) return
    var existing = this.store.get(item.assessment.id)
    if (existing && !window.confirm(format.fill(this.strings.confirm_replace, { name: this.nameOf(format.normalise(existing)), file: item.file }))) return
    this.store.put(item.assessment)
    this.store.markDownloaded(item.assessment.id, item.assessment.updated)
    this.extra.splice(index, 1)
    this.renderLibrary()
    this.renderStorageWarning()
    this.announce(format.fill(this.strings.imported, { name: this.nameOf(item.assessment), file: item.file }))
    this.$discussList.querySelector('[data-role="discuss-pick"]').focus()
  }

  /** Show the chosen view, or say in the error summary what it needs. */
  proto.showView = function () {
    var $view = this.$module.querySelector('[data-role="discuss-view"]:checked')
    var view = $view ? $view.value : 'profile'
    var chosen = this.chosen()
    var problem = null
    if (view === 'profile' && chosen.length > 1) problem = this.strings.discuss_need_one
    if (view !== 'profile' && chosen.length < 2) problem = this.strings.discuss_need_two
    if (problem) return this.showErrors([{ name: '', errors: [problem] }], 'discuss-pick-0')
    this.hideErrors()
    this.$discussion.textContent = ''
    if (view === 'profile') this.renderProfile(chosen[0] || this.current)
    else if (view === 'composite') this.renderComposite(chosen)
    else this.renderDistance(chosen)
    this.$discussion.hidden = false
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
    return $cell
  }

  proto.label = function (statement) {
    return statement === 'n/a' ? this.data.labels.na : statement === null ? '—' : this.data.labels.statements[statement - 1]
  }

  proto.evidenceText = function (evidence) {
    return evidence === 'fully-achieved' ? this.strings.evidence_fully : evidence === 'work-in-progress' ? this.strings.evidence_wip : ''
  }

  proto.levelHeadings = function () {
    return this.data.labels.statements.concat([this.data.labels.na])
  }

  /**
   * A horizontal stacked bar chart in SVG. The same figures are always in a table beside it.
   * @param {string} title
   * @param {{label: string, values: number[]}[]} rows - values in the order of keys
   * @param {string[]} keys - segment names, used for the legend and the segment classes
   */
  proto.stackedBars = function (title, rows, keys) {
    var width = 640
    var left = 130
    var bar = 22
    var gap = 12
    var height = rows.length * (bar + gap) + 40
    var most = Math.max.apply(null, rows.map(function (row) { return row.values.reduce(function (a, b) { return a + b }, 0) }).concat([1]))
    var scale = (width - left - 10) / most
    var id = 'chart-' + Math.random().toString(36).slice(2, 8)
    var $svg = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': id + '-title ' + id + '-desc', class: 'chart' })
    $svg.appendChild(svg('title', { id: id + '-title' }, title))
    $svg.appendChild(svg('desc', { id: id + '-desc' }, this.strings.chart_desc))
    rows.forEach(function (row, r) {
      var y = r * (bar + gap)
      $svg.appendChild(svg('text', { x: 0, y: y + bar * 0.7, class: 'chart-label' }, row.label))
      var x = left
      row.values.forEach(function (value, k) {
        if (!value) return
        var w = value * scale
        var $rect = svg('rect', { x: x, y: y, width: w, height: bar, class: 'seg seg-' + k })
        $rect.appendChild(svg('title', {}, keys[k] + ': ' + value))
        $svg.appendChild($rect)
        if (w >= 16) $svg.appendChild(svg('text', { x: x + w / 2, y: y + bar * 0.7, class: 'seg-text seg-text-' + k, 'text-anchor': 'middle' }, String(value)))
        x += w
      })
    })
    var lx = 0
    keys.forEach(function (key, k) {
      var y = rows.length * (bar + gap) + 8
      $svg.appendChild(svg('rect', { x: lx, y: y, width: 14, height: 14, class: 'seg seg-' + k }))
      $svg.appendChild(svg('text', { x: lx + 18, y: y + 12, class: 'chart-legend' }, key))
      lx += 18 + key.length * 7 + 16
    })
    var $figure = el('figure', 'chart-figure')
    $figure.appendChild($svg)
    return $figure
  }

  /** Development profile: where one assessment's indicators sit, domain by domain. Not a score. */
  proto.renderProfile = function (assessment) {
    var rows = compare.profile(assessment, this.data)
    this.viewHeading(format.fill(this.strings.profile_heading, { name: this.describe(assessment) }))
    this.$discussion.appendChild(el('p', 'discussion-note', this.strings.profile_intro))
    var keys = this.levelHeadings().concat([this.strings.not_answered])
    this.$discussion.appendChild(this.stackedBars(this.strings.profile_chart, rows.map(function (row) {
      return { label: format.fill(this.strings.domain_short, { n: row.domain.number }), values: compare.LEVELS.map(function (level) { return row.counts[level] }).concat([row.none]) }
    }, this), keys))
    var headings = [this.strings.col_domain].concat(this.levelHeadings(), [this.strings.evidence_fully, this.strings.evidence_wip, this.strings.not_answered])
    this.$discussion.appendChild(table(this.strings.profile_table, headings, rows.map(function (row) {
      return [row.domain.number + '. ' + row.domain.title].concat(compare.LEVELS.map(function (level) { return String(row.counts[level]) }),
        [String(row.fully), String(row.wip), String(row.none)])
    }), 'stack-narrow-table'))
    this.viewActions()
    this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_profile }))
  }

  /** Composite: everyone's answers side by side, flagged, with the group's agreed choice to fill in. */
  proto.renderComposite = function (assessments) {
    this.compositeSources = assessments
    this.compositeRows = compare.composite(assessments, this.data)
    this.viewHeading(format.fill(this.strings.composite_heading, { n: assessments.length }))
    this.$discussion.appendChild(el('p', 'discussion-note', this.strings.composite_intro))
    var splits = this.compositeRows.filter(function (row) { return row.flag === 'split' }).length
    this.$discussion.appendChild(el('p', 'discussion-summary', format.fill(this.strings.composite_summary, {
      split: splits, total: this.compositeRows.length })))
    this.$discussion.appendChild(this.compositeControls())
    var headings = [this.strings.col_indicator].concat(this.columnNames(assessments),
      [this.strings.col_spread, this.strings.col_flag, this.strings.col_agreed, this.strings.col_agreed_evidence])
    var $table = table(this.strings.composite_table, headings, this.compositeRows.map(function (row) {
      var $flag = el('strong', 'flag flag-' + row.flag, this.strings['flag_' + row.flag.replace('-', '_')])
      return [row.indicator.id + ' ' + row.indicator.title].concat(row.ratings.map(this.statementCell, this), [
        this.rangeText(row.ratings), $flag,
        this.agreedSelect(row, 'statement'), this.agreedSelect(row, 'evidence')])
    }, this), 'filterable composite-table')
    Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, index) {
      var row = this.compositeRows[index]
      $row.setAttribute('data-index', String(index))
      $row.setAttribute('data-flag', row.flag)
      $row.setAttribute('data-spread', String(row.spread || 0))
      $row.setAttribute('data-indicator-row', row.indicator.id)
    }, this)
    this.$discussion.appendChild($table)
    this.viewActions([['save-composite', this.strings.composite_save, '']])
    this.announce(format.fill(this.strings.composite_summary, { split: splits, total: this.compositeRows.length }))
  }

  proto.compositeControls = function () {
    var $controls = el('div', 'discussion-controls no-print')
    var $only = checkbox('composite-only-split', this.strings.composite_only_split, 'only-split')
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
   * Column headings that tell the assessments apart: the service name, then who took part,
   * then the date, as far as needed.
   */
  proto.columnNames = function (assessments) {
    var unique = function (names) { return names.every(function (name, i) { return names.indexOf(name) === i }) }
    var names = assessments.map(this.nameOf, this)
    if (unique(names)) return names
    names = assessments.map(function (a) { return a.service.participants.trim() || this.nameOf(a) }, this)
    if (unique(names)) return names
    return names.map(function (name, i) { return name + ' · ' + compare.dayOf(assessments[i]) + ' (' + (i + 1) + ')' })
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

  /** A select for the group's agreed statement or evidence level, pre-filled with the default. */
  proto.agreedSelect = function (row, field) {
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
    var proposal = row.proposal[field]
    $select.value = proposal === null ? '' : String(proposal)
    return $select
  }

  /** Filter and order controls inside a view: rows keep their matrix position in data-index. */
  proto.handleDiscussionControl = function (event) {
    if (!event.target.hasAttribute('data-control')) return
    var $body = this.$discussion.querySelector('.filterable tbody')
    var onlySplit = this.$discussion.querySelector('[data-control="only-split"]')
    var onlyMoved = this.$discussion.querySelector('[data-control="only-moved"]')
    var $order = this.$discussion.querySelector('[data-control="order"]')
    var $rows = Array.prototype.slice.call($body.rows)
    $rows.forEach(function ($row) {
      $row.hidden = Boolean((onlySplit && onlySplit.checked && $row.getAttribute('data-flag') !== 'split') ||
        (onlyMoved && onlyMoved.checked && ['same', 'none'].indexOf($row.getAttribute('data-kind')) !== -1))
    })
    var number = function ($row, name) { return Number($row.getAttribute(name)) }
    $rows.sort(function (a, b) {
      var bySpread = $order && $order.value === 'spread' ? number(b, 'data-spread') - number(a, 'data-spread') : 0
      return bySpread || number(a, 'data-index') - number(b, 'data-index')
    }).forEach(function ($row) { $body.appendChild($row) })
    var shown = $rows.filter(function ($row) { return !$row.hidden }).length
    this.announce(format.fill(this.strings.rows_shown, { n: shown, total: $rows.length }))
  }

  /** Save the group's agreed choices as a new assessment whose method is "composite". */
  proto.saveComposite = function () {
    var sources = this.compositeSources
    var first = sources[0]
    var made = format.create(this.data)
    made.method = 'composite'
    made.date = format.now().slice(0, 10)
    made.service = {
      name: first.service.name,
      organisations: first.service.organisations,
      participants: sources.map(function (a) { return a.service.participants || this.nameOf(a) }, this)
        .filter(function (p, i, all) { return all.indexOf(p) === i }).join('; ').slice(0, this.data.limits.longText)
    }
    made.review_cycle = first.review_cycle
    made.purposes = ['reporting', 'evaluation', 'learning'].filter(function (purpose) {
      return sources.some(function (a) { return a.purposes.indexOf(purpose) !== -1 })
    })
    made.sources = sources.map(format.sourceOf)
    Array.prototype.forEach.call(this.$discussion.querySelectorAll('[data-agreed="statement"]'), function ($select) {
      var id = $select.closest('tr').getAttribute('data-indicator-row')
      var evidence = $select.closest('tr').querySelector('[data-agreed="evidence"]').value || null
      var statement = $select.value === '' ? null : ($select.value === 'n/a' ? 'n/a' : Number($select.value))
      if (statement !== null) made.ratings[id] = { statement: statement, evidence: typeof statement === 'number' ? evidence : null, note: '' }
    })
    this.store.put(made)
    this.show(made)
    this.renderStorageWarning()
    this.announce(format.fill(this.strings.composite_saved, { name: this.nameOf(made), n: sources.length }))
  }

  proto.movementText = function (row) {
    var first = row.ratings[0]
    var last = row.ratings[row.ratings.length - 1]
    var values = { from: this.label(first.statement), to: this.label(last.statement), steps: row.movement.steps,
      was: this.evidenceText(first.evidence), now: this.evidenceText(last.evidence) }
    return format.fill(this.strings['move_' + row.movement.kind], values)
  }

  /** Distance travelled: each indicator's movement from the first cycle to the last. */
  proto.renderDistance = function (assessments) {
    var travelled = compare.distance(assessments, this.data)
    var cycleNames = travelled.cycles.map(function (a) { return (a.review_cycle || this.nameOf(a)) + ' (' + compare.dayOf(a) + ')' }, this)
    this.viewHeading(format.fill(this.strings.distance_heading, { name: this.nameOf(travelled.last) }))
    this.$discussion.appendChild(el('p', 'discussion-note', format.fill(this.strings.distance_intro, { cycles: cycleNames.join(' → ') })))
    travelled.differences.forEach(function (field) {
      var values = travelled.cycles.map(function (a) { return field === 'service' ? this.nameOf(a) : (a[field] || '—') }, this)
      this.$discussion.appendChild(el('p', 'notice discussion-warning', format.fill(this.strings['differs_' + field], { values: values.join(', ') })))
    }, this)
    var keys = this.levelHeadings().concat([this.strings.not_answered])
    var counts = travelled.cycles.map(function (a) { return compare.levelCounts(a, this.data) }, this)
    this.$discussion.appendChild(this.stackedBars(this.strings.distance_chart, travelled.cycles.map(function (a, i) {
      return { label: (a.review_cycle || compare.dayOf(a)).slice(0, 18), values: counts[i] }
    }), keys))
    this.$discussion.appendChild(table(this.strings.distance_cycles_table, [this.strings.col_cycle].concat(keys),
      cycleNames.map(function (name, i) { return [name].concat(counts[i].map(String)) }), 'stack-narrow-table'))
    var kinds = compare.KINDS
    this.$discussion.appendChild(table(this.strings.distance_domains_table, [this.strings.col_domain].concat(kinds.map(function (kind) {
      return this.strings['kind_' + kind]
    }, this)), travelled.domains.map(function (summary) {
      return [summary.domain.number + '. ' + summary.domain.title].concat(kinds.map(function (kind) { return String(summary[kind]) }))
    }), 'stack-narrow-table'))
    var $controls = el('div', 'discussion-controls no-print')
    $controls.appendChild(checkbox('distance-only-moved', this.strings.distance_only_moved, 'only-moved'))
    this.$discussion.appendChild($controls)
    var $table = table(this.strings.distance_table, [this.strings.col_indicator].concat(cycleNames, [this.strings.col_movement]),
      travelled.rows.map(function (row) {
        return [row.indicator.id + ' ' + row.indicator.title].concat(row.ratings.map(this.statementCell, this), [this.movementText(row)])
      }, this), 'filterable distance-table')
    Array.prototype.forEach.call($table.tBodies[0].rows, function ($row, index) {
      $row.setAttribute('data-index', String(index))
      $row.setAttribute('data-kind', travelled.rows[index].movement.kind)
    })
    this.$discussion.appendChild($table)
    this.viewActions()
    this.announce(format.fill(this.strings.view_shown, { view: this.strings.view_distance }))
  }

  /** Before printing, let text boxes grow to show all their text, and leave out empty notes. */
  proto.fitTextForPrint = function () {
    Array.prototype.forEach.call(this.$form.querySelectorAll('textarea'), function ($area) {
      var lines = $area.value.split('\n').reduce(function (sum, line) { return sum + Math.max(1, Math.ceil(line.length / 90)) }, 0)
      $area.rows = Math.max(2, lines)
      var $field = $area.closest('.field')
      if ($field) $field.classList.toggle('empty-field', $area.value === '' && $field.classList.contains('note'))
    })
  }
})(window.MPW)
