"""`python3 dev.py start ADDRESS:PORT`: links in e-mails (SITE_URL) follow the address the
development server listens on, unless SITE_URL is set; the worker gets the same address, since
jobs in the background send mail too."""

import importlib.util
from pathlib import Path

import pytest

DEV_PY = Path(__file__).resolve().parents[3] / "dev.py"


@pytest.fixture
def dev():
    spec = importlib.util.spec_from_file_location("sectorplan_dev_script", DEV_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("args", "site_url", "host"),
    [
        ([], "http://127.0.0.1:8000", "127.0.0.1"),
        (["8123"], "http://127.0.0.1:8123", "127.0.0.1"),
        (["192.168.1.5:8001"], "http://192.168.1.5:8001", "192.168.1.5"),
        (["--noreload", "sp.local:9000"], "http://sp.local:9000", "sp.local"),
        (["0.0.0.0:8002"], "http://127.0.0.1:8002", "127.0.0.1"),
        (["-6", "[::1]:8003"], "http://[::1]:8003", "[::1]"),
    ],
)
def test_site_url_follows_the_servers_address(dev, args, site_url, host):
    env = dev.server_env({}, args or [dev.DEFAULT_ADDRESS])
    assert env["SITE_URL"] == site_url
    assert host in env["ALLOWED_HOSTS"].split(",")


def test_a_site_url_that_is_set_wins(dev):
    env = dev.server_env(
        {"SITE_URL": "https://demo.example", "ALLOWED_HOSTS": "demo.example"}, ["0.0.0.0:8000"]
    )
    assert env["SITE_URL"] == "https://demo.example"
    assert env["ALLOWED_HOSTS"] == "demo.example"


def test_start_gives_server_and_worker_the_address(dev, monkeypatch, tmp_path, capsys):
    """The whole start command, with installing and the processes themselves left out."""
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.setenv("SECTORPLAN_DATA_DIR", str(tmp_path))
    spawned = {}

    class Finished:
        def wait(self):
            return 0

        def poll(self):
            return 0

    def spawn(program, command, *args, env):
        spawned[command] = (args, env)
        return Finished()

    monkeypatch.setattr(dev, "ensure_installed", lambda: None)
    monkeypatch.setattr(dev, "run", lambda *args, env=None: None)
    monkeypatch.setattr(dev, "spawn", spawn)
    monkeypatch.setattr(dev.signal, "signal", lambda *args: None)
    with pytest.raises(SystemExit):
        dev.start(["127.0.0.1:8123"])
    assert spawned["runserver"][0] == ("127.0.0.1:8123",)
    for command in ("runserver", "db_worker"):
        assert spawned[command][1]["SITE_URL"] == "http://127.0.0.1:8123"
    assert "http://127.0.0.1:8123" in capsys.readouterr().out
