"""figure_png: the PNG savefig writes, byte for byte, from one layout and one drawing instead of two."""

import io

import pandas as pd
from convergence import charts
from convergence.charts.render import figure_png
from fixtures.charts.frames import evidence as _evidence


def _salience():
    return pd.DataFrame(
        {
            "issue": ["kashmir", "kashmir", "afghanistan", "trade_investment"],
            "group": ["2020", "2021", "2021", "2022"],
            "actor": [None] * 4,
            "n_sentences": [3, 5, 2, 4],
            "n_total": [30, 25, 25, 20],
            "share": [0.1, 0.2, 0.08, 0.2],
        }
    )


def _figures():
    """A colorbar chart, a two-panel chart with a figure title and note, and an axes-free message."""
    yield charts.salience_heatmap(_salience(), note="n = 80 sentences; sources: Example Post")
    yield charts.stance_distribution(_evidence(), issue="kashmir", note="n = 3 sentences")
    yield charts.message_figure("No dated sentences: the corpus gives no dates for a timeline.", title="t")


def _savefig(fig, dpi=None) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", **({"dpi": dpi} if dpi else {}))
    return buf.getvalue()


def _draws(fig) -> list:
    drawn = []
    fig.canvas.mpl_connect("draw_event", lambda event: drawn.append(event))
    return drawn


def test_figure_png_is_what_savefig_writes_from_one_drawing_instead_of_two():
    for dpi in (None, 110):
        for ours, theirs in zip(_figures(), _figures(), strict=True):
            ours_drawn, theirs_drawn = _draws(ours), _draws(theirs)
            png = figure_png(ours, dpi=dpi)
            assert png == _savefig(theirs, dpi)
            assert png.startswith(b"\x89PNG")
            assert (len(ours_drawn), len(theirs_drawn)) == (1, 2)


def test_figure_png_leaves_the_figure_as_it_was():
    for fig, twin in zip(_figures(), _figures(), strict=True):
        canvas, dpi, engine = fig.canvas, fig.dpi, fig.get_layout_engine()
        assert figure_png(fig, dpi=110) == _savefig(twin, 110)
        assert (fig.canvas, fig.dpi, fig.get_layout_engine()) == (canvas, dpi, engine)
        # drawn a second time, from the layout the first drawing left, as savefig draws it again
        assert figure_png(fig) == _savefig(twin)


def test_figure_to_data_uri_embeds_the_same_png():
    import base64

    a, b = next(_figures()), next(_figures())
    uri = charts.figure_to_data_uri(a)
    assert base64.b64decode(uri.split(",", 1)[1]) == _savefig(b, 110)
