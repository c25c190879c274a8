"""Run `newscorpus annotate` over many texts in one process and return its JSON results."""

import json
import subprocess


def annotate(bin_path, texts, normalize=False):
    """Annotate `texts` (a list of str); returns one dict per text, in order.

    With normalize=False (the default for evaluation) offsets point into the texts as given.
    """
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    args = [bin_path, "annotate"] + ([] if normalize else ["--no-normalize"])
    proc = subprocess.run(args, input=lines, capture_output=True, text=True, check=True)
    out = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    if len(out) != len(texts):
        raise RuntimeError(f"annotate returned {len(out)} results for {len(texts)} texts")
    return out
