/**
 * Dates print as the page writes them ([data-module="mpw-print-dates"], the form). A date field
 * prints in the browser's own format (07/15/2026 in an American browser), so beside each one is a
 * print-only text, 15/07/2026 in the page's locale (data-locale), which the print styles show in the
 * field's place. The text follows the field as it is changed, and once more before printing, for
 * dates set by the script (a file opened, a plan added) without an event.
 */
(function (MPW) {
  'use strict'

  /**
   * @param {HTMLFormElement} $module - the assessment form
   * @constructor
   */
  function PrintDates ($module) {
    this.$module = $module
    this.locale = $module.getAttribute('data-locale')
    if (!this.locale) throw new Error('mpw-print-dates: the form has no data-locale')
    var update = this.updateAll.bind(this)
    $module.addEventListener('input', this.handleChange.bind(this))
    $module.addEventListener('change', this.handleChange.bind(this))
    window.addEventListener('beforeprint', update)
    update()
  }

  /** Follow a date field as it is typed in or chosen. */
  PrintDates.prototype.handleChange = function (event) {
    if (event.target.type === 'date') this.update(event.target)
  }

  /** Write every date field's printed text again. */
  PrintDates.prototype.updateAll = function () {
    MPW.dom.each(this.$module, 'input[type="date"]', this.update.bind(this))
  }

  /** Write one date field's printed text, making it the first time. */
  PrintDates.prototype.update = function ($input) {
    var $text = $input.nextElementSibling
    if (!$text || !$text.classList.contains('print-date')) {
      $text = MPW.dom.el('span', 'print-date')
      $text.setAttribute('aria-hidden', 'true') // printed only: the field itself is what is read out
      $input.insertAdjacentElement('afterend', $text)
    }
    $text.textContent = $input.value ? MPW.dom.day($input.value, this.locale) : ''
  }

  MPW.register('mpw-print-dates', PrintDates)
})(window.MPW)
