/**
 * The meeting room of the assessment page: meeting mode, for a facilitator, a projector and a room
 * of practitioners who agree, indicator by indicator, where their service stands. It works on the
 * open assessment, which becomes the group's record: every choice is saved into it as it is made,
 * as the form saves (the record is the assessment itself, downloaded as usual).
 *
 * This file is the room as the page starts it: the button that opens meeting mode, the meeting's
 * place for this tab (session storage: which step is on screen, what was reached or revealed, the
 * members' files loaded for the meeting), the meeting as the assessment file holds it (format 3's
 * `meeting`: the day it was held, its domains and the indicators to come back to, saved and
 * downloaded with the rest, read back on a reload or from an opened file), and a reload in the
 * middle of a meeting, which opens it again where it was. The screens themselves load the first time they
 * are needed (assessment/meeting-*.js through MPW.load; the single-file edition has them inline),
 * so that the form's load time does not grow.
 *
 * Members' files are read as the composite reads them (workspace.readFiles) and are never put in
 * the saved list unless "Keep" is chosen; the tab's session storage carries them over a reload, as
 * it carries a composite's draft, and "clear my data" forgets them.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format
  var SESSION_KEY = 'meeting'
  var MEMBERS_KEY = 'meeting-members' // apart, so that moving on does not write the members' files again
  var TIMER_MINUTES = [0, 2, 3, 5, 10] // 0: off, as it starts

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Meeting ($module, workspace) {
    this.$module = $module
    this.workspace = workspace
    this.data = workspace.data
    this.strings = workspace.strings
    this.loadFailed = false // the screens could not be loaded, and the person was told
    this.$open = workspace.find('[data-role="meeting-open"]')
    this.$meeting = workspace.find('[data-role="meeting"]')
    this.stage = null // the meeting's screens, once loaded
    this.state = null // this tab's meeting, or null
    dom.onAction($module, { 'meeting-open': this.open }, this)
    workspace.on('ready', this.resume.bind(this), 'meeting')
    workspace.on('cleared', this.forget.bind(this), 'meeting')
    workspace.on('shown', this.handleShown.bind(this), 'meeting')
  }

  Meeting.TIMER_MINUTES = TIMER_MINUTES

  /** A new meeting on the open assessment: every domain, nothing revealed, no timer; the file's own marks. */
  Meeting.prototype.fresh = function () {
    return this.fromFile({
      id: this.workspace.current.id,
      open: false,
      step: 'setup',
      domains: this.data.domains.map(function (domain) { return domain.number }),
      reached: {},
      skipped: {},
      revealed: {},
      roles: false,
      timer: 0,
      timerSince: null, // {step, at}: when the indicator on screen was come to (meeting-stage.js)
      members: [] // {assessment, file, kept}
    })
  }

  /**
   * The meeting's marks as the open assessment holds them (its `meeting`), which win over this
   * tab's: the indicators to come back to and, when the file names them, the domains chosen.
   * @param {Object} state - this tab's meeting, changed and returned
   */
  Meeting.prototype.fromFile = function (state) {
    var held = this.workspace.current.meeting
    var skipped = {}
    ;(held ? held.come_back_to : []).forEach(function (id) { skipped[id] = true })
    state.skipped = skipped
    var numbers = this.data.domains.map(function (domain) { return domain.number })
    var domains = held ? numbers.filter(function (n) { return held.domains.indexOf(String(n)) !== -1 }) : []
    if (domains.length) state.domains = domains
    return state
  }

  /**
   * Mark an indicator to come back to, or take the mark off: in this tab's meeting and in the open
   * assessment's file (saved by the caller, as any change).
   */
  Meeting.prototype.mark = function (id, on) {
    if (on) this.state.skipped[id] = true
    else delete this.state.skipped[id]
    this.keep()
    this.writeToFile()
  }

  /**
   * Write the meeting into the open assessment, as it now is (saved by the caller, as any change):
   * the day it was held (the set-up's date of the meeting, which is the assessment's date), its
   * domains and the indicators to come back to, in the matrix's order: only the matrix's ids, as
   * the format requires.
   */
  Meeting.prototype.writeToFile = function () {
    var state = this.state
    var current = this.workspace.current
    current.meeting = format.complete({
      date: current.date || dom.today(),
      domains: MPW.meetingAgenda.chosenDomains(this.data, state.domains).map(String),
      come_back_to: this.data.indicators.map(function (indicator) { return indicator.id })
        .filter(function (id) { return state.skipped[id] === true })
    }, this.data.rules.fields.meeting)
  }

  /**
   * Keep the meeting for this tab, and its members' files too when they changed; where session
   * storage is refused it stays in memory, unsaid.
   */
  Meeting.prototype.keep = function (members) {
    var state = Object.assign({}, this.state, { members: undefined })
    MPW.Store.writeSession(SESSION_KEY, state)
    if (members) MPW.Store.writeSession(MEMBERS_KEY, { members: this.state.members })
  }

  /** Forget this tab's meeting: "clear my data" on a shared computer, or a new meeting. */
  Meeting.prototype.forget = function () {
    if (this.stage && this.stage.isOpen()) this.stage.close(false)
    this.state = null
    MPW.Store.writeSession(SESSION_KEY, null)
    MPW.Store.writeSession(MEMBERS_KEY, null)
  }

  /** Marks of indicators read back from session storage: only the matrix's ids, each true. */
  function marksOf (saved, ids) {
    var marks = {}
    if (saved && typeof saved === 'object') {
      ids.forEach(function (id) { if (Object.prototype.hasOwnProperty.call(saved, id) && saved[id] === true) marks[id] = true })
    }
    return marks
  }

  /** This tab's meeting read back from session storage and checked, part by part; null if it is not one. */
  Meeting.prototype.restored = function (saved, kept) {
    if (!saved || typeof saved !== 'object' || typeof saved.id !== 'string') return null
    var data = this.data
    var ids = data.indicators.map(function (indicator) { return indicator.id })
    var numbers = data.domains.map(function (domain) { return domain.number })
    var domains = Array.isArray(saved.domains) ? numbers.filter(function (n) { return saved.domains.indexOf(n) !== -1 }) : []
    var state = this.fresh()
    state.id = saved.id
    state.open = saved.open === true
    state.domains = domains.length ? domains : numbers
    var steps = MPW.meetingAgenda ? MPW.meetingAgenda.steps(data, state.domains) : null
    state.step = typeof saved.step === 'string' && (!steps || steps.indexOf(saved.step) !== -1) ? saved.step : 'setup'
    state.reached = marksOf(saved.reached, ids)
    state.revealed = marksOf(saved.revealed, ids)
    state.roles = saved.roles === true
    state.timer = TIMER_MINUTES.indexOf(saved.timer) !== -1 ? saved.timer : 0
    var since = saved.timerSince
    var sinceOk = since && typeof since === 'object' && since.step === state.step && typeof since.at === 'number' && isFinite(since.at) && since.at <= Date.now()
    state.timerSince = sinceOk ? { step: since.step, at: since.at } : null
    state.members = (kept && Array.isArray(kept.members) ? kept.members : []).map(function (member) {
      var assessment = member && typeof member === 'object' ? format.check(member.assessment, data).assessment : null
      return assessment && { assessment: assessment, file: typeof member.file === 'string' ? member.file : this.strings.untitled, kept: member.kept === true }
    }, this).filter(Boolean)
    return this.fromFile(state) // the marks to come back to are the file's
  }

  /**
   * Open meeting mode on the open assessment, loading its screens first if they are not on the
   * page yet: where this tab's meeting of it was, else a new meeting at its set-up.
   */
  Meeting.prototype.open = function () {
    if (!this.state || this.state.id !== this.workspace.current.id) {
      this.state = this.fresh()
      this.keep(true) // no members yet: an earlier meeting's must not come back with a reload
    } else {
      this.fromFile(this.state) // the file may have changed since (opened again, or changed in another tab)
    }
    MPW.load(this.data.scripts.meeting, function () {
      if (this.loadFailed) this.workspace.hideErrors() // tried again, and loaded: the message is out of date
      this.loadFailed = false
      this.stage = this.stage || new MPW.MeetingStage(this)
      this.state.step = this.state.step || 'setup'
      this.stage.open()
    }.bind(this), function () {
      this.loadFailed = true
      this.workspace.showErrors([{ name: '', errors: [this.strings.meeting_failed] }], this.$open.id)
    }.bind(this))
  }

  /** After a reload: a meeting that was on screen in this tab opens again where it was. */
  Meeting.prototype.resume = function () {
    var state = this.restored(MPW.Store.readSession(SESSION_KEY), MPW.Store.readSession(MEMBERS_KEY))
    if (!state || state.id !== this.workspace.current.id) return
    this.state = state
    if (state.open) this.open()
  }

  /**
   * Another assessment was put on screen: a meeting of another assessment closes (the group's
   * record is the one it was opened on); the same one, changed in another tab, is shown again.
   */
  Meeting.prototype.handleShown = function (assessment) {
    if (!this.stage || !this.stage.isOpen()) return
    if (assessment.id !== this.state.id) return this.stage.close(false)
    this.fromFile(this.state)
    this.stage.refresh()
  }

  /** Members' roles as labels: who took part, shortened as the composite does; never a file name. */
  Meeting.prototype.members = function () {
    return this.state.members.map(function (member) {
      return { assessment: member.assessment, role: this.workspace.shortText(member.assessment.service.participants) || this.strings.no_role }
    }, this)
  }

  MPW.Meeting = Meeting
  MPW.registerRoom('mpw-assessment', 'meeting', Meeting)
})(window.MPW)
