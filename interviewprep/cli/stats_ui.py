"""The stats dashboard and the history table, rendered from plain figures."""

from __future__ import annotations

from collections.abc import Sequence
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
from interviewprep.progress.stats import Mastery, StateCounts, Stats
from interviewprep.store.reviews import Review
from interviewprep.study.rating import rating_label

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
        _calendar(s),
        _forecast(s),
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


def history_table(reviews: Sequence[Review], cards: dict[str, Card], width: int) -> Table:
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
