"""Logging to a rotating file in the user's data folder (and warnings to stderr).

Every line is redacted before it is written: the password inside any Redis or database URL, and
the passwords given by value (`secrets`: passwords, or URLs whose passwords are meant).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from integrado.secrets import redact_url, secret_values


class _RedactFilter(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = secret_values(secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self._redact(record.getMessage()), None
        if record.exc_info:
            # A crash's traceback can quote the secret (a URL in an exception message).
            record.exc_text = self._redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = self._redact(record.stack_info)
        return True

    def _redact(self, text: str) -> str:
        return redact_url(text, *self.secrets)


def setup_logging(log_dir: Path, name: str, *, secrets: list[str] | None = None, verbose: bool = False) -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / f"{name}.log"
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    redact = _RedactFilter(secrets or [])
    file_handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    file_handler.addFilter(redact)
    console = logging.StreamHandler()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    console.addFilter(redact)
    root.addHandler(file_handler)
    root.addHandler(console)
    return path
