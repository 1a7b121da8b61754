"""Download the official Thai boundaries and convert them to Chipao's layers.

Source: OCHA/HDX Common Operational Dataset – Administrative Boundaries,
Thailand (``cod-ab-tha``), from the Royal Thai Survey Department;
licence CC BY-IGO 3.0 — credit "Royal Thai Survey Department / OCHA (HDX COD-AB)".

Usage::

    python -m geodata.download --dest DIR              # download (~360 MB), verify, convert
    python -m geodata.download --dest DIR --from-zip tha_adm_rtsd_itos_20210121_shp.zip
    python -m geodata.download --dest DIR --url URL --sha256 HEX
    export CHIPAO_GEODATA_DIR=DIR

Writes ``tambons_th.geojson``, ``amphoes_th.geojson``, ``provinces_th.geojson``
(DOPA codes = HDX pcodes without ``TH``, full resolution, EPSG:4326) and
``download_report.json`` (URL, SHA-256, validation summaries).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from geodata.boundaries import ATTRIBUTION
from geodata.cod_ab import (  # noqa: F401  (find_admin_members: re-exported)
    ADMIN_LEVEL,
    DownloadError,
    convert_layers,
    extract_admin_layers,
    find_admin_members,
)
from geodata.validate import MissingCRSError

COD_AB_DATASET = "https://data.humdata.org/dataset/cod-ab-tha"
COD_AB_URL = (
    "https://data.humdata.org/dataset/d24bdc45-eb4c-4e3d-8b16-44db02667c27/resource/"
    "d0c722ff-6939-4423-ac0d-6501830b1759/download/tha_adm_rtsd_itos_20210121_shp.zip"
)
# Not pinned yet: the file could not be fetched where this module was written.
# The first download prints its SHA-256; put it here (or pass --sha256) to verify later ones.
COD_AB_SHA256: str | None = None


class ChecksumMismatch(DownloadError):
    pass


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_sha256(path: str | Path, expected: str) -> str:
    """Return the file's SHA-256; raise :class:`ChecksumMismatch` if it differs."""
    actual = sha256_of(path)
    if actual.lower() != expected.strip().lower():
        raise ChecksumMismatch(
            f"SHA-256 mismatch for {Path(path).name}: expected {expected.strip().lower()}, "
            f"got {actual}. The file is corrupt, incomplete or a different version; "
            "nothing was installed."
        )
    return actual


def fetch(url: str, target: Path, *, timeout: float = 60.0) -> Path:
    """Stream ``url`` to ``target`` (via a ``.part`` file); :class:`DownloadError` on failure."""
    part = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp, open(part, "wb") as out:
            shutil.copyfileobj(resp, out, length=1 << 20)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        part.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise DownloadError(
            f"Could not download {url}: {reason}.\n"
            "Check the network connection, or download the Shapefile zip in a browser "
            f"from {COD_AB_DATASET} and run: python -m geodata.download --dest DIR "
            "--from-zip FILE"
        ) from None
    part.replace(target)
    return target


def install(
    dest: str | Path,
    *,
    url: str = COD_AB_URL,
    sha256: str | None = None,
    from_zip: str | Path | None = None,
    keep_zip: bool = False,
    timeout: float = 60.0,
    log: Callable[[str], None] = print,
) -> dict:
    """Download (or take ``from_zip``), verify, extract, convert; returns the report."""
    dest = Path(dest)
    expected = sha256 or (COD_AB_SHA256 if url == COD_AB_URL else None)
    with tempfile.TemporaryDirectory(prefix="chipao-codab-") as tmp:
        tmp_dir = Path(tmp)
        if from_zip is not None:
            zip_path = Path(from_zip)
            if not zip_path.is_file():
                raise DownloadError(f"--from-zip: no such file {zip_path}")
            source = str(zip_path.resolve())
        else:
            log(f"downloading {url}")
            zip_path = fetch(url, tmp_dir / "cod-ab-tha.zip", timeout=timeout)
            source = url
        if expected:
            digest = verify_sha256(zip_path, expected)
            log(f"SHA-256 verified: {digest}")
        else:
            digest = sha256_of(zip_path)
            log(
                f"WARNING: no SHA-256 pinned for this file, so it was not verified.\n"
                f"  its SHA-256 is {digest}\n"
                "  pass --sha256 with this value (or set COD_AB_SHA256) to verify future downloads."
            )
        layers = extract_admin_layers(zip_path, tmp_dir / "layers")
        summaries = convert_layers(layers, dest)
        if keep_zip and from_zip is None:
            shutil.copy2(zip_path, dest / zip_path.name)
    report = {
        "source": source,
        "dataset": COD_AB_DATASET,
        "sha256": digest,
        "verified": bool(expected),
        "attribution": ATTRIBUTION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "layers": summaries,
    }
    (dest / "download_report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m geodata.download",
        description=(
            "Download the official Thailand admin boundaries (OCHA HDX COD-AB, Royal Thai "
            "Survey Department, CC BY-IGO 3.0), verify the SHA-256, and write "
            "tambons_th / amphoes_th / provinces_th GeoJSON with DOPA codes to --dest. "
            "Then set CHIPAO_GEODATA_DIR to --dest."
        ),
    )
    parser.add_argument("--dest", required=True, help="folder to write the layers to")
    parser.add_argument("--url", default=COD_AB_URL, help="zip to download (default: HDX)")
    parser.add_argument(
        "--sha256",
        default=None,
        help="expected SHA-256 of the zip (default: the pinned value for the default URL)",
    )
    parser.add_argument(
        "--from-zip", default=None, help="use an already downloaded zip instead of --url"
    )
    parser.add_argument("--keep-zip", action="store_true", help="copy the zip into --dest")
    parser.add_argument("--timeout", type=float, default=60.0, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr)

    try:
        report = install(
            args.dest,
            url=args.url,
            sha256=args.sha256,
            from_zip=args.from_zip,
            keep_zip=args.keep_zip,
            timeout=args.timeout,
            log=log,
        )
    except (DownloadError, MissingCRSError) as exc:
        log(f"error: {exc}")
        return 1
    except OSError as exc:  # disk full, permissions …
        log(f"error: {exc}")
        return 1
    for level, summary in report["layers"].items():
        log(f"{level}: {summary['features']} features -> {Path(args.dest) / summary['file']}")
    log(f"done. Now set CHIPAO_GEODATA_DIR={Path(args.dest).resolve()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
