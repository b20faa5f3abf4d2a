"""Figures of the alliance page: each takes the frame it draws (from `sahel.alliance`), at the
book's width, with its labels in words."""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.font_manager import FontProperties

from ..alliance import ECOWAS_SIDE, SAHEL_SIDE
from . import plots
from .style import bloc_colour, category_colours

LINE_PT = 12.5  # the height of a line of 10-point text, with its leading
DOT_PT = 6.5  # a dot's diameter on the time lines
# Where the moves' two sides meet, in axes widths: the three states' labels are the longer.
MIDDLE = 0.42


def _year_axis(ax) -> None:
    """A vertical time axis, earliest at the top, labelled by year."""
    ax.yaxis.set_major_locator(mdates.YearLocator())
    ax.yaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.invert_yaxis()
    ax.grid(axis="x", visible=False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks([])
    ax.tick_params(axis="y", length=0)


def _scale(fig, ax) -> tuple[float, float]:
    """After layout: how many axes-widths one point is, and how many days one point is."""
    fig.draw_without_rendering()
    box = ax.get_window_extent()
    points = 72 / fig.dpi
    low, high = sorted(ax.get_ylim())
    return 1 / (box.width * points), (high - low) / (box.height * points)


def _spread(wanted: list[float], heights: list[float]) -> list[float]:
    """Centres for labels of these heights, each as near its wanted centre (in order) as the
    labels before and after it allow, none overlapping: overlapping runs are moved as one block,
    centred on the centres they want."""
    blocks: list[list[int]] = []

    def top(block: list[int]) -> float:
        offsets = [sum(heights[block[0] : i]) + heights[i] / 2 for i in block]
        return sum(wanted[i] - o for i, o in zip(block, offsets, strict=True)) / len(block)

    for i in range(len(wanted)):
        blocks.append([i])
        while len(blocks) > 1:
            before = blocks[-2]
            if top(before) + sum(heights[j] for j in before) <= top(blocks[-1]):
                break
            blocks[-2:] = [before + blocks[-1]]
    centres = []
    for block in blocks:
        start = top(block)
        for i in block:
            centres.append(start + sum(heights[block[0] : i]) + heights[i] / 2)
    return centres


def _wrap(ax, text: str, room: float) -> str:
    """Text wrapped into lines no wider than `room` points, at the axes' font size."""
    renderer = ax.figure.canvas.get_renderer()
    font = FontProperties(size=plt.rcParams["font.size"])
    points = 72 / ax.figure.dpi
    for width in range(len(text), 0, -1):
        lines = textwrap.wrap(text, width)
        widest = max(renderer.get_text_width_height_descent(line, font, False)[0] for line in lines)
        if widest * points <= room:
            return "\n".join(lines)
    return textwrap.fill(text, 1)


def plot_path(steps: pd.DataFrame):
    """The path as a vertical time line: a dot per step, its date and name on the right, the
    days between successive steps on the left."""
    fig, ax = plots.figure(height=5.6)
    spine, along = 0.24, ax.get_yaxis_transform()  # x in axes widths, y in dates
    first, last = steps["date_start"].min(), steps["date_start"].max()
    ax.plot([spine, spine], [first, last], color="black", lw=1, transform=along)
    ax.scatter(
        [spine] * len(steps),
        steps["date_start"],
        s=DOT_PT**2,
        c=[bloc_colour(b) for b in steps["bloc"]],
        edgecolors="black",
        linewidths=0.5,
        zorder=3,
        transform=along,
    )
    ax.set_ylim(first - pd.Timedelta(days=45), last + pd.Timedelta(days=45))
    _year_axis(ax)
    width_per_pt, days_per_pt = _scale(fig, ax)
    column = spine + 16 * width_per_pt
    texts = [
        _wrap(ax, f"{date:%-d %b %Y}  {step}", (1 - column) / width_per_pt)
        for date, step in zip(steps["date_start"], steps["step"], strict=True)
    ]
    heights = [(t.count("\n") + 1) * LINE_PT * days_per_pt + 2 * days_per_pt for t in texts]
    dates = mdates.date2num(steps["date_start"])
    for date, centre, label in zip(dates, _spread(list(dates), heights), texts, strict=True):
        ax.plot(
            [spine, spine + 8 * width_per_pt, column - 2 * width_per_pt],
            [date, centre, centre],
            color="#888888",
            lw=0.6,
            transform=along,
        )
        ax.text(column, centre, label, va="center", transform=along)
    gaps = steps["days_since_previous"].iloc[1:]
    for before, after, days in zip(dates[:-1], dates[1:], gaps, strict=True):
        ax.text(
            spine - 8 * width_per_pt,
            (before + after) / 2,
            f"{days} days",
            ha="right",
            va="center",
            color="#444444",
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
            transform=along,
        )
    return fig


def plot_membership(membership: pd.DataFrame):
    """One panel per organisation: how many of the three states were members over time."""
    orgs = list(dict.fromkeys(membership["organisation"]))
    fig, axes = plt.subplots(
        len(orgs),
        1,
        figsize=(plots.WIDTH, 1.35 * len(orgs) + 0.4),
        sharex=True,
        layout="constrained",
    )
    for ax, org in zip(axes, orgs, strict=True):
        rows = membership[membership["organisation"] == org]
        colour = bloc_colour(rows["bloc"].iloc[0])
        ax.fill_between(rows["date"], rows["members"], step="post", color=colour, alpha=0.25, lw=0)
        ax.step(rows["date"], rows["members"], where="post", color=colour, lw=2)
        changes = rows.dropna(subset=["event_id"]).drop_duplicates("date")
        ax.plot(changes["date"], changes["members"], "o", color=colour, ms=5, clip_on=False)
        ax.set_title(rows["name"].iloc[0], loc="left")
        ax.set_ylim(-0.15, 3.4)
        ax.set_yticks([0, 1, 2, 3])
        ax.grid(axis="x", visible=False)
    axes[len(orgs) // 2].set_ylabel("Members among the three states")
    plots.date_axis(axes[-1], years=2)
    return fig


def quarter_label(quarter: pd.Period) -> str:
    """A quarter as a short axis label: 'Jul–Sep 2023'."""
    return f"{quarter.start_time:%b}–{quarter.end_time:%b %Y}"


def plot_acts(acts: pd.DataFrame):
    """One bar per quarter, earliest at the top, divided by domain, with the quarter's total."""
    colours = category_colours(list(acts.columns))
    fig, ax = plots.figure(height=0.32 * len(acts) + 1.9)
    labels = [quarter_label(q) for q in acts.index]
    left = pd.Series(0, index=acts.index)
    for domain in acts.columns:
        ax.barh(
            labels,
            acts[domain],
            left=left,
            color=colours[domain],
            label=domain,
            edgecolor="white",
            linewidth=0.5,
        )
        left += acts[domain]
    for y, total in enumerate(left):
        ax.text(total + 0.1, y, f"{total}", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("Acts of the alliance itself")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, left.max() + 0.8)
    ax.grid(axis="y", visible=False)
    fig.legend(loc="outside upper center", ncol=3, handlelength=1, columnspacing=1)
    return fig


def plot_moves(moves: pd.DataFrame):
    """ECOWAS's measures (left) and the three states' steps (right) down a time line: a dot per
    event, stacked outwards where a month holds several, and the key events named."""
    fig, ax = plots.figure(height=8)
    month = moves["date_start"].dt.to_period("M")
    middle = mdates.date2num(month.dt.start_time + pd.Timedelta(days=15))
    ax.set_ylim(middle.min() - 30, middle.max() + 30)
    _year_axis(ax)
    ax.plot([MIDDLE, MIDDLE], [0, 1], color="#bbbbbb", lw=0.8, transform=ax.transAxes)
    width_per_pt, days_per_pt = _scale(fig, ax)
    step = (DOT_PT + 1.5) * width_per_pt
    # Within a month, the named events go outermost, so that their leader lines cross no dot.
    order = moves.assign(month=month, named=moves["label"].notna()).sort_values(
        ["side", "month", "named", "date_start", "event_id"]
    )
    order["k"] = order.groupby(["side", "month"]).cumcount()
    sign = order["side"].map({ECOWAS_SIDE: -1, SAHEL_SIDE: 1})
    order["x"] = MIDDLE + sign * (step + order["k"] * step)
    order["y"] = mdates.date2num(order["month"].dt.start_time + pd.Timedelta(days=15))
    ax.scatter(
        order["x"],
        order["y"],
        s=DOT_PT**2,
        c=[bloc_colour(b) for b in order["bloc"]],
        edgecolors="black",
        linewidths=0.4,
        zorder=3,
        transform=ax.get_yaxis_transform(),
    )
    for side, title, ha in ((ECOWAS_SIDE, "ECOWAS", "right"), (SAHEL_SIDE, SAHEL_SIDE, "left")):
        s = -1 if side == ECOWAS_SIDE else 1
        ax.text(
            MIDDLE + s * step,
            1.01,
            textwrap.fill(title, 22),
            ha=ha,
            va="bottom",
            weight="bold",
            transform=ax.transAxes,
        )
        _name_moves(ax, order[order["side"] == side], s, step, width_per_pt, days_per_pt, ha)
    return fig


def _name_moves(ax, side: pd.DataFrame, sign: int, step: float, width_per_pt, days_per_pt, ha):
    """Name one side's key events in a column beside its dots, one label per month."""
    named = side.dropna(subset=["label"])
    groups = [g for _, g in named.groupby("month", sort=True)]
    if not groups:
        return
    wanted = [g["y"].iloc[0] for g in groups]
    # The labels' column starts past the widest stack of the months they span, and its text
    # wraps at the figure's edge.
    span = side[(side["y"] >= min(wanted) - 31) & (side["y"] <= max(wanted) + 92)]
    column = MIDDLE + sign * (step * (span["k"].max() + 1) + 14 * width_per_pt)
    room = (column if sign < 0 else 1 - column) / width_per_pt
    texts = [_wrap(ax, "; ".join(dict.fromkeys(g["label"])), room) for g in groups]
    heights = [(t.count("\n") + 1) * LINE_PT * days_per_pt + 4 * days_per_pt for t in texts]
    centres = _spread(wanted, heights)
    for group, text, centre in zip(groups, texts, centres, strict=True):
        dot = group.loc[group["k"].idxmax()]
        elbow = column - sign * 5 * width_per_pt
        ax.plot(
            [dot["x"] + sign * DOT_PT / 2 * width_per_pt, elbow, column - sign * 2 * width_per_pt],
            [dot["y"], centre, centre],
            color="#888888",
            lw=0.6,
            transform=ax.get_yaxis_transform(),
        )
        ax.text(column, centre, text, ha=ha, va="center", transform=ax.get_yaxis_transform())
