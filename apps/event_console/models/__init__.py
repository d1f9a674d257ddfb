"""Qt item models of the Event Console (and the Qt-free column store they sit on)."""
