"""Charts of the bilans, drawn as SVG text (no Odoo import, no library).

The PDF bilans embed these SVG documents inline: wkhtmltopdf draws them as vectors, sharp at
any zoom, and a test can read their labels back. Two shapes cover the bilans: vertical bars
against one or more lines (hours per month against the objective's pace), and horizontal bars
(hours by modality, people by profile). Every text goes through ``escape``; values that are
masked for privacy ('< 5') are drawn as the same small grey stub, with their text.
"""
import math
from xml.sax.saxutils import escape

from odoo.addons.asr_charter.rules.numbers import fr_number

PALETTE = ['#1f6f78', '#e07a5f', '#3d405b', '#81b29a', '#f2cc8f', '#6d597a', '#b56576',
           '#457b9d', '#a8dadc', '#e9c46a', '#264653', '#8d99ae']
LINE_COLOURS = ['#c0392b', '#2c3e50']
MASKED_COLOUR = '#d0d0d0'
MASKED_STUB = 6
FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def nice_step(maximum, ticks=5):
    """A round step (1, 2, 2.5 or 5 x 10^n) giving about ``ticks`` gridlines up to maximum."""
    if maximum <= 0:
        return 1.0
    raw = maximum / float(ticks)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _number(value):
    return value if isinstance(value, (int, float)) and math.isfinite(value) else 0.0


def bar_line_chart(labels, bars, lines=(), bar_name='', width=720, height=260):
    """Vertical bars (one per label) and lines [(name, values)] on one axis; the legend names
    the bars ``bar_name`` and each line. Returns an SVG document (text)."""
    values = [_number(v) for v in bars]
    line_values = [(name, [_number(v) for v in vals]) for name, vals in lines]
    top = max([0.0] + values + [v for _n, vals in line_values for v in vals])
    step = nice_step(top)
    ymax = step * max(1, math.ceil(top / step)) if top else step * 5
    left, right, head, foot = 62, 12, 26, 46
    plot_w, plot_h = width - left - right, height - head - foot
    count = max(1, len(labels))
    slot = plot_w / float(count)
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" %s font-size="10">' % (width, height, width, height, FONT)]

    def y_of(value):
        return head + plot_h - plot_h * value / ymax

    tick = 0.0
    while tick <= ymax + 1e-9:
        y = y_of(tick)
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#dddddd"/>'
                   % (left, y, width - right, y))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>'
                   % (left - 4, y + 3, escape(fr_number(tick, 0 if step >= 1 else 2))))
        tick += step
    bar_w = max(1.0, slot * 0.7)
    for index, value in enumerate(values):
        x = left + index * slot + (slot - bar_w) / 2
        out.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>'
                   % (x, y_of(value), bar_w, head + plot_h - y_of(value), PALETTE[0]))
    every = max(1, int(math.ceil(count / 12.0)))
    for index, label in enumerate(labels):
        if index % every == 0:
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>'
                       % (left + index * slot + slot / 2, head + plot_h + 14,
                          escape(str(label))))
    for number, (name, vals) in enumerate(line_values):
        points = ' '.join('%.1f,%.1f' % (left + i * slot + slot / 2, y_of(v))
                          for i, v in enumerate(vals))
        if points:
            out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>'
                       % (points, LINE_COLOURS[number % len(LINE_COLOURS)],
                          ' stroke-dasharray="6,3"' if number else ''))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#555555"/>'
               % (left, head + plot_h, width - right, head + plot_h))
    legend = [(bar_name, PALETTE[0], 'rect')] if bar_name else []
    legend += [(name, LINE_COLOURS[i % len(LINE_COLOURS)], 'line')
               for i, (name, _v) in enumerate(line_values)]
    x = left
    for name, colour, shape in legend:
        if shape == 'rect':
            out.append('<rect x="%d" y="%d" width="12" height="8" fill="%s"/>'
                       % (x, height - 14, colour))
        else:
            out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>'
                       % (x, height - 10, x + 12, height - 10, colour))
        out.append('<text x="%d" y="%d">%s</text>' % (x + 16, height - 6, escape(name)))
        x += 28 + 6 * len(name)
    out.append('</svg>')
    return ''.join(out)


def hbar_chart(items, width=720, label_width=250):
    """Horizontal bars, one per (label, value, text): ``value`` sets the bar's length (None
    for a masked count: a grey stub), ``text`` is written after it. Returns an SVG document."""
    row_h, head = 20, 6
    height = head * 2 + row_h * max(1, len(items))
    top = max([0.0] + [_number(value) for _l, value, _t in items if value is not None])
    room = width - label_width - 90
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" %s font-size="10">' % (width, height, width, height, FONT)]
    for index, (label, value, text) in enumerate(items):
        y = head + index * row_h
        out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                   % (label_width - 6, y + 13, escape(str(label))))
        length = room * _number(value) / top if (top and value is not None) else 0.0
        if value is None:
            # a masked count: a grey stub, the same for every masked cell
            length = MASKED_STUB
            out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                       % (label_width, y + 3, length, row_h - 6, MASKED_COLOUR))
        elif length:
            out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>'
                       % (label_width, y + 3, length, row_h - 6,
                          PALETTE[index % len(PALETTE)]))
        out.append('<text x="%.1f" y="%d">%s</text>'
                   % (label_width + length + 4, y + 13, escape(str(text))))
    out.append('</svg>')
    return ''.join(out)
