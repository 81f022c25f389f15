// Writes zip archives with libzip, for tests: Keras 3's .keras files and
// damaged ones.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace test_zip {

struct Member {
    std::string name;
    std::string bytes;
};

void write(const std::filesystem::path& path, const std::vector<Member>& members);

}  // namespace test_zip
