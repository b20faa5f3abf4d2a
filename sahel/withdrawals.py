"""The withdrawals: each foreign presence's interval, the steps of each departure, the lags from
the host's demand to the departing side's announcement and to the last troops out, and the
claimed troop strengths."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from . import maps, plots
from .events import days, last_event_date
from .load import Dataset
from .style import BLOC_COLOURS, HOSTS, bloc_colour, country_name

# Where the map writes the three states' names (longitude, latitude).
HOST_LABELS = {"MLI": (-6.5, 18.0), "BFA": (-1.6, 11.3), "NER": (10.5, 18.5)}
MARKERS = {
    "demand": ("v", "host's demand or denunciation"),
    "announced": ("o", "departure or end announced"),
    "completed": ("s", "presence ended"),
}
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = ("mli-denies-wagner",)


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings and figures rest on: every presence's opening and
    closing, and every step of every departure."""
    dep = data.deployments
    keys = set(dep["opened_by"]) | set(dep["closed_by"].dropna())
    for ids in departures(data)["event_ids"]:
        keys |= set(ids)
    return keys | set(CITED)


def presences(data: Dataset) -> pd.DataFrame:
    """Every deployment with its interval, derived from the events that opened and closed it."""
    dep = data.deployments
    dates, precision = data.events["date_start"], data.events["date_precision"]
    closed = dep["closed_by"].map(dates)
    completion = roles(data)["completion"]
    # A presence that ended on a day no source dates runs to the last event that names it.
    last_named = {
        d: data.events.loc[steps(data, d).index, "date_start"].max() for d in dep["deployment_id"]
    }
    undated = dep["end_undated"].notna()
    closed = closed.where(~undated, dep["deployment_id"].map(last_named))
    frame = dep.assign(
        # Where the sources date no completion, the closing event is the last step they date.
        end_known=dep["closed_by"].map(data.events["event_type"]).isin(completion),
        start=dep["opened_by"].map(dates),
        start_precision=dep["opened_by"].map(precision),
        end=closed.fillna(last_event_date(data)),
        ongoing=closed.isna() & ~undated,
        bloc=dep["sponsor"].map(data.actors["bloc"]),
        host_name=dep["host_country"].map(country_name),
    )
    frame["host_order"] = frame["host_country"].map({h: i for i, h in enumerate(HOSTS)})
    return frame.sort_values(["host_order", "start"])


def roles(data: Dataset) -> dict[str, list[str]]:
    """The event types that play a part in a departure, as the schema names them."""
    return data.package.resource("events").field("event_type").constraints["x-roles"]


def steps(data: Dataset, deployment_id: str) -> pd.DataFrame:
    """The events that name a deployment among theirs, in date order."""
    events = data.events[data.events["deployment_ids"].map(lambda ids: deployment_id in ids)]
    return events.sort_values("date_start")


def _first(events: pd.DataFrame, types: list[str]) -> pd.Series | None:
    hits = events[events["event_type"].isin(types)]
    return hits.iloc[0] if len(hits) else None


def break_start(data: Dataset) -> pd.Timestamp:
    """The first coup in the three states: the start of the break this chapter follows."""
    coups = data.events[data.events["event_type"] == "coup"]
    return coups[coups["country"].isin(HOSTS)]["date_start"].min()


