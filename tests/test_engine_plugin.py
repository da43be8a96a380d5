"""The Content-Security-Policy comes from the templates, never from what a built page contains."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from generator.build import build_site
from generator.engine.plugin import policy, script_hash
from generator.model import build_practice
from generator.pipeline import Project, collect_practices

from .test_markup import hostile_practice

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_INLINE = re.compile(r"<script>(.*?)</script>", re.S)


def policy_of(page: Path) -> str:
    found = _META.findall(page.read_text(encoding="utf-8"))
    assert len(found) == 1, page
    return html.unescape(found[0])


def test_policy_allows_this_site_and_hashed_scripts_only() -> None:
    text = policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"])
    script_src = text.split("script-src")[1].split(";")[0]
    assert script_src.split() == ["'self'", "'wasm-unsafe-eval'", "'sha256-a'", "'sha256-b'"]
    assert "default-src 'self'" in text and "object-src 'none'" in text and "base-uri 'self'" in text


def test_same_template_same_policy_whatever_the_content(tiny_project: Project) -> None:
    data = hostile_practice()
    data["description"] += "\n\n<script>alert(1)</script>\n\nText {: onclick=alert(1) }"
    (tiny_project.practices_dir / "hostile.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    practices = [build_practice(data, "practices/hostile.yaml")]
    practices += collect_practices(tiny_project, [tiny_project.practices_dir / "minimal.yaml"]).practices
    site = build_site(tiny_project, practices)
    hostile, plain = site / "practices/hostile/index.html", site / "practices/minimal/index.html"
    assert policy_of(hostile) == policy_of(plain)
    assert policy_of(site / "fr/practices/hostile/index.html") == policy_of(site / "fr/practices/minimal/index.html")
    # Every inline script the theme wrote is allowed, so the theme works; nothing else is.
    for page in (hostile, plain, site / "index.html", site / "fr/themes/employment/index.html", site / "404.html"):
        allowed = set(re.findall(r"'sha256-[^']+'", policy_of(page)))
        written = {script_hash(body) for body in _INLINE.findall(page.read_text(encoding="utf-8"))}
        assert written <= allowed, page
        assert script_hash("alert(1)") not in allowed
