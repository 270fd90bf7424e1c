"""The study loop in the terminal: show a card, ask in the way its type needs, show the
verdict and explanation, take a rating. All state changes go through StudySession."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from interviewprep.bank import Card, CardType
from interviewprep.cli.prompter import Prompter, QuitSession
from interviewprep.cli.render import (
    answer_lines,
    explanation_panel,
    plain,
    prompt_panel,
    rubric_feedback,
    safe_text,
)
from interviewprep.study.rating import Rating, rating_label
from interviewprep.study.session import (
    AnsweredElsewhere,
    Outcome,
    Response,
    StudySession,
    Summary,
    Turn,
)

if TYPE_CHECKING:  # the grader (and rapidfuzz, 8 ms) loads with the first answer
    from interviewprep.study.grading import Grade

ACTION_HELP = "/s skip · /b bury · /! suspend · /f flag · /u undo · /q quit"
ACTIONS_CHOICE = "… skip, bury, suspend, flag, undo or quit"
ACTION_KEYS = {"s": "skip", "b": "bury", "!": "suspend", "f": "flag", "u": "undo", "q": "quit"}
RATING_KEYS = "1234"


class CardAction(Exception):
    """The person chose an action instead of answering."""

    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action


def _command(text: str) -> str | None:
    """A typed "/x" command, or None when the text is an answer."""
    stripped = text.strip()
    if stripped.startswith("/") and stripped[1:2] in ACTION_KEYS and len(stripped) <= 9:
        return ACTION_KEYS[stripped[1]]
    return None


def _multi_lines(card: Card, grade: Grade) -> list[Text]:
    """Each choice with what the person did with it: the lesson is in which ones they
    missed or wrongly ticked, not only in the list of right answers."""
    lines = []
    for choice, matched in zip(card.choices, grade.parts, strict=True):
        right = choice in card.answers
        if matched and right:
            lines.append(plain(f"✓ {choice}", "green"))
        elif matched:
            lines.append(plain(f"· {choice}  (rightly left out)", "dim"))
        elif right:
            lines.append(plain(f"✗ {choice}  (right: you left it out)", "red"))
        else:
            lines.append(plain(f"✗ {choice}  (not right: you ticked it)", "red"))
    return lines


class StudyScreen:
    """Renders one session and drives it with a prompter."""

    def __init__(
        self,
        session: StudySession,
        prompter: Prompter,
        console: Console,
        *,
        rng: random.Random | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.prompter = prompter
        self.console = console
        self.rng = rng or random.Random()
        self.monotonic = monotonic

    # -- asking --------------------------------------------------------------------------

    def _typed(self, message: str) -> str:
        text = self.prompter.text(message)
        action = _command(text)
        if action:
            raise CardAction(action)
        return text

    def _choose_action(self) -> str:
        key = self.prompter.key(
            "s skip · b bury · ! suspend · f flag · u undo · q quit · Enter back: ",
            "sb!fuq\r",
        )
        if key == "\r":
            return "back"
        return ACTION_KEYS[key]

    def _ask(self, card: Card) -> Response:
        """Ask for the answer in the card type's own way; returns what the person gave."""
        if card.type is CardType.FLASHCARD:
            key = self.prompter.key(
                "Enter: show the answer · s skip · b bury · ! suspend · f flag · u undo · q quit ",
                "\r sb!fuq",
            )
            if key not in "\r ":
                raise CardAction(ACTION_KEYS[key])
            return None
        if card.type in (CardType.MCQ, CardType.MULTI):
            return self._choose(card)
        if card.type is CardType.CLOZE:
            count = len(card.blanks)
            return [
                self._typed(f"Blank {i + 1} of {count}:" if count > 1 else "Blank:")
                for i in range(count)
            ]
        message = {
            CardType.NUMERIC: f"Your number{f' (in {card.unit})' if card.unit else ''}:",
            CardType.SHORT: "Your answer:",
            CardType.OPEN: "Your answer (one paragraph, Enter to submit):",
        }[card.type]
        return self._typed(message)

    def _choose(self, card: Card) -> Response:
        # The menu shows choices with control characters escaped (questionary would pass
        # them to the terminal); what was picked maps back to the real choice.
        shown = {safe_text(c): c for c in card.choices}
        choices = list(shown)
        self.rng.shuffle(choices)
        while True:
            if card.type is CardType.MCQ:
                picked = self.prompter.select("Your answer:", [*choices, ACTIONS_CHOICE])
                if picked != ACTIONS_CHOICE:
                    return shown.get(picked, picked)
            else:
                # The actions are a choice here too: a select-all card had no way to
                # skip, bury or quit but Ctrl-C.
                ticked = self.prompter.checkbox(
                    "Tick every right answer:", [*choices, ACTIONS_CHOICE]
                )
                if ACTIONS_CHOICE not in ticked:
                    return [shown.get(t, t) for t in ticked]
            action = self._choose_action()
            if action != "back":
                raise CardAction(action)

    # -- showing -------------------------------------------------------------------------

    def _header(self, card: Card) -> Text:
        p = self.session.progress()
        parts = [f"Card {p.position} of {p.total}", f"due {p.due_left}", f"new {p.new_left}"]
        if p.learning_left:
            parts.append(f"learning {p.learning_left}")
        header = Text(" · ".join(parts), style="bold")
        header.append(f"   {safe_text(card.deck)} · {card.type.value}", style="dim")
        if self.session.is_leech(card.id):
            header.append("   LEECH", style="bold red")
        return header

    def _verdict(self, card: Card, grade: Grade | None) -> Panel:
        body: list[object] = []
        if grade is None:
            body += answer_lines(card)
        elif card.type is CardType.OPEN:
            body += rubric_feedback(card, grade)
        else:
            mark = ("✓ Correct", "green") if grade.correct else ("✗ Not quite", "red")
            body.append(plain(mark[0], f"bold {mark[1]}"))
            if card.type is CardType.MULTI:
                body += _multi_lines(card, grade)
            elif card.type is CardType.CLOZE and len(grade.parts) > 1:
                for i, (ok, variants) in enumerate(zip(grade.parts, card.blanks, strict=True)):
                    body.append(plain(f"{'✓' if ok else '✗'} blank {i + 1}: {variants[0]}"))
            else:
                body.append(plain(f"Expected: {grade.expected}"))
        border = (
            "green"
            if grade and grade.correct
            else "red"
            if grade and grade.correct is False
            else "white"
        )
        return Panel(Group(*body), title="Answer", title_align="left", border_style=border)  # type: ignore[arg-type]

    def _interval(self, outcome: Outcome) -> str:
        days = outcome.interval_days
        if days is None:
            return ""
        if days < 1 / 24:
            return f"again in {max(1, round(days * 24 * 60))} min"
        if days < 1:
            return f"again in {round(days * 24)} h"
        return f"again in {round(days)} day{'s' if round(days) != 1 else ''}"

    def _rate(self, proposed: int | None) -> str:
        names = " ".join(f"{k} {rating_label(int(k))}" for k in RATING_KEYS)
        extra = "u undo · f flag · q quit "
        if proposed is None:
            return self.prompter.key(f"Rate: {names} · {extra}", RATING_KEYS + "ufq")
        keep = f"Proposed {rating_label(proposed)} (Enter keeps it)"
        return self.prompter.key(f"{keep} · {names} · {extra}", "\r" + RATING_KEYS + "ufq")

    # -- the loop ------------------------------------------------------------------------

    def _act(self, action: str) -> None:
        s = self.session
        if action == "quit":
            raise QuitSession
        if action == "skip":
            s.skip()
        elif action == "bury":
            s.bury()
            self.console.print("Buried until tomorrow.", style="dim")
        elif action == "suspend":
            s.suspend()
            self.console.print("Suspended: it will not come up again.", style="dim")
        elif action == "flag":
            self._toggle_flag()
        elif action == "undo":
            try:
                card = s.undo()
            except AnsweredElsewhere as exc:
                self._answered_elsewhere(exc, "nothing undone")
                return
            self.console.print(
                f"Undid the answer to {safe_text(card.id)}." if card else "Nothing to undo.",
                style="dim",
                markup=False,
            )

    def _answered_elsewhere(self, exc: AnsweredElsewhere, consequence: str) -> None:
        self.console.print(
            f"{safe_text(exc.card_id)} was answered in another session since; {consequence}.",
            style="yellow",
            markup=False,
        )

    def _toggle_flag(self, card_id: str | None = None) -> None:
        marked = self.session.toggle_flag(card_id)
        self.console.print("Flagged." if marked else "Flag removed.", style="dim")

    @staticmethod
    def _lapses(outcome: Outcome) -> int:
        return outcome.record.lapses if outcome.record else 0

    def _show_outcome(self, outcome: Outcome) -> None:
        if outcome.became_leech:
            self.console.print(
                f"This card is now a leech: forgotten {self._lapses(outcome)} times. Read the "
                "explanation closely; "
                "rewrite it in your words, or suspend it (!) if it is not worth it.",
                style="bold red",
            )
        interval = self._interval(outcome)  # empty when the schedule does not move (quiz)
        rated = rating_label(outcome.review.rating)
        self.console.print(plain(f"{rated} · {interval}" if interval else rated, "dim"))

    def _study_card(self, card: Card) -> None:
        self.console.rule(style="dim")
        self.console.print(self._header(card))
        self.console.print(prompt_panel(card, title=card.id, with_choices=False))
        if card.type not in (CardType.FLASHCARD, CardType.MCQ, CardType.MULTI):
            self.console.print(
                f"(commands: {ACTION_HELP}; an empty answer means you don't know)", style="dim"
            )
        started = self.monotonic()
        try:
            response = self._ask(card)
        except CardAction as exc:
            self._act(exc.action)
            return
        turn = self.session.respond(response, self.monotonic() - started)
        self.console.print(self._verdict(card, turn.grade))
        self.console.print(explanation_panel(card, missed=turn.missed))
        self._finish(turn)

    def _finish(self, turn: Turn) -> None:
        """Take the person's rating of the turn (or undo, flag, quit) and show the outcome."""
        while True:
            key = self._rate(turn.proposed)
            if key == "f":
                self._toggle_flag(turn.card.id)
                continue
            if key == "q":
                if turn.outcome is not None:  # the proposed rating was saved already
                    self._show_outcome(turn.outcome)
                raise QuitSession
            if key == "u":
                self._take_back(turn)
                return
            break
        rating = None if key == "\r" else Rating(int(key))
        try:
            outcome = self.session.rate(turn, rating)
        except AnsweredElsewhere as exc:
            assert turn.outcome is not None and turn.proposed is not None
            self._answered_elsewhere(exc, f"the rating stays {turn.proposed.label}")
            outcome = turn.outcome
        self._show_outcome(outcome)

    def _take_back(self, turn: Turn) -> None:
        if turn.outcome is None:
            self.console.print("Not rated; the card comes again.", style="dim")
            return
        try:
            self.session.undo()
        except AnsweredElsewhere as exc:  # the answer stands, as the other one does
            self._answered_elsewhere(exc, "nothing undone")
            self._show_outcome(turn.outcome)
            return
        self.console.print("Answer taken back; the card comes again.", style="dim")

    def run(self) -> Summary:
        """Study until the queue is empty or the person quits; answers are already saved."""
        try:
            while (card := self.session.next_card()) is not None:
                self._study_card(card)
        # Ctrl-C inside a prompt arrives as QuitSession; between prompts (while a card is
        # drawn, or questionary loads) it is a KeyboardInterrupt, and means the same.
        except (QuitSession, KeyboardInterrupt):
            self.console.print("Stopped. Every answer you gave is saved.", style="dim")
        return self.session.summary()


