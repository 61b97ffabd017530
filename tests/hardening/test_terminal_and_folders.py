"""Messages cannot steer the terminal, ``site serve`` warns before it opens up, ``demo-data`` never
leaves half a set (issue item 10; the encoding rule is in the bad-input corpus: utf8-one-bad-byte.csv,
windows-1252-undefined-byte.csv, terminal-escape.csv).
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.site import build as site_build
from tests.hardening.badinput_cli import EXAMPLES, FIXTURE_CATALOG

ESCAPES = "\x1b[2J\x1b]0;gehackt\x07\u202e"
SHOWN = "\\x1b[2J\\x1b]0;gehackt\\x07\\u202e"


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    return result


def _no_control_characters(text: str) -> None:
    assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 or c == "\u202e"], text


# --- terminal escape sequences --------------------------------------------------------------------


def test_a_file_name_with_escape_sequences_is_shown_escaped(tmp_path: Path):
    result = run("gap", str(tmp_path / f"invulling{ESCAPES}.yaml"), "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 2
    _no_control_characters(result.stderr)
    assert f"invulling{SHOWN}.yaml: checklist niet gevonden" in result.stderr, result.stderr


def test_an_option_value_with_escape_sequences_is_shown_escaped():
    clients = str(EXAMPLES / "clienten.csv")
    result = run("kpi", clients, "--tender", f"x{ESCAPES}", "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 2
    _no_control_characters(result.stderr)
    # click itself drops colour codes (ESC [ ... letter) from a message; what is left is escaped
    assert "onbekende aanbesteding 'x" in result.stderr and "\\x1b]0;gehackt\\x07\\u202e'" in result.stderr


def test_a_catalog_value_with_escape_sequences_is_refused_and_shown_escaped(catalog_copy: Path):
    tender = catalog_copy / "voorbeeld-opvang" / "tender.yaml"
    text = tender.read_text(encoding="utf-8")
    tender.write_text(text.replace("region: Voorbeeldregio", 'region: "Voorbeeld\\e[2Jregio"'), encoding="utf-8")
    result = run("validate", str(catalog_copy))
    assert result.exit_code == 1
    _no_control_characters(result.stderr)
    assert "tender.yaml:4:9: tekst bevat een stuurteken (\\x1b)" in result.stderr, result.stderr


# --- site serve -----------------------------------------------------------------------------------


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the server by a note of the address it would listen on."""
    addresses: list[str] = []
    monkeypatch.setattr(site_build, "serve_site", lambda **kwargs: addresses.append(kwargs["address"]))
    return addresses


@pytest.mark.parametrize("address", ["0.0.0.0:8000", "[::]:8000", "192.168.1.20:8000", "mijnpc.local:8000"])
def test_serve_on_an_open_address_warns_in_dutch(address: str, no_server: list[str]):
    result = run("site", "serve", "-a", address, "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 0, result.output
    assert no_server == [address]
    assert f"Let op: met adres {address} is de site bereikbaar voor andere computers in het netwerk" in result.stderr


@pytest.mark.parametrize("address", ["127.0.0.1:8000", "localhost:8123", "[::1]:8000"])
def test_serve_on_this_computer_only_does_not_warn(address: str, no_server: list[str]):
    result = run("site", "serve", "-a", address, "--catalog", str(FIXTURE_CATALOG))
    assert result.exit_code == 0 and no_server == [address]
    assert "Let op" not in result.stderr


# --- demo-data ------------------------------------------------------------------------------------


def test_demo_data_creates_a_missing_folder(tmp_path: Path):
    folder = tmp_path / "nieuw" / "demo"
    result = run("demo-data", "-o", str(folder), "--rows", "20")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["clienten.csv", "scores.yaml", "zrm.csv"]
    assert sorted(p.name for p in folder.parent.iterdir()) == ["demo"]  # no temporary folder left


def _disk_full_on(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make writing the temporary file of *name* fail half-way with "disk full"."""
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if self.name.startswith(f".{name}."):
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_failing_demo_data_leaves_an_existing_folder_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "clienten.csv").write_text("vorige versie\n", encoding="utf-8")
    (folder / "eigen.txt").write_text("van de gebruiker\n", encoding="utf-8")
    _disk_full_on("zrm.csv", monkeypatch)
    result = run("demo-data", "-o", str(folder), "--rows", "20")
    assert result.exit_code == 2, result.output
    assert f"{folder}/zrm.csv: kan het bestand niet schrijven (de schijf is vol)" in result.stderr, result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["clienten.csv", "eigen.txt"]
    assert (folder / "clienten.csv").read_text(encoding="utf-8") == "vorige versie\n"


def test_a_failing_demo_data_creates_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _disk_full_on("scores.yaml", monkeypatch)
    result = run("demo-data", "-o", str(tmp_path / "demo"), "--rows", "20")
    assert result.exit_code == 2, result.output
    assert list(tmp_path.iterdir()) == []


def test_demo_data_into_a_file_is_refused(tmp_path: Path):
    (tmp_path / "demo").write_text("een bestand\n", encoding="utf-8")
    result = run("demo-data", "-o", str(tmp_path / "demo"), "--rows", "20")
    assert result.exit_code == 2
    assert (tmp_path / "demo").read_text(encoding="utf-8") == "een bestand\n"
