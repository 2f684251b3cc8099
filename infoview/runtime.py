"""Where infoview is running, for the few places that behave differently inside a Jupyter kernel,
and what a kernel started from this Python says about its language."""

import sys

__all__ = ["in_kernel", "kernel_language_info"]


def in_kernel():
    """True inside a running IPython kernel (JupyterLab, Notebook, VS Code, Voila).

    Looks only at modules already loaded, so calling it imports nothing.

    >>> in_kernel()
    False
    """
    kernelapp = sys.modules.get("ipykernel.kernelapp")
    return kernelapp is not None and kernelapp.IPKernelApp.initialized()


def kernel_language_info():
    """The ``language_info`` a Python kernel started from this Python reports.

    JupyterLab writes it into a notebook's metadata when the kernel starts and marks the notebook
    as modified whenever it differs from what is stored, so a lesson must carry exactly this.

    >>> info = kernel_language_info()
    >>> info["name"], info["file_extension"], info["version"] == sys.version.split()[0]
    ('python', '.py', True)
    """
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)
