/**
 * Full screen for meeting mode's projector (its button in the meeting's bar, assessment/meeting-stage.js):
 * the Fullscreen API where the browser offers it, and where it is refused or missing (headless
 * browsers, some phones, a policy) the meeting already fills the window, and says how to hide the
 * browser's own bars instead.
 */
(function (MPW) {
  'use strict'

  /**
   * @param {HTMLElement} $button - its words say whether pressing it enters or leaves full screen
   * @param {Object<string, string>} strings - the page's catalogue
   * @param {function(string)} say - the meeting's status line
   * @constructor
   */
  function MeetingFullScreen ($button, strings, say) {
    this.$button = $button
    this.strings = strings
    this.say = say
    document.addEventListener('fullscreenchange', this.render.bind(this))
    document.addEventListener('webkitfullscreenchange', this.render.bind(this))
    document.addEventListener('fullscreenerror', this.refused.bind(this))
  }

  MeetingFullScreen.prototype.isOn = function () {
    return Boolean(document.fullscreenElement || document.webkitFullscreenElement)
  }

  /** Enter full screen, or leave it; a refusal (a rejected promise, or an error) is said, never thrown. */
  MeetingFullScreen.prototype.toggle = function () {
    if (this.isOn()) return this.leave()
    var $root = document.documentElement
    var request = $root.requestFullscreen || $root.webkitRequestFullscreen
    if (typeof request !== 'function') return this.refused()
    try {
      var asked = request.call($root)
      if (asked && typeof asked.then === 'function') asked.then(null, this.refused.bind(this))
    } catch (error) {
      this.refused()
    }
  }

  MeetingFullScreen.prototype.leave = function () {
    var exit = document.exitFullscreen || document.webkitExitFullscreen
    if (!this.isOn() || typeof exit !== 'function') return
    var left = exit.call(document)
    if (left && typeof left.then === 'function') left.then(null, function () {})
  }

  /** The fallback: the meeting already fills the window; say how to hide the browser's own bars. */
  MeetingFullScreen.prototype.refused = function () {
    this.say(this.strings.meeting_fullscreen_refused)
  }

  MeetingFullScreen.prototype.render = function () {
    this.$button.textContent = this.isOn() ? this.strings.meeting_fullscreen_leave : this.strings.meeting_fullscreen
  }

  MPW.MeetingFullScreen = MeetingFullScreen
})(window.MPW)
