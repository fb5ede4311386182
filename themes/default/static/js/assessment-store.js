/**
 * Browser storage for assessments: a convenience, never the record.
 * Every read and write is guarded. When storage is blocked, full or unreadable the store keeps
 * working in memory and says why, and it never overwrites data it could not read.
 */
(function (MPW) {
  'use strict'

  // Chromium shares one storage area across every file:// page, so keys carry the site's name.
  var PREFIX = 'mpw-static:'
  var ASSESSMENTS_KEY = PREFIX + 'assessments'
  var DOWNLOADS_KEY = PREFIX + 'downloads'
  var CURRENT_KEY = PREFIX + 'current'

  /**
   * @param {Storage|null} storage - usually window.localStorage (reading it can itself throw)
   * @constructor
   */
  function Store (storage) {
    this.storage = storage
    this.records = {}
    this.downloads = {}
    this.current = null
    this.problem = null // null while saving works, else 'blocked', 'full' or 'unreadable'
    this.load()
  }

  /** Open window.localStorage, which throws in some browsers on file:// or in private windows. */
  Store.open = function () {
    var storage = null
    try {
      storage = window.localStorage
      var probe = PREFIX + 'probe'
      storage.setItem(probe, '1')
      storage.removeItem(probe)
    } catch (error) {
      var store = new Store(null)
      store.problem = 'blocked'
      return store
    }
    return new Store(storage)
  }

  Store.prototype.readJson = function (key, fallback) {
    var text = this.storage.getItem(key)
    if (text === null) return fallback
    var value = JSON.parse(text)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(key + ' is not an object')
    return value
  }

  /** Read everything saved; on failure keep going in memory and leave the saved data alone. */
  Store.prototype.load = function () {
    if (!this.storage) return
    try {
      this.records = this.readJson(ASSESSMENTS_KEY, {})
      this.downloads = this.readJson(DOWNLOADS_KEY, {})
      this.current = this.storage.getItem(CURRENT_KEY)
    } catch (error) {
      this.records = {}
      this.downloads = {}
      this.problem = 'unreadable'
    }
  }

  /**
   * Write one key; any failure switches the store to memory only.
   * @returns {boolean} whether it was saved
   */
  Store.prototype.write = function (key, value) {
    if (!this.storage || this.problem === 'unreadable') return false
    try {
      if (value === null) this.storage.removeItem(key)
      else this.storage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value))
      if (this.problem === 'full') this.problem = null
      return true
    } catch (error) {
      this.problem = error && (error.name === 'QuotaExceededError' || error.code === 22) ? 'full' : 'blocked'
      return false
    }
  }

  /** @returns {boolean} whether the work is being kept by the browser */
  Store.prototype.saving = function () {
    return this.problem === null
  }

  /**
   * Save (add or replace) an assessment.
   * @param {Object} assessment
   * @returns {boolean} whether it reached storage
   */
  Store.prototype.put = function (assessment) {
    this.records[assessment.id] = assessment
    return this.write(ASSESSMENTS_KEY, this.records)
  }

  Store.prototype.get = function (id) {
    return Object.prototype.hasOwnProperty.call(this.records, id) ? this.records[id] : null
  }

  Store.prototype.remove = function (id) {
    delete this.records[id]
    delete this.downloads[id]
    this.write(DOWNLOADS_KEY, this.downloads)
    return this.write(ASSESSMENTS_KEY, this.records)
  }

  Store.prototype.setCurrent = function (id) {
    this.current = id
    this.write(CURRENT_KEY, id)
  }

  Store.prototype.markDownloaded = function (id, time) {
    this.downloads[id] = time
    this.write(DOWNLOADS_KEY, this.downloads)
  }

  Store.prototype.lastDownloaded = function (id) {
    return Object.prototype.hasOwnProperty.call(this.downloads, id) ? this.downloads[id] : null
  }

  /** Forget everything this site keeps in this browser (for shared computers). */
  Store.prototype.clearAll = function () {
    this.records = {}
    this.downloads = {}
    this.current = null
    if (!this.storage) return
    try {
      [ASSESSMENTS_KEY, DOWNLOADS_KEY, CURRENT_KEY].forEach(function (key) { this.storage.removeItem(key) }, this)
      if (this.problem === 'unreadable') this.problem = null
    } catch (error) {
      this.problem = 'blocked'
    }
  }

  MPW.Store = Store
})(window.MPW = window.MPW || {})
