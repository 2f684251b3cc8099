"""Plots, the HTML report and ``infoview report``: what they show, in English and German."""

import base64
import re
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

import infoview as iv  # noqa: E402
from infoview import analysis  # noqa: E402
from infoview.cli import main  # noqa: E402
from .test_analysis import make_log  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def log():
    return make_log()


@pytest.fixture(scope="module")
def class_log():
    return iv.sample_log(students=12, weeks=8, seed=4)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tick_texts(axis):
    """The tick labels shown, within the axis' view limits."""
    axis.figure.canvas.draw()
    low, high = sorted(axis.get_view_interval())
    return [tick.get_text() for tick, where in zip(axis.get_ticklabels(), axis.get_ticklocs())
            if tick.get_text() and low - 1e-9 <= where <= high + 1e-9]


# --- plots ---------------------------------------------------------------------------------


def test_reply_rate_plot_draws_the_rate_and_its_interval_band(log):
    ax = analysis.plot_reply_rates(log, within=7)
    data = analysis.reply_rates(log, freq="W", within=7)
    assert data["partial"].tolist() == [False, False, True]
    complete, partial = data[~data["partial"]], data[data["partial"]]
    line, hollow = ax.get_lines()[:2]
    shown = pd.Series(line.get_ydata(), index=pd.DatetimeIndex(line.get_xdata())).dropna()
    assert shown.tolist() == pytest.approx(complete["reply_rate"].tolist())
    # The partial last week is a hollow point off the line, and named so in the legend.
    assert list(pd.DatetimeIndex(hollow.get_xdata())) == partial["period"].tolist()
    assert hollow.get_markerfacecolor() == "white" and hollow.get_linestyle() == "None"
    assert "Period not over yet" in [t.get_text() for t in ax.get_legend().get_texts()][-1]
    band = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(band) == 1
    assert band[0].get_paths()[0].vertices[:, 1].max() == pytest.approx(complete["ci_high"].max())
    assert ax.get_title(loc="left") == "Reply rate per week"
    assert all(text.endswith("%") for text in tick_texts(ax.yaxis))
    assert "within 7 days" in " ".join(t.get_text() for t in ax.texts)


def test_reply_rate_plot_in_german_with_one_line_per_group(log):
    ax = analysis.plot_reply_rates(log, by="channel", language="de")
    assert ax.get_title(loc="left") == "Antwortquote pro Woche"
    assert ax.get_ylabel() == "Antwortquote"
    assert ax.get_xlabel() == "Woche ab Montag"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["E-Mail", "LinkedIn", "Telefon"]
    assert all(re.fullmatch(r"\d+ %", text) for text in tick_texts(ax.yaxis))
    assert any("März" in text for text in tick_texts(ax.xaxis))


def test_funnel_plot_bars_are_shares_of_sent(log):
    ax = analysis.plot_funnel(log, language="de", as_of="2024-04-02 17:00")
    widths = [bar.get_width() for bar in ax.patches]
    assert widths == pytest.approx([1, 5 / 9, 4 / 9, 4 / 9, 3 / 9])
    # By default as of the latest send, 1 April: the meeting on 2 April is still to come.
    ax = analysis.plot_funnel(log, language="de")
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([1, 5 / 9, 4 / 9, 3 / 9, 2 / 9])
    assert "noch anstehende Gespräche zählen nicht" in ax.texts[0].get_text() + " ".join(
        t.get_text() for t in ax.texts)
    assert tick_texts(ax.yaxis) == ["Gesendet", "Beantwortet", "Zugesagt", "Gespräch geführt", "Dank gesendet"]
    assert "5  (56 %)" in [t.get_text() for t in ax.texts]
    assert tick_texts(ax.xaxis)[-1] == "100 %"


