"""The Event Console: supervisors watch every event of CallSystem and TaskManager, live and historic."""
