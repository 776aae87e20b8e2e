/**
 * The dates the client reads, parsed strictly: RFC 3339 timestamps in bodies, and RFC 9110
 * HTTP-dates in `Retry-After`. `Date.parse` is not used: it accepts far more (31 February, hour 24,
 * `-1`), and each of those once passed for a date here.
 */

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

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
  if (hour > 23 || minute > 59 || second > 59) return undefined
  const millis = Date.UTC(year, month, day, hour, minute, second)
  const date = new Date(millis)
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day
    ? millis
    : undefined
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/**
 * An RFC 3339 date and time (`2017-12-13T23:46:36Z`, `…36.5+02:00`) as milliseconds since the
 * epoch, or `undefined` when it is not one.
 */
export const parseTimestamp = (text: string): number | undefined => {
  const m = rfc3339.exec(text)
  if (m === null) return undefined
  const local = utcMillis(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
  if (local === undefined) return undefined
  const fraction = m[7] === undefined ? 0 : Math.floor(Number(m[7]) * 1000)
  if (m[8] !== undefined) return local + fraction
  const hours = Number(m[10])
  const minutes = Number(m[11])
  if (hours > 23 || minutes > 59) return undefined
  const offset = (hours * 60 + minutes) * 60_000
  return local + fraction - (m[9] === "+" ? offset : -offset)
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
