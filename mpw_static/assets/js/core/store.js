/**
 * Browser storage for assessments: a convenience, never the record.
 * Each assessment has its own key, so a save writes one assessment and two tabs working on
 * different assessments never touch each other's data. Every read and write is guarded: when
 * storage is blocked, full or unreadable the store keeps working in memory and says why. It never
 * overwrites data it could not read. Damaged data is set aside under its own key, where the
 * person can download it, and is removed only when they ask.
 */
(function (MPW) {
  'use strict'

  // Chromium shares one storage area across every file:// page, so keys carry the site's name.
  var PREFIX = 'mpw-static:'
  var RECORD_PREFIX = PREFIX + 'assessment:'
  var DOWNLOADS_KEY = PREFIX + 'downloads'
  var FROM_FILES_KEY = PREFIX + 'from-files' // which assessments were opened from a file, and when
  var CURRENT_KEY = PREFIX + 'current'
  var SET_ASIDE_PREFIX = PREFIX + 'set-aside:'
  var OLD_MAP_KEY = PREFIX + 'assessments' // first release: every assessment in one key
  var BEFORE_UPGRADE_PREFIX = PREFIX + 'before-upgrade:' // a stored record as it was before a format upgrade

  /**
   * @param {Storage|null} storage - usually window.localStorage (reading it can itself throw)
   * @constructor
   */
  function Store (storage) {
    this.storage = storage
    this.records = {}
    this.downloads = {}
    this.fromFiles = {}
    this.current = null
    // null while saving works, else 'blocked', 'full', 'read-failed' (reading throws) or
    // 'unreadable' (damaged data that could not be set aside, so nothing may be written).
    this.problem = null
    this.load()
  }

  Store.PREFIX = PREFIX
  Store.RECORD_PREFIX = RECORD_PREFIX

  /**
   * Read a draft kept for this tab only (session storage), such as a composite's agreed choices.
   * Session storage may be refused or throw (Safari on file://, private windows): then there is
   * nothing to read, and the page keeps its drafts in memory without saying anything alarming.
   * @returns {Object|null}
   */
  Store.readSession = function (name) {
    try {
      var text = window.sessionStorage.getItem(PREFIX + name)
      return text === null ? null : parseObject(text)
    } catch (error) {
      return null
    }
  }

  /** @returns {boolean} whether the draft reached session storage (null removes it) */
  Store.writeSession = function (name, value) {
    try {
      if (value === null) window.sessionStorage.removeItem(PREFIX + name)
      else window.sessionStorage.setItem(PREFIX + name, JSON.stringify(value))
      return true
    } catch (error) {
      return false
    }
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
      var full = storage !== null && error && (error.name === 'QuotaExceededError' || error.code === 22)
      var store = new Store(full ? storage : null) // full storage can still be read; blocked cannot
      store.problem = store.problem || (full ? 'full' : 'blocked')
      return store
    }
    return new Store(storage)
  }

  function isObject (value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
  }

  function parseObject (text) {
    try {
      var value = JSON.parse(text)
      return isObject(value) ? value : null
    } catch (error) {
      return null
    }
  }

  /** Move damaged text out of the way, keeping it; if that fails, stop writing altogether. */
  Store.prototype.setAsideKey = function (key, text) {
    try {
      this.storage.setItem(SET_ASIDE_PREFIX + new Date().toISOString() + ':' + key.slice(PREFIX.length), text)
      this.storage.removeItem(key)
    } catch (error) {
      this.problem = 'unreadable'
    }
  }

  /** Every key of this site in storage. */
  Store.prototype.ownKeys = function () {
    var keys = []
    for (var i = 0; i < this.storage.length; i++) {
      var key = this.storage.key(i)
      if (key !== null && key.indexOf(PREFIX) === 0) keys.push(key)
    }
    return keys
  }

  /** Read everything saved; on failure keep going in memory and leave the saved data alone. */
  Store.prototype.load = function () {
    if (!this.storage) return
    try {
      this.upgradeOldMap()
      this.records = {}
      this.ownKeys().forEach(function (key) {
        if (key.indexOf(RECORD_PREFIX) !== 0) return
        var text = this.storage.getItem(key)
        var record = parseObject(text)
        if (record) this.records[key.slice(RECORD_PREFIX.length)] = record
        else this.setAsideKey(key, text)
      }, this)
      var downloads = this.storage.getItem(DOWNLOADS_KEY)
      this.downloads = downloads === null ? {} : parseObject(downloads)
      if (!this.downloads) { this.setAsideKey(DOWNLOADS_KEY, downloads); this.downloads = {} }
      var fromFiles = this.storage.getItem(FROM_FILES_KEY)
      this.fromFiles = fromFiles === null ? {} : parseObject(fromFiles)
      if (!this.fromFiles) { this.setAsideKey(FROM_FILES_KEY, fromFiles); this.fromFiles = {} }
      this.current = this.storage.getItem(CURRENT_KEY)
    } catch (error) {
      this.records = {}
      this.downloads = {}
      this.fromFiles = {}
      this.problem = 'read-failed'
    }
  }

  /** Split the first release's single key into one key per assessment; set it aside if damaged. */
  Store.prototype.upgradeOldMap = function () {
    var text = this.storage.getItem(OLD_MAP_KEY)
    if (text === null) return
    var map = parseObject(text)
    if (!map) return this.setAsideKey(OLD_MAP_KEY, text)
    try {
      Object.keys(map).forEach(function (id) { this.storage.setItem(RECORD_PREFIX + id, JSON.stringify(map[id])) }, this)
      this.storage.removeItem(OLD_MAP_KEY)
    } catch (error) {
      this.problem = 'unreadable' // left as it was; nothing else is written until it can move
    }
  }

  /**
   * Bring stored records of an older file format up to date: each original text is first copied
   * to a key of its own, which is kept until the person clears everything, so that a mistake in an
   * upgrade can never lose a team's work. If the copy cannot be written, the record is left as it
   * was in storage (and still opens, upgraded in memory).
   * @param {function(Object): Object} upgrade - returns the same object when nothing changes
   */
  Store.prototype.upgradeRecords = function (upgrade) {
    if (!this.writable()) return
    Object.keys(this.records).forEach(function (id) {
      var record = this.records[id]
      var upgraded = upgrade(record)
      if (upgraded === record) return
      this.records[id] = upgraded
      try {
        var key = RECORD_PREFIX + id
        var copyKey = BEFORE_UPGRADE_PREFIX + 'v' + record.format_version + ':' + id
        if (this.storage.getItem(copyKey) === null) this.storage.setItem(copyKey, this.storage.getItem(key))
        this.storage.setItem(key, JSON.stringify(upgraded))
      } catch (error) {
        // Not copied, so not changed: the stored text stays the original.
      }
    }, this)
  }

  /** @returns {{key: string, text: string}[]} originals kept from before a format upgrade */
  Store.prototype.beforeUpgrade = function () {
    return this.keysWithPrefix(BEFORE_UPGRADE_PREFIX)
  }

  /** Whether writing is allowed: never after a failed read, so unread data cannot be overwritten. */
  Store.prototype.writable = function () {
    return this.storage !== null && this.problem !== 'unreadable' && this.problem !== 'read-failed'
  }

  /**
   * Write one key; any failure switches the store to memory only.
   * @returns {boolean} whether it was saved
   */
  Store.prototype.write = function (key, value) {
    if (!this.writable()) return false
    try {
      if (value === null) this.storage.removeItem(key)
      else this.storage.setItem(key, typeof value === 'string' ? value : JSON.stringify(value))
      this.problem = null
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

  /** Pick up what other tabs have saved since this page last read storage. */
  Store.prototype.refresh = function () {
    if (this.writable()) this.load()
  }

  /**
   * What storage holds for one assessment right now, read fresh (another tab may have saved it).
   * @returns {Object|null|undefined} the record, null if there is none, undefined if unreadable
   */
  Store.prototype.peek = function (id) {
    if (!this.writable()) return undefined
    try {
      var text = this.storage.getItem(RECORD_PREFIX + id)
      return text === null ? null : (parseObject(text) || undefined)
    } catch (error) {
      return undefined
    }
  }

  /**
   * Save (add or replace) one assessment under its own key.
   * @returns {boolean} whether it reached storage
   */
  Store.prototype.put = function (assessment) {
    this.records[assessment.id] = assessment
    return this.write(RECORD_PREFIX + assessment.id, assessment)
  }

  Store.prototype.get = function (id) {
    return Object.prototype.hasOwnProperty.call(this.records, id) ? this.records[id] : null
  }

  Store.prototype.remove = function (id) {
    delete this.records[id]
    delete this.downloads[id]
    this.write(DOWNLOADS_KEY, this.downloads)
    if (this.fromFile(id)) {
      delete this.fromFiles[id]
      this.write(FROM_FILES_KEY, this.fromFiles)
    }
    return this.write(RECORD_PREFIX + id, null)
  }

  Store.prototype.setCurrent = function (id) {
    this.current = id
    this.write(CURRENT_KEY, id)
  }

  Store.prototype.markDownloaded = function (id, time) {
    this.downloads[id] = time
    this.write(DOWNLOADS_KEY, this.downloads)
  }

  /**
   * When the version on record (in a file) was saved: the time this browser downloaded it, or the
   * `updated` of the file it was opened from (see fromFile), whichever happened last.
   */
  Store.prototype.lastDownloaded = function (id) {
    return Object.prototype.hasOwnProperty.call(this.downloads, id) ? this.downloads[id] : null
  }

  /**
   * Note that an assessment was opened from a file: that version is on record, but this browser
   * did not download it, and the page must not say it did.
   * @param {string} id
   * @param {{file: string, opened: string, version: string, copy: boolean}} info - the file's name,
   *   when it was opened, its `updated`, and whether it was kept as a separate copy ("keep both")
   */
  Store.prototype.markFromFile = function (id, info) {
    this.fromFiles[id] = info
    this.write(FROM_FILES_KEY, this.fromFiles)
    this.markDownloaded(id, info.version)
  }

  /** How an assessment came from a file ({file, opened, version, copy}), or null. */
  Store.prototype.fromFile = function (id) {
    var info = Object.prototype.hasOwnProperty.call(this.fromFiles, id) ? this.fromFiles[id] : null
    return info && typeof info === 'object' && typeof info.file === 'string' && typeof info.opened === 'string' ? info : null
  }

  /** @returns {{key: string, text: string}[]} damaged data kept aside, oldest first */
  Store.prototype.setAside = function () {
    return this.keysWithPrefix(SET_ASIDE_PREFIX)
  }

  Store.prototype.keysWithPrefix = function (prefix) {
    if (!this.storage) return []
    try {
      return this.ownKeys().filter(function (key) { return key.indexOf(prefix) === 0 }).sort()
        .map(function (key) { return { key: key, text: this.storage.getItem(key) } }, this)
    } catch (error) {
      return []
    }
  }

  /** Remove set-aside data, once the person has chosen to. */
  Store.prototype.discardSetAside = function () {
    this.setAside().forEach(function (item) { this.write(item.key, null) }, this)
  }

  /** Forget everything this site keeps in this browser (for shared computers), set-aside data included. */
  Store.prototype.clearAll = function () {
    this.records = {}
    this.downloads = {}
    this.fromFiles = {}
    this.current = null
    if (!this.storage) return
    try {
      this.ownKeys().forEach(function (key) { this.storage.removeItem(key) }, this)
      this.problem = null
    } catch (error) {
      this.problem = 'blocked'
    }
  }

  MPW.Store = Store
})(window.MPW = window.MPW || {})
