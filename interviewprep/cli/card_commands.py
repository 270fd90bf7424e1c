"""card suspend|unsuspend|bury|unbury|flag|unflag: change a card's flags outside a session."""

from __future__ import annotations

from typing import Annotated

import typer

from interviewprep.cli.common import BankOption, console, open_app, print_json
from interviewprep.study.card_states import FlagChange

card_app = typer.Typer(
    help="Suspend, bury or flag cards (and undo those) by id.", no_args_is_help=True
)

IdsArg = Annotated[list[str], typer.Argument(help="Card ids, as `cards` lists them.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print what changed as JSON.")]

DONE = {
    FlagChange.SUSPEND: ("suspended", "was already suspended"),
    FlagChange.UNSUSPEND: ("unsuspended", "was not suspended"),
    FlagChange.BURY: ("buried until tomorrow", "was already buried"),
    FlagChange.UNBURY: ("unburied", "was not buried"),
    FlagChange.FLAG: ("flagged", "was already flagged"),
    FlagChange.UNFLAG: ("unflagged", "was not flagged"),
}
HELP = {
    FlagChange.SUSPEND: "Take cards out of every session (study and quiz) until unsuspended.",
    FlagChange.UNSUSPEND: "Put suspended cards back into sessions.",
    FlagChange.BURY: "Hide cards until tomorrow (local midnight).",
    FlagChange.UNBURY: "Bring buried cards back today.",
    FlagChange.FLAG: "Mark cards for attention; `cards --state flagged` lists them.",
    FlagChange.UNFLAG: "Remove the mark.",
}


def _command(change: FlagChange) -> None:
    def run(card_ids: IdsArg, as_json: JsonOption = False, bank: BankOption = None) -> None:
        results = open_app(bank).change_cards(card_ids, change)
        if as_json:
            print_json(results)
            return
        done, already = DONE[change]
        out = console()
        for result in results:
            out.print(f"{result.card_id}: {done if result.changed else already}", markup=False)

    run.__doc__ = f"{HELP[change]}\n\nExample: interviewprep card {change.value} tfm-attn-why-scale"
    card_app.command(change.value)(run)


for _change in FlagChange:
    _command(_change)


def register(app: typer.Typer) -> None:
    app.add_typer(card_app, name="card")
