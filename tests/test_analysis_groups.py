"""Grouping by a text column with many values (the funnel per student): codes made once by value
give the same table whether the column is text or categorical, and match a plain pandas groupby."""

import numpy as np
import pandas as pd
import pytest

from infoview import analysis
from infoview.analysis.codes import factorize


@pytest.fixture(scope="module")
def log():
    rng = np.random.default_rng(11)
    rows = 60_000
    names = np.array([f"student {i:04d}" for i in range(3_000)] + ["Zoë", "Ärger", ""], dtype=object)
    # Text built per row (separate objects for equal names), and some rows with no student at all.
    student = np.array([str(names[i]) + "" if i % 2 else "".join(names[i]) for i in rng.integers(0, len(names), rows)],
                       dtype=object)
    student[rng.random(rows) < 0.01] = None
    sent = pd.Timestamp("2025-01-06") + pd.to_timedelta(rng.integers(0, 200 * 86_400, rows), unit="s")
    replied = sent + pd.to_timedelta(rng.integers(0, 20 * 86_400, rows), unit="s")
    replied = replied.where(rng.random(rows) < 0.4)
    return pd.DataFrame({
        "student": student, "sent_at": sent, "replied_at": replied,
        "response": pd.Categorical(np.where(rng.random(rows) < 0.5, "accepted", "declined"),
                                   categories=["accepted", "declined"]),
        "meeting_at": replied.where(rng.random(rows) < 0.5), "thank_you_at": pd.NaT,
        "referrals": pd.array(rng.integers(0, 3, rows), dtype="Int64"),
    })


def test_factorize_sorts_by_value_and_puts_missing_last(log):
    codes, uniques = factorize(log["student"].to_numpy())
    known = sorted(set(log["student"].dropna()))
    assert uniques[:-1].tolist() == known and pd.isna(uniques[-1])
    assert (uniques.take(codes)[log["student"].notna().to_numpy()] == log["student"].dropna().to_numpy()).all()


@pytest.mark.parametrize("kind", [object, "str"])
def test_factorize_in_two_halves_on_two_threads_gives_the_same_codes(log, kind, monkeypatch):
    values = log["student"].astype(kind)
    whole = factorize(values)
    monkeypatch.setattr("infoview.analysis.codes._TWO_THREADS_FROM", 2)
    halves = factorize(values)
    assert (halves[0] == whole[0]).all() and halves[1].equals(whole[1])
    # the second half holds texts the first does not: they are numbered after the first half's
    tail = pd.concat([values.iloc[:100], pd.Series(["Zzz", "Aaa", None, "Zzz"], dtype=values.dtype)],
                     ignore_index=True)
    codes, uniques = factorize(tail)
    assert (uniques.take(codes).astype(object).fillna("-") == tail.astype(object).fillna("-").to_numpy()).all()
    assert uniques[:-1].tolist() == sorted(set(tail.dropna())) and pd.isna(uniques[-1])


@pytest.mark.parametrize("two_threads_from", [10**9, 2])
def test_factorize_a_column_in_many_chunks_as_one(log, tmp_path, monkeypatch, two_threads_from):
    """A frame read from Parquet holds a chunk of text per row group: the codes are those of one array."""
    import pyarrow as pa

    whole = factorize(log["student"].astype("str"))
    log[["student"]].to_parquet(tmp_path / "log.parquet", row_group_size=7_000)
    chunked = pd.read_parquet(tmp_path / "log.parquet")["student"]
    assert pa.array(chunked.array).num_chunks >= 8
    monkeypatch.setattr("infoview.analysis.codes._TWO_THREADS_FROM", two_threads_from)
    codes, uniques = factorize(chunked)
    assert (codes == whole[0]).all() and uniques.equals(whole[1])


def test_funnel_per_student_is_the_same_for_text_categorical_and_groupby(log):
    as_of = "2025-06-30"
    text = analysis.funnel(log, by="student", as_of=as_of)
    categorical = analysis.funnel(log.assign(student=log["student"].astype("category")), by="student", as_of=as_of)
    assert len(text) > 3_000
    assert text["student"].astype(object).fillna("<none>").tolist() == \
        categorical["student"].astype(object).fillna("<none>").tolist()
    for column in ("sent", "replied", "accepted", "met", "thanked", "referrals"):
        assert text[column].tolist() == categorical[column].tolist(), column

    end = pd.Timestamp(as_of)
    kept = log[log["sent_at"] <= end]
    replied = kept["replied_at"] <= end
    plain = pd.DataFrame({
        "student": kept["student"], "sent": 1, "replied": replied.astype(int),
        "accepted": (replied & (kept["response"] == "accepted")).astype(int),
        "met": (kept["meeting_at"] <= end).astype(int), "referrals": kept["referrals"].fillna(0).astype(int),
    }).groupby("student", dropna=False, sort=True).sum()
    assert text["student"].fillna("<none>").tolist() == plain.index.fillna("<none>").tolist()
    for column in ("sent", "replied", "accepted", "met", "referrals"):
        assert text[column].tolist() == plain[column].tolist(), column


def test_row_wise_work_in_small_chunks_gives_the_same_tables(log, monkeypatch):
    channel = pd.Categorical(np.where(np.arange(len(log)) % 3, "email", "linkedin"), categories=["email", "linkedin"])
    frame = log.assign(channel=channel)
    computations = {
        "weekly by channel": lambda f: analysis.reply_rates(f, by="channel", freq="W", as_of="2025-06-30"),
        "accepted by student": lambda f: analysis.acceptance_rates(f, by="student", as_of="2025-06-30"),
        "within none": lambda f: analysis.reply_rates(f, freq="M", within=None, as_of="2025-06-30"),
        "funnel": lambda f: analysis.funnel(f, by=["channel", "student"], as_of="2025-06-30"),
        "time to reply": lambda f: analysis.time_to_reply(f, by="channel", as_of="2025-06-30"),
    }
    whole = {name: compute(frame) for name, compute in computations.items()}
    monkeypatch.setattr("infoview.analysis.core.CHUNK", 997)  # about sixty steps, the last one short
    for name, compute in computations.items():
        pd.testing.assert_frame_equal(compute(frame), whole[name], obj=name)
    assert len(whole["weekly by channel"]) > 40 and whole["funnel"]["referrals"].sum() > 0


def test_text_codes_combine_with_a_second_column(log, monkeypatch):
    """Text codes come from Arrow in 32 bits and read-only; a second column is combined with them."""
    monkeypatch.setattr("infoview.analysis.codes._TWO_THREADS_FROM", 2)
    out = analysis.funnel(log, by=["student", "response"], as_of="2026-01-01")  # every row counts
    plain = log.groupby(["student", "response"], dropna=False, sort=True, observed=True).size()
    keys = [(student, response) for student, response in plain.index]
    assert len(out) == len(plain) > 6_000
    assert list(zip(out["student"].fillna("<none>"), out["response"].astype(object).fillna("<none>"))) == \
        [("<none>" if pd.isna(s) else s, "<none>" if pd.isna(r) else r) for s, r in keys]
    assert out["sent"].tolist() == plain.tolist()
