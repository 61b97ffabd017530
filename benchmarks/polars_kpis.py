"""The KPI definitions of contract §4 in Polars, for the engine comparison of ``make bench`` only.

Same definitions as :mod:`generator.kpi.metrics` (the SQL that opvang runs on DuckDB): per norm the
successes, failures and pending cases overall, per doelgroep and per gemeente van herkomst (no
suppression: the comparison runs with ``--min-cel 1``). Only the metrics a tender of the benchmark
uses from ``clienten.csv`` are here; ``zrm_verbetering`` and survey marks are not.
"""

from __future__ import annotations

import datetime as dt

HOURS = {"hours": 1, "days": 24, "weeks": 24 * 7}


def read(path: str):
    """``clienten.csv`` (semicolons, ISO dates) as a Polars frame with parsed columns."""
    import polars as pl

    frame = pl.read_csv(path, separator=";", infer_schema=False)
    moment = "%Y-%m-%d %H:%M"
    yes = ["ja", "j", "yes", "y", "true", "1"]
    return frame.select(
        pl.col("client_id").str.strip_chars().alias("client"),
        pl.col("doelgroep").str.to_lowercase(),
        pl.col("gemeente_herkomst").alias("herkomst"),
        pl.col("gemeente_opvang").alias("opvang"),
        pl.col("datum_melding").str.strptime(pl.Datetime("us"), moment).alias("melding"),
        pl.col("opvang_nodig").fill_null("ja").str.to_lowercase().is_in(yes).alias("nodig"),
        pl.col("datum_plan").str.strptime(pl.Datetime("us"), moment).alias("plan"),
        pl.col("datum_start_opvang").str.strptime(pl.Datetime("us"), moment).alias("start"),
        pl.col("datum_uitstroom").str.strptime(pl.Date, "%Y-%m-%d").alias("uitstroom"),
        pl.col("doelen_behaald").str.to_lowercase().is_in(yes).alias("doelen"),
        pl.col("tevredenheid").str.replace(",", ".").cast(pl.Float64).alias("tevredenheid"),
        pl.col("woning_behouden").str.to_lowercase().alias("woning"),
    )


def _lead(frame, peil: dt.date, anchor: str, target: str, bound: int, strict: bool, need: bool):
    import polars as pl

    end = dt.datetime.combine(peil + dt.timedelta(days=1), dt.time())
    rows = frame.filter(pl.col(anchor).is_not_null() & (pl.col(anchor) < end))
    if need:
        rows = rows.filter(pl.col("nodig"))
    if target == "plan":
        rows = rows.filter(pl.col("plan").is_null() | (pl.col("plan") >= pl.col("melding")))
        if anchor == "start":
            rows = rows.filter(pl.col("start") >= pl.col("melding"))
    else:
        rows = rows.filter(pl.col("start").is_null() | (pl.col("start") >= pl.col("melding")))
    took = (pl.col(target) - pl.col(anchor)).dt.total_minutes()
    within = took < bound if strict else took <= bound
    deadline = pl.col(anchor) + pl.duration(minutes=bound)
    code = (
        pl.when(pl.col(target).is_not_null() & (pl.col(target) < end))
        .then(pl.when(within).then(1).otherwise(2))
        .when(deadline < end)
        .then(2)
        .otherwise(3)
    )
    return rows.with_columns(code.alias("code"))


