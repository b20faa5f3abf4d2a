"""Every check of a data folder, in order: the schema and grading rules on the tables as text;
then, on the loaded tables, the two-origin rule for key events and the claims' computed verdicts.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import claims
from .evidence import check_key_events
from .keys import key_events
from .load import DataError, Dataset, load
from .tables import Problem


def check_claims(data: Dataset) -> list[Problem]:
    """A computed claim needs its inputs, and its verdict must be the one the record gives."""
    problems: list[Problem] = []
    table = data.tables["claims"]
    line = dict(zip(table.frame["claim_id"], table.lines, strict=True))
    found = claims.computed(data)
    roles = data.package.resource("claims").field("verdict").roles
    # The verdicts that find a fault: the claim is partly right, or wrong.
    with_fault = [*roles["partly"], *roles["fails"]]
    for claim_id, claim in data.claims.to_dict("index").items():
        faulty = claim["verdict"] in with_fault
        if faulty == pd.isna(claim["fault"]):
            message = "a fault is given exactly when the verdict is " + " or ".join(with_fault)
            problems.append(Problem(table.display_path, line[claim_id], "fault", message))
        kind = claim["claim_type"]
        if kind not in claims.COMPUTED:
            continue
        missing = [c for c in claims.NEEDS[kind] if not claims.given(claim[c])]
        if missing:
            message = f"a {kind} claim needs {', '.join(missing)}"
            problems.append(Problem(table.display_path, line[claim_id], missing[0], message))
            continue
        verdict, reason = found.loc[claim_id]
        if verdict != claim["verdict"]:
            message = f"the record gives {verdict} ({reason})"
            problems.append(
                Problem(table.display_path, line[claim_id], "verdict", message, claim["verdict"])
            )
    return problems


def check_loaded(data: Dataset) -> list[Problem]:
    """The checks that need the typed tables: key events on two origins, and claims' verdicts."""
    return check_key_events(data.tables, data.package, key_events(data)) + check_claims(data)


def run(data_dir: Path | str) -> list[Problem]:
    """Every problem in the data folder; an empty list means it passes every check."""
    try:
        data = load(data_dir)
    except DataError as err:
        return err.problems
    return check_loaded(data)
