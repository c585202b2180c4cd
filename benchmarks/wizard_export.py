"""A real export through the import wizard in Chromium, as a beheerder would do it (issue 12's bar).

Usage: python benchmarks/wizard_export.py FILE [--map-channel WAARDE=kanaal ...]
FILE is a CSV export (a .gz is unpacked first), for example ../shared/data/katwijk_fixi_meldingen_2019_2025.csv.gz.
Sets up a fresh installation with `leerlus setup`, serves it (with its worker), logs in, uploads the file on
"Importeren", takes the wizard's column suggestions, takes its channel suggestions (or the given ones), imports and
reads the summary. Prints every row accounted for: read = new + duplicate + rejected, and the rejected rows by
reason. The shared data is never committed and no test depends on it.
"""

import argparse
import gzip
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from page_speed import LEERLUS, free_port, wait_until_up
from playwright.sync_api import expect, sync_playwright

PASSWORD = "een-lang-wachtwoord-voor-de-meting"


def csv_file(source: Path, tmp: Path) -> Path:
    if source.suffix != ".gz":
        return source
    target = tmp / source.stem
    with gzip.open(source, "rb") as packed, target.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--map-channel", action="append", default=[], metavar="WAARDE=kanaal")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        export = csv_file(args.file, tmp)
        env = {"LEERLUS_HOME": str(tmp / "home"), "PATH": "/usr/bin:/bin"}
        (tmp / "password").write_text(PASSWORD)
        subprocess.run(
            [LEERLUS, "setup", "--organisation", "Gemeente Meting", "--admin", "anna", "--email", "anna@example.nl"]
            + ["--password-file", str(tmp / "password")],
            env=env,
            check=True,
            capture_output=True,
        )
        port = free_port()
        server = subprocess.Popen([LEERLUS, "serve", "--port", str(port)], env=env, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
                summary = run_wizard(browser.new_page(), base, export, args.map_channel)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=60)
    report(args.file.name, summary)


def run_wizard(page, base: str, export: Path, channel_choices: list[str]) -> dict:
    page.goto(base + "/")
    page.get_by_label("Gebruikersnaam").fill("anna")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(base + "/signalen/importeren/")
    page.get_by_label("Bestand", exact=True).set_input_files(str(export))
    page.get_by_role("button", name="Uploaden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolommen koppelen", timeout=120_000)
    page.get_by_role("button", name="Verder: kanalen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kanalen koppelen", timeout=120_000)
    for choice in channel_choices:
        value, channel = choice.split("=", 1)
        page.get_by_label(value, exact=True).select_option(channel)
    started = time.perf_counter()
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import klaar", timeout=600_000)
    seconds = time.perf_counter() - started
    facts = dict(zip(page.locator("dt").all_inner_texts(), page.locator("dd").all_inner_texts(), strict=False))
    reasons = page.get_by_role("table", name="Afgewezen rijen per reden")
    rows = reasons.locator("tbody tr").all_inner_texts() if reasons.count() else []
    return {"facts": facts, "reasons": rows, "seconds": seconds}


def report(name: str, summary: dict) -> None:
    counts = {key: value for key, value in summary["facts"].items() if value.strip()[:1].isdigit()}
    facts = {key: int(value.strip().replace(".", "")) for key, value in counts.items()}  # 82.537 in Dutch
    read = facts["Gelezen"]
    accounted = facts["Nieuw opgeslagen"] + facts["Al aanwezig (dubbel)"] + facts["Afgewezen"]
    print(f"{name}: through the wizard in {summary['seconds']:.1f} s (from 'Importeren' to the summary)")
    for key, value in facts.items():
        print(f"  {key:<24} {value:>9,}")
    print(f"  every row accounted for: {accounted:,} of {read:,} ({'yes' if accounted == read else 'NO'})")
    for row in summary["reasons"]:
        print("  rejected:", " | ".join(row.split("\t")))


if __name__ == "__main__":
    main()
