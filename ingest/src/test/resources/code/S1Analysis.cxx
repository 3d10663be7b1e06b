// S1 pulse-shape analysis on ROOT trees.
#include <TTree.h>
#include <TH1F.h>
#include <algorithm>
#include <vector>

#ifdef USE_GPU
#include "gpu/peaks.cuh"
#define S1_BACKEND "cuda"
#else
#define S1_BACKEND "cpu"
#endif

namespace xenon {
namespace s1 {

constexpr double kMinAreaPe = 2.5; // below this a peak is noise

/// Reads peaks from a ROOT tree and fills pulse-shape histograms.
class S1Analysis : public TObject {
public:
    S1Analysis() = default;
    S1Analysis(TTree* tree, double window);
    virtual ~S1Analysis();

    /// Width at half height, in ns.
    double Width50(const std::vector<float>& wf) const
    {
        auto peak = std::max_element(wf.begin(), wf.end());
        return std::count_if(wf.begin(), wf.end(),
                             [&](float s) { return s > *peak / 2; }) * 10.0;
    }

    void Loop(Long64_t maxEntries = -1);
    TH1F* AreaHist() { return hArea_; }

#ifdef S1_DEBUG
    void Dump() const { tree_->Print(); }
#endif

private:
    void Init();

    TTree* tree_ = nullptr;
    TH1F* hArea_ = nullptr;
    double window_ = 1000;

    ClassDef(S1Analysis, 1)
};

ClassImp(S1Analysis)

// Members initialised with braces, over several lines.
S1Analysis::S1Analysis(TTree* tree, double window)
    : tree_{tree},
      window_{window}
{
    Init();
}

/* Fills the histograms from every entry;
   maxEntries < 0 reads the whole tree. */
void S1Analysis::Loop(Long64_t maxEntries)
{
    const Long64_t n = maxEntries < 0 ? tree_->GetEntries() : maxEntries;
    auto inWindow = [this](double t) {
        return t > 0 && t < window_; // "{ not a block }"
    };
    for (Long64_t i = 0; i < n; ++i) {
        tree_->GetEntry(i);
        if (!inWindow(i)) {
            continue;
        }
        hArea_->Fill(i);
    }
}

void S1Analysis::Init()
{
    hArea_ = new TH1F("hArea", "S1 area;PE;entries", 100, 0, 100);
}

S1Analysis::~S1Analysis() { delete hArea_; }

// Books an area histogram; the binning defaults to 100 bins of 1 PE.
TH1F* BookArea(const char* name, Binning binning = Binning{100, 0., 100.})
{
    return new TH1F(name, "S1 area;PE;entries", binning.n, binning.lo, binning.hi);
}

// Median of the first samples, used as the baseline.
template <typename T>
T Baseline(std::vector<T> samples, std::size_t n = 40)
{
    n = std::min(n, samples.size());
    std::nth_element(samples.begin(), samples.begin() + n / 2, samples.begin() + n);
    return samples[n / 2];
}

}  // namespace s1
}  // namespace xenon

int main(int argc, char** argv)
{
    xenon::s1::S1Analysis analysis(nullptr);
#if defined(S1_DEBUG)
    analysis.Dump();
#endif
    analysis.Loop(argc > 1 ? std::atoi(argv[1]) : -1);
    return 0;
}
