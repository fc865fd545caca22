"""The command line: parse options, call the core, pick a renderer, return an exit code.

Core modules are imported inside the commands so that each command loads only what it
needs (start-up time is most of a posdiff run).
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from posdiff.errors import PosdiffError


class _Group(TyperGroup):
    """The one boundary where the project's errors become a message and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PosdiffError as exc:
            typer.echo(f"posdiff: {exc}", err=True)
            ctx.exit(exc.exit_code)


app = typer.Typer(
    cls=_Group,
    help="Compare what the parties to a negotiation have said they want.\n\n"
    "Examples:\n\n"
    "  posdiff check\n\n"
    "  posdiff compare russia ukraine\n\n"
    "  posdiff matrix --issue territory\n\n"
    "  posdiff show us --format markdown",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


PositionsOption = Annotated[Path | None, typer.Option(
    "--positions", help="Folder with issues.yaml and the party files "
    "[default: found by walking up from here, else the shipped dataset].",
    file_okay=False)]
SeedsOption = Annotated[Path | None, typer.Option(
    "--seeds", help="Folder with the seed texts and index.yaml [default: beside positions].",
    file_okay=False)]


@app.command()
def check(
    positions: PositionsOption = None,
    seeds: SeedsOption = None,
    output: Annotated[CheckFormat | None, typer.Option(
        "--format", "-f", help="text, json or github [default: github under GitHub Actions, "
        "else text].")] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings too.")] = False,
    min_score: Annotated[float, typer.Option(
        min=0, max=100, help="Lowest fuzzy score (0-100) at which a quote still counts as "
        "found.")] = 85.0,
    min_words: Annotated[int, typer.Option(
        min=1, help="Quotes with fewer words are flagged as too short.")] = 4,
) -> None:
    """Validate the record and anchor every quote in its seed.

    Exit 0 when clean, 1 when there are errors (or warnings with --strict).

    Example: posdiff check --strict --format github
    """
    from posdiff.anchoring import AnchorSettings
    from posdiff.check import run_check
    from posdiff.paths import resolve_paths
    from posdiff.render.check_report import CHECK_FORMATS

    chosen = output or (CheckFormat.github if os.environ.get("GITHUB_ACTIONS") == "true"
                        else CheckFormat.text)
    report = run_check(resolve_paths(positions, seeds), AnchorSettings(min_score, min_words))
    CHECK_FORMATS[chosen.value](report, sys.stdout, strict)
    raise typer.Exit(0 if report.ok(strict) else 1)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="party, issues or seeds")] = "party",
) -> None:
    """Print the JSON Schema of a party file, the issue catalogue or the seed index.

    Example: posdiff schema issues > schema/issues.schema.json
    """
    import json

    from posdiff.errors import UsageError
    from posdiff.formats import SCHEMAS, schema_document

    if kind not in SCHEMAS:
        raise UsageError(f"unknown schema '{kind}'; choose one of: {', '.join(SCHEMAS)}")
    typer.echo(json.dumps(schema_document(kind), indent=2))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); that is not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        sys.exit(130)
