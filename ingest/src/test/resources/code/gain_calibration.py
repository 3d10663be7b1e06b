# -*- coding: utf-8 -*-
"""PMT gain calibration from LED runs."""
import json
import sys

VERSION = "0.4.1"; SCHEMA = 3
if sys.version_info >= (3, 11):
    import tomllib as toml_reader
else: TOML_FALLBACK = True
USAGE = "calibrate run_id \
def usage(): lists the options"
GAIN_FILE = "gains.json"


class GainModel:
    """Single-photoelectron model: a Gaussian on a pedestal."""

    def fit(self, spectrum):
        help_text = "fit the spectrum \
class Nope: not a class"
        return self._fit(spectrum, help_text)

    def _fit(self, spectrum, note):
        return {"mean": sum(spectrum) / len(spectrum), "note": note}


def load_gains(path=GAIN_FILE):
    with open(path) as f:
        return json.load(f)


def main(argv):
    model = GainModel()
    print(model.fit([1.0, 2.0]))
    return 0


if __name__ == "__main__":
    status = main(sys.argv)
    sys.exit(status)
