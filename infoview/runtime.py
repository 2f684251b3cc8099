"""Where infoview is running, for the few places that behave differently inside a Jupyter kernel."""

import sys

__all__ = ["in_kernel"]


def in_kernel():
    """True inside a running IPython kernel (JupyterLab, Notebook, VS Code, Voila).

    Looks only at modules already loaded, so calling it imports nothing.

    >>> in_kernel()
    False
    """
    kernelapp = sys.modules.get("ipykernel.kernelapp")
    return kernelapp is not None and kernelapp.IPKernelApp.initialized()
