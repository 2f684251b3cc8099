from . import run_console

run_console()
