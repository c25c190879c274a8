#!/usr/bin/env python3
"""Evaluate the numbers/dates tagger (`numbers` of `newscorpus annotate`).

Three measurements:

1. numbers_dev.jsonl (Microsoft Recognizers-Text English number specs), scored per model, since
   a case lists only what its model extracts. Our kinds map to the models as follows:

   | model                           | our mentions counted                                     |
   |---------------------------------|----------------------------------------------------------|
   | NumberModel (all modes)         | cardinal, fraction, money (the number inside `$20`)      |
   | NumberRangeModel (all modes)    | quantities with a bound: modifier more_than, at_least,   |
   |                                 | fewer_than, at_most, up_to, between, range, exactly      |
   | OrdinalModel (all modes)        | ordinal                                                  |
   | PercentModel (all modes)        | percent                                                  |
   | CurrencyModel                   | money                                                    |
   | DimensionModel                  | measure, except temperatures (C, F) and ages             |
   | TemperatureModel                | measure in C, F or deg                                   |
   | AgeModel                        | measure in *_of_age                                      |
   | DateTimeModel (dates_dev.jsonl) | date, date_range, time, duration                         |

   A predicted mention matches an expected one when their code-point spans overlap (one-to-one,
   greedy in text order); our spans include modifiers (`more than 4,000`) where the upstream
   number spans do not. Precision/recall/F1 count matches; value accuracy is the share of
   matches whose value is right: numbers within 1e-6 relative; ranges by both bounds (open or
   closed ignored); dates by ISO vs. TIMEX with `X` as a wildcard, weekday-only TIMEX
   (`XXXX-WXX-1`) by the weekday of our resolved date, ranges by start and end (end inclusive
   or exclusive), times as HH:MM; `PRESENT_REF` (`now`) by the reference date, the end of a day
   (`...T23:59:59`) by that day with modifier `late`.
   Scores are given on the cases upstream supports on every platform ("supported": empty
   `not_supported` and `not_supported_by_design`) and on all cases.

2. dates_dev.jsonl: DateTimeModel, with each case's ReferenceDateTime passed as `published`.

3. seeds_gold.jsonl: the raw seed files annotated WITH normalization; every gold number must be
   found, matched by text + kind + value (ISO for dates and times), counting occurrences.

Usage: eval_numbers.py --eval-dir DIR --bin BIN --out OUTDIR [--seeds DIR]
Writes OUTDIR/numbers.json and prints a short report.
"""

import argparse
import collections
import datetime
import json
import math
import os
import subprocess
import sys

MODEL_KINDS = {
    "NumberModel": {"cardinal", "fraction", "money"},
    "OrdinalModel": {"ordinal"},
    "PercentModel": {"percent"},
    "CurrencyModel": {"money"},
    "DateTimeModel": {"date", "date_range", "time", "duration"},
}
RANGE_MODIFIERS = {"more_than", "at_least", "fewer_than", "at_most", "up_to", "between", "range", "exactly"}


TEMPERATURE_UNITS = {"C", "F", "K"}
# Recognizers' unit names for units named without a figure, and ours (unlisted names: any unit)
BARE_UNITS = {"Dollar": "USD", "Euro": "EUR", "Japanese yen": "JPY", "Gram": "g", "Microgram": "ug",
              "Kilogram": "kg", "Metre": "m", "Meter": "m", "Kilometer": "km", "Tonne": "t", "C": "C", "F": "F"}
# money's and unit rows' `unit`: an ISO 4217 code, or a generic name the tagger uses (schemas/numbers.json)
GENERIC_CURRENCIES = {"cent", "GBP_pence", "dinar", "peso", "lira", "franc"}


def is_currency(unit):
    return unit in GENERIC_CURRENCIES or (len(unit) == 3 and unit.isalpha() and unit.isupper())


def model_family(model):
    for base in ("NumberRangeModel", "NumberModel", "OrdinalModel", "PercentModel"):
        if model.startswith(base):
            return base
    return model


