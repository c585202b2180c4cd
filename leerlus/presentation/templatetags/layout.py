"""Layout helpers for templates: a wide table scrolls inside its own box, so the page never scrolls sideways."""

from django import template
from django.utils.html import format_html

register = template.Library()


class ScrollableNode(template.Node):
    def __init__(self, label, nodelist):
        self.label, self.nodelist = label, nodelist

    def render(self, context) -> str:
        return format_html(
            '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def scrollable(parser, token):
    """{% scrollable _("Signalen") %}<table>…</table>{% endscrollable %}: a keyboard can scroll it, a screen
    reader hears its name."""
    try:
        _tag, label = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("scrollable takes one argument: the box's name") from None
    nodelist = parser.parse(("endscrollable",))
    parser.delete_first_token()
    return ScrollableNode(parser.compile_filter(label), nodelist)
