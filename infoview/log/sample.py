"""Realistic, deterministic sample outreach logs for lessons, tests and benchmarks.

The figures follow the course's domain notes: warm sources get replies 30–60% of the time, a
referral most often of all, and cold outreach 5–10%; most replies arrive within a day or two and
more slowly over weekends;
one follow-up after 7 business days brings a good share of the replies; short templates do
better than long ones; about half of the replies say yes; some meetings bring referrals; few
outreach emails go out on weekends. Replies are drawn stratified by source, so that even a class
of 30 shows each source near its design rate: the sample teaches the effects the lessons
describe, and a lesson must not mistake them for findings (the effects are built in). Everything
is drawn with vectorised numpy, so a million rows take a few seconds.

>>> frame = sample_log(students=3, weeks=4, seed=1)
>>> frame.equals(sample_log(students=3, weeks=4, seed=1)), sorted(frame["student"].unique())
(True, ['s01', 's02', 's03'])

All names and organisations are invented (``infoview/content/sample_log.yaml``).
"""

from functools import lru_cache
from pathlib import Path

from ..resources import load_bundled
from ..texts import check_language
from .columns import CHANNELS, LOG_COLUMNS, RESPONSES, SOURCES, TEXT_COLUMNS

__all__ = ["sample_log", "write_sample_files", "SAMPLE_FILES", "REPLY_RATES"]

REPLY_RATES = {"alumni": 0.52, "professional_org": 0.45, "former_colleague": 0.64, "family_friends": 0.64,
               "mutual_contact": 0.50, "referral": 0.68, "event": 0.46, "cold": 0.08}
"""Base chance of a reply by source, before the template and channel factors and the follow-up."""
_SOURCE_SHARE = {"alumni": 0.24, "professional_org": 0.11, "former_colleague": 0.10, "family_friends": 0.10,
                 "mutual_contact": 0.15, "event": 0.10, "cold": 0.20}
_CHANNEL_SHARE = {"email": 0.70, "linkedin": 0.20, "phone": 0.04, "in_person": 0.03, "other": 0.03}
_CHANNEL_FACTOR = {"email": 1.0, "linkedin": 0.8, "phone": 1.2, "in_person": 1.4, "other": 0.9}
_TEMPLATE_SHARE = {"six_point": 0.35, "five_point": 0.25, "own_words": 0.25, "long_intro": 0.15}
_TEMPLATE_FACTOR = {"six_point": 1.12, "five_point": 1.04, "own_words": 0.92, "long_intro": 0.72}
_ACCEPT = {"cold": 0.35, "professional_org": 0.48, "event": 0.48, "mutual_contact": 0.5}  # else 0.58
_WEEKDAY_SHARE = [0.20, 0.22, 0.21, 0.19, 0.13, 0.025, 0.025]
SAMPLE_FILES = {"sample_outreach.csv": ("csv", "en"), "beispiel_kontaktprotokoll.csv": ("excel-de", "de")}
"""The course's shipped sample files in ``data/``: their export format and the language of their notes."""

_MINUTE = 60 * 10**9  # nanoseconds


@lru_cache(maxsize=1)
def _content():
    return load_bundled("sample_log.yaml")


