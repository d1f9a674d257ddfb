"""The office, shortened: 8 operator PCs (separate processes, each its own host name and
operator) for one minute on one PostgreSQL and one Redis under the shipped ACL, two relay
services, two consoles; the active relay SIGSTOPped for 20 s and one PC SIGKILLed.

Nothing may be lost, stored twice or missing without a gap shown, and the standby must take over
within 15 s. The latencies are printed, not asserted: their targets belong to the full benchmark
(`bench/office_bench.py`, N = 50 for five minutes), not to a shared CI machine.
"""

from __future__ import annotations

import json

import pytest

from helpers.office.harness import OfficeConfig, run_office

pytestmark = pytest.mark.integration

CONFIG = OfficeConfig.shortened()


@pytest.mark.timeout(int(CONFIG.deadline_s) + 60)
def test_an_office_loses_nothing_through_a_frozen_relay_and_a_killed_pc() -> None:
    figures = run_office(CONFIG, progress=lambda line: print(f"office: {line}", flush=True))
    details = figures.pop("details")
    print(json.dumps(figures, indent=1))
    print(json.dumps({k: v for k, v in details.items() if not k.endswith("_samples")}, indent=1))

    assert figures["office_pcs"] == 8
    # The PCs acted (once a second each, less what a busy machine made them skip).
    assert figures["office_actions"] >= 0.5 * (7 * CONFIG.seconds + CONFIG.pc_kill_at)
    assert details["office_killed_pc"] and details["office_stopped_relay"]
    assert details["office_pcs_finished"] == 7
    assert figures["office_lost"] == 0, details["office_consoles"]
    assert figures["office_duplicates_stored"] == 0
    assert figures["office_silent_gaps"] == 0
    assert details["office_left_pending"] == 0 and details["office_dead_letters"] == 0
    assert details["office_stream_out_of_order"] == 0
    # The standby took over (a first publish after the SIGSTOP), within 15 s of it.
    assert figures["office_failover_s"] is not None
    assert figures["office_failover_s"] <= 15.0
    # Every other PC's event reached every running PC's live view.
    assert details["office_view_missing"] == 0
    assert figures["office_commit_to_other_pc_ms_p99"] is not None
