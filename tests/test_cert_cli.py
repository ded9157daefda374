"""`handover cert create` refusals: every bad input is a message and exit 2, with nothing written or trusted."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest


@pytest.fixture
def password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("P12_PW", "secret-123")
    return "P12_PW"


@pytest.mark.parametrize("years", ["0", "-1", "100000"])
def test_validity_years_out_of_range(run, capsys, tmp_path: Path, password: str, years: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        run("cert", "create", "--org", "中共某县委组织部", "-o", str(tmp_path / "out" / "org.p12"), "--password-env", password,
            "--years", years)  # fmt: skip
    assert exited.value.code == 2 and "1 至 30" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_organisation_name_too_long_for_a_certificate(run, tmp_path: Path, password: str) -> None:  # type: ignore[no-untyped-def]
    result = run("cert", "create", "--org", "很长" * 40, "-o", str(tmp_path / "out" / "org.p12"), "--password-env", password)
    assert result.code == 2 and "不超过64个字" in result.err, result.err
    assert not (tmp_path / "out").exists()


def test_no_terminal_to_type_the_password(run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # as under a scheduler or with < /dev/null
    result = run("cert", "create", "--org", "中共某县委组织部", "-o", str(tmp_path / "out" / "org.p12"))
    assert result.code == 2 and "--password-env" in result.err, result.err
    assert "意外错误" not in result.err
    assert not (tmp_path / "out").exists()