def departures(data: Dataset) -> pd.DataFrame:
    """One row per Western, UN or EU presence that ended after the first coup: its steps, their
    dates and the lags in days. (Presences that ended earlier, such as Serval, which gave way to
    Barkhane in 2014, were not departures from the country.)"""
    rows = []
    start = break_start(data)
    for dep in presences(data).itertuples():
        if dep.ongoing or dep.bloc == "russia" or dep.end < start:
            continue
        events = steps(data, dep.deployment_id)
        # An event may name several presences (a joint announcement, a Takuba partner's own
        # exit): a demand counts where the host addressed this presence's side, and an
        # announcement or a start where this presence's side made it.
        blocs = data.actors["bloc"]
        own = events[events["actor"].map(blocs) == dep.bloc]
        demand = _first(events[events["target"].map(blocs) == dep.bloc], roles(data)["demand"])
        announced = _first(own, roles(data)["announcement"])
        started = _first(own, ["withdrawal_started"])
        # A presence whose end no source dates has no completion to measure to.
        completed = data.events.loc[dep.closed_by] if dep.end_known else None
        handovers = own[own["event_type"] == "base_handover"]
        step_ids = [e["event_id"] for e in (demand, announced, started, completed) if e is not None]
        rows.append(
            {
                "deployment_id": dep.deployment_id,
                "name": dep.name,
                "host": dep.host_country,
                "host_name": dep.host_name,
                "bloc": dep.bloc,
                "demand": demand["date_start"] if demand is not None else pd.NaT,
                "announced": announced["date_start"] if announced is not None else pd.NaT,
                "started": started["date_start"] if started is not None else pd.NaT,
                "completed": completed["date_start"] if completed is not None else pd.NaT,
                **{
                    f"{step}_id": event["event_id"] if event is not None else None
                    for step, event in (
                        ("demand", demand),
                        ("announced", announced),
                        ("started", started),
                        ("completed", completed),
                    )
                },
                "handovers": len(handovers),
                "days_to_announcement": days(demand["date_start"], announced["date_start"])
                if demand is not None and announced is not None
                else None,
                "days_to_completion": days(demand["date_start"], completed["date_start"])
                if demand is not None and completed is not None
                else None,
                "event_ids": [*step_ids, *handovers["event_id"]],
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("days_to_announcement", "days_to_completion"):
        frame[column] = frame[column].astype("Int64")
    return frame.sort_values(["completed", "announced"]).reset_index(drop=True)


def handovers(data: Dataset) -> pd.DataFrame:
    """Every base handed over, with the deployment that left, to whom (where recorded) and where."""
    events = data.events[data.events["event_type"] == "base_handover"]
    # A base handed over by several presences at once is drawn for the first one it names.
    first = events["deployment_ids"].map(lambda ids: ids[0] if ids else None)
    places = data.places
    return events.assign(
        deployment=first.map(data.deployments["name"]),
        bloc=first.map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        to=events["target"].map(data.actors["name"]),
        host_name=events["country"].map(country_name),
        place=events["place_id"].map(places["name"]),
        latitude=events["place_id"].map(places["latitude"]),
        longitude=events["place_id"].map(places["longitude"]),
    ).sort_values("date_start")


def plot_handover_map(data: Dataset, data_dir):
    """The bases handed over, on the outlines of the three states and their neighbours."""
    frame = handovers(data).dropna(subset=["latitude"])
    fig, ax = plots.figure(height=5.2, width=8)
    maps.draw_outlines(ax, maps.outlines(data_dir), extent=(-12.5, 16.5, 8.5, 24.5))
    sponsors = list(dict.fromkeys(frame["bloc"]))
    offsets = {b: (i - (len(sponsors) - 1) / 2) * 0.35 for i, b in enumerate(sponsors)}
    for (_place, bloc), rows in frame.groupby(["place", "bloc"], sort=False):
        row = rows.iloc[0]
        ax.plot(
            row["longitude"] + offsets[bloc],
            row["latitude"],
            "o",
            ms=5 + 2 * len(rows),
            color=bloc_colour(bloc),
            mec="black",
            mew=0.5,
            zorder=3,
        )
    for place, rows in frame.groupby("place", sort=False):
        row = rows.iloc[0]
        # A label goes left of its dot when another place lies just east of it.
        crowded = (
            (frame["longitude"] - row["longitude"]).between(0.01, 1.5)
            & (frame["latitude"] - row["latitude"]).abs().lt(0.8)
        ).any()
        ax.annotate(
            place,
            (row["longitude"], row["latitude"]),
            xytext=(-6, 5) if crowded else (6, 5),
            ha="right" if crowded else "left",
            textcoords="offset points",
            fontsize=8,
        )
    for code, (lon, lat) in HOST_LABELS.items():
        ax.text(
            lon, lat, country_name(code), fontsize=10, color="#555555", ha="center", style="italic"
        )
    plots.bloc_legend(ax, [b for b in BLOC_COLOURS if b in sponsors], loc="lower left", fontsize=8)
    return fig


def strengths(data: Dataset) -> pd.DataFrame:
    """Claims of the personnel a whole presence had deployed, with the claimant's name: like
    compared with like (no country, regional or base figures, no departures or ceilings)."""
    figures = data.figures[
        (data.figures["measure"] == "personnel_deployed")
        & (data.figures["scope"] == "presence")
        & data.figures["deployment_id"].notna()
    ]
    return figures.assign(
        deployment=figures["deployment_id"].map(data.deployments["name"]),
        bloc=figures["deployment_id"].map(data.deployments["sponsor"]).map(data.actors["bloc"]),
        claimant_name=figures["claimant"].map(data.actors["name"]),
    ).sort_values(["deployment_id", "date"])


def plot_presence(data: Dataset):
    frame = presences(data)
    labels = [f"{r.host_name}: {r.name.split(' (')[0]}" for r in frame.itertuples()]
    fig, ax = plots.figure(height=0.3 * len(frame) + 2.0, width=9)
    y = plots.lanes(ax, labels)
    for label, dep in zip(labels, frame.itertuples(), strict=True):
        # Continuing presences are hatched; those whose end no source dates are pale, their bar
        # stopping at the last step the sources date.
        ax.barh(
            y[label],
            dep.end - dep.start,
            left=dep.start,
            height=0.6,
            color=bloc_colour(dep.bloc),
            alpha=1.0 if dep.ongoing or dep.end_known else 0.4,
            hatch="//" if dep.ongoing else None,
            edgecolor="white" if dep.ongoing else None,
        )
    for row in departures(data).itertuples():
        label = labels[list(frame["deployment_id"]).index(row.deployment_id)]
        for key, column in (
            ("demand", "demand"),
            ("announced", "announced"),
            ("completed", "completed"),
        ):
            when = getattr(row, column)
            if pd.notna(when):
                # The demand sits just above the bar, so that an announcement or an end on
                # nearly the same day does not hide it.
                lift = 0.32 if key == "demand" else 0.0
                ax.plot(when, y[label] + lift, MARKERS[key][0], color="black", ms=5, mfc="white")
    plots.date_axis(ax, years=2)
    handles = [
        plt.Line2D([], [], ls="", marker=m, color="black", mfc="white", label=t)
        for m, t in MARKERS.values()
    ]
    handles += [
        plt.matplotlib.patches.Patch(
            facecolor="#999999", hatch="//", edgecolor="white", label="continuing"
        ),
        plt.matplotlib.patches.Patch(
            facecolor="#999999", alpha=0.4, label="end not dated by the sources"
        ),
    ]
    blocs = [b for b in BLOC_COLOURS if b in set(frame["bloc"])]
    handles += plots.bloc_handles(blocs)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.04), ncol=3, fontsize=8)
    ax.set_title("Foreign presences in Mali, Burkina Faso and Niger", loc="left")
    return fig


