"""Basic properties of peaks: area, width, timing.

Adapted in spirit from a strax-style plugin. Nothing here runs; it is a fixture.
"""
import numpy as np
import strax
import numba

export, __all__ = strax.exporter()

# Smallest S1 area (PE) we bother to classify.
S1_AREA_MIN = 3
S2_AREA_MIN: float = 100.0
DEFAULT_WIDTHS = (0.5, 0.9)

TEMPLATE = """
def fake():
    return {'not': 'a real function'}
class Nope:
"""


@export
@strax.takes_config(
    strax.Option('n_top_pmts', default=253,
                 help="Number of top PMTs"),
    strax.Option('check_peak_sum_area_rtol', default=None,
                 help="Check if the area of peaks and the area of their waveforms agree"),
)
class PeakBasics(strax.Plugin):
    """Compute the basic peak-properties, e.g. area, width and the time of the maximum.

    The docstring mentions def compute(self): on purpose, and a brace {.
    """
    __version__ = "0.1.2"
    depends_on = ('peaks',)
    provides = 'peak_basics'

    def infer_dtype(self):
        dtype = [
            (('Start time of the peak (ns since unix epoch)', 'time'), np.int64),
            (('End time of the peak (ns since unix epoch)', 'endtime'), np.int64),
            (('Weighted center time of the peak (ns since unix epoch)', 'center_time'), np.int64),
            (('Peak integral in PE', 'area'), np.float32),
        ]
        return dtype

    # The main work: one row per peak.
    def compute(self, peaks,
                start=None,
                end=None):
        p = peaks
        r = np.zeros(len(p), self.dtype)
        for q in 'time length dt area'.split():
            r[q] = p[q]
        r['endtime'] = p['time'] + p['dt'] * p['length']

        def area_fraction(top, total):
            # nested helper: "def" in a comment does not open anything
            return top / total if total else 0.

        r['area_fraction_top'] = [area_fraction(a, b) for a, b in zip(p['area_per_channel'][:, :253].sum(axis=1), p['area'])]
        return r

    @staticmethod
    @numba.njit(cache=True,
                nogil=True)
    async def check_area(area_per_channel_sum, peaks, rtol) -> None:
        """Check the peak area matches the waveform area."""
        if rtol is None:
            return
        mask = np.abs(area_per_channel_sum - peaks['area']) > rtol * peaks['area']
        if np.any(mask):
            raise ValueError(f"Peak area {peaks['area'][mask]} does not match: ({{ }})")


def shift_time(peaks, dt=10, \
               inplace=False):
    """Shift all peaks by dt nanoseconds."""
    if not inplace:
        peaks = peaks.copy()
    peaks['time'] += dt
    return peaks


if __name__ == "__main__":
    print(S1_AREA_MIN)
