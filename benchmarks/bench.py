"""Benchmark: `python -m benchmarks.bench [N ...]` times each stage on N synthetic practices.

Synthetic practices are made on the fly in a temporary copy of the project, so the figures
cover the real pipeline, the real site engine and the real search index. "validate s" is what
`kb validate` spends checking the files; with --validate-only nothing is built, and the whole
command is timed as well (starting Python included). With --browser the
catalogue is opened in headless Chromium (bytes downloaded, filter update time); with
--material-search the same content is built again with Material's own search for comparison.
Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.build import BuildCache, Stages, build_project, build_site, site_context
from generator.pipeline import Project, collect_practices, validate_project
from generator.render import render_site
from generator.render_light import light_practices
from generator.update import rebuild

from .memory import PeakMemory

_WORDS = [
    "migrants",
    "refugees",
    "employment",
    "mentoring",
    "training",
    "skills",
    "recognition",
    "language",
    "course",
    "employer",
    "city",
    "region",
    "support",
    "access",
    "services",
    "housing",
    "health",
    "women",
    "youth",
    "social",
    "enterprise",
    "partnership",
    "volunteer",
    "programme",
    "integration",
    "inclusion",
    "labour",
    "market",
    "job",
    "work",
    "placement",
    "guidance",
    "network",
    "community",
    "local",
    "national",
]


def synthetic_practice(index: int, rng: random.Random) -> str:
    def text(words: int) -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(words))

    ident = f"synthetic-practice-{index:05d}"
    country = rng.choice(["BE", "FR", "DE", "SE", "IT", '"NO"'])
    translated = index % 3 == 0
    translation = (
        f"translations:\n  fr:\n    reviewed: false\n    title: Pratique {index}\n    summary: {text(25)}\n" if translated else ""
    )
    return (
        f"id: {ident}\nschema_version: 1\nlanguage: en\ntitle: Synthetic practice {index}\n"
        f"summary: {text(30)}\ndescription: |\n  {text(150)}\n\n  {text(120)}\n"
        f"results: {text(30)}\ncountries: [{country}]\n"
        f"scope: local\nthemes: [{rng.choice(['employment', 'mentoring', 'housing'])}]\n"
        "target_groups: [refugees]\norganisations:\n  - name: Example\n    type: ngo\n    role: lead\n"
        "status: active\nlinks: []\nsources:\n  - title: Example\n    publisher: Example\n    year: 2020\n"
        f'last_reviewed: "2026-01-01"\n{translation}'
    )


def make_synthetic_project(target: Path, source: Project, count: int, seed: int = 1) -> Project:
    for name in ("schema", "site_overrides"):
        shutil.copytree(source.root / name, target / name)
    shutil.copy(source.engine_config, target / "mkdocs.yml")
    practices = target / "practices"
    practices.mkdir()
    rng = random.Random(seed)
    for i in range(count):
        (practices / f"synthetic-practice-{i:05d}.yaml").write_text(synthetic_practice(i, rng), encoding="utf-8")
    return Project(target)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def limit_languages(config_file: Path, count: int) -> None:
    """Keep the first `count` interface languages in a copy of the engine configuration."""
    text = config_file.read_text(encoding="utf-8")
    head, marker, rest = text.partition("      languages:\n")
    entries = rest.split("        - locale: ")
    config_file.write_text(head + marker + "        - locale: ".join(entries[: count + 1]), encoding="utf-8")


def _with_material_search(config_file: Path) -> None:
    """Turn on Material's lunr search in a copy of the engine configuration."""
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(
        text.replace("plugins:\n", "plugins:\n  - search\n", 1).replace("reconfigure_search: false", "reconfigure_search: true")
    )


def time_validation(project: Project) -> float:
    """Seconds that `kb validate` spends on all the files of a project, in this process."""
    t0 = time.perf_counter()
    checked = validate_project(project)
    elapsed = time.perf_counter() - t0
    if checked.problems:
        raise RuntimeError(f"synthetic practices should be valid; first problem: {checked.problems[0]}")
    return elapsed


