//! The simulated clock: a local date and time at the start, plus the milliseconds the run has
//! spent (sleeps, timeouts), in the parts the runtime's time helpers read.

/// When a run starts unless told: a Monday in working hours.
const DEFAULT_START: &str = "2026-01-05 10:00:00";

/// Days from 1970-01-01 to `year-month-day` (proleptic Gregorian).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Seconds since 1970 of `YYYY-MM-DD HH:MM[:SS]`.
pub fn parse(text: &str) -> Option<i64> {
    let (date, time) = text.trim().split_once(' ')?;
    let mut date = date.split('-').map(|part| part.parse::<i64>());
    let (year, month, day) = (date.next()?.ok()?, date.next()?.ok()?, date.next()?.ok()?);
    let mut time = time.split(':').map(|part| part.parse::<i64>());
    let (hour, minute) = (time.next()?.ok()?, time.next()?.ok()?);
    let second = time.next().and_then(Result::ok).unwrap_or(0);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Year, month, day, hour, minute, second, weekday (Sunday 1), day of the year, ISO week, week
/// of the month, `elapsed` milliseconds after `start`.
pub fn parts(start: Option<&str>, elapsed: u64) -> [i64; 10] {
    let start = start
        .and_then(parse)
        .or_else(|| parse(DEFAULT_START))
        .unwrap_or(0);
    let seconds = start + (elapsed / 1000) as i64;
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = (days + 4).rem_euclid(7) + 1;
    let year_day = days - days_from_civil(year, 1, 1) + 1;
    let week = iso_week(days);
    let month_start = days_from_civil(year, month, 1);
    let week_of_month = 1 + week - iso_week(month_start);
    [
        year,
        month,
        day,
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60,
        weekday,
        year_day,
        week,
        week_of_month,
    ]
}

/// The ISO week number of the day `days` after 1970-01-01.
fn iso_week(days: i64) -> i64 {
    // Monday 0 … Sunday 6.
    let weekday = (days + 3).rem_euclid(7);
    let thursday = days - weekday + 3;
    let (year, _, _) = civil_from_days(thursday);
    (thursday - days_from_civil(year, 1, 1)) / 7 + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_come_apart_as_the_runtime_reads_them() {
        // Tuesday 10 March 2026, 14:30.
        assert_eq!(
            parts(Some("2026-03-10 14:30:00"), 0),
            [2026, 3, 10, 14, 30, 0, 3, 69, 11, 3]
        );
        // The default start is a Monday at ten; a minute and a half later.
        assert_eq!(parts(None, 90_000)[..7], [2026, 1, 5, 10, 1, 30, 2]);
        // Across midnight at the end of a year.
        assert_eq!(
            parts(Some("2026-12-31 23:59:59"), 2000)[..6],
            [2027, 1, 1, 0, 0, 1]
        );
        assert_eq!(parse("not a date"), None);
    }
}
