"""Contract section 1 (paginated lists): body keys, defaults, the 200 cap, page arithmetic, on every paginated list."""

from __future__ import annotations

import pytest

from contract_support import assert_validation

KEYS = {"current_page", "data", "last_page", "per_page", "total"}
TOO_MANY = "The per page must not be greater than 200."


def _fill(zorio, kind, count):
    """Create `count` objects of `kind`; return the list path."""
    api = zorio.admin
    if kind == "variables":
        for _ in range(count):
            api.variable()
        return "/api/autocall/variables"
    if kind == "scripts":
        for _ in range(count):
            api.script()
        return "/api/autocall/scripts"
    if kind == "campaigns":
        script = api.script()
        for _ in range(count):
            api.campaign(script_id=script["id"])
        return "/api/autocall/campaigns"
    if kind == "media":
        for _ in range(count):
            api.media()
        return "/api/media-files"
    campaign = api.campaign()
    if count:
        leads = [{"phone": f"09{index:08d}"} for index in range(count)]
        assert api.post(f"/api/autocall/campaigns/{campaign['id']}/leads", json={"leads": leads}).status_code == 202
    return f"/api/autocall/campaigns/{campaign['id']}/leads"


KINDS = ["variables", "scripts", "campaigns", "media", "leads"]


@pytest.mark.parametrize("kind", KINDS)
def test_empty_list_has_exact_keys_and_one_page(zorio, kind):
    path = _fill(zorio, kind, 0)
    body = zorio.admin.get(path).json()
    assert set(body) == KEYS
    assert body == {"current_page": 1, "data": [], "last_page": 1, "per_page": 50, "total": 0}


@pytest.mark.parametrize("kind", KINDS)
def test_pages_partition_the_items(zorio, kind):
    path = _fill(zorio, kind, 7)
    pages = [zorio.admin.get(path, params={"page": page, "per_page": 3}).json() for page in (1, 2, 3)]
    assert [len(p["data"]) for p in pages] == [3, 3, 1]
    assert [p["current_page"] for p in pages] == [1, 2, 3]
    assert all((p["last_page"], p["per_page"], p["total"]) == (3, 3, 7) for p in pages)
    ids = [item["id"] for p in pages for item in p["data"]]
    assert len(set(ids)) == 7
    everything = zorio.admin.get(path, params={"per_page": 200}).json()
    assert sorted(item["id"] for item in everything["data"]) == sorted(ids)


@pytest.mark.parametrize("kind", ["variables", "leads"])
def test_default_page_size_is_50(zorio, kind):
    path = _fill(zorio, kind, 51)
    body = zorio.admin.get(path).json()
    assert (len(body["data"]), body["per_page"], body["last_page"], body["total"]) == (50, 50, 2, 51)
    assert len(zorio.admin.get(path, params={"page": 2}).json()["data"]) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_page_beyond_the_last_is_empty(zorio, kind):
    path = _fill(zorio, kind, 2)
    body = zorio.admin.get(path, params={"page": 5}).json()
    assert body["data"] == []
    assert (body["current_page"], body["last_page"], body["total"]) == (5, 1, 2)


@pytest.mark.parametrize("kind", KINDS)
def test_per_page_over_200_is_refused(zorio, kind):
    path = _fill(zorio, kind, 0)
    assert_validation(zorio.admin.get(path, params={"per_page": 201}), {"per_page": TOO_MANY})


@pytest.mark.parametrize("kind", KINDS)
def test_per_page_of_200_is_accepted(zorio, kind):
    path = _fill(zorio, kind, 1)
    body = zorio.admin.get(path, params={"per_page": 200}).json()
    assert (body["per_page"], body["total"]) == (200, 1)


@pytest.mark.parametrize("params", [{"per_page": 0}, {"per_page": -5}, {"per_page": "ten"}, {"page": 0},
                                    {"page": -1}, {"page": "two"}, {"per_page": "1e9"}])
def test_bad_page_parameters_answer_422(api, params):
    response = api.get("/api/autocall/variables", params=params)
    assert response.status_code == 422, response.text
    assert set(params) <= set(response.json()["errors"])


def test_huge_page_number_does_not_crash(api):
    response = api.get("/api/autocall/variables", params={"page": "99999999999999999999"})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["data"] == []
