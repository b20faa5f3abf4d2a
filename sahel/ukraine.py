"""The Ukraine rupture: the battle of Tinzaouaten, the Ukrainian statements, the ruptures and the
reactions, the claims about the toll, and the state of relations before and after."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from . import plots
from .events import days, theme, with_actors
from .load import Dataset
from .style import BLOC_COLOURS, HOSTS, bloc_colour, country_name

BATTLE = "tinzaouaten-battle"
# The day-by-day view runs from the battle to the end of the month of the ruptures.
WINDOW_END = pd.Timestamp("2024-08-31")
# Events the chapter's prose cites by name; with the frames' events below, its key events.
CITED = (
    "ukr-mfa-response-mali",
    "ukr-mfa-response-niger",
    "pyvovarov-embassy-post",
    "embassy-post-deleted",
    "senegal-summons-pyvovarov",
    "ecowas-statement-interference",
    "aes-letter-unsc",
)
STATES = HOSTS
PARTNERS = {
    "ukraine": "Ukraine",
    "russia": "Russia",
    "france": "France",
    "united_states": "United States",
}

# How an event between a Sahel state and a partner marks their relations. A cell shows the
# deepest mark recorded up to its date (the latest, among equals); other events leave it as it was.
RELATION_EFFECTS = {
    "diplomatic_rupture": "relations severed",
    "withdrawal_completed": "forces withdrawn",
    "agreement_denounced": "agreements denounced",
    "demand_withdrawal": "forces asked to leave",
    "diplomatic_measure": "diplomatic sanction",
    "troop_arrival": "military partnership",
    "deployment_opened": "military partnership",
}
RELATION_LEVELS = {
    "no recorded break": 0,
    "military partnership": 1,
    "diplomatic sanction": 2,
    "forces asked to leave": 2,
    "agreements denounced": 2,
    "forces withdrawn": 3,
    "relations severed": 4,
}
# An ordered scale of its own, apart from the bloc colours: blue for partnership, then light to
# dark orange as the break deepens.
LEVEL_COLOURS = ["#f2f2f2", "#c6dbef", "#fdd0a2", "#f16913", "#7f2704"]
LEVEL_NAMES = [
    "no recorded break",
    "military partnership",
    "diplomatic sanction, demand to leave or agreements denounced",
    "forces withdrawn",
    "relations severed",
]


def battle(data: Dataset) -> pd.Series:
    return data.events.loc[BATTLE]


def window(data: Dataset, end=WINDOW_END) -> pd.DataFrame:
    """Every Ukraine-theme event from the battle's first day to `end`, with actor names."""
    events = theme(data, "ukraine")
    start = battle(data)["date_start"]
    inside = events[(events["date_start"] >= start) & (events["date_start"] <= pd.Timestamp(end))]
    return with_actors(data, inside)


def ukrainian_statements(data: Dataset) -> pd.DataFrame:
    """Statements by Ukrainian officials and institutions after the battle, first first."""
    events = window(data)
    return events[(events["bloc"] == "ukraine") & (events["event_type"] == "statement")]


def ruptures(data: Dataset) -> pd.DataFrame:
    """Each state's severing of relations with Ukraine, with the days since the first Ukrainian
    statement and since the battle ended."""
    events = with_actors(data, data.events[data.events["event_type"] == "diplomatic_rupture"])
    events = events[events["target"].map(data.actors["bloc"]) == "ukraine"]
    first = ukrainian_statements(data).iloc[0]
    end = battle(data)["date_end"]
    return events.assign(
        country_name=events["country"].map(country_name),
        days_after_statement=[days(first["date_start"], d) for d in events["date_start"]],
        days_after_battle=[days(end, d) for d in events["date_start"]],
    ).sort_values("date_start")


def reactions(data: Dataset) -> pd.DataFrame:
    """What others said or did after the first Ukrainian statement, in order."""
    first = ukrainian_statements(data).iloc[0]
    events = window(data)
    later = events[(events["date_start"] >= first["date_start"]) & (events["bloc"] != "ukraine")]
    return later[
        later["event_type"].isin(
            ["statement", "denial", "diplomatic_rupture", "diplomatic_measure", "other"]
        )
    ]


