/**
 * The site's menu on a small screen, folded behind a "Menu" button so that the header takes one
 * short row on every page. The page sets js-enabled before first paint, so the menu is folded from
 * the start and nothing moves when this script runs. Without JavaScript the button is never shown
 * and the whole menu is; on a wide screen the button is hidden and the menu always shows.
 */
(function () {
  'use strict'

  var $header = document.querySelector('[data-module="mpw-menu"]')
  if (!$header) return
  var $button = $header.querySelector('[data-role="menu-toggle"]')

  /** Open or fold the menu, saying which to assistive technology. */
  function show (open) {
    $button.setAttribute('aria-expanded', String(open))
    $header.classList.toggle('menu-open', open)
  }

  function isOpen () {
    return $button.getAttribute('aria-expanded') === 'true'
  }

  $button.addEventListener('click', function () { show(!isOpen()) })
  // Escape folds the menu and puts focus back on its button, as a disclosure does.
  $header.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || !isOpen()) return
    show(false)
    $button.focus()
  })
})()
