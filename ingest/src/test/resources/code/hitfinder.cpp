// Hit finding for the TPC waveforms. { this brace is in a comment }
#include <vector>
#include <string>
#include <cmath>

#define HIT_THRESHOLD_ADC 15
#define SQUARE(x) ((x) * (x))
#define MULTI_LINE_MACRO(a, b) \
    do {                       \
        a = b;                 \
    } while (0)

namespace strax {

static const double kSampleNs = 10.0;
constexpr int kMaxChannels = 494;

/* A hit: a contiguous run of samples above threshold.
   Written like { this } to test comments. */
struct Hit {
    int channel;
    long time;
    double area;
};

/// Finds hits in one record.
class HitFinder : public Base {
public:
    explicit HitFinder(double threshold) : threshold_(threshold) {}

    // Inline method, defined in the class body.
    int count() const {
        std::string braces = "}}} not real {{";
        char open = '{';
        return static_cast<int>(hits_.size());
    }

    double bar(const std::vector<double>& samples) const;

    template <typename T>
    T clamp(T v, T lo, T hi) const {
        return v < lo ? lo : (v > hi ? hi : v);
    }

private:
    double threshold_;
    std::vector<Hit> hits_;
};

// Out-of-line definition.
double HitFinder::bar(const std::vector<double>& samples) const {
    double sum = 0;
    for (double s : samples) {
        if (s > threshold_) {
            sum += s;
        }
    }
    return sum;
}

template <typename T>
T baseline(const std::vector<T>& samples, int n = 40) {
    T sum{};
    for (int i = 0; i < n && i < static_cast<int>(samples.size()); ++i) {
        sum += samples[i];
    }
    return sum / n;
}

}  // namespace strax

int main(int argc, char** argv) {
    strax::HitFinder finder(HIT_THRESHOLD_ADC);
    const char* raw = R"(raw { string )";
    return finder.count();
}
