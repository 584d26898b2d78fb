#include "dsl/date.hpp"

#include <fmt/format.h>

namespace terms {

Date Date::from_serial(std::int64_t z) {
  // H. Hinnant's civil_from_days.
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<std::int32_t>(y), static_cast<std::uint8_t>(m), static_cast<std::uint8_t>(d)};
}

Date Date::plus_days(std::int64_t n) const { return from_serial(serial() + n); }

Date Date::plus_months(std::uint64_t n) const {
  const std::int64_t total = static_cast<std::int64_t>(year) * 12 + (month - 1) + static_cast<std::int64_t>(n);
  Date r;
  r.year = static_cast<std::int32_t>(total / 12);
  r.month = static_cast<std::uint8_t>(total % 12 + 1);
  const unsigned last = days_in_month(r.year, r.month);
  r.day = static_cast<std::uint8_t>(day > last ? last : day);
  return r;
}

std::string Date::to_string() const { return fmt::format("{:04}-{:02}-{:02}", year, month, day); }

std::optional<Date> Date::parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n) -> std::optional<unsigned> {
    unsigned v = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
      v = v * 10 + static_cast<unsigned>(t[i] - '0');
    }
    return v;
  };
  const auto y = digits(0, 4);
  const auto m = digits(5, 2);
  const auto d = digits(8, 2);
  if (!y || !m || !d || !valid(static_cast<std::int32_t>(*y), *m, *d)) return std::nullopt;
  return Date{static_cast<std::int32_t>(*y), static_cast<std::uint8_t>(*m), static_cast<std::uint8_t>(*d)};
}

}  // namespace terms
