"""TaskManager: tasks with unlimited subtasks in a tree, on Integrado's event pipeline."""
