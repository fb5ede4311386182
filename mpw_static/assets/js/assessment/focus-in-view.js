/**
 * A control reached with Tab or Shift+Tab shows whole ([data-module="mpw-focus-in-view"], each domain
 * of the form). On focus, Chromium, Firefox and WebKitGTK scroll only a text box's caret line into
 * view, so a note's box could sit mostly below the window's foot (WebKitGTK showed 46 px of 89). So
 * as focus arrives (before the browser's own scroll, which then finds the caret shown already) a
 * control that is cut off is brought to the nearest edge, which keeps the page's scroll-padding
 * (below the sticky toolbar) and the control's scroll-margin.
 */
(function (MPW) {
  'use strict'

  /**
   * @param {HTMLElement} $module - a domain of the form
   * @constructor
   */
  function FocusInView ($module) {
    $module.addEventListener('focusin', function (event) { showWhole(event.target) })
  }

  /** Scroll a control into view if part of it is past the window's foot or top. */
  function showWhole ($control) {
    var box = $control.getBoundingClientRect()
    if (box.height >= window.innerHeight) return // it cannot show whole: the browser's choice stands
    if (box.bottom > window.innerHeight || box.top < 0) $control.scrollIntoView({ block: 'nearest' })
  }

  MPW.register('mpw-focus-in-view', FocusInView)
})(window.MPW)
