"""`leerlus serve --processes 2`: each server process serves the same logged-in session, and each shows a change
made elsewhere (an import on the command line) at once, because the cached page parts follow the data version.

One process at a time is paused (SIGSTOP), so that the other must answer: both are checked, not just whichever
the kernel happens to hand a connection. A kill -9 of the command ends its server processes too."""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import LEERLUS, _free_port

PASSWORD = "lang-genoeg-wachtwoord-2026"
EXPORT = """received_at,channel,service,text
2026-03-02,telefoon,Afval,De container is niet geleegd
2026-03-02,website,Afval,Container vergeten
2026-03-03,balie,Paspoort,Afspraak maken lukt niet
"""


def test_two_processes_share_the_session_and_show_an_import_at_once(leerlus_home, tmp_path):
    password = tmp_path / "wachtwoord"
    password.write_text(PASSWORD)
    leerlus_home(
        "setup", "--organisation", "Gemeente Katwijk", "--admin", "ingrid", "--email", "ingrid@katwijk.nl",
        "--password-file", str(password),
    )  # fmt: skip
    export = tmp_path / "export.csv"
    export.write_text(EXPORT)
    leerlus_home("import", str(export))
    port = _free_port()
    server = subprocess.Popen(
        [LEERLUS, "serve", "--port", str(port), "--processes", "2", "--no-worker"],
        env=leerlus_home.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        opener = _logged_in(base)
        children = [int(pid) for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()]
        assert len(children) == 2
        for page in _from_each(children, opener, base + "/"):
            assert "3 signalen uit alle kanalen" in page and "ingrid (beheerder)" in page
        export.write_text(EXPORT.replace("2026-03-0", "2026-04-0"))  # the same services: only the counts change
        leerlus_home("import", str(export))
        for page in _from_each(children, opener, base + "/"):
            assert "6 signalen uit alle kanalen" in page and "ingrid (beheerder)" in page
        server.kill()  # kill -9: nobody stops the server processes, they end themselves
        server.wait()
        for _ in range(50):
            if not any(Path(f"/proc/{pid}").exists() for pid in children):
                break
            time.sleep(0.2)
        assert not any(Path(f"/proc/{pid}").exists() for pid in children)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _logged_in(base: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    for _ in range(150):
        try:
            form = opener.open(base + "/inloggen/", timeout=2).read().decode()
            break
        except OSError:
            time.sleep(0.2)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode({"username": "ingrid", "password": PASSWORD, "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(base + "/inloggen/", data=data.encode(), headers={"Referer": base}))
    return opener


def _from_each(children: list[int], opener, url: str) -> list[str]:
    """The page as each server process answers it, on a new connection while the others are paused."""
    pages = []
    for pid in children:
        with _paused([other for other in children if other != pid]):
            pages.append(opener.open(url, timeout=30).read().decode())
    return pages


@contextmanager
def _paused(pids: list[int]):
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
