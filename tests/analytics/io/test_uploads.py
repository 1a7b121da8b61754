"""Uploads never decide a path (issue 9 item 1): only an allowed suffix of the client's name is kept."""

import pytest

from analytics.io import tabular, uploads


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("tambons.geojson", ".geojson"),
        ("../../etc/cron.d/x.json", ".json"),
        ("/var/lib/chipao/boundaries.GPKG", ".gpkg"),
        ("..\\..\\Windows\\layer.zip", ".zip"),
    ],
)
def test_only_the_suffix_of_an_upload_name_is_kept(name, suffix):
    assert uploads.boundary_suffix(name) == suffix


@pytest.mark.parametrize("name", ["evil.py", "x.geojson/..", "", "layer.geojson.sh", "/tmp/"])
def test_other_upload_names_are_refused(name):
    with pytest.raises(tabular.ImportFileError, match="Only .geojson"):
        uploads.boundary_suffix(name)


def test_boundary_upload_with_a_traversal_name_is_read_under_a_generated_name(tmp_path):
    target = tmp_path / "planted.geojson"
    with pytest.raises(tabular.ImportFileError) as info:
        uploads.load_boundary_upload(
            b'{"type": "FeatureCollection", "features": []}', str(target), "tambon", "ADM3_PCODE"
        )
    assert not target.exists()
    assert "upload.geojson" in info.value.message_en and str(tmp_path) not in info.value.message_en


def test_a_zip_bomb_boundary_upload_is_refused_before_reading():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("layer.shp", b"\0" * (3 << 20))
    with pytest.raises(tabular.ImportFileError, match="expands to 3 MB"):
        uploads.load_boundary_upload(
            buffer.getvalue(),
            "layer.zip",
            "tambon",
            "ADM3_PCODE",
            tabular.Limits(max_xlsx_uncompressed_mb=2),
        )
