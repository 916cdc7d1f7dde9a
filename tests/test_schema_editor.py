"""Editor support, checked with real tools: the JSON Schema against its metaschema, and
yaml-language-server (the server behind VS Code's YAML extension) over stdio.

The language-server test needs Node and the server; it is skipped, saying why, without
them. To run it:

    npm install --prefix ~/.cache/fan-trivia/yls yaml-language-server
    .venv/bin/python -m pytest tests/test_schema_editor.py

It finds the server through `$YAML_LANGUAGE_SERVER` (the path of its executable), then
`yaml-language-server` on PATH, then that cache directory. The client here is a minimal
LSP client: `initialize`, `didOpen` a broken pack, wait for `publishDiagnostics`.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema.validators import validator_for

from trivia.cli import main
from trivia.packs import check_file
from trivia.packs.library import bundled_packs_dir

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "docs" / "pack.schema.json"
CACHED_SERVER = Path.home() / ".cache" / "fan-trivia" / "yls" / "node_modules" / ".bin"


def cli_schema() -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())


# --- the schema is a valid JSON Schema -------------------------------------------------


@pytest.mark.skipif(not SCHEMA_FILE.exists(), reason="docs/ is not in this tree")
def test_the_shipped_schema_file_is_valid_against_its_metaschema():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator_for(schema).check_schema(schema)  # raises SchemaError with the place


def test_trivia_schema_output_is_valid_against_its_metaschema():
    schema = cli_schema()
    cls = validator_for(schema)
    assert cls.META_SCHEMA["$id"].startswith("https://json-schema.org/draft/2020-12/")
    cls.check_schema(schema)


def test_the_bundled_pack_satisfies_the_schema():
    """What `trivia validate` accepts, an editor must not underline."""
    schema = cli_schema()
    pack = yaml.safe_load((bundled_packs_dir() / "mad-men.yaml").read_text(encoding="utf-8"))
    errors = [error.message for error in validator_for(schema)(schema).iter_errors(pack)]
    assert errors == []


# --- yaml-language-server over stdio ---------------------------------------------------

BROKEN = """\
pack: {id: broken, title: Broken}
sources:
  - {id: s1, title: A source, publisher: A publisher, date: "2022-10-31"}
facts:
  - {id: f1, source: s1, statement: A fact.}
questions:
  - id: q1
    type: choice
    fact: f1
    prompt: Who played Peggy?
    answer: Elisabeth Moss
    options: [Elisabeth Moss, January Jones]
    difficulty: impossible
  - id: q2
    type: number
    fact: f1
    prompt: How many seasons?
    answer: 7
    tolerence: 1
    difficulty: easy
  - id: q3
    type: truefalse
    fact: f1
    prompt: Mad Men ran on AMC.
    answer: true
    difficulty: easy
    tags: shows
"""
"""Three mistakes a schema can see: a value outside an enum (line 13), a misspelt key
(line 19) and text where a list belongs (line 27)."""


def find_server() -> list[str] | None:
    """The command that starts yaml-language-server on stdio, or None."""
    if shutil.which("node") is None:
        return None
    named = os.environ.get("YAML_LANGUAGE_SERVER")
    candidates = [Path(named)] if named else []
    on_path = shutil.which("yaml-language-server")
    if on_path:
        candidates.append(Path(on_path))
    candidates.append(CACHED_SERVER / "yaml-language-server")
    for candidate in candidates:
        if candidate.is_file():
            return [str(candidate), "--stdio"]
    return None


class LspClient:
    """Just enough of a language client: framed JSON-RPC over the server's stdin/stdout."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: list[dict[str, Any]] = []
        self.arrived = threading.Condition()
        self.next_id = 0
        self.settings: dict[str, Any] = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:
                self._answer(message)
            with self.arrived:
                self.messages.append(message)
                self.arrived.notify_all()

    def _answer(self, request: dict[str, Any]) -> None:
        """Requests from the server: its settings, and registrations (accepted)."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            items = request["params"]["items"]
            result = [self.settings.get(item.get("section", ""), {}) for item in items]
        self._send({"jsonrpc": "2.0", "id": request["id"], "result": result})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()

    def request(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        self.next_id += 1
        number = self.next_id
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        reply = self.wait(lambda m: m.get("id") == number and "method" not in m, timeout)
        return reply.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, wanted: Any, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                for message in self.messages:
                    if wanted(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError("the language server did not answer in time")
                self.arrived.wait(left)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.request("shutdown", {}, timeout=5)
            self.notify("exit", {})
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


def server_diagnostics(command: list[str], pack: Path, schema: Path) -> list[dict[str, Any]]:
    """The diagnostics yaml-language-server publishes for `pack` validated by `schema`."""
    client = LspClient(command)
    try:
        client.settings = {
            "yaml": {"validate": True, "schemas": {schema.as_uri(): [pack.name]}},
        }
        client.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": pack.parent.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {"publishDiagnostics": {}},
                },
                "initializationOptions": {},
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": client.settings})
        uri = pack.as_uri()
        client.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": pack.read_text(encoding="utf-8"),
                }
            },
        )
        published = client.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"]["diagnostics"]
            ),
            timeout=60,
        )
        return published["params"]["diagnostics"]  # type: ignore[no-any-return]
    finally:
        client.close()


@pytest.fixture(scope="module")
def server() -> list[str]:
    command = find_server()
    if command is None:
        reason = (
            "node is not installed"
            if shutil.which("node") is None
            else "yaml-language-server is not installed: "
            "npm install --prefix ~/.cache/fan-trivia/yls yaml-language-server"
        )
        pytest.skip(reason)
    return command


def test_yaml_language_server_underlines_the_lines_trivia_validate_reports(server, tmp_path):
    pack = tmp_path / "broken.yaml"
    pack.write_text(textwrap.dedent(BROKEN), encoding="utf-8")
    schema = tmp_path / "pack.schema.json"
    schema.write_text(json.dumps(cli_schema()), encoding="utf-8")

    validate_places = sorted({(problem.line, problem.col) for problem in check_file(pack)})
    assert [line for line, _ in validate_places] == [13, 19, 27]
    diagnostics = server_diagnostics(server, pack, schema)
    # LSP counts lines and columns from 0; `trivia validate` from 1. Same places.
    editor_places = sorted(
        {
            (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1)
            for d in diagnostics
        }
    )
    assert editor_places == validate_places, json.dumps(diagnostics, indent=1)


def test_the_schema_modeline_alone_is_enough_for_the_server(server, tmp_path):
    """A pack that names its schema in its first line, as the bundled one and `trivia new`
    do, gets the same diagnostics with no editor settings at all."""
    schema = tmp_path / "pack.schema.json"
    schema.write_text(json.dumps(cli_schema()), encoding="utf-8")
    pack = tmp_path / "broken.yaml"
    modeline = "# yaml-language-server: $schema=./pack.schema.json\n"
    pack.write_text(modeline + textwrap.dedent(BROKEN), encoding="utf-8")

    # The settings give an empty schema, which allows anything: only the modeline can tell.
    client_schema = tmp_path / "anything.schema.json"
    client_schema.write_text("{}", encoding="utf-8")
    diagnostics = server_diagnostics(server, pack, client_schema)
    editor_lines = sorted({d["range"]["start"]["line"] + 1 for d in diagnostics})
    assert editor_lines == sorted({problem.line for problem in check_file(pack)})