def counts_for(model, m):
    """Whether our mention `m` is of a kind that `model` extracts."""
    fam = model_family(model)
    k = m["kind"]
    unit = m.get("unit") or ""
    if fam == "NumberRangeModel":
        return m.get("modifier") in RANGE_MODIFIERS and k in {"cardinal", "fraction", "percent", "money", "measure"}
    if k == "unit":
        # a currency or unit named without a figure: the model its unit belongs to
        if unit in TEMPERATURE_UNITS:
            return fam == "TemperatureModel"
        if is_currency(unit):
            return fam == "CurrencyModel"
        return fam == "DimensionModel"
    if fam == "DimensionModel":
        return k == "measure" and unit not in TEMPERATURE_UNITS and not unit.endswith("_of_age")
    if fam == "TemperatureModel":
        return k == "measure" and unit in {"C", "F", "K", "deg"}
    if fam == "AgeModel":
        return k == "measure" and unit.endswith("_of_age")
    return k in MODEL_KINDS.get(fam, set())


def annotate(bin_path, records, normalize):
    lines = "".join(json.dumps(r) + "\n" for r in records)
    args = [bin_path, "annotate"] + ([] if normalize else ["--no-normalize"])
    proc = subprocess.run(args, input=lines, capture_output=True, text=True, check=True)
    out = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if len(out) != len(records):
        raise RuntimeError(f"annotate returned {len(out)} results for {len(records)} texts")
    return out


def close(a, b):
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def to_float(x):
    try:
        return float(str(x).replace("%", ""))
    except (TypeError, ValueError):
        return None


def parse_range(s):
    """'[20,30)' -> (20.0, 30.0); '(30,)' -> (30.0, None)."""
    s = str(s).strip()
    if len(s) < 3 or s[0] not in "[(" or s[-1] not in ")]" or "," not in s:
        return None
    lo, hi = s[1:-1].split(",", 1)
    return (to_float(lo) if lo.strip() else None, to_float(hi) if hi.strip() else None)


def num_value_ok(model, exp, m):
    fam = model_family(model)
    if fam == "NumberRangeModel":
        r = parse_range(exp.get("value"))
        if r is None:
            return False
        lo, hi = r
        ours = (m.get("lower"), m.get("upper"))
        ok_lo = (lo is None and ours[0] is None) or close(lo, ours[0])
        ok_hi = (hi is None and ours[1] is None) or close(hi, ours[1])
        return ok_lo and ok_hi
    if exp.get("value") is None:
        # a unit named without a figure: right when ours is a `unit` row of the same unit
        want_unit = BARE_UNITS.get(((exp.get("resolution") or {}).get("unit") or ""))
        return (
            m.get("kind") == "unit"
            and m.get("value") is None
            and (want_unit is None or m.get("unit") == want_unit)
        )
    want = to_float(exp.get("value"))
    if want is None:
        return False
    return close(want, m.get("value"))


# ---- TIMEX comparison -------------------------------------------------------------------


def wild_eq(ours, theirs):
    if len(ours) != len(theirs):
        return False
    return all(t == "X" or o == t for o, t in zip(ours, theirs))


def norm_time(s):
    """'T08' -> '08:00', 'T07:30' -> '07:30', '10:00' -> '10:00'."""
    s = s[1:] if s.startswith("T") else s
    if len(s) == 2 and s.isdigit():
        return s + ":00"
    return s


def iso_date(s):
    try:
        return datetime.date.fromisoformat(s)
    except (TypeError, ValueError):
        return None


def next_unit(s):
    """The ISO value one unit after `s` (2017 -> 2018, 2017-12 -> 2018-01, date + 1 day)."""
    if len(s) == 4 and s.isdigit():
        return f"{int(s) + 1:04d}"
    if len(s) == 7 and s[:4].isdigit():
        y, m = int(s[:4]), int(s[5:7])
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return f"{y:04d}-{m:02d}"
    d = iso_date(s)
    if d:
        return (d + datetime.timedelta(days=1)).isoformat()
    return s


PARTS_OF_DAY = {"MO", "AF", "EV", "NI", "DT", "MI"}


def timex_eq_single(ours, theirs):
    if ours is None or theirs is None:
        return False
    # date and time: compare the date part and the clock part separately
    if "T" in theirs[1:] and not theirs.startswith("T"):
        d, t = theirs.split("T", 1)
        if t in PARTS_OF_DAY:  # "2020-07-01TNI": our day is right if the date is
            return timex_eq_single(ours.split("T")[0], d)
        if "T" not in ours:
            return False
        od, ot = ours.split("T", 1)
        return timex_eq_single(od, d) and norm_time(ot) == norm_time(t)
    if ":" in ours or theirs.startswith("T"):
        return norm_time(ours) == norm_time(theirs)
    if theirs.startswith("XXXX-WXX-") and len(theirs) == 10:
        if ours == theirs:
            return True
        d = iso_date(ours)
        return d is not None and str(d.isoweekday()) == theirs[-1]
    return wild_eq(ours, theirs)


