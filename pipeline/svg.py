"""SVG pictures written as text: the same data gives the same bytes (no clock, no random ids,
numbers printed to one decimal), and every text that may come from a seed goes through
`escaped`: one line, control and invisible characters dropped, capped, XML-escaped.

Hand-written rather than matplotlib: importing matplotlib alone costs about half a second,
more than a tenth of a whole build (README, "Quality checks"); these pictures need bars,
lines and labels only.
"""

from __future__ import annotations

import html

from pipeline.text import capped

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
FONT_SIZE = 12
CHAR_WIDTH = 0.62  # a generous width of one character of FONT, in em: for laying labels out
CAP = 60  # characters of a seed value shown in a picture
COLOURS = {
    "established": "#4c78a8",
    "restored": "#54a24b",
    "suspended": "#f58518",
    "severed": "#e45756",
    "error": "#e45756",
    "warning": "#f58518",
    "info": "#4c78a8",
    "acknowledged": "#bab0ac",
    "axis": "#555555",
    "grid": "#dddddd",
    "text": "#222222",
}


def escaped(value: object, limit: int = CAP) -> str:
    """Text safe inside an SVG or HTML element or a double-quoted attribute."""
    return html.escape(capped(value, limit), quote=False).replace('"', "&quot;")


def number(value: float) -> str:
    """A coordinate with at most one decimal, the same on every platform."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(value: str, size: float = FONT_SIZE) -> float:
    """The width a label is given on the page (an upper bound for FONT)."""
    return len(value) * size * CHAR_WIDTH


def document(width: float, height: float, title: str, description: str, body: list[str]) -> str:
    """A complete SVG file: a titled, described picture on a white background."""
    w, h = number(width), number(height)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            f'role="img" font-family="{FONT}" font-size="{FONT_SIZE}" fill="{COLOURS["text"]}">',
            f"<title>{escaped(title, 200)}</title>",
            f"<desc>{escaped(description, 4000)}</desc>",
            f'<rect width="{w}" height="{h}" fill="#ffffff"/>',
            *body,
            "</svg>",
            "",
        ]
    )


def label(x: float, y: float, value: object, anchor: str = "start", size: int = FONT_SIZE, bold: bool = False) -> str:
    """A one-line text; `anchor` is start, middle or end."""
    style = (f' font-size="{size}"' if size != FONT_SIZE else "") + (' font-weight="bold"' if bold else "")
    return f'<text x="{number(x)}" y="{number(y)}" text-anchor="{anchor}"{style}>{escaped(value, 200)}</text>'


def bar(x: float, y: float, width: float, height: float, colour: str, tooltip: str = "") -> str:
    """A filled rectangle, with a tooltip when given."""
    shape = f'<rect x="{number(x)}" y="{number(y)}" width="{number(width)}" height="{number(height)}" fill="{colour}"'
    return f"{shape}><title>{escaped(tooltip, 200)}</title></rect>" if tooltip else shape + "/>"


def rule(x1: float, y1: float, x2: float, y2: float, colour: str = COLOURS["axis"]) -> str:
    """A one-pixel line."""
    return (
        f'<line x1="{number(x1)}" y1="{number(y1)}" x2="{number(x2)}" y2="{number(y2)}" '
        f'stroke="{colour}" stroke-width="1"/>'
    )


def marker(x: float, y: float, colour: str, radius: float = 5) -> str:
    """A diamond marking one dated event."""
    points = [(x, y - radius), (x + radius, y), (x, y + radius), (x - radius, y)]
    return f'<polygon points="{" ".join(f"{number(a)},{number(b)}" for a, b in points)}" fill="{colour}"/>'


def legend(x: float, y: float, entries: list[tuple[str, str]]) -> list[str]:
    """Coloured squares with their names, in one row from (x, y)."""
    parts = []
    for name, colour in entries:
        parts += [bar(x, y - 10, 10, 10, colour), label(x + 14, y, name)]
        x += 14 + text_width(name) + 16
    return parts
