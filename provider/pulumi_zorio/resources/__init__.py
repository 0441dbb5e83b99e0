"""Pulumi dynamic resources (Variable, MediaFile, Script, Campaign) and read-only data sources for Zorio."""

from __future__ import annotations

from pulumi_zorio.resources._base import ZorioProvider, ZorioResourceError
from pulumi_zorio.resources.campaign import Campaign, CampaignArgs, CampaignProvider, CampaignRefusedError
from pulumi_zorio.resources.from_yaml import DeclaredStack, ZorioConfigError, declare_from_config, declare_from_paths
from pulumi_zorio.resources.lookups import (
    CallerId,
    CallerIdGroup,
    Queue,
    Voice,
    ZorioLookupError,
    get_caller_id_group,
    get_queue,
    get_voice,
)
from pulumi_zorio.resources.media_file import MediaFile, MediaFileArgs, MediaFileProvider
from pulumi_zorio.resources.script import DtmfActionArgs, Script, ScriptArgs, ScriptProvider
from pulumi_zorio.resources.variable import Variable, VariableArgs, VariableProvider

__all__ = [
    "CallerId",
    "CallerIdGroup",
    "Campaign",
    "CampaignArgs",
    "CampaignProvider",
    "CampaignRefusedError",
    "DeclaredStack",
    "DtmfActionArgs",
    "MediaFile",
    "MediaFileArgs",
    "MediaFileProvider",
    "Queue",
    "Script",
    "ScriptArgs",
    "ScriptProvider",
    "Variable",
    "VariableArgs",
    "VariableProvider",
    "Voice",
    "ZorioLookupError",
    "ZorioProvider",
    "ZorioConfigError",
    "ZorioResourceError",
    "declare_from_config",
    "declare_from_paths",
    "get_caller_id_group",
    "get_queue",
    "get_voice",
]