def timex_eq(ours, theirs):
    if ours is None or theirs is None:
        return False
    if theirs.startswith("(") and theirs.endswith(")"):
        parts = theirs[1:-1].split(",")
        if len(parts) < 2 or "/" not in ours:
            return False
        a, b = ours.split("/", 1)
        s, e = parts[0], parts[1]
        if "T" in s or "T" in e:
            # a clock range: with its day when both sides carry one, else the clock only
            if "T" in a and "T" in b and not s.startswith("T") and not e.startswith("T"):
                return timex_eq_single(a, s) and timex_eq_single(b, e)
            return timex_eq_single(a.split("T")[-1], s.split("T")[-1]) and timex_eq_single(
                b.split("T")[-1], e.split("T")[-1])
        return (timex_eq_single(a, s[: len(a)]) or timex_eq_single(a, s)) and (
            timex_eq_single(b, e[: len(b)]) or timex_eq_single(next_unit(b), e[: len(b)]) or timex_eq_single(b, e)
        )
    if theirs.startswith("P"):
        return ours == theirs
    return timex_eq_single(ours, theirs)


def date_value_ok(exp, m, ref=None):
    """`ref` is the case's reference date (YYYY-MM-DD): TIMEX `PRESENT_REF` (`now`) stands for
    it, and we write the moment of writing as that day. The end of a day (`end of tomorrow`,
    TIMEX `2016-11-08T23:59:59`) is our day with modifier `late`."""
    res = exp.get("resolution") or {}
    vals = res.get("values") or []
    ours = m.get("iso")
    for v in vals:
        tx = v.get("timex")
        if not tx:
            continue
        if ref and "PRESENT_REF" in tx:
            tx = tx.replace("PRESENT_REF", ref)
        if tx.endswith("T23:59:59") and m.get("modifier") == "late" and ours == tx[: -len("T23:59:59")]:
            return True
        if timex_eq(ours, tx):
            return True
    return False


# ---- scoring ------------------------------------------------------------------------------


def match(expected, predicted):
    """One-to-one greedy matching by span overlap; returns [(exp, pred)]."""
    pairs = []
    used = set()
    for e in expected:
        for j, p in enumerate(predicted):
            if j in used:
                continue
            if p["start"] < e["end"] and e["start"] < p["end"]:
                pairs.append((e, p))
                used.add(j)
                break
    return pairs


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = self.val_ok = 0

    def add(self, n_exp, n_pred, pairs, ok):
        self.tp += len(pairs)
        self.fp += n_pred - len(pairs)
        self.fn += n_exp - len(pairs)
        self.val_ok += ok

    def summary(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        va = round(self.val_ok / self.tp, 4) if self.tp else None
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(f, 4), "value_accuracy": va}


def eval_recognizers(bin_path, path, failures):
    cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    recs = []
    for i, c in enumerate(cases):
        r = {"id": i, "text": c["text"]}
        ref = (c.get("context") or {}).get("ReferenceDateTime")
        if ref:
            r["published"] = ref[:10]
        recs.append(r)
    outs = annotate(bin_path, recs, normalize=False)
    scores = collections.defaultdict(lambda: {"supported": Score(), "all": Score()})
    for c, o in zip(cases, outs):
        model = c["model"]
        supported = not c.get("not_supported") and not c.get("not_supported_by_design")
        preds = [m for m in o["numbers"] if counts_for(model, m)]
        exp = c["expected"]
        pairs = match(exp, preds)
        if model_family(model) == "DateTimeModel":
            ref = ((c.get("context") or {}).get("ReferenceDateTime") or "")[:10] or None
            ok = sum(1 for e, p in pairs if date_value_ok(e, p, ref))
        else:
            ok = sum(1 for e, p in pairs if num_value_ok(model, e, p))
        for key in (["supported", "all"] if supported else ["all"]):
            scores[model_family(model)][key].add(len(exp), len(preds), pairs, ok)
        if supported and (len(pairs) != len(exp) or len(pairs) != len(preds) or ok != len(pairs)):
            failures.append({
                "id": c["id"], "text": c["text"][:200],
                "expected": [(e["text"], e.get("value") if e.get("value") is not None else
                              [v.get("timex") for v in (e.get("resolution") or {}).get("values", [])][:1])
                             for e in exp],
                "ours": [(p["text"], p["kind"], p.get("value"), p.get("iso"), p.get("lower"), p.get("upper")) for p in preds],
            })
    return {m: {k: s.summary() for k, s in v.items()} for m, v in sorted(scores.items())}


