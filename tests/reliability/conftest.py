"""Fixtures for the reliability tests: the emulator's URL and an admin token in the environment (as for tests/cli),
limits scaled up, campaigns that leave `starting` at once, and the client's backoff shortened for the fault matrix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.support import token_in_environment
from pulumi_zorio.client import _api_rules


@pytest.fixture
def token(emulator: Any, monkeypatch: pytest.MonkeyPatch) -> str:
    """An admin token (logged in) in ZORIO_TOKEN and the URL in ZORIO_BASE_URL; limits x100 so that repeated runs
    never wait for the rate limiter; no start delay, so that a started campaign is running on the next read."""
    return token_in_environment(emulator, monkeypatch, rate_limit_scale=100, start_delay_s=0)


@pytest.fixture
def fast_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """The documented backoff schedule (1 s · 2^attempt + up to 1 s jitter) shrunk 100 times, through the one
    module that holds it; a Retry-After sent by the server is still honoured as sent. The CLI offers no setting for
    this (ClientConfig.backoff_scale is not exposed), and a matrix of a hundred faults must not sleep for minutes."""
    monkeypatch.setattr(_api_rules, "BACKOFF_BASE_S", _api_rules.BACKOFF_BASE_S / 100)
    monkeypatch.setattr(_api_rules, "BACKOFF_JITTER_S", _api_rules.BACKOFF_JITTER_S / 100)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder `proj` (with two different WAV files under audio/) in a temporary working directory."""
    from local.support import write_wav  # tests/local, loaded as the package `local`

    monkeypatch.chdir(tmp_path)
    project = tmp_path / "proj"
    (project / "audio").mkdir(parents=True)
    write_wav(project / "audio" / "first.wav")
    write_wav(project / "audio" / "second.wav", tone=7)
    return project
