"""`ZorioClient`: one object per configuration, exposing a service per API area."""

from __future__ import annotations

from functools import cached_property
from typing import Any, NoReturn

from pulumi_zorio.client._cache import PROCESS_CACHE
from pulumi_zorio.client._config import ClientConfig
from pulumi_zorio.client._secret import Secret, refuse_pickling
from pulumi_zorio.client._transport import Transport
from pulumi_zorio.client.caller_id_groups import CallerIdGroupsService
from pulumi_zorio.client.campaigns import CampaignsService
from pulumi_zorio.client.catalog import DtmfActionTypesService, QueuesService, VoicesService
from pulumi_zorio.client.leads import LeadsService
from pulumi_zorio.client.media_files import MediaFilesService
from pulumi_zorio.client.scripts import ScriptsService
from pulumi_zorio.client.variables import VariablesService


class ZorioClient:
    """The Zorio API, resource by resource. Thread-safe; rate limits, login tokens and the list-read
    cache are shared with every other client of the same base URL and identity in the process.

        client = ZorioClient(ClientConfig.from_env())            # or ZorioClient.from_env()
        variable = client.variables.create({"variable_code": "name", "name": "Name"})
        for script in client.scripts.list(status="active"): ...

    Methods return the API's `data` objects as plain dicts and raise `ZorioError` subclasses.
    Nothing is sent until the first call; a client must not be pickled (it holds credentials).
    """

    def __init__(self, config: ClientConfig) -> None:
        self.config = config
        self._transport = Transport(config)

    @classmethod
    def from_env(cls, **overrides: Any) -> ZorioClient:
        """A client configured from explicit values with ZORIO_* environment fallbacks."""
        return cls(ClientConfig.from_env(**overrides))

    def __repr__(self) -> str:
        return f"ZorioClient({self.config!r})"

    def __reduce__(self) -> NoReturn:
        refuse_pickling()  # before dill reaches a session or thread-local and fails with a less helpful message

    def __enter__(self) -> ZorioClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def token(self) -> Secret:
        """The bearer token this client sends: the configured one, or a login's (logging in now if needed)."""
        return self._transport.token()

    def close(self) -> None:
        """Close the HTTP sessions this client opened (process-wide state is kept)."""
        self._transport.close()

    @cached_property
    def variables(self) -> VariablesService:
        """Template placeholders (`/api/autocall/variables`)."""
        return VariablesService(self._transport, PROCESS_CACHE)

    @cached_property
    def media_files(self) -> MediaFilesService:
        """Audio prompts (`/api/media-files`)."""
        return MediaFilesService(self._transport, PROCESS_CACHE)

    @cached_property
    def scripts(self) -> ScriptsService:
        """TTS scripts with DTMF menus (`/api/autocall/scripts`)."""
        return ScriptsService(self._transport, PROCESS_CACHE)

    @cached_property
    def campaigns(self) -> CampaignsService:
        """Campaigns and their status actions (`/api/autocall/campaigns`)."""
        return CampaignsService(self._transport, PROCESS_CACHE)

    @cached_property
    def leads(self) -> LeadsService:
        """Lead import and listing per campaign."""
        return LeadsService(self._transport, PROCESS_CACHE)

    @cached_property
    def voices(self) -> VoicesService:
        """Usable TTS voices."""
        return VoicesService(self._transport, PROCESS_CACHE)

    @cached_property
    def queues(self) -> QueuesService:
        """Queues a `queue` DTMF action may target."""
        return QueuesService(self._transport, PROCESS_CACHE)

    @cached_property
    def dtmf_action_types(self) -> DtmfActionTypesService:
        """The DTMF action types the API accepts."""
        return DtmfActionTypesService(self._transport, PROCESS_CACHE)

    @cached_property
    def caller_id_groups(self) -> CallerIdGroupsService:
        """Caller-ID rotation groups (read-only)."""
        return CallerIdGroupsService(self._transport, PROCESS_CACHE)
