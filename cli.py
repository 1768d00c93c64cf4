"""The `briefing` command from a checkout: `python cli.py ...` runs briefing.cli (the package's
own command line, which an installed `briefing` and `python -m briefing` run too)."""

from briefing.cli import main

if __name__ == "__main__":
    main()
