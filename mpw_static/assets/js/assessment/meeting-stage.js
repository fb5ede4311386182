/**
 * Meeting mode on screen (loaded on first use by the meeting room, assessment/meeting.js): the
 * projector's view of one step at a time (the set-up, a domain's prompts, an indicator, the
 * contents, the record), with a bar above (progress, the timer, contents, full screen, leave) and
 * the way on below (previous, come back to this, next, and the keys that do the same).
 *
 * While it is open the rest of the page is set aside (display: none), so that nothing on screen is
 * not about the indicator in hand and nothing behind it can take focus; leaving (Esc) brings the
 * page back where it was, scrolled and focused as before. Keys never change a choice: ← and →
 * move only while focus is not in a choice, Page Up and Page Down (which presentation clickers
 * send) always. The screens are drawn by assessment/meeting-screens.js and meeting-record.js; full
 * screen is meeting-fullscreen.js's.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var el = dom.el
  var format = MPW.format
  var agenda = MPW.meetingAgenda
  var CHOICE = 'input, select, textarea, [contenteditable]' // where ← and → belong to the control
  var FOCUS_ROOM = 8 // px between a control brought into view and the bar it is shown beside: its focus ring

  /**
   * @param {MPW.Meeting} room
   * @constructor
   */
  function MeetingStage (room) {
    this.room = room
    this.workspace = room.workspace
    this.data = room.data
    this.strings = room.strings
    this.$meeting = room.$meeting
    this.view = null // 'contents' while the contents are shown over the step
    this.hidden = [] // the page's elements set aside while the meeting is open
    this.before = null // where the page was: {x, y, $focus}
    this.timer = null
    this.build()
    this.handleKey = this.handleKey.bind(this)
    dom.onAction(this.$meeting, {
      'meeting-prev': this.prev,
      'meeting-next': this.next,
      'meeting-skip': this.skip,
      'meeting-contents': this.toggleContents,
      'meeting-fullscreen': function () { this.fullScreen.toggle() },
      'meeting-leave': function () { this.close(true) },
      'meeting-go': function (key) { this.go(key) }
    }, this)
  }

  /** A button of the meeting: its action, its words, and the keys that do the same. */
  function button (action, text, className, keys) {
    var $button = el('button', 'button ' + (className || ''), text)
    $button.type = 'button'
    $button.setAttribute('data-action', action)
    if (keys) $button.setAttribute('aria-keyshortcuts', keys)
    return $button
  }

  /**
   * A button that says its words shortly on a phone (site.css shows one or the other), so that the
   * bar stays on two short rows; its name for a screen reader is always the whole of its words.
   */
  function shortened ($button, short) {
    var words = $button.textContent
    $button.textContent = ''
    $button.setAttribute('aria-label', words)
    $button.appendChild(el('span', 'meeting-wide', words))
    $button.appendChild(el('span', 'meeting-narrow', short))
    return $button
  }

  /** The bar, the stage and the way on: made once, filled for each step. */
  MeetingStage.prototype.build = function () {
    var s = this.strings
    var $meeting = this.$meeting
    $meeting.textContent = ''
    var $bar = $meeting.appendChild(el('div', 'meeting-bar'))
    this.$title = $bar.appendChild(el('p', 'meeting-title'))
    this.$title.id = 'meeting-title'
    this.$progress = $bar.appendChild(el('p', 'meeting-progress'))
    this.$timer = $bar.appendChild(el('p', 'meeting-timer'))
    this.$timer.setAttribute('role', 'timer') // visual only: a timer is never read out as it runs
    var $tools = $bar.appendChild(el('p', 'meeting-tools'))
    this.$contents = $tools.appendChild(button('meeting-contents', s.meeting_contents, 'button-secondary'))
    this.$contents.setAttribute('aria-pressed', 'false')
    var $fullscreen = $tools.appendChild(button('meeting-fullscreen', s.meeting_fullscreen, 'button-secondary'))
    this.fullScreen = new MPW.MeetingFullScreen($fullscreen, s, this.say.bind(this))
    $tools.appendChild(shortened(button('meeting-leave', s.meeting_leave, 'button-secondary', 'Escape'), s.meeting_leave_short))
    this.$stage = $meeting.appendChild(el('div', 'meeting-stage'))
    this.$stage.addEventListener('focusin', this.showWhole.bind(this))
    // Whether focus is moving by the keys (Tab) or by a tap or a click, which must not scroll under the finger.
    this.byKeys = false
    $meeting.addEventListener('keydown', function () { this.byKeys = true }.bind(this), true)
    $meeting.addEventListener('pointerdown', function () { this.byKeys = false }.bind(this), true)
    var $nav = this.$nav = $meeting.appendChild(el('div', 'meeting-nav'))
    this.$prev = $nav.appendChild(button('meeting-prev', s.meeting_prev, 'button-secondary', 'ArrowLeft PageUp'))
    this.$skip = $nav.appendChild(button('meeting-skip', s.meeting_skip, 'button-secondary'))
    this.$next = $nav.appendChild(button('meeting-next', s.meeting_next, '', 'ArrowRight PageDown'))
    $nav.appendChild(el('p', 'meeting-keys', s.meeting_keys))
    this.$status = $nav.appendChild(el('p', 'meeting-status'))
    this.$status.setAttribute('role', 'status')
    this.$announce = $meeting.appendChild(el('p', 'visually-hidden'))
    this.$announce.setAttribute('aria-live', 'polite')
  }

  /**
   * A control of the step reached with Tab (or moved to with the arrows) shows whole, clear of the bars. The browsers bring only a
   * text box's caret line into view, which left most of the note under the way on where that stays
   * at the window's foot (a phone on its side, site.css). Done as focus arrives, before the browser's
   * own scroll, which then finds the caret shown already. What scrolls is the stage between the bars,
   * or the whole meeting in a window too short for them.
   */
  MeetingStage.prototype.showWhole = function (event) {
    // A tap or a click is not moved under the finger; focus the script moves (to a heading after a
    // choice, with preventScroll) stays where it is put.
    if (!this.byKeys || event.target.tabIndex < 0) return
    var $shown = event.target.closest('.meeting-option') || event.target // a statement with its words
    var box = $shown.getBoundingClientRect()
    var $scroller = this.$stage.scrollHeight > this.$stage.clientHeight ? this.$stage : this.$meeting
    var top = $scroller === this.$stage ? Math.max(0, this.$stage.getBoundingClientRect().top) : 0 // below the bar that stays
    var foot = Math.min(window.innerHeight, this.$nav.getBoundingClientRect().top)
    if (box.height >= foot - top - 2 * FOCUS_ROOM) return // it cannot show whole: the browser's choice stands
    if (box.bottom > foot) $scroller.scrollTop += box.bottom - foot + FOCUS_ROOM
    else if (box.top < top) $scroller.scrollTop -= top - box.top + FOCUS_ROOM
  }

  MeetingStage.prototype.isOpen = function () {
    return !this.$meeting.hidden
  }

  /** The meeting's state (the room's, kept for this tab). */
  MeetingStage.prototype.state = function () {
    return this.room.state
  }

  /** Open meeting mode at the state's step, setting the rest of the page aside. */
  MeetingStage.prototype.open = function () {
    if (!this.isOpen()) {
      this.before = { x: window.scrollX, y: window.scrollY, $focus: document.activeElement }
      this.setPageAside()
      this.$meeting.hidden = false
      document.documentElement.classList.add('meeting-mode')
      document.addEventListener('keydown', this.handleKey)
    }
    this.state().open = true
    this.go(this.state().step)
  }

  /** Set aside every element of the page beside the meeting and beside each of its ancestors. */
  MeetingStage.prototype.setPageAside = function () {
    var hidden = this.hidden = []
    for (var $node = this.$meeting; $node && $node !== document.body; $node = $node.parentElement) {
      Array.prototype.forEach.call($node.parentElement.children, function ($sibling) {
        if ($sibling === $node || $sibling.tagName === 'SCRIPT' || $sibling.hasAttribute('data-meeting-aside')) return
        $sibling.setAttribute('data-meeting-aside', '')
        hidden.push($sibling)
      })
    }
  }

  /**
   * Leave meeting mode: the page comes back scrolled and focused where it was (restore), and the
   * form shows what the meeting recorded. The meeting is kept for this tab, to be opened again.
   */
  MeetingStage.prototype.close = function (restore) {
    if (!this.isOpen()) return
    this.stopTimer()
    this.fullScreen.leave()
    document.removeEventListener('keydown', this.handleKey)
    this.$meeting.hidden = true
    this.$stage.textContent = ''
    document.documentElement.classList.remove('meeting-mode')
    this.hidden.forEach(function ($el) { $el.removeAttribute('data-meeting-aside') })
    this.hidden = []
    this.state().open = false
    this.room.keep()
    this.workspace.emit('shown', this.workspace.current, null) // the form and the rooms show the record as it now is
    var before = this.before
    if (!restore || !before) return
    var known = before.$focus && before.$focus !== document.body && document.contains(before.$focus)
    if (!known) { // opened again by a reload: nothing was focused, so back to meeting mode's button, in view
      this.room.$open.focus({ preventScroll: true })
      return this.room.$open.scrollIntoView({ block: 'center' })
    }
    before.$focus.focus({ preventScroll: true })
    window.scrollTo(before.x, before.y)
  }

  /** The meeting's steps for its chosen domains. */
  MeetingStage.prototype.steps = function () {
    return agenda.steps(this.data, this.state().domains)
  }

  /** Show one step (a key of agenda.steps): draw it, move focus to its heading and say where we are. */
  MeetingStage.prototype.go = function (key) {
    var state = this.state()
    if (this.steps().indexOf(key) === -1) key = 'setup'
    this.view = null
    state.step = key
    var step = agenda.parseStep(key)
    if (step.kind === 'indicator') state.reached[step.id] = true
    this.room.keep()
    this.draw()
    this.announce(this.describe(step))
  }

  /** Draw the step on screen (or the contents over it), and the bar and the way on around it. */
  MeetingStage.prototype.draw = function () {
    var step = agenda.parseStep(this.state().step)
    var screens = MPW.meetingScreens
    this.$stage.textContent = ''
    this.$stage.scrollTop = 0
    if (this.view === 'contents') screens.contents(this)
    else if (step.kind === 'record') MPW.meetingRecord.render(this)
    else screens[step.kind](this, step.id)
    this.renderBar()
    this.renderNav(step)
    this.restartTimer(step)
    var $heading = this.$stage.querySelector('h2')
    if ($heading) $heading.focus({ preventScroll: true })
  }

  /** The same step again, drawn from the assessment as it now is (changed in another tab). */
  MeetingStage.prototype.refresh = function () {
    this.draw()
  }

  /**
   * What the live region says of a step: "Indicator 2.3, 3 of 9 in today's meeting" (counted among
   * the meeting's own indicators, not the matrix's), a domain's name, a screen's.
   */
  MeetingStage.prototype.describe = function (step) {
    var s = this.strings
    if (step.kind === 'indicator') {
      var today = agenda.indicatorsOf(this.data, this.state().domains).map(function (indicator) { return indicator.id })
      return dom.plural(s, 'meeting_position', today.length, this.data.locale, { id: step.id, at: today.indexOf(step.id) + 1 })
    }
    if (step.kind === 'domain') return dom.fill(s.meeting_domain_heading, { n: step.id, title: this.domain(Number(step.id)).title })
    return s['meeting_' + step.kind + '_heading']
  }

  MeetingStage.prototype.announce = function (message) {
    dom.announce(this.$announce, message)
  }

  /** The bar: whose record this is, and how many of today's indicators are agreed. */
  MeetingStage.prototype.renderBar = function () {
    var state = this.state()
    var counted = agenda.progress(this.workspace.current, state, this.data, state.domains)
    this.$title.textContent = dom.fill(this.strings.meeting_title, { name: this.workspace.nameOf(this.workspace.current) })
    this.$progress.textContent = dom.fill(this.strings.meeting_progress, { n: counted.agreed, total: counted.total })
    this.$contents.setAttribute('aria-pressed', String(this.view === 'contents'))
  }

  /** The way on: previous and next where there is one, "come back to this" (or not, once marked) on an indicator. */
  MeetingStage.prototype.renderNav = function (step) {
    var keys = this.steps()
    var at = keys.indexOf(this.state().step)
    this.$prev.disabled = this.view === null && at <= 0
    this.$next.disabled = this.view === null && at >= keys.length - 1
    this.$skip.disabled = this.view !== null || step.kind !== 'indicator'
    this.$skip.textContent = this.strings[!this.$skip.disabled && this.state().skipped[step.id] ? 'meeting_unskip' : 'meeting_skip']
  }

  /** Move one step on; from the contents, back to the step they were opened over. */
  MeetingStage.prototype.next = function () {
    var keys = this.steps()
    var at = keys.indexOf(this.state().step)
    if (this.view !== null) return this.go(keys[at])
    if (at < keys.length - 1) this.go(keys[at + 1])
  }

  MeetingStage.prototype.prev = function () {
    var keys = this.steps()
    var at = keys.indexOf(this.state().step)
    if (this.view !== null) return this.go(keys[at])
    if (at > 0) this.go(keys[at - 1])
  }

  /** "Come back to this": mark the indicator and move on; once marked, take the mark off and stay. In the file too. */
  MeetingStage.prototype.skip = function () {
    var step = agenda.parseStep(this.state().step)
    if (this.view !== null || step.kind !== 'indicator') return
    var marked = this.state().skipped[step.id] === true
    this.room.mark(step.id, !marked)
    this.save()
    if (!marked) {
      this.next()
      return this.say(dom.fill(this.strings.meeting_skipped, { id: step.id })) // moved on: say why
    }
    this.draw() // the step as it now is; focus stays on the button that was pressed
    this.$skip.focus({ preventScroll: true })
    this.say(this.strings.meeting_unskipped)
  }

  /** The contents over the step, or the step again. */
  MeetingStage.prototype.toggleContents = function () {
    if (this.view === 'contents') return this.go(this.state().step)
    this.view = 'contents'
    this.draw()
    this.announce(this.strings.meeting_contents_heading)
  }

  /**
   * The keys of meeting mode. Nothing happens while a question (a dialog) is open, or with a
   * modifier key (Alt+← is the browser's Back); ← and → only outside a choice, so that they keep
   * moving between radio buttons there and never change a choice by accident. A click on a choice
   * with the mouse takes focus out of it again (meeting-screens.js), so only a keyboard user who
   * moved into a radio group with Tab is ever "in a choice".
   */
  MeetingStage.prototype.handleKey = function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return
    if (event.isComposing) return // the keys of an input method (Esc cancels what it is composing)
    if (document.querySelector('dialog[open]')) return
    var inChoice = event.target && event.target.closest && event.target.closest(CHOICE)
    var move = { PageDown: 'next', PageUp: 'prev' }[event.key]
    if (!move && !inChoice && !event.shiftKey) move = { ArrowRight: 'next', ArrowLeft: 'prev' }[event.key]
    if (event.key === 'Escape') {
      event.preventDefault()
      return this.close(true)
    }
    if (!move) return
    event.preventDefault()
    this[move]()
  }

  /**
   * The optional timer of an indicator: it starts when the indicator is shown and only ever shows
   * time. It counts from when the indicator was come to, kept with the meeting, so that drawing the
   * same step again (a reload, the contents closed, a change in another tab) does not start it again;
   * any other step in between does.
   */
  MeetingStage.prototype.restartTimer = function (step) {
    this.stopTimer()
    var state = this.state()
    var minutes = state.timer
    this.$timer.removeAttribute('data-over')
    if (step.kind !== 'indicator') state.timerSince = null
    if (!minutes || step.kind !== 'indicator' || this.view !== null) return
    if (!state.timerSince || state.timerSince.step !== state.step) {
      state.timerSince = { step: state.step, at: Date.now() }
      this.room.keep()
    }
    var limit = clock(minutes * 60)
    var words = function (seconds) {
      var over = seconds >= minutes * 60
      return dom.fill(this.strings[over ? 'meeting_timer_over' : 'meeting_timer'], { time: clock(seconds), limit: limit })
    }.bind(this)
    this.keepTimerRoom(words(99 * 60 + 59))
    var started = state.timerSince.at
    var tick = function () {
      var seconds = Math.max(0, Math.floor((Date.now() - started) / 1000))
      this.$timer.textContent = words(seconds)
      if (seconds >= minutes * 60) this.$timer.setAttribute('data-over', '')
    }.bind(this)
    tick()
    this.timer = window.setInterval(tick, 1000)
  }

  MeetingStage.prototype.stopTimer = function () {
    if (this.timer) window.clearInterval(this.timer)
    this.timer = null
    this.$timer.textContent = ''
    this.$timer.style.minWidth = ''
  }

  /**
   * Hold the timer's room at the widest it can be (past its limit, in bold, outlined) from its first
   * second, so that going past the limit never wraps the bar and moves the indicator down. Measured
   * once per text, in the timer's own em, so that zoom and a phone's smaller bar keep it right.
   */
  MeetingStage.prototype.keepTimerRoom = function (widest) {
    var $timer = this.$timer
    this.timerRoom = this.timerRoom || {}
    if (!this.timerRoom[widest]) {
      $timer.textContent = widest
      $timer.setAttribute('data-over', '')
      $timer.style.width = 'max-content' // its words on one line, however tight the bar is now
      var size = parseFloat(window.getComputedStyle($timer).fontSize) || 16
      this.timerRoom[widest] = Math.ceil($timer.getBoundingClientRect().width / size * 100) / 100 + 'em'
      $timer.style.width = ''
      $timer.removeAttribute('data-over')
    }
    // Never wider than the bar: on the narrowest screens it has a row of its own and wraps inside it.
    $timer.style.minWidth = 'min(' + this.timerRoom[widest] + ', 100%)'
  }

  /** Seconds as minutes and seconds: 2:05. */
  function clock (seconds) {
    return Math.floor(seconds / 60) + ':' + ('0' + (seconds % 60)).slice(-2)
  }

  /** Say something in the meeting's status line (saved, not saved, a refusal). */
  MeetingStage.prototype.say = function (message) {
    dom.announce(this.$status, message)
  }

  /**
   * Save the assessment as the form does, and say the outcome in the meeting's own words: saved,
   * or not saved (another tab changed it, or this browser is not keeping the work).
   */
  MeetingStage.prototype.save = function () {
    var workspace = this.workspace
    workspace.save()
    var warning = workspace.$storageWarning
    if (workspace.conflict) this.say(this.strings.meeting_not_saved_conflict)
    else if (!warning.hidden) this.say(warning.textContent)
    else this.say(dom.fill(this.strings.saved, { time: workspace.time(workspace.current.updated) }))
    this.renderBar()
  }

  /**
   * Record a change to one indicator's rating in the assessment, then save. A field that needs a
   * statement from S1 to S5 (evidence, a target) is cleared without one, by the format's own rule;
   * a statement chosen takes the indicator off the list to come back to (the file's too).
   * @returns {Object} the rating as saved
   */
  MeetingStage.prototype.saveRating = function (id, changes) {
    var current = this.workspace.current
    var rating = format.rating(Object.assign({}, current.ratings[id] || {}, changes), this.data)
    this.data.rules.fields.ratings.values.needs.forEach(function (need) {
      if (rating[need.field] !== null && need.of.indexOf(rating[need.then]) === -1) rating[need.field] = null
    })
    current.ratings[id] = rating
    var unmarked = Object.prototype.hasOwnProperty.call(changes, 'statement') && rating.statement !== null && this.state().skipped[id]
    if (unmarked) this.room.mark(id, false) // agreed after all: off the list to come back to, in the file too
    this.save()
    if (unmarked) this.renderNav(agenda.parseStep(this.state().step)) // the button says "Come back to this" again
    return rating
  }

  /** Record one of a domain's notes (its context box, reflections on its questions), then save. */
  MeetingStage.prototype.saveDomainNote = function (number, field, value) {
    var current = this.workspace.current
    var notes = format.complete(current.domains[number] || {}, this.data.rules.fields.domains.values)
    notes[field] = value
    current.domains[number] = notes
    this.save()
  }

  /**
   * The language the matrix's words for a domain (by its number) or an indicator (by its id) are
   * in, when it is not the page's (content not translated yet), as the form marks it; else ''.
   */
  MeetingStage.prototype.langOf = function (key) {
    var $module = this.workspace.$module
    var $words = typeof key === 'number' ? $module.querySelector('#assess-domain-' + key + ' h2')
      : $module.querySelector('[data-indicator="' + key + '"] legend')
    return ($words && $words.getAttribute('lang')) || ''
  }

  /** An element holding the matrix's words for a domain or an indicator, marked with their language. */
  MeetingStage.prototype.words = function (tag, className, text, key) {
    var $words = el(tag, className, text)
    var lang = this.langOf(key)
    if (lang) $words.lang = lang
    return $words
  }

  /**
   * A catalogue sentence with the matrix's words in it ({domain} in "{domain} · indicator 2 of 4"):
   * the sentence in the page's language, those words in theirs.
   */
  MeetingStage.prototype.sentenceWith = function ($parent, text, values, name, words) {
    var parts = dom.fill(text, values).split('{' + name + '}')
    parts.forEach(function (part, index) {
      if (index) $parent.appendChild(words.cloneNode(true))
      $parent.appendChild(document.createTextNode(part))
    })
    return $parent
  }

  /** One domain of the page's data, by its number. */
  MeetingStage.prototype.domain = function (number) {
    return this.data.domains.filter(function (domain) { return domain.number === number })[0]
  }

  /** Print: meeting mode's print rules (.meeting-mode) leave only the record or the indicator shown. */
  MeetingStage.prototype.print = function () {
    window.print()
  }

  MPW.MeetingStage = MeetingStage
})(window.MPW)
