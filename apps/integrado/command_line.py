"""What every command-line entry point shares: the one-line error and the settings it starts from.

The `integrado` command lives in `integrado_suite`; the subcommands that live with the code they
drive (the console's `export`) use these too, so they import nothing from the composition package.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # The settings (platformdirs, the settings file's parser) are read when a command runs: the
    # `integrado` command's --help and --version never need them.
    import argparse

    from integrado.settings import Settings

# A command line is public: `ps` shows it to every user of the computer while the program runs.
EXPOSED_URL_WARNING = (
    "integrado: warning: the password in --redis-url can be read by every user of this computer "
    "(ps shows command lines); give the URL without it and keep the password in the OS keyring "
    "(keyring set integrado <user>) or in the REDIS_PASSWORD environment variable"
)


class CliError(Exception):
    """A one-line message for the person at the terminal; exit status 1 (2 for usage)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


def settings_env(args: argparse.Namespace) -> dict[str, str]:
    """The environment the settings are read from, `--redis-url` over REDIS_URL (with a warning
    when that URL holds a password)."""
    from integrado.secrets import url_password

    env = dict(os.environ)
    if getattr(args, "redis_url", None):
        env["REDIS_URL"] = args.redis_url
        if url_password(args.redis_url):
            print(EXPOSED_URL_WARNING, file=sys.stderr)
    return env


def load_settings(args: argparse.Namespace) -> Settings:
    """Settings from the environment and the settings file, `--redis-url` over both."""
    from integrado.settings import Settings

    return Settings.load(settings_env(args))
