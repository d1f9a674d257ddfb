"""First paint of this tree's apps against another release's, interleaved run by run.

    python bench/startup_compare.py <another release's apps/ folder> [--apps callsystem] [--rounds 15]

A before/after that the machine's drift cannot bias: each round runs the floor then this tree's
app, and the floor then the other release's app (which of the two goes first alternates), on
empty databases, with the harness of `startup_bench.py`. `startup_bench.py --source` measures a
release alone, minutes apart from the current one; on this shared host the floor itself moves by
20 % between such runs. Prints, per app and tree: the median first paint, the median of the floor
runs beside it and their ratio (as `startup_bench.py` reports it), and the median of each run's
ratio to the floor run just before it. Writes nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import isolated_env, redis_server
from startup_bench import APPS, measure, source_label


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("other", type=Path, help="another release's apps/ folder (e.g. in a git worktree)")
    parser.add_argument("--apps", nargs="+", choices=APPS, default=["callsystem", "taskmanager"])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    trees = {"this tree": None, source_label(args.other): args.other.resolve()}
    with tempfile.TemporaryDirectory(prefix="integrado-startup-compare-") as tmp:
        root = Path(tmp)
        with redis_server(root / "redis") as server:
            floor_env = isolated_env(root / "floor", server.url)
            measure("floor", floor_env)
            for app in args.apps:
                envs = {}
                for n, (name, folder) in enumerate(trees.items()):
                    env = isolated_env(root / f"{app}-{n}", server.url)
                    if folder is not None:
                        env["PYTHONPATH"] = os.pathsep.join((str(folder), env["PYTHONPATH"]))
                    measure(app, env)  # warm-up: creates the database, warms the file cache
                    envs[name] = env
                runs: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
                for round_ in range(args.rounds):
                    for name in list(trees)[:: 1 if round_ % 2 == 0 else -1]:
                        floor = measure("floor", floor_env)["painted"]
                        runs[name].append((measure(app, envs[name])["painted"], floor))
                for name, pairs in runs.items():
                    painted = statistics.median(p for p, _ in pairs)
                    floor = statistics.median(f for _, f in pairs)
                    each = statistics.median(p / f for p, f in pairs)
                    print(
                        f"{app:12s} {name:16s} first paint {painted:6.1f} ms  floor {floor:6.1f} ms  "
                        f"ratio {painted / floor:.2f}  (median of each run's ratio {each:.2f}, {len(pairs)} runs)"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
