/**
 * Across services: the view drawn from a report (programme/gather.js), whichever thread worked it
 * out. It draws what was read (files, assessments and services, each counted apart), the files
 * left out, the controls, where services stand, how they moved and how relevant the indicators
 * are, with no league table; every held-back figure reads "not shown". Text from the files is set
 * as text only.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var chart = MPW.chart
  var figures = MPW.programme
  var el = dom.el
  var table = chart.table

  /**
   * @param {Object} data - the page's embedded data
   * @constructor
   */
  function View (data) {
    this.data = data
    this.strings = data.strings
    this.smallest = data.smallestGroup
    this.charts = new chart.Charts() // drawn at the results' width, and again when it changes
  }

  View.prototype.text = function (key, values) {
    return dom.fill(this.strings['programme_' + key], values || {})
  }

  /**
   * A catalogue sentence as nodes, with the matrix's words in it marked: "parth 1: <span
   * lang="en">Buy-in</span>" on the Welsh page. `languages` gives the language of each value that
   * is the matrix's ({title: "en"}); "" or none is the page's, which is left unmarked.
   */
  View.prototype.phrase = function (key, values, languages) {
    var $phrase = document.createDocumentFragment()
    this.strings['programme_' + key].split(/\{(\w+)\}/).forEach(function (part, i) {
      if (i % 2 === 0) return part && $phrase.appendChild(document.createTextNode(part))
      if (!Object.prototype.hasOwnProperty.call(values, part)) return $phrase.appendChild(document.createTextNode('{' + part + '}'))
      $phrase.appendChild(matrixText(String(values[part]), languages[part]))
    })
    return $phrase
  }

  /** A counted phrase in the page's language: "1 file read", "2 files read"; Welsh has six forms. */
  View.prototype.count = function (key, n, values) {
    return dom.plural(this.strings, 'programme_' + key, n, this.data.language, values)
  }

  /** A calendar day (YYYY-MM-DD) as the site writes it: 15/01/2026. */
  View.prototype.day = function (isoDay) {
    return dom.day(isoDay, this.data.locale)
  }

  /** "not shown" for a held-back figure, whatever held it back, else the figure. */
  View.prototype.figure = function (value) {
    return value === null ? this.text('hidden') : String(value)
  }

  /**
   * Draw a report into $results.
   * @param {HTMLElement} $results
   * @param {Object} report - Gathering.report()
   * @param {{showNames: boolean}} state - what the lead chose
   */
  View.prototype.draw = function ($results, report, state) {
    this.report = report
    this.state = state
    // Shown before it is measured: a hidden box is 0 px wide (see MPW.chart.Charts).
    $results.hidden = false
    this.charts.start($results)
    $results.textContent = ''
    $results.appendChild(this.overview())
    $results.appendChild(this.fileProblems())
    if (!report.assessments) return
    $results.appendChild(this.controls())
    if (state.showNames) $results.appendChild(this.services())
    if (!report.figures.shown) {
      $results.appendChild(el('p', 'notice', this.text('too_few', { n: this.smallest })))
      return
    }
    $results.appendChild(this.distribution())
    $results.appendChild(this.movement())
    $results.appendChild(this.relevance())
  }

  /** What the status line says once files are read: "12 files read: 8 assessments used, 3 files left out." */
  View.prototype.readText = function (report) {
    return this.text('read', {
      files: this.count('read_files', report.files.read),
      used: this.count('read_used', report.assessments),
      refused: this.count('read_refused', report.files.refused)
    })
  }

  /**
   * A section of the view, its heading and introduction in one block that printing keeps whole
   * (Firefox does not keep a heading with what follows it: break-after: avoid is Chromium's).
   */
  function section (heading, intro) {
    var $section = el('section', 'programme-section')
    var $head = $section.appendChild(el('div', 'programme-section-head'))
    $head.appendChild(el('h2', '', heading))
    if (intro) $head.appendChild(el('p', '', intro))
    return $section
  }

  /**
   * The matrix's own words (a domain's or an indicator's) as a node: plain text when they are in
   * the page's language, else a span marked with theirs (the Welsh page shows the English matrix
   * until it is translated; the page's data says which, as discuss/views.js reads it).
   */
  function matrixText (text, language) {
    return language ? markLanguage(el('span', '', text), language) : document.createTextNode(text)
  }

  /** Mark an element (HTML or SVG) holding only the matrix's words with their language, if not the page's. */
  function markLanguage ($element, language) {
    if (language) $element.setAttribute('lang', language)
    return $element
  }

  /** "1.1 Connections with people…": an indicator as a row's heading, in its own language. */
  function indicatorCell (indicator) {
    return matrixText(indicator.id + ' ' + indicator.title, indicator.language)
  }

  /** A table whose caption is nodes (a sentence with the matrix's words marked in it). */
  function captioned ($table, $caption) {
    $table.caption.textContent = ''
    $table.caption.appendChild($caption)
    return $table
  }

  /**
   * A chart with the matrix's words marked: its title (nodes) and each row's label, which holds
   * its full text as a tooltip. MPW.chart draws labels as text; their language is the rows'.
   */
  function markChart ($figure, $title, rows) {
    var $svgTitle = $figure.querySelector('svg > title')
    $svgTitle.textContent = ''
    $svgTitle.appendChild($title)
    Array.prototype.forEach.call($figure.querySelectorAll('.chart-label'), function ($label, r) {
      markLanguage($label, rows[r].language)
    })
    return $figure
  }

  function definitions (pairs) {
    var $list = el('dl', 'programme-overview')
    pairs.forEach(function (pair) {
      $list.appendChild(el('dt', '', pair[0]))
      $list.appendChild(el('dd', '', pair[1]))
    })
    return $list
  }

  View.prototype.methodName = function (method) {
    return this.text('method_' + (method || 'none'))
  }

  /**
   * What was read, in three lists that each count one thing: files, assessments, services. A
   * collection of fewer than the smallest group of services says nothing about them.
   */
  View.prototype.overview = function () {
    var o = this.report.overview
    var files = this.report.files
    var $section = section(this.text('overview_heading'))
    var read = [[this.text('files'), String(files.read)], [this.text('refused'), String(files.refused)]]
    if (o.shown) read.push([this.text('replaced'), String(files.replaced)])
    this.list($section, 'files_heading', read)
    if (files.skipped) $section.appendChild(el('p', '', this.count('skipped', files.skipped)))
    if (!o.shown) {
      if (o.assessments) $section.appendChild(el('p', 'notice', this.text('overview_hidden', { n: this.smallest })))
      return $section
    }
    var assessments = [
      [this.text('used'), String(o.assessments)],
      [this.text('dates'), o.first ? this.text('dates_range', { first: this.day(o.first), last: this.day(o.last) }) : '–'],
      [this.text('cycles'), String(o.cycles)]
    ]
    o.methods.forEach(function (item) {
      if (item.count !== 0) assessments.push([this.text('method_label', { method: this.methodName(item.method) }), this.figure(item.count)])
    }, this)
    this.list($section, 'assessments_heading', assessments)
    this.list($section, 'services_overview', [[this.text('services'), String(o.services)], [this.text('organisations'), String(o.organisations)]])
    return $section
  }

  View.prototype.list = function ($section, heading, pairs) {
    $section.appendChild(el('h3', '', this.text(heading)))
    $section.appendChild(definitions(pairs))
  }

  /** The files left out, each with its reasons, and the older copies of one assessment. */
  View.prototype.fileProblems = function () {
    var $wrap = el('div', 'programme-file-problems')
    var refused = this.report.refused
    if (refused.length) {
      var $refused = el('details', 'programme-details')
      $refused.appendChild(el('summary', '', this.text('refused_heading', { n: refused.length })))
      $refused.appendChild(el('p', '', this.text('refused_intro')))
      var $list = el('ul')
      refused.forEach(function (item) {
        $list.appendChild(el('li', '', item.name + ': ' + item.errors.slice(0, 5).join(' '))) // each a sentence, ending in its full stop
      })
      $refused.appendChild($list)
      $wrap.appendChild($refused)
    }
    var replaced = this.report.replaced
    if (replaced.length && this.report.overview.shown) {
      var $replaced = el('details', 'programme-details')
      $replaced.appendChild(el('summary', '', this.text('replaced_heading', { n: replaced.length })))
      var $items = el('ul')
      replaced.forEach(function (item) { $items.appendChild(el('li', '', this.text('replaced_item', item))) }, this)
      $replaced.appendChild($items)
      $wrap.appendChild($replaced)
    }
    return $wrap
  }

  View.prototype.controls = function () {
    var $controls = el('div', 'discussion-controls programme-controls no-print')
    if (this.report.figures.shown) $controls.appendChild(el('p', 'hint', this.count('shown', this.report.entries)))
    var $choice = el('div', 'choice')
    var $box = el('input')
    $box.type = 'checkbox'
    $box.id = 'programme-names'
    $box.autocomplete = 'off' // off again on reload, even where a browser restores form state
    $box.checked = this.state.showNames
    $box.setAttribute('data-control', 'names')
    var $boxLabel = el('label', '', this.text('names'))
    $boxLabel.htmlFor = 'programme-names'
    $choice.appendChild($box)
    $choice.appendChild($boxLabel)
    $controls.appendChild($choice)
    var $actions = el('p', 'notice-actions')
    ;[['print', 'print', 'button-secondary'], ['tidy', 'tidy', ''], ['summary', 'summary', 'button-secondary'], ['clear', 'clear', 'button-warning']].forEach(function (item) {
      var $button = el('button', 'button' + (item[2] ? ' ' + item[2] : ''), this.text(item[1]))
      $button.type = 'button'
      $button.setAttribute('data-action', item[0])
      $actions.appendChild($button)
    }, this)
    $controls.appendChild($actions)
    $controls.appendChild(el('p', 'programme-tidy-note', this.text('tidy_hint')))
    return $controls
  }

  /** Services by name, with their cycles: only when the lead asks, and never with figures. */
  View.prototype.services = function () {
    var $section = section(this.text('services_heading'))
    $section.appendChild(table(this.text('services_heading'),
      [this.strings.col_service, this.text('col_organisations'), this.text('col_cycles')],
      this.report.services.map(function (service) {
        return [service.name || this.strings.untitled, service.organisations,
          service.assessments.map(function (a) { return a.review_cycle || this.day(a.day) }, this).join(', ')]
      }, this), 'stack-narrow-table'))
    return $section
  }

  View.prototype.keys = function () {
    return this.data.labels.statements.concat([this.data.labels.na, this.strings.not_answered])
  }

  View.prototype.distribution = function () {
    var $section = section(this.text('distribution_heading'), this.text('distribution_intro'))
    var keys = this.keys()
    var hidden = this.text('hidden')
    var strings = Object.assign({}, this.strings, { no_evidence: this.text('no_evidence') })
    this.report.figures.domains.forEach(function (group) {
      var domain = group.domain
      var $domain = el('section', 'programme-domain')
      var titled = { n: domain.number, title: domain.title }
      var language = { title: domain.language }
      var $chart = $domain.appendChild(el('div', 'programme-chart')) // the heading and its chart, printed together
      $chart.appendChild(markLanguage(el('h3', '', domain.number + '. ' + domain.title), domain.language))
      var rows = [{ label: this.text('domain_row', { n: domain.number }), language: '', tally: group.all, total: group.all.total }]
        .concat(group.indicators.map(function (item) {
          return { label: item.indicator.id + ' ' + item.indicator.title, language: item.indicator.language, tally: item.row, total: item.row.total }
        }))
      var drawChart = function (width) {
        return markChart(chart.stackedBars({
          title: this.text('chart', titled),
          rows: rows,
          keys: keys,
          width: width,
          strings: strings,
          data: this.data,
          hidden: this.text('not_shown'),
          proportional: true
        }), this.phrase('chart', titled, language), rows)
      }.bind(this)
      $chart.appendChild(this.charts.add(drawChart))
      $domain.appendChild(captioned(table('', [this.strings.col_indicator].concat(keys),
        rows.map(function (row) { return [matrixText(row.label, row.language)].concat(chart.tallyCells(row.tally, this.data, hidden)) }, this),
        'stack-narrow-table'), this.phrase('table', titled, language)))
      $section.appendChild($domain)
    }, this)
    return $section
  }

  View.prototype.movement = function () {
    var f = this.report.figures
    var $section = section(this.text('movement_heading'))
    var $head = $section.firstChild // what is said first goes with the heading
    if (!f.moved) {
      $head.appendChild(el('p', '', this.text('movement_none')))
      return $section
    }
    if (!f.movementShown) {
      $head.appendChild(el('p', 'notice', this.text('too_few_moved', { n: this.smallest })))
      return $section
    }
    $head.appendChild(el('p', '', this.count('movement_intro', f.moved)))
    var headings = [this.strings.col_indicator].concat(figures.MOVE_KINDS.map(function (kind) { return this.text('move_' + kind) }, this))
    var cells = function (row) { return figures.MOVE_KINDS.map(function (kind) { return this.figure(row.moves[kind]) }, this) }.bind(this)
    f.domains.forEach(function (group) {
      var rows = [[this.text('domain_row', { n: group.domain.number })].concat(cells(group.all))]
        .concat(group.indicators.map(function (item) { return [indicatorCell(item.indicator)].concat(cells(item.row)) }))
      var caption = this.phrase('movement_table', { n: group.domain.number, title: group.domain.title }, { title: group.domain.language })
      $section.appendChild(captioned(table('', headings, rows, 'stack-narrow-table'), caption))
    }, this)
    return $section
  }

  View.prototype.relevance = function () {
    var $section = section(this.text('relevance_heading'), this.text('relevance_intro'))
    $section.appendChild(table(this.text('relevance_table'),
      [this.strings.col_indicator, this.text('col_na'), this.text('col_targets')],
      this.report.relevance.map(function (row) {
        return [indicatorCell(row.indicator), this.figure(row.na), this.figure(row.targets)]
      }, this), 'stack-narrow-table'))
    return $section
  }

  MPW.programmeView = View
})(window.MPW)
