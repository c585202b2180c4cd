"""The words a person wrote in an e-mail: the plain text (or the HTML as text), without quoted replies or signature.

Attachments are never read: only text/plain and text/html parts that are not marked as an attachment.
"""

import re
from email.message import Message
from html.parser import HTMLParser

# Where a quoted earlier message or a signature begins (Dutch and English mail programs).
_CUT = re.compile(
    r"^\s*("
    r"op .{4,200} schreef .{0,200}:"
    r"|on .{4,200} wrote:"
    r"|-{2,}\s*(oorspronkelijk bericht|original message|doorgestuurd bericht|forwarded message)\s*-{2,}"
    r"|(van|from):\s.+"
    r"|-- ?"
    r"|met vriendelijke groet(en)?,?"
    r"|vriendelijke groet(en)?,?"
    r"|mvg,?"
    r"|kind regards,?"
    r"|best regards,?"
    r"|verzonden vanaf m\w+ .+"
    r"|sent from my .+"
    r")\s*$",
    re.IGNORECASE,
)


def body_text(message: Message) -> str:
    """The message's own text: the first plain-text part, else the first HTML part as text; attachments skipped."""
    plain = html = None
    for part in message.walk() if message.is_multipart() else [message]:
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        kind = part.get_content_type()
        if kind == "text/plain" and plain is None:
            plain = _decoded(part)
        elif kind == "text/html" and html is None:
            html = _decoded(part)
    return without_replies(plain if plain is not None else _html_text(html or ""))


def without_replies(text: str) -> str:
    """The lines before the first quoted reply, forwarded message or signature; quoted (>) lines dropped."""
    kept = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _CUT.match(line):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True) or b""
    return payload.decode(part.get_content_charset() or "utf-8", errors="replace")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in ("br", "p", "div", "li", "tr", "blockquote"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def _html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)