def outcomes(frame, norm, peil: dt.date, near=None):
    """The counted cases of *norm* (a :class:`generator.catalog.model.Norm`) with their ``code``."""
    import polars as pl

    end = dt.datetime.combine(peil + dt.timedelta(days=1), dt.time())
    metric = norm.metric
    if metric == "opvang_nabij_herkomst":
        rows = frame.filter(pl.col("opvang").is_not_null() & (pl.col("melding") < end))
        names = set(rows["opvang"].unique().to_list()) | set(rows["herkomst"].unique().to_list())
        areas = {n.lower(): f"subregio:{sub.lower()}" for n in names if near is not None and (sub := near(n))}

        def area(column: str):
            lowered = pl.col(column).str.to_lowercase()
            return lowered.replace(areas) if areas else lowered

        same = area("opvang") == area("herkomst")
        rows = rows.with_columns(pl.when(same).then(1).otherwise(2).alias("code"))
    elif metric == "duurzame_uitstroom":
        exits = frame.with_row_index("rid").filter(pl.col("uitstroom") <= peil)
        exits = exits.with_columns(
            pl.col("uitstroom").dt.offset_by("4mo").alias("first"),
            pl.col("uitstroom").dt.offset_by("24mo").alias("last"),
        )
        reports = frame.filter(pl.col("melding") < end).select("client", pl.col("melding").dt.date().alias("day"))
        relapsed = (
            exits.select("rid", "client", "first", "last")
            .join(reports, on="client")
            .filter((pl.col("day") >= pl.col("first")) & (pl.col("day") <= pl.col("last")))
            .select("rid")
            .unique()
            .with_columns(pl.lit(True).alias("relapse"))
        )
        rows = exits.join(relapsed, on="rid", how="left").with_columns(
            pl.when(pl.col("relapse").fill_null(False))
            .then(2)
            .when(pl.col("last") <= peil)
            .then(1)
            .otherwise(3)
            .alias("code")
        )
    elif metric == "direct_opvang":
        rows = _lead(frame, peil, "melding", "start", 24 * 60, False, True)
    elif metric == "plan_binnen_termijn":
        bound = round(norm.value * HOURS[norm.unit] * 60)
        rows = _lead(
            frame,
            peil,
            norm.anchor if norm.anchor == "start" else "melding",
            "plan",
            bound,
            norm.operator == "<",
            False,
        )
    elif metric == "doelen_behaald":
        rows = frame.filter(pl.col("uitstroom") <= peil).with_columns(
            pl.when(pl.col("doelen")).then(1).otherwise(2).alias("code")
        )
    elif metric == "clienttevredenheid":
        rows = frame.filter(pl.col("tevredenheid").is_not_null() & (pl.col("melding") < end)).with_columns(
            pl.lit(1).alias("code")
        )
    elif metric == "woningbehoud":
        rows = frame.filter(pl.col("woning").is_not_null() & (pl.col("melding") < end)).with_columns(
            pl.when(pl.col("woning").is_in(["ja", "j", "yes", "y", "true", "1"])).then(1).otherwise(2).alias("code")
        )
    elif metric == "opvangduur_binnen_norm":
        start = pl.col("start").dt.date()
        if norm.unit in ("months", "years"):
            months = round(norm.value * (12 if norm.unit == "years" else 1))
            limit = start.dt.offset_by(f"{months}mo")
        else:
            limit = start + pl.duration(days=int(norm.value * {"days": 1, "weeks": 7}[norm.unit]))
        within = pl.col("uitstroom") < limit if norm.operator == "<" else pl.col("uitstroom") <= limit
        rows = frame.filter(
            (pl.col("uitstroom") <= peil) & pl.col("start").is_not_null() & (pl.col("uitstroom") >= start)
        ).with_columns(pl.when(within).then(1).otherwise(2).alias("code"))
    else:
        return None
    if norm.applies_to:
        rows = rows.filter(pl.col("doelgroep").is_in(list(norm.applies_to)))
    return rows


def tallies(frame, norm, peil: dt.date, near=None) -> dict | None:
    """``{"overall": (s, f, p), "per_doelgroep": {...}, "per_gemeente": {...}}`` of *norm*, or None."""
    import polars as pl

    rows = outcomes(frame, norm, peil, near)
    if rows is None:
        return None
    grouped = rows.group_by("doelgroep", "herkomst").agg(
        (pl.col("code") == 1).sum().alias("s"),
        (pl.col("code") == 2).sum().alias("f"),
        (pl.col("code") == 3).sum().alias("p"),
    )
    out: dict = {"overall": [0, 0, 0], "per_doelgroep": {}, "per_gemeente": {}}
    for group, place, s, f, p in grouped.iter_rows():
        for target in (
            out["overall"],
            out["per_doelgroep"].setdefault(group, [0, 0, 0]),
            out["per_gemeente"].setdefault(place, [0, 0, 0]),
        ):
            target[0] += s
            target[1] += f
            target[2] += p
    return out
