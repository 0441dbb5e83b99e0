"""The token never appears in an exception, a log line or a repr, and every request is logged."""

from __future__ import annotations

import logging
import pickle

import pytest

from pulumi_zorio.client import ServerError, ValidationError, ZorioError

from .conftest import MakeClient, add_fault


def _exercise(client, emulator) -> list[str]:
    """Successes, retries and failures; returns the text of every error raised."""
    texts = []
    client.voices.list(fresh=True)
    add_fault(emulator, method="GET", path="/api/autocall/queues", status=500, times=100)
    for action in (
        lambda: client.queues.list(fresh=True),
        lambda: client.variables.create({"variable_code": "Bad Code", "name": "x"}),
        lambda: client.variables.retrieve(424242),
    ):
        with pytest.raises(ZorioError) as caught:
            action()
        texts += [str(caught.value), repr(caught.value), repr(caught.value.args)]
    return texts


def test_token_appears_in_no_error_log_or_repr_when_a_fixed_token_is_used(
    emulator, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    token = emulator.token()
    client = make_client(token=token)
    caplog.set_level(logging.DEBUG)
    texts = _exercise(client, emulator)
    everything = "\n".join(texts + [caplog.text, repr(client), repr(client.config), str(client.config)])
    assert token not in everything and token.split("|", 1)[1] not in everything
    with pytest.raises(TypeError):
        pickle.dumps(client.config)


def test_login_token_appears_nowhere_when_logging_in(
    emulator, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    from pulumi_zorio.client import _auth

    client = make_client(username="admin", password="admin")
    caplog.set_level(logging.DEBUG)
    texts = _exercise(client, emulator)
    (login_token,) = [secret.reveal() for secret in _auth._tokens.values()]  # white-box: the cached token
    everything = "\n".join(texts + [caplog.text, repr(client)])
    assert login_token not in everything and login_token.split("|", 1)[1] not in everything


def test_password_appears_nowhere_when_login_fails(
    emulator, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    client = make_client(username="admin", password="S3cret-pw-xyz")
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ZorioError) as caught:
        client.voices.list(fresh=True)
    everything = "\n".join([str(caught.value), repr(caught.value), caplog.text, repr(client), str(client.config)])
    assert "S3cret-pw-xyz" not in everything


def test_each_attempt_is_logged_with_method_path_status_duration_and_attempt_when_debugging(
    emulator, client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="pulumi_zorio.client")
    add_fault(emulator, method="GET", path="/api/autocall/voices", status=503, times=1)
    client.voices.list(fresh=True)
    lines = [r.getMessage() for r in caplog.records if r.name == "pulumi_zorio.client"]
    assert lines[0].startswith("GET /api/autocall/voices -> 503 in ")
    assert lines[0].endswith("ms (attempt 1/5)")
    assert lines[1].startswith("GET /api/autocall/voices -> 200 in ") and lines[1].endswith("(attempt 2/5)")


def test_error_types_are_what_a_caller_branches_on_when_requests_fail(emulator, client) -> None:
    add_fault(emulator, method="GET", path="/api/autocall/queues", status=500, times=100)
    with pytest.raises(ServerError):
        client.queues.list(fresh=True)
    with pytest.raises(ValidationError):
        client.variables.create({"variable_code": "Bad Code", "name": "x"})