def plot_lags(data: Dataset):
    frame = departures(data).dropna(subset=["days_to_completion"])
    frame = frame.sort_values("days_to_completion").reset_index(drop=True)
    fig, ax = plots.figure(height=0.45 * len(frame) + 1.4)
    labels = [f"{r.name.split(' (')[0]} ({r.host_name})" for r in frame.itertuples()]
    for i, row in frame.iterrows():
        colour = bloc_colour(row["bloc"])
        ax.plot([0, row["days_to_completion"]], [i, i], color=colour, lw=3)
        if pd.notna(row["days_to_announcement"]):
            ax.plot(row["days_to_announcement"], i, "o", color="black", mfc="white", ms=6)
        ax.plot(row["days_to_completion"], i, "s", color=colour, ms=7, mec="black", mew=0.5)
        ax.text(
            row["days_to_completion"] + 8,
            i,
            f"{row['days_to_completion']} days",
            va="center",
            fontsize=8,
        )
    ax.axvline(0, color="black", lw=0.8)
    # The median the caption cites, drawn.
    median = frame["days_to_completion"].median()
    ax.axvline(median, color="#555555", lw=1, ls="--")
    ax.text(median, len(frame) - 0.4, f"median: {median:g} days", fontsize=8, ha="center")
    ax.set_yticks(range(len(frame)), labels)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Days after the host's demand or denunciation (circle: announced; square: ended)")
    return fig


# A panel needs a few claims to show a change; presences with fewer are in the table only.
MIN_STRENGTH_CLAIMS = 3


def plot_strengths(data: Dataset):
    """One small panel per presence with at least MIN_STRENGTH_CLAIMS claims: each claim at its
    date, a bar where it is a range; each panel has its own scale, labelled."""
    frame = strengths(data)
    counts = frame["deployment_id"].value_counts()
    frame = frame[frame["deployment_id"].map(counts) >= MIN_STRENGTH_CLAIMS]
    names = list(dict.fromkeys(frame.sort_values("date")["deployment"]))
    ncols = 3
    nrows = -(-len(names) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(9, 1.9 * nrows), layout="constrained", sharex=True
    )
    for ax, name in zip(axes.flat, names, strict=False):
        rows = frame[frame["deployment"] == name]
        colour = bloc_colour(rows["bloc"].iloc[0])
        ax.vlines(rows["date"], rows["value_low"], rows["value_high"], colors=colour, lw=3)
        ax.plot(rows["date"], rows["value_high"], "o", color=colour, ms=4)
        ax.plot(rows["date"], rows["value_low"], "o", color=colour, ms=4)
        ax.set_title(name.split(" (")[0].split(" / ")[0], fontsize=8, loc="left")
        ax.tick_params(labelbottom=True)
        ax.set_ylim(0, rows["value_high"].max() * 1.15)
        ax.yaxis.set_major_formatter(plt.matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.tick_params(labelsize=7)
        plots.date_axis(ax, years=4)
    for ax in list(axes.flat)[len(names) :]:
        ax.set_visible(False)
    fig.supylabel("Troops or personnel claimed", fontsize=9)
    return fig
