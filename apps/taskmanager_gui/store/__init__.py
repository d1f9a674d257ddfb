"""Persistence: the tasks table (SQLAlchemy 2, adjacency list)."""

from taskmanager_gui.store.tables import TASKS, Base, TaskRow

__all__ = ["TASKS", "Base", "TaskRow"]
