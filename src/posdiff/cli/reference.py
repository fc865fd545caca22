"""`posdiff docs` and `posdiff schema`: what comes with posdiff to read."""

from __future__ import annotations

from typing import Annotated

import typer

from posdiff.cli.options import topics
from posdiff.errors import UsageError
from posdiff.words import printable


def schema(
    kind: Annotated[str, typer.Argument(
        metavar="[KIND]", help="party, issues or seeds.")] = "party",
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="COMMAND", help="Describe the --format json output of "
        "COMMAND (compare, matrix, compromise, ...) instead of a file.")] = None,
) -> None:
    """Print the JSON Schema of a record file (a party file, the issue catalogue, the seed
    index) or, with --output, of a command's `--format json` output.

    Example: posdiff schema issues > schema/issues.schema.json
    """
    import json

    from posdiff.record.schema import SCHEMAS, schema_text
    from posdiff.reports.schema import OUTPUTS, output_schema

    if output is not None:
        if output not in OUTPUTS:
            raise UsageError(f"no JSON output schema for '{printable(output)}'; choose one of: "
                             f"{', '.join(OUTPUTS)}")
        typer.echo(json.dumps(output_schema(output), indent=2))
    elif kind in SCHEMAS:
        typer.echo(schema_text(kind), nl=False)
    else:
        raise UsageError(f"unknown schema '{printable(kind)}'; choose one of: {', '.join(SCHEMAS)} "
                         "(or --output COMMAND for a command's JSON output)")


def docs(
    topic: Annotated[str | None, typer.Argument(
        metavar="[TOPIC]", help="A topic; `posdiff docs` alone lists them.",
        autocompletion=topics)] = None,
) -> None:
    """Read the documentation that comes with posdiff: the record's file format, how to
    curate it, the quote rule, the forecast model, the changes to the shipped record.
    Prose is refilled to the terminal (80 columns in a pipe, at most 100); code and
    tables print as written.

    Example: posdiff docs data-format
    """
    from posdiff.cli.docs import TOPICS, read_topic

    if topic is None:
        typer.echo("Topics (read one with `posdiff docs TOPIC`):")
        width = max(map(len, TOPICS))
        for name, entry in TOPICS.items():
            typer.echo(f"  {name:<{width}}  {entry.about}")
        return
    from posdiff.render.console import make_console
    from posdiff.render.prose import PROSE_WIDTH, refill

    typer.echo(refill(read_topic(topic), min(make_console().width, PROSE_WIDTH)), nl=False)
