"""PNG images of figures, laid out once and drawn once."""

from __future__ import annotations

import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def figure_png(fig: Figure, *, dpi: float | None = None) -> bytes:
    """The whole figure as PNG bytes at ``dpi`` (default: the figure's own): the image
    ``fig.savefig(buf, format="png", dpi=dpi)`` writes, pixel for pixel.

    ``savefig`` draws a figure that has a layout engine (every chart of :mod:`convergence.charts` uses the
    constrained layout) twice: once without output, which lays it out, then once more to render it. Here
    the layout engine runs once and the figure is rendered once with the layout it found: about a quarter
    less work for a chart. The figure is left as it was (its canvas, dpi and layout engine)."""
    old_canvas, old_dpi, engine = fig.canvas, fig.dpi, fig.get_layout_engine()
    canvas = FigureCanvasAgg(fig)
    buf = io.BytesIO()
    try:
        if dpi is not None:
            fig.dpi = dpi
        if engine is not None:
            if fig.axes:
                try:
                    engine.execute(fig)
                except ValueError:  # as in Figure.draw: a layout that cannot be made leaves the axes be
                    pass
            fig.set_layout_engine("none")  # laid out: the drawing below keeps the layout
        canvas.print_png(buf)
    finally:
        if engine is not None:
            fig.set_layout_engine(engine)
        fig.dpi = old_dpi
        fig.set_canvas(old_canvas)
    return buf.getvalue()
