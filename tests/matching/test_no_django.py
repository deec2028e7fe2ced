import subprocess
import sys


def test_matching_package_does_not_import_django():
    code = (
        "import sys, crosscluster.matching, crosscluster.matching.esco;"
        "crosscluster.matching.esco.taxonomy();"
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if m.startswith('django'))"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
