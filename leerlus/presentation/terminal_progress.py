"""Progress of a long command on stderr: a bar with speed and time left on a terminal, short lines otherwise."""

import sys
import time

from django.utils.translation import gettext as _

from leerlus.presentation.formatting import number

BAR_WIDTH = 24


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds + 0.5), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class TerminalProgress:
    """Call with (rows done, estimated total or None, stage); `finish()` ends the line."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.on_terminal = self.stream.isatty()
        self.started = time.monotonic()
        self.width = 0  # of the last line drawn, to wipe what is left of it

    def __call__(self, done: int, total: int | None = None, stage: str = "") -> None:
        line = self.bar(done, total, stage) if self.on_terminal else _("%(n)s rijen gelezen") % {"n": number(done)}
        self.stream.write("\r" + line + " " * max(self.width - len(line), 0))
        self.stream.flush()
        self.width = len(line)

    def bar(self, done: int, total: int | None, stage: str) -> str:
        seconds = time.monotonic() - self.started
        speed = done / seconds if seconds > 0 else 0.0
        parts = [_("%(n)s rijen") % {"n": number(done)}]
        if speed:
            parts.append(_("%(n)s rijen/s") % {"n": number(round(speed))})
        if total:
            share = min(done / total, 1.0)
            filled = round(share * BAR_WIDTH)
            bar = "[" + "#" * filled + "-" * (BAR_WIDTH - filled) + f"] {share:4.0%}"
            if speed and done < total:
                parts.append(_("nog %(t)s") % {"t": _duration((total - done) / speed)})
        else:
            bar = ""
        prefix = f"{stage}: " if stage else ""
        return prefix + " ".join(p for p in (bar, " · ".join(parts)) if p)

    def finish(self) -> None:
        if self.width:
            self.stream.write("\n")
            self.stream.flush()
            self.width = 0
