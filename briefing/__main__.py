"""`python -m briefing ...`: the briefing command."""

from briefing.cli import main

main()
