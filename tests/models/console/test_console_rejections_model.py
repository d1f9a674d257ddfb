"""RejectionCountModel: exact, counts by reason, new reasons inserted in sorted place."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester

from event_console.models.rejections import RejectionCountModel
from integrado.events import Codec


def test_counts_by_reason_and_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    codec = Codec()
    model = RejectionCountModel()
    model.set_counts({"not_json": 2})
    qtmodeltester.check(model, force_py=True)
    rejections = [codec.decode(b"\xff\xfe", "calls_channel"), codec.decode("[1]", "tasks")]
    rejections += [codec.decode("{nope", "tasks")] * 3
    model.add(rejections)
    assert [model.data(model.index(r, 0)) for r in range(model.rowCount())] == ["not_json", "not_object", "not_utf8"]
    assert model.count("not_json") == 5 and model.count("not_utf8") == 1 and model.total == 7
    assert model.data(model.index(0, 1)) == "5"
    qtmodeltester.check(model, force_py=True)
