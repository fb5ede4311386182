/**
 * The self-assessment page ([data-module="mpw-assessment"]): it makes the workspace its rooms share
 * (assessment/workspace.js) and starts every room registered for it (the form, the saved list,
 * files in and out, the discussion views...), each in its own try/catch (MPW.startRooms). A room
 * that fails shows its own notice and the others work; without the form nothing would be saved, so
 * then the page does not start, and keeps saying it is not saving your work.
 */
(function (MPW) {
  'use strict'

  /**
   * @param {HTMLElement} $module
   * @constructor
   */
  function AssessmentPage ($module) {
    var workspace = new MPW.Workspace($module)
    var rooms = MPW.startRooms('mpw-assessment', $module, workspace, workspace.strings)
    if (!rooms.form) throw new Error('mpw-assessment: the form did not start, so nothing would be saved')
    workspace.openInitial()
    workspace.emit('ready')
    // The js-enabled class shows these before first paint; a theme's older template may still mark them hidden.
    MPW.dom.each($module, '.js-only', function ($el) { $el.hidden = false })
    if (window.performance && performance.mark) performance.mark('mpw-assessment-ready') // read by the benchmark
  }

  MPW.register('mpw-assessment', AssessmentPage)
})(window.MPW)
