/**
 * The meeting's screens (drawn by assessment/meeting-stage.js into its stage): the set-up, a
 * domain's prompts, one indicator, and the contents. Each is drawn afresh when it is shown, from
 * the open assessment and the meeting's state, and every choice made on it is saved into the
 * assessment at once (stage.saveRating, stage.saveDomainNote), as the form saves.
 *
 * The matrix's own words (an indicator's title, qualifier and statements, a domain's questions and
 * data items) are copied from the page's form, where the build wrote them, with their language
 * marks; what a person typed or a file held is only ever set as text or as a field's value.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var agenda = MPW.meetingAgenda

  /** A field's value as the format holds it, by its rule: a choice ("3" is 3), a date or nothing, text. */
  function valueOf (text, rule) {
    if (rule.kind === 'choice') return format.choiceOf(text, rule.of)
    if (rule.kind === 'date') return text || null
    return text
  }

  /** The screen's heading, which takes focus when the screen is shown. */
  function heading ($screen, text, id) {
    var $heading = $screen.appendChild(el('h2', 'meeting-heading', text))
    $heading.tabIndex = -1
    $heading.id = id
    return $heading
  }

  /** A labelled field: a label, an optional hint, and the input given. */
  function field ($parent, $input, label, hint) {
    var $field = $parent.appendChild(el('div', 'field'))
    $field.appendChild(el('label', '', label)).htmlFor = $input.id
    if (hint) {
      var $hint = $field.appendChild(el('p', 'hint', hint))
      $hint.id = $input.id + '-hint'
      $input.setAttribute('aria-describedby', $hint.id)
    }
    $field.appendChild($input)
    return $field
  }

  function textArea (id, value, rows, limit) {
    var $area = el('textarea')
    $area.id = id
    $area.rows = rows
    $area.maxLength = limit
    $area.value = value || ''
    return $area
  }

  /** A radio or a checkbox in a .choice row. */
  function choice ($parent, type, id, name, value, label, checked) {
    var $choice = $parent.appendChild(el('div', 'choice'))
    var $input = $choice.appendChild(el('input'))
    $input.type = type
    $input.id = id
    $input.name = name
    $input.value = value
    $input.checked = checked
    $choice.appendChild(el('label', '', label)).htmlFor = id
    return $input
  }

  /** A button that takes the meeting to one of its steps (answered by the stage: meeting-go). */
  function goButton (key, className) {
    var $button = el('button', 'button ' + (className || 'button-secondary'))
    $button.type = 'button'
    $button.setAttribute('data-action', 'meeting-go')
    $button.setAttribute('data-id', key)
    return $button
  }

  /**
   * The set-up: the date and who took part (saved into the assessment), the domains for today,
   * the members' files, and the timer; "Start" goes to the first domain's prompts.
   */
  function setup (stage) {
    var s = stage.strings
    var data = stage.data
    var state = stage.state()
    var current = stage.workspace.current
    var $screen = stage.$stage.appendChild(el('div', 'meeting-screen meeting-setup'))
    heading($screen, s.meeting_setup_heading, 'meeting-setup-heading')
    $screen.appendChild(el('p', 'meeting-lead', dom.fill(s.meeting_setup_record, { name: stage.workspace.nameOf(current) })))
    var $details = $screen.appendChild(el('div', 'meeting-columns'))
    var $date = el('input')
    $date.type = 'date'
    $date.id = 'meeting-date'
    $date.value = current.date || ''
    field($details, $date, s.meeting_date, s.meeting_date_hint)
    field($details, textArea('meeting-participants', current.service.participants, 2, data.limits.longText), s.meeting_participants, s.meeting_participants_hint)
    var $domains = $screen.appendChild(el('fieldset', 'field meeting-domains'))
    $domains.appendChild(el('legend', '', s.meeting_domains))
    data.domains.forEach(function (domain) {
      var $box = choice($domains, 'checkbox', 'meeting-domain-' + domain.number, 'meeting-domain', String(domain.number),
        domain.number + '. ' + domain.title, state.domains.indexOf(domain.number) !== -1)
      $box.setAttribute('data-meeting-domain', '')
      if (stage.langOf(domain.number)) $box.nextSibling.lang = stage.langOf(domain.number)
    })
    MPW.meetingMembers.setup(stage, $screen)
    var $timer = el('select')
    $timer.id = 'meeting-timer'
    MPW.Meeting.TIMER_MINUTES.forEach(function (minutes) {
      var $option = $timer.appendChild(el('option', '', minutes ? dom.plural(s, 'meeting_minutes', minutes, data.locale) : s.meeting_timer_off))
      $option.value = String(minutes)
    })
    $timer.value = String(state.timer)
    field($screen, $timer, s.meeting_timer_label, s.meeting_timer_hint)
    var $errors = $screen.appendChild(el('div', 'meeting-errors'))
    $errors.setAttribute('role', 'alert')
    var $start = $screen.appendChild(el('p')).appendChild(el('button', 'button meeting-start', s.meeting_start))
    $start.type = 'button'
    $screen.addEventListener('change', handleSetup.bind(null, stage))
    $screen.addEventListener('input', handleSetup.bind(null, stage))
    $start.addEventListener('click', start.bind(null, stage, $errors))
  }

  /** A change on the set-up: the date and who took part go into the assessment; the rest into the meeting. */
  function handleSetup (stage, event) {
    var $input = event.target
    var current = stage.workspace.current
    var state = stage.state()
    if ($input.id === 'meeting-participants') {
      current.service.participants = $input.value
      return stage.save()
    }
    if (event.type !== 'change') return
    if ($input.id === 'meeting-date') {
      current.date = valueOf($input.value, stage.data.rules.fields.date)
      if (current.meeting) stage.room.writeToFile() // a meeting already in the file moves with it
      return stage.save()
    }
    if ($input.id === 'meeting-timer') state.timer = Number($input.value)
    if ($input.hasAttribute('data-meeting-domain')) {
      state.domains = Array.prototype.filter.call(stage.$stage.querySelectorAll('[data-meeting-domain]'), function ($box) { return $box.checked })
        .map(function ($box) { return Number($box.value) })
    }
    stage.room.keep()
    if ($input.hasAttribute('data-meeting-domain') && state.domains.length && current.meeting) { // a meeting already in the file
      stage.room.writeToFile()
      return stage.save()
    }
    stage.renderBar()
  }

  /**
   * Start: at least one domain; the assessment is recorded as a group's, dated today unless a date
   * is given, and its file holds the meeting (its date and the domains chosen).
   */
  function start (stage, $errors) {
    var state = stage.state()
    var current = stage.workspace.current
    $errors.textContent = ''
    if (!stage.$stage.querySelector('[data-meeting-domain]:checked')) {
      $errors.appendChild(el('p', 'meeting-error', stage.strings.meeting_err_no_domain))
      return stage.$stage.querySelector('[data-meeting-domain]').focus()
    }
    if (current.method !== 'group' && current.method !== 'composite') current.method = 'group'
    if (!current.date) current.date = dom.today()
    stage.room.writeToFile() // the meeting is part of the group's file: its date and its domains
    stage.save()
    stage.go('domain:' + agenda.chosenDomains(stage.data, state.domains)[0])
  }

  /** The language a part of the form is written in, when it is not the page's (an untranslated fallback). */
  function langOf ($el) {
    return $el ? $el.getAttribute('lang') || '' : ''
  }

  /**
   * A domain's prompts, for the room to discuss before rating: its most important data items and
   * the King's Fund test questions (copied from the form's guide to the domain), and its context
   * box and reflections, which are saved into the assessment.
   */
  function domain (stage, number) {
    var s = stage.strings
    var data = stage.data
    var n = Number(number)
    var chosen = agenda.chosenDomains(data, stage.state().domains)
    var $screen = stage.$stage.appendChild(el('div', 'meeting-screen meeting-domain'))
    $screen.appendChild(el('p', 'meeting-where', dom.fill(s.meeting_domain_where, { n: chosen.indexOf(n) + 1, total: chosen.length })))
    var $section = stage.workspace.$module.querySelector('#assess-domain-' + n)
    var $heading = heading($screen, dom.fill(s.meeting_domain_heading, { n: n, title: stage.domain(n).title }), 'meeting-domain-heading')
    var lang = langOf($section && $section.querySelector('h2'))
    if (lang) $heading.lang = lang
    var $guide = $section && $section.querySelector('.domain-guide')
    var $prompts = $screen.appendChild(el('div', 'meeting-prompts'))
    if ($guide) {
      var $items = $prompts.appendChild(el('section', 'meeting-prompt'))
      $items.appendChild(dataItemsHeading(stage))
      var $list = $guide.querySelector('.data-items')
      if ($list) $items.appendChild($list.cloneNode(true))
      var $questions = $prompts.appendChild(el('section', 'meeting-prompt'))
      Array.prototype.forEach.call($guide.children, function ($child) {
        if ($child.tagName === 'H3' || $child.tagName === 'UL') $questions.appendChild($child.cloneNode(true))
      })
    }
    var notes = stage.workspace.current.domains[n] || {}
    var $fields = $screen.appendChild(el('div', 'meeting-columns'))
    field($fields, textArea('meeting-context', notes.context, 4, data.limits.longText), s.meeting_context, s.meeting_context_hint).setAttribute('data-domain-note', 'context')
    field($fields, textArea('meeting-reflections', notes.reflections, 4, data.limits.longText), s.meeting_reflections).setAttribute('data-domain-note', 'reflections')
    $fields.addEventListener('input', function (event) {
      var $field = event.target.closest('[data-domain-note]')
      if ($field) stage.saveDomainNote(n, $field.getAttribute('data-domain-note'), event.target.value)
    })
  }

  /** The heading of a domain's data items, as the matrix names them (the page's template holds it). */
  function dataItemsHeading (stage) {
    var $template = stage.$meeting.parentNode.querySelector('template[data-meeting-part]')
    var $own = $template && $template.content.querySelector('[data-part="data-items"]')
    return $own ? $own.cloneNode(true) : el('h3', '', stage.strings.meeting_data_items)
  }

  /**
   * An indicator's words from the form: its title's language, its qualifier, and the content of each
   * statement's label (without the form's S1…S5 and chosen marks), ready to be shown again.
   */
  function wordsOf (stage, id) {
    var $fieldset = stage.workspace.$module.querySelector('[data-indicator="' + id + '"]')
    var $legend = $fieldset.querySelector('legend')
    var $qualifier = $legend.querySelector('.qualifier')
    var statements = {}
    Array.prototype.forEach.call($fieldset.querySelectorAll('[data-role="statement"]'), function ($input) {
      var $label = $fieldset.querySelector('label[for="' + $input.id + '"]').cloneNode(true)
      dom.each($label, '.option-label, [data-role="chosen-mark"]', function ($mark) { $mark.remove() })
      statements[$input.value] = $label
    })
    return { lang: langOf($legend), qualifier: $qualifier ? $qualifier.textContent : '', statements: statements }
  }

  /**
   * One indicator: its title and qualifier, its five statements side by side plus N/A, where the
   * members stand (hidden until revealed), and what the group records: the statement, the evidence
   * level, the discussion note and, folded, a target and next steps.
   */
  function indicator (stage, id) {
    var s = stage.strings
    var data = stage.data
    var about = data.indicators.filter(function (item) { return item.id === id })[0]
    var inDomain = data.indicators.filter(function (item) { return item.domain === about.domain })
    var words = wordsOf(stage, id)
    var rating = format.rating(stage.workspace.current.ratings[id] || {}, data)
    var $screen = stage.$stage.appendChild(el('div', 'meeting-screen meeting-indicator'))
    $screen.setAttribute('data-meeting-indicator', id)
    stage.sentenceWith($screen.appendChild(el('p', 'meeting-where')), s.meeting_indicator_where, { n: inDomain.indexOf(about) + 1, total: inDomain.length },
      'domain', stage.words('span', '', about.domain + '. ' + stage.domain(about.domain).title, about.domain))
    var $heading = heading($screen, id + ' ' + about.title, 'meeting-indicator-heading')
    if (words.lang) $heading.lang = words.lang
    if (words.qualifier) $heading.appendChild(el('span', 'qualifier', ' ' + words.qualifier))
    var $statements = $screen.appendChild(el('fieldset', 'meeting-statements'))
    $statements.appendChild(el('legend', 'visually-hidden', dom.fill(s.meeting_statement_legend, { id: id })))
    var $options = $statements.appendChild(el('div', 'meeting-options'))
    var $under = $screen.appendChild(el('div', 'meeting-under')) // N/A, and beside it where the members stand
    data.choices.statements.forEach(function (statement) {
      var rated = format.isRated(statement, data)
      var $option = (rated ? $options : $under).appendChild(el('div', 'meeting-option' + (rated ? '' : ' meeting-option-na')))
      $option.setAttribute('data-statement', String(statement))
      var $radio = $option.appendChild(el('input'))
      $radio.type = 'radio'
      $radio.name = 'meeting-statement'
      $radio.id = 'meeting-s-' + String(statement).replace('/', '')
      $radio.value = String(statement)
      $radio.checked = rating.statement === statement
      $radio.setAttribute('data-meeting-field', 'statement')
      var $label = $option.appendChild(words.statements[String(statement)] || el('label'))
      $label.htmlFor = $radio.id
      $label.insertBefore(el('span', 'option-label', format.label(statement, data)), $label.firstChild)
    })
    MPW.meetingMembers.panel(stage, $screen, id)
    recordFields(stage, $screen, id, rating)
    shade(stage, $screen, rating)
    $screen.addEventListener('change', handleIndicator.bind(null, stage, $screen, id))
    $screen.addEventListener('input', handleIndicator.bind(null, stage, $screen, id))
    var pointer = { pending: false } // a pointer's click on a choice, whose change is still to come
    $screen.addEventListener('click', leaveChoiceAfterPointer.bind(null, $heading, pointer))
    $screen.addEventListener('change', function () {
      if (pointer.pending) leaveChoice($heading)
    })
  }

  /**
   * A click with the mouse or a finger (detail > 0) on a statement or an evidence level puts focus
   * in the radio group without the person knowing, where an arrow key would change the choice: so
   * focus goes back to the screen's heading, once the click has done its work, and ← → move
   * between steps. A keyboard user's Space (detail 0) and Tab leave focus in the group, where the
   * arrows are the radios' own.
   */
  function leaveChoiceAfterPointer ($heading, pointer, event) {
    if (!event.detail || !event.target.closest('.meeting-option, .meeting-evidence')) return
    // The choice's change event follows this click in the same task and moves focus at once (a
    // timer can run after a key already pressed). Once the click is done, focus is moved again if
    // it is in a radio after all (WebKit focuses it after the change event) or if nothing changed
    // (a click on the choice already made).
    pointer.pending = true
    window.setTimeout(function () {
      pointer.pending = false
      leaveChoice($heading)
    }, 0)
  }

  function leaveChoice ($heading) {
    var $focus = document.activeElement
    if ($heading.isConnected && (!$focus || $focus === document.body || $focus.type === 'radio')) $heading.focus({ preventScroll: true })
  }

  /** What the group records for an indicator, besides the statement: evidence, the discussion note, a target and next steps. */
  function recordFields (stage, $screen, id, rating) {
    var s = stage.strings
    var data = stage.data
    var $fields = $screen.appendChild(el('div', 'meeting-columns meeting-fields'))
    var $evidence = $fields.appendChild(el('fieldset', 'field meeting-evidence'))
    $evidence.appendChild(el('legend', '', s.meeting_evidence))
    data.choices.evidence.forEach(function (level) {
      var look = data.labels.evidence[level]
      choice($evidence, 'radio', 'meeting-e-' + look.key, 'meeting-evidence', level, look.mark + ' ' + look.text, rating.evidence === level)
        .setAttribute('data-meeting-field', 'evidence')
    })
    var $note = textArea('meeting-note', rating.note, 4, data.limits.longText)
    $note.setAttribute('data-meeting-field', 'note')
    field($fields, $note, s.meeting_note, s.meeting_note_hint)
    var $plan = $screen.appendChild(el('details', 'meeting-plan'))
    $plan.open = format.hasPlan(rating, data)
    $plan.appendChild(el('summary', '', s.meeting_plan))
    var $planFields = $plan.appendChild(el('div', 'meeting-columns'))
    var $target = el('select')
    $target.id = 'meeting-target'
    $target.setAttribute('data-meeting-field', 'target')
    $target.appendChild(el('option', '', s.meeting_target_none)).value = ''
    data.choices.targets.forEach(function (target) { $target.appendChild(el('option', '', format.label(target, data))).value = String(target) })
    $target.value = rating.target === null ? '' : String(rating.target)
    var $targetField = field($planFields, $target, s.meeting_target)
    $targetField.appendChild(el('p', 'plan-warning meeting-target-warning')).id = 'meeting-target-warning'
    $target.setAttribute('aria-describedby', 'meeting-target-warning')
    var $steps = textArea('meeting-next-steps', rating.next_steps, 3, data.limits.longText)
    $steps.setAttribute('data-meeting-field', 'next_steps')
    field($planFields, $steps, s.meeting_next_steps)
  }

  /** A choice or a note on the indicator's screen is saved at once; boxes and radios on change, text as it is typed. */
  function handleIndicator (stage, $screen, id, event) {
    var $input = event.target
    var name = $input.getAttribute('data-meeting-field')
    if (!name) return
    var typed = $input.tagName === 'TEXTAREA'
    if ((event.type === 'input') !== typed) return
    var changes = {}
    changes[name] = valueOf($input.value, stage.data.rules.fields.ratings.values.fields[name])
    shade(stage, $screen, stage.saveRating(id, changes))
  }

  /**
   * Mark the chosen statement as the form does: shaded by its evidence level, with the level's
   * marker and words beside its label, so that the shade is never the only cue. Evidence and a
   * target are offered only beside a statement from S1 to S5; a choice the rule cleared is cleared here too.
   */
  function shade (stage, $screen, rating) {
    var data = stage.data
    var rated = format.isRated(rating.statement, data)
    var look = rated && rating.evidence ? data.labels.evidence[rating.evidence] : null
    $screen.setAttribute('data-shade', look ? look.shade : 'none')
    dom.each($screen, '.meeting-option', function ($option) {
      var chosen = $option.querySelector('input').checked
      var $mark = $option.querySelector('.chosen-mark')
      if ($mark) $mark.remove()
      if (chosen && look) $option.querySelector('.option-label').appendChild(el('span', 'chosen-mark', ' ' + look.mark + ' ' + look.text))
    })
    dom.each($screen, '[data-meeting-field="evidence"]', function ($input) {
      $input.disabled = !rated
      $input.checked = rating.evidence === $input.value
    })
    var $target = $screen.querySelector('select[data-meeting-field="target"]')
    $target.disabled = !rated
    $target.value = rating.target === null ? '' : String(rating.target)
    var $warning = $screen.querySelector('.meeting-target-warning')
    var back = rated && rating.target !== null && rating.target < rating.statement
    $warning.textContent = back ? dom.fill(stage.strings.target_step_back, {
      target: format.label(rating.target, data), current: format.label(rating.statement, data) }) : ''
    $warning.hidden = !back
  }

  /**
   * The contents: every step of the meeting, each indicator with where it stands (agreed, to come
   * back to, discussed without agreement, not reached), in words beside its marker.
   */
  function contents (stage) {
    var s = stage.strings
    var data = stage.data
    var state = stage.state()
    var current = stage.workspace.current
    var $screen = stage.$stage.appendChild(el('div', 'meeting-screen meeting-contents'))
    heading($screen, s.meeting_contents_heading, 'meeting-contents-heading')
    var $list = $screen.appendChild(el('ul', 'meeting-contents-list'))
    var item = function ($parent, key, text, words) {
      var $button = $parent.appendChild(el('li')).appendChild(goButton(key))
      $button.appendChild(words ? stage.words('span', 'meeting-contents-name', text, words) : el('span', 'meeting-contents-name', text))
      if (key === state.step) $button.setAttribute('aria-current', 'step')
      return $button
    }
    item($list, 'setup', s.meeting_setup_heading)
    agenda.chosenDomains(data, state.domains).forEach(function (number) {
      var $domain = $list.appendChild(el('li', 'meeting-contents-domain'))
      $domain.appendChild(stage.words('h3', '', dom.fill(s.meeting_domain_heading, { n: number, title: stage.domain(number).title }), number))
      var $items = $domain.appendChild(el('ul'))
      item($items, 'domain:' + number, s.meeting_prompts)
      data.indicators.filter(function (i) { return i.domain === number }).forEach(function (indicator) {
        var where = agenda.stateOf(current, state, indicator.id)
        var rating = current.ratings[indicator.id]
        var statement = rating && rating.statement !== null ? format.label(rating.statement, data) : ''
        var $state = item($items, 'indicator:' + indicator.id, indicator.id + ' ' + indicator.title, indicator.id)
          .appendChild(el('span', 'meeting-state', agenda.stateWords(s, where, statement)))
        $state.setAttribute('data-state', where)
      })
    })
    item($list, 'record', s.meeting_record_heading)
  }

  MPW.meetingScreens = { setup: setup, domain: domain, indicator: indicator, contents: contents, heading: heading, field: field }
})(window.MPW)