def test_time_to_reply_plot_follows_the_curve(log):
    ax = analysis.plot_time_to_reply(log, by="channel")
    curve = analysis.reply_curve(log, by="channel")
    lines = {line.get_label(): line for line in ax.get_lines() if not line.get_label().startswith("_")}
    assert list(lines) == ["Email", "LinkedIn", "Phone"]
    email = curve[curve["channel"] == "email"]
    assert lines["Email"].get_ydata() == pytest.approx(email["share_replied"].to_numpy())
    assert lines["Email"].get_drawstyle() == "steps-post"
    assert ax.get_xlabel() == "Days since sending"


def test_comparison_plot_orders_groups_by_rate_with_intervals(log):
    ax = analysis.plot_comparison(log, by="source", language="de", within=None)
    assert tick_texts(ax.yaxis) == ["Ohne Verbindung (kalt)", "Veranstaltung", "Alumni"]
    assert ax.get_title(loc="left") == "Antwortquote nach Kontaktquelle"
    assert ax.get_xlabel() == "Antwortquote mit 95-%-Intervall"
    labels = [t.get_text() for t in ax.texts]
    assert "4 von 4" in labels and "0 von 3" in labels
    assert any(text.startswith("Alle: 56") for text in labels)
    top = analysis.plot_comparison(log, by="student", top=2)
    assert len(tick_texts(top.yaxis)) == 2


def test_activity_plot_marks_weeks_below_the_goal(log):
    ax = analysis.plot_activity(log, goal=2)
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == [3, 3, 0, 2, 1]
    colours = [matplotlib.colors.to_hex(bar.get_facecolor()) for bar in ax.patches]
    assert colours[0] == colours[1] == colours[3] != colours[2] == colours[4]
    # The week of 1 April is still running at as_of: hatched, and its shortfall not final.
    assert [bar.get_hatch() for bar in ax.patches] == [None, None, None, None, "//"]
    assert any(line.get_ydata()[0] == 2 for line in ax.get_lines())


def test_outcomes_plot_draws_each_cumulative_incidence_with_its_band(log):
    ax = analysis.plot_outcomes(log, as_of="2024-04-02 17:00", language="de")
    curve = analysis.outcome_curve(log, as_of="2024-04-02 17:00")
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines) == ["Irgendeine Antwort", "Zugesagt", "Andere Antworten"]
    accepted = lines["Zugesagt"].get_ydata()
    assert accepted[:len(curve)] == pytest.approx(curve["accepted"].to_numpy())
    assert lines["Irgendeine Antwort"].get_drawstyle() == "steps-post"
    assert len([c for c in ax.collections if isinstance(c, PolyCollection)]) == 3
    assert "Stand 2. Apr. 2024" in " ".join(t.get_text() for t in ax.texts)


def test_plots_of_an_empty_log_say_so_and_accept_an_axes(log):
    for plot in (analysis.plot_reply_rates, analysis.plot_funnel, analysis.plot_time_to_reply, analysis.plot_outcomes,
                 analysis.plot_comparison, analysis.plot_activity):
        figure, ax = plt.subplots()
        assert plot(log.iloc[:0], language="de", ax=ax) is ax
        assert "Noch keine Anfragen zum Anzeigen" in [t.get_text() for t in ax.texts]


# --- report --------------------------------------------------------------------------------


def _images(html):
    return re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)


@pytest.mark.parametrize("language, words", [
    ("en", ["Outreach report", "At a glance", "Reply rate over time", "Time to reply", "Reply rate by source"]),
    ("de", ["Auswertung der Kontaktanfragen", "Auf einen Blick", "Antwortquote im Zeitverlauf",
            "Zeit bis zur Antwort", "Antwortquote nach Kontaktquelle"]),
])
def test_report_is_one_self_contained_html_file(class_log, tmp_path, language, words):
    path = analysis.report(class_log, tmp_path / "report.html", language=language)
    html = path.read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in html
    for word in words:
        assert word in html
    images = _images(html)
    assert len(images) >= 6
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<script" not in html
    rates = analysis.reply_rates(class_log).iloc[0]
    assert analysis.labels.percent(rates["reply_rate"], language) in html


