"""The README documents every command and option, and every command has help: kept honest."""

from __future__ import annotations

import click
import pytest

from briefing import cli
from tests.helpers import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "briefing") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found += commands(command, path)
    return found


COMMANDS = commands(cli.main)


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(path, command):
    assert command.help, f"{path} has no help"
    words = path.split()
    shown = " ".join(words[:2]) if len(words) > 2 and words[1] == "schedule" else path
    assert shown in README, f"{path} is not in the README"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_option_has_help_and_is_in_the_readme(path, command):
    for parameter in command.params:
        if not isinstance(parameter, click.Option):
            continue
        assert parameter.help, f"{path} {parameter.opts[0]} has no help"
        assert any(opt in README for opt in parameter.opts), \
            f"{path} {parameter.opts[0]} is not in the README"
