from geodata import basemap


def test_basemap_is_off_by_default(monkeypatch):
    monkeypatch.delenv("CHIPAO_BASEMAP", raising=False)
    assert basemap.configured().url is None


def test_one_setting_turns_on_openstreetmap(monkeypatch):
    monkeypatch.setenv("CHIPAO_BASEMAP", "openstreetmap")
    chosen = basemap.configured()
    assert chosen.url == basemap.OSM_URL
    assert "OpenStreetMap" in chosen.attribution


def test_a_province_tile_server_is_named_by_its_host(monkeypatch):
    monkeypatch.setenv("CHIPAO_BASEMAP", "https://tiles.example.go.th/{z}/{x}/{y}.png")
    chosen = basemap.configured()
    assert chosen.url.startswith("https://tiles.example.go.th/")
    assert chosen.attribution == "tiles.example.go.th"
