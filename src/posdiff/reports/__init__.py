"""What each command shows, as plain data: tables of cells, tidy rows and JSON documents,
and the brief's page; no styling, no rich, no typer."""
