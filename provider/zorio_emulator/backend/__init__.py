"""The emulator's backend: all state and rules, as plain classes (moto style), one mixin per API area."""

from __future__ import annotations

from zorio_emulator.backend.accounts import AccountsMixin
from zorio_emulator.backend.campaigns import CampaignsMixin
from zorio_emulator.backend.catalog import CatalogMixin
from zorio_emulator.backend.core import BackendCore, Principal
from zorio_emulator.backend.leads import LeadsMixin
from zorio_emulator.backend.media import MediaMixin
from zorio_emulator.backend.scripts import ScriptsMixin
from zorio_emulator.backend.variables import VariablesMixin


class Backend(
    AccountsMixin, CatalogMixin, VariablesMixin, MediaMixin, ScriptsMixin, CampaignsMixin, LeadsMixin, BackendCore
):
    """Every backend operation; each public method is one transaction."""


__all__ = ["Backend", "Principal"]
