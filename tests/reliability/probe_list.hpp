// The layer probes as a GoogleTest type list, for typed test suites.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "probe_models.hpp"

namespace reliability {

using LayerProbes = ::testing::Types<probes::Dense, probes::ConvSame, probes::ConvValidStride2,
                                     probes::TconvSameStride2, probes::TconvGaps, probes::UpsampleNearest,
                                     probes::UpsampleBilinear, probes::BatchNorm, probes::Chain,
                                     probes::LinearChain>;

struct LayerProbeNames {
    template <class M>
    static std::string GetName(int i) {
        static constexpr const char* names[] = {"Dense", "ConvSame", "ConvValidStride2", "TconvSameStride2",
                                                "TconvGaps", "UpsampleNearest", "UpsampleBilinear",
                                                "BatchNorm", "Chain", "LinearChain"};
        return names[i];
    }
};

}  // namespace reliability
