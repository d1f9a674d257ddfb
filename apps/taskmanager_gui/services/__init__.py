"""Use cases: one transaction (business rows + outbox events) per user action."""

from taskmanager_gui.services.task_service import ChangeSet, ConflictError, NotFoundError, TaskService

__all__ = ["ChangeSet", "ConflictError", "NotFoundError", "TaskService"]
