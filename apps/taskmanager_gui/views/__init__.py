"""Widgets of the TaskManager window."""
