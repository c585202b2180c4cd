"""The analysis core stays a plain library: importing it pulls in no Django."""

import subprocess
import sys


def test_analysis_stays_free_of_django():
    probe = "import sys, leerlus.analysis; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.stdout.strip() == "False"
