"""The published schema in a real editor's engine: the YAML language server (npm `yaml-language-server`, installed by
tools/install), driven over stdio as VS Code drives it. Completion offers every `action_type` with what it does,
hover shows a field's description, and a wrong digit is a diagnostic on its own line."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "tools" / "node" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SCHEMA = ROOT / "schema" / "zorio.schema.json"
TIMEOUT_S = 30

DOCUMENT = f"""\
# yaml-language-server: $schema={SCHEMA.as_uri()}
scripts:
  reminder:
    voice_id: vi-VN-female-01
    template_text: Hello.
    dtmf_actions:
      - digit: "12"
        action_type: hangup
      - digit: "2"
        action_type: 
campaigns:
  q3:
    script: reminder
    max_retries: 3
"""
DIGIT_LINE, ACTION_TYPE_LINE, MAX_RETRIES_LINE = 6, 9, 13


class LanguageServer:
    """A JSON-RPC client over the server's stdin/stdout (LSP base protocol: Content-Length framing)."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process, self.next_id = process, 0
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline().decode("ascii", "replace").strip()):
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            if "content-length" not in headers:
                return  # the server closed its output
            self.messages.put(json.loads(stream.read(int(headers["content-length"]))))

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m).get("result")

    def wait(self, wanted: Any) -> dict[str, Any]:
        """The next message `wanted` accepts; the server's own requests (configuration) are answered meanwhile."""
        while True:
            message = self.messages.get(timeout=TIMEOUT_S)
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self.send({"id": message["id"], "result": [SETTINGS if i.get("section") == "yaml" else None
                                                          for i in items]})
                continue
            if wanted(message):
                return message


SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False}}
"""No schema store: the server must not reach the network; the document's modeline names the schema."""


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LanguageServer]:
    if not SERVER.exists():
        if shutil.which("npm") is None:
            pytest.skip("no npm on this machine to install the YAML language server (tools/install)")
        pytest.fail(f"{SERVER} is missing: run tools/install (the README's set-up command does)", pytrace=False)
    process = subprocess.Popen(["node", str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, cwd=tmp_path)
    client = LanguageServer(process)
    try:
        capabilities = {"textDocument": {
            "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown"]}},
            "hover": {"contentFormat": ["markdown", "plaintext"]}}, "workspace": {"configuration": True}}
        client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": capabilities})
        client.send({"method": "initialized", "params": {}})
        client.send({"method": "workspace/didChangeConfiguration", "params": {"settings": {"yaml": SETTINGS}}})
        yield client
    finally:
        process.kill()
        process.wait()


def open_document(server: LanguageServer, path: Path) -> dict[str, Any]:
    """Open the document; returns the diagnostics the server publishes for it."""
    path.write_text(DOCUMENT, encoding="utf-8")
    server.send({"method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": path.as_uri(), "languageId": "yaml", "version": 1, "text": DOCUMENT}}})
    published = server.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["uri"] == path.as_uri() and m["params"]["diagnostics"])
    return dict(published["params"])


def test_language_server_flags_a_wrong_digit_on_its_line_and_completes_action_types_with_meanings(
    server: LanguageServer, tmp_path: Path
) -> None:
    path = tmp_path / "zorio.yaml"
    diagnostics = open_document(server, path)["diagnostics"]
    digit = [d for d in diagnostics if d["range"]["start"] == {"line": DIGIT_LINE, "character": len("      - digit: ")}]
    assert digit and "Valid values" in digit[0]["message"] and '"#"' in digit[0]["message"], diagnostics

    where = {"textDocument": {"uri": path.as_uri()},
             "position": {"line": ACTION_TYPE_LINE, "character": len("        action_type: ")}}
    completion = server.request("textDocument/completion", where)
    items = completion["items"] if isinstance(completion, dict) else completion
    offered = {item["label"]: item for item in items}
    for action_type in ("playback", "playback_then_hangup", "queue", "switch_script", "repeat_script", "hangup"):
        assert action_type in offered, sorted(offered)
    documentation = json.dumps(offered["queue"].get("documentation", ""))
    assert "agent queue" in documentation

    hover = server.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()},
                                                  "position": {"line": MAX_RETRIES_LINE, "character": 6}})
    assert "Retries per lead after the first attempt." in hover["contents"]["value"]
