/**
 * Charts and tables shared by the assessment page's discussion views and the across-services page:
 * a horizontal stacked bar chart in SVG, always with a table of the same figures beside it.
 * Everything is built with DOM methods and every value goes in as text. The levels (S1…S5, N/A)
 * and the evidence levels, their markers and words come from the page's data (data.choices,
 * data.labels), never from a list of this file's own.
 *
 * A figure held back by the small-number rule (across services) is null in a tally. The chart
 * draws all held-back figures of a row as one "not shown" segment, so that no bar gives away what
 * the table does not say, and the table writes the marker it is given ("not shown").
 */
(function (MPW) {
  'use strict'

  var SVG = 'http://www.w3.org/2000/svg'
  var el = MPW.dom.el

  /** The segment index of "not shown": after the levels and "not answered". */
  function hiddenIndex (data) {
    return data.choices.statements.length + 1
  }

  /** An evidence level's look (its marker, words and shade), from the page's data. */
  function lookOf (evidence, data) {
    return data.labels.evidence[evidence]
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

  /** An evidence level in words ("Fully achieved"); '' for none. */
  function evidenceText (evidence, data) {
    return evidence ? lookOf(evidence, data).text : ''
  }

  /**
   * A tally as chart segments in key order: S1…S5 and N/A with their evidence split, then not
   * answered. A value (or a split) held back is null.
   */
  function segments (tally, data) {
    var levels = data.choices.statements
    return levels.map(function (level, index) {
      return { index: index, value: tally.counts[level], fully: tally.fully[level], wip: tally.wip[level], rated: MPW.format.isRated(level, data) }
    }).concat([{ index: levels.length, value: tally.none, fully: 0, wip: 0, rated: false }])
  }

  /** What a row's shown segments leave of its total: the held-back figures, drawn as one segment. */
  function hiddenTotal (row, data) {
    if (row.total === undefined) return 0
    return row.total - segments(row.tally, data).reduce(function (sum, seg) { return sum + (seg.value || 0) }, 0)
  }

  /** The width a chart is drawn at for a column this wide: 300 to 960 px, 640 when it is not known. */
  function drawnWidth (columnWidth) {
    return Math.round(Math.max(300, Math.min(960, columnWidth || 640)))
  }

  // What a print's charts are drawn at: their widest. The printed page (A4 landscape, site.css) is
  // about 1,030 CSS px wide, whatever the window, and a chart is never wider than its column.
  var PRINT_WIDTH = 960

  /**
   * Charts drawn at their column's width, and drawn again at its new width once the window has
   * stopped changing size (a tablet turned, a window narrowed), so that their words keep their size.
   * Only the charts are replaced: controls, focus and what the person chose stay as they are.
   * Waiting for the resizing to stop, and skipping widths a chart is already drawn at, avoids a
   * redraw storm. For a print they are drawn for the page, then for the window again (printed from
   * a phone's width they filled half the page). Shared by the across-services page and the
   * discussion views.
   * @constructor
   */
  function Charts () {
    this.$column = null
    this.width = 0
    this.drawn = []
    var timer = null
    if (typeof window !== 'object') return // in Node, the tests call redraw themselves
    window.addEventListener('resize', function () {
      clearTimeout(timer)
      timer = setTimeout(this.redraw.bind(this), 200)
    }.bind(this))
    window.addEventListener('beforeprint', function () { this.drawAt(PRINT_WIDTH) }.bind(this))
    window.addEventListener('afterprint', this.redraw.bind(this))
  }

  /**
   * Measure the column a view's charts are drawn in, forgetting the charts drawn before. Call it
   * once the column is shown: a hidden box is 0 px wide, and its charts would be drawn at 640 px.
   * @param {HTMLElement} $column
   */
  Charts.prototype.start = function ($column) {
    this.$column = $column
    this.width = $column.clientWidth
    this.drawn = []
  }

  /**
   * Draw a chart at the column's width and keep it to be drawn again.
   * @param {function(number): HTMLElement} draw - the chart's figure, drawn at a width
   * @returns {HTMLElement} the figure, to be put in the page
   */
  Charts.prototype.add = function (draw) {
    var $figure = draw(this.width)
    this.drawn.push({ $figure: $figure, draw: draw })
    return $figure
  }

  /** Draw each chart again if its column is now a width it would be drawn at differently. */
  Charts.prototype.redraw = function () {
    this.drawAt(this.$column ? this.$column.clientWidth : 0)
  }

  /** Draw each chart again at a width, unless it is drawn at that width already (or the width is 0: hidden). */
  Charts.prototype.drawAt = function (width) {
    this.drawn = this.drawn.filter(function (item) { return item.$figure.isConnected }) // a view since closed
    if (!width || !this.drawn.length || drawnWidth(width) === drawnWidth(this.width)) return
    this.width = width
    this.drawn.forEach(function (item) {
      var $figure = item.draw(width)
      item.$figure.replaceWith($figure)
      item.$figure = $figure
    })
  }

  /**
   * A horizontal stacked bar chart, drawn at the given width so that its text keeps its size on
   * narrow screens. Segments carry their level's name where there is room, and a pattern for their
   * evidence: solid for fully achieved, hatched for work in progress, dotted where no level was
   * given (or, across services, where the split is held back).
   * @param {{title: string, rows: {label: string, tally: Object, total: (number|undefined)}[], keys: string[],
   *   width: number, strings: Object, data: Object, hidden: (string|undefined), proportional: (boolean|undefined)}} options -
   *   keys name the segments (S1…S5, N/A, not answered); data is the page's; hidden names the "not
   *   shown" segment where rows give a total; proportional draws each row across the full width
   */
  function stackedBars (options) {
    var width = drawnWidth(options.width)
    var rows = options.rows
    var data = options.data
    var hidden = hiddenIndex(data)
    var left = 136
    var bar = 26
    var gap = 12
    var most = Math.max.apply(null, rows.map(function (row) {
      return row.total !== undefined ? row.total : segments(row.tally, data).reduce(function (sum, seg) { return sum + seg.value }, 0)
    }).concat([1]))
    var scale = (width - left - 8) / most
    // Rows of different sizes (a domain's answers beside one indicator's services) are each drawn full width.
    var scaleOf = function (row) { return options.proportional && row.total ? (width - left - 8) / row.total : scale }
    var id = 'chart-' + Math.random().toString(36).slice(2, 8)
    var keys = options.hidden ? options.keys.concat([options.hidden]) : options.keys
    var legend = chartLegend(keys, width, id, options.strings, data)
    var height = rows.length * (bar + gap) + legend.height + 8
    var $svg = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img', 'aria-labelledby': id + '-title ' + id + '-desc', class: 'chart' })
    $svg.appendChild(svg('title', { id: id + '-title' }, options.title))
    $svg.appendChild(svg('desc', { id: id + '-desc' }, options.strings.chart_desc))
    $svg.appendChild(chartPatterns(id))
    rows.forEach(function (row, r) {
      var y = r * (bar + gap)
      var $label = svg('text', { x: 0, y: y + bar * 0.68, class: 'chart-label' }, MPW.dom.shorten(row.label, 17))
      $label.appendChild(svg('title', {}, row.label))
      $svg.appendChild($label)
      var x = left
      var at = { y: y, scale: scaleOf(row), bar: bar, id: id, hidden: hidden }
      segments(row.tally, data).concat([{ index: hidden, value: hiddenTotal(row, data), fully: 0, wip: 0, rated: false }]).forEach(function (seg) {
        if (!seg.value) return
        at.x = x
        $svg.appendChild(chartSegment(seg, keys[seg.index], at, data))
        x += seg.value * at.scale
      })
    })
    legend.$items.setAttribute('transform', 'translate(0 ' + (rows.length * (bar + gap) + 4) + ')')
    $svg.appendChild(legend.$items)
    var $figure = el('figure', 'chart-figure')
    $figure.appendChild($svg)
    return $figure
  }

  /** One level's segment: its parts by evidence, its name and count where they fit, and a tooltip. */
  function chartSegment (seg, name, at, data) {
    var $group = svg('g', { class: 'seg-group', 'data-level': name, 'data-count': seg.value, 'data-fully': seg.fully, 'data-wip': seg.wip })
    $group.appendChild(svg('title', {}, seg.index === at.hidden ? name : name + ': ' + splitText(seg, data)))
    var dark = seg.index === 3 || seg.index === 4 || seg.index === at.hidden // S4 and S5 are drawn in the darker colours
    var parts = [[seg.value, seg.index === at.hidden ? 'dots' : '']]
    if (seg.rated && (seg.fully === null || seg.wip === null)) parts = [[seg.value, 'dots']] // the split is held back
    else if (seg.rated) parts = [[seg.fully, ''], [seg.wip, 'hatch'], [seg.value - seg.fully - seg.wip, 'dots']]
    var x = at.x
    parts.forEach(function (part) {
      if (!part[0]) return
      var w = part[0] * at.scale
      $group.appendChild(svg('rect', { x: x, y: at.y, width: w, height: at.bar, class: 'seg seg-' + seg.index }))
      if (part[1]) $group.appendChild(svg('rect', { x: x, y: at.y, width: w, height: at.bar, class: 'seg-pattern', fill: 'url(#' + at.id + '-' + part[1] + (dark ? '-dark' : '-light') + ')' }))
      x += w
    })
    if (seg.index === at.hidden) return $group // its size is what the table holds back: no count on it
    var w = seg.value * at.scale
    var full = name + ': ' + seg.value
    var text = w >= full.length * 7.5 + 10 ? full : (w >= 18 ? String(seg.value) : '')
    if (text) $group.appendChild(svg('text', { x: at.x + w / 2, y: at.y + at.bar * 0.68, class: 'seg-text seg-text-' + seg.index, 'text-anchor': 'middle' }, text))
    return $group
  }

  /** The legend: a swatch per level, then the evidence patterns, wrapped to the chart's width. */
  function chartLegend (keys, width, id, strings, data) {
    var $items = svg('g', { class: 'chart-legend-items' })
    var levels = data.choices.evidence // strongest first: solid, then hatched; dotted where none was given
    var items = keys.map(function (key, k) { return { text: key, className: 'seg seg-' + k, pattern: k === hiddenIndex(data) ? 'dots-dark' : '' } }).concat([
      { text: evidenceText(levels[0], data), className: 'seg seg-2', pattern: '' },
      { text: evidenceText(levels[1], data), className: 'seg seg-2', pattern: 'hatch-light' },
      { text: strings.no_evidence, className: 'seg seg-2', pattern: 'dots-light' }])
    var x = 0
    var y = 0
    items.forEach(function (item, i) {
      var itemWidth = 22 + item.text.length * 7.2 + 14
      if (x > 0 && (x + itemWidth > width || i === keys.length)) { x = 0; y += 22 } // evidence on a line of its own
      $items.appendChild(svg('rect', { x: x, y: y, width: 16, height: 16, class: item.className }))
      if (item.pattern) $items.appendChild(svg('rect', { x: x, y: y, width: 16, height: 16, class: 'seg-pattern', fill: 'url(#' + id + '-' + item.pattern + ')' }))
      $items.appendChild(svg('text', { x: x + 22, y: y + 13, class: 'chart-legend' }, item.text))
      x += itemWidth
    })
    return { $items: $items, height: y + 22 }
  }

  /** The patterns for evidence levels, light and dark, with ids unique to one chart. */
  function chartPatterns (id) {
    var $defs = svg('defs')
    ;['light', 'dark'].forEach(function (tone) {
      var $hatch = svg('pattern', { id: id + '-hatch-' + tone, patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' })
      $hatch.appendChild(svg('rect', { x: 0, y: 0, width: 1.5, height: 6, class: 'pattern-' + tone }))
      var $dots = svg('pattern', { id: id + '-dots-' + tone, patternUnits: 'userSpaceOnUse', width: 6, height: 6 })
      $dots.appendChild(svg('circle', { cx: 3, cy: 3, r: 1.3, class: 'pattern-' + tone }))
      $defs.appendChild($hatch)
      $defs.appendChild($dots)
    })
    return $defs
  }

  /** "3 (1 fully achieved, 2 work in progress)": a count with its evidence split, in words. */
  function splitText (seg, data) {
    var levels = data.choices.evidence
    var parts = []
    if (seg.fully) parts.push(seg.fully + ' ' + evidenceText(levels[0], data).toLowerCase())
    if (seg.wip) parts.push(seg.wip + ' ' + evidenceText(levels[1], data).toLowerCase())
    return seg.value + (parts.length ? ' (' + parts.join(', ') + ')' : '')
  }

  /**
   * A table cell with a count and its evidence split as in the chart: "3 (■ 1, ▧ 2)".
   * A held-back count or split part reads `hidden` ("not shown").
   */
  function splitCell (seg, data, hidden) {
    var $cell = el('span', '', seg.value === null ? hidden : String(seg.value))
    if (seg.value === null || (seg.fully === 0 && seg.wip === 0)) return $cell // a held-back split (null) is said
    $cell.appendChild(document.createTextNode(' ('))
    var levels = data.choices.evidence
    ;[[levels[0], seg.fully], [levels[1], seg.wip]].filter(function (part) { return part[1] !== 0 }).forEach(function (part, i) {
      if (i) $cell.appendChild(document.createTextNode(', '))
      var $marker = el('span', '', lookOf(part[0], data).mark)
      $marker.setAttribute('aria-hidden', 'true')
      $cell.appendChild($marker)
      $cell.appendChild(el('span', 'visually-hidden', evidenceText(part[0], data)))
      $cell.appendChild(document.createTextNode(' ' + (part[1] === null ? hidden : part[1])))
    })
    $cell.appendChild(document.createTextNode(')'))
    return $cell
  }

  /** A tally as table cells: S1…S5 and N/A with their evidence split, then not answered. */
  function tallyCells (tally, data, hidden) {
    return segments(tally, data).map(function (seg) {
      if (seg.rated) return splitCell(seg, data, hidden)
      return seg.value === null ? hidden : String(seg.value)
    })
  }

  MPW.chart = {
    table: table,
    evidenceText: evidenceText,
    segments: segments,
    stackedBars: stackedBars,
    drawnWidth: drawnWidth,
    Charts: Charts,
    tallyCells: tallyCells
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.chart
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
