"""The terminal layer: typer commands that parse arguments, call the core and render."""
