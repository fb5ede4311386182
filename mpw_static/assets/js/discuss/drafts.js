/**
 * A composite's agreed choices while they are a draft: kept in memory for the page, and in session
 * storage where the browser allows it, so that leaving the page asks first and a reload brings
 * them back. Owned by the discussion room (discuss/room.js); the composite view
 * (discuss/composite.js) starts and changes them. Every draft read back is checked: its members as
 * files are, its choices against the format's.
 */
(function (MPW) {
  'use strict'

  var format = MPW.format
  var SESSION_KEY = 'composite-drafts'

  /** A draft's key: its members' ids in any order, since the same members make the same composite. */
  function draftKey (assessments) {
    return assessments.map(function (a) { return a.id }).sort().join('|')
  }

  /**
   * @param {Object} data - the page's embedded data
   * @constructor
   */
  function Drafts (data) {
    this.data = data
    // By draftKey: {members, files, agreed: {indicator id: {statement, evidence, note}}, savedId, dirty}
    this.drafts = {}
    this.shown = null
  }

  Drafts.key = draftKey

  /** The draft of these members, or null. */
  Drafts.prototype.of = function (assessments) {
    var key = draftKey(assessments)
    return Object.prototype.hasOwnProperty.call(this.drafts, key) ? this.drafts[key] : null
  }

  /** Keep a new draft for its members. */
  Drafts.prototype.add = function (draft) {
    this.drafts[draftKey(draft.members)] = draft
    return draft
  }

  /** Whether any composite has agreed choices that are not saved (the page warns before leaving). */
  Drafts.prototype.unsaved = function () {
    return Object.keys(this.drafts).some(function (key) { return this.drafts[key].dirty }, this)
  }

  /** Keep the drafts for this tab; where session storage is refused they stay in memory, unsaid. */
  Drafts.prototype.keep = function () {
    MPW.Store.writeSession(SESSION_KEY, { shown: this.shown ? draftKey(this.shown.members) : null, drafts: this.drafts })
  }

  /** Forget every draft, in memory and in session storage: "clear my data" on a shared computer. */
  Drafts.prototype.forget = function () {
    this.drafts = {}
    this.shown = null
    MPW.Store.writeSession(SESSION_KEY, null)
  }

  /** A choice read back from session storage, or null if it is not one the format allows. */
  Drafts.prototype.choice = function (choice) {
    if (!choice || typeof choice !== 'object') return null
    var choices = this.data.choices
    return {
      statement: choices.statements.indexOf(choice.statement) !== -1 ? choice.statement : null,
      evidence: choices.evidence.indexOf(choice.evidence) !== -1 ? choice.evidence : null,
      note: typeof choice.note === 'string' ? format.clip(choice.note, this.data.limits.longText) : ''
    }
  }

  /** One draft read back from session storage, its members checked as a file is; null if any fails. */
  Drafts.prototype.restored = function (saved) {
    if (!saved || !Array.isArray(saved.members) || !saved.agreed || typeof saved.agreed !== 'object') return null
    var members = saved.members.map(function (member) { return format.check(member, this.data).assessment }, this)
    if (members.length < 2 || members.some(function (member) { return member === null })) return null
    var agreed = {}
    this.data.indicators.forEach(function (indicator) {
      var choice = Object.prototype.hasOwnProperty.call(saved.agreed, indicator.id) ? this.choice(saved.agreed[indicator.id]) : null
      agreed[indicator.id] = choice || { statement: null, evidence: null, note: '' }
    }, this)
    var files = Array.isArray(saved.files) ? saved.files : []
    return {
      members: members,
      files: members.map(function (m, i) { return typeof files[i] === 'string' ? files[i] : null }),
      agreed: agreed,
      savedId: typeof saved.savedId === 'string' ? saved.savedId : null,
      dirty: saved.dirty === true
    }
  }

  /**
   * After a reload: take back this tab's drafts. Returns the draft that was on screen with agreed
   * choices not saved, to show again as it was, or null.
   */
  Drafts.prototype.restore = function () {
    var kept = MPW.Store.readSession(SESSION_KEY)
    if (!kept || !kept.drafts || typeof kept.drafts !== 'object') return null
    Object.keys(kept.drafts).forEach(function (key) {
      var draft = this.restored(kept.drafts[key])
      if (draft) this.add(draft)
    }, this)
    var shown = typeof kept.shown === 'string' && Object.prototype.hasOwnProperty.call(this.drafts, kept.shown) ? this.drafts[kept.shown] : null
    return shown && shown.dirty ? shown : null
  }

  MPW.Drafts = Drafts
})(window.MPW)
