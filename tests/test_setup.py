"""First-run setup on the command line: until the county enters its issuing body every PDF is a draft (样稿) on every
page, the CLI says so and a signature is refused; `handover setup` stores the answers and can make the certificate.
Also `handover diagnose`: the problem report with no names and no passwords."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from handover.db import Database
from handover.errors import Refused
from handover.signing import pki
from tests.report_support import assert_pdfa, pages_text
from tests.test_pades import PASSWORD, make_org

COUNTY = ("--issuing-body", "中共青溪县委组织部", "--county", "青溪县", "--doc-prefix", "青组离审", "--ranked-units", "12")


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    return make_org(tmp_path_factory)


def test_before_the_setup_every_page_is_marked_draft_and_the_cli_warns(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "draft.pdf"
    result = run("report", "1", "-o", str(out))
    assert result.code == 0 and "尚未设置发文机关" in result.err and "handover setup" in result.err
    assert_pdfa(out)  # a draft is PDF/A too
    pages = pages_text(out)
    assert len(pages) >= 6
    for page in pages:
        assert "样稿" in page and "本件不是正式文件" in page
    assert PdfReader(out).metadata["/Title"].startswith("【样稿】")  # type: ignore[index]
    assert "中共××县委组织部" in pages[0]


def test_after_the_setup_the_documents_carry_the_county_and_no_draft_mark(run, demo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("setup", *COUNTY)
    assert result.code == 0, result.err
    assert "中共青溪县委组织部" in result.out and "不再标“样稿”" in result.out
    stored = json.loads(run("settings", "list", "--json").out)
    assert (stored["issuing_body"], stored["county"], stored["doc_prefix"], stored["ranked_units"]) == COUNTY[1::2]
    out = tmp_path / "final.pdf"
    report = run("report", "1", "-o", str(out))
    assert report.code == 0 and "样稿" not in report.err and "青组离审〔2026〕1号" in report.out
    assert_pdfa(out)
    text = "".join(pages_text(out))
    assert "样稿" not in text and "中共青溪县委组织部" in text and "××" not in text
    assert PdfReader(out).metadata["/Author"] == "中共青溪县委组织部"  # type: ignore[index]
    # a later run changes only what it is given
    assert run("setup", "--doc-prefix", "青组审").code == 0
    again = json.loads(run("settings", "list", "--json").out)
    assert again["doc_prefix"] == "青组审" and again["issuing_body"] == "中共青溪县委组织部"


def test_the_setup_refuses_the_placeholder_and_a_missing_issuing_body(run, demo) -> None:  # type: ignore[no-untyped-def]
    placeholder = run("setup", "--issuing-body", "中共××县委组织部", "--county", "青溪县")
    assert placeholder.code == 2 and "占位" in placeholder.err
    missing = run("setup", "--county", "青溪县")  # no terminal to ask on: the option is named
    assert missing.code == 2 and "--issuing-body" in missing.err
    no_county = run("setup", "--issuing-body", "中共青溪县委组织部")
    assert no_county.code == 2 and "县（市、区）名称不能为空" in no_county.err
    stored = json.loads(run("settings", "list", "--json").out)
    assert stored["issuing_body"] == "中共××县委组织部" and stored["county"] == ""  # a refused setup stores nothing


def test_a_draft_is_never_signed(run, demo, org, tmp_path: Path, db: Database) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "signed.pdf"
    # refused before the password is asked for (there is no terminal and no --password-env here)
    result = run("report", "1", "-o", str(out), "--p12", str(org["p12"]))
    assert result.code == 2 and "不能数字签名" in result.err and "样稿" in result.err
    assert not out.exists()
    from handover.signing import documents

    document = documents.prepare(db, 1, "report")  # the GUI signs through the same function
    with pytest.raises(Refused, match="不能数字签名"):
        documents.sign(document, pki.load_p12(org["p12"].read_bytes(), PASSWORD))
    # nor afterwards, by signing the draft's file
    draft = tmp_path / "draft.pdf"
    assert run("report", "1", "-o", str(draft)).code == 0
    by_file = run("sign-pdf", str(draft), "-o", str(out), "--p12", str(org["p12"]))
    assert by_file.code == 2 and "不能数字签名" in by_file.err and not out.exists()


def test_the_setup_makes_the_organisation_certificate(run, demo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", "青溪-2026-密码")
    target = tmp_path / "certs" / "青溪.p12"
    result = run("setup", *COUNTY, "--create-cert", str(target), "--password-env", "ORG_PW")
    assert result.code == 0, result.err
    key = pki.load_p12(target.read_bytes(), "青溪-2026-密码")
    assert key.name == "中共青溪县委组织部" and target.with_suffix(".pem").is_file()
    assert "它不能证明" in result.out and "中共青溪县委组织部" in run("cert", "list").out
    again = run("setup", "--create-cert", str(target), "--password-env", "ORG_PW")
    assert again.code == 2 and "已存在" in again.err
    signed = tmp_path / "signed.pdf"
    report = run("report", "1", "-o", str(signed), "--p12", str(target), "--password-env", "ORG_PW")
    assert report.code == 0 and "数字签名" in report.out


def test_diagnose_collects_versions_settings_and_the_log_without_names_or_passwords(  # type: ignore[no-untyped-def]
    run, demo, data_home: Path, tmp_path: Path
) -> None:
    assert run("setup", *COUNTY).code == 0
    data_home.mkdir(parents=True, exist_ok=True)
    with (data_home / "handover.log").open("a", encoding="utf-8") as log:
        log.write("2026-11-30 10:00:00 WARNING handover.cli: file error in ['sign', '1', '--name', '林晓梅']: x\n")
        log.write("2026-11-30 10:00:01 INFO handover.db: database postgresql+psycopg://handover:s3cret@10.0.0.5/county\n")
        log.write(f"2026-11-30 10:00:02 INFO ui: opened {Path.home() / '文档' / 'x.sqlite3'} as 测试员\n")
    out = tmp_path / "问题报告.zip"
    result = run("diagnose", "-o", str(out))
    assert result.code == 0 and "不含姓名" in result.out
    with zipfile.ZipFile(out) as archive:
        report = json.loads(archive.read("report.json"))
        log_text = archive.read("handover.log").decode("utf-8")
    assert report["versions"]["handover"] and report["versions"]["PySide6-Essentials"] and report["platform"]["system"]
    assert report["settings"]["issuing_body"] == "中共青溪县委组织部" and report["database"]["schema"]
    assert report["database"]["rows"]["handover_case"] == 2
    assert "file error in" in log_text and "postgresql+psycopg://handover:***@10.0.0.5/county" in log_text
    whole = json.dumps(report, ensure_ascii=False) + log_text
    for personal in ("林晓梅", "周建国", "s3cret", "测试员", str(Path.home())):
        assert personal not in whole, personal


def test_diagnose_works_when_there_is_no_database_and_creates_none(tmp_path: Path, data_home: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from handover import cli

    data_home.mkdir(parents=True, exist_ok=True)
    (data_home / "handover.log").write_text("2026-11-30 INFO x: 王一 opened a case\n2026-11-30 INFO x: ok\n", encoding="utf-8")
    missing = tmp_path / "nowhere.sqlite3"
    assert cli.main(["--db", str(missing), "diagnose", "-o", str(tmp_path / "r.zip")]) == 0
    assert not missing.exists()
    with zipfile.ZipFile(tmp_path / "r.zip") as archive:
        report = json.loads(archive.read("report.json"))
        log_text = archive.read("handover.log").decode("utf-8")
    assert report["database"]["error"] == "数据库文件不存在"
    assert "王一" not in log_text and "INFO x: ok" in log_text  # names unknown: lines with Chinese text are left out
