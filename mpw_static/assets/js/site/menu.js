/**
 * The site's menu on a small screen ([data-module="mpw-menu"]), folded behind a "Menu" button so
 * that the header takes one short row on every page. The page sets js-enabled before first paint,
 * so the menu is folded from the start and nothing moves when this script runs. Without
 * JavaScript the button is never shown and the whole menu is; on a wide screen the button is
 * hidden and the menu always shows.
 */
(function (MPW) {
  'use strict'

  /**
   * @param {HTMLElement} $module - the site's header
   * @constructor
   */
  function Menu ($module) {
    this.$module = $module
    this.$button = MPW.dom.find($module, '[data-role="menu-toggle"]', 'mpw-menu')
    this.$button.addEventListener('click', function () { this.show(!this.isOpen()) }.bind(this))
    $module.addEventListener('keydown', this.handleKeydown.bind(this))
  }

  /** Open or fold the menu, saying which to assistive technology. */
  Menu.prototype.show = function (open) {
    this.$button.setAttribute('aria-expanded', String(open))
    this.$module.classList.toggle('menu-open', open)
  }

  Menu.prototype.isOpen = function () {
    return this.$button.getAttribute('aria-expanded') === 'true'
  }

  /** Escape folds the menu and puts focus back on its button, as a disclosure does. */
  Menu.prototype.handleKeydown = function (event) {
    if (event.key !== 'Escape' || !this.isOpen()) return
    this.show(false)
    this.$button.focus()
  }

  MPW.register('mpw-menu', Menu)
})(window.MPW)
