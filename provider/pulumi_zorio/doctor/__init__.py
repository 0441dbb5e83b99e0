"""`zorio doctor`: a first-contact check of a Zorio account (or the emulator) before the first `pulumi up`.

Read-only unless `allow_writes`: then one throw-away variable is created and deleted (write_checks). No secret is
ever part of a finding or a setting.
"""

from __future__ import annotations

import dataclasses

from pulumi_zorio.client import ClientConfig
from pulumi_zorio.client._transport import Transport
from pulumi_zorio.doctor import read_checks
from pulumi_zorio.doctor.findings import FAIL, NOTE, OK, SKIP, WARN, Finding, Report
from pulumi_zorio.doctor.prober import Prober
from pulumi_zorio.doctor.settings import provider_settings
from pulumi_zorio.doctor.write_checks import write_checks

__all__ = ["FAIL", "NOTE", "OK", "SKIP", "WARN", "Finding", "Report", "run_doctor"]


def run_doctor(config: ClientConfig, allow_writes: bool = False) -> Report:
    """Every check in order; after a failed contact (unreachable, credentials refused) only the settings follow."""
    report = Report(config.base_url, settings=provider_settings(config))
    # One retry at most (the login, the clean-up's listing): a first contact reports what it sees, and fast.
    transport = Transport(dataclasses.replace(config, max_attempts=min(config.max_attempts, 2)))
    try:
        prober = Prober(transport)
        found, me = read_checks.contact(prober, config.base_url)
        report.findings += found
        if any(finding.level == FAIL for finding in found):
            return report
        report.findings += read_checks.permissions(prober, me)
        report.findings += read_checks.catalogs(prober)
        report.findings += read_checks.pagination(prober)
        report.findings += read_checks.accept_header(prober)
        report.findings += read_checks.media_paths(prober)
        if allow_writes:
            report.findings += write_checks(prober)
        else:
            report.findings.append(Finding("Writes", SKIP, "not checked: with --allow-writes, one variable named "
                                                           "zorio_doctor_… is created and deleted to learn the "
                                                           "Idempotency-Key, duplicate, malformed-body and DELETE "
                                                           "answers"))
        report.findings += read_checks.start_without_group()
        report.findings += read_checks.rate_limits(prober)
    finally:
        transport.close()
    return report
