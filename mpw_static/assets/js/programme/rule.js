/**
 * Across services: the small-number rule for one indicator's figures, as pure functions. From
 * everything a view shows, every held-back figure must still have at least `smallest` possible
 * values. holdBack chooses within a group of figures with a known sum; protectIndicator checks the
 * links between an indicator's groups with a small flow network of services and holds back more
 * where they would narrow a figure. programme/figures.js applies it to every indicator of a view.
 *
 * Pure: nothing here touches a page, and Node loads it too (tests/js).
 */
(function (MPW) {
  'use strict'

  var LEVELS = MPW.compare.LEVELS
  // The kinds of movement counted across services (programme/figures.js maps MPW.compare.movement to them).
  var MOVE_KINDS = ['on', 'held', 'back', 'na', 'unanswered']

  // ---- The small-number rule ------------------------------------------------------------
  // An indicator's figures: where the services stand (SLOTS: S1–S5, N/A, not answered), the
  // evidence split of each statement (PARTS), how the services with two or more assessments moved
  // (MOVE_KINDS) and how many set a target. Each group's sum is known (N services, a statement's
  // count, M services that moved, N again for with and without a target), and the groups are linked:
  // a service at S1 cannot have moved on, one at S5 cannot have stepped back, one not answered can
  // only count as "not answered in one of the two", and a target needs S1–S5.

  var SLOTS = LEVELS.concat(['']) // '' is not answered
  var PARTS = ['fully', 'wip', 'rest'] // rest: an S1–S5 answer with no evidence level
  // The shown answers each kind of movement can end at (see MPW.compare.movement, and MOVES in programme/figures.js).
  var REACHES = {
    on: [2, 3, 4, 5],
    held: [1, 2, 3, 4, 5, 'n/a'],
    back: [1, 2, 3, 4],
    na: [1, 2, 3, 4, 5, 'n/a'],
    unanswered: SLOTS
  }
  var BIG = 1e9

  /**
   * Which figures of one group whose sum is known to hold back. First every figure built from 1 to
   * smallest − 1 services (or assessments of that many services: `from`). Then, if any is held back,
   * others are added, smallest non-zero first (then zeros, in order), until at least two are held
   * back and they sum to at least smallest − 1, so that each could be anything from 0 to their sum;
   * if that cannot be reached, the whole group is held back.
   * @param {{count: number, from: number}[]} cells
   * @returns {boolean[]}
   */
  function holdBack (cells, smallest) {
    var hidden = cells.map(function (cell) { return cell.count > 0 && cell.from < smallest })
    if (!hidden.some(Boolean)) return hidden
    var enough = function () {
      var held = cells.filter(function (cell, i) { return hidden[i] })
      return held.length >= 2 && held.reduce(function (sum, cell) { return sum + cell.count }, 0) >= smallest - 1
    }
    var order = cells.map(function (cell, i) { return i }).filter(function (i) { return !hidden[i] })
    order.sort(function (a, b) {
      var x = cells[a].count || BIG
      var y = cells[b].count || BIG
      return x - y || a - b
    })
    for (var n = 0; n < order.length && !enough(); n++) hidden[order[n]] = true
    return enough() ? hidden : cells.map(function () { return true })
  }

  function counted (values) {
    return values.map(function (value) { return { count: value, from: value } })
  }

  /** The largest flow from source to sink (Edmonds–Karp), on a graph of {to, cap, back} lists. */
  function maxFlow (graph, source, sink) {
    var total = 0
    for (;;) {
      var via = new Array(graph.length).fill(null)
      via[source] = { node: source }
      var queue = [source]
      while (queue.length && !via[sink]) {
        var node = queue.shift()
        graph[node].forEach(function (edge, index) {
          if (edge.cap > 0 && !via[edge.to]) {
            via[edge.to] = { node: node, index: index }
            queue.push(edge.to)
          }
        })
      }
      if (!via[sink]) return total
      var push = BIG
      for (var v = sink; v !== source; v = via[v].node) push = Math.min(push, graph[via[v].node][via[v].index].cap)
      for (var w = sink; w !== source; w = via[w].node) {
        var edge = graph[via[w].node][via[w].index]
        edge.cap -= push
        graph[edge.to][edge.back].cap += push
      }
      total += push
    }
  }

  /** Whether some flow meets every edge's [low, high] in a circulation of `size` nodes. */
  function circulates (size, edges) {
    var graph = []
    for (var v = 0; v < size + 2; v++) graph.push([])
    var link = function (from, to, cap) {
      graph[from].push({ to: to, cap: cap, back: graph[to].length })
      graph[to].push({ to: from, cap: 0, back: graph[from].length - 1 })
    }
    var excess = new Array(size).fill(0)
    for (var e = 0; e < edges.length; e++) {
      var edge = edges[e]
      if (edge[3] < edge[2]) return false
      link(edge[0], edge[1], edge[3] - edge[2])
      excess[edge[1]] += edge[2]
      excess[edge[0]] -= edge[2]
    }
    var need = 0
    excess.forEach(function (x, node) {
      if (x > 0) { link(size, node, x); need += x } else if (x < 0) link(node, size + 1, -x)
    })
    return maxFlow(graph, size, size + 1) === need
  }

  // The nodes of an indicator's network: what a reader of the published figures can be sure of.
  var SOURCE = 0
  var SINK = 1
  var KIND_POOL = 2 // the services that moved whose kind of movement is held back
  var STAYED = 3 // the services with one assessment: any answer
  var SLOT_POOL = 4 // the services whose answer's figure is held back
  var RATED_POOL = 5 // those of them at S1–S5 (a target needs one)
  var KIND = 6 // + the kind's position
  var SLOT = 6 + MOVE_KINDS.length // + the slot's position
  var NODES = SLOT + SLOTS.length

  function bounded (from, to, low, fix) {
    return [from, to, Math.max(low, fix ? fix[0] : 0), fix ? fix[1] : BIG]
  }

  /**
   * One indicator's figures as a flow of services: from the source, each moved service through its
   * kind of movement to an answer that kind can end at, each other service straight to any answer,
   * and every answer to the sink. A shown figure fixes its edge; held-back ones share a pool whose
   * total is known. `fix` narrows one held-back figure's edge ("c2", "k0", "rated") to [low, high].
   */
  function network (p, fix) {
    var moved = p.k ? p.M : 0
    var edges = [[SINK, SOURCE, 0, BIG], [SOURCE, STAYED, p.N - moved, p.N - moved]]
    SLOTS.forEach(function (slot, b) { edges.push([STAYED, SLOT + b, 0, BIG]) })
    if (p.k) {
      var pooled = 0
      MOVE_KINDS.forEach(function (kind, j) {
        if (p.hk[j]) {
          pooled += p.k[j]
          edges.push(bounded(KIND_POOL, KIND + j, 0, fix['k' + j]))
        } else edges.push([SOURCE, KIND + j, p.k[j], p.k[j]])
        REACHES[kind].forEach(function (slot) { edges.push([KIND + j, SLOT + SLOTS.indexOf(slot), 0, BIG]) })
      })
      edges.push([SOURCE, KIND_POOL, pooled, pooled])
    }
    var held = 0
    var shownRated = 0
    SLOTS.forEach(function (slot, b) {
      var rated = typeof slot === 'number'
      if (p.hc[b]) {
        held += p.c[b]
        edges.push(bounded(SLOT + b, rated ? RATED_POOL : SLOT_POOL, 0, fix['c' + b]))
      } else {
        edges.push([SLOT + b, SINK, p.c[b], p.c[b]])
        if (rated) shownRated += p.c[b]
      }
    })
    var targetsNeed = p.ht ? 0 : Math.max(0, p.t - shownRated)
    edges.push(bounded(RATED_POOL, SLOT_POOL, targetsNeed, fix.rated))
    edges.push([SLOT_POOL, SINK, held, held])
    return edges
  }

  /** The smallest and largest value one held-back figure can take, given everything shown. */
  function extent (p, key, truth, most) {
    var fits = function (low, high) {
      var fix = {}
      fix[key] = [low, high]
      return circulates(NODES, network(p, fix))
    }
    var low = 0
    var high = truth
    while (low < high) {
      var middle = (low + high) >> 1
      if (fits(0, middle)) high = middle
      else low = middle + 1
    }
    var least = low
    low = truth
    high = most
    while (low < high) {
      var upper = (low + high + 1) >> 1
      if (fits(upper, BIG)) low = upper
      else high = upper - 1
    }
    return [least, low]
  }

  /**
   * The extent of every held-back figure of an indicator, keyed as in network(); the target's is
   * that of the number of services with a target, 0 to the most answers at S1–S5 there can be.
   */
  function extents (p) {
    var out = {}
    var sum = function (flags, values) { return values.reduce(function (s, v, i) { return s + (flags[i] ? v : 0) }, 0) }
    var held = sum(p.hc, p.c)
    p.hc.forEach(function (hidden, b) { if (hidden) out['c' + b] = extent(p, 'c' + b, p.c[b], held) })
    if (p.k) {
      var pooled = sum(p.hk, p.k)
      p.hk.forEach(function (hidden, j) { if (hidden) out['k' + j] = extent(p, 'k' + j, p.k[j], pooled) })
    }
    if (p.ht) {
      var rated = SLOTS.map(function (slot) { return typeof slot === 'number' })
      var heldRated = sum(p.hc.map(function (h, b) { return h && rated[b] }), p.c)
      var shownRated = sum(p.hc.map(function (h, b) { return !h && rated[b] }), p.c)
      out.t = [0, Math.min(p.N, shownRated + extent(p, 'rated', heldRated, held)[1])]
    }
    return out
  }

  /**
   * Which of one indicator's figures to hold back. Each group by holdBack; then, while any held-back
   * figure can be narrowed to fewer than `smallest` values by the links between the groups, more is
   * held back: the target, then the whole movement row, then the whole row of answers. A held-back
   * figure that the shown ones fix exactly (0, say, where nobody can have moved on) is shown.
   * @param {{c: number[], k: (number[]|null), t: number, N: number, M: number}} p
   * @returns {{hc: boolean[], hk: (boolean[]|null), ht: boolean}}
   */
  function protectIndicator (p, smallest) {
    var all = function (flags) { return flags.map(function () { return true }) }
    p.hc = holdBack(counted(p.c), smallest)
    p.hk = p.k ? holdBack(counted(p.k), smallest) : null
    p.ht = holdBack(counted([p.t, p.N - p.t]), smallest)[0]
    for (;;) {
      if (!p.hc.some(Boolean) && !(p.hk && p.hk.some(Boolean)) && !p.ht) return p
      var found = extents(p)
      var keys = Object.keys(found)
      var safe = keys.every(function (key) {
        var range = found[key]
        return range[1] - range[0] + 1 >= smallest || (range[0] === range[1] && (range[0] === 0 || range[0] >= smallest))
      })
      if (safe) {
        keys.forEach(function (key) {
          if (found[key][0] !== found[key][1]) return
          if (key === 't') p.ht = false
          else (key[0] === 'c' ? p.hc : p.hk)[Number(key.slice(1))] = false
        })
        return p
      }
      if (p.ht && (!p.hk || p.hk.every(Boolean)) && p.hc.every(Boolean)) return p // nothing more to hold back
      if (!p.ht) p.ht = true
      else if (p.hk && p.hk.some(function (h) { return !h })) p.hk = all(p.hk)
      else p.hc = all(p.hc)
    }
  }

  MPW.programmeRule = {
    MOVE_KINDS: MOVE_KINDS,
    SLOTS: SLOTS,
    PARTS: PARTS,
    REACHES: REACHES,
    holdBack: holdBack,
    counted: counted,
    extents: extents,
    protectIndicator: protectIndicator
  }
  if (typeof module === 'object' && module.exports) module.exports = MPW.programmeRule
})(typeof window === 'object' ? (window.MPW = window.MPW || {}) : (globalThis.MPW = globalThis.MPW || {}))
