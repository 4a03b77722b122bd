"""Reads every table of a release with pandas, using the loading snippet of the release's own README.

Usage: read_with_pandas.py RELEASE_DIR OUT_JSON. Runs the first ```python block of README.md's "## Loading" section
(which defines read_table) in RELEASE_DIR, reads each table with it, and writes what pandas got as JSON: row counts,
dtypes and every cell (missing as null, lists as lists, datetimes as YYYY-MM-DD), so the test can compare them with
the rows that were written, byte for byte.
"""
import json
import os
import re
import sys

import pandas as pd

release, out = sys.argv[1], sys.argv[2]
readme = open(os.path.join(release, "README.md"), encoding="utf-8").read()
loading = readme[readme.index("## Loading"):]
snippet = re.search(r"```python\n(.*?)```", loading, re.S).group(1)
os.chdir(release)
scope = {}
exec(snippet, scope)
read_table = scope["read_table"]


def cell(v):
    if isinstance(v, list):
        return [str(x) for x in v]
    if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return v


result = {"pandas": pd.__version__, "tables": {}}
for name in ["documents", "comments", "entities", "mentions", "dates", "removed_lines"]:
    df = read_table(name)
    result["tables"][name] = {
        "rows": len(df),
        "dtypes": {c: str(t) for c, t in df.dtypes.items()},
        "columns": list(df.columns),
        "values": [[cell(v) for v in row] for row in df.itertuples(index=False, name=None)],
    }
with open(out, "w", encoding="utf-8") as f:
    json.dump(result, f, ensure_ascii=False)
