"""Qt item models over the pure task tree."""

from taskmanager_gui.models.filter_model import TaskFilterModel, TaskView
from taskmanager_gui.models.tree_model import (
    MATCH_PATH_ROLE,
    MIME_TYPE,
    NODE_ROLE,
    PROGRESS_ROLE,
    TASK_ID_ROLE,
    TITLE_EDIT_ROLE,
    Column,
    TaskTreeModel,
)

__all__ = [
    "MATCH_PATH_ROLE",
    "MIME_TYPE",
    "NODE_ROLE",
    "PROGRESS_ROLE",
    "TASK_ID_ROLE",
    "TITLE_EDIT_ROLE",
    "Column",
    "TaskFilterModel",
    "TaskTreeModel",
    "TaskView",
]
