"""`python -m pipeline` runs the notes CLI."""

from pipeline.cli import main

main()
