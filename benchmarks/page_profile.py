"""Where the time of one request goes (issue 15): cProfile on each read page, first with an empty cache, then again.

Usage: LEERLUS_HOME=DIR python benchmarks/page_profile.py   (DIR: an analysed data directory, such as the one
`page_load.py --keep DIR` leaves behind). Prints, per page, the wall and CPU time of the first request (empty cache)
and of the second, and the leerlus functions that took the most time in the first, with the load average.
"""

import cProfile
import io
import os
import pstats
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerlus.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (after django.setup)
from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = ["/", "/patronen/", "/signalen/", "/incidenten/", "/patronen/1/"]


def own_functions(profile: cProfile.Profile, count: int = 12) -> list[str]:
    """The leerlus functions (and render) with the most cumulative time, as pstats prints them."""
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(400)
    lines = [line for line in out.getvalue().splitlines() if "/leerlus/" in line and "site-packages" not in line]
    return [line for line in lines if "middleware" not in line and "__call__" not in line][:count]


def main() -> None:
    users = get_user_model()
    user = users.objects.filter(username="bench").first() or users.objects.create_superuser("bench", password="bench")
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(user)
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    for page in PAGES:
        client.get(page)  # templates and connections warm
        cache.clear()
        started, cpu = time.perf_counter(), time.process_time()
        profile = cProfile.Profile()
        profile.enable()
        assert client.get(page).status_code == 200
        profile.disable()
        first, first_cpu = (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000
        started = time.perf_counter()
        client.get(page)
        again = (time.perf_counter() - started) * 1000
        print(f"== {page}: first {first:.0f} ms ({first_cpu:.0f} ms CPU, with the profiler), again {again:.0f} ms")
        print("\n".join(own_functions(profile)))
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
