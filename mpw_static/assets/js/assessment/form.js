/**
 * The form room of the assessment page: it puts the assessment on screen into the server-rendered
 * form (its details, every indicator's rating and plan, each domain's notes), reads every change
 * back into it and has the workspace save it. It shades the chosen statement as the paper matrix
 * does, counts what is answered, and moves to the next unanswered indicator.
 *
 * Which field an input fills is written on the input (data-field, data-domain-field, or the
 * rating field's data-role), and what its text means comes from the format's rule: this room
 * keeps no list of fields or choices. An indicator's evidence and plan fields are made from one
 * <template> each the first time they are offered (once a statement or N/A is chosen), so that a
 * blank form's markup stays small.
 */
(function (MPW) {
  'use strict'

  var dom = MPW.dom
  var format = MPW.format
  var FOCUS = { details: '#details-heading', name: '#service-name', date: '#assessment-date' }

  /**
   * @param {HTMLElement} $module
   * @param {MPW.Workspace} workspace
   * @constructor
   */
  function Form ($module, workspace) {
    this.workspace = workspace
    this.data = workspace.data
    this.strings = workspace.strings
    this.$form = workspace.find('[data-role="form"]')
    this.$progress = workspace.find('[data-role="progress"]')
    this.$templates = { evidence: workspace.find('[data-role="evidence-template"]'), plan: workspace.find('[data-role="plan-template"]') }
    this.ratingRule = this.data.rules.fields.ratings.values
    this.domainRule = this.data.rules.fields.domains.values
    this.fieldOfRole = {} // the rating field each data-role fills: {statement: 'statement', 'next-steps': 'next_steps', ...}
    this.data.fields.rating.forEach(function (field) { this.fieldOfRole[roleOf(field)] = field }, this)
    this.$form.addEventListener('input', this.handleInput.bind(this))
    this.$form.addEventListener('change', this.handleInput.bind(this))
    this.$form.addEventListener('submit', function (event) { event.preventDefault() })
    dom.onAction($module, { 'next-unanswered': this.focusNextUnanswered }, this)
    window.addEventListener('beforeprint', this.fitTextForPrint.bind(this))
    workspace.on('shown', this.fill.bind(this), 'form')
  }

  /** The data-role of the input that holds a rating field: next_steps is filled by [data-role="next-steps"]. */
  function roleOf (field) {
    return field.replace(/_/g, '-')
  }

  /** A field's value from its path in the assessment: "service.name". */
  function valueAt (object, path) {
    return path.split('.').reduce(function (part, key) { return part[key] }, object)
  }

  function setValueAt (object, path, value) {
    var keys = path.split('.')
    var last = keys.pop()
    keys.reduce(function (part, key) { return part[key] }, object)[last] = value
  }

  /** The rule of a field, found by its path in the format's rule. */
  Form.prototype.ruleAt = function (path) {
    return path.split('.').reduce(function (rule, key) { return rule.fields[key] }, this.data.rules)
  }

  /** What a text input's value means for its field's rule: a choice as the format holds it, a date or nothing. */
  function valueOf (text, rule) {
    if (rule.kind === 'choice') return format.choiceOf(text, rule.of)
    if (rule.kind === 'date') return text || null
    return text
  }

  /** Show the assessment in the form, then move focus where the room that showed it asked. */
  Form.prototype.fill = function (assessment, focus) {
    dom.each(this.$form, '[data-field]', function ($input) {
      var value = valueAt(assessment, $input.getAttribute('data-field'))
      if ($input.type === 'checkbox') $input.checked = value.indexOf($input.value) !== -1 // a list of choices
      else if ($input.type === 'radio') $input.checked = String(value) === $input.value
      else $input.value = value === null ? '' : value
    })
    dom.each(this.$form, '[data-domain-field]', function ($input) {
      var notes = assessment.domains[$input.getAttribute('data-domain')]
      var value = notes ? notes[$input.getAttribute('data-domain-field')] : null
      if ($input.type === 'checkbox') $input.checked = value === true
      else $input.value = value || ''
    })
    dom.each(this.$form, '[data-indicator]', this.fillIndicator, this)
    this.renderProgress()
    if (FOCUS[focus]) this.$form.querySelector(FOCUS[focus]).focus()
  }

  /**
   * Show one indicator's rating in its fieldset: each rating field in the inputs of its data-role.
   * Only what differs is written, so that opening a blank form costs next to nothing.
   */
  Form.prototype.fillIndicator = function ($fieldset) {
    var id = $fieldset.getAttribute('data-indicator')
    var rating = format.rating(this.workspace.current.ratings[id] || {}, this.data)
    if (rating.statement !== null) this.partOf($fieldset, 'evidence')
    if (rating.statement !== null || format.hasPlan(rating, this.data)) this.partOf($fieldset, 'plan')
    var fieldOf = this.fieldOfRole
    Array.prototype.forEach.call($fieldset.elements, function ($input) {
      var field = fieldOf[$input.getAttribute('data-role')]
      if (!field) return
      var value = rating[field] === null ? '' : String(rating[field])
      if ($input.type !== 'radio') setProperty($input, 'value', value)
      else setProperty($input, 'checked', $input.value === value)
    })
    var $plan = $fieldset.querySelector('[data-role="plan"]')
    if ($plan) $plan.open = format.hasPlan(rating, this.data)
    this.showLastPlan($fieldset, this.workspace.current.last_plan[id])
    this.shadeIndicator($fieldset, rating)
  }

  /** Set a property or an attribute only when it changes: writing the same value still costs a style check. */
  function setProperty ($el, name, value) {
    if ($el[name] !== value) $el[name] = value
  }

  function setAttribute ($el, name, value) {
    if ($el.getAttribute(name) !== value) $el.setAttribute(name, value)
  }

  /**
   * One part of an indicator's fieldset ('evidence' or 'plan'), made from the page's template for
   * it the first time it is needed: the template's ids and names say KEY where the indicator's key
   * goes (1-1), its legend {id}. The evidence goes before the note, the plan after last cycle's plan.
   */
  Form.prototype.partOf = function ($fieldset, part) {
    var $made = this.$templates[part].content.firstElementChild
    var $part = $fieldset.querySelector('[data-role="' + $made.getAttribute('data-role') + '"]')
    if ($part) return $part
    var id = $fieldset.getAttribute('data-indicator')
    var key = id.replace(/\./g, '-')
    $part = $made.cloneNode(true)
    ;['id', 'for', 'name', 'aria-describedby'].forEach(function (name) {
      dom.each($part, '[' + name + ']', function ($el) { $el.setAttribute(name, $el.getAttribute(name).replace(/KEY/g, key)) })
    })
    dom.each($part, 'legend', function ($legend) { $legend.textContent = dom.fill($legend.textContent, { id: id }) })
    if (part === 'evidence') $fieldset.insertBefore($part, $fieldset.querySelector('[data-role="note"]').parentNode)
    else $fieldset.insertBefore($part, $fieldset.querySelector('[data-role="last-plan"]').nextSibling)
    return $part
  }

  /** Last cycle's plan for one indicator, read-only: "Last cycle you were at S2 and aimed for S3 by 31/03/2027." */
  Form.prototype.showLastPlan = function ($fieldset, plan) {
    var $last = $fieldset.querySelector('[data-role="last-plan"]')
    setProperty($last, 'hidden', !plan)
    if (!plan) return
    var label = this.workspace.label.bind(this.workspace)
    var from = label(plan.statement)
    var sentence = plan.target ? dom.fill(this.strings.last_plan_aimed, { from: from, target: label(plan.target) })
      : dom.fill(this.strings.last_plan_was, { from: from })
    var when = this.whenText(plan)
    if (when) sentence += ' ' + dom.fill(this.strings.last_plan_by, { when: when })
    var parts = [sentence + '.']
    if (plan.next_steps) parts.push(dom.fill(this.strings.last_plan_steps, { steps: plan.next_steps }))
    if (plan.lead) parts.push(dom.fill(this.strings.last_plan_lead, { lead: plan.lead }))
    $last.textContent = parts.join(' ')
  }

  /** "31/03/2027 (6-month review)": a plan's date and review, either or both. */
  Form.prototype.whenText = function (plan) {
    var date = plan.due_date ? this.workspace.day(plan.due_date) : ''
    return date && plan.due_cycle ? date + ' (' + plan.due_cycle + ')' : date || plan.due_cycle
  }

  /**
   * Mark the chosen statement and the shade of its evidence level; evidence and a target apply
   * only to S1–S5. The plan is offered once a statement or N/A is chosen, and asks about a target
   * below it.
   */
  Form.prototype.shadeIndicator = function ($fieldset, rating) {
    var rated = format.isRated(rating.statement, this.data)
    var look = rated && rating.evidence ? this.data.labels.evidence[rating.evidence] : null
    setAttribute($fieldset, 'data-answered', rating.statement !== null ? 'true' : 'false')
    setAttribute($fieldset, 'data-shade', look ? look.shade : 'none')
    this.markChosen($fieldset, look)
    dom.each($fieldset, '[data-role="evidence"]', function ($input) { setProperty($input, 'disabled', !rated) })
    var $plan = $fieldset.querySelector('[data-role="plan"]')
    if (!$plan) return
    $plan.hidden = rating.statement === null
    $plan.querySelector('[data-role="target-field"]').hidden = !rated
    var $warning = $plan.querySelector('[data-role="target-warning"]')
    var stepBack = rated && rating.target !== null && rating.target < rating.statement
    $warning.hidden = !stepBack
    $warning.textContent = stepBack ? dom.fill(this.strings.target_step_back, {
      target: this.workspace.label(rating.target), current: this.workspace.label(rating.statement) }) : ''
  }

  /**
   * Say the chosen statement's evidence level beside its label, in words and with its marker
   * ("S3 ■ Fully achieved"), so that the shade is not the only cue; other statements say nothing.
   */
  Form.prototype.markChosen = function ($fieldset, look) {
    var $mark = $fieldset.querySelector('[data-role="chosen-mark"]')
    var $chosen = look ? $fieldset.querySelector('[data-role="statement"]:checked') : null
    if (!$chosen && !$mark) return // nothing chosen, nothing said: the usual case on opening
    var $label = $chosen && $chosen.parentNode.querySelector('.option-label')
    if ($mark && $mark.parentNode !== $label) $mark.remove()
    if (!$label) return
    if (!$mark || $mark.parentNode !== $label) {
      $mark = $label.appendChild(dom.el('span', 'chosen-mark'))
      $mark.setAttribute('data-role', 'chosen-mark')
    }
    $mark.textContent = ' ' + look.mark + ' ' + look.text
  }

  /** Read a change from the form into the assessment on screen, then save. */
  Form.prototype.handleInput = function (event) {
    var $input = event.target
    // A box, a radio or a select fires input and then change for one choice: save once, on change.
    if (event.type === 'input' && ($input.type === 'checkbox' || $input.type === 'radio' || $input.tagName === 'SELECT')) return
    var assessment = this.workspace.current
    var field = $input.getAttribute('data-field')
    var $indicator = $input.closest('[data-indicator]')
    if (field) setValueAt(assessment, field, this.fieldValue($input, field))
    else if ($input.hasAttribute('data-domain-field')) this.updateDomainNotes($input)
    else if ($indicator) this.updateRating($indicator)
    else return
    this.workspace.save()
  }

  /** A detail's value from its input: every ticked box of a list, or the input's text as its rule reads it. */
  Form.prototype.fieldValue = function ($input, field) {
    if ($input.type !== 'checkbox') return valueOf($input.value, this.ruleAt(field))
    return Array.prototype.filter.call(this.$form.querySelectorAll('[data-field="' + field + '"]'), function ($box) { return $box.checked })
      .map(function ($box) { return $box.value })
  }

  Form.prototype.updateDomainNotes = function ($input) {
    var number = $input.getAttribute('data-domain')
    var notes = format.complete(this.workspace.current.domains[number] || {}, this.domainRule)
    notes[$input.getAttribute('data-domain-field')] = $input.type === 'checkbox' ? $input.checked : $input.value
    this.workspace.current.domains[number] = notes
  }

  /**
   * Rebuild one indicator's rating from its fieldset, each field from the inputs of its data-role.
   * A field that needs a statement from S1 to S5 (evidence, a target) is cleared without one.
   */
  Form.prototype.updateRating = function ($fieldset) {
    var rating = {}
    this.data.fields.rating.forEach(function (field) {
      var $inputs = Array.prototype.slice.call($fieldset.querySelectorAll('[data-role="' + roleOf(field) + '"]'))
      var $chosen = $inputs.filter(function ($input) { return $input.type !== 'radio' || $input.checked })[0]
      if ($chosen) rating[field] = valueOf($chosen.value, this.ratingRule.fields[field])
    }, this)
    rating = format.rating(rating, this.data)
    this.ratingRule.needs.forEach(function (need) {
      if (rating[need.field] === null || need.of.indexOf(rating[need.then]) !== -1) return
      rating[need.field] = null
      dom.each($fieldset, '[data-role="' + roleOf(need.field) + '"]', function ($input) {
        if ($input.type === 'radio') $input.checked = false
        else $input.value = ''
      })
    })
    if (rating.statement !== null) {
      this.partOf($fieldset, 'evidence')
      this.partOf($fieldset, 'plan')
    }
    this.workspace.current.ratings[$fieldset.getAttribute('data-indicator')] = rating
    this.shadeIndicator($fieldset, rating)
    this.renderProgress()
  }

  /** Count answered indicators (N/A counts) overall and per domain, and show them. */
  Form.prototype.renderProgress = function () {
    var ratings = this.workspace.current.ratings
    var answered = function (indicator) { return ratings[indicator.id] && ratings[indicator.id].statement !== null }
    this.data.domains.forEach(function (domain) {
      var indicators = this.data.indicators.filter(function (i) { return i.domain === domain.number })
      var $domain = this.$form.querySelector('[data-domain-progress="' + domain.number + '"]')
      $domain.textContent = dom.fill(this.strings.answered, { n: indicators.filter(answered).length, total: indicators.length })
    }, this)
    this.$progress.textContent = dom.fill(this.strings.answered, { n: this.data.indicators.filter(answered).length, total: this.data.indicators.length })
  }

  /** Move focus to the first unanswered indicator after the one in focus, wrapping round. */
  Form.prototype.focusNextUnanswered = function () {
    var $all = Array.prototype.slice.call(this.$form.querySelectorAll('[data-indicator]'))
    var $active = document.activeElement && document.activeElement.closest('[data-indicator]')
    var start = $active ? $all.indexOf($active) + 1 : 0
    var ordered = $all.slice(start).concat($all.slice(0, start))
    var $next = ordered.filter(function ($f) { return $f.getAttribute('data-answered') !== 'true' })[0]
    if (!$next) return this.workspace.announce(this.strings.all_answered)
    $next.scrollIntoView({ block: 'start' })
    $next.querySelector('[data-role="statement"]').focus()
  }

  /**
   * Before printing, let text boxes grow to show all their text; mark every field left empty, which
   * the print styles leave out; and open each plan that holds something, so that it prints.
   */
  Form.prototype.fitTextForPrint = function () {
    dom.each(this.$form, 'textarea', function ($area) {
      var lines = $area.value.split('\n').reduce(function (sum, line) { return sum + Math.max(1, Math.ceil(line.length / 90)) }, 0)
      $area.rows = Math.max(1, lines)
    })
    dom.each(this.$form, '.field', function ($field) { $field.classList.toggle('empty-field', !hasAnswer($field)) })
    dom.each(this.$form, '[data-role="plan"]', function ($plan) {
      if ($plan.querySelector('.field:not(.empty-field)')) $plan.open = true
    })
  }

  /** Whether a field holds something typed, ticked or chosen. */
  function hasAnswer ($field) {
    return Array.prototype.some.call($field.querySelectorAll('input, textarea, select'), function ($input) {
      return $input.type === 'checkbox' || $input.type === 'radio' ? $input.checked : $input.value !== ''
    })
  }

  MPW.registerRoom('mpw-assessment', 'form', Form)
})(window.MPW)
