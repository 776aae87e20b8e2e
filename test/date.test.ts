/** Dates read strictly: each case one way a lenient reader would go wrong. */
import { describe, expect, it } from "@effect/vitest"
import { formatTimestamp, parseHttpDate, parseTimestamp } from "../src/internal/date.js"

const utc = Date.UTC

describe("parseTimestamp", () => {
  const read: ReadonlyArray<[string, number]> = [
    ["2017-12-13T23:46:36Z", utc(2017, 11, 13, 23, 46, 36)],
    ["2017-12-13t23:46:36z", utc(2017, 11, 13, 23, 46, 36)],
    ["2017-12-13T23:46:36.5Z", utc(2017, 11, 13, 23, 46, 36, 500)],
    ["2017-12-13T23:46:36.123456789Z", utc(2017, 11, 13, 23, 46, 36, 123)],
    ["2017-12-13T23:46:36+02:00", utc(2017, 11, 13, 21, 46, 36)],
    ["2017-12-13T23:46:36-05:30", utc(2017, 11, 14, 5, 16, 36)],
    ["2017-12-13T23:46:36.250+23:59", utc(2017, 11, 13, 23, 46, 36, 250) - (23 * 60 + 59) * 60_000],
    ["2016-02-29T00:00:00Z", utc(2016, 1, 29)],
    ["2000-02-29T00:00:00Z", utc(2000, 1, 29)],
    ["2017-04-30T00:00:00Z", utc(2017, 3, 30)],
    ["2017-12-31T00:00:00Z", utc(2017, 11, 31)],
    ["0050-06-01T00:00:00Z", new Date("0050-06-01T00:00:00Z").getTime()],
    ["0100-06-01T00:00:00Z", new Date("0100-06-01T00:00:00Z").getTime()]
  ]
  for (const [text, millis] of read) {
    it(`reads ${text}`, () => expect(parseTimestamp(text)).toBe(millis))
  }

  const refused = [
    "2017-02-29T00:00:00Z", // not a leap year
    "1900-02-29T00:00:00Z", // a century that is not a leap year
    "2017-04-31T00:00:00Z",
    "2017-06-31T00:00:00Z",
    "2017-09-31T00:00:00Z",
    "2017-11-31T00:00:00Z",
    "2017-13-01T00:00:00Z",
    "2017-00-01T00:00:00Z",
    "2017-12-00T00:00:00Z",
    "2017-12-13T24:00:00Z",
    "2017-12-13T23:60:00Z",
    "2017-12-13T23:59:60Z",
    "2017-12-13T23:46:36", // no zone
    "2017-12-13T23:46:36Zx",
    "2017-12-13T23:46:36.Z",
    "2017-12-13T23:46:36.1234567891Z", // ten digits of a second
    "2017-12-13T23:46:36+0200",
    "2017-12-13T23:46:36+02:00x",
    "2017-12-13T23:46:36+02:0",
    "2017-12-13T23:46:36*02:00",
    "2017-12-13T23:46:36+24:00",
    "2017-12-13T23:46:36+02:60",
    "2017-12-13T23:46:36+0a:00",
    "2017-12-13T23:46:36+02:a0",
    "2017-12-13T23:46:36+02-00", // the offset's separator
    "2017/12-13T23:46:36Z",
    "2017-12/13T23:46:36Z",
    "2017-12-13 23:46:36Z",
    "2017-12-13T23-46:36Z",
    "2017-12-13T23:46-36Z",
    "2a17-12-13T23:46:36Z",
    "2017-1b-13T23:46:36Z",
    "2017-12-1cT23:46:36Z",
    "2017-12-13T2d:46:36Z",
    "2017-12-13T23:4e:36Z",
    "2017-12-13T23:46:3fZ",
    "2017-12-13T23:46:3/Z", // the character before "0"
    "2017-12-13T23:46:3:Z", // the character after "9"
    "2017",
    ""
  ]
  for (const text of refused) {
    it(`refuses ${JSON.stringify(text)}`, () => expect(parseTimestamp(text)).toBeUndefined())
  }

  it("writes as Twilio does: without milliseconds when there are none", () => {
    expect(formatTimestamp(utc(2017, 11, 13, 23, 46, 36))).toBe("2017-12-13T23:46:36Z")
    expect(formatTimestamp(utc(2017, 11, 13, 23, 46, 36, 500))).toBe("2017-12-13T23:46:36.500Z")
    expect(formatTimestamp(utc(2000, 0, 1))).toBe("2000-01-01T00:00:00Z")
  })
})

describe("parseHttpDate", () => {
  const now = utc(2026, 10, 26)
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
  it("reads IMF-fixdate in every month", () => {
    months.forEach((name, month) => {
      expect(parseHttpDate(`Sun, 06 ${name} 1994 08:49:37 GMT`, now)).toBe(utc(1994, month, 6, 8, 49, 37))
    })
  })
  it("reads asctime, with a one- or two-digit day", () => {
    expect(parseHttpDate("Sun Nov  6 08:49:37 1994", now)).toBe(utc(1994, 10, 6, 8, 49, 37))
    expect(parseHttpDate("Wed Nov 16 08:49:37 1994", now)).toBe(utc(1994, 10, 16, 8, 49, 37))
  })
  it("reads RFC 850, placing a year more than 50 years ahead in the past century", () => {
    expect(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", now)).toBe(utc(1994, 10, 6, 8, 49, 37))
    expect(parseHttpDate("Sunday, 06-Nov-26 08:49:37 GMT", now)).toBe(utc(2026, 10, 6, 8, 49, 37))
    expect(parseHttpDate("Sunday, 06-Nov-76 08:49:37 GMT", now)).toBe(utc(2076, 10, 6, 8, 49, 37))
    expect(parseHttpDate("Sunday, 06-Nov-77 08:49:37 GMT", now)).toBe(utc(1977, 10, 6, 8, 49, 37))
  })
  it("refuses dates that do not exist and forms RFC 9110 does not have", () => {
    for (
      const text of [
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun Nov 31 08:49:37 1994",
        "Sunday, 31-Apr-94 08:49:37 GMT",
        "1994-11-06T08:49:37Z",
        "-1",
        ""
      ]
    ) expect(parseHttpDate(text, now), text).toBeUndefined()
  })
})
