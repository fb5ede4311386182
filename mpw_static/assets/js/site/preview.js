/**
 * Live preview only (never in a published build): shows the last failed rebuild's error over the
 * page, which is the last good build, until the next rebuild succeeds. `serve` writes
 * _preview/status.js with window.MPW_BUILD_ERROR set to the error text, or null.
 */
(function () {
  'use strict'
  var error = window.MPW_BUILD_ERROR
  if (!error) return
  document.addEventListener('DOMContentLoaded', function () {
    var $banner = document.createElement('div')
    $banner.className = 'preview-error'
    $banner.setAttribute('role', 'alert')
    var $title = document.createElement('p')
    $title.className = 'preview-error-title'
    $title.textContent = 'The last change could not be built. This page shows the last good build.'
    var $text = document.createElement('pre')
    $text.textContent = error
    $banner.appendChild($title)
    $banner.appendChild($text)
    document.body.insertBefore($banner, document.body.firstChild)
  })
})()
