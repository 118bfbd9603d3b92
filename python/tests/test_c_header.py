"""include/grasp_world.h agrees with the library and the Python package, and a C program
compiled against it runs the world."""
import pathlib
import re
import shutil
import subprocess

import pytest

from acppo_grasp import COLUMNS, _library
from acppo_grasp.errors import BY_STATUS

HEADER = pathlib.Path(__file__).resolve().parents[2] / "include" / "grasp_world.h"


def defines(prefix):
    return {m[1]: int(m[2]) for m in re.finditer(rf"#define ({prefix}\w*) (\d+)", HEADER.read_text())}


def test_header_declares_what_the_library_exports():
    declared = set(re.findall(r"^\S.*?\b(gw_\w+)\(", HEADER.read_text(), flags=re.M))
    lib = _library.load()
    for name in declared:
        getattr(lib, name)  # resolves, or AttributeError names it
    if shutil.which("nm"):
        symbols = subprocess.run(["nm", "-D", "--defined-only", str(_library.library_path())], check=True,
                                 capture_output=True, text=True).stdout
        exported = set(re.findall(r" T (gw_\w+)$", symbols, flags=re.M))
        assert exported == declared
    assert "gw_step" in declared and len(declared) == 13
    assert defines("GW_ABI_VERSION")["GW_ABI_VERSION"] == _library.ABI_VERSION == lib.gw_abi_version()


def test_header_constants_match_the_package():
    columns = defines("GW_COLUMN_")
    assert {k.removeprefix("GW_COLUMN_").lower(): v for k, v in columns.items()} == COLUMNS
    statuses = defines("GW_ERR_")
    assert sorted(statuses.values()) == sorted(BY_STATUS)


C_PROGRAM = r"""
#include <stdio.h>
#include "grasp_world.h"

int main(void) {
    uint64_t h = 0;
    if (gw_create("{\"envCount\": 2, \"threads\": 1, \"bogus\": 1}", &h) != GW_ERR_CONFIG) return 1;
    printf("error: %s\n", gw_last_error());
    if (gw_create("{\"envCount\": 2, \"threads\": 1}", &h) != GW_OK) { printf("%s\n", gw_last_error()); return 2; }
    int64_t n = 0, d = 0, a = 0;
    gw_dims(h, &n, &d, &a);
    float actions[48] = {0};
    for (int t = 0; t < 3; t++) if (gw_step(h, actions, n * a) != GW_OK) return 3;
    const float *obs = 0; int64_t width = 0;
    if (gw_view(h, GW_COLUMN_OBSERVATION, &obs, &width) != GW_OK || width != d) return 4;
    const char *name = 0;
    gw_observation_group(h, 0, &name, 0, 0);
    printf("dims %lld %lld %lld group0 %s\n", (long long)n, (long long)d, (long long)a, name);
    gw_destroy(h);
    if (gw_step(h, actions, n * a) != GW_ERR_HANDLE) return 5;
    printf("after destroy: %s\n", gw_last_error());
    return 0;
}
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_a_c_program_runs_the_world(tmp_path):
    library = _library.library_path()
    source = tmp_path / "app.c"
    source.write_text(C_PROGRAM)
    binary = tmp_path / "app"
    subprocess.run(["cc", "-std=c99", "-Wall", "-Werror", str(source), f"-I{HEADER.parent}", str(library),
                    f"-Wl,-rpath,{library.parent}", "-o", str(binary)], check=True)
    run = subprocess.run([str(binary)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error: config JSON: unknown key 'bogus'" in run.stdout
    assert "dims 2 235 24 group0 joint positions (to [-1, 1])" in run.stdout
    assert re.search(r"after destroy: handle \d+ was destroyed", run.stdout)
