/**
 * The development profile, a view of the discussion room: where one assessment's indicators sit,
 * domain by domain, as a chart and a table of the same figures. Not a score.
 */
(function (MPW) {
  'use strict'

  var views = MPW.views

  /**
   * @param {MPW.Discussion} room
   * @constructor
   */
  function Profile (room) {
    this.room = room
  }

  Profile.prototype.render = function (assessments) {
    var room = this.room
    var strings = room.strings
    var rows = MPW.compare.profile(assessments[0], room.data)
    var keys = views.tallyHeadings(room)
    views.heading(room, MPW.dom.fill(strings.profile_heading, { name: room.describe(assessments[0]) }))
    views.note(room, strings.profile_intro)
    views.startCharts(room)
    room.$discussion.appendChild(views.stackedBars(room, strings.profile_chart, rows.map(function (row) {
      return { label: MPW.dom.fill(strings.domain_short, { n: row.domain.number }), tally: row }
    }), keys))
    room.$discussion.appendChild(views.table(strings.profile_table, [strings.col_domain].concat(keys), rows.map(function (row) {
      return [views.domainCell(row.domain)].concat(views.tallyCells(room, row))
    }), 'stack-narrow-table'))
    views.actions(room)
    views.shown(room, 'profile')
  }

  MPW.Discussion.views.profile = Profile
})(window.MPW)
