"""`interviewprep today`: the day's plan on one screen, then each part offered in turn."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.text import Text

from interviewprep.app.today import DayPlan, InterviewOutlook
from interviewprep.cli.prompter import Prompter, QuitSession
from interviewprep.cli.render import plain

if TYPE_CHECKING:
    from interviewprep.app import App


def _minutes(value: float) -> str:
    return "under a minute" if value < 1 else f"about {round(value)} min"


def _indented(text: str, style: str = "") -> Padding:
    """A line under a heading: wrapped lines keep the indent."""
    return Padding(plain(text, style), (0, 0, 0, 2))


def _interview_lines(look: InterviewOutlook, target: float) -> list[RenderableType]:
    day = f"{look.day:%a %d %b %Y}"
    if look.passed:
        return [plain(f"Interview: {day} has passed.", "bold yellow")]
    when = "today" if look.days_left == 0 else f"in {look.days_left} day(s)"
    state = plain("on track", "green") if look.on_track else plain("not on track", "bold red")
    lines: list[RenderableType] = [Text.assemble(plain(f"Interview: {day}, {when} · "), state)]
    lines += [_indented(reason, "red") for reason in look.reasons]
    if look.predicted_recall is not None:
        lines.append(_indented(
            f"Predicted recall on the morning: {look.predicted_recall:.0%} over "
            f"{look.studied} studied card(s); {look.below_target} would be under "
            f"{target:.0%} without another review"
        ))  # fmt: skip
    if look.pacing is not None and look.pacing.remaining:
        pace = look.pacing
        lines.append(_indented(f"{pace.remaining} card(s) still new: {pace.per_day} a day "
                               f"introduces them all by {pace.deadline:%d %b}"))  # fmt: skip
    return lines


def _study_lines(plan: DayPlan) -> list[RenderableType]:
    reviews = f"Reviews due: {plan.reviews}"
    if plan.reviews:
        reviews += f" ({_minutes(plan.reviews * plan.seconds_per_review / 60)})"
    lines: list[RenderableType] = [plain(reviews)]
    if plan.deferred:
        note = (f"{plan.deferred} more due, deferred to the next days (at most "
                "max_reviews_per_day a day, the most at risk first)")  # fmt: skip
        lines.append(_indented(note, "yellow"))
    if plan.brought_forward:
        lines.append(
            _indented(f"of which {plan.brought_forward} brought forward for the interview")
        )
    lines.append(plain(f"New cards: {plan.new_cards}"))
    if not plan.nothing_to_study:
        lines.append(plain(f"Study time: {_minutes(plan.minutes)}", "dim"))
    return lines


def _kata_lines(plan: DayPlan) -> list[Text]:
    if plan.katas_due:
        names = ", ".join(f"{k.kata} ({k.track})" for k in plan.katas_due)
        lines = [plain(f"Katas due for practice: {names}")]
    else:
        lines = [plain("Katas due for practice: none")]
    if plan.katas_in_progress:
        names = ", ".join(f"{r.kata} ({r.track})" for r in plan.katas_in_progress)
        lines.append(plain(f"Katas under way: {names}"))
    if plan.next_new_kata:
        lines.append(plain(f"Next new kata: {plan.next_new_kata}"))
    return lines


def plan_panel(plan: DayPlan) -> Panel:
    lines: list[RenderableType] = []
    if plan.interview is not None:
        lines += [*_interview_lines(plan.interview, plan.desired_retention), plain("")]
    lines += _study_lines(plan)
    lines += _kata_lines(plan)
    pick = plan.interview_question
    if pick is not None:
        recall = "" if pick.section_recall is None else f", recall {pick.section_recall:.0%}"
        lines.append(plain(f"Interview question ({pick.section}{recall}):"))
        question = _first_line(pick.prompt.removeprefix("Interview question:").strip())
        question = question[:1].upper() + question[1:]
        lines.append(_indented(question, "italic"))
    return Panel(Group(*lines), title=f"Today, {plan.day:%A %d %B %Y}", title_align="left",
                 border_style="cyan")  # fmt: skip


def _first_line(text: str, limit: int = 140) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def passed_notice(day: date) -> str:
    return (f"Your interview day, {day:%a %d %b %Y}, has passed. Clear the date so the plan "
            "stops counting toward it?")  # fmt: skip


class DayWalk:
    """In a terminal, after the plan: each part offered in turn with one key (Enter
    starts it, s skips it, q stops), in the order the plan is meant to be done."""

    def __init__(self, app: App, plan: DayPlan, prompter: Prompter, console: Console,
                 decks: Sequence[str] = (), tags: Sequence[str] = ()) -> None:  # fmt: skip
        self.app, self.plan, self.prompter, self.out = app, plan, prompter, console
        self.decks, self.tags = decks, tags

    def _offer(self, what: str) -> bool:
        key = self.prompter.key(f"{what} — Enter: start · s: skip · q: quit ", "\rsq")
        if key == "q":
            raise QuitSession
        return key == "\r"

    def run(self) -> None:
        try:
            self._passed_date()
            if not self.plan.nothing_to_study and self._offer("Study the reviews and new cards"):
                self._study()
            kata = self._kata_offer()
            if kata and self._offer(kata):
                self._kata()
            pick = self.plan.interview_question
            if pick and self._offer(f"Answer the interview question ({pick.section})"):
                self._interview(pick.card_id)
        except QuitSession:
            self.out.print("See you tomorrow.", style="dim")

    def _passed_date(self) -> None:
        look = self.plan.interview
        if look is None or not look.passed:
            return
        self.out.print(plain(passed_notice(look.day), "yellow"))
        if self.prompter.key("y: clear it · n: keep it ", "yn") == "y":
            self.app.set_setting("interview_date", None)
            self.out.print("The interview date is cleared.", style="dim")

    def _study(self) -> None:
        from interviewprep.cli.study_ui import StudyScreen, summary_panel

        with self.app.study(self.decks, self.tags) as session:
            if session.next_card() is None:
                return
            summary = StudyScreen(session, self.prompter, self.out).run()
        self.out.print(summary_panel(summary, self.app.clock()))

    def _kata_offer(self) -> str | None:
        """The kata part: one due for practice, else one under way, else a new one."""
        due, under_way = self.plan.katas_due, self.plan.katas_in_progress
        if due:
            return f"Practise the kata {due[0].kata} ({due[0].track}) again from a blank file"
        if under_way:
            return f"Carry on with the kata {under_way[0].kata} ({under_way[0].track})"
        if self.plan.next_new_kata:
            return f"Start the new kata {self.plan.next_new_kata}"
        return None

    def _kata(self) -> None:
        from interviewprep.cli.kata_ui import print_file, print_started

        under_way = self.plan.katas_in_progress
        if under_way and not self.plan.katas_due:
            katas = self.app.katas
            print_file(self.out, katas.resolve(under_way[0].kata, under_way[0].track),
                       " (under way, as you left it)")  # fmt: skip
            return
        print_started(self.out, self.app.katas.next(start_new=True))

    def _interview(self, card_id: str) -> None:
        from interviewprep.cli.interview_ui import run_interview

        with self.app.interview(card_ids=[card_id]) as mock:
            run_interview(mock, self.prompter, self.out)
