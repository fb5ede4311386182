/**
 * The members' files of a meeting (drawn by assessment/meeting-screens.js): loading them at the
 * set-up, read and checked as the composite reads them (workspace.readFiles), and, on each
 * indicator, where the members placed it: hidden until the facilitator reveals it, then counts per
 * statement (with role labels only if the facilitator chooses), and the composite's agreement or
 * split. Never a file name or a member's place in a list on the indicator's screen.
 *
 * Members' files are kept in memory and this tab's session (meeting.js), never in the saved list,
 * unless "Keep" is chosen: then the files room stores it as an import (the workspace's 'take-file').
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var agenda = MPW.meetingAgenda

  /** The set-up's part for members' files: the file field, the list of those loaded, and their refusals. */
  function setup (stage, $screen) {
    var s = stage.strings
    var $part = $screen.appendChild(el('div', 'field meeting-members-setup'))
    var $input = el('input')
    $input.type = 'file'
    $input.id = 'meeting-members-files'
    $input.multiple = true
    $input.accept = '.json,application/json'
    MPW.meetingScreens.field($part, $input, s.meeting_members_label, s.meeting_members_hint)
    var $errors = $part.appendChild(el('ul', 'meeting-errors meeting-file-errors'))
    $errors.setAttribute('role', 'alert')
    var $list = $part.appendChild(el('ul', 'meeting-member-list'))
    renderList(stage, $list)
    $input.addEventListener('change', function () {
      var files = Array.prototype.slice.call($input.files || [])
      $input.value = ''
      if (files.length) stage.workspace.readFiles(files, function (results) { add(stage, results, $list, $errors) })
    })
    $list.addEventListener('click', function (event) {
      var $button = event.target.closest('[data-member]')
      if (!$button) return
      var member = stage.state().members[Number($button.getAttribute('data-member'))]
      if ($button.getAttribute('data-member-action') === 'keep') keep(stage, member, $list)
      else remove(stage, member, $list, $input)
    })
  }

  /**
   * Add checked files as members. Refused, each with its reason: a file that does not open, the
   * group's own record, and a second file of an assessment already loaded (one person would weigh double).
   */
  function add (stage, results, $list, $errors) {
    var s = stage.strings
    var state = stage.state()
    var added = 0
    $errors.textContent = ''
    results.forEach(function (result) {
      var assessment = result.assessment
      var refusal = null
      // A member's workbook gets advice of its own: opened with the Excel box, it would replace the group's record.
      if (!assessment && result.errors[0] === s.err_workbook) refusal = s.meeting_err_workbook
      else if (!assessment) refusal = result.errors.slice(0, 5).join(' ')
      else if (assessment.id === stage.workspace.current.id) refusal = s.meeting_err_own_record
      else if (state.members.some(function (member) { return member.assessment.id === assessment.id })) refusal = s.meeting_err_twice
      if (refusal) return $errors.appendChild(el('li', '', result.name + ': ' + refusal))
      state.members.push({ assessment: assessment, file: result.name, kept: false })
      added += 1
    })
    stage.room.keep(true)
    renderList(stage, $list)
    if (added) stage.say(dom.plural(s, 'meeting_members_added', added, stage.data.locale))
  }

  /**
   * The members loaded, with Keep and Remove: by role, as the set-up is on the projector too. A file
   * name is often a person's name, so it shows (smaller) only beside a role that two files share,
   * where it is what tells them apart.
   */
  function renderList (stage, $list) {
    var s = stage.strings
    var members = stage.room.members()
    var roles = members.map(function (member) { return member.role })
    $list.textContent = ''
    stage.state().members.forEach(function (member, index) {
      var $item = $list.appendChild(el('li'))
      var name = roles[index]
      var $role = $item.appendChild(el('span', 'meeting-member-role', name))
      if (roles.indexOf(name) !== roles.lastIndexOf(name)) {
        $role.appendChild(el('span', 'meeting-member-file', ' ' + dom.fill(s.meeting_member_file_name, { file: member.file })))
        name = dom.fill(s.meeting_member_with_file, { role: name, file: member.file })
      }
      $item.appendChild(el('span', 'hint', ' · ' + (member.kept ? s.meeting_member_kept : s.meeting_member_unsaved)))
      if (!member.kept) $item.appendChild(memberButton('keep', index, s.meeting_member_keep, dom.fill(s.meeting_member_keep_named, { member: name })))
      $item.appendChild(memberButton('remove', index, s.meeting_member_remove, dom.fill(s.meeting_member_remove_named, { member: name })))
    })
    var $count = $list.appendChild(el('li', 'hint meeting-member-count', dom.plural(s, 'meeting_members_count', members.length, stage.data.locale)))
    $count.setAttribute('data-count', String(members.length))
  }

  /** Keep or Remove, named for screen readers by the member it is for ("Keep: District nurse"). */
  function memberButton (action, index, text, label) {
    var $button = el('button', 'button button-small button-secondary', text)
    $button.type = 'button'
    $button.setAttribute('data-member', String(index))
    $button.setAttribute('data-member-action', action)
    $button.setAttribute('aria-label', label)
    return $button
  }

  /** Store a member's file in this browser, as an import (the files room asks about a saved copy). */
  function keep (stage, member, $list) {
    stage.workspace.emit('take-file', { name: member.file, assessment: member.assessment }, function (kept) {
      if (!kept) return
      member.kept = true
      stage.room.keep(true)
      renderList(stage, $list)
    })
  }

  function remove (stage, member, $list, $input) {
    var members = stage.state().members
    members.splice(members.indexOf(member), 1)
    stage.room.keep(true)
    renderList(stage, $list)
    $input.focus()
  }

  /**
   * Where the members stand on one indicator. Hidden until revealed: before, only how many files
   * are loaded and the Reveal button; after, a count under each statement (and the roles, if
   * chosen), and the composite's flag with the range of the statements chosen.
   */
  function panel (stage, $screen, id) {
    var s = stage.strings
    var state = stage.state()
    var members = stage.room.members()
    $screen.setAttribute('data-members', String(members.length))
    if (!members.length) return
    var $panel = $screen.querySelector('.meeting-under').appendChild(el('section', 'meeting-members'))
    $panel.setAttribute('aria-labelledby', 'meeting-members-heading')
    $panel.appendChild(el('h3', '', s.meeting_members_heading)).id = 'meeting-members-heading'
    if (!state.revealed[id]) {
      // Each statement keeps room for its count, so that revealing moves nothing on screen.
      dom.each($screen, '.meeting-option', function ($option) { $option.appendChild(el('p', 'meeting-count')) })
      $panel.appendChild(el('p', '', dom.plural(s, 'meeting_hidden', members.length, stage.data.locale)))
      var $reveal = $panel.appendChild(el('button', 'button meeting-reveal', s.meeting_reveal))
      $reveal.type = 'button'
      $reveal.addEventListener('click', function () { reveal(stage, $screen, id) })
      return
    }
    var at = agenda.positions(members, id, stage.data)
    var $summary = $panel.appendChild(el('p', 'meeting-flag'))
    $summary.tabIndex = -1
    $summary.setAttribute('data-flag', at.flag)
    $summary.textContent = summaryOf(stage, at)
    var $roles = $panel.appendChild(el('div', 'choice'))
    var $box = $roles.appendChild(el('input'))
    $box.type = 'checkbox'
    $box.id = 'meeting-roles'
    $box.checked = state.roles
    $roles.appendChild(el('label', '', s.meeting_roles)).htmlFor = $box.id
    $box.addEventListener('change', function () {
      state.roles = $box.checked
      stage.room.keep()
      showCounts(stage, $screen, at)
    })
    showCounts(stage, $screen, at)
  }

  /** "Split: S1 to S4. 1 member gave no answer." — the flag in words, the range, and any without an answer. */
  function summaryOf (stage, at) {
    var s = stage.strings
    var data = stage.data
    var span = agenda.range(at.counts, data)
    var parts = []
    if (span.notApplicable !== null) parts.push(format.label(span.notApplicable, data))
    if (span.low !== null) {
      var low = format.label(span.low, data)
      var high = format.label(span.high, data)
      parts.push(low === high ? low : dom.fill(s.range, { low: low, high: high }))
    }
    var flag = s['flag_' + at.flag.replace('-', '_')]
    var text = parts.length ? dom.fill(s.meeting_flag, { flag: flag, range: parts.join(' ' + s.and + ' ') }) : dom.fill(s.meeting_flag_none, { flag: flag })
    if (at.none) text += ' ' + dom.plural(s, 'meeting_no_answer', at.none, data.locale)
    return text
  }

  /** Under each statement: how many members chose it, a marker for each, and their roles if chosen. */
  function showCounts (stage, $screen, at) {
    var s = stage.strings
    var roles = stage.state().roles
    dom.each($screen, '.meeting-option', function ($option) {
      var key = $option.getAttribute('data-statement')
      var $count = $option.querySelector('.meeting-count') || $option.appendChild(el('p', 'meeting-count'))
      $count.textContent = ''
      $count.appendChild(el('span', 'meeting-count-text', dom.plural(s, 'meeting_count', at.counts[key], stage.data.locale)))
      $count.appendChild(el('span', 'meeting-dots', ' ' + new Array(at.counts[key] + 1).join('●'))).setAttribute('aria-hidden', 'true')
      var $roles = $option.querySelector('.meeting-roles')
      if ($roles) $roles.remove()
      if (roles && at.roles[key].length) $option.appendChild(el('p', 'meeting-roles', at.roles[key].join(', ')))
    })
  }

  /** Reveal the members' positions on this indicator, say the outcome, and keep focus on it. */
  function reveal (stage, $screen, id) {
    stage.state().revealed[id] = true
    stage.room.keep()
    $screen.querySelector('.meeting-members').remove()
    panel(stage, $screen, id) // in the same place, beside N/A
    var $summary = $screen.querySelector('.meeting-flag')
    $summary.focus({ preventScroll: true })
    stage.announce($summary.textContent)
  }

  MPW.meetingMembers = { setup: setup, panel: panel, summary: summaryOf }
})(window.MPW)
