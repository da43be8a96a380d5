"""Faults and hostile files end with one clear line, a non-zero exit, and site/ as it was."""

from __future__ import annotations

import errno
import os
import shutil
import socket
from pathlib import Path

import pytest

from generator import build
from generator.build import build_lock
from generator.cli import main
from generator.errors import BuildError
from generator.pipeline import Project

from .conftest import DATA, REPO, make_project


def site_snapshot(project: Project) -> dict[str, bytes]:
    return {p.relative_to(project.site_dir).as_posix(): p.read_bytes() for p in project.site_dir.rglob("*") if p.is_file()}


@pytest.fixture
def small_project(tmp_path: Path) -> Project:
    """One practice in one language: faults do not depend on either, and each build is quick."""
    project = make_project(tmp_path, [DATA / "valid" / "minimal.yaml"])
    config = project.engine_config.read_text(encoding="utf-8")
    cut = config.index("        - locale: fr")  # the languages are the last list of mkdocs.yml
    project.engine_config.write_text(config[:cut], encoding="utf-8")
    return project


@pytest.fixture
def built(small_project: Project) -> Project:
    assert main(["--root", str(small_project.root), "build"]) == 0
    return small_project


def one_line_failure(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_a_second_build_says_a_build_is_running(built: Project, capsys: pytest.CaptureFixture[str]) -> None:
    before = site_snapshot(built)
    with build_lock(built):
        assert main(["--root", str(built.root), "build"]) == 2
    assert "another build is running in this folder" in one_line_failure(capsys)
    assert site_snapshot(built) == before


def test_read_only_site_is_refused_before_anything_changes(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site_snapshot(built)
    real_access = os.access
    # Root passes permission checks, so the read-only folder is what os.access reports.
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != built.site_dir and real_access(path, mode))
    assert main(["--root", str(built.root), "build"]) == 2
    err = one_line_failure(capsys)
    assert "site/ is read-only, so the new site cannot replace the old one" in err and "chmod -R u+w site" in err
    assert site_snapshot(built) == before
    assert not (built.build_dir / "site.new").exists() and not built.root.joinpath("site.old").exists()


def test_a_failed_swap_puts_the_old_site_back(
    built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site_snapshot(built)
    real_rename = Path.rename

    def rename(self: Path, target: Path) -> Path:
        if self.name == "site.new":
            raise OSError(errno.EIO, "Input/output error", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    assert main(["--root", str(built.root), "build"]) == 2
    assert "Input/output error (site.new). site/ is unchanged" in one_line_failure(capsys)
    assert site_snapshot(built) == before


def test_a_full_disk_is_one_line(built: Project, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = site_snapshot(built)

    def full(files: object, folder: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(folder / "practices.json"))

    monkeypatch.setattr(build, "write_files", full)
    assert main(["--root", str(built.root), "build"]) == 2
    err = one_line_failure(capsys)
    assert "the disk is full (practices.json); free some space and build again. site/ is unchanged" in err
    assert site_snapshot(built) == before
    assert not (built.build_dir / "site.new").exists()


def test_leftovers_of_a_killed_build_are_removed(built: Project) -> None:
    (built.build_dir / "site.new" / "x").mkdir(parents=True)
    (built.root / "site.old" / "y").mkdir(parents=True)
    assert main(["--root", str(built.root), "build"]) == 0
    assert not (built.build_dir / "site.new").exists() and not (built.root / "site.old").exists()


def test_serve_on_a_busy_port_says_so_before_building(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["--root", str(tiny_project.root), "serve", "--port", str(port)]) == 2
    err = one_line_failure(capsys)
    assert f"Port {port} on 127.0.0.1 is already in use" in err and f"kb serve --port {port + 1}" in err
    assert not tiny_project.site_dir.exists()


def test_links_and_misnamed_files_are_reported_not_read(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tiny_project.root.parent / "outside.yaml"
    secret.write_text("password: hunter2\n", encoding="utf-8")
    folder = tiny_project.practices_dir
    (folder / "linked.yaml").symlink_to(secret)
    (folder / "dangling.yaml").symlink_to(tiny_project.root / "nowhere.yaml")
    (folder / "linked-folder").symlink_to(REPO / "practices", target_is_directory=True)
    shutil.copy(folder / "minimal.yaml", folder / "Minimal Copy.YAML")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert main(["--root", str(tiny_project.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "hunter2" not in out and "password" not in out
    assert out.splitlines()[:5] == [
        "practices/Minimal Copy.YAML:1:1: is not named like a practice file, so it is not read; "
        "rename it to minimal-copy.yaml: lower-case letters, digits and hyphens, as its id",
        "practices/dangling.yaml:1:1: is a symbolic link, which is not read; put the file itself here instead of a link to it",
        "practices/linked-folder:1:1: is a symbolic link, which is not read; put the file itself here instead of a link to it",
        "practices/linked.yaml:1:1: is a symbolic link, which is not read; put the file itself here instead of a link to it",
        "practices/notes.txt:1:1: is not a YAML file; only <id>.yaml files belong in practices/: move it elsewhere",
    ]


def test_invalid_file_name_gets_a_fix_that_is_itself_valid(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    source = (tiny_project.practices_dir / "minimal.yaml").read_text(encoding="utf-8")
    for name in ("My Practice.yaml", "Upper-Name.yaml"):
        path = tiny_project.root / name
        path.write_text(source, encoding="utf-8")
        assert main(["--root", str(tiny_project.root), "validate", str(path)]) == 1
        out = capsys.readouterr().out
        slug = "my-practice" if name.startswith("My") else "upper-name"
        assert f"rename the file to {slug}.yaml and write id: {slug}" in out, out


def test_messages_show_control_characters_as_escapes(tiny_project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    forged = "x\x1b[2J\nPractices/fake.yaml:1:1: all good\u202e"
    path = tiny_project.practices_dir / "minimal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f'"{forged.encode("unicode_escape").decode()}": 1\n', encoding="utf-8")
    assert main(["--root", str(tiny_project.root), "validate"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert not any(line.startswith("Practices/fake.yaml") for line in out.splitlines())
    assert "x\\x1b[2J\\x0aPractices/fake.yaml:1:1: all good\\u202e" in out


def test_engine_failure_is_a_build_error(tiny_project: Project) -> None:
    (tiny_project.root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build.build_site(tiny_project, [])
