"""The supervisors' wallboard: a few numbers against their targets, and one cell per operator.

`board` (the figures, folded from events with the operations ledger), `targets` (the green /
amber / red thresholds from settings), `feed` (the history database: the fold at start, new rows
since, the checkpoint), `view` (the full-screen window) and `presenter` (the Qt side that ties
them together). No Qt in `board`, `targets` or `feed`.
"""
