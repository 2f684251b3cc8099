"""Store in each notebook what JupyterLab would otherwise write into it on opening, so that an
untouched lesson does not open marked as modified: the kernel's full ``language_info`` (JupyterLab
replaces a shorter one when the kernel starts), a cell id on every cell, and nbformat 4.5.

    python tools/normalise_notebooks.py notebooks/instructor/*.ipynb notebooks/*/08_*.ipynb

A notebook is rewritten only when something changes; the cells' text is never touched.
"""

import sys
from pathlib import Path

import nbformat
from nbformat.corpus.words import generate_corpus_id

from infoview.runtime import kernel_language_info


def normalise(path):
    """Normalise one notebook in place; return whether it changed."""
    before = Path(path).read_text(encoding="utf-8")
    nb = nbformat.reads(before, as_version=4)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata["language_info"] = kernel_language_info()
    for cell in nb.cells:
        cell.setdefault("id", generate_corpus_id())
    nbformat.validate(nb)
    after = nbformat.writes(nb).rstrip("\n") + "\n"
    if after != before:
        Path(path).write_text(after, encoding="utf-8")
    return after != before


if __name__ == "__main__":
    changed = [path for path in sys.argv[1:] if normalise(path)]
    print(f"{len(changed)} of {len(sys.argv) - 1} notebooks changed")
