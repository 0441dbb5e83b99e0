"""Tests of the pure planning core `pulumi_zorio.spec` (no emulator, no network)."""
