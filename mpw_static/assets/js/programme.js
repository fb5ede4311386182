/**
 * Across services (programme.html): read a folder of collected assessment files in this browser
 * and show where services stand and how they moved, with no league table. The figures come from
 * programme-figures.js; files are checked by MPW.format, the assessment page's own rules.
 *
 * Nothing is stored and nothing leaves the machine. Files are read a few at a time and checked as
 * they arrive, so that 10,000 files keep the page responsive, with a progress bar.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var compare = MPW.compare
  var chart = MPW.chart
  var figures = MPW.programme
  var el = MPW.dom.el
  var table = chart.table
  var AHEAD = 100 // files being read ahead of the one being checked
  var SLICE = 30 // ms of checking between paints

  function Programme ($module) {
    this.$module = $module
    this.data = JSON.parse(document.getElementById('mpw-assessment-data').textContent)
    this.strings = this.data.strings
    this.smallest = this.data.smallestGroup
    this.$files = this.find('[data-role="files"]')
    this.$folder = this.find('[data-role="folder"]')
    this.$dropZone = this.find('[data-role="drop-zone"]')
    this.$progressArea = this.find('[data-role="progress-area"]')
    this.$progress = this.find('[data-role="progress"]')
    this.$progressText = this.find('[data-role="progress-text"]')
    this.$status = this.find('[data-role="status"]')
    this.$results = this.find('[data-role="results"]')
    this.reset()
    if (!('webkitdirectory' in this.$folder)) this.find('[data-role="folder-field"]').hidden = true
    this.$files.addEventListener('change', this.handlePicked.bind(this, this.$files, false))
    this.$folder.addEventListener('change', this.handlePicked.bind(this, this.$folder, true))
    this.$dropZone.addEventListener('dragover', function (event) {
      event.preventDefault()
      this.$dropZone.classList.add('dragging')
    }.bind(this))
    this.$dropZone.addEventListener('dragleave', function () { this.$dropZone.classList.remove('dragging') }.bind(this))
    this.$dropZone.addEventListener('drop', this.handleDrop.bind(this))
    this.$results.addEventListener('change', this.handleControl.bind(this))
    this.$results.addEventListener('click', this.handleAction.bind(this))
    this.find('[data-role="not-started"]').remove() // last: only a page that really started says nothing
  }

  var proto = Programme.prototype

  proto.find = function (selector) {
    var $found = this.$module.querySelector(selector)
    if (!$found) throw new Error('programme.html has no ' + selector)
    return $found
  }

  proto.text = function (key, values) {
    return format.fill(this.strings['programme_' + key], values || {})
  }

  /** A counted phrase in the page's language: "1 file read", "2 files read"; Welsh has six forms. */
  proto.count = function (key, n, values) {
    return format.plural(this.strings, 'programme_' + key, n, this.data.language, values)
  }

  /** A calendar day (YYYY-MM-DD) as the site writes it: 15/01/2026. */
  proto.day = function (isoDay) {
    var parts = String(isoDay).split('-').map(Number)
    var date = new Date(parts[0], parts[1] - 1, parts[2])
    if (parts.length !== 3 || isNaN(date)) return isoDay
    date.setFullYear(parts[0]) // years below 100 are not 19xx
    var supported = Intl.DateTimeFormat.supportedLocalesOf ? Intl.DateTimeFormat.supportedLocalesOf([this.data.locale]) : []
    return date.toLocaleDateString(supported[0] || 'en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' })
  }

  proto.announce = function (message) {
    this.$status.textContent = ''
    window.setTimeout(function () { this.$status.textContent = message }.bind(this), 50)
  }

  /** Forget every file read: nothing was stored, so nothing else changes. */
  proto.reset = function () {
    this.collection = new figures.Collection()
    this.refused = [] // {name, errors}
    this.filesRead = 0
    this.skipped = 0
    this.cycle = ''
    this.showNames = false
    this.$results.hidden = true
    this.$results.textContent = ''
  }

  proto.handlePicked = function ($input, fromFolder) {
    var files = Array.prototype.slice.call($input.files || [])
    $input.value = ''
    var json = fromFolder ? files.filter(isJsonName) : files
    if (fromFolder && !json.length) return this.noJson()
    this.load(json, files.length - json.length)
  }

  /** A folder that gave no .json files (WebKitGTK may give none at all): say so, and what to do. */
  proto.noJson = function () {
    var message = this.text('no_json')
    this.$progressText.textContent = message
    this.$progressArea.hidden = false
    this.$progress.hidden = true
    this.announce(message)
  }

  function isJsonName (file) {
    return /\.json$/i.test(file.name)
  }

  /** Dropped files, and the .json files inside dropped folders (read through their entries). */
  proto.handleDrop = function (event) {
    event.preventDefault()
    this.$dropZone.classList.remove('dragging')
    var self = this
    var items = Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.items) || [])
    var entries = items.map(function (item) { return item.webkitGetAsEntry ? item.webkitGetAsEntry() : null })
    if (!entries.length || entries.some(function (entry) { return !entry })) {
      return this.load(Array.prototype.slice.call((event.dataTransfer && event.dataTransfer.files) || []), 0)
    }
    var files = []
    var skipped = 0
    var pending = 0
    var finish = function () {
      if (pending !== 0) return
      if (!files.length) return self.noJson()
      self.load(files, skipped)
    }
    var visit = function (entry, inFolder) {
      pending += 1
      if (entry.isFile) {
        entry.file(function (file) {
          if (!inFolder || isJsonName(file)) files.push(file)
          else skipped += 1
          pending -= 1
          finish()
        }, function () { pending -= 1; finish() })
        return
      }
      var reader = entry.createReader()
      var readMore = function () {
        reader.readEntries(function (batch) {
          if (!batch.length) { pending -= 1; return finish() }
          batch.forEach(function (child) { visit(child, true) })
          readMore() // a folder gives its entries in batches
        }, function () { pending -= 1; finish() })
      }
      readMore()
    }
    entries.forEach(function (entry) { visit(entry, false) })
  }

  /**
   * Read and check files, adding those that pass to the collection and listing those that do not;
   * one bad file never stops the rest. Up to AHEAD files are being read while earlier ones are
   * checked, in order, in slices of about SLICE ms, so that the page paints and answers between
   * slices and the progress bar moves. The view is drawn when all are in.
   */
  proto.load = function (files, skipped) {
    if (this.loading || (!files.length && !skipped)) return
    this.loading = true
    this.skipped += skipped
    var self = this
    var results = new Array(files.length) // what readBytes gave, until checked
    var requested = 0
    var checked = 0
    var scheduled = false
    this.$progressArea.hidden = false
    this.$progress.hidden = false
    this.$progress.max = Math.max(files.length, 1)
    this.progress(0, files.length)
    var read = function (index) {
      self.readBytes(files[index]).then(function (result) {
        results[index] = result
        if (index === checked) schedule()
      })
    }
    var request = function () {
      while (requested < files.length && requested - checked < AHEAD) read(requested++)
    }
    var schedule = function () {
      if (scheduled) return
      scheduled = true
      window.setTimeout(work, 0)
    }
    var work = function () {
      scheduled = false
      var until = performance.now() + SLICE
      while (checked < files.length && results[checked] && performance.now() < until) {
        self.checkFile(files[checked], results[checked])
        results[checked] = null // let the bytes go
        checked += 1
      }
      self.progress(checked, files.length)
      if (checked === files.length) return self.loaded()
      request()
      if (results[checked]) schedule()
    }
    request()
    if (!files.length) schedule()
  }

  proto.progress = function (done, total) {
    this.$progress.value = done
    this.$progressText.textContent = this.text('reading', { done: done, total: total })
  }

  /** A file's bytes, or why there are none; a file over the size limit is refused before it is read. */
  proto.readBytes = function (file) {
    var limit = this.data.limits.maxBytes
    if (file.size > limit) return Promise.resolve({ error: format.fill(this.strings.err_too_big, { size: file.size, limit: limit }) })
    var notText = this.strings.err_not_text
    return file.arrayBuffer().then(function (buffer) { return { buffer: buffer } }, function () { return { error: notText } })
  }

  /** Check one file read by readBytes, and keep what the view needs of it, or why it was left out. */
  proto.checkFile = function (file, result) {
    var name = file.webkitRelativePath || file.name
    var refuse = function (errors) { this.refused.push({ name: name, errors: errors }) }.bind(this)
    this.filesRead += 1
    if (result.error) return refuse([result.error])
    var decoded = format.decode(result.buffer)
    if (decoded.error) return refuse([this.strings[decoded.error]])
    var checked = format.parse(decoded.text, file.size, this.data)
    if (!checked.assessment) return refuse(checked.errors)
    this.collection.add(figures.summarise(checked.assessment, name))
  }

  proto.loaded = function () {
    this.loading = false
    this.$progressArea.hidden = true
    this.render() // about 0.4 s for 10,000 files on a slow machine: the one pause, once all are read
    var records = this.collection.records()
    this.announce(this.text('read', {
      files: this.count('read_files', this.filesRead),
      used: this.count('read_used', records.length),
      refused: this.count('read_refused', this.refused.length)
    }))
  }

  proto.handleControl = function (event) {
    var control = event.target.getAttribute('data-control')
    if (control === 'cycle') this.cycle = event.target.value
    else if (control === 'names') this.showNames = event.target.checked
    else return
    this.render()
    var $again = this.$results.querySelector('[data-control="' + control + '"]')
    if ($again) $again.focus()
  }

  proto.handleAction = function (event) {
    var $button = event.target.closest('button[data-action]')
    if (!$button) return
    var action = $button.getAttribute('data-action')
    if (action === 'print') window.print()
    else if (action === 'tidy') this.download(figures.tidyCsv(this.services, this.data), 'mpw-across-services-tidy-' + format.now().slice(0, 10) + '.csv')
    else if (action === 'summary') this.download(this.figuresCsv(), 'mpw-across-services-figures-' + format.now().slice(0, 10) + '.csv')
    else if (action === 'clear') {
      this.reset()
      this.announce(this.text('cleared'))
      this.$files.focus()
    }
  }

  /** Offer CSV text (or chunks of it) as a download, and say so. */
  proto.download = function (parts, name) {
    format.offerDownload(parts, 'text/csv', name)
    this.announce(format.fill(this.strings.downloaded, { file: name }))
  }

  /** "not shown" for a held-back figure, whatever held it back, else the figure. */
  proto.figure = function (value) {
    return value === null ? this.text('hidden') : String(value)
  }

  /** Work out every figure for the view as chosen, then draw it. */
  proto.compute = function () {
    var records = this.collection.records()
    this.services = figures.services(records)
    var cycles = figures.cycles(records)
    if (cycles.indexOf(this.cycle) < 0) this.cycle = ''
    var entries = figures.shown(this.services, this.cycle)
    var view = figures.view(entries, this.data, this.smallest)
    return {
      records: records,
      cycles: cycles,
      entries: entries,
      overview: figures.overview(records, this.services, this.data, this.smallest),
      figures: view,
      relevance: view.shown ? figures.relevance(view) : []
    }
  }

  proto.render = function () {
    this.view = this.compute()
    var $results = this.$results
    $results.textContent = ''
    $results.hidden = false
    $results.appendChild(this.renderOverview())
    $results.appendChild(this.renderFileProblems())
    if (!this.view.records.length) return
    $results.appendChild(this.renderControls())
    if (this.showNames) $results.appendChild(this.renderServices())
    if (!this.view.figures.shown) {
      $results.appendChild(el('p', 'notice', this.text('too_few', { n: this.smallest })))
      return
    }
    $results.appendChild(this.renderDistribution())
    $results.appendChild(this.renderMovement())
    $results.appendChild(this.renderRelevance())
  }

  function section (heading, intro) {
    var $section = el('section', 'programme-section')
    $section.appendChild(el('h2', '', heading))
    if (intro) $section.appendChild(el('p', '', intro))
    return $section
  }

  function definitions (pairs) {
    var $list = el('dl', 'programme-overview')
    pairs.forEach(function (pair) {
      $list.appendChild(el('dt', '', pair[0]))
      $list.appendChild(el('dd', '', pair[1]))
    })
    return $list
  }

  proto.methodName = function (method) {
    return this.text('method_' + (method || 'none'))
  }

  /**
   * What was read, in three lists that each count one thing: files, assessments, services. A
   * collection of fewer than the smallest group of services says nothing about them.
   */
  proto.renderOverview = function () {
    var o = this.view.overview
    var $section = section(this.text('overview_heading'))
    var files = [[this.text('files'), String(this.filesRead)], [this.text('refused'), String(this.refused.length)]]
    if (o.shown) files.push([this.text('replaced'), String(this.collection.replaced.length)])
    this.overviewList($section, 'files_heading', files)
    if (this.skipped) $section.appendChild(el('p', '', this.count('skipped', this.skipped)))
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
    this.overviewList($section, 'assessments_heading', assessments)
    this.overviewList($section, 'services_overview', [[this.text('services'), String(o.services)], [this.text('organisations'), String(o.organisations)]])
    return $section
  }

  proto.overviewList = function ($section, heading, pairs) {
    $section.appendChild(el('h3', '', this.text(heading)))
    $section.appendChild(definitions(pairs))
  }

  /** The files left out, each with its reasons, and the older copies of one assessment. */
  proto.renderFileProblems = function () {
    var $wrap = el('div', 'programme-file-problems')
    if (this.refused.length) {
      var $refused = el('details', 'programme-details')
      $refused.appendChild(el('summary', '', this.text('refused_heading', { n: this.refused.length })))
      $refused.appendChild(el('p', '', this.text('refused_intro')))
      var $list = el('ul')
      this.refused.forEach(function (item) {
        $list.appendChild(el('li', '', item.name + ': ' + item.errors.slice(0, 5).join('; ')))
      })
      $refused.appendChild($list)
      $wrap.appendChild($refused)
    }
    var replaced = this.collection.replaced
    if (replaced.length && this.view.overview.shown) {
      var $replaced = el('details', 'programme-details')
      $replaced.appendChild(el('summary', '', this.text('replaced_heading', { n: replaced.length })))
      var $items = el('ul')
      replaced.forEach(function (item) { $items.appendChild(el('li', '', this.text('replaced_item', item))) }, this)
      $replaced.appendChild($items)
      $wrap.appendChild($replaced)
    }
    return $wrap
  }

  proto.renderControls = function () {
    var $controls = el('div', 'discussion-controls programme-controls no-print')
    var $field = el('div', 'field')
    var $label = el('label', '', this.text('which'))
    $label.htmlFor = 'programme-cycle'
    var $select = el('select')
    $select.id = 'programme-cycle'
    $select.setAttribute('data-control', 'cycle')
    var options = [['', this.text('latest')]].concat(this.view.cycles.map(function (cycle) { return [cycle, this.text('cycle_option', { cycle: cycle })] }, this))
    options.forEach(function (option) {
      var $option = el('option', '', option[1])
      $option.value = option[0]
      $option.selected = option[0] === this.cycle
      $select.appendChild($option)
    }, this)
    $field.appendChild($label)
    $field.appendChild($select)
    $controls.appendChild($field)
    var $choice = el('div', 'choice')
    var $box = el('input')
    $box.type = 'checkbox'
    $box.id = 'programme-names'
    $box.autocomplete = 'off' // off again on reload, even where a browser restores form state
    $box.checked = this.showNames
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
    if (this.view.figures.shown) $controls.appendChild(el('p', 'hint', this.count('shown', this.view.entries.length)))
    return $controls
  }

  /** Services by name, with their cycles: only when the lead asks, and never with figures. */
  proto.renderServices = function () {
    var $section = section(this.text('services_heading'))
    $section.appendChild(table(this.text('services_heading'),
      [this.strings.col_service, this.text('col_organisations'), this.text('col_cycles')],
      this.services.map(function (service) {
        return [service.name || this.strings.untitled, service.organisations,
          service.assessments.map(function (a) { return a.review_cycle || this.day(compare.dayOf(a)) }, this).join(', ')]
      }, this), 'stack-narrow-table'))
    return $section
  }

  proto.keys = function () {
    return this.data.labels.statements.concat([this.data.labels.na, this.strings.not_answered])
  }

  proto.renderDistribution = function () {
    var $section = section(this.text('distribution_heading'), this.text('distribution_intro'))
    var keys = this.keys()
    var hidden = this.text('hidden')
    var strings = Object.assign({}, this.strings, { no_evidence: this.text('no_evidence') })
    this.view.figures.domains.forEach(function (group) {
      var domain = group.domain
      var $domain = el('section', 'programme-domain')
      $domain.appendChild(el('h3', '', domain.number + '. ' + domain.title))
      var rows = [{ label: this.text('domain_row', { n: domain.number }), tally: group.all, total: group.all.total }]
        .concat(group.indicators.map(function (item) {
          return { label: item.indicator.id + ' ' + item.indicator.title, tally: item.row, total: item.row.total }
        }))
      $domain.appendChild(chart.stackedBars({
        title: this.text('chart', { n: domain.number, title: domain.title }),
        rows: rows,
        keys: keys,
        width: this.$results.clientWidth,
        strings: strings,
        data: this.data,
        hidden: this.text('not_shown'),
        proportional: true
      }))
      $domain.appendChild(table(this.text('table', { n: domain.number, title: domain.title }),
        [this.strings.col_indicator].concat(keys),
        rows.map(function (row) { return [row.label].concat(chart.tallyCells(row.tally, this.data, hidden)) }, this),
        'stack-narrow-table'))
      $section.appendChild($domain)
    }, this)
    return $section
  }

  proto.moveHeadings = function () {
    return figures.MOVE_KINDS.map(function (kind) { return this.text('move_' + kind) }, this)
  }

  proto.renderMovement = function () {
    var f = this.view.figures
    var $section = section(this.text('movement_heading'))
    if (!f.moved) {
      $section.appendChild(el('p', '', this.text('movement_none')))
      return $section
    }
    if (!f.movementShown) {
      $section.appendChild(el('p', 'notice', this.text('too_few_moved', { n: this.smallest })))
      return $section
    }
    $section.appendChild(el('p', '', this.count('movement_intro', f.moved)))
    var headings = [this.strings.col_indicator].concat(this.moveHeadings())
    f.domains.forEach(function (group) {
      var cells = function (row) { return figures.MOVE_KINDS.map(function (kind) { return this.figure(row.moves[kind]) }, this) }.bind(this)
      var rows = [[this.text('domain_row', { n: group.domain.number })].concat(cells(group.all))]
        .concat(group.indicators.map(function (item) { return [item.indicator.id + ' ' + item.indicator.title].concat(cells(item.row)) }))
      $section.appendChild(table(this.text('movement_table', { n: group.domain.number, title: group.domain.title }), headings, rows, 'stack-narrow-table'))
    }, this)
    return $section
  }

  proto.renderRelevance = function () {
    var $section = section(this.text('relevance_heading'), this.text('relevance_intro'))
    $section.appendChild(table(this.text('relevance_table'),
      [this.strings.col_indicator, this.text('col_na'), this.text('col_targets')],
      this.view.relevance.map(function (row) {
        return [row.indicator.id + ' ' + row.indicator.title, this.figure(row.na), this.figure(row.targets)]
      }, this), 'stack-narrow-table'))
    return $section
  }

  /**
   * The figures of this view as CSV: section, domain, indicator, measure, value and note, one row
   * per measure, with an empty value and the note "not shown" where a figure is held back.
   */
  proto.figuresCsv = function () {
    var files = { read: this.filesRead, refused: this.refused.length, replaced: this.collection.replaced.length }
    var shown = { files: files, overview: this.view.overview, figures: this.view.figures }
    return format.csvText(figures.figureRows(shown, this.data, this.text('hidden')))
  }

  document.addEventListener('DOMContentLoaded', function () {
    var $module = document.querySelector('[data-module="mpw-programme"]')
    if ($module) MPW.programmePage = new Programme($module)
  })
})(window.MPW)
