"""The analysis core stays a plain library: importing any of its modules pulls in no Django."""

import json
import subprocess
import sys

PROBE = """
import importlib, json, pkgutil, sys
import leerlus.analysis as package
names = [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".") if ".tests" not in m.name]
for name in names:
    importlib.import_module(name)
print(json.dumps({"modules": names, "django": sorted(n for n in sys.modules if n.split(".")[0] == "django")}))
"""


def test_every_analysis_module_stays_free_of_django():
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True)
    found = json.loads(out.stdout)
    assert {"leerlus.analysis.effect", "leerlus.analysis.simulation", "leerlus.analysis.engine"} <= set(
        found["modules"]
    )
    assert found["django"] == []
