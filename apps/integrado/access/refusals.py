"""The database's refusals, recognised: "your role may not do this" and "your access was removed".

A service wraps each use case in `access_guard`, which turns them into the app's own
translatable errors (the transaction was rolled back by the server: nothing of the action was
written, and the window keeps what the user typed). Place it inside the storage guard: a login
refused at connect looks to the storage guard like a server that cannot be reached.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from enum import StrEnum

from sqlalchemy.exc import DBAPIError

from integrado.access.rights import Action

log = logging.getLogger(__name__)

INSUFFICIENT_PRIVILEGE = "42501"
# invalid_authorization_specification, invalid_password: drivers that report them at connect.
_LOGIN_REFUSED = frozenset({"28000", "28P01"})
_HINT_PREFIX = "integrado:"


class Refusal(StrEnum):
    """Why the database said no."""

    NOT_ALLOWED = "not_allowed"  # the role lacks the right (grant, policy or trigger)
    ACCESS_REMOVED = "access_removed"  # the login was disabled or dropped: it may not connect


def refusal(exc: BaseException) -> tuple[Refusal, Action | None] | None:
    """What kind of refusal `exc` is, and the `Action` a trigger named (None: a grant or a policy
    refused, or the kind has no action); None when `exc` is no refusal at all."""
    if not isinstance(exc, DBAPIError):
        return None
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate == INSUFFICIENT_PRIVILEGE:
        return Refusal.NOT_ALLOWED, _hinted_action(orig)
    if sqlstate in _LOGIN_REFUSED:
        return Refusal.ACCESS_REMOVED, None
    # libpq reports a refused login without a SQLSTATE; that it had sent a password tells it
    # from a server that never answered (which the storage guard reports as unreachable).
    pgconn = getattr(orig, "pgconn", None)
    if sqlstate is None and pgconn is not None and getattr(pgconn, "used_password", False):
        return Refusal.ACCESS_REMOVED, None
    return None


def _hinted_action(orig: object) -> Action | None:
    diag = getattr(orig, "diag", None)
    hint = getattr(diag, "message_hint", None) or ""
    if not hint.startswith(_HINT_PREFIX):
        return None
    try:
        return Action(hint.removeprefix(_HINT_PREFIX))
    except ValueError:
        return None


def access_guard[**P, R](
    what: str,
    not_allowed: Callable[[Action | None], Exception],
    removed: Callable[[], Exception],
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator for a service's use cases: the database's refusals become the app's errors
    (`not_allowed(action)`, `removed()`); anything else is raised as is."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(*args, **kwargs)
            except DBAPIError as exc:
                found = refusal(exc)
                if found is None:
                    raise
                kind, action = found
                log.warning("%s refused %s (%s): %s", what, method.__name__, kind, str(exc.orig).splitlines()[0])
                if kind is Refusal.ACCESS_REMOVED:
                    raise removed() from exc
                raise not_allowed(action) from exc

        return guarded

    return decorate
