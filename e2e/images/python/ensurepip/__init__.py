"""ensurepip stand-in for the end-to-end suite.

Debian ships the real ensurepip in python3-venv, and the real one installs the real pip,
which needs PyPI to install anything. This one puts the pip stand-in (/usr/local/bin/pip)
into the environment it runs in, so that `python3 -m venv DIR` gives DIR/bin/pip as usual.
"""

import argparse
import os
import shutil
import sys

_PIP = "/usr/local/bin/pip"


def version():
    return "24.0"


def bootstrap(*, root=None, upgrade=False, user=False, altinstall=False, default_pip=False, verbosity=0):
    bindir = os.path.join(root or "", sys.prefix.lstrip("/") if root else sys.prefix, "bin")
    os.makedirs(bindir, exist_ok=True)
    names = ["pip%d.%d" % sys.version_info[:2]]
    if not altinstall:
        names.append("pip%d" % sys.version_info[0])
    if default_pip:
        names.append("pip")
    for name in names:
        shutil.copyfile(_PIP, os.path.join(bindir, name))
        os.chmod(os.path.join(bindir, name), 0o755)


def _main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m ensurepip")
    parser.add_argument("--version", action="version", version="pip {}".format(version()))
    parser.add_argument("-v", "--verbose", action="count", default=0, dest="verbosity")
    parser.add_argument("-U", "--upgrade", action="store_true")
    parser.add_argument("--user", action="store_true")
    parser.add_argument("--root", default=None)
    parser.add_argument("--altinstall", action="store_true")
    parser.add_argument("--default-pip", action="store_true")
    args = parser.parse_args(argv)
    bootstrap(
        root=args.root,
        upgrade=args.upgrade,
        user=args.user,
        altinstall=args.altinstall,
        default_pip=args.default_pip,
        verbosity=args.verbosity,
    )
    return 0
