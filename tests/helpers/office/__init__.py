"""An office on one machine: one PostgreSQL, one Redis, the relay service twice (active and hot
standby), N operator PCs as separate processes and two consoles, with faults on a timetable.

`harness.run_office()` runs it and returns the figures; `bench/office_bench.py` (N = 50, five
minutes) and `tests/integration/office/` (N = 8, one minute) drive it. `pc` is the operator PC's
program, `analysis` turns what every process wrote into the figures.
"""