def gold_value_ok(g, m):
    kind = g["kind"]
    if kind in {"date", "date_range", "time"}:
        return m.get("iso") == g.get("value")
    if "value" in g:
        return close(to_float(g["value"]), m.get("value"))
    return True


def eval_seeds(bin_path, gold_path, seeds_dir, failures):
    gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
    recs = []
    for i, g in enumerate(gold):
        with open(os.path.join(seeds_dir, g["file"]), encoding="utf-8", errors="replace") as f:
            recs.append({"id": i, "text": f.read()})
    outs = annotate(bin_path, recs, normalize=True)
    total = found = extra_ok = extra_total = 0
    for g, o in zip(gold, outs):
        preds = list(o["numbers"])
        used = set()
        for gn in g["numbers"]:
            total += 1
            hit = None
            for j, p in enumerate(preds):
                if j not in used and p["text"] == gn["text"] and p["kind"] == gn["kind"] and gold_value_ok(gn, p):
                    hit = j
                    break
            if hit is None:
                failures.append({"file": g["file"], "missing": gn,
                                 "ours_same_text": [p for p in preds if p["text"] == gn["text"]][:2]})
                continue
            used.add(hit)
            found += 1
            p = preds[hit]
            for field in ("modifier", "lower", "upper", "vague", "object"):
                if field in gn:
                    extra_total += 1
                    ok = close(gn[field], p.get(field)) if isinstance(gn[field], (int, float)) and not isinstance(gn[field], bool) else gn[field] == p.get(field)
                    extra_ok += ok
                    if not ok:
                        failures.append({"file": g["file"], "field": field, "gold": gn, "ours": p.get(field)})
    return {"gold": total, "found": found, "recall": round(found / total, 4) if total else 1.0,
            "other_fields_correct": extra_ok, "other_fields_total": extra_total}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seeds", default=None, help="seed files (default: seeds/ next to scripts/)")
    ap.add_argument("--show-failures", type=int, default=0, help="print this many failing cases")
    args = ap.parse_args()
    seeds = args.seeds or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seeds")
    failures = {"numbers": [], "dates": [], "seeds": []}
    result = {
        "numbers_dev": eval_recognizers(args.bin, os.path.join(args.eval_dir, "numbers_dev.jsonl"), failures["numbers"]),
        "dates_dev": eval_recognizers(args.bin, os.path.join(args.eval_dir, "dates_dev.jsonl"), failures["dates"]),
        "seeds": eval_seeds(args.bin, os.path.join(args.eval_dir, "seeds_gold.jsonl"), seeds, failures["seeds"]),
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "numbers.json"), "w", encoding="utf-8") as f:
        json.dump({**result, "failures": failures}, f, indent=1, ensure_ascii=False)
    print("numbers: per model, supported cases [all cases]: P R F1 value-accuracy (n = expected mentions)")
    for name in ("numbers_dev", "dates_dev"):
        for model, s in result[name].items():
            a = s["all"]
            u = s.get("supported")
            def fmt(x):
                va = "  n/a" if x["value_accuracy"] is None else f"{x['value_accuracy']:.3f}"
                n = x["tp"] + x["fn"]
                return f"P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f} val {va} (n={n})"
            line = f"  {model:17s} "
            line += fmt(u) if u else f"{'(no supported cases)':44s}"
            line += f"  [{fmt(a)}]"
            print(line)
    s = result["seeds"]
    print(f"  seeds: {s['found']}/{s['gold']} gold numbers found (text+kind+value); "
          f"other fields {s['other_fields_correct']}/{s['other_fields_total']}")
    if args.show_failures:
        for k, v in failures.items():
            for x in v[: args.show_failures]:
                print(k, json.dumps(x, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
