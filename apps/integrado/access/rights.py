"""What each role may do: the rules the database enforces, mirrored here so the interface can hide
or disable what the signed-in role may not do, and say why.

The database remains the authority (grants and row-level security); a client that ignores these
rules is refused by the server. Keep this table and the database policies in step: the role matrix
test proves each cell both ways.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """The roles of an office. `OWNER` is a single PC (SQLite) or the database owner: every right."""

    OPERATOR = "operator"
    SUPERVISOR = "supervisor"
    OWNER = "owner"


class Action(StrEnum):
    """An action whose right depends on the role (everything else every signed-in user may do)."""

    REGISTER_CALL = "register_call"
    UPDATE_CALL = "update_call"  # edit, change status, close: own or unassigned calls for operators
    ADD_NOTE = "add_note"
    TAKE_CALL = "take_call"  # assign an unassigned call to oneself
    REASSIGN_CALL = "reassign_call"  # assign a call that belongs to another operator
    DELETE_CALL = "delete_call"
    RESTORE_CALL = "restore_call"
    REOPEN_CALL = "reopen_call"
    CHANGE_SLA = "change_sla"
    DELETE_TASK_SUBTREE = "delete_task_subtree"  # deleting a task that has subtasks


_SUPERVISOR_ONLY = frozenset(
    {
        Action.REASSIGN_CALL,
        Action.DELETE_CALL,
        Action.RESTORE_CALL,
        Action.REOPEN_CALL,
        Action.CHANGE_SLA,
        Action.DELETE_TASK_SUBTREE,
    }
)


def allowed(role: Role, action: Action, *, own_or_unassigned: bool = True) -> bool:
    """Whether `role` may do `action`; `own_or_unassigned` says whether the call is the user's own
    or nobody's (operators may update only those)."""
    if role in (Role.SUPERVISOR, Role.OWNER):
        return True
    if action in _SUPERVISOR_ONLY:
        return False
    if action is Action.UPDATE_CALL:
        return own_or_unassigned
    return True


def why_not(role: Role, action: Action, *, own_or_unassigned: bool = True) -> str:
    """An untranslated sentence for a tooltip or message ('' when allowed); the caller translates
    it through its own catalogue (`QCoreApplication.translate("access", ...)`)."""
    if allowed(role, action, own_or_unassigned=own_or_unassigned):
        return ""
    if action is Action.UPDATE_CALL:
        return "Only the operator the call is assigned to, or a supervisor, may change it."
    return "Only a supervisor may do this."
