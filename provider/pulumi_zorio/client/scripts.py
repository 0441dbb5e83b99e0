"""Scripts: TTS templates with their DTMF menus (api-contract.md section 9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_zorio.client._service import Obj, ResourceService


class ScriptsService(ResourceService, spec_kind="script"):
    """`/api/autocall/scripts`. Names are not unique, so a lost create is recognised by its name plus
    the fields it sent, among scripts created since the first attempt began."""

    def list(self, status: str | None = None, **filters: Any) -> Iterator[Obj]:
        """Every script, optionally only those in one `status` (draft, active, archived)."""
        return super().list(status=status, **filters)