def key_events(data: Dataset) -> set[str]:
    """The events the chapter's findings rest on: the battle, the first Ukrainian statement and
    each rupture."""
    first = ukrainian_statements(data).iloc[0]["event_id"]
    return {BATTLE, first, *ruptures(data)["event_id"], *CITED}


def toll_claims(data: Dataset) -> pd.DataFrame:
    """Every claim about the battle's dead and captured, with who made it."""
    figures = data.figures[
        data.figures["event_id"].isin(
            [BATTLE, *data.events.index[data.events["themes"].map(lambda t: "ukraine" in t)]]
        )
        & data.figures["measure"].isin(["killed", "killed_or_captured", "captured", "missing"])
    ]
    names = data.actors["name"]
    # Grouped by who made the claim, so that each claimant's figures sit together.
    return figures.assign(
        subject_name=figures["subject"].map(names),
        claimant_name=figures["claimant"].map(names),
        claimant_bloc=figures["claimant"].map(data.actors["bloc"]),
    ).sort_values(["subject", "claimant_name", "measure", "value_high"])


def relations(data: Dataset, at) -> pd.DataFrame:
    """State of each Sahel state's relations with each partner on a date, from the events.

    Returns one row per (state, partner) with the status, its level and the event it rests on.
    """
    at = pd.Timestamp(at)
    events = data.events[
        (data.events["date_start"] <= at) & data.events["event_type"].isin(list(RELATION_EFFECTS))
    ]
    bloc = data.actors["bloc"]
    actor_country = events["actor"].map(data.actors["country"])
    target_country = events["target"].map(data.actors["country"])
    rows = []
    for state in STATES:
        for partner, partner_name in PARTNERS.items():
            # The state acting on the partner, or the partner acting in or on the state.
            mine = ((actor_country == state) & (events["target"].map(bloc) == partner)) | (
                (events["actor"].map(bloc) == partner)
                & ((events["country"] == state) | (target_country == state))
            )
            hits = (
                events[mine]
                .assign(level=lambda f: f["event_type"].map(RELATION_EFFECTS).map(RELATION_LEVELS))
                .sort_values(["level", "date_start"])
            )
            if hits.empty:
                status, event_id, date = "no recorded break", None, pd.NaT
            else:
                deepest = hits[hits["level"] == hits["level"].max()]
                last = deepest.iloc[0]  # the first event that reached the deepest level
                status, event_id, date = (
                    RELATION_EFFECTS[last["event_type"]],
                    last["event_id"],
                    last["date_start"],
                )
            rows.append(
                {
                    "state": state,
                    "state_name": country_name(state),
                    "partner": partner,
                    "partner_name": partner_name,
                    "status": status,
                    "level": RELATION_LEVELS[status],
                    "event_id": event_id,
                    "since": date,
                }
            )
    return pd.DataFrame(rows)


def plot_day_by_day(data: Dataset):
    events = window(data)
    order = list(dict.fromkeys(events.sort_values("date_start")["actor_name"]))
    fig, ax = plots.figure(height=0.32 * len(order) + 1.6, width=9)
    y = plots.lanes(ax, order)
    window_end = events["date_start"].max()
    for row in events.itertuples():
        end = row.date_end if pd.notna(row.date_end) else row.date_start
        colour = bloc_colour(row.bloc)
        if row.date_precision == "month":
            # Known only to the month: a thin span over the month (within the window), no dot.
            last = min(row.date_start + pd.offsets.MonthEnd(0), max(window_end, row.date_start))
            ax.plot(
                [row.date_start, last],
                [y[row.actor_name]] * 2,
                color=colour,
                lw=2.5,
                alpha=0.6,
                solid_capstyle="butt",
            )
            continue
        if end > row.date_start:
            ax.plot(
                [row.date_start, end],
                [y[row.actor_name]] * 2,
                color=colour,
                lw=6,
                solid_capstyle="butt",
            )
        marker = "D" if row.event_type == "diplomatic_rupture" else "o"
        ax.plot(row.date_start, y[row.actor_name], marker, color=colour, ms=8, mec="black", mew=1.2)
    first = ukrainian_statements(data).iloc[0]
    for row in ruptures(data).itertuples():
        lane = y[row.actor_name]
        ax.annotate(
            "",
            xy=(row.date_start, lane + 0.35),
            xytext=(first["date_start"], lane + 0.35),
            arrowprops={"arrowstyle": "->", "color": "black", "lw": 0.8},
        )
        ax.text(
            row.date_start,
            lane + 0.45,
            f"{row.days_after_statement} days",
            ha="right",
            va="bottom",
            fontsize=8,
        )
    plots.day_axis(ax, interval=7)
    ax.set_title(f"From the battle of Tinzaouaten to {WINDOW_END:%-d %B %Y}")
    blocs = [b for b in BLOC_COLOURS if b in set(events["bloc"])]
    plots.bloc_legend(
        ax, blocs, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, fontsize=8
    )
    return fig


