"""Untouched lessons open in JupyterLab without being marked as modified: each notebook already
holds what JupyterLab would write into it on opening (nbformat 4.5 with a cell id on every cell,
the kernelspec and the kernel's full language_info, which JupyterLab replaces when it differs)."""

from pathlib import Path

import nbformat
import pytest

from infoview.runtime import kernel_language_info

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[!.]*/*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_notebook_holds_what_jupyterlab_would_write_into_it(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) == (4, 5)
    ids = [cell.get("id") for cell in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids)
    assert nb.metadata["kernelspec"] == {"display_name": "Python 3", "language": "python", "name": "python3"}
    stored, kernel = dict(nb.metadata["language_info"]), kernel_language_info()
    assert stored.pop("version").count(".") == 2  # the patch version is the one Python of the course's setup
    kernel.pop("version")
    assert stored == kernel
