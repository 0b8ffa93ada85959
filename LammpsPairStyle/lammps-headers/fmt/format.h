// Stand-in for the fmt library bundled with LAMMPS (namespace fmt::v7_lmp), which Debian's liblammps-dev
// does not ship although every LAMMPS class header includes it. It declares only what those headers name,
// so they compile; pair_style latent calls none of the formatted overloads (it passes std::string to
// Error::all), so nothing declared here is ever defined or linked. With a LAMMPS built from source, point
// the include path at its own fmt instead (docs/scale.md).
#ifndef LATENT_FMT_STAND_IN_FORMAT_H
#define LATENT_FMT_STAND_IN_FORMAT_H

#include <cstddef>
#include <string>

namespace fmt {
inline namespace v7_lmp {

template <typename Char> class basic_string_view {
 public:
  basic_string_view(const Char *s) : data_(s), size_(std::char_traits<Char>::length(s)) {}
  basic_string_view(const std::basic_string<Char> &s) : data_(s.data()), size_(s.size()) {}
  const Char *data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const Char *data_;
  std::size_t size_;
};

using string_view = basic_string_view<char>;

class format_args {};

// Declared so the headers' variadic templates parse; instantiating them is a link error by design.
template <typename... Args, typename S, typename... T> format_args make_args_checked(const S &, const T &...);

}  // namespace v7_lmp
}  // namespace fmt

#endif
