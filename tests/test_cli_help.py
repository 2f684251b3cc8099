"""The command line's help in the user's language: ``--lang de`` anywhere on the command line, or a
German locale (LC_ALL, LC_MESSAGES, LANG), gives German help for every command, with argparse's own
words ("usage:", "options:", its errors) in German too; everyone else keeps the English help."""

import argparse
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from infoview.cli import Parser, build_parser, help_language, main
from infoview.emails.message import EMAIL_KINDS
from infoview.texts import texts

ROOT = Path(__file__).resolve().parents[1]


def _commands(parser, path=()):
    """Every command path, ``()`` for ``infoview`` itself, then ``("log",)``, ``("log", "check")`` …
    (read from argparse's list of actions, so a new command is checked without being named here)"""
    yield path
    for action in parser._actions:
        for name, sub in (action.choices.items() if isinstance(action.choices, dict) else ()):
            if isinstance(sub, argparse.ArgumentParser):
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(build_parser()))
WORD = re.compile(r"\(?[a-z]{3,}[,.;:)]*")  # a word of running text, not an option, a value or a list of choices


@pytest.fixture
def locale(monkeypatch):
    """Set the user's locale for the test: ``locale("de_DE.UTF-8")``."""
    def choose(value):
        for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)
    return choose


def _help(capsys, argv):
    with pytest.raises(SystemExit) as exit:
        main(argv)
    assert exit.value.code == 0
    return capsys.readouterr().out


def _phrases(help_text):
    """Every run of four words of running text in a help text, across line breaks."""
    tokens = help_text.split()
    return {" ".join(tokens[i:i + 4]) for i in range(len(tokens) - 3)
            if all(WORD.fullmatch(token) for token in tokens[i:i + 4])}


