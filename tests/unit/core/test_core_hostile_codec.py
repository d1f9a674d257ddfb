"""Every hostile kind of input, decoded by the codec on both channels: the expected reason,
never an exception. The integration tests replay the same corpus through Redis."""

from __future__ import annotations

import json

import pytest

from helpers.hostile_corpus import CALLS, KINDS, TASKS, VALID_TEXTS, _envelope, _valid_text
from integrado.events import Codec, ReceivedEvent, Rejection, encode
from integrado.settings import RedisSettings

CODEC = Codec(RedisSettings().channel_systems())


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
@pytest.mark.parametrize("channel", [CALLS, TASKS])
def test_hostile_message_is_rejected_with_its_reason(kind, channel):
    raw = kind.make(channel)
    result = CODEC.decode(raw, channel)
    assert isinstance(result, Rejection), f"{kind.name} was accepted"
    assert result.reason == kind.reason, result.detail
    assert len(result.preview) <= 120 and "\x07" not in result.preview and "\u202e" not in result.preview


@pytest.mark.parametrize("text", VALID_TEXTS)
def test_html_and_sql_in_a_valid_event_are_content_kept_verbatim(text):
    raw = _valid_text("callsystem", cliente=text, descricao=text)
    result = CODEC.decode(raw, CALLS)
    assert isinstance(result, ReceivedEvent)
    assert result.payload["cliente"] == text and result.raw == raw


# Found by this corpus and fixed in the codec: 1e999 parsed to infinity (consume then printed
# `Infinity`, not JSON), an escaped lone surrogate could not be written as UTF-8.
def test_number_overflowing_to_infinity_is_rejected():
    raw = encode(_envelope("callsystem", data={"x": 1})).replace('"x":1', '"x":1e999')
    result = CODEC.decode(raw, CALLS)
    assert isinstance(result, Rejection) and result.reason == "non_finite_number"


def test_escaped_lone_surrogate_is_rejected():
    raw = encode(_envelope("callsystem", cliente="PLACEHOLDER")).replace("PLACEHOLDER", "\\ud800")
    result = CODEC.decode(raw, CALLS)
    # Accepted, it would reach `integrado consume --jsonl` as a str that cannot be written as UTF-8.
    assert isinstance(result, Rejection), json.dumps(result.payload["cliente"])