def _weekday(stamps):
    """Monday = 0 for datetime64[ns] values given as int64 nanoseconds."""
    return (stamps // (86_400 * 10**9) + 3) % 7


def _stratified(rng, groups):
    """Uniform draws in [0, 1) spread evenly within each group (one per stratum of size 1/len(group)),
    so that the share of a group falling under a probability stays close to that probability."""
    import numpy as np

    order = np.lexsort((rng.random(len(groups)), groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sizes = np.diff(np.r_[starts, len(groups)])
    rank = np.arange(len(groups)) - np.repeat(starts, sizes)
    u = np.empty(len(groups))
    u[order] = (rank + rng.random(len(groups))) / np.repeat(sizes, sizes)
    return u


def _shares(table, keys):
    import numpy as np

    p = np.array([table[k] for k in keys], dtype=float)
    return p / p.sum()


def sample_log(students=30, weeks=12, seed=0, *, start="2025-09-29", language="en"):
    """A class's outreach log over ``weeks`` weeks from the Monday on or before ``start``.

    Deterministic for a given ``seed``; passes :func:`~infoview.log.read.read_log`.
    Events after the end of the period are not logged yet (no reply so far, and so on).
    The students' notes are written in ``language`` (``"en"`` or ``"de"``); nothing else changes.
    """
    import numpy as np
    import pandas as pd

    check_language(language)
    rng = np.random.default_rng(seed)
    content = _content()
    first = pd.Timestamp(start).normalize()
    first -= pd.Timedelta(days=first.weekday())
    t0 = first.value
    end = t0 + weeks * 7 * 86_400 * 10**9

    # Who sends how much, and when: a busy start, fewer sends towards the end and on weekends.
    activity = rng.gamma(2.0, 0.9, size=students)
    diligence = rng.beta(5, 3, size=students)
    pace = np.linspace(1.3, 0.8, weeks) if weeks > 1 else np.ones(1)
    counts = rng.poisson(activity[:, None] * pace[None, :]).ravel()
    n = int(counts.sum())
    student = np.repeat(np.repeat(np.arange(students), weeks), counts)
    week = np.repeat(np.tile(np.arange(weeks), students), counts)
    weekday = rng.choice(7, size=n, p=_WEEKDAY_SHARE)
    minute_of_day = (np.clip(rng.normal(13.0, 3.2, size=n), 7, 22.9) * 60).astype(np.int64)
    sent = t0 + ((week * 7 + weekday) * 1440 + minute_of_day) * _MINUTE

    # Whom: referrals grow as meetings accumulate; contacts keep their organisation and role.
    referral = rng.random(n) < 0.03 + 0.10 * week / max(weeks, 1)
    others = [s for s in SOURCES if s != "referral"]
    source = np.where(referral, SOURCES.index("referral"),
                      np.array([SOURCES.index(s) for s in others])[rng.choice(len(others), size=n,
                                                                             p=_shares(_SOURCE_SHARE, others))])
    channel = rng.choice(len(CHANNELS), size=n, p=_shares(_CHANNEL_SHARE, CHANNELS))
    templates = content["templates"]
    template = rng.choice(len(templates), size=n, p=_shares(_TEMPLATE_SHARE, templates))
    names = np.array([f"{f} {l}" for f in content["first_names"] for l in content["last_names"]], dtype=object)
    people = np.random.default_rng(seed + 7_919)  # stable people whatever the class size
    organisations = np.asarray(content["organisations"], dtype=object)
    weights = 1.0 / (np.arange(len(organisations)) + 3.0)
    org_of = people.choice(len(organisations), size=len(names), p=weights / weights.sum())
    role_of = people.integers(len(content["roles"]), size=len(names))
    titled = people.random(len(names)) < 0.08
    full_names = np.array([f"{content['title']} {name}" if t else name for name, t in zip(names, titled)],
                          dtype=object)
    person = rng.integers(len(names), size=n)

    # Replies: by source, template and channel; a follow-up after 7 business days brings more.
    base = np.array([REPLY_RATES[s] for s in SOURCES])[source]
    base = base * np.array([_TEMPLATE_FACTOR[t] for t in templates])[template]
    base = np.clip(base * np.array([_CHANNEL_FACTOR[c] for c in CHANNELS])[channel], 0.0, 0.95)

    def delay(median_hours, size):
        return (np.exp(rng.normal(np.log(median_hours), 1.2, size=size)) * 60).astype(np.int64) * _MINUTE + _MINUTE

    def after_weekend(stamps):
        day = _weekday(stamps)
        slow = (day >= 5) & (rng.random(len(stamps)) < 0.75)
        monday = (stamps // (86_400 * 10**9) + (7 - day)) * 86_400 * 10**9
        morning = ((8 * 60 + rng.integers(0, 240, size=len(stamps))) * _MINUTE).astype(np.int64)
        return np.where(slow, monday + morning, stamps)

    stratum = source * len(templates) + template  # each source and template near its design rate
    reply1 = _stratified(rng, stratum) < base * 0.62
    reply1_at = after_weekend(sent + delay(9.0, n))
    sent_day = sent.astype("datetime64[ns]").astype("datetime64[D]")
    follow_day = np.busday_offset(sent_day, 7 + rng.integers(0, 3, size=n), roll="forward")
    follow_at = (follow_day.astype("datetime64[ns]").astype(np.int64)
                 + ((9 * 60 + rng.integers(0, 8 * 60, size=n)) * _MINUTE))
    follow = ((~reply1 | (reply1_at > follow_at)) & (rng.random(n) < diligence[student]) & (follow_at <= end))
    reply2 = follow & ~reply1 & (_stratified(rng, stratum) < base * 0.55)
    reply2_at = after_weekend(follow_at + delay(14.0, n))
    replied = (reply1 | reply2)
    replied_at = np.where(reply1, reply1_at, reply2_at)
    replied &= replied_at <= end

    accept = np.array([_ACCEPT.get(s, 0.58) for s in SOURCES])[source]
    accepted = replied & (rng.random(n) < accept)
    reply_day = replied_at.astype("datetime64[ns]").astype("datetime64[D]")
    meeting_day = np.busday_offset(reply_day, rng.integers(2, 12, size=n), roll="forward")
    meeting_at = (meeting_day.astype("datetime64[ns]").astype(np.int64)
                  + (rng.integers(16, 35, size=n) * 30 * _MINUTE))
    meeting_at = np.maximum(meeting_at, replied_at + 30 * _MINUTE)
    meets = accepted & (meeting_at <= end + 14 * 86_400 * 10**9)
    held = meets & (meeting_at <= end)
    thanks_at = meeting_at + delay(8.0, n)
    thanked = held & (rng.random(n) < 0.55 + 0.4 * diligence[student]) & (thanks_at <= end)
    referrals = np.where(held, rng.choice(4, size=n, p=[0.45, 0.32, 0.16, 0.07]), 0)

    notes_meeting = np.asarray(content["notes"]["meeting"][language], dtype=object)
    notes_other = np.asarray(content["notes"]["other"][language], dtype=object)
    notes = np.where(held & (rng.random(n) < 0.35), notes_meeting[rng.integers(len(notes_meeting), size=n)],
                     np.where(rng.random(n) < 0.06, notes_other[rng.integers(len(notes_other), size=n)], ""))

    def stamps(values, mask):
        return pd.Series(np.where(mask, values, np.iinfo(np.int64).min).astype("datetime64[ns]"))

    order = np.lexsort((student, sent))
    width = max(2, len(str(students)))
    labels = np.array([f"s{i + 1:0{width}d}" for i in range(students)], dtype=object)
    frame = pd.DataFrame({
        "outreach_id": "",
        "student": labels[student],
        "contact": full_names[person],
        "organisation": organisations[org_of[person]],
        "role": np.asarray(content["roles"], dtype=object)[role_of[person]],
        "source": pd.Categorical.from_codes(source, categories=SOURCES),
        "channel": pd.Categorical.from_codes(channel, categories=CHANNELS),
        "template": np.asarray(templates, dtype=object)[template],
        "sent_at": stamps(sent, True),
        "followed_up_at": stamps(follow_at, follow),
        "replied_at": stamps(replied_at, replied),
        "response": pd.Categorical.from_codes(np.where(replied, np.where(accepted, 0, 1), -1),
                                              categories=RESPONSES),
        "meeting_at": stamps(meeting_at, meets),
        "thank_you_at": stamps(thanks_at, thanked),
        "referrals": pd.array(referrals, dtype="Int64"),
        "notes": notes.astype(object),
    }, columns=LOG_COLUMNS).iloc[order].reset_index(drop=True)
    number = frame.groupby("student", sort=False).cumcount().to_numpy() + 1
    digits = max(3, len(str(int(number.max())))) if n else 3
    ids = np.char.add(np.char.add(frame["student"].to_numpy().astype(str), "-"),
                      np.char.zfill(number.astype(str), digits))
    frame["outreach_id"] = ids
    return frame.astype({column: "str" for column in TEXT_COLUMNS})  # as read_log gives them


def write_sample_files(directory="data"):
    """Write the course's sample files (:data:`SAMPLE_FILES`) from ``sample_log()`` into ``directory``."""
    from .write import write_log

    return [write_log(sample_log(language=language), Path(directory) / name, format=fmt)
            for name, (fmt, language) in SAMPLE_FILES.items()]


def main(argv=None):
    """``python -m infoview.log.sample [DIRECTORY]``: write the sample files (for maintainers)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m infoview.log.sample",
                                     description="Write the course's sample outreach logs.")
    parser.add_argument("directory", nargs="?", default="data", help="where to write them (default: data)")
    for written in write_sample_files(parser.parse_args(argv).directory):
        print(written)


if __name__ == "__main__":
    main()
