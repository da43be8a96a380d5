"""Fetch the Nu Html Checker (vnu.jar) from the npm registry's `vnu-jar` package, checked by its hash.

Used by `make test` (the HTML validity tests run it with Java). Only the Python standard library:
npm itself is not needed. Usage: python tests/tools/fetch_vnu.py DESTINATION.jar
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "26.9.27"
URL = f"https://registry.npmjs.org/vnu-jar/-/vnu-jar-{VERSION}.tgz"
# The registry's published integrity for this version (`npm view vnu-jar@26.9.27 dist.integrity`).
SHA512 = "TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJRNea0KA=="
MEMBER = "package/build/dist/vnu.jar"


def fetch(destination: Path) -> None:
    with urllib.request.urlopen(URL, timeout=300) as response:
        archive = response.read()
    digest = base64.b64encode(hashlib.sha512(archive).digest()).decode("ascii")
    if digest != SHA512:
        raise SystemExit(f"{URL}: sha512 {digest} is not the published {SHA512}; not using it.")
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{URL} has no {MEMBER}.")
        data = member.read()
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(destination)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    fetch(Path(sys.argv[1]))
