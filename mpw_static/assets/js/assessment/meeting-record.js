/**
 * The meeting's record, at its end (drawn by assessment/meeting-stage.js): what the room wrote on
 * each domain's screen (its context and reflections); what was agreed, with the discussion notes;
 * what the room will come back to or did not agree; what was not reached; and the next steps set.
 * It is read from the assessment itself (agenda.record), which holds all of it, the meeting's marks to come back to too (format 3), so it prints (A4) and the assessment
 * file is downloaded as usual (the files room answers the download button).
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var agenda = MPW.meetingAgenda

  /** The record on screen, with its buttons to print it and to download the assessment file. */
  function render (stage) {
    var s = stage.strings
    var state = stage.state()
    var members = stage.room.members()
    var made = agenda.record(stage.workspace.current, state, stage.data, state.domains, members)
    var $screen = stage.$stage.appendChild(el('div', 'meeting-screen meeting-record'))
    MPW.meetingScreens.heading($screen, s.meeting_record_heading, 'meeting-record-heading')
    $screen.appendChild(details(stage, members))
    section(stage, $screen, 'domain_notes', domainNotes(stage), notesOf)
    section(stage, $screen, 'agreed', made.agreed, entryOf)
    section(stage, $screen, 'unresolved', made.unresolved, entryOf)
    section(stage, $screen, 'not_reached', made.notReached, titleOf)
    section(stage, $screen, 'plans', made.plans, planOf)
    var $actions = $screen.appendChild(el('p', 'meeting-record-actions no-print'))
    var $print = $actions.appendChild(el('button', 'button', s.meeting_print))
    $print.type = 'button'
    $print.addEventListener('click', stage.print.bind(stage))
    var $download = $actions.appendChild(el('button', 'button button-secondary', s.meeting_download))
    $download.type = 'button'
    $download.setAttribute('data-action', 'download-json') // the files room downloads the record, as from the toolbar
    var $downloaded = $screen.appendChild(el('p', 'hint no-print meeting-downloaded'))
    var showDownloaded = function () {
      // Only what is true of this browser: downloaded here, or opened from a file and not since.
      $downloaded.textContent = stage.workspace.recordText(stage.workspace.current.id, 'last_downloaded', 'opened_from_file', 'never_downloaded')
    }
    showDownloaded()
    $download.addEventListener('click', function () { window.setTimeout(showDownloaded, 0) })
    $screen.appendChild(el('p', 'hint', s.meeting_record_file))
  }

  /** Whose record, when, who took part, the domains covered and the members' files read. */
  function details (stage, members) {
    var s = stage.strings
    var workspace = stage.workspace
    var current = workspace.current
    var state = stage.state()
    var counted = agenda.progress(current, state, stage.data, state.domains)
    var domains = agenda.chosenDomains(stage.data, state.domains)
    var rows = [
      [s.meeting_record_assessment, workspace.nameOf(current)],
      [s.meeting_record_date, current.date ? workspace.day(current.date) : '—'],
      [s.meeting_record_participants, current.service.participants.trim() || '—'],
      [s.meeting_record_domains, domains.map(function (n) { return n + '. ' + stage.domain(n).title }).join('; '), domains[0]],
      [s.meeting_record_progress, dom.fill(s.meeting_progress, { n: counted.agreed, total: counted.total })]
    ]
    if (members.length) rows.push([s.meeting_record_members, dom.plural(s, 'meeting_members_count', members.length, stage.data.locale)])
    var $list = el('dl', 'meeting-record-details')
    rows.forEach(function (row) {
      $list.appendChild(el('dt', '', row[0]))
      $list.appendChild(row[2] ? stage.words('dd', '', row[1], row[2]) : el('dd', '', row[1]))
    })
    return $list
  }

  /** One part of the record: its heading with how many, and a line for each entry, or "none". */
  function section (stage, $screen, name, entries, draw) {
    var s = stage.strings
    var $section = $screen.appendChild(el('section', 'meeting-record-part'))
    $section.setAttribute('data-part', name)
    $section.appendChild(el('h3', '', dom.fill(s['meeting_record_' + name], { n: entries.length })))
    if (!entries.length) return $section.appendChild(el('p', 'hint meeting-record-none', s.meeting_record_none))
    var $list = $section.appendChild(el('ul'))
    entries.forEach(function (entry) {
      var $item = $list.appendChild(el('li'))
      if (entry.indicator) $item.setAttribute('data-indicator-entry', entry.indicator.id)
      draw(stage, $item, entry)
    })
  }

  /** The meeting's domains where the room wrote something on the domain's screen: its context, its reflections. */
  function domainNotes (stage) {
    var state = stage.state()
    var notes = stage.workspace.current.domains
    return agenda.chosenDomains(stage.data, state.domains).map(function (number) {
      var held = notes[number] || {}
      return { number: number, context: (held.context || '').trim(), reflections: (held.reflections || '').trim() }
    }).filter(function (entry) { return entry.context || entry.reflections })
  }

  /** A domain's name, then what the room typed in its context box and its reflections, each only if given. */
  function notesOf (stage, $item, entry) {
    var s = stage.strings
    $item.setAttribute('data-domain-entry', String(entry.number))
    $item.appendChild(stage.words('strong', 'meeting-record-title', dom.fill(s.meeting_domain_heading, { n: entry.number, title: stage.domain(entry.number).title }), entry.number))
    if (entry.context) $item.appendChild(el('p', 'meeting-record-note', dom.fill(s.meeting_record_context, { text: entry.context })))
    if (entry.reflections) $item.appendChild(el('p', 'meeting-record-note', dom.fill(s.meeting_record_reflections, { text: entry.reflections })))
  }

  function titleOf (stage, $item, entry) {
    $item.appendChild(stage.words('strong', 'meeting-record-title', entry.indicator.id + ' ' + entry.indicator.title, entry.indicator.id))
  }

  /** An agreed or unresolved indicator: its statement and evidence, or where it stands; its note; where the members stood. */
  function entryOf (stage, $item, entry) {
    var s = stage.strings
    var data = stage.data
    var rating = entry.rating
    titleOf(stage, $item, entry)
    var words = []
    var statement = rating.statement !== null ? format.label(rating.statement, data) : ''
    var marked = entry.state === 'skipped' && statement !== ''
    // Marked to come back to after a statement was chosen: the file keeps the statement, and so do the words.
    if (marked) words.push(agenda.stateWords(s, entry.state, statement))
    else if (statement) words.push(statement)
    if (statement && rating.evidence) words.push(data.labels.evidence[rating.evidence].mark + ' ' + data.labels.evidence[rating.evidence].text)
    if (entry.state !== 'agreed' && !marked) words.push(agenda.stateWords(s, entry.state, statement))
    $item.appendChild(el('span', 'meeting-record-choice', ' — ' + words.join(' · ')))
    if (rating.note.trim()) $item.appendChild(el('p', 'meeting-record-note', dom.fill(s.meeting_record_note, { note: rating.note })))
    if (entry.members) $item.appendChild(el('p', 'meeting-record-members', dom.fill(s.meeting_record_positions, { summary: MPW.meetingMembers.summary(stage, entry.members) })))
  }

  /** A next step set: the target, the steps, who leads and by when, each only if given. */
  function planOf (stage, $item, entry) {
    var s = stage.strings
    var rating = entry.rating
    titleOf(stage, $item, entry)
    var parts = []
    if (rating.target !== null) parts.push(dom.fill(s.meeting_record_target, { target: format.label(rating.target, stage.data) }))
    if (rating.next_steps.trim()) parts.push(dom.fill(s.meeting_record_steps, { steps: rating.next_steps }))
    if (rating.lead.trim()) parts.push(dom.fill(s.meeting_record_lead, { lead: rating.lead }))
    var when = [rating.due_date ? stage.workspace.day(rating.due_date) : '', rating.due_cycle].filter(Boolean).join(', ')
    if (when) parts.push(dom.fill(s.meeting_record_when, { when: when }))
    parts.forEach(function (part) { $item.appendChild(el('p', 'meeting-record-plan', part)) })
  }

  MPW.meetingRecord = { render: render }
})(window.MPW)
