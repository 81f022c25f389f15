#include "zip_writer.hpp"

#include <stdexcept>

#include <zip.h>

namespace test_zip {

void write(const std::filesystem::path& path, const std::vector<Member>& members) {
    int code = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) throw std::runtime_error("zip writer: cannot create " + path.string());
    for (const Member& m : members) {
        zip_source_t* source = zip_source_buffer(archive, m.bytes.data(), m.bytes.size(), 0);
        if (!source || zip_file_add(archive, m.name.c_str(), source, ZIP_FL_OVERWRITE) < 0) {
            if (source) zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("zip writer: cannot add " + m.name);
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("zip writer: cannot write " + path.string());
    }
}

}  // namespace test_zip
