"""An API that redirects requests that do not ask for JSON (Laravel's login redirect, issue 17): the client always
asks for JSON, and a redirect it gets anyway is an error that says where it pointed, never followed."""

from __future__ import annotations

import pytest

from pulumi_zorio.client import RedirectError, ZorioClient
from pulumi_zorio.client._transport import Call

from .conftest import MakeClient


def test_every_kind_of_request_asks_for_json_when_the_api_redirects_those_that_do_not(
    emulator, make_client: MakeClient, wav: bytes
) -> None:
    emulator.settings(variants=["accept-redirect"])
    client = make_client(username="admin", password="admin")  # the login request too
    variable = client.variables.create({"variable_code": "greeting", "name": "Greeting"})
    client.variables.update(variable["id"], {"sample_value": "anh An"})
    media = client.media_files.upload("Thank you", "announcement", wav, filename="thank_you.wav")
    assert client.media_files.download(media["id"])[:4] == b"RIFF"
    assert [v["id"] for v in client.variables.list()] == [variable["id"]]
    assert client.voices.list(fresh=True) and client.caller_id_groups.list()
    client.media_files.delete(media["id"])
    client.variables.delete(variable["id"])
    statuses = {(e["method"], e["path"].split("?")[0]): e["status"] for e in emulator.requests_log()}
    assert 302 not in statuses.values()
    assert ("POST", "/api/auth/login") in statuses and ("POST", "/api/media-files") in statuses


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_redirect_is_an_error_naming_where_it_points_and_is_not_followed(
    emulator, client: ZorioClient, method: str
) -> None:
    emulator.settings(variants=["accept-redirect"])
    with pytest.raises(RedirectError) as caught:
        client._transport.call(Call(method, "/api/autocall/variables", accept="text/html",
                                    json={"variable_code": "x", "name": "x"} if method == "POST" else None))
    assert str(caught.value) == (
        f"{method} /api/autocall/variables failed with HTTP 302: redirected to {emulator.base_url}/login — the API "
        "answered with a redirect instead of JSON: check that zorio:baseUrl (or ZORIO_BASE_URL) is the API's own "
        "address (https://, no path), and that nothing between you and Zorio (a proxy, a login page) intercepts "
        "the requests"
    )
    assert [e["path"] for e in emulator.requests_log()] == ["/api/autocall/variables"]  # /login never asked
