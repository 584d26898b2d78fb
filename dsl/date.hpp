#pragma once
// Calendar dates of the language (`since`, `until`, `signed`, `dated`): the
// proleptic Gregorian calendar, written `YYYY-MM-DD`. A Date is a plain value;
// comparisons and day arithmetic go through serial(), the number of days since
// 1970-01-01 (negative before it), so that "months after" and "in force on"
// never depend on the host's time zone or C library.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace terms {

struct Date {
  std::int32_t year = 1970;
  std::uint8_t month = 1;  // 1..12
  std::uint8_t day = 1;    // 1..days_in_month

  static constexpr bool leap(std::int32_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
  static constexpr unsigned days_in_month(std::int32_t y, unsigned m) {
    constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : (m >= 1 && m <= 12 ? kDays[m - 1] : 0);
  }
  // Whether year, month and day name a day of the calendar (2018-02-30 does not).
  static constexpr bool valid(std::int32_t y, unsigned m, unsigned d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
  }

  // Days since 1970-01-01 (H. Hinnant's days_from_civil).
  constexpr std::int64_t serial() const {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  friend constexpr bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend constexpr std::strong_ordering operator<=>(const Date& a, const Date& b) {
    if (a.year != b.year) return a.year <=> b.year;
    if (a.month != b.month) return a.month <=> b.month;
    return a.day <=> b.day;
  }

  // The same day `n` months later; a day past the end of the shorter month
  // becomes that month's last day (2019-01-31 + 1 month = 2019-02-28).
  Date plus_months(std::uint64_t n) const;
  Date plus_days(std::int64_t n) const;
  static Date from_serial(std::int64_t days);

  // `YYYY-MM-DD`.
  std::string to_string() const;
  // Parses exactly `YYYY-MM-DD`; nullopt when the text has another shape or
  // names no day of the calendar.
  static std::optional<Date> parse(std::string_view text);
};

// A sanction is in force on day D when since <= D (or no since) and D < until
// (or no until): `until` is the first day it no longer applies.
constexpr bool in_force_on(const std::optional<Date>& since, const std::optional<Date>& until, const Date& d) {
  return (!since || *since <= d) && (!until || d < *until);
}

}  // namespace terms