def test_report_breaks_down_by_a_column_and_escapes_the_log(log, tmp_path):
    log = log.copy()
    log["student"] = log["student"].replace("ann", "<b>Ann</b> & Co")
    html = analysis.report(log, tmp_path / "r.html", language="de", by="student").read_text(encoding="utf-8")
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; Co" in html and "<b>Ann</b>" not in html
    assert "Antwortquote nach Person" in html
    assert "Für ein Urteil ist es noch zu früh" in html


def test_report_states_its_window_and_as_of_and_ignores_planned_meetings(log, tmp_path):
    log = log.copy()
    log.loc[1, "meeting_at"] = pd.Timestamp("2024-05-20 10:00")  # planned long after the export
    html = analysis.report(log, tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Figures as of 1 Apr 2024." in html  # the latest send, not the planned meeting
    assert "Counted: replies within 7 days of sending, for outreach sent at least 7 days before 1 Apr 2024." in html
    assert "Replied within 7 days" in html and "Meetings still to come" not in html
    later = analysis.report(log, tmp_path / "r2.html", language="de", as_of="2024-04-20",
                            within=3).read_text(encoding="utf-8")
    assert "Stand: 20. Apr. 2024." in later and "innerhalb von 3 Tagen" in later
    assert "Tag 14" in later  # the shares by day 3, 7 and 14


def test_report_of_an_empty_log(log, tmp_path):
    html = analysis.report(log.iloc[:0], tmp_path / "r.html").read_text(encoding="utf-8")
    assert "nothing to analyse" in html
    assert not _images(html)


# --- command line --------------------------------------------------------------------------


def test_cli_writes_the_report(tmp_path, capsys, log):
    source = tmp_path / "log.csv"
    log.to_csv(source, index=False)
    target = tmp_path / "bericht.html"
    assert main(["report", str(source), "-o", str(target), "--lang", "de", "--by", "source", "--goal", "2"]) == 0
    assert str(target) in capsys.readouterr().out
    html = target.read_text(encoding="utf-8")
    assert 'lang="de"' in html and "Antwortquote nach Kontaktquelle" in html
    assert main(["report", str(source), "-o", str(target), "--as-of", "2024-03-20"]) == 0
    assert "Figures as of 20 Mar 2024." in target.read_text(encoding="utf-8")


def test_cli_explains_bad_input(tmp_path, capsys, log):
    assert main(["report", str(tmp_path / "missing.csv")]) == 2
    assert "cannot be opened" in capsys.readouterr().err
    source = tmp_path / "log.csv"
    log.to_csv(source, index=False)
    assert main(["report", str(source), "--by", "school", "-o", str(tmp_path / "r.html")]) == 2
    assert "no such column" in capsys.readouterr().err
    assert main(["report", str(source), "--as-of", "next Tuesday", "-o", str(tmp_path / "r.html")]) == 2
    assert "--as-of" in capsys.readouterr().err
    assert main(["report", str(source), "-o", str(tmp_path / "no" / "r.html")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_infoview_report_runs_as_a_program(tmp_path, log):
    source = tmp_path / "log.csv"
    log.to_csv(source, index=False)
    program = Path(sys.executable).with_name("infoview")
    done = subprocess.run([program, "report", source, "-o", tmp_path / "report.html"], capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Wrote the report on 9 outreach messages" in done.stdout
    assert len(_images((tmp_path / "report.html").read_text(encoding="utf-8"))) >= 5


def test_every_label_has_english_and_german_with_the_same_placeholders():
    from infoview.resources import load_bundled

    def walk(entry, path):
        if isinstance(entry, dict) and set(entry) & {"en", "de"}:
            assert set(entry) == {"en", "de"}, path
            en, de = entry["en"], entry["de"]
            assert type(en) is type(de) and en and de, path
            for a, b in zip(en, de) if isinstance(en, list) else [(en, de)]:
                assert sorted(re.findall(r"{\w+}", str(a))) == sorted(re.findall(r"{\w+}", str(b))), path
            return 1
        return sum(walk(value, f"{path}.{key}") for key, value in entry.items()) if isinstance(entry, dict) else 0

    assert walk(load_bundled("texts/analysis.yaml"), "") > 100