def when(moment: datetime, now: datetime) -> str:
    """A due time as a person reads it: 'now', 'in 3 h', 'in 2 days (Tue 3 Mar)'."""
    delta = (moment - now).total_seconds()
    local = moment.astimezone()
    if delta <= 60:
        return "now"
    if delta < 3600:
        return f"in {round(delta / 60)} min"
    if delta < 86400:
        return f"in {round(delta / 3600)} h (at {local:%H:%M})"
    days = round(delta / 86400)
    return f"in {days} day{'s' if days != 1 else ''} ({local:%a %d %b})"


def deferred_note(deferred: int) -> str:
    return (f"{deferred} more review(s) are due than max_reviews_per_day allows: the most "
            "at risk come first, the rest are spread over the next days.")  # fmt: skip


def nothing_to_study(next_due: datetime | None, now: datetime) -> str:
    later = f"The next card is due {when(next_due, now)}." if next_due else ""
    return f"Nothing to study now: today's reviews and new cards are done. {later}"


def summary_panel(summary: Summary, now: datetime) -> Panel:
    minutes, seconds = divmod(int(summary.seconds), 60)
    lines = [f"Cards answered: {summary.answered}"]
    if summary.accuracy is not None:
        lines.append(f"Accuracy: {summary.correct}/{summary.graded} ({summary.accuracy:.0%})")
    lines.append(f"Time: {minutes} min {seconds:02d} s")
    lines.append(
        f"Next due: {when(summary.next_due, now) if summary.next_due else 'nothing scheduled'}"
    )
    lines.append(f"Streak: {summary.streak_days} day{'s' if summary.streak_days != 1 else ''}")
    return Panel(
        "\n".join(lines), title="Session summary", title_align="left", border_style="magenta"
    )


def quiz_report(session: StudySession) -> Group:
    """Score and the cards missed, for the end of a quiz."""
    answers = session.answers()
    missed = session.misses()
    right = len(answers) - len(missed)
    score = plain(f"Score: {right}/{len(answers)}", "bold")
    if not missed:
        return Group(score, plain("Nothing missed." if answers else "No answers given."))
    lines = [plain("Missed:", "bold")]
    for review in missed:
        card = session.cards[review.card_id]
        first = card.prompt.strip().splitlines()[0][:70]
        lines.append(plain(f"  {card.id}: {first}  →  interviewprep show {card.id}"))
    return Group(score, *lines)
