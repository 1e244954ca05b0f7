"""`mkdocs serve` picks up an edit in data/ without a restart (clerks preview this way)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import document_row, make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch(url: str, deadline: float, needle: str) -> str:
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                text = response.read().decode("utf-8")
            if needle in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    return text


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_rebuilds_when_a_data_file_changes(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    port = _free_port()
    env = {**os.environ, "CONGKHAI_AS_OF": "2021-11-30", "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/van-ban/22-kh-vpub-2021/"
        assert "Về đối thoại của Chánh Văn phòng" in _fetch(url, time.monotonic() + 30, "ck-lead")
        csv_path = project / "data" / "documents.csv"
        text = csv_path.read_text(encoding="utf-8")
        csv_path.write_text(
            text.replace("Về đối thoại của Chánh", "Đã sửa: đối thoại của Chánh"), encoding="utf-8"
        )
        assert "Đã sửa: đối thoại của Chánh" in _fetch(url, time.monotonic() + 30, "Đã sửa")
        # a row added gets its page and a place in the register; removed, both go again
        row = document_row(
            id="kh-them-khi-xem",
            number="77/KH-VPUB",
            issued="01/10/2021",
            title="Kế hoạch thêm khi đang xem trước",
            published="02/10/2021",
        )
        csv_path.write_text(csv_path.read_text(encoding="utf-8") + row, encoding="utf-8")
        added = f"http://127.0.0.1:{port}/van-ban/kh-them-khi-xem/"
        assert "77/KH-VPUB" in _fetch(added, time.monotonic() + 30, "77/KH-VPUB")
        register = f"http://127.0.0.1:{port}/van-ban/"
        assert "Kế hoạch thêm khi đang xem trước" in _fetch(
            register, time.monotonic() + 30, "thêm khi"
        )
        csv_path.write_text(text, encoding="utf-8")
        assert "Về đối thoại của Chánh" in _fetch(url, time.monotonic() + 30, "Về đối thoại")
        assert _status(added) == 404
        assert "thêm khi đang xem" not in _fetch(register, time.monotonic() + 5, "</html>")
    finally:
        server.terminate()
        server.wait(timeout=10)