def plot_toll(data: Dataset):
    claims = toll_claims(data)
    subjects = list(dict.fromkeys(claims["subject_name"]))
    height = 2.2 + 0.3 * len(claims) + 0.45 * len(subjects)
    fig, axes = plt.subplots(
        len(subjects),
        1,
        figsize=(9, height),
        sharex=True,
        height_ratios=[(claims["subject_name"] == s).sum() for s in subjects],
    )
    # Fixed margins, in inches turned into fractions: a layout engine here lands on boxes that
    # differ in the last digits from one process to the next, and the SVG clip ids (hashes of
    # the boxes) would change with them. The long claimant names need the wide left margin.
    fig.subplots_adjust(
        left=0.55, right=0.97, top=1 - 0.4 / height, bottom=1.2 / height, hspace=0.6
    )
    for ax, subject in zip(list(getattr(axes, "flat", [axes])), subjects, strict=True):
        rows = claims[claims["subject_name"] == subject].reset_index(drop=True)
        measures = data.package.resource("figures").field("measure").labels
        labels = [
            f"{r.claimant_name} ({measures.get(r.measure, r.measure)}, "
            f"{'date unknown' if r.date_precision == 'unknown' else f'{r.date:%-d %b}'})"
            for r in rows.itertuples()
        ]
        ypos = range(len(rows))
        colours = rows["claimant_bloc"].map(bloc_colour)
        ax.hlines(ypos, rows["value_low"], rows["value_high"], colors=colours, lw=4)
        ax.scatter(rows["value_low"], ypos, c=colours, edgecolors="black", linewidths=0.5, zorder=3)
        ax.scatter(
            rows["value_high"], ypos, c=colours, edgecolors="black", linewidths=0.5, zorder=3
        )
        ax.set_yticks(list(ypos), labels, fontsize=8)
        ax.set_title(f"Claims about {subject}", loc="left", fontsize=10)
        ax.grid(axis="y", visible=False)
    ax.set_xlabel("People (each claim as its claimant stated it)")
    # Every colour in the legend: the side of whoever made the claim.
    blocs = [b for b in BLOC_COLOURS if b in set(claims["claimant_bloc"])]
    fig.legend(
        handles=plots.bloc_handles(blocs),
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        fontsize=8,
    )
    return fig


def plot_relations(data: Dataset, dates: list):
    fig, axes = plt.subplots(1, len(dates), figsize=(4.2 * len(dates), 3.2), layout="constrained")
    cmap = plt.matplotlib.colors.ListedColormap(LEVEL_COLOURS)
    for ax, at in zip(axes, dates, strict=True):
        table = relations(data, at)
        grid = table.pivot(index="state_name", columns="partner_name", values="level")
        text = table.pivot(index="state_name", columns="partner_name", values="status")
        grid, text = (
            g.loc[[country_name(s) for s in STATES], list(PARTNERS.values())] for g in (grid, text)
        )
        ax.imshow(grid.to_numpy(), cmap=cmap, vmin=0, vmax=len(LEVEL_COLOURS) - 1)
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                level = grid.iat[i, j]
                ax.text(
                    j,
                    i,
                    text.iat[i, j].replace(" ", "\n", 1),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if level >= 3 else "black",
                )
        ax.set_xticks(range(grid.shape[1]), grid.columns, fontsize=8)
        ax.set_yticks(range(grid.shape[0]), grid.index, fontsize=8)
        ax.grid(False)
        ax.set_title(f"On {pd.Timestamp(at):%-d %B %Y}", fontsize=10)
    handles = [
        Patch(facecolor=c, edgecolor="#999999", label=n)
        for c, n in zip(LEVEL_COLOURS, LEVEL_NAMES, strict=True)
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=7)
    return fig
