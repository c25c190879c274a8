"""A fresh build of the seeds, shared by the consumer tests."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def release(tmp_path_factory):
    """Path of the `latest` release of a fresh build of seeds/."""
    binary = os.environ.get("NEWSCORPUS_BIN", str(ROOT / "target/release/newscorpus"))
    out = tmp_path_factory.mktemp("build") / "out"
    subprocess.run([binary, "build", "--quiet", "--input", str(ROOT / "seeds"), "--out", str(out)], check=True)
    return out / "latest"
