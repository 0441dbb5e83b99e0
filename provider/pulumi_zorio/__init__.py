"""pulumi-zorio: infrastructure as code for the Zorio AutoCall TTS platform.

`import pulumi_zorio as zorio; zorio.Script(...)`: the resources and data sources are re-exported lazily
(PEP 562), so importing `pulumi_zorio.spec` or `pulumi_zorio.client` alone never pulls in pulumi.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # type checkers and IDEs see the real classes (completion, signatures); runtime stays lazy
    from pulumi_zorio.resources import (
        CallerId,
        CallerIdGroup,
        Campaign,
        CampaignArgs,
        CampaignRefusedError,
        DeclaredStack,
        DtmfActionArgs,
        MediaFile,
        MediaFileArgs,
        Queue,
        Script,
        ScriptArgs,
        Variable,
        VariableArgs,
        Voice,
        ZorioConfigError,
        ZorioLookupError,
        ZorioResourceError,
        declare_from_config,
        declare_from_paths,
        get_caller_id_group,
        get_queue,
        get_voice,
    )

from pulumi_zorio.errors import PulumiZorioError

__version__ = "0.1.0"

_RESOURCE_NAMES = (
    "CallerId", "Campaign", "CampaignArgs", "CampaignRefusedError", "CallerIdGroup", "DtmfActionArgs", "MediaFile", "MediaFileArgs", "Queue",
    "Script", "ScriptArgs", "Variable", "VariableArgs", "Voice", "ZorioLookupError", "ZorioResourceError",
    "get_caller_id_group", "get_queue", "get_voice",
    "DeclaredStack", "ZorioConfigError", "declare_from_config", "declare_from_paths",
)

__all__ = ["PulumiZorioError", "__version__", *_RESOURCE_NAMES]


def __getattr__(name: str) -> Any:
    if name in _RESOURCE_NAMES:
        from pulumi_zorio import resources

        return getattr(resources, name)
    raise AttributeError(f"module 'pulumi_zorio' has no attribute {name!r}")
