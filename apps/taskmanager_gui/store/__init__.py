"""Persistence: the tasks table (SQLAlchemy 2, adjacency list)."""

from taskmanager_gui.store.tables import Base, TaskRow

__all__ = ["Base", "TaskRow"]
