"""Names a reader sees for codes in the data: countries, blocs of actors, the three host states."""

from __future__ import annotations

BLOC_LABELS: dict[str, str] = {
    "france": "France",
    "un": "United Nations",
    "eu": "European Union",
    "united_states": "United States",
    "germany": "Germany",
    "italy": "Italy",
    "united_kingdom": "United Kingdom",
    "turkey": "Turkey",
    "other_europe": "Other European states",
    "russia": "Russia (state and Wagner)",
    "ukraine": "Ukraine",
    "ecowas": "ECOWAS",
    "aes": "Mali, Burkina Faso, Niger and the AES",
    "g5_sahel": "G5 Sahel",
    "armed_group": "Armed groups",
    "other": "Others",
}


COUNTRY_NAMES: dict[str, str] = {
    "MLI": "Mali",
    "BFA": "Burkina Faso",
    "NER": "Niger",
    "FRA": "France",
    "USA": "United States",
    "DEU": "Germany",
    "UKR": "Ukraine",
    "RUS": "Russia",
    "SEN": "Senegal",
    "NGA": "Nigeria",
    "TCD": "Chad",
    "MRT": "Mauritania",
    "DZA": "Algeria",
    "CIV": "Côte d'Ivoire",
    "BEN": "Benin",
    "TGO": "Togo",
    "GHA": "Ghana",
    "BEL": "Belgium",
    "ITA": "Italy",
    "GBR": "United Kingdom",
    "DNK": "Denmark",
    "SWE": "Sweden",
    "EST": "Estonia",
    "CZE": "Czechia",
    "NLD": "the Netherlands",
    "NOR": "Norway",
    "ESP": "Spain",
    "PRT": "Portugal",
    "CAN": "Canada",
    "TUR": "Turkey",
    "CHN": "China",
    "IRN": "Iran",
    "BLR": "Belarus",
    "KWT": "Kuwait",
    "MAR": "Morocco",
    "VNM": "Vietnam",
    "VEN": "Venezuela",
    "EGY": "Egypt",
    "GIN": "Guinea",
    "LBY": "Libya",
    "QAT": "Qatar",
    "ETH": "Ethiopia",
    "HUN": "Hungary",
    "LUX": "Luxembourg",
    "SAU": "Saudi Arabia",
    "CMR": "Cameroon",
}


HOSTS = ["MLI", "BFA", "NER"]


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)
