"""The stats dashboard and the history table, rendered from plain figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import astuple, fields
from datetime import date

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interviewprep.bank import Card
from interviewprep.cli.render import plain
from interviewprep.cli.tables import Column, fitted_table
from interviewprep.progress.stats import (
    DayDue,
    InterviewDay,
    Mastery,
    PassRate,
    StateCounts,
    Stats,
    TrueRetention,
)
from interviewprep.store.reviews import Review
from interviewprep.study.rating import rating_label
from interviewprep.study.workload import Workload

SHADES = [("·", "grey35"), ("■", "green4"), ("■", "green3"), ("■", "green1"), ("■", "bold green1")]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _today_panel(s: Stats) -> Panel:
    lines = [
        f"Reviews today: {s.reviews_today}   (all time {s.reviews_total})",
        f"Due now: {s.due_now}   New left today: {s.new_left_today}",
        f"Streak: {s.streak_days} day(s)   Longest: {s.longest_streak_days}",
        f"Retention 7 days: {_percent(s.retention_7d)}   30 days: "
        f"{_percent(s.retention_30d)}   (target {s.desired_retention:.0%})",
    ]
    return Panel("\n".join(lines), title="Today", title_align="left", border_style="cyan")


def _calendar(s: Stats) -> Panel:
    days = s.calendar
    peak = max((d.reviews for d in days), default=0) or 1
    first = date.fromisoformat(days[0].date)
    offset = first.weekday()  # rows are Monday..Sunday, columns are weeks
    grid = [[" "] * ((len(days) + offset + 6) // 7) for _ in range(7)]
    styles: dict[tuple[int, int], str] = {}
    for i, day in enumerate(days):
        row, col = (i + offset) % 7, (i + offset) // 7
        level = 0 if not day.reviews else 1 + min(3, int(3 * day.reviews / peak))
        grid[row][col], styles[(row, col)] = SHADES[level]
    text = Text()
    for row, name in enumerate("MTWTFSS"):
        text.append(f"{name} ", style="dim")
        for col, cell in enumerate(grid[row]):
            text.append(cell + " ", style=styles.get((row, col), ""))
        text.append("\n")
    # The span is the data's own: --since shortens it from the usual 26 weeks.
    span = f"{days[0].date} to {days[-1].date}"
    text.append(f"{span}; brighter = more reviews (peak {peak} a day)", style="dim")
    return Panel(text, title="Activity", title_align="left", border_style="green")


def _forecast(s: Stats) -> Panel:
    peak = max((d.due for d in s.forecast), default=0) or 1
    table = Table.grid(padding=(0, 1))
    for day in s.forecast:
        when = date.fromisoformat(day.date)
        bar = "█" * round(30 * day.due / peak)
        table.add_row(f"{when:%a %d}", Text(bar, style="magenta"), str(day.due))
    title = f"Due in the next {len(s.forecast)} days"
    return Panel(table, title=title, title_align="left", border_style="magenta")


def _pass_cell(rate: PassRate, target: float) -> Text:
    if rate.retention is None:
        return Text("-", style="dim")
    # Under the target is worth a glance: the scheduler aims every review at it.
    style = "red" if rate.retention < target else "green"
    return Text(f"{rate.retention:.0%} ({rate.passed}/{rate.reviews})", style=style)


def true_retention_table(t: TrueRetention) -> Table:
    table = Table(title=f"True retention (target {t.desired_retention:.0%})", title_justify="left",
                  caption="review cards only; Hard, Good, Easy pass, Again fails",
                  caption_justify="left")  # fmt: skip
    for name in ("cards", "today", "7 days", "30 days"):
        table.add_column(name, justify="left" if name == "cards" else "right")
    for label, key in ((f"young (<{t.mature_days} d)", "young"),
                       (f"mature (≥{t.mature_days} d)", "mature"), ("all", "all")):  # fmt: skip
        cells = [_pass_cell(getattr(split, key), t.desired_retention)
                 for split in (t.today, t.week, t.month)]  # fmt: skip
        table.add_row(label, *cells, style="bold" if key == "all" else "")
    return table


def _workload_rows(days: list[DayDue]) -> list[tuple[str, int]]:
    """One row a day up to two weeks (as the forecast); beyond, a row a week, its sum."""
    if len(days) <= 14:
        return [(f"{date.fromisoformat(d.date):%a %d %b}", d.due) for d in days]
    weeks = [days[i : i + 7] for i in range(0, len(days), 7)]
    return [(f"wk {date.fromisoformat(w[0].date):%d %b}", sum(d.due for d in w)) for w in weeks]


def _interview_lines(i: InterviewDay, target: float) -> list[str]:
    when = "today" if i.days_left == 0 else f"in {i.days_left} day(s)"
    lines = [f"Interview: {i.date} ({when})"]
    if i.mean_recall is None:
        lines.append("Predicted recall on the morning: no card studied yet")
    else:
        lines.append(f"Predicted recall on the morning: {i.mean_recall:.0%} over "
                     f"{i.studied} studied card(s); {i.below_target} below the target "
                     f"{target:.0%}")  # fmt: skip
    pace = i.pace
    if pace is not None and pace.reachable:
        lines.append(f"New cards: {pace.remaining} to go, {pace.new_today} today: all "
                     f"introduced by {pace.deadline}")  # fmt: skip
    elif pace is not None:
        lines.append(f"New cards: {pace.remaining} to go, {pace.new_today} today: NOT all by "
                     f"{pace.deadline}, {pace.short_by} short (raise max_new_per_day)")  # fmt: skip
    return lines


def interview_panel(i: InterviewDay, target: float) -> Panel:
    if i.passed:
        body: RenderableType = Text(
            f"The interview day {i.date} has passed ({-i.days_left} day(s) ago); "
            "`interviewprep config reset interview_date` clears it."
        )
        return Panel(body, title="Interview day", title_align="left", border_style="blue")
    parts: list[RenderableType] = [Text("\n".join(_interview_lines(i, target)))]
    if i.by_section:
        sections = Table(title="Recall on the morning by guide section", title_justify="left")
        for name in ("section", "recall", "below target"):
            sections.add_column(name, justify="left" if name == "section" else "right")
        for row in i.by_section[:8]:
            sections.add_row(plain(row.name), f"{row.mean_recall:.0%}",
                             f"{row.below_target}/{row.studied}")  # fmt: skip
        parts.append(sections)
    rows = _workload_rows(i.workload)
    peak = max((due for _, due in rows), default=0) or 1
    load = Table.grid(padding=(0, 1))
    for label, due in rows:
        load.add_row(label, Text("█" * round(30 * due / peak), style="blue"), str(due))
    parts += [Text("Cards due up to the day:"), load]
    return Panel(Group(*parts), title="Interview day", title_align="left", border_style="blue")


CHART_MIN_WIDTH = 60  # narrower than this, the curve is unreadable: a table instead


def _curve_chart(w: Workload, width: int) -> str:
    """Reviews a day (left axis) and minutes a day (right axis: the same curve at the
    median time per review) against the target, then the expected recall, as text."""
    import plotext

    xs = [t.desired_retention for t in w.targets]
    figure = plotext.figure
    figure.clear()
    figure.theme("colorless")
    figure.subplots(2, 1)
    figure.plot_size(min(width, 100), 30)
    cost = figure.subplot(1, 1)
    # The minutes only set the right axis's scale (blank points, drawn first so that the
    # reviews' line is drawn over them).
    cost.draw(cost.signal(xs, [t.minutes_per_day for t in w.targets], marker=" ", yside="right"))
    cost.draw(cost.signal(xs, [t.reviews_per_day for t in w.targets], marker="braille").lines())
    cost.line(w.desired_retention, orientation="v")
    cost.title(f"Reviews a day (left) and minutes (right), next {w.days} days; "
               f"| = your {w.desired_retention:.2f}")  # fmt: skip
    recall = figure.subplot(2, 1)
    recall.draw(recall.signal(xs, [t.expected_recall for t in w.targets], marker="braille").lines())
    recall.line(w.desired_retention, orientation="v")
    recall.title(f"Expected recall after {w.days} days")
    recall.label("desired retention", "x")
    return str(figure.build().string(colorless=True))


def workload_table(w: Workload) -> Table:
    table = Table(title=f"Cost of each target over the next {w.days} days", title_justify="left")
    for name in ("target", "reviews/day", "min/day", "recall after"):
        table.add_column(name, justify="right")
    for t in w.targets:
        mine = abs(t.desired_retention - w.desired_retention) < 0.005
        table.add_row(f"{t.desired_retention:.2f}", f"{t.reviews_per_day:.1f}",
                      f"{t.minutes_per_day:.1f}", f"{t.expected_recall:.1%}",
                      style="bold" if mine else "")  # fmt: skip
    return table


def _workload_notes(w: Workload) -> Text:
    h = w.habits
    lines = [
        f"From {w.cards_studied} studied card(s) and {w.new_cards} new over the days "
        f"({w.new_per_day} a day), {h.seconds_per_review:.0f} s per review, answer habits "
        + ("from your history" if h.from_history else "defaults (too few answers yet)"),
    ]
    if w.sampled:
        lines.append(f"Simulated on a fixed sample of {w.cards_simulated} studied card(s) "
                     "(and of the new ones), scaled to the whole collection.")  # fmt: skip
    mine = min(w.targets, key=lambda t: abs(t.desired_retention - w.desired_retention))
    lines.append(f"At your target {w.desired_retention:.2f}: {mine.reviews_per_day:.0f} "
                 f"reviews, {mine.minutes_per_day:.0f} min a day; recall after "
                 f"{mine.expected_recall:.0%}")  # fmt: skip
    return Text("\n".join(lines), style="dim")


def workload_view(w: Workload, width: int) -> Group:
    """The cost curve as a chart, or a table when the terminal is too narrow for one."""
    if width < CHART_MIN_WIDTH:
        return Group(workload_table(w), _workload_notes(w))
    return Group(Text(_curve_chart(w, width)), _workload_notes(w))


def _state_cells(counts: StateCounts) -> list[str]:
    return [str(n) for n in astuple(counts)]


def _states(s: Stats) -> Table:
    table = Table(title="Cards by state", title_justify="left")
    table.add_column("deck")
    for field in fields(StateCounts):
        table.add_column(field.name, justify="right")
    for deck, counts in sorted(s.cards_by_deck.items()):
        table.add_row(plain(deck), *_state_cells(counts))
    table.add_row("all", *_state_cells(s.cards_by_state), style="bold")
    return table


def _mastery(rows: Sequence[Mastery], title: str, limit: int) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("name")
    table.add_column("recall now", justify="right")
    table.add_column("studied", justify="right")
    for row in rows[:limit]:
        bar = "█" * round(10 * row.mastery)
        table.add_row(plain(row.name), f"{row.mastery:.0%} {bar:<10}",
                      f"{row.studied}/{row.cards}")  # fmt: skip
    return table


def _weakest_sections(rows: Sequence[Mastery]) -> RenderableType:
    # A section never begun is not weak, only not reached yet: study brings new cards
    # in the guide's order, and listing all of them at 0% would point elsewhere.
    started = [row for row in rows if row.studied]
    if not started:
        return Text("Weakest guide sections: none started yet; `interviewprep study` "
                    "introduces them in the guide's order.")  # fmt: skip
    return _mastery(started, "Weakest guide sections (study these next)", 12)


def _katas_and_interviews(s: Stats) -> Panel:
    k, i = s.katas, s.interviews
    lines = [f"Katas: {k.passed} passed · {k.started} started · {k.total} in all"]
    for kata, seconds in k.best_seconds.items():
        lines.append(f"  {kata}: passed {seconds / 60:.0f} min after starting")
    mean = f", mean self-score {i.mean_score:.1f}/5" if i.mean_score is not None else ""
    lines.append(f"Mock interviews: {i.count}{mean}")
    return Panel("\n".join(lines), title="Practice", title_align="left", border_style="yellow")


def dashboard(s: Stats) -> Group:
    parts: list[RenderableType] = [
        Columns([_today_panel(s), _katas_and_interviews(s)]),
        *([interview_panel(s.interview, s.desired_retention)] if s.interview else []),
        _calendar(s),
        _forecast(s),
        true_retention_table(s.true_retention),
        _states(s),
        _weakest_sections(s.mastery_by_section),
        _mastery(s.mastery_by_deck, "Mastery by deck", 20),
    ]
    return Group(*parts)


HISTORY_COLUMNS = (
    Column("when"),
    Column("card"),
    Column("mode", drop=3),
    Column("answer", shrink=True, drop=1),
    Column("result"),
    Column("rating"),
    Column("took", drop=2),
    Column("next in"),
)


def history_table(reviews: Sequence[Review], cards: Mapping[str, Card], width: int) -> Table:
    rows = []
    for r in reviews:
        result = {True: "✓", False: "✗", None: "·"}[r.correct]
        interval = "-" if r.interval_days is None else (
            f"{r.interval_days * 24 * 60:.0f} min" if r.interval_days < 1 / 24
            else f"{r.interval_days * 24:.0f} h" if r.interval_days < 1
            else f"{r.interval_days:.0f} d"
        )  # fmt: skip
        name = r.card_id if r.card_id in cards else f"{r.card_id} (gone)"
        rows.append((
            f"{r.reviewed_at.astimezone():%Y-%m-%d %H:%M}", plain(name), r.mode,
            plain(r.answer or ""), result, rating_label(r.rating),
            f"{r.duration_ms / 1000:.0f} s", interval,
        ))  # fmt: skip
    return fitted_table(f"{len(reviews)} answer(s)", HISTORY_COLUMNS, rows, width)
