"""The intake validator (written out for speed) and the published JSON Schema agree.

Thousands of envelopes are generated from valid ones by deleting each key and by replacing each
key (and each actor/changes member) with values of every JSON type; the reference validator
(jsonschema, Draft 7) and the codec must accept and reject exactly the same ones.
"""

from __future__ import annotations

import copy
import itertools
import json

import jsonschema
import pytest

from integrado.events import Actor, call_event, task_event
from integrado.events.codec import _check_envelope, _Reject
from integrado.events.envelope import utc_now_rfc3339
from integrado.resources import resource_path

SCHEMA = json.loads(resource_path("schema", "event-v1.schema.json").read_text(encoding="utf-8"))
REFERENCE = jsonschema.Draft7Validator(SCHEMA)

VALUES = [
    None,
    True,
    False,
    0,
    1,
    -1,
    7,
    1.5,
    # The signed 64-bit column's bounds, and one past each.
    2**63 - 1,
    2**63,
    -(2**63),
    -(2**63) - 1,
    "",
    "x",
    "call.created",
    "task.created",
    "call.exploded",
    "callsystem",
    "taskmanager",
    "pendente",
    "concluida",
    "aberta",
    [],
    [1],
    [1, 2],
    [1, 2, 3],
    {},
    {"user": "a", "host": "b"},
    {"user": "a"},
    {"user": 1, "host": "b"},
    {"user": "u" * 201, "host": "b"},
    {"status": ["a", "b"]},
    {"status": "a"},
    {"status": [1]},
    "0b6f3c7e-1c1e-4f0e-b0f4-1a1f5f7d9c21",
    "0B6F3C7E-1C1E-4F0E-B0F4-1A1F5F7D9C21",
    "2026-11-26T01:02:03.123456Z",
    "2026-11-26T01:02:03.123456+00:00",
    "2026-11-26T01:02:03Z",
    "2026-11-26 01:02:03.123456Z",
    "a" * 64,
    "a" * 65,
]


def base_envelopes() -> list[dict]:
    actor = Actor("ana", "pc-01")
    envs = []
    for verb in ("created", "status_changed", "closed"):
        envs.append(
            call_event(
                f"call.{verb}",
                1,
                cliente="Maria",
                descricao="d",
                closed=verb == "closed",
                data={"id": 1},
                actor=actor,
                changes={"status": ["a", "b"]} if verb != "created" else None,
            )
        )
    for verb in ("created", "moved", "completed"):
        envs.append(
            task_event(f"task.{verb}", 2, title="t", completed=verb == "completed", data={"id": 2}, actor=actor)
        )
    for n, env in enumerate(envs):
        env["seq"] = 3
        env["occurred_at"] = utc_now_rfc3339()
        if n % 2:
            env["origin"] = "5b0f8f46-2f4c-4c1e-a4a4-0c8e2d3b7f10"  # optional: half have it
    return envs


def mutations():
    for env in base_envelopes():
        yield env
        keys = [*env.keys(), "changes", "cliente", "title", "status", "completed", "origin"]
        for key in dict.fromkeys(keys):
            if key in env:
                broken = copy.deepcopy(env)
                del broken[key]
                yield broken
            for value in VALUES:
                changed = copy.deepcopy(env)
                changed[key] = value
                yield changed
        for member, value in itertools.product(("user", "host"), VALUES):
            changed = copy.deepcopy(env)
            changed["actor"][member] = value
            yield changed


def fast_accepts(env: dict) -> bool:
    try:
        _check_envelope(env)
    except _Reject:
        return False
    return True


def test_the_fast_validator_matches_the_json_schema() -> None:
    checked = accepted = 0
    for env in mutations():
        if type(env.get("schema")) is not int or env["schema"] != 1:
            continue  # the version is checked before either validator runs
        expected = REFERENCE.is_valid(env)
        assert fast_accepts(env) == expected, json.dumps(env)[:400]
        checked += 1
        accepted += expected
    assert checked > 2000 and 6 < accepted < checked / 2


@pytest.mark.parametrize("key", ["seq", "id"])
def test_booleans_are_not_whole_numbers(key: str) -> None:
    env = base_envelopes()[0]
    env[key] = True
    assert not fast_accepts(env) and not REFERENCE.is_valid(env)
