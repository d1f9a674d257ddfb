"""Integrado: the shared core of the CallSystem, TaskManager and Event Console apps."""

__version__ = "0.1.0"