def time_validate_command(project: Project) -> float:
    """Seconds of a whole `kb validate` run on a project, starting Python included."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "validate"], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def run_validate_benchmark(counts: Sequence[int], source: Project) -> Iterator[dict[str, float]]:
    """Validate N synthetic practices for each N, without building, and yield one row of figures per N."""
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_synthetic_project(Path(tmp), source, count)
            validate = time_validation(project)
            yield {
                "practices": count,
                "validate s": validate,
                "ms per practice": validate / count * 1e3,
                "kb validate s (whole command)": time_validate_command(project),
            }


def run_benchmark(
    counts: Sequence[int],
    source: Project,
    *,
    languages: int | None = None,
    browser: bool = False,
    material_search: bool = False,
) -> Iterator[dict[str, float]]:
    """Build N synthetic practices for each N and yield one row of figures per build."""
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_synthetic_project(Path(tmp), source, count)
            if languages:
                limit_languages(project.engine_config, languages)
            stages = Stages()
            t0 = time.perf_counter()
            with PeakMemory() as peak:  # what `kb build` does, loading and checking included
                site = build_project(project, stages=stages).site
            t1 = time.perf_counter()
            assert site is not None, "the synthetic practices are valid"
            # After the build: what validating and rendering leave in this process's memory would
            # be counted as the build's own (a large build loads the practices in another process).
            validate = time_validation(project)
            collected = collect_practices(project)
            ctx = site_context(project)
            page_count = len(render_site(collected.practices, ctx))
            light = sum(len(light_practices(collected.practices, ctx, lang)) for lang in ctx.languages)
            row: dict[str, float] = {
                "practices": count,
                "languages": len(ctx.languages),
                "validate s": validate,
                "build s (load, render, engine, index)": t1 - t0,
                **{f"  {stage} s": seconds for stage, seconds in stages.seconds.items()},
                "ms per practice": (t1 - t0) / count * 1e3,
                "peak MB, all processes": peak.total_mb,
                f"largest process MB ({peak.largest[0]})": peak.largest[1],
                "pages": page_count + light,
                "light pages": light,
                "site MB": folder_size(site) / 1e6,
                "index MB": folder_size(site / "pagefind") / 1e6,
                "practice page KB": (site / "practices" / "synthetic-practice-00000" / "index.html").stat().st_size / 1e3,
            }
            if browser:
                from .browser import measure_catalogue

                row.update(measure_catalogue(site))
            if material_search:
                _with_material_search(project.engine_config)
                t4 = time.perf_counter()
                site = build_site(project, collected.practices)
                row["build s with Material search"] = time.perf_counter() - t4
                index = site / "search" / "search_index.json"
                row["Material index MB"] = index.stat().st_size / 1e6
                row["Material index MB gz"] = len(gzip.compress(index.read_bytes(), compresslevel=6)) / 1e6
            yield row


def run_serve_benchmark(counts: Sequence[int], source: Project, *, languages: int | None = None) -> Iterator[dict[str, float]]:
    """What `kb serve` does after a contributor saves a practice file, for N synthetic practices:
    the first build (whole), then a title edited and the site updated in place (update.py); the
    search index is made again in the background and timed apart."""
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = make_synthetic_project(Path(tmp), source, count)
            if languages:
                limit_languages(project.engine_config, languages)
            cache = BuildCache(project.build_dir / "engine-files")
            t0 = time.perf_counter()
            rebuild(project, collect_practices(project).practices, cache)
            first = time.perf_counter() - t0
            cache.wait_for_index()
            edited = project.practices_dir / f"synthetic-practice-{min(7, count - 1):05d}.yaml"
            edited.write_text(edited.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
            t1 = time.perf_counter()
            practices = collect_practices(project).practices
            t2 = time.perf_counter()
            stages = Stages()
            rebuild(project, practices, cache, stages=stages)
            t3 = time.perf_counter()
            cache.wait_for_index()
            yield {
                "practices": count,
                "languages": len(site_context(project).languages),
                "first build s": first,
                "after a save: reloaded page s": t3 - t1,
                "  load and validate s": t2 - t1,
                **{f"  {stage} s": seconds for stage, seconds in stages.seconds.items()},
                "  search index, in the background s": time.perf_counter() - t3,
            }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__)
    parser.add_argument(
        "counts", nargs="*", type=int, default=[100, 500, 1000], help="numbers of practices (default: 100 500 1000)"
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project whose configuration is used (default: .)")
    parser.add_argument("--languages", type=int, help="use only the first N interface languages of mkdocs.yml")
    parser.add_argument("--validate-only", action="store_true", help="only time `kb validate`; build nothing")
    parser.add_argument("--serve", action="store_true", help="time kb serve's rebuild after a practice file is saved")
    parser.add_argument("--browser", action="store_true", help="also measure the catalogue in headless Chromium")
    parser.add_argument("--material-search", action="store_true", help="also build with Material's search, for comparison")
    args = parser.parse_args(argv)
    rows = (
        run_validate_benchmark(args.counts, Project(args.root.resolve()))
        if args.validate_only
        else run_serve_benchmark(args.counts, Project(args.root.resolve()), languages=args.languages)
        if args.serve
        else run_benchmark(
            args.counts,
            Project(args.root.resolve()),
            languages=args.languages,
            browser=args.browser,
            material_search=args.material_search,
        )
    )
    for row in rows:  # printed as each build ends
        print()
        for key, value in row.items():
            print(f"{key:>32}: {value:.2f}" if isinstance(value, float) else f"{key:>32}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