def test_the_language_comes_from_lang_then_the_locale_then_english():
    assert help_language(["plan", "--lang", "de"], {}) == "de"
    assert help_language(["log", "--lang=de", "check", "x.csv"], {}) == "de"
    assert help_language(["plan", "--lang", "de", "--lang", "en"], {"LANG": "de_DE.UTF-8"}) == "en"  # the last one
    assert help_language(["lint", "--lang", "auto"], {"LANG": "de_CH.UTF-8"}) == "de"  # not a language: the locale
    assert help_language(["lint", "--", "--lang", "de"], {}) == "en"  # after --, a file name
    assert help_language(["plan"], {"LANG": "de_AT.UTF-8"}) == "de"
    assert help_language(["plan"], {"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}) == "de"
    assert help_language(["plan"], {"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}) == "en"
    assert help_language(["plan"], {"LC_ALL": "", "LANG": "de_DE"}) == "de"  # an empty variable is not set
    assert help_language(["plan"], {"LC_ALL": "C", "LANG": "de_DE.UTF-8"}) == "en"
    assert help_language(["plan"], {}) == "en"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda path: " ".join(path) or "infoview")
def test_every_help_is_german_with_lang_de_or_a_german_locale(command, capsys, locale):
    locale("C.UTF-8")
    english = _help(capsys, [*command, "--help"])
    assert english.startswith(f"usage: {' '.join(('infoview', *command))} [-h]")
    assert "show this help message and exit" in english and "Aufruf" not in english
    assert _phrases(english), "the English help has running text to compare with"

    by_option = _help(capsys, [*command, "--help", "--lang", "de"])
    locale("de_DE.UTF-8")
    by_locale = _help(capsys, [*command, "--help"])
    assert by_option == by_locale
    assert by_option.startswith(f"Aufruf: {' '.join(('infoview', *command))} [-h]")
    assert "diese Hilfe anzeigen und beenden" in by_option and "\nOptionen:\n" in by_option
    for word in ("usage:", "options:", "positional arguments", "show this help", "(default"):
        assert word not in by_option
    assert not _phrases(english) & _phrases(by_option), "English sentences in the German help"
    assert _help(capsys, [*command, "--help", "--lang", "en"]) == english  # --lang en wins over the locale


def test_german_help_explains_options_in_german(capsys):
    plan = " ".join(_help(capsys, ["plan", "--help", "--lang", "de"]).split())
    assert "--minutes MINUTEN Länge des Gesprächs in Minuten (Standard: 30)" in plan
    assert "career- changer (Quereinsteigende)" in plan or "career-changer (Quereinsteigende)" in plan
    export = " ".join(_help(capsys, ["log", "export", "--help", "--lang", "de"]).split())
    assert "CSV für deutsches Excel: „;“, UTF-8 mit BOM, TT.MM.JJJJ" in export and "Argumente: DATEI" in export
    top = _help(capsys, ["--help", "--lang", "de"])
    assert "\nBefehle:\n  BEFEHL\n" in top and "Informationsgespräche vorbereiten" in top


@pytest.mark.parametrize("command", [("draft",), ("lint",)])
def test_the_german_help_names_every_kind_of_email(command, capsys):
    german = " ".join(_help(capsys, [*command, "--help", "--lang", "de"]).split())
    assert all(kind in german for kind in EMAIL_KINDS)
    assert "thank_you (Dank)" in german and "linkedin (LinkedIn-Notiz)" in german


def test_argparse_errors_are_german_under_lang_de(capsys, locale):
    locale("C.UTF-8")
    with pytest.raises(SystemExit) as exit:
        main(["plan", "--lang", "de", "--audience", "everyone"])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Aufruf: infoview plan [-h]")
    assert err.endswith("infoview plan: Fehler: Argument --audience: ungültige Auswahl: „everyone“ "
                        "(möglich sind 'student', 'career-changer', 'both')\n")
    with pytest.raises(SystemExit):
        main(["calendar", "--lang", "de"])
    assert "infoview calendar: Fehler: diese Argumente fehlen: -o/--output\n" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["plan", "--minutes", "zehn", "--lang=de"])
    assert "Argument --minutes: ungültiger Wert: „zehn“ (erwartet: int)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["plan", "--lang", "de", "--no-such-option"])
    assert "Fehler: unbekannte Argumente: --no-such-option" in capsys.readouterr().err


def test_argparse_errors_stay_english_in_english(capsys, locale):
    locale("en_GB.UTF-8")
    with pytest.raises(SystemExit):
        main(["plan", "--audience", "everyone"])
    err = capsys.readouterr().err
    assert err.startswith("usage: infoview plan [-h]")
    assert "infoview plan: error: argument --audience: invalid choice: 'everyone'" in err


def test_a_parser_speaks_german_only_while_it_works():
    parser = Parser(prog="infoview", language="de")
    parser.add_argument("--pair", nargs=2)
    with pytest.raises(SystemExit):
        parser.parse_args(["--pair", "a"])
    assert parser.format_usage() == "Aufruf: infoview [-h] [--pair PAIR PAIR]\n"
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"  # English again afterwards


def test_a_wrong_count_of_values_is_german(capsys):
    parser = Parser(prog="infoview", language="de")
    parser.add_argument("--pair", nargs=2)
    with pytest.raises(SystemExit):
        parser.parse_args(["--pair", "a"])
    assert "Fehler: Argument --pair: erwartet 2 Werte" in capsys.readouterr().err


def test_every_argparse_word_is_argparse_s_own_and_keeps_its_placeholders():
    source = inspect.getsource(argparse)
    english, german = texts("cli.argparse", "en"), texts("cli.argparse", "de")
    for key, message in english.items():
        pairs = [(message, german[key])] if isinstance(message, str) else \
            [(message[form], german[key][form]) for form in ("one", "other")]
        for en, de in pairs:
            assert en.replace("\n", "\\n") in source, key
            assert sorted(re.findall(r"%\((\w+)\)", en)) == sorted(re.findall(r"%\((\w+)\)", de)), key
            assert len(re.findall(r"%[sr]", en)) == len(re.findall(r"%[sr]", de)), key


def test_the_installed_command_reads_the_locale():
    env = {**os.environ, "LANG": "de_DE.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("LC_ALL", None), env.pop("LC_MESSAGES", None)
    out = subprocess.run([sys.executable, "-m", "infoview.cli", "due", "--help"], env=env, capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("Aufruf: infoview due") and "dieses Datum als heute annehmen" in out


def test_a_german_locale_makes_the_output_german_too(locale, capsys):
    locale("de_DE.UTF-8")
    assert main(["plan", "--minutes", "30", "--seed", "1"]) == 0
    assert capsys.readouterr().out.startswith("Ihr Plan für 30 Minuten")
    assert main(["plan", "--minutes", "30", "--seed", "1", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Your plan for 30 minutes")
    locale("C.UTF-8")
    assert main(["plan", "--minutes", "30", "--seed", "1"]) == 0
    assert capsys.readouterr().out.startswith("Your plan for 30 minutes")
