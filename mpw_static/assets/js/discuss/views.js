/**
 * What the discussion views share when they draw (discuss/profile.js, composite.js, distance.js
 * and assessment/plan.js): a heading, notes and buttons under a view, a statement as it shows in a
 * table, the level headings, charts and tally cells, and the small controls the views offer.
 * Functions of the discussion room they draw for (discuss/room.js); everything is built with DOM
 * methods, and every value from an assessment goes in as text.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var chart = MPW.chart

  /** The view's heading, which takes focus when the view is shown. */
  function heading (room, text) {
    var $heading = el('h3', 'discussion-heading', text)
    $heading.tabIndex = -1
    room.$discussion.appendChild($heading)
  }

  /** A paragraph of the view: its introduction (discussion-note) or its summary. */
  function note (room, text, className) {
    return room.$discussion.appendChild(el('p', className || 'discussion-note', text))
  }

  /**
   * Buttons under every view: print it, after the view's own ([action, label, class] each).
   * The view's own actions are answered by its `actions`.
   */
  function actions (room, extra) {
    var $actions = el('p', 'discussion-actions no-print')
    ;(extra || []).concat([['print-view', room.strings.discuss_print, 'button-secondary']]).forEach(function (spec) {
      var $button = el('button', 'button ' + spec[2], spec[1])
      $button.type = 'button'
      $button.setAttribute('data-action', spec[0])
      $actions.appendChild($button)
    })
    room.$discussion.appendChild($actions)
  }

  /** Say which view is shown (the catalogue's view_<name>). */
  function shown (room, name) {
    room.workspace.announce(dom.fill(room.strings.view_shown, { view: room.strings['view_' + name] }))
  }

  /** An evidence level in words; '' for none. */
  function evidenceText (room, evidence) {
    return chart.evidenceText(evidence, room.data)
  }

  /** A statement as shown in the views: "S3 ■" with the evidence level in words for screen readers. */
  function statementCell (room, rating) {
    var $cell = el('span', 'statement-cell')
    if (rating.statement === null) {
      $cell.textContent = '—'
      $cell.appendChild(el('span', 'visually-hidden', ' ' + room.strings.not_answered))
      return $cell
    }
    $cell.textContent = room.workspace.label(rating.statement)
    if (rating.evidence) {
      var $marker = $cell.appendChild(el('span', '', ' ' + room.data.labels.evidence[rating.evidence].mark))
      $marker.setAttribute('aria-hidden', 'true')
      $cell.appendChild(el('span', 'visually-hidden', ' ' + evidenceText(room, rating.evidence)))
    }
    if (rating.target) { // where this person or cycle aimed to be next: "S2 → S3"
      $cell.appendChild(el('span', 'target-arrow', ' → ')).setAttribute('aria-hidden', 'true')
      $cell.appendChild(el('span', 'visually-hidden', ', ' + room.strings.target_word + ' '))
      $cell.appendChild(el('span', 'target-label', room.workspace.label(rating.target)))
    }
    return $cell
  }

  /** S1…S5 and N/A, then "not answered": the columns of a tally. */
  function tallyHeadings (room) {
    return room.data.choices.statements.map(room.workspace.label, room.workspace).concat([room.strings.not_answered])
  }

  // The charts of each discussion area (a page has one): kept at its width as the window changes size.
  var areas = []

  /** The charts drawn in the room's discussion area (MPW.chart.Charts), made when it first draws one. */
  function chartsOf (room) {
    var area = areas.filter(function (entry) { return entry.$discussion === room.$discussion })[0]
    if (!area) areas.push(area = { $discussion: room.$discussion, charts: new chart.Charts() })
    return area.charts
  }

  /**
   * Measure the discussion area for the view about to draw its charts, forgetting the last view's.
   * A view calls it once, before its first chart, with the area shown.
   */
  function startCharts (room) {
    chartsOf(room).start(room.$discussion)
  }

  /**
   * A stacked bar chart of tallies (see MPW.chart.stackedBars), as wide as the discussion area
   * when it is drawn and drawn again when that width changes.
   */
  function stackedBars (room, title, rows, keys) {
    return chartsOf(room).add(function (width) {
      return chart.stackedBars({ title: title, rows: rows, keys: keys, width: width, strings: room.strings, data: room.data })
    })
  }

  /** A tally as table cells: S1…S5 and N/A with their evidence split, then not answered. */
  function tallyCells (room, tally) {
    return chart.tallyCells(tally, room.data)
  }

  /** "1. Buy-in": a domain as a row's heading. */
  function domainName (domain) {
    return domain.number + '. ' + domain.title
  }

  /**
   * The matrix's own words (a domain's or an indicator's) as a node: plain text when they are in
   * the page's language, else a span marked with theirs (a Welsh page shows the English matrix
   * until it is translated; the page's data says which, as the form's lang= does).
   */
  function matrixText (text, language) {
    if (!language) return document.createTextNode(text)
    var $words = el('span', '', text)
    $words.lang = language
    return $words
  }

  /** Mark an element the views built with the matrix's words with their language, if not the page's. */
  function markLanguage ($element, language) {
    if (language) $element.lang = language
    return $element
  }

  /** "1.1 Connections with people…": an indicator as a row's heading, in its own language. */
  function indicatorCell (indicator) {
    return matrixText(indicator.id + ' ' + indicator.title, indicator.language)
  }

  /** A domain as a row's heading, in its own language. */
  function domainCell (domain) {
    return matrixText(domainName(domain), domain.language)
  }

  /**
   * A view's table in a box of its own that scrolls sideways when its columns cannot fit the
   * discussion area (the distance travelled's ten columns of counts between 769 and about 940 px),
   * so that the box scrolls, never the page. A region named by the table's caption (given the id
   * `id`), in the Tab order so that a keyboard can scroll it, as the domain pages' tables are.
   */
  function scrollBox ($table, id) {
    var $box = el('div', 'table-scroll view-scroll')
    $table.caption.id = id
    $box.setAttribute('role', 'region')
    $box.setAttribute('aria-labelledby', id)
    $box.tabIndex = 0
    $box.appendChild($table)
    return $box
  }

  /** A labelled checkbox in a .choice row; `control` names it for the view's handleControl. */
  function checkbox (id, label, control) {
    var $choice = el('div', 'choice')
    var $box = $choice.appendChild(el('input'))
    $box.type = 'checkbox'
    $box.id = id
    $box.setAttribute('data-control', control)
    $choice.appendChild(el('label', '', label)).htmlFor = id
    return $choice
  }

  /**
   * A labelled select inside a .field; `name` is its id and its data-control. Each option is
   * [value, text] or [value, text, language] for the matrix's words in a language not the page's.
   */
  function selectField (name, label, options) {
    var $field = el('div', 'field')
    $field.appendChild(el('label', '', label)).htmlFor = name
    var $select = $field.appendChild(el('select'))
    $select.id = name
    $select.setAttribute('data-control', name)
    options.forEach(function (option) {
      markLanguage($select.appendChild(el('option', '', option[1])), option[2]).value = option[0]
    })
    return $field
  }

  /**
   * Show only the items (each element with a data-index, which keeps its matrix position) that no
   * filter hides, in the chosen order, and say how many are shown.
   * @param {function(HTMLElement): boolean} hide
   * @param {string} orderBy - the attribute to order by: data-index (matrix order) or data-order
   */
  function filterItems (room, hide, orderBy) {
    var $items = Array.prototype.slice.call(room.$discussion.querySelectorAll('.filterable [data-index]'))
    var $parent = $items[0].parentNode
    $items.forEach(function ($item) { $item.hidden = hide($item) })
    $items.sort(function (a, b) { return Number(a.getAttribute(orderBy)) - Number(b.getAttribute(orderBy)) })
      .forEach(function ($item) { $parent.appendChild($item) })
    var count = $items.filter(function ($item) { return !$item.hidden }).length
    room.workspace.announce(dom.fill(room.strings.rows_shown, { n: count, total: $items.length }))
  }

  MPW.views = {
    heading: heading,
    note: note,
    actions: actions,
    shown: shown,
    evidenceText: evidenceText,
    statementCell: statementCell,
    tallyHeadings: tallyHeadings,
    startCharts: startCharts,
    stackedBars: stackedBars,
    tallyCells: tallyCells,
    domainName: domainName,
    matrixText: matrixText,
    markLanguage: markLanguage,
    indicatorCell: indicatorCell,
    domainCell: domainCell,
    scrollBox: scrollBox,
    checkbox: checkbox,
    selectField: selectField,
    filterItems: filterItems,
    table: chart.table
  }
})(window.MPW)
