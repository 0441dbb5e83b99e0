"""The provider served exactly as the engine runs it (`python -u -m pulumi.dynamic`, notes §2), driven over gRPC."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.dynamic.dynamic import serialize_provider
from pulumi.runtime import rpc
from pulumi.runtime.proto import provider_pb2 as pb
from pulumi.runtime.proto import provider_pb2_grpc as pbg

from pulumi_zorio.resources import VariableProvider

URN = "urn:pulumi:stack::project::pulumi-python:dynamic/zorio:Variable::greeting"


def struct(values: dict[str, Any]) -> Any:
    """A protobuf Struct as the engine sends it (a private loop: asyncio.run would unset the global one)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(rpc.serialize_properties(values, {}))
    finally:
        loop.close()


def plain(message: Any) -> dict[str, Any]:
    return dict(rpc.deserialize_properties(message))


@pytest.fixture
def host(tmp_path: Path) -> Iterator[pbg.ResourceProviderStub]:
    """The dynamic-provider host on a free port, with a project directory as cwd (as the engine starts it)."""
    process = subprocess.Popen([sys.executable, "-u", "-m", "pulumi.dynamic", "unused-engine-address"],
                               stdout=subprocess.PIPE, cwd=tmp_path)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            yield pbg.ResourceProviderStub(channel)
    finally:
        process.kill()
        process.wait()


def test_host_runs_the_variable_lifecycle_with_configured_credentials(
    emulator: Any, token: str, host: pbg.ResourceProviderStub
) -> None:
    host.Configure(pb.ConfigureRequest(args=struct({"zorio:baseUrl": emulator.base_url, "zorio:token": token})))
    blob = serialize_provider(VariableProvider())
    news = {"variable_code": "greeting", "name": "Greeting", "__provider": blob}

    checked = host.Check(pb.CheckRequest(urn=URN, olds=struct({}), news=struct(news)))
    assert list(checked.failures) == []
    created = host.Create(pb.CreateRequest(urn=URN, properties=checked.inputs))
    assert plain(created.properties)["variable_code"] == "greeting"

    renamed = struct({**news, "name": "Hello"})
    diff = host.Diff(pb.DiffRequest(id=created.id, urn=URN, olds=created.properties, news=renamed))
    assert diff.changes == pb.DiffResponse.DIFF_SOME and list(diff.replaces) == []
    recode = struct({**news, "variable_code": "hello"})
    diff = host.Diff(pb.DiffRequest(id=created.id, urn=URN, olds=created.properties, news=recode))
    assert list(diff.replaces) == ["variable_code"]

    updated = host.Update(pb.UpdateRequest(id=created.id, urn=URN, olds=created.properties, news=renamed))
    read = host.Read(pb.ReadRequest(id=created.id, urn=URN, properties=updated.properties))
    assert plain(read.properties)["name"] == "Hello"
    host.Delete(pb.DeleteRequest(id=created.id, urn=URN, properties=updated.properties))
    gone = host.Read(pb.ReadRequest(id=created.id, urn=URN, properties=updated.properties))
    assert gone.id == ""
    for response in (checked.inputs, created.properties, updated.properties, read.properties):
        assert token not in str(response)


def test_host_reports_check_failures_per_property(host: pbg.ResourceProviderStub) -> None:
    news = {"variable_code": "Not A Code", "__provider": serialize_provider(VariableProvider())}
    checked = host.Check(pb.CheckRequest(urn=URN, olds=struct({}), news=struct(news)))
    assert [(f.property, "lowercase" in f.reason) for f in checked.failures] == [("variable_code", True)]


def test_refusal_reaches_the_engine_as_one_paragraph_without_traceback(
    emulator: Any, token: str, host: pbg.ResourceProviderStub
) -> None:
    """The host formats provider errors with `traceback.format_exc()`; ours arrive as their message alone."""
    host.Configure(pb.ConfigureRequest(args=struct({"zorio:baseUrl": emulator.base_url, "zorio:token": token})))
    news = {"variable_code": "greeting", "adopt_id": 999, "__provider": serialize_provider(VariableProvider())}
    with pytest.raises(grpc.RpcError) as failed:
        host.Create(pb.CreateRequest(urn=URN, properties=struct(news)))
    details = failed.value.details()
    assert details.startswith("cannot adopt variable 999: it does not exist in this Zorio account")
    assert "Traceback" not in details and "File \"" not in details


def test_read_returns_the_live_values_as_the_refreshed_inputs(
    emulator: Any, token: str, host: pbg.ResourceProviderStub
) -> None:
    """So that after `pulumi refresh` the engine's preview marks the field `up` will put back."""
    host.Configure(pb.ConfigureRequest(args=struct({"zorio:baseUrl": emulator.base_url, "zorio:token": token})))
    news = {"variable_code": "greeting", "name": "Greeting", "__provider": serialize_provider(VariableProvider())}
    checked = host.Check(pb.CheckRequest(urn=URN, olds=struct({}), news=struct(news)))
    created = host.Create(pb.CreateRequest(urn=URN, properties=checked.inputs))
    changed = emulator.api(token).put(f"{emulator.base_url}/api/autocall/variables/{created.id}",
                                      json={"name": "Changed in the console"}, timeout=10)
    assert changed.status_code == 200, changed.text
    read = host.Read(pb.ReadRequest(id=created.id, urn=URN, properties=created.properties, inputs=checked.inputs))
    inputs = plain(read.inputs)
    assert inputs["name"] == "Changed in the console" and inputs["variable_code"] == "greeting"
    assert "id" not in inputs and "created_at" not in inputs  # outputs only, never inputs
    assert token not in str(read.inputs)
