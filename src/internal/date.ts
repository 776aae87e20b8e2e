/**
 * The dates the client reads, parsed strictly: RFC 3339 timestamps in bodies, and RFC 9110
 * HTTP-dates in `Retry-After`. `Date.parse` is not used: it accepts far more (31 February, hour 24,
 * `-1`), and each of those once passed for a date here.
 */

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

const daysInMonth = (year: number, month: number): number =>
  month === 1
    ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28)
    : month === 3 || month === 5 || month === 8 || month === 10
    ? 30
    : 31

/** 400 Gregorian years, in milliseconds: the calendar repeats after them. */
const fourCenturies = 146_097 * 86_400_000

/**
 * Milliseconds since the epoch of a date and time that exists (month from 0), or `undefined`:
 * 31 February, 24:00, a 61st second.
 */
export const utcMillis = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number
): number | undefined => {
  if (!(month >= 0 && month <= 11 && day >= 1 && day <= daysInMonth(year, month))) return undefined
  if (hour > 23 || minute > 59 || second > 59) return undefined
  // Date.UTC reads the years 0 to 99 as 1900 to 1999
  return year < 100
    ? Date.UTC(year + 400, month, day, hour, minute, second) - fourCenturies
    : Date.UTC(year, month, day, hour, minute, second)
}

/** The number written by `length` digits of `text` from `at`, or -1 when one is not a digit. */
const digits = (text: string, at: number, length: number): number => {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const d = text.charCodeAt(i) - 48
    if (!(d >= 0 && d <= 9)) return -1
    value = value * 10 + d
  }
  return value
}

const [dash, colon, dot, plus, minus, upperT, lowerT, upperZ, lowerZ] = [45, 58, 46, 43, 45, 84, 116, 90, 122]

/**
 * An RFC 3339 date and time (`2017-12-13T23:46:36Z`, `…36.5+02:00`) as milliseconds since the
 * epoch, or `undefined` when it is not one. Read character by character, allocating nothing: it
 * runs for every date of every page.
 */
export const parseTimestamp = (text: string): number | undefined => {
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  const t = text.charCodeAt(10)
  if (
    year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || text.charCodeAt(4) !== dash ||
    text.charCodeAt(7) !== dash || (t !== upperT && t !== lowerT) || text.charCodeAt(13) !== colon ||
    text.charCodeAt(16) !== colon
  ) return undefined
  const local = utcMillis(year, month - 1, day, hour, minute, second)
  if (local === undefined) return undefined
  let at = 19
  let fraction = 0
  if (text.charCodeAt(at) === dot) {
    // 1 to 9 digits of a second, of which the milliseconds are kept
    const start = ++at
    let scale = 100
    for (; at < text.length && at - start < 9; at++) {
      const d = text.charCodeAt(at) - 48
      if (!(d >= 0 && d <= 9)) break
      fraction += d * scale
      scale /= 10
    }
    if (at === start) return undefined
    fraction = Math.floor(fraction)
  }
  const zone = text.charCodeAt(at)
  if (zone === upperZ || zone === lowerZ) return at + 1 === text.length ? local + fraction : undefined
  if ((zone !== plus && zone !== minus) || at + 6 !== text.length || text.charCodeAt(at + 3) !== colon) return undefined
  const hours = digits(text, at + 1, 2)
  const minutes = digits(text, at + 4, 2)
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return undefined
  const offset = (hours * 60 + minutes) * 60_000
  return local + fraction - (zone === plus ? offset : -offset)
}

/** A timestamp as Twilio writes it: RFC 3339 in UTC, without milliseconds when there are none. */
export const formatTimestamp = (millis: number): string => new Date(millis).toISOString().replace(/\.000Z$/, "Z")

const dayName = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
const longDayName = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
const month = `(${monthNames.join("|")})`
const time = "(\\d{2}):(\\d{2}):(\\d{2})"
/** IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`. */
const imfFixdate = new RegExp(`^${dayName}, (\\d{2}) ${month} (\\d{4}) ${time} GMT$`)
/** The obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const rfc850Date = new RegExp(`^${longDayName}, (\\d{2})-${month}-(\\d{2}) ${time} GMT$`)
/** The obsolete asctime form, `Sun Nov  6 08:49:37 1994`. */
const asctimeDate = new RegExp(`^${dayName} ${month} ( \\d|\\d{2}) ${time} (\\d{4})$`)

/**
 * An HTTP-date in any of RFC 9110's three formats as milliseconds since the epoch, or `undefined`.
 * `nowMillis` places an RFC 850 two-digit year: more than 50 years ahead is the past century.
 */
export const parseHttpDate = (text: string, nowMillis: number): number | undefined => {
  let m = imfFixdate.exec(text)
  if (m !== null) {
    return utcMillis(Number(m[3]), monthNames.indexOf(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
  }
  m = rfc850Date.exec(text)
  if (m !== null) {
    const thisYear = new Date(nowMillis).getUTCFullYear()
    let year = Math.floor(thisYear / 100) * 100 + Number(m[3])
    if (year > thisYear + 50) year -= 100
    return utcMillis(year, monthNames.indexOf(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
  }
  m = asctimeDate.exec(text)
  if (m !== null) {
    return utcMillis(Number(m[6]), monthNames.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]))
  }
  return undefined
}
