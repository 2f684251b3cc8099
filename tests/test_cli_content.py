"""``infoview questions``, ``plan``, ``steps`` and ``--version``."""

import subprocess
import sys

import infoview
from infoview.cli import main
from infoview.prepare.questions import categories


def test_version_in_a_real_process():
    out = subprocess.run([sys.executable, "-m", "infoview", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"infoview {infoview.__version__}"


def test_questions_by_category_in_german(capsys):
    assert main(["questions", "--category", "trends", "--lang", "de", "-n", "3"]) == 0
    out = capsys.readouterr().out
    label = next(c.label for c in categories("de") if c.id == "trends")
    assert out.strip().splitlines()[0] == label
    assert out.count("  - ") == 3
    flat = " ".join(out.split())
    expected = [q.text for q in infoview.QuestionBank.builtin("de").filter(category="trends")]
    assert all(text in flat for text in expected[:3]) and expected[3] not in flat


def test_unknown_category_is_an_error(capsys):
    assert main(["questions", "--category", "weather"]) == 2
    assert "unknown category weather" in capsys.readouterr().err


def test_plan(capsys):
    assert main(["plan", "--minutes", "30", "--seed", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Your plan for 30 minutes"
    assert len(out) == 1 + 12 and out[1].startswith("  0 min")
    assert main(["plan", "--minutes", "20", "--lang", "de", "--seed", "2"]) == 0
    assert capsys.readouterr().out.startswith("Ihr Plan für 20 Minuten")


def test_plan_for_career_changers_with_a_sheet(tmp_path, capsys):
    sheet = tmp_path / "sheet.html"
    assert main(["plan", "--audience", "career-changer", "--context", "video_call", "--seed", "4",
                 "--sheet", str(sheet), "--lang", "de"]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    changer = {q.text for q in infoview.QuestionBank.builtin("de") if "career_changer" in q.audience}
    assert all(line.split("min  ", 1)[1] in changer for line in lines)
    assert sheet.read_text(encoding="utf-8").count("<li>") == len(lines)


def test_steps(capsys):
    assert main(["steps", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    for step in infoview.steps("de"):
        assert f"{step.number:>2}. {step.title}" in out
    assert out.count("[ ]") == sum(len(s.checklist) for s in infoview.steps("de"))


def test_instructor_bank_via_cli(tmp_path, capsys):
    bank = tmp_path / "own.csv"
    bank.write_text("id,category,tags,text_en,text_de\nown-1,advice,student,What would you skip?,Was würden Sie auslassen?\n")
    assert main(["questions", "--bank", str(bank), "--replace"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == "  - What would you skip?"
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: x\n  category: nope\n  text: {en: a, de: b}\n")
    assert main(["questions", "--bank", str(broken)]) == 2
    assert "unknown category 'nope'" in capsys.readouterr().err
