"""The press chapter: every claim with its verdict, the verdicts by claimant and by side, the
dates on which the record's own sources differ, and the verdicts as schema.org ClaimReview."""

from __future__ import annotations

import json

import pandas as pd

from .events import in_time_order
from .load import Dataset

PUBLISHER = "The Sahel's break with its former security partners"
# schema.org ratings: 5 is the best; an unproven claim gets no number, only its name.
RATINGS = {"correct": 5, "imprecise": 4, "misleading": 2, "incorrect": 1}


def verdicts(data: Dataset) -> list[str]:
    return data.package.resource("claims").field("verdict").enum


def open_verdicts(data: Dataset) -> list[str]:
    """The verdicts, in words, that leave a claim open (the schema's role `open`)."""
    field = data.package.resource("claims").field("verdict")
    return [field.labels[v] for v in field.roles["open"]]


def checked(data: Dataset) -> pd.DataFrame:
    """Every claim with the names a reader needs: claimant, side, kind of claim, verdict."""
    fields = data.package.resource("claims")
    claims = data.claims
    return claims.assign(
        claimant_name=claims["claimant"].map(data.actors["name"]),
        side_label=claims["side"].map(fields.field("side").labels),
        type_label=claims["claim_type"].map(fields.field("claim_type").labels),
        verdict_label=claims["verdict"].map(fields.field("verdict").labels),
        source_url=claims["source_id"].map(data.sources["url"]),
    ).sort_values(["published", "claim_id"])


def tally(data: Dataset, by: str) -> pd.DataFrame:
    """Claims per verdict for each claimant or side (`by` names a column of `checked`), most
    claims first."""
    frame = checked(data)
    table = pd.crosstab(frame[by], frame["verdict"]).reindex(columns=verdicts(data), fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    labels = data.package.resource("claims").field("verdict").labels
    return table.rename(columns=labels).rename_axis(columns=None)


def frequent(table: pd.DataFrame, min_claims: int) -> pd.DataFrame:
    """The rows of a tally (`tally`) with at least `min_claims` claims: the figure shows who was
    checked most, the table everyone."""
    return table[table.sum(axis=1) >= min_claims]


def disputed(data: Dataset) -> pd.DataFrame:
    """The events whose sources differ on a date, a number or a fact, as the record notes."""
    events = data.events[data.events["disagreement"].notna()]
    return in_time_order(events)


def claim_reviews(data: Dataset, page: str, reviewed: str) -> list[dict]:
    """One schema.org ClaimReview per claim, for the page's JSON-LD."""
    reviews = []
    for claim_id, row in checked(data).iterrows():
        rating = {"@type": "Rating", "alternateName": row["verdict_label"]}
        if row["verdict"] in RATINGS:
            rating |= {"ratingValue": RATINGS[row["verdict"]], "bestRating": 5, "worstRating": 1}
        author_type = (
            "Person" if data.actors.at[row["claimant"], "kind"] == "person" else "Organization"
        )
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"{page}#claim-{claim_id}",
                "claimReviewed": row["claim"],
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": author_type, "name": row["claimant_name"]},
                    "datePublished": f"{row['published']:%Y-%m-%d}",
                    "appearance": {"@type": "CreativeWork", "url": row["source_url"]},
                },
                "reviewRating": rating,
                "author": {"@type": "Organization", "name": PUBLISHER},
                "datePublished": reviewed,
            }
        )
    return reviews


def jsonld_html(reviews: list[dict]) -> str:
    """The reviews as one JSON-LD script element (no third-party script is loaded)."""
    text = json.dumps(reviews, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'
