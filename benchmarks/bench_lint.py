"""Median time to lint a 120-word and a 600-word email, in English and German.

Targets: at most 2 ms for 120 words and 10 ms for 600 words, so that linting on every
keystroke stays well inside one frame. Run: ``.venv/bin/python benchmarks/bench_lint.py``.
"""

import statistics
import time

from infoview.emails.lint import lint_email, word_count

PARAGRAPHS = {
    "en": [
        "I found your name in the alumni directory of the University of Leeds and read your article "
        "on flood defences in the Yorkshire Post with great interest.",
        "I am a second-year civil engineering student, and I am trying to understand how people move "
        "from design work into planning for whole river catchments.",
        "Your path from a consultancy in Manchester to the Environment Agency is exactly the kind of "
        "move I would like to hear about, especially what surprised you in the first year.",
        "I would also love to hear how your role has changed since you joined, and which skills you "
        "rely on most today.",
        "Would you have 20 minutes in the coming weeks for a short call about your work, at whatever "
        "time suits you best?",
    ],
    "de": [
        "über das Alumni-Netzwerk der Universität Stuttgart bin ich auf Ihr Profil gestoßen, und Ihren "
        "Artikel über Hochwasserschutz in der Stuttgarter Zeitung habe ich mit großem Interesse gelesen.",
        "Ich studiere Bauingenieurwesen im vierten Semester und möchte verstehen, wie man von der "
        "Planung einzelner Bauwerke zur Arbeit an ganzen Flussgebieten kommt.",
        "Ihr Weg von einem Ingenieurbüro in Karlsruhe zur Landesanstalt für Umwelt ist genau der "
        "Wechsel, über den ich gern mehr erfahren würde, vor allem, was Sie im ersten Jahr überrascht hat.",
        "Mich würde auch interessieren, wie sich Ihre Stelle seit Ihrem Einstieg verändert hat und welche "
        "Fähigkeiten Sie heute am meisten brauchen.",
        "Hätten Sie in den nächsten Wochen 20 Minuten Zeit für ein kurzes Telefonat über Ihre Arbeit?",
    ],
}
FRAME = {"en": ("Dear Dr. Walker,\n\n", "\n\nBest regards,\nAmelia Hughes"),
         "de": ("Sehr geehrte Frau Dr. Walter,\n\n", "\n\nMit freundlichen Grüßen\nAmelie Huber")}


def email(language, words):
    """A realistic email body of about ``words`` words, built from whole sentences."""
    sentences, paragraphs = [], PARAGRAPHS[language]
    while word_count(" ".join(sentences)) < words:
        sentences.append(paragraphs[len(sentences) % len(paragraphs)])
    head, tail = FRAME[language]
    return head + "\n\n".join(sentences) + tail


def median_ms(body, language, repeat=300):
    """Median wall-clock and CPU milliseconds of one ``lint_email`` call."""
    lint_email(body, "outreach", language, subject="Question from a fellow alum")   # warm up
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        lint_email(body, "outreach", language, subject="Question from a fellow alum")
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main():
    # The CPU column shows the linter's own cost; wall-clock time grows on a busy machine.
    targets = {120: 2.0, 600: 10.0}
    print(f"{'language':<9}{'words':>6}{'wall ms':>10}{'cpu ms':>9}{'target ms':>11}")
    for language in ("en", "de"):
        for words, target in targets.items():
            body = email(language, words)
            wall, cpu = median_ms(body, language)
            flag = "" if wall <= target else "  over target"
            print(f"{language:<9}{word_count(body):>6}{wall:>10.3f}{cpu:>9.3f}{target:>11.1f}{flag}")


if __name__ == "__main__":
    main()
