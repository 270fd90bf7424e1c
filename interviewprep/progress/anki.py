"""Export to an Anki package with genanki: a deck per bank deck, a note type per kind
of card, Markdown rendered to HTML, tags and the guide section as Anki tags."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import genanki
from markdown_it import MarkdownIt

from interviewprep.bank import Card, CardType, Deck
from interviewprep.bank.answers import expected_answer
from interviewprep.bank.model import BLANK_PATTERN

CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; }
pre { background: #f4f4f4; padding: 8px; overflow-x: auto; }
.meta { color: #888; font-size: 13px; margin-top: 12px; }
.note { color: #a66; }"""
FOOTER = (
    "<hr id=answer>{{Back}}<div>{{Explanation}}</div>"
    "{{#Note}}<div class=note>{{Note}}</div>{{/Note}}<div class=meta>{{Source}} · {{CardId}}</div>"
)
_markdown = MarkdownIt("commonmark", {"html": False}).enable("table")


def stable_id(name: str) -> int:
    """Anki ids must stay the same between exports so re-imports update, not duplicate."""
    return 1 << 30 | int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") >> 2


def html(text: str | None) -> str:
    return _markdown.render(text) if text else ""


def _model(
    name: str, fields: list[str], front: str, back: str, cloze: bool = False
) -> genanki.Model:
    return genanki.Model(
        stable_id(f"interviewprep model {name}"),
        f"interviewprep {name}",
        fields=[{"name": f} for f in fields],
        templates=[{"name": name, "qfmt": front, "afmt": back}],
        css=CSS,
        model_type=genanki.Model.CLOZE if cloze else genanki.Model.FRONT_BACK,
    )


COMMON = ["Explanation", "Note", "Source", "CardId"]
BASIC = _model("Basic", ["Front", "Back", *COMMON], "{{Front}}", "{{FrontSide}}" + FOOTER)
CHOICE = _model(
    "Choice",
    ["Front", "Choices", "Back", *COMMON],
    "{{Front}}{{Choices}}",
    "{{FrontSide}}" + FOOTER,
)
OPEN = _model(
    "Open", ["Front", "Back", "Rubric", *COMMON], "{{Front}}",
    "{{FrontSide}}" + FOOTER.replace("{{Back}}", "{{Back}}<b>Rubric</b>{{Rubric}}"),
)  # fmt: skip
CLOZE = _model(
    "Cloze",
    ["Text", "Back", *COMMON],
    "{{cloze:Text}}",
    "{{cloze:Text}}" + FOOTER.replace("<hr id=answer>{{Back}}", "<hr id=answer>"),
    cloze=True,
)


def cloze_text(prompt: str) -> str:
    """Our {{answer|other}} blanks as Anki's {{c1::answer}}, one number per blank."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        first = match.group(1).split("|")[0].strip()
        return f"{{{{c{count}::{first}}}}}"

    return BLANK_PATTERN.sub(number, prompt)


def tag(text: str) -> str:
    return re.sub(r"\s+", "_", text.strip())


def note_for(card: Card) -> genanki.Note:
    common = [html(card.explanation), html(card.note), card.source, card.id]
    tags = [tag(t) for t in card.tags] + [f"guide::{tag(card.source)}", f"deck::{card.deck}"]
    guid = genanki.guid_for("interviewprep", card.id)
    if card.type is CardType.CLOZE:
        model, fields = CLOZE, [html(cloze_text(card.prompt)), "", *common]
    elif card.type in (CardType.MCQ, CardType.MULTI):
        choices = "<ol type=a>" + "".join(f"<li>{html(c)}</li>" for c in card.choices) + "</ol>"
        model, fields = CHOICE, [html(card.prompt), choices, html(expected_answer(card)), *common]
    elif card.type is CardType.OPEN:
        rubric = "<ul>" + "".join(f"<li>{html(p.point)}</li>" for p in card.rubric) + "</ul>"
        model, fields = OPEN, [html(card.prompt), html(str(card.answer)), rubric, *common]
    else:
        back = expected_answer(card)
        if card.accept:
            back += "\n\n(also: " + ", ".join(card.accept) + ")"
        model, fields = BASIC, [html(card.prompt), html(back), *common]
    return genanki.Note(model=model, fields=fields, tags=tags, guid=guid)


def write_package(decks: Sequence[Deck], path: Path) -> int:
    """Write `decks` to an .apkg file; returns the number of notes."""
    anki_decks = []
    notes = 0
    for deck in decks:
        anki_deck = genanki.Deck(
            stable_id(f"interviewprep deck {deck.id}"), f"interviewprep::{deck.title}"
        )
        for card in deck.cards:
            anki_deck.add_note(note_for(card))
            notes += 1
        anki_decks.append(anki_deck)
    # `path` is the export's own temporary file (fsutil.output_file puts it in place).
    genanki.Package(anki_decks).write_to_file(str(path))
    return notes
