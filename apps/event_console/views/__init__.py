"""Widgets of the Event Console."""
