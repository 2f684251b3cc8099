"""The one builder of infoview's self-contained HTML pages (the analysis report and the class
report): a bundled Jinja template filled in with autoescaping, and matplotlib figures embedded
as PNG data URIs, so that a page opens anywhere without a network connection.
"""

import base64
import io

from ..resources import bundled_path
from .style import style

__all__ = ["figure", "png", "render_page"]


def render_page(template, **context):
    """The HTML of the bundled template ``content/<template>`` filled in with ``context``.

    >>> "<p>&lt;b&gt;</p>" in render_page("analysis_report.html.j2", language="en", title="T", footer="",
    ...                                   subtitle="", empty="<b>")
    True
    """
    from jinja2 import Environment

    source = bundled_path(template).read_text(encoding="utf-8")
    return Environment(autoescape=True).from_string(source).render(**context)


def png(draw, size=(8, 4.5), dpi=110, tight=True):
    """Call ``draw(ax)`` on a new figure of ``size`` inches in the house style (without pyplot) and
    return the figure as PNG bytes."""
    from matplotlib.figure import Figure

    with style():
        shown = Figure(figsize=size, layout="constrained")
        draw(shown.add_subplot())
        buffer = io.BytesIO()
        shown.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight" if tight else None)
    return buffer.getvalue()


def figure(draw, alt, size=(8, 4.5)):
    """:func:`png` as the report templates show it: ``{"uri", "alt"}``, the figure as a PNG data URI
    and its text alternative."""
    return {"uri": "data:image/png;base64," + base64.b64encode(png(draw, size)).decode("ascii"), "alt": alt}
