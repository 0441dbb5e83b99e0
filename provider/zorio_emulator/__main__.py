"""`python -m zorio_emulator [options]`: the same as `zorio emulator`."""

from __future__ import annotations

from pulumi_zorio.cli.emulator import emulator

if __name__ == "__main__":
    emulator(prog_name="python -m zorio_emulator")
