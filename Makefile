# The course and its tests, each set up from scratch by one command (only python3 >= 3.11 needed).
#   make lab    set up .venv, make your own copy of the course in my-course/ (the first time; later runs
#               only add new lessons) and open it in JupyterLab   (make lab ARGS="--no-browser --port 8899")
#   make lab-instructor   open the instructor versions in notebooks/ (model answers included)
#   make app    set up .venv and open the drafting studio in the browser (make app ARGS="--lang de")
#   make test   set up .venv with the test extras and run the whole suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LESSON ?= en/00_start_here.ipynb
COURSE ?= my-course
ARGS   ?=
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab lab-instructor app test clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("infoview needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.course: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@ $(VENV)/.course

lab: $(VENV)/.course
	$(BIN)/infoview course copy --dir $(COURSE)
	cd $(COURSE) && $(abspath $(BIN))/jupyter lab $(ROOT_FLAG) --LabApp.default_url=/lab/tree/$(LESSON) $(ARGS)

lab-instructor: $(VENV)/.course
	cd notebooks && ../$(BIN)/jupyter lab $(ROOT_FLAG) --LabApp.default_url=/lab/tree/$(LESSON) $(ARGS)

app: $(VENV)/.course
	$(BIN)/infoview app $(ARGS)

test: $(VENV)/.test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
