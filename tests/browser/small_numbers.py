"""An attacker of the across-services figures, for tests/browser/test_small_numbers.py.

It knows only what a reader of the figures CSV knows: every published figure, the number of
services in the view (N), the number of them with two or more assessments (M) when movement is
shown, the number of assessments, that figures are counts, and how the figures are built. It models
an indicator as a table of counts that any set of services could fill: how many services that did
not move chose each answer (a statement with its evidence level, N/A, not answered), how many that
moved did so by each kind of movement and ended at each answer (the kinds written again here from
MPW.compare.movement, not taken from the page's rule), and how many at each S1–S5 answer set a
target. Every published figure is a linear equation on those counts. For each held-back figure it
finds, by integer programming (scipy.optimize.milp, HiGHS), the smallest and largest value it can
have; the rule holds when every one has at least `smallest` possible values.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache

import highspy
import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import csc_matrix

LEVELS = (1, 2, 3, 4, 5)
SLOTS = (*LEVELS, "n/a", "")
PARTS = ("fully_achieved", "work_in_progress", "no_evidence_level")
OPTIONS = tuple((level, part) for level in LEVELS for part in PARTS) + (("n/a", None), ("", None))
KINDS = ("moved_on", "held", "stepped_back", "to_or_from_not_applicable", "not_answered_in_one")


def kind(first: object, shown: object) -> str:
    """How one service moved on one indicator, from its first answer to the one shown."""
    if first == "" or shown == "":
        return "not_answered_in_one"
    if first == "n/a" or shown == "n/a":
        return "held" if first == shown else "to_or_from_not_applicable"
    if shown > first:  # type: ignore[operator]
        return "moved_on"
    return "stepped_back" if shown < first else "held"  # type: ignore[operator]


@dataclass
class Model:
    """Integer counts (0 to `most`), linear equations and inequalities on them."""

    most: int
    size: int = 0
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)

    def var(self) -> int:
        self.size += 1
        return self.size - 1

    def add(self, terms: dict[int, float], low: float, high: float) -> None:
        self.rows.append((terms, low, high))

    def equal(self, variables: list[int], value: int) -> None:
        self.add(dict.fromkeys(variables, 1.0), value, value)

    def extent(self, variables: list[int]) -> tuple[int, int]:
        """The smallest and largest value of a sum of counts under every row.

        An end is solved for only when the collections already found (each solve's answer is one)
        do not reach a bound that the rows give at once: a sum of counts is at least the lower
        bound of any all-ones row over some of its counts, and at most the upper bound of any
        all-ones row over all of them and more. A collection reaching that bound proves the end
        exactly, so the extent is the same as solving for it."""
        if len(set(variables)) < len(variables):  # a count twice over: the rows' bounds do not hold for it
            return self.solve(variables, 1), self.solve(variables, -1)
        below, above = self.plain_bounds(variables)
        reached = self.reached(variables)
        low = round(below) if reached is not None and reached[0] == below else self.solve(variables, 1)
        reached = self.reached(variables)
        high = round(above) if reached[1] == above else self.solve(variables, -1)
        return low, high

    def plain_bounds(self, variables: list[int]) -> tuple[float, float]:
        """Bounds on a sum of counts read straight off the all-ones rows (the counts are at least 0)."""
        chosen = set(variables)
        below, above = 0.0, float(self.most * len(chosen))
        for support, low, high in self.ones_rows():
            if support <= chosen:
                below = max(below, low)
            if chosen <= support:
                above = min(above, high)
        return below, above

    def ones_rows(self) -> list[tuple[frozenset[int], float, float]]:
        """The rows whose coefficients are all 1, as (counts, lower bound, upper bound)."""
        if getattr(self, "_ones", None) is None or self._ones[0] != len(self.rows):
            rows = [
                (frozenset(terms), low, high)
                for terms, low, high in self.rows
                if all(coefficient == 1.0 for coefficient in terms.values())
            ]
            self._ones = (len(self.rows), rows)
            self._found = []  # collections found under fewer rows may break a new one
            self._found_table = None
        return self._ones[1]

    def found(self, table: np.ndarray) -> None:
        """Keep a whole-number solution: a collection that every row allows."""
        self.ones_rows()
        self._found.append(table)
        self._found_table = None

    def reached(self, variables: list[int]) -> tuple[int, int] | None:
        """The smallest and largest value of the sum in the collections found so far under every row."""
        self.ones_rows()
        if not self._found:
            return None
        if self._found_table is None:
            self._found_table = np.array(self._found)
        sums = self._found_table[:, variables].sum(axis=1)
        return round(sums.min()), round(sums.max())

    def solve(self, variables: list[int], sign: int) -> int:
        """The smallest (sign 1) or, negated, largest (sign -1) value of the sum, by HiGHS."""
        cost = np.zeros(self.size)
        for index in variables:
            cost[index] += 1
        # The relaxation first: when its optimum is a whole-number table, that table is a
        # collection too, so it is the integer programme's answer as well. The model is built
        # once and only its objective changes, so HiGHS starts each solve from the last one.
        relaxed = self.relaxation()
        changed = np.flatnonzero(self._cost != sign * cost).astype(np.int32)  # only those costs are sent
        self._cost = sign * cost
        relaxed.changeColsCost(len(changed), changed, self._cost[changed])
        relaxed.run()
        if relaxed.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            table = np.array(relaxed.getSolution().col_value)
            whole = np.round(table)
            if np.abs(table - whole).max() <= 1e-6:
                self.found(whole)
                return round(whole[variables].sum())
        exact = milp(
            sign * cost, constraints=self.constraints(), integrality=np.ones(self.size), bounds=Bounds(0, self.most)
        )
        assert exact.status == 0, f"the published figures admit no collection: {exact.message}"
        self.found(np.round(exact.x))
        return round(sign * exact.fun)

    def matrix(self) -> np.ndarray:
        matrix = np.zeros((len(self.rows), self.size))
        for r, (terms, _, _) in enumerate(self.rows):
            for index, coefficient in terms.items():
                matrix[r, index] += coefficient
        return matrix

    def constraints(self) -> LinearConstraint:
        return LinearConstraint(self.matrix(), [row[1] for row in self.rows], [row[2] for row in self.rows])

    def relaxation(self) -> highspy.Highs:
        """The linear relaxation as a HiGHS model, made once the rows are all in (a row added later makes it again)."""
        if getattr(self, "_relaxed", None) is None or self._relaxed[0] != len(self.rows):
            lp = highspy.HighsLp()
            lp.num_col_, lp.num_row_ = self.size, len(self.rows)
            lp.col_cost_ = np.zeros(self.size)
            lp.col_lower_, lp.col_upper_ = np.zeros(self.size), np.full(self.size, float(self.most))
            lp.row_lower_ = np.array([row[1] for row in self.rows], dtype=float)
            lp.row_upper_ = np.array([row[2] for row in self.rows], dtype=float)
            columns = csc_matrix(self.matrix())
            lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
            lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = (
                columns.indptr,
                columns.indices,
                columns.data,
            )
            solver = highspy.Highs()
            solver.setOptionValue("output_flag", False)
            # Primal simplex: a changed objective leaves the last optimum feasible, so each solve
            # starts from it (about a third quicker here than HiGHS's default of dual simplex).
            solver.setOptionValue("simplex_strategy", 4)
            solver.passModel(lp)
            self._relaxed = (len(self.rows), solver)
            self._cost = np.zeros(self.size)
        return self._relaxed[1]


@cache
def block_layout(moves: bool) -> tuple[int, dict[str, list[int]], list[int], list[int], list[dict[int, float]]]:
    """One indicator's counts, laid out once for each shape (with movement or without), numbered
    from 0: how many counts, its measures as the counts each one adds up, the counts of the services
    that did not move and of those that did, and the rows a target needs (at most its answer)."""
    counts = iter(range(10_000))
    stayed = {option: next(counts) for option in OPTIONS}
    movers: dict[tuple[str, tuple], int] = {}
    if moves:
        for name in KINDS:
            for option in OPTIONS:
                if any(kind(first, option[0]) == name for first in SLOTS):
                    movers[(name, option)] = next(counts)
    targets = {option: next(counts) for option in OPTIONS if option[0] in LEVELS}
    target_rows = []
    for option, target in targets.items():  # a target needs an S1–S5 answer
        at = [index for (name, chosen), index in movers.items() if chosen == option]
        target_rows.append({target: 1.0, stayed[option]: -1.0, **dict.fromkeys(at, -1.0)})

    def answering(test) -> list[int]:
        return [stayed[o] for o in OPTIONS if test(o)] + [i for (_, o), i in movers.items() if test(o)]

    measures = {}
    for level in LEVELS:
        measures[f"s{level}"] = answering(lambda o, level=level: o[0] == level)
        for part in PARTS:
            measures[f"s{level}_{part}"] = answering(lambda o, level=level, part=part: o == (level, part))
    measures["not_applicable"] = answering(lambda o: o[0] == "n/a")
    measures["not_answered"] = answering(lambda o: o[0] == "")
    if moves:
        for name in KINDS:
            measures[name] = [index for (kind_name, _), index in movers.items() if kind_name == name]
    measures["services_with_target"] = list(targets.values())
    return next(counts), measures, list(stayed.values()), list(movers.values()), target_rows


def indicator_block(model: Model, services: int, moved: int | None) -> dict[str, list[int]]:
    """One indicator's counts in the model; its measures as the counts each one adds up."""
    size, measures, stayed, movers, target_rows = block_layout(moved is not None)
    first = model.size
    model.size += size
    if first:  # the layout's counts, moved past those already in the model
        measures = {measure: [first + index for index in indices] for measure, indices in measures.items()}
        stayed, movers = [first + index for index in stayed], [first + index for index in movers]
        target_rows = [{first + index: value for index, value in terms.items()} for terms in target_rows]
    if moved is not None:
        model.equal(movers, moved)
    model.equal(stayed, services - (moved or 0))
    for terms in target_rows:
        model.add(terms, -np.inf, 0)
    return measures


def read_figures(text: str) -> dict[tuple[str, str, str, str], int | None]:
    """The figures CSV as {(section, domain, indicator, measure): value or None where held back}."""
    return dict(parsed_figures(text))  # a copy: the parse is kept for the next reader of the same text


@lru_cache(maxsize=64)
def parsed_figures(text: str) -> dict[tuple[str, str, str, str], int | None]:
    rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    names = next(rows)
    at = [names.index(name) for name in ("section", "domain", "indicator", "measure", "value", "note")]
    figures = {}
    for row in rows:
        if not row:  # a blank line, as csv.DictReader skips it
            continue
        section, domain, indicator, measure, value, note = (row[index] for index in at)
        key = (section, domain, indicator, measure)
        assert key not in figures, f"two rows for {key}"
        figures[key] = int(value) if value.isdigit() else (value or None)
        if value == "":
            assert note == "not shown", f"{key}: an empty value without the marker"
    return figures


@cache
def indicator_extents(services: int, moved: int | None, published: tuple) -> dict[str, tuple[int, int]]:
    """Each measure's extent on one indicator, given its published (measure, value) pairs."""
    model = Model(services)
    measures = indicator_block(model, services, moved)
    for measure, value in published:
        if value is not None:
            model.equal(measures[measure], value)
    return {measure: model.extent(measures[measure]) for measure, value in published if value is None}


@dataclass
class Attack:
    """What the attacker found: every held-back figure's extent, and those with too few values."""

    extents: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    narrow: list[str] = field(default_factory=list)


def attack(text: str, smallest: int, joint: bool = False) -> Attack:
    """Attack one figures CSV; with joint, each domain is also modelled whole, its rows as equations."""
    figures = read_figures(text)
    found = Attack()
    overview = {key[3]: value for key, value in figures.items() if key[0] == "overview"}
    if overview["assessments"] is not None:  # the methods: counts of assessments summing to the total
        methods = [value for key, value in figures.items() if key[0] == "method"]
        held = overview["assessments"] - sum(value for value in methods if value is not None)
        for key, value in figures.items():
            if key[0] == "method" and value is None:
                found.extents[key] = (0, held)
    services, moved = overview["services_in_view"], overview["services_with_two_or_more_assessments"]
    if moved is None and services is not None and services == overview["services"]:
        # every service is in the view: those with two or more are at most the assessments beyond one each
        extra = overview["assessments"] - services
        found.extents[("overview", "", "", "services_with_two_or_more_assessments")] = (
            min(extra, 1),
            min(extra, services),
        )
    moved = moved if movement_published(figures, moved, smallest) else None
    if services is not None:
        indicators: dict[tuple[str, str], dict[str, int | None]] = {}
        for (section, domain, indicator, measure), value in figures.items():
            if section in ("distribution", "movement", "targets") and (section != "movement" or moved is not None):
                indicators.setdefault((domain, indicator), {})[measure] = value
        for (domain, indicator), published in indicators.items():
            if indicator == "all":
                continue
            extents = indicator_extents(services, moved, tuple(sorted(published.items())))
            for measure, extent in extents.items():
                found.extents[(section_of(measure), domain, indicator, measure)] = extent
        parts = domain_parts(figures)
        for (domain, indicator), published in indicators.items():
            if indicator == "all":
                domain_rows(found, figures, domain, published, parts)
        if joint:
            for domain in {domain for domain, _ in indicators}:
                joint_domain(found, figures, domain, services, moved)
    for key, (low, high) in found.extents.items():
        if high - low + 1 < smallest:
            found.narrow.append(f"{key}: {low} to {high}")
    return found


def movement_published(figures: dict, moved: int | None, smallest: int) -> bool:
    """Whether a view publishes movement: it says how many services moved, and movement is shown
    (from `smallest` of them) or some movement figure is."""
    published = any(value is not None for key, value in figures.items() if key[0] == "movement")
    return moved is not None and (moved >= smallest or published)


def section_of(measure: str) -> str:
    return "movement" if measure in KINDS else "targets" if measure == "services_with_target" else "distribution"


def domain_parts(figures: dict) -> dict[tuple[str, str, str], list[tuple]]:
    """The indicators' figures by (domain, section, measure): the parts each domain figure adds up."""
    parts: dict[tuple[str, str, str], list[tuple]] = {}
    for key in figures:
        if key[2] != "all":
            parts.setdefault((key[1], key[0], key[3]), []).append(key)
    return parts


def domain_rows(found: Attack, figures: dict, domain: str, published: dict, parts: dict) -> None:
    """A domain's figure adds up one figure of each of its indicators (parts: domain_parts(figures)).
    Where every part is shown it must be their sum (then it tells nothing more); a held-back one can
    be anything its parts can add up to, the indicators being independent of one another."""
    for measure, value in published.items():
        section = section_of(measure)
        keys = parts.get((domain, section, measure), [])
        values = [figures[key] for key in keys]
        if value is not None:
            assert None not in values and sum(values) == value, (
                f"domain {domain} {measure} is shown over held-back parts"
            )
            continue
        extents = [found.extents.get((section, domain, key[2], measure), (figures[key], figures[key])) for key in keys]
        found.extents[(section, domain, "all", measure)] = (sum(e[0] for e in extents), sum(e[1] for e in extents))


def joint_domain(found: Attack, figures: dict, domain: str, services: int, moved: int | None) -> None:
    """The whole domain in one model, its domain rows as equations too: every extent must agree."""
    model = Model(services)
    blocks = {}
    for _section, number, indicator, _ in figures:
        if number == domain and indicator != "all" and indicator not in blocks:
            blocks[indicator] = indicator_block(model, services, moved)
    sections = ("distribution", "targets") + (("movement",) if moved is not None else ())

    def expression(indicator: str, measure: str) -> list[int]:
        if indicator == "all":
            return [index for block in blocks.values() for index in block[measure]]
        return blocks[indicator][measure]

    keys = [key for key in figures if key[0] in sections and key[1] == domain]
    for key in keys:
        if figures[key] is not None:
            model.equal(expression(key[2], key[3]), figures[key])
    for key in keys:
        if figures[key] is None:
            extent = model.extent(expression(key[2], key[3]))
            assert extent == found.extents[key], f"{key}: {extent} whole, {found.extents[key]} by indicator"


# ---- Every view of one collection, together -------------------------------------------------
# A page that offers more than one view of the same files (each service's latest assessment, its
# latest in a review cycle) lets a reader set the views side by side. The attacker then knows
# every view's figures and, from "Show service names", each service's review cycles in time order.
# Services with the same cycles are alike to it, so a collection is modelled as groups of alike
# services (patterns): for each pattern, how many of its services chose each answer at each of its
# assessments that some view shows, and, for each later one, how many went from each answer at
# their first to each at that one (the first is what movement starts from). These are counts on a
# star (the first assessment in the middle), so every whole-number solution is a real collection.


def shown_index(pattern: tuple[str, ...], cycle: str) -> int | None:
    """Which of a pattern's assessments a view shows: the latest, or the latest in its cycle."""
    if not cycle:
        return len(pattern) - 1
    at = [index for index, label in enumerate(pattern) if label == cycle]
    return at[-1] if at else None


def pattern_blocks(model: Model, patterns: dict, used: dict) -> dict:
    """Each pattern's counts: options at each used assessment, targets, and first→later answer pairs."""
    blocks = {}
    for pattern, count in patterns.items():
        options = {j: {option: model.var() for option in OPTIONS} for j in used[pattern]}
        model.equal(list(options[0].values()), count)
        targets = {j: {o: model.var() for o in OPTIONS if o[0] in LEVELS} for j in options}
        for j, chosen in targets.items():  # a target needs an S1–S5 answer
            for option, target in chosen.items():
                model.add({target: 1.0, options[j][option]: -1.0}, -np.inf, 0)
        pairs = {j: {(a, b): model.var() for a in SLOTS for b in SLOTS} for j in options if j}
        for j, table in pairs.items():
            for slot in SLOTS:  # the pairs agree with the first's answers and with this one's
                first = [index for option, index in options[0].items() if option[0] == slot]
                later = [index for option, index in options[j].items() if option[0] == slot]
                model.add({**dict.fromkeys(first, -1.0), **{table[(slot, b)]: 1.0 for b in SLOTS}}, 0, 0)
                model.add({**dict.fromkeys(later, -1.0), **{table[(a, slot)]: 1.0 for a in SLOTS}}, 0, 0)
        blocks[pattern] = (options, targets, pairs)
    return blocks


def view_measures(blocks: dict, cycle: str, moves: bool) -> dict[str, list[int]]:
    """One view's measures of one indicator, as the pattern counts each one adds up."""
    measures: dict[str, list[int]] = {}

    def add(measure: str, indices) -> None:
        measures.setdefault(measure, []).extend(indices)

    for pattern, (options, targets, pairs) in blocks.items():
        j = shown_index(pattern, cycle)
        if j is None:
            continue
        chosen = options[j]
        for level in LEVELS:
            add(f"s{level}", [index for option, index in chosen.items() if option[0] == level])
            for part in PARTS:
                add(f"s{level}_{part}", [chosen[(level, part)]])
        add("not_applicable", [chosen[("n/a", None)]])
        add("not_answered", [chosen[("", None)]])
        add("services_with_target", list(targets[j].values()))
        if moves:
            for name in KINDS:
                add(name, [index for (a, b), index in pairs.get(j, {}).items() if kind(a, b) == name])
    return measures


@cache
def collection_extents(patterns: tuple, views: tuple) -> dict[tuple[int, str], tuple[int, int]]:
    """Each held-back measure's extent on one indicator, every view's published figures known at
    once. views: (cycle, moves shown, ((measure, value), ...)) per view; keys are (view, measure)."""
    counts = dict(patterns)
    used = {p: sorted({0} | {j for cycle, _, _ in views if (j := shown_index(p, cycle)) is not None}) for p in counts}
    model = Model(sum(counts.values()))
    blocks = pattern_blocks(model, counts, used)
    measures = [view_measures(blocks, cycle, moves) for cycle, moves, _ in views]
    for number, (_, _, published) in enumerate(views):
        for measure, value in published:
            if value is not None:
                model.equal(measures[number][measure], value)
    return {
        (number, measure): model.extent(measures[number][measure])
        for number, (_, _, published) in enumerate(views)
        for measure, value in published
        if value is None
    }


def attack_views(views: list[tuple[str, str]], services: list[list[str]], smallest: int) -> Attack:
    """Attack every view a page offers of one collection together: views are (cycle, figures CSV),
    services each service's review cycles in time order. Keys carry the view's cycle first."""
    patterns = tuple(sorted(Counter(tuple(cycles) for cycles in services).items()))
    found = Attack()
    shown = []
    for cycle, text in views:
        figures = read_figures(text)
        overview = {key[3]: value for key, value in figures.items() if key[0] == "overview"}
        single = attack(text, smallest)  # each view on its own: the methods and the view's own links
        found.extents.update({(cycle, *key): extent for key, extent in single.extents.items()})
        services_in_view = overview["services_in_view"]
        if services_in_view is None:
            continue
        in_view = sum(count for pattern, count in patterns if shown_index(pattern, cycle) is not None)
        assert in_view == services_in_view, (
            f"view {cycle!r}: {services_in_view} services, the names list says {in_view}"
        )
        moved = overview["services_with_two_or_more_assessments"]
        if moved is None:  # the names list says which services in the view have two or more assessments
            known = sum(
                count for pattern, count in patterns if (j := shown_index(pattern, cycle)) is not None and j > 0
            )
            found.extents[(cycle, "overview", "", "", "services_with_two_or_more_assessments")] = (known, known)
        shown.append((cycle, figures, movement_published(figures, moved, smallest)))
    indicators = sorted({(key[1], key[2]) for _, figures, _ in shown for key in figures if key[0] == "distribution"})
    by_indicator = [indicator_figures(figures, moves) for _, figures, moves in shown]
    for domain, indicator in indicators:
        if indicator == "all":
            continue
        published = tuple(
            (cycle, moves, tuple(sorted(grouped.get((domain, indicator), {}).items())))
            for (cycle, _, moves), grouped in zip(shown, by_indicator, strict=True)
        )
        for (number, measure), extent in collection_extents(patterns, published).items():
            found.extents[(shown[number][0], section_of(measure), domain, indicator, measure)] = extent
    for (cycle, figures, _), grouped in zip(shown, by_indicator, strict=True):
        # a domain's figure adds up its indicators', which are independent
        view_found = Attack({key[1:]: extent for key, extent in found.extents.items() if key[0] == cycle})
        parts = domain_parts(figures)
        for domain in {domain for domain, _ in indicators}:
            domain_rows(view_found, figures, domain, grouped.get((domain, "all"), {}), parts)
        found.extents.update({(cycle, *key): extent for key, extent in view_found.extents.items()})
    found.narrow = [
        f"{key}: {low} to {high}" for key, (low, high) in found.extents.items() if high - low + 1 < smallest
    ]
    return found


def indicator_figures(figures: dict, moves: bool) -> dict[tuple[str, str], dict[str, int | None]]:
    """A view's figures of each indicator (and each domain's, as "all"): {measure: value}, movement's
    only where the view publishes movement."""
    grouped: dict[tuple[str, str], dict[str, int | None]] = {}
    for (section, domain, indicator, measure), value in figures.items():
        if section in ("distribution", "targets") or (section == "movement" and moves):
            grouped.setdefault((domain, indicator), {})[measure] = value
    return grouped
