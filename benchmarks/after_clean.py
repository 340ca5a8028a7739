"""CPU seconds of what `build --draft`'s own process does after extract + clean (but Great
Expectations), on a state pickled once, for comparing two checkouts on the same input.

    python benchmarks/after_clean.py state SEEDS STATE.pkl        (extract + clean SEEDS, pickle them)
    python benchmarks/after_clean.py time STATE.pkl [CODE]        (CODE: a checkout, default this one)

Stages, as the build runs them: checks (`table_findings` + `document_findings`); findings
(`acknowledge`, pickling them for the report process, `rows`, `as_frame`); package
(`publish_draft`); reports (unpickling the findings and `write_reports`, which the build runs in its
report process beside the package). Run `time` for two checkouts in turn, several rounds.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def state(seeds: Path, path: Path) -> None:
    sys.path[:0] = [str(ROOT)]
    from pipeline.build import extracted_tables
    from pipeline.clean.internal_tables import internal_tables
    from pipeline.sources import load_sources

    extracted, tables = extracted_tables(load_sources(seeds), 2)
    internal = internal_tables(extracted, tables)
    data = {item.source_id: item.document.data for item in extracted}
    with path.open("wb") as file:
        pickle.dump((tables, internal, data), file, protocol=5)


def stages(path: Path, code: Path) -> None:
    sys.path[:0] = [str(code)]
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1764979200")
    from multiprocessing.reduction import ForkingPickler

    from pipeline.clean.frames import as_frame
    from pipeline.release.stage import publish_draft
    from pipeline.validate.document_checks import document_findings
    from pipeline.validate.findings import acknowledge, load_acknowledgements, rows
    from pipeline.validate.report import write_reports
    from pipeline.validate.table_checks import table_findings

    with path.open("rb") as file:
        tables, internal, data = pickle.load(file)
    out = Path(tempfile.mkdtemp())
    marks: list[tuple[str, float]] = []
    start = time.process_time()

    def mark(stage: str) -> None:
        nonlocal start
        now = time.process_time()
        marks.append((stage, now - start))
        start = now

    found = table_findings(tables, internal) + document_findings(tables, internal)
    mark("checks")
    subjects = {code for frame in tables.values() if "subject_iso3" in frame for code in frame["subject_iso3"].dropna()}
    findings = acknowledge(found, load_acknowledgements(), subjects)
    sent = bytes(ForkingPickler.dumps(findings))
    tables["quality_findings"] = as_frame("quality_findings", rows(findings))
    mark("findings")
    publish_draft(tables, out / "datapackage", None, data)
    mark("package")
    write_reports(pickle.loads(sent), out / "reports")
    mark("reports")
    shutil.rmtree(out)
    parent = sum(seconds for _, seconds in marks[:3])
    print(code, " ".join(f"{stage} {seconds:.2f}" for stage, seconds in marks), f"parent {parent:.2f}", flush=True)


if __name__ == "__main__":
    gc.set_threshold(50_000, 20, 100)  # as the command line sets it
    if len(sys.argv) == 4 and sys.argv[1] == "state":
        state(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) in (3, 4) and sys.argv[1] == "time":
        stages(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) == 4 else ROOT)
    else:
        sys.exit(__doc__)
