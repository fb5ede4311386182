/**
 * The Excel room of the assessment page: "Download as Excel" writes the assessment on screen as the
 * site's own workbook, filled in (excel/write.js); "Open an Excel workbook" reads a filled one back
 * (excel/read.js) and, once it passes every check, hands it to the files room as any file is
 * handed (the workspace's 'take-file'): the same question when a copy of it is saved here, saying
 * which copy is newer; nothing stored unless it passes and the person agrees; nothing else touched.
 *
 * The zip library, the writer, the reader and the build's data (the blank workbook and the layouts)
 * are loaded the first time either is used (MPW.load), so that the page does not grow for teams who
 * never use Excel. The single-file edition has no Excel part: there the room does nothing.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format
  var ROOM = 'mpw-assessment excel'

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Excel ($module, workspace) {
    this.$room = $module.querySelector('[data-room="excel"]')
    if (!this.$room) return
    this.workspace = workspace
    this.strings = workspace.strings
    this.loadFailed = false // the scripts could not be loaded, and the person was told
    this.$file = dom.find(this.$room, 'input[type="file"]', ROOM)
    dom.onAction(this.$room, { 'download-xlsx': this.download }, this)
    this.$file.addEventListener('change', this.handlePicked.bind(this))
    // Someone reaching for the Excel controls is about to use them: load the scripts then, so that
    // they are there by the time a file has been chosen in the file picker.
    var preload = function () {
      this.$room.removeEventListener('pointerover', preload)
      this.$room.removeEventListener('focusin', preload)
      MPW.load(workspace.data.scripts.excel, function () {}, function () {})
    }.bind(this)
    this.$room.addEventListener('pointerover', preload)
    this.$room.addEventListener('focusin', preload)
  }

  /** Run `then` once the Excel scripts are loaded; say so if they cannot be. */
  Excel.prototype.whenLoaded = function (then) {
    var workspace = this.workspace
    var failed = function () {
      this.loadFailed = true
      workspace.showErrors([{ name: '', errors: [this.strings.excel_not_loaded] }], this.$file.id)
    }.bind(this)
    MPW.load(workspace.data.scripts.excel, function () {
      if (!MPW.workbookData || !MPW.workbookRead || !MPW.workbookWrite) return failed()
      if (this.loadFailed) workspace.hideErrors() // tried again, and loaded: the message is out of date
      this.loadFailed = false
      then.call(this)
    }.bind(this), failed)
  }

  /** The assessment on screen as a workbook. It is not the record: what it cannot carry is said. */
  Excel.prototype.download = function () {
    this.whenLoaded(function () {
      var current = this.workspace.current
      var name = format.fileName(current, 'xlsx')
      dom.offerDownload(MPW.workbookWrite.workbook(current, MPW.workbookData), MPW.workbookWrite.XLSX_TYPE, name)
      var message = dom.fill(this.strings.downloaded, { file: name })
      var leftOut = MPW.workbookData.notCarried.some(function (field) {
        var value = current[field]
        return value && typeof value === 'object' && Object.keys(value).length > 0
      })
      this.workspace.announce(leftOut ? message + ' ' + this.strings.excel_not_carried : message)
    })
  }

  Excel.prototype.handlePicked = function () {
    var file = (this.$file.files || [])[0]
    this.$file.value = ''
    if (file) this.whenLoaded(function () { this.open(file) })
  }

  /**
   * Read a chosen workbook, refusing one over the size limit before reading it; show every problem
   * with its sheet and cell, or hand the assessment to the files room.
   * @param {File} file
   */
  Excel.prototype.open = function (file) {
    var refused = MPW.workbookRead.refusedUnread(file.name, file.size, MPW.workbookData, this.workspace.data)
    if (refused) return this.report(file.name, refused)
    var reader = new FileReader()
    reader.onload = function () {
      var result = MPW.workbookRead.read(file.name, new Uint8Array(reader.result), MPW.workbookData, this.workspace.data)
      if (!result.assessment) return this.report(file.name, result.errors)
      this.take({ name: file.name, assessment: this.withWhatItCannotCarry(result.assessment) })
    }.bind(this)
    reader.onerror = function () { this.report(file.name, [this.strings.excel_unreadable]) }.bind(this)
    reader.readAsArrayBuffer(file)
  }

  /**
   * The workbook's assessment with what a workbook cannot carry (last cycle's plan, the assessments
   * it was made from, the meeting's marks: NOT_CARRIED in workbook.py) taken from the copy saved
   * here, so that opening the workbook over that copy, or beside it, loses none of them. Opening a
   * workbook over the saved copy lost them, unsaid.
   */
  Excel.prototype.withWhatItCannotCarry = function (assessment) {
    var saved = this.workspace.savedCopy(assessment.id)
    if (!saved) return assessment
    MPW.workbookData.notCarried.forEach(function (field) {
      if (saved[field] !== undefined) assessment[field] = JSON.parse(JSON.stringify(saved[field]))
    })
    return assessment
  }

  Excel.prototype.report = function (name, errors) {
    this.workspace.showErrors([{ name: name, errors: errors }], this.$file.id)
  }

  /**
   * The files room imports it as a chosen file: it shows what the workbook holds and asks to open it
   * (or asks about a copy saved here), then stores it, opens it and says so.
   */
  Excel.prototype.take = function (item) {
    this.workspace.emit('take-file', { name: item.name, assessment: item.assessment, kind: 'workbook' }, function () {})
  }

  MPW.registerRoom('mpw-assessment', 'excel', Excel)
})(window.MPW)
